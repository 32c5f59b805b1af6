"""Which articles and errors files hold a key: so an upsert opens only those.

An upsert must find every earlier row of an article it wrote again and of an input file
it read again. Without help that means reading the key columns of every articles and
errors file of the dataset, a cost that grows with the whole dataset (issue 25, item 4).
The index answers "which files hold these keys" from a few small files:

- `_index/files.idx`: the files it covers, each with the size and change time a
  listing gave when its keys were read;
- `_index/keys-NN.idx` (`SHARDS` of them): rows (key, file), the shard chosen by a
  hash of the key (`id:<article id>` or `uri:<source uri>`), so a lookup reads only
  the shards of the keys the run has.

The index is a cache, never the truth: a file counts as covered only while the listing
still shows it with the size and change time recorded, so a file rewritten, replaced,
compacted or written by a streaming run without a commit is simply not covered, and the
upsert reads its keys directly (then covers it). A stale or missing index costs reads,
never a wrong plan; so does a damaged one (an unreadable or missing shard makes the
upsert read every file). Its files are Parquet under a name no `**/*.parquet` reader
matches, each written atomically (`storage.write_parquet`); shards are written before the
file list, so a kill between them leaves a list that covers no file whose rows are gone.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from newsbeam.transforms.dataset import objects, storage
from newsbeam.transforms.dataset.journal import relative

FOLDER = "_index"
SHARDS = 16
_SUFFIX = ".idx"


@dataclass(frozen=True)
class Keys:
    """What an articles or errors file holds: its article ids and its source URIs."""

    article_ids: frozenset[str] = frozenset()
    source_uris: frozenset[str] = frozenset()

    def entries(self) -> list[str]:
        return sorted({*map(_id, self.article_ids), *map(_uri, self.source_uris)})


@dataclass
class Lookup:
    """The answer for one upsert: files holding one of its keys, and files not covered."""

    holding: set[str] = field(default_factory=set)
    uncovered: set[str] = field(default_factory=set)
    #: Covered files (path -> (size, mtime)) as the index recorded them.
    covered: dict[str, tuple[int, float]] = field(default_factory=dict)


def lookup(
    output: str,
    listed: Mapping[str, objects.Entry],
    article_ids: Iterable[str],
    source_uris: Iterable[str],
) -> Lookup:
    """Which of the `listed` files (path -> listing entry) may hold one of the keys."""
    recorded = _read_files(output)
    answer = Lookup()
    for path, entry in listed.items():
        if recorded.get(path) == (entry.size, entry.mtime):
            answer.covered[path] = (entry.size, entry.mtime)
        else:
            answer.uncovered.add(path)
    wanted = {*map(_id, article_ids), *map(_uri, source_uris)}
    if not answer.covered or not wanted:
        return answer
    for shard in sorted({_shard(k) for k in wanted}):
        rows = _read(output, _shard_name(shard), ["key", "path"])
        if rows is None:  # every shard is written with the file list: a damaged index
            return Lookup(uncovered=set(listed))
        hits = rows.filter(pc.is_in(rows["key"], pa.array(sorted(wanted))))
        for rel in set(hits["path"].to_pylist()):
            path = objects.join(output, rel)
            if path in answer.covered:
                answer.holding.add(path)
    return answer


def update(
    output: str,
    run_id: str,
    previous: Lookup,
    listed: Mapping[str, objects.Entry],
    learned: Mapping[str, Keys],
) -> None:
    """Record the files listed now (after a commit): those covered before and unchanged,
    and those whose keys the commit learned (`learned`: read, written or rewritten)."""
    files: dict[str, tuple[int, float]] = {}
    added: dict[int, list[tuple[str, str]]] = {}
    for path, entry in listed.items():
        stats = (entry.size, entry.mtime)
        if previous.covered.get(path) == stats:
            files[path] = stats
        elif path in learned:
            files[path] = stats
            rel = relative(output, path)
            for key in learned[path].entries():
                added.setdefault(_shard(key), []).append((key, rel))
    if not added and files == previous.covered:
        return  # nothing learned, nothing gone: the index on disk says it all
    kept = {relative(output, p) for p in files}
    # A new or rebuilt index writes every shard, so a missing one means damage (`lookup`).
    shards = set(added) | (set() if previous.covered else set(range(SHARDS)))
    for shard in sorted(shards):
        old = _read(output, _shard_name(shard), ["key", "path"])
        keys = [k for k, _ in added.get(shard, [])]
        paths = [p for _, p in added.get(shard, [])]
        if old is not None:
            still = old.filter(pc.is_in(old["path"], pa.array(sorted(kept))))
            keys += still["key"].to_pylist()
            paths += still["path"].to_pylist()
        table = pa.table({"key": pa.array(keys, pa.string()), "path": pa.array(paths, pa.string())})
        table = table.sort_by([("key", "ascending")])
        storage.write_parquet(table, _path(output, _shard_name(shard)), run_id)
    listing = sorted(files.items())
    table = pa.table(
        {
            "path": [relative(output, p) for p, _ in listing],
            "size": pa.array([s for _, (s, _) in listing], pa.int64()),
            "mtime": pa.array([m for _, (_, m) in listing], pa.float64()),
        }
    )
    storage.write_parquet(table, _path(output, "files"), run_id)


def _read_files(output: str) -> dict[str, tuple[int, float]]:
    rows = _read(output, "files", None)
    if rows is None:
        return {}
    return {
        objects.join(output, p): (s, m)
        for p, s, m in zip(
            rows["path"].to_pylist(), rows["size"].to_pylist(), rows["mtime"].to_pylist()
        )
    }


def _read(output: str, name: str, columns: list[str] | None) -> pa.Table | None:
    """An index file, or None when it is missing or unreadable (then it is no help)."""
    path = _path(output, name)
    if not objects.exists(path):
        return None
    try:
        return storage.read_parquet(path, columns)
    except Exception as error:  # a damaged cache file is only a missing one
        logging.warning("key index file %s unreadable (%s); reading the files instead", path, error)
        return None


def _path(output: str, name: str) -> str:
    return objects.join(output, FOLDER, name + _SUFFIX)


def _shard_name(shard: int) -> str:
    return f"keys-{shard:02d}"


def _shard(key: str) -> int:
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=4).digest()
    return int.from_bytes(digest, "big") % SHARDS


def _id(article_id: str) -> str:
    return "id:" + article_id


def _uri(source_uri: str) -> str:
    return "uri:" + source_uri
