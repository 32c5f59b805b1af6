"""Finish what a killed run left in an output: complete its commit, remove its files.

A run killed during its commit leaves a journal; `repair` makes the commit's remaining
steps (completing it, never undoing it), then removes the staged and half-written
files of every run (none can be running: repair holds the output's lock, so do not
run it beside a Dataflow job launched without `newsbeam run`). The next `newsbeam run`
into the output does the same first.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", default="out", help="output folder or gs:// prefix of a run")


def run(args: argparse.Namespace) -> int:
    from newsbeam.transforms.dataset import LockHeld, OutputLock, new_run_id, repair

    lock = OutputLock(args.output, new_run_id())
    try:
        lock.acquire()
    except LockHeld as exc:
        print(f"newsbeam repair: {exc}; try again when it has ended", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - e.g. an unreachable bucket: one line
        print(f"newsbeam repair: cannot use --output {args.output}: {exc}", file=sys.stderr)
        return 1
    try:
        done = repair(args.output, set(), everyone=True)
    finally:
        lock.release()
    if done.rolled_forward:
        print(f"completed the interrupted commit of run {done.rolled_forward}")
    for path in done.missing:
        print(f"lost before its commit (rerun its input): {path}")
    print(f"removed {done.leftovers_removed} leftover file(s)")
    return 0
