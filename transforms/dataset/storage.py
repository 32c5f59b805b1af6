"""Parquet files on any Beam filesystem (local or gs://), published atomically.

A file is written under a hidden temporary name in its final folder, then renamed:
readers globbing `**/*.parquet` never see a half-written file, and a run killed
mid-write leaves only hidden `.inprogress` files that the next commit removes. A batch
run goes one step further: its files wait under hidden staged names (`staged_path`)
until the commit publishes them all at once, so readers see the old dataset or the new
one, not a mix of the two for the length of the write stage (nor, after a kill, until
the next run).
"""

from __future__ import annotations

import posixpath
import uuid

import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

PARQUET_SUFFIX = ".parquet"
TEMP_SUFFIX = ".inprogress"
STAGED_SUFFIX = ".staged"


def join(*parts: str) -> str:
    return FileSystems.join(*parts)


def split(path: str) -> tuple[str, str]:
    """(folder, file name) on any filesystem."""
    return FileSystems.split(path)


def write_parquet(table: pa.Table, path: str) -> None:
    """Write `table` to `path` so that the file appears complete or not at all."""
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    folder, name = split(path)
    temp = join(folder, f".{name}.{uuid.uuid4().hex[:12]}{TEMP_SUFFIX}")
    with FileSystems.create(temp, compression_type=CompressionTypes.UNCOMPRESSED) as handle:
        handle.write(sink.getvalue().to_pybytes())
    FileSystems.rename([temp], [path])


def staged_path(path: str) -> str:
    """Where the file for `path` waits, hidden, until the commit publishes it."""
    folder, name = split(path)
    return join(folder, f".{name}{STAGED_SUFFIX}")


def publish_staged(paths: list[str]) -> None:
    """Rename the staged files of `paths` into place (replacing files of the same name)."""
    if paths:
        FileSystems.rename([staged_path(p) for p in paths], paths)


def read_parquet(path: str, columns: list[str] | None = None) -> pa.Table:
    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as handle:
        return pq.read_table(pa.BufferReader(handle.read()), columns=columns)


def list_files(root: str, suffix: str = PARQUET_SUFFIX) -> list[str]:
    """Paths of the files below `root` whose names end with `suffix` (hidden ones included
    only when asked for by a hidden suffix)."""
    pattern = join(root, "**")
    try:
        results = FileSystems.match([pattern])
    except Exception:  # noqa: BLE001 - a missing folder simply holds no files
        return []
    paths = [m.path for r in results for m in r.metadata_list]
    visible = suffix == PARQUET_SUFFIX
    return sorted(
        p
        for p in paths
        if p.endswith(suffix) and (not visible or not posixpath.basename(p).startswith("."))
    )


def delete(paths: list[str]) -> None:
    if paths:
        FileSystems.delete(paths)


def check_output(root: str) -> None:
    """Raise unless files can be listed, written and deleted under `root` (created if
    missing): a run that could not publish its output fails before doing any work."""
    probe = join(root, f".newsbeam-probe-{uuid.uuid4().hex[:12]}{TEMP_SUFFIX}")
    with FileSystems.create(probe, compression_type=CompressionTypes.UNCOMPRESSED) as handle:
        handle.write(b"")
    FileSystems.delete([probe])
    FileSystems.match([join(root, "**")])
