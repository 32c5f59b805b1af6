"""Literal file operations on local disk and gs://: no path is ever a pattern.

Beam's `FileSystems.match`, `delete` (and GCS `rename`, through delete) treat their
arguments as globs: an output called `a*` matched, and emptied, `archive2024`; an
output `o[1]` could not delete its own probe. Everything the dataset does to its own
files goes through here instead, where a path means exactly that path:

- listing is by literal prefix (`os.walk` of the folder; a bucket listing by prefix);
- delete, rename and read take exact names, and a missing file is not an error where
  the caller is making sure it is gone (idempotent steps of a commit);
- `create_exclusive`, `read_versioned`, `replace_if` and `delete_if` are a
  compare-and-swap on one small object: on gs:// through generation preconditions
  (`if_generation_match`, 0 = must not exist), on local disk through `O_EXCL` links and
  an exclusive `flock` on the folder for the check-then-write. The output lock is
  built on them.

Reads and writes of Parquet still go through Beam's `FileSystems.open`/`create`, which
take literal names on both filesystems.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import posixpath
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

GS = "gs://"


@dataclass(frozen=True)
class Entry:
    """A listed file: its path, size in bytes, and last change (seconds since the epoch)."""

    path: str
    size: int
    mtime: float


def is_gcs(path: str) -> bool:
    return path.startswith(GS)


def join(folder: str, *names: str) -> str:
    """`folder/name/...` on either filesystem (both use `/`)."""
    return "/".join([folder.rstrip("/"), *names])


def _bucket_and_name(path: str) -> tuple[str, str]:
    bucket, _, name = path[len(GS) :].partition("/")
    return bucket, name


@lru_cache(maxsize=1)
def gcs_client():
    """A google-cloud-storage client with Beam's credentials (one per process)."""
    from apache_beam.io.gcp.gcsio import create_storage_client
    from apache_beam.options.pipeline_options import PipelineOptions

    return create_storage_client(PipelineOptions())


def _blob(path: str):
    bucket, name = _bucket_and_name(path)
    return gcs_client().bucket(bucket).blob(name)


def list_below(root: str) -> list[Entry]:
    """Every file below the folder (or bucket prefix) `root`, hidden ones included, sorted
    by path. Symlinked folders are not followed; a missing root holds no files."""
    if is_gcs(root):
        bucket, prefix = _bucket_and_name(root.rstrip("/") + "/")
        blobs = gcs_client().list_blobs(bucket, prefix=prefix)
        return sorted(
            (
                Entry(f"{GS}{bucket}/{b.name}", b.size or 0, b.updated.timestamp())
                for b in blobs
                if not b.name.endswith("/")
            ),
            key=lambda e: e.path,
        )
    entries = []
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            with contextlib.suppress(FileNotFoundError):
                info = os.lstat(path)
                entries.append(Entry(path, info.st_size, info.st_mtime))
    return sorted(entries, key=lambda e: e.path)


def exists(path: str) -> bool:
    if is_gcs(path):
        return _blob(path).exists()
    return os.path.lexists(path)


def read_bytes(path: str) -> bytes | None:
    """The content of `path`, None when there is no such file."""
    if is_gcs(path):
        from google.api_core.exceptions import NotFound

        try:
            return _blob(path).download_as_bytes()
        except NotFound:
            return None
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def write_atomic(path: str, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old content or the new, whole.

    A gs:// upload is atomic; locally a hidden temporary file is written, synced and
    renamed over `path`.
    """
    if is_gcs(path):
        _blob(path).upload_from_string(data)
        return
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    temp = os.path.join(folder, f".{os.path.basename(path)}.{uuid.uuid4().hex[:12]}.tmp")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(temp)


def delete(paths: list[str]) -> None:
    """Delete exactly these files; one already gone is fine."""
    if not paths:
        return
    if is_gcs(paths[0]):
        from google.api_core.exceptions import NotFound

        client = gcs_client()
        for path in paths:
            bucket, name = _bucket_and_name(path)
            with contextlib.suppress(NotFound):
                client.bucket(bucket).delete_blob(name)
        return
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)


def rename(source: str, target: str) -> bool:
    """Move `source` to `target` (replacing it). Returns False, changing nothing, when
    `source` is gone: the step was done before (a retried or rolled-forward commit)."""
    if is_gcs(source):
        from google.api_core.exceptions import NotFound

        client = gcs_client()
        source_bucket, source_name = _bucket_and_name(source)
        target_bucket, target_name = _bucket_and_name(target)
        bucket = client.bucket(source_bucket)
        try:
            bucket.copy_blob(bucket.blob(source_name), client.bucket(target_bucket), target_name)
        except NotFound:
            return False
        with contextlib.suppress(NotFound):
            bucket.delete_blob(source_name)
        return True
    try:
        os.replace(source, target)
    except FileNotFoundError:
        if os.path.lexists(source):  # the target's folder is missing
            raise
        return False
    return True


# Compare-and-swap on one small object (the output lock). A token names one version of
# the object: its generation on gs://, a hash of its content locally.


def _local_token(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=12).hexdigest()


@contextlib.contextmanager
def _folder_locked(path: str) -> Iterator[None]:
    """Hold an exclusive flock on the folder of `path` (released if the process dies)."""
    folder = os.path.dirname(path) or "."
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def read_versioned(path: str) -> tuple[bytes, str] | None:
    """(content, token) of `path`, None when it does not exist."""
    if is_gcs(path):
        from google.api_core.exceptions import NotFound, PreconditionFailed

        bucket, name = _bucket_and_name(path)
        while True:
            blob = gcs_client().bucket(bucket).get_blob(name)
            if blob is None:
                return None
            generation = blob.generation  # read first: a download resets it from its headers
            try:
                data = blob.download_as_bytes(if_generation_match=generation)
            except NotFound:
                return None
            except PreconditionFailed:
                continue  # replaced between the two requests: read the new version
            return data, str(generation)
    data = read_bytes(path)
    return None if data is None else (data, _local_token(data))


def create_exclusive(path: str, data: bytes) -> str | None:
    """Create `path` holding `data` unless it exists: its token, or None when it existed."""
    if is_gcs(path):
        from google.api_core.exceptions import PreconditionFailed

        blob = _blob(path)
        try:
            blob.upload_from_string(data, if_generation_match=0)
        except PreconditionFailed:
            return None
        return str(blob.generation)
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    temp = os.path.join(folder, f".{posixpath.basename(path)}.{uuid.uuid4().hex[:12]}.tmp")
    with open(temp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        with _folder_locked(path):
            os.link(temp, path)  # fails if `path` exists: O_EXCL with the content in place
    except FileExistsError:
        return None
    finally:
        os.remove(temp)
    return _local_token(data)


def replace_if(path: str, data: bytes, token: str) -> str | None:
    """Replace `path` with `data` if it is still the version `token`: the new token, or
    None when it changed or disappeared meanwhile."""
    if is_gcs(path):
        from google.api_core.exceptions import NotFound, PreconditionFailed

        blob = _blob(path)
        try:
            blob.upload_from_string(data, if_generation_match=int(token))
        except (PreconditionFailed, NotFound):
            return None
        return str(blob.generation)
    with _folder_locked(path):
        current = read_versioned(path)
        if current is None or current[1] != token:
            return None
        write_atomic(path, data)
    return _local_token(data)


def delete_if(path: str, token: str) -> bool:
    """Delete `path` if it is still the version `token`; whether it was deleted."""
    if is_gcs(path):
        from google.api_core.exceptions import NotFound, PreconditionFailed

        bucket, name = _bucket_and_name(path)
        try:
            gcs_client().bucket(bucket).delete_blob(name, if_generation_match=int(token))
        except (PreconditionFailed, NotFound):
            return False
        return True
    with _folder_locked(path):
        current = read_versioned(path)
        if current is None or current[1] != token:
            return False
        os.remove(path)
    return True


def is_disk_full(exc: BaseException) -> bool:
    """Whether `exc` (or what caused it) says the disk or quota is full."""
    while exc is not None:
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if "No space left on device" in str(exc):
            return True
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return False
