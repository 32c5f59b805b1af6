"""Compaction: a partition's small files rewritten as a few files of a target size.

Streaming writes one file per window, table and partition (100 streamed articles made
78 objects of a median 7 KB), and DuckDB pays per file. Compaction merges the small
files of each partition folder into files of about `target_bytes`, through the same
journal as a commit (`journal`): the merged file is staged, the journal names its
rename and the deletion of the files it replaces, then both are made. A reader using
the committed view (`newsbeam query`, `report`) never sees a partition doubled or
partial, and a compaction killed at any step is completed by the next run, `repair` or
compaction. The merged file is named for its rows like any other
(`commit.file_name`), so compacting again changes nothing.

Streaming jobs take no lock and only add files: the files a compaction lists are
published ones, which no job rewrites, so it may run beside a streaming job. It takes
the output's lock, so it never overlaps a batch commit.
"""

from __future__ import annotations

import posixpath
import time
from collections import defaultdict
from dataclasses import dataclass, field

import pyarrow as pa

from newsbeam.transforms.dataset import journal, objects, schema, storage
from newsbeam.transforms.dataset.commit import file_name, row_keys
from newsbeam.transforms.dataset.journal import relative

#: Files at least this share of the target are left as they are.
_BIG_ENOUGH = 0.5


@dataclass
class Compacted:
    """What a compaction did."""

    merged: int = 0  # small files replaced
    written: int = 0  # files written in their place
    partitions: list[str] = field(default_factory=list)  # folders compacted (relative)
    leftovers_removed: int = 0


def compaction_groups(
    entries: list[objects.Entry], output: str, target_bytes: int
) -> list[list[str]]:
    """Groups of small files to merge: within one table's partition folder, files under
    half the target, in name order, packed up to the target; a group needs two files."""
    small: dict[str, list[objects.Entry]] = defaultdict(list)
    for entry in entries:
        folder, _ = posixpath.split(relative(output, entry.path))
        if entry.size < _BIG_ENOUGH * target_bytes:
            small[folder].append(entry)
    groups = []
    for folder in sorted(small):
        group: list[str] = []
        size = 0
        for entry in sorted(small[folder], key=lambda e: e.path):
            if group and size + entry.size > target_bytes:
                groups.append(group)
                group, size = [], 0
            group.append(entry.path)
            size += entry.size
        groups.append(group)
    return [g for g in groups if len(g) >= 2]


def compact(output: str, run_id: str, target_bytes: int, leftover_seconds: float) -> Compacted:
    """Merge the small files under `output` (see the module doc); then remove staged and
    half-written files last touched more than `leftover_seconds` ago. The caller holds
    the output's lock."""
    done = Compacted()
    pending = journal.read_journal(output)
    if pending is not None:
        journal.roll_forward(output, pending)
    entries = [
        e
        for table in schema.TABLES
        for e in objects.list_below(storage.join(output, table))
        if e.path.endswith(storage.PARQUET_SUFFIX)
        and not posixpath.basename(e.path).startswith(".")
    ]
    steps = journal.Journal(run_id)
    for group in compaction_groups(entries, output, target_bytes):
        folder, _ = storage.split(group[0])
        table = relative(output, group[0]).split("/", 1)[0]
        merged = pa.concat_tables(
            [storage.read_parquet(p) for p in group], promote_options="default"
        )
        final = storage.join(folder, file_name(table, row_keys(table, merged)))
        storage.write_parquet(merged, storage.staged_path(final, run_id), run_id)
        journal.kill_point("rewrite")
        steps.publish.append(
            (relative(output, storage.staged_path(final, run_id)), relative(output, final))
        )
        steps.delete += [relative(output, p) for p in group if p != final]
        done.merged += len(group)
        done.written += 1
        done.partitions.append(posixpath.dirname(relative(output, group[0])))
    if steps.publish:
        journal.write_journal(output, steps)
        journal.roll_forward(output, steps)
    done.leftovers_removed = storage.remove_leftovers(
        output, {run_id}, older_than=time.time() - leftover_seconds
    )
    return done
