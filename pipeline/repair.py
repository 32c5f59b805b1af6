"""Finish what a killed run left in an output: complete its commit, remove its files.

A run killed during its commit leaves a journal; `repair` makes the commit's remaining
steps (completing it, never undoing it), then removes the staged and half-written
files of every run (none can be running: repair holds the output's lock, so do not
run it beside a Dataflow job launched without `newsbeam run`). The next `newsbeam run`
into the output does the same first.
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", default="out", help="output folder or gs:// prefix of a run")


def run(args: argparse.Namespace) -> int:
    from newsbeam.options import absolute_output
    from newsbeam.output_lock import under_lock
    from newsbeam.transforms.dataset import new_run_id, repair

    args.output = absolute_output(args.output)
    status, done = under_lock(
        "newsbeam repair",
        args.output,
        new_run_id(),
        lambda: repair(args.output, set(), everyone=True),
    )
    if done is None:
        return status
    if done.rolled_forward:
        print(f"completed the interrupted commit of run {done.rolled_forward}")
    for path in done.missing:
        print(f"lost before its commit (rerun its input): {path}")
    print(f"removed {done.leftovers_removed} leftover file(s)")
    return 0
