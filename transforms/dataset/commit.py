"""Publishing a run's files: what each write mode does to the files already there.

Files are content-addressed (`part-<hash of the rows' keys>.parquet`), so a rerun over
the same input rewrites the same files instead of adding copies. What remains is the
older data that this run's rows supersede:

- `upsert` (batch default): in files from earlier runs, rows of any input file this run
  read again (same source URI, whatever record of it: a JSON-lines file that lost lines
  keeps none of their old rows) or of any article it wrote again are removed; files
  left empty are deleted, others rewritten without those rows.
- `replace`: every file this run did not write is deleted.
- `append` (streaming): nothing is removed.

The plan is a pure function (`plan_commit`) over file keys, so it is unit-tested
without Beam or a filesystem; `commit` executes it once, after all writes finished,
through a journal (`journal`) that makes it crash-safe and idempotent, under the
output's lock (`lock`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import posixpath
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pyarrow as pa

from newsbeam.transforms.dataset import key_index, objects, schema, storage
from newsbeam.transforms.dataset.journal import (
    Journal,
    kill_point,
    read_journal,
    relative,
    roll_forward,
    write_journal,
)

#: Key reads in flight at once during an upsert's commit.
_READERS = 16


@dataclass
class WrittenFile:
    """A file a run wrote, with the keys of its rows (what it supersedes elsewhere): the
    articles' ids and the input files (source URIs) its rows came from."""

    table: str
    path: str
    article_ids: list[str] = field(default_factory=list)
    source_uris: list[str] = field(default_factory=list)

    @classmethod
    def of_rows(cls, table: str, path: str, rows: pa.Table) -> WrittenFile:
        """The file at `path` holding `rows` of `table`, with the keys of its rows."""
        ids = rows["article_id"].to_pylist() if table != "errors" else []
        sources = rows["source_uri"].to_pylist() if table in ("articles", "errors") else []
        return cls(table, path, sorted(set(ids)), sorted(set(sources)))


@dataclass
class CommitPlan:
    delete: list[str] = field(default_factory=list)
    #: path -> row mask of the rows to keep (the file is rewritten with them).
    rewrite: dict[str, list[bool]] = field(default_factory=dict)
    #: Files of this run neither staged nor published when it committed (see `commit`).
    missing: list[str] = field(default_factory=list)


def file_name(table: str, row_keys: Iterable[str], prefix: str = "") -> str:
    """Content-addressed file name: the same rows always land in the same file."""
    digest = hashlib.blake2b(table.encode(), digest_size=10)
    for key in sorted(row_keys):
        digest.update(key.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return f"{prefix}part-{digest.hexdigest()}{storage.PARQUET_SUFFIX}"


def key_columns(table: str) -> list[str]:
    """Columns read from existing files to decide which of their rows are superseded."""
    if table == "articles":
        return ["article_id", "source_uri"]
    if table == "errors":
        return ["source_uri"]
    return ["article_id"]


def plan_commit(
    mode: str,
    written: list[WrittenFile],
    existing: Mapping[str, str],
    keys: Mapping[str, pa.Table] | None = None,
) -> CommitPlan:
    """Decide which earlier files to delete or rewrite.

    `existing` maps each earlier file path (not written by this run) to its table name;
    for upsert, `keys` maps the same paths to their key columns (see `key_columns`).
    """
    plan = CommitPlan()
    if mode == "append":
        return plan
    if mode == "replace":
        plan.delete = sorted(existing)
        return plan
    new_ids, processed = _superseding(written)
    stale_ids = set(new_ids)
    masks: dict[str, list[bool]] = {}
    keys = keys or {}
    for path, table in existing.items():
        if table in ("articles", "errors"):
            stale = _stale_rows(table, keys[path], new_ids, processed)
            if table == "articles":
                ids = keys[path]["article_id"].to_pylist()
                stale_ids.update(i for s, i in zip(stale, ids) if s)
            masks[path] = stale
    for path, table in existing.items():
        if table in ("entities", "quotes"):
            masks[path] = [i in stale_ids for i in keys[path]["article_id"].to_pylist()]
    for path, stale in sorted(masks.items()):
        if all(stale):
            plan.delete.append(path)
        elif any(stale):
            plan.rewrite[path] = [not s for s in stale]
    return plan


def placeholders(
    output: str, written: list[WrittenFile], existing: Mapping[str, str], plan: CommitPlan
) -> list[tuple[str, str]]:
    """(table, path) of an empty file (the table's schema, no rows) for each table the
    commit would leave with no file at all, in the partition of today's date (topic
    `other`): a run with no errors still has an `errors` table that plain DuckDB can
    read. The next commit deletes it like any file whose rows are all superseded (it
    has none); an appending (streaming) run has no commit and writes none."""
    kept = {existing[p] for p in existing if p not in plan.delete or p in plan.rewrite}
    kept |= {w.table for w in written}
    today = schema.date_partition(dt.datetime.now(dt.timezone.utc).date())
    paths = []
    for table in schema.TABLES:
        if table not in kept:
            partition = today if table == "errors" else f"{today}/topic=other"
            paths.append((table, storage.join(output, table, partition, file_name(table, []))))
    return paths


def row_keys(table: str, rows: pa.Table) -> list[str]:
    """The identity of each row, from which file names are derived."""
    if table == "errors":
        cols = ["source_uri", "locator", "stage", "error"]
    elif table == "articles":
        cols = ["article_id"]
    else:
        cols = ["article_id", "entity_id" if table == "entities" else "quote_id"]
    values = [rows[c].to_pylist() for c in cols]
    return ["\x1f".join(str(v) for v in row) for row in zip(*values)]


def _superseding(written: list[WrittenFile]) -> tuple[set[str], set[str]]:
    """(ids of the articles this run wrote, input files it read): what its rows supersede."""
    new_ids = {i for w in written if w.table == "articles" for i in w.article_ids}
    processed = {u for w in written if w.table in ("articles", "errors") for u in w.source_uris}
    return new_ids, processed


def _stale_rows(
    table: str, columns: pa.Table, new_ids: set[str], processed: set[str]
) -> list[bool]:
    """Which rows of an earlier articles or errors file (its key columns) this run
    supersedes: those of an input file it read again, and of an article it wrote again."""
    stale = [uri in processed for uri in columns["source_uri"].to_pylist()]
    if table == "articles":
        ids = columns["article_id"].to_pylist()
        stale = [s or i in new_ids for s, i in zip(stale, ids)]
    return stale


def upsert_keys(
    output: str,
    written: list[WrittenFile],
    existing: Mapping[str, str],
    listed: Mapping[str, objects.Entry],
) -> tuple[dict[str, str], dict[str, pa.Table], key_index.Lookup]:
    """The earlier files an upsert may change, with their key columns, read in parallel,
    and the key index's answer (`key_index`) that chose the articles and errors files.

    Articles and errors files are read where the index says they hold one of the run's
    article ids or source URIs, or where it does not cover them (`listed` gives each
    file's size and change time, which say whether the index still describes it); an
    entities or quotes file only in a partition where a superseded article's row lies
    (an article's entities and quotes are written to its own partition, so files
    elsewhere hold none of its rows); and any empty placeholder (`placeholders`), which
    any rows of its table supersede. The cost grows with the files the run's keys are
    in and the partitions it touches, not with the dataset.
    """
    new_ids, processed = _superseding(written)
    indexed = {p: listed[p] for p, t in existing.items() if t in ("articles", "errors")}
    index = key_index.lookup(output, indexed, new_ids, processed)
    first = {
        p: existing[p]
        for p in indexed
        if p in index.holding or p in index.uncovered or _is_placeholder(p, existing[p])
    }
    keys = _read_keys(first)
    touched = {
        _partition(output, path)
        for path, table in first.items()
        if table == "articles" and any(_stale_rows(table, keys[path], new_ids, processed))
    }
    second = {
        p: t
        for p, t in existing.items()
        if t in ("entities", "quotes")
        and (_partition(output, p) in touched or _is_placeholder(p, t))
    }
    keys.update(_read_keys(second))
    return {**first, **second}, keys, index


def _is_placeholder(path: str, table: str) -> bool:
    return posixpath.basename(path) == file_name(table, [])


def _learned(
    written: list[WrittenFile], keys: Mapping[str, pa.Table], rewritten: Mapping[str, pa.Table]
) -> dict[str, key_index.Keys]:
    """The keys of every articles and errors file a commit read, wrote or rewrote."""
    learned = {}
    for path, columns in [*keys.items(), *rewritten.items()]:
        if "source_uri" in columns.column_names:  # an articles or errors file
            ids = columns["article_id"] if "article_id" in columns.column_names else []
            learned[path] = key_index.Keys(
                frozenset(map(str, ids)), frozenset(map(str, columns["source_uri"]))
            )
    for w in written:
        if w.table in ("articles", "errors"):
            learned[w.path] = key_index.Keys(frozenset(w.article_ids), frozenset(w.source_uris))
    return learned


def _partition(output: str, path: str) -> str:
    """A data file's partition folder, relative to its table ("date=.../topic=...")."""
    folder, _ = posixpath.split(relative(output, path))
    return folder.partition("/")[2]


def _read_keys(files: Mapping[str, str]) -> dict[str, pa.Table]:
    """The key columns of each file; reads overlap (on gs:// each is a round trip)."""
    paths = sorted(files)
    with ThreadPoolExecutor(max_workers=_READERS) as pool:
        tables = pool.map(lambda p: storage.read_parquet(p, key_columns(files[p])), paths)
        return dict(zip(paths, tables))


def commit(output: str, mode: str, written: list[WrittenFile], run_id: str) -> CommitPlan:
    """Publish the files run `run_id` staged (`written`), then apply `mode` to the files
    under `output` it did not write; idempotent, and safe to kill at any step.

    The caller holds the output's lock (`lock.held_for`). In order:

    1. an unfinished journal (a killed commit, or an earlier attempt of this one) is
       rolled forward first, so the plan starts from a whole dataset;
    2. the plan is made from the files there now; each file to rewrite is written, with
       the rows it keeps, as one more staged file of this run;
    3. the journal is written: every rename (staged -> final) and deletion;
    4. its steps are made and it is removed (`journal.roll_forward`);
    5. this run's own leftovers (half-written files of retried bundles) are removed.

    Committing the same staged set twice is a no-op the second time: its staged files
    are gone (published), so nothing is renamed, and nothing left supersedes anything.
    """
    pending = read_journal(output)
    if pending is not None:
        roll_forward(output, pending)
    new_paths = {w.path for w in written}
    existing: dict[str, str] = {}
    listed: dict[str, objects.Entry] = {}
    keys: dict[str, pa.Table] = {}
    if mode != "append":
        for table in schema.TABLES:
            for entry in storage.list_entries(storage.join(output, table)):
                if entry.path not in new_paths:
                    existing[entry.path] = table
                    listed[entry.path] = entry
    planned = existing
    if mode == "upsert":
        planned, keys, index = upsert_keys(output, written, existing, listed)
    plan = plan_commit(mode, written, planned, keys)
    rewritten: dict[str, pa.Table] = {}
    steps = Journal(run_id)
    for path in sorted(new_paths):
        steps.publish.append(
            (relative(output, storage.staged_path(path, run_id)), relative(output, path))
        )
    for path, keep in plan.rewrite.items():
        table = existing[path]
        kept = storage.read_parquet(path).filter(pa.array(keep))
        folder, _ = storage.split(path)
        final = storage.join(folder, file_name(table, row_keys(table, kept)))
        storage.write_parquet(kept, storage.staged_path(final, run_id), run_id)
        rewritten[final] = kept
        kill_point("rewrite")
        steps.publish.append(
            (relative(output, storage.staged_path(final, run_id)), relative(output, final))
        )
        plan.delete.append(path)
    for table, path in placeholders(output, written, existing, plan):
        if path in plan.delete:
            plan.delete.remove(path)  # today's empty file of this table is there already
            continue
        staged = storage.staged_path(path, run_id)
        storage.write_parquet(schema.to_table(table, []), staged, run_id)
        steps.publish.append((relative(output, staged), relative(output, path)))
    steps.delete = [relative(output, p) for p in plan.delete]
    write_journal(output, steps)
    missing = roll_forward(output, steps)
    if mode == "upsert":
        after = {
            e.path: e
            for table in ("articles", "errors")
            for e in storage.list_entries(storage.join(output, table))
        }
        try:
            key_index.update(output, run_id, index, after, _learned(written, keys, rewritten))
        except Exception as error:  # a cache after the data is committed: never fail for it
            logging.warning("key index not updated (%s); the next upsert reads more files", error)
    storage.remove_leftovers(output, {run_id}, older_than=time.time() - storage.LEFTOVER_SECONDS)
    plan.missing = missing
    return plan
