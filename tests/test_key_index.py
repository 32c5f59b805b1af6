"""The key index: an upsert opens only the articles and errors files its keys are in,
and the index never changes what a commit does (real files, real commits, no Beam)."""

from __future__ import annotations

import random
import shutil

import duckdb
import pyarrow.parquet as pq

from newsbeam.transforms.dataset import commit, schema, storage
from newsbeam.transforms.dataset.commit import WrittenFile, file_name, row_keys, upsert_keys
from newsbeam.transforms.dataset.key_index import FOLDER


def _partition(day: int) -> str:
    return f"date=2022-05-{day:02d}/topic=politics"


def _stage(output, table, partition, rows, run_id) -> WrittenFile:
    data = schema.to_table(table, rows)
    path = storage.join(output, table, partition, file_name(table, row_keys(table, data)))
    storage.write_parquet(data, storage.staged_path(path, run_id), run_id)
    return WrittenFile.of_rows(table, path, data)


def _run(output, run_id, articles, errors=()):
    """Commit (upsert) one run: `articles` are (day, article_id, source_uri), `errors`
    (day, source_uri); each article gets one quote in its partition."""
    written = []
    for day in sorted({a[0] for a in articles}):
        mine = [(i, u) for d, i, u in articles if d == day]
        rows = [{"article_id": i, "source_uri": u} for i, u in mine]
        written.append(_stage(output, "articles", _partition(day), rows, run_id))
        quotes = [{"article_id": i, "quote_id": f"q-{i}", "text": "x"} for i, _ in mine]
        written.append(_stage(output, "quotes", _partition(day), quotes, run_id))
    for day, uri in errors:
        row = {"source_uri": uri, "stage": "read", "error": "empty", "message": "no text"}
        written.append(_stage(output, "errors", f"date=2022-05-{day:02d}", [row], run_id))
    return commit(output, "upsert", written, run_id)


def _run_id(n: int) -> str:
    return f"20261206T{n // 3600 % 24:02d}{n // 60 % 60:02d}{n % 60:02d}-{n:08x}"


def _rows(output, table, columns):
    files = storage.list_files(storage.join(output, table))
    if not files:
        return []
    listed = ", ".join(f"'{f}'" for f in files)
    sql = f"SELECT {columns} FROM read_parquet([{listed}], union_by_name=true) ORDER BY ALL"
    return duckdb.sql(sql).fetchall()


def _listing(output):
    existing, listed = {}, {}
    for table in schema.TABLES:
        for entry in storage.list_entries(storage.join(output, table)):
            existing[entry.path], listed[entry.path] = table, entry
    return existing, listed


def test_an_upsert_opens_only_the_articles_file_that_holds_its_article(tmp_path):
    output = str(tmp_path / "out")
    _run(
        output, _run_id(1), [(d, f"id{d}", f"/in/{d}.txt") for d in range(1, 11)], [(1, "/in/bad")]
    )
    existing, listed = _listing(output)
    assert sum(t == "articles" for t in existing.values()) == 10
    # The article of day 3 is read again (its text changed, so its id did too).
    again = [
        WrittenFile(
            "articles", f"{output}/articles/{_partition(3)}/new.parquet", ["id3b"], ["/in/3.txt"]
        )
    ]
    read, _, index = upsert_keys(output, again, existing, listed)
    assert not index.uncovered
    articles_read = [p for p, t in read.items() if t == "articles"]
    assert len(articles_read) == 1 and _partition(3) in articles_read[0]
    assert not [p for p, t in read.items() if t == "errors"]
    # Without the index every articles and errors file is read.
    shutil.rmtree(tmp_path / "out" / FOLDER)
    read, _, index = upsert_keys(output, again, existing, listed)
    assert sum(t in ("articles", "errors") for t in read.values()) == 11
    assert len(index.uncovered) == 11


def test_a_file_changed_behind_the_index_is_read_again(tmp_path):
    output = str(tmp_path / "out")
    _run(output, _run_id(1), [(1, "id1", "/in/1.txt"), (2, "id2", "/in/2.txt")])
    # A file is rewritten in place outside a commit (as a compaction or an older version
    # would): same name, other rows. The index does not describe it any more.
    existing, _ = _listing(output)
    (day2,) = [p for p, t in existing.items() if t == "articles" and _partition(2) in p]
    table = pq.read_table(day2).set_column(1, "source_uri", [["/in/moved.txt"]])
    pq.write_table(table, day2)
    _run(output, _run_id(2), [(5, "id5", "/in/moved.txt")])
    assert _rows(output, "articles", "article_id, source_uri") == [
        ("id1", "/in/1.txt"),
        ("id5", "/in/moved.txt"),
    ]


def test_the_index_never_changes_what_a_commit_does(tmp_path):
    """Two outputs get the same random runs; one keeps its index, the other loses it
    before every commit. Their tables must be the same after every run."""
    rng = random.Random(25)
    kept, lost = str(tmp_path / "kept"), str(tmp_path / "lost")
    for n in range(1, 13):
        uris = rng.sample(range(30), rng.randint(1, 6))
        articles = [
            (rng.randint(1, 8), f"id{u}-v{rng.randint(0, 2)}", f"/in/{u}.txt") for u in uris
        ]
        errors = [
            (rng.randint(1, 8), f"/in/{u}.txt")
            for u in rng.sample(range(30, 40), rng.randint(0, 2))
        ]
        shutil.rmtree(tmp_path / "lost" / FOLDER, ignore_errors=True)
        for output in (kept, lost):
            _run(output, _run_id(n), articles, errors)
        for table, columns in [
            ("articles", "article_id, source_uri"),
            ("quotes", "article_id, quote_id"),
            ("errors", "source_uri"),
        ]:
            assert _rows(kept, table, columns) == _rows(lost, table, columns), (n, table)
    articles = _rows(kept, "articles", "source_uri")
    assert len(articles) == len(set(articles))  # one row per input file, never two
    assert _rows(kept, "quotes", "article_id") == _rows(kept, "articles", "article_id")


def test_a_damaged_index_only_costs_reads(tmp_path):
    output = str(tmp_path / "out")
    _run(output, _run_id(1), [(d, f"id{d}", f"/in/{d}.txt") for d in range(1, 6)])
    shards = sorted((tmp_path / "out" / FOLDER).glob("keys-*.idx"))
    assert len(shards) == 16  # a new index writes every shard
    for shard in shards:
        shard.write_bytes(b"not parquet")  # damaged: a lookup cannot trust any of them
    _run(output, _run_id(2), [(4, "id2b", "/in/2.txt")])
    assert _rows(output, "articles", "article_id, source_uri") == [
        ("id1", "/in/1.txt"),
        ("id2b", "/in/2.txt"),
        ("id3", "/in/3.txt"),
        ("id4", "/in/4.txt"),
        ("id5", "/in/5.txt"),
    ]
    for shard in shards:
        shard.unlink()  # missing shards: the same
    _run(output, _run_id(3), [(4, "id3b", "/in/3.txt")])
    assert ("id3", "/in/3.txt") not in _rows(output, "articles", "article_id, source_uri")
