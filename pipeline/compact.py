"""`newsbeam compact`: merge each partition's small files, as a scheduled job would.

Streaming (append) writes a file per window, table and partition; DuckDB's cost grows
with the number of files. Run this from time to time (e.g. hourly from cron or Cloud
Scheduler) against a streaming output: it takes the output's lock, merges the files
under half the target size in each partition folder through a journal (readers see the
partition whole before and after, never doubled), and removes staged and half-written
files older than the leftover horizon. See `newsbeam.transforms.dataset.compact`.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", default="out", help="output folder or gs:// prefix")
    parser.add_argument(
        "--target_mb", type=float, default=128.0, help="size of the merged files (default 128)"
    )
    parser.add_argument(
        "--leftover_hours",
        type=float,
        default=24.0,
        help="remove staged and half-written files older than this (default 24)",
    )


def run(args: argparse.Namespace) -> int:
    from newsbeam.options import absolute_output
    from newsbeam.output_lock import under_lock
    from newsbeam.transforms.dataset import compact, new_run_id

    args.output = absolute_output(args.output)
    if args.target_mb <= 0 or args.leftover_hours < 0:
        print("newsbeam compact: --target_mb must be > 0, --leftover_hours >= 0", file=sys.stderr)
        return 2
    run_id = new_run_id()
    target, horizon = int(args.target_mb * 1024 * 1024), args.leftover_hours * 3600
    status, done = under_lock(
        "newsbeam compact",
        args.output,
        run_id,
        lambda: compact(args.output, run_id, target, horizon),
    )
    if done is None:
        return status
    print(
        f"merged {done.merged} file(s) into {done.written} in {len(done.partitions)} "
        f"partition folder(s); removed {done.leftovers_removed} leftover file(s)"
    )
    return 0
