"""gzip and bzip2 wrappers around any input format, inflated under a size limit.

The compression is recognised by its magic bytes, not the file name. Inflating stops
as soon as the output passes the limit, so a small bomb (a few KB inflating to
gigabytes) costs at most `limit` bytes of memory and is rejected.
"""

from __future__ import annotations

import bz2
import gzip
import io
import zlib

from newsbeam.transforms.deadletter import RejectedInput

#: File name endings a compressed file carries, dropped to name what is inside.
SUFFIXES = (".gz", ".gzip", ".bz2")


def compression_of(data: bytes) -> str | None:
    """Whether `data` is "gzip" or "bzip2" by its magic bytes; None when it is neither."""
    if data.startswith(b"\x1f\x8b"):
        return "gzip"
    if data.startswith(b"BZh") and data[3:4].isdigit():
        return "bzip2"
    return None


def inner_name(name: str) -> str:
    """The name of what a compressed file holds: `news.jsonl.gz` -> `news.jsonl`."""
    for suffix in SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def _open(kind: str, data: bytes) -> gzip.GzipFile | bz2.BZ2File:
    if kind == "gzip":
        return gzip.GzipFile(fileobj=io.BytesIO(data))
    return bz2.BZ2File(io.BytesIO(data))


def inflate(data: bytes, kind: str, limit: int) -> bytes:
    """The decompressed bytes of `data`; `RejectedInput` when over `limit` or corrupt.

    Multi-member gzip files (as `.warc.gz` files are) are read to their end.
    """
    try:
        with _open(kind, data) as stream:
            inflated = stream.read(limit + 1)
    except EOFError as exc:
        raise RejectedInput("corrupt", f"truncated {kind} stream: {exc}") from exc
    except (OSError, zlib.error) as exc:
        raise RejectedInput("corrupt", f"invalid {kind} data: {exc}") from exc
    if len(inflated) > limit:
        raise RejectedInput(
            "too_large", f"{kind} content inflates to more than --max_file_bytes={limit}"
        )
    return inflated
