"""How an upsert's commit scales with the data already there (issue 25, item 4).

A local dataset of P partitions (date x topic), each with an articles file (200 rows)
and an entities and a quotes file (2,000 rows with a 200-character text column, the
bulk of a real dataset), is built at 1x and 10x P. A new run then upserts articles of
one partition. Side by side, in one process, on the same files:

- baseline: what the commit did before (every earlier file of every table read whole,
  one after another, then its key columns taken);
- newsbeam: `commit.upsert_keys` with the key index an earlier commit left (articles
  and errors files only where the index says the run's keys are, entities and quotes
  only in the partitions a superseded article lies in; key columns only; reads overlap).

Printed: seconds and files opened per variant and size, and the 10x/1x ratio of each
(flat is the goal: the run touches one partition at both sizes). The listing of file
names that both need is not timed. Local disk only: on gs:// each file is a round trip,
which the overlap of reads hides further.

    python -m benchmarks.commit_scaling            # P = 20 and 200
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from functools import partial
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsbeam.transforms.dataset import (
    WrittenFile,
    key_columns,
    key_index,
    objects,
    storage,
    upsert_keys,
)

ARTICLES_PER_FILE = 200
ROWS_PER_ARTICLE = 10


def build(root: Path, partitions: int) -> dict[str, str]:
    """The dataset's files (path -> table)."""
    files = {}
    for p in range(partitions):
        partition = f"date=2022-{1 + p // 28 % 12:02d}-{1 + p % 28:02d}/topic=t{p // 336}"
        ids = [f"p{p}-a{i}" for i in range(ARTICLES_PER_FILE)]
        tables = {
            "articles": pa.table({"article_id": ids, "source_uri": [f"/in/{i}.txt" for i in ids]}),
        }
        many = [i for i in ids for _ in range(ROWS_PER_ARTICLE)]
        for table in ("entities", "quotes"):
            tables[table] = pa.table(
                {"article_id": many, "text": [f"{i} " + "x" * 200 for i in many]}
            )
        for table, rows in tables.items():
            folder = root / table / partition
            folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(rows, folder / "part-0.parquet", compression="zstd")
            files[str(folder / "part-0.parquet")] = table
    return files


def baseline(files: dict[str, str]) -> int:
    """The former commit's reads: every file whole, in turn."""
    for path, table in sorted(files.items()):
        with open(path, "rb") as handle:
            pq.read_table(pa.BufferReader(handle.read())).select(key_columns(table))
    return len(files)


def index(root: Path, files: dict[str, str]) -> dict[str, objects.Entry]:
    """Leave the key index an earlier commit that wrote `files` would have left; returns
    the listing of the files (path -> entry), as the commit has it."""
    listed = {e.path: e for e in storage.list_entries(str(root)) if e.path in files}
    learned = {}
    for path, table in files.items():
        if table == "articles":
            keys = pq.read_table(path, columns=["article_id", "source_uri"])
            learned[path] = key_index.Keys(
                frozenset(keys["article_id"].to_pylist()), frozenset(keys["source_uri"].to_pylist())
            )
    articles = {p: e for p, e in listed.items() if files[p] == "articles"}
    key_index.update(str(root), "20261206T000000-00000000", key_index.Lookup(), articles, learned)
    return listed


def newsbeam(
    root: Path, files: dict[str, str], listed: dict[str, objects.Entry], written: list[WrittenFile]
) -> int:
    read, _, _ = upsert_keys(str(root), written, files, listed)
    return len(read)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partitions", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    results: dict[tuple[str, int], tuple[float, int]] = {}
    for size in (args.partitions, 10 * args.partitions):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            files = build(root, size)
            listed = index(root, files)
            ids = [f"p0-a{i}" for i in range(5)]
            written = [
                WrittenFile(
                    "articles",
                    storage.join(str(root), "articles", "date=2022-01-01/topic=t0", "new.parquet"),
                    ids,
                    [f"/in/{i}.txt" for i in ids],
                )
            ]
            for name, run in (
                ("baseline", partial(baseline, files)),
                ("newsbeam", partial(newsbeam, root, files, listed, written)),
            ):
                times, opened = [], 0
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    opened = run()
                    times.append(time.perf_counter() - start)
                results[(name, size)] = (statistics.median(times), opened)
    small, big = args.partitions, 10 * args.partitions
    print(f"upsert of 5 articles in 1 partition; median of {args.repeat}")
    print(f"{'':10}{'files':>8}{'1x s':>9}{'files':>8}{'10x s':>9}{'10x/1x':>8}")
    for name in ("baseline", "newsbeam"):
        (t1, f1), (t10, f10) = results[(name, small)], results[(name, big)]
        print(f"{name:10}{f1:8}{t1:9.3f}{f10:8}{t10:9.3f}{t10 / t1:8.1f}")


if __name__ == "__main__":
    main()
