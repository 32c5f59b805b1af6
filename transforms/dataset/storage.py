"""Parquet files on any Beam filesystem (local or gs://), published atomically.

A file is written under a hidden temporary name in its final folder, then renamed:
readers globbing `**/*.parquet` never see a half-written file, and a run killed
mid-write leaves only hidden `.inprogress` files. A batch run goes one step further:
its files wait under hidden staged names (`staged_path`) until the commit publishes
them all at once, so readers see the old dataset or the new one, not a mix of the two
for the length of the write stage (nor, after a kill, until the next run).

Staged and temporary names carry the run id, so a run only ever removes its own
leftovers, and those of runs known to be dead (`remove_leftovers`). Listing and
deleting are literal (`objects`): an output path is never a glob.
"""

from __future__ import annotations

import posixpath
import re
import uuid
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

from newsbeam.transforms.dataset import objects
from newsbeam.transforms.dataset.lock import RUN_ID_PATTERN

PARQUET_SUFFIX = ".parquet"
TEMP_SUFFIX = ".inprogress"
STAGED_SUFFIX = ".staged"
#: Age after which another run's leftovers are taken for a dead run's and removed by a
#: commit (a run that held the lock and died is known dead at once: see `lock`).
LEFTOVER_SECONDS = 7 * 24 * 3600.0
#: The run id inside a staged or temporary name (see `lock.new_run_id`).
_RUN_IN_NAME = re.compile(rf"\.({RUN_ID_PATTERN})\.")


def join(*parts: str) -> str:
    return FileSystems.join(*parts)


def split(path: str) -> tuple[str, str]:
    """(folder, file name) on any filesystem."""
    return FileSystems.split(path)


def write_parquet(table: pa.Table, path: str, run_id: str) -> None:
    """Write `table` to `path` so that the file appears complete or not at all (the
    temporary name carries `run_id`: whose leftover it is, should the run die)."""
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    folder, name = split(path)
    temp = join(folder, f".{name}.{run_id}.{uuid.uuid4().hex[:12]}{TEMP_SUFFIX}")
    with FileSystems.create(temp, compression_type=CompressionTypes.UNCOMPRESSED) as handle:
        handle.write(sink.getvalue().to_pybytes())
    objects.rename(temp, path)


def staged_path(path: str, run_id: str) -> str:
    """Where run `run_id`'s file for `path` waits, hidden, until its commit publishes it."""
    folder, name = split(path)
    return join(folder, f".{name}.{run_id}{STAGED_SUFFIX}")


def read_parquet(path: str, columns: list[str] | None = None) -> pa.Table:
    """The file's rows; with `columns`, only those columns' chunks and the footer are
    read (both local files and gs:// objects are seekable), not the whole file."""
    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as handle:
        if columns is None:
            return pq.read_table(pa.BufferReader(handle.read()))
        return pq.ParquetFile(handle).read(columns=columns)


def list_files(root: str) -> list[str]:
    """Paths of the published Parquet files below `root` (literally: no wildcards)."""
    return [e.path for e in list_entries(root)]


def list_entries(root: str) -> list[objects.Entry]:
    """The published Parquet files below `root`, with their sizes and change times."""
    return [e for e in objects.list_below(root) if is_published(e.path)]


def is_published(path: str) -> bool:
    """Whether `path` is a published Parquet file (staged and temporary ones are hidden)."""
    return path.endswith(PARQUET_SUFFIX) and not posixpath.basename(path).startswith(".")


@dataclass(frozen=True)
class Leftover:
    """A hidden file a run left: staged for its commit, or half-written."""

    path: str
    run_id: str | None  # None for files of versions before run ids
    mtime: float


def leftovers(output: str) -> list[Leftover]:
    """The staged and in-progress files under `output`, with the run that wrote each."""
    found = []
    for entry in objects.list_below(output):
        name = posixpath.basename(entry.path)
        if name.startswith(".") and name.endswith((STAGED_SUFFIX, TEMP_SUFFIX)):
            match = _RUN_IN_NAME.search(name)
            found.append(Leftover(entry.path, match and match.group(1), entry.mtime))
    return found


def remove_leftovers(
    output: str, runs: set[str], older_than: float | None = None, everyone: bool = False
) -> int:
    """Delete the leftovers of the runs `runs` (and unnamed ones of older versions), and
    those of any run last touched before `older_than` (seconds since the epoch), or of
    every run with `everyone`. Returns
    how many were deleted. Another run's fresh files are never touched: it may still be
    writing them."""
    doomed = [
        f.path
        for f in leftovers(output)
        if everyone
        or f.run_id is None  # written by a version before run ids: no run is writing it
        or f.run_id in runs
        or (older_than is not None and f.mtime < older_than)
    ]
    objects.delete(doomed)
    return len(doomed)


def check_output(root: str) -> None:
    """Raise unless files can be listed, written and deleted under `root` (created if
    missing): a run that could not publish its output fails before doing any work."""
    probe = join(root, f".newsbeam-probe-{uuid.uuid4().hex[:12]}.probe")
    with FileSystems.create(probe, compression_type=CompressionTypes.UNCOMPRESSED) as handle:
        handle.write(b"")
    objects.delete([probe])
    objects.list_below(root)
