"""The output's lock around a `newsbeam run`, and the repair that follows taking it.

A batch run that commits (upsert, replace) holds the lock of its --output from before
its pipeline starts until it ended, so a second run into the same output is refused
with one line naming the holder (or waits, with `--wait_for_lock`). Right after taking
it, the run completes an unfinished commit a killed run left and removes the staged
files of a dead holder (see `newsbeam.transforms.dataset.repair`). Streaming and append
runs only add files and take no lock.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from newsbeam.transforms.dataset import Holder, LockHeld, OutputLock, repair

T = TypeVar("T")


@contextmanager
def held_output(output: str, run_id: str, commits: bool, wait: bool, quiet: bool) -> Iterator[None]:
    """Hold `output`'s lock for run `run_id` (when it `commits`), repairing first."""
    if not commits:
        yield
        return

    def waiting(holder: Holder) -> None:
        if not quiet:
            print(f"newsbeam run: waiting for {holder.describe()} to finish", file=sys.stderr)

    lock = OutputLock(output, run_id)
    lock.acquire(wait=wait, on_wait=waiting)
    try:
        dead = {lock.taken_from.run_id} if lock.taken_from else set()
        repaired = repair(output, dead)
        if not quiet and repaired.rolled_forward:
            print(
                f"newsbeam run: completed the interrupted commit of run {repaired.rolled_forward}",
                file=sys.stderr,
            )
        yield
    finally:
        lock.release()


def under_lock(
    command: str, output: str, run_id: str, work: Callable[[], T]
) -> tuple[int, T | None]:
    """Run a maintenance command's `work` holding `output`'s lock: (0, its result), or
    (exit status, None) after one line saying why the lock could not be taken."""
    lock = OutputLock(output, run_id)
    try:
        lock.acquire()
    except LockHeld as exc:
        print(f"{command}: {exc}; try again when it has ended", file=sys.stderr)
        return 2, None
    except Exception as exc:  # noqa: BLE001 - e.g. an unreachable bucket: one line
        print(f"{command}: cannot use --output {output}: {exc}", file=sys.stderr)
        return 1, None
    try:
        return 0, work()
    finally:
        lock.release()
