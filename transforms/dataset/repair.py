"""Finishing what a killed run left, and the committed files a reader should see.

A run killed during its commit leaves a journal (rolled forward here: the commit is
completed, never undone); one killed before it leaves staged and half-written files
(removed here when their run is known dead). `newsbeam run` does this after taking the
output's lock, before anything else; `newsbeam repair` does only this.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from newsbeam.transforms.dataset import schema, storage
from newsbeam.transforms.dataset.journal import committed_view, read_journal, roll_forward


@dataclass
class Repaired:
    """What a repair did."""

    rolled_forward: str | None = None  # the run whose unfinished commit was completed
    missing: list[str] = field(default_factory=list)  # its files that could not be published
    leftovers_removed: int = 0


def repair(output: str, dead_runs: set[str], everyone: bool = False) -> Repaired:
    """Complete an unfinished commit under `output`, then remove the leftovers of
    `dead_runs`, of runs untouched for `storage.LEFTOVER_SECONDS`, or (`everyone`) of
    every run. The caller holds the output's lock."""
    done = Repaired()
    pending = read_journal(output)
    if pending is not None:
        done.rolled_forward = pending.run_id
        done.missing = roll_forward(output, pending)
    done.leftovers_removed = storage.remove_leftovers(
        output, dead_runs, older_than=time.time() - storage.LEFTOVER_SECONDS, everyone=everyone
    )
    return done


def abandon(output: str, run_id: str) -> int:
    """After run `run_id` failed: finish its commit if it had written its journal (the
    commit was decided; its staged files are the data), else remove its staged and
    half-written files, which would only fill the disk. Returns how many were removed."""
    pending = read_journal(output)
    if pending is not None and pending.run_id == run_id:
        roll_forward(output, pending)
    return storage.remove_leftovers(output, {run_id})


def committed_files(output: str) -> dict[str, list[str]]:
    """Each table's Parquet files as the last commit leaves them, even while that commit
    is unfinished (see `journal.committed_view`); read-only."""
    files = committed_view(output, storage.list_files(output))
    root = output.rstrip("/") + "/"
    tables: dict[str, list[str]] = {table: [] for table in schema.TABLES}
    for path in files:
        table = path[len(root) :].split("/", 1)[0]
        if table in tables:
            tables[table].append(path)
    return tables
