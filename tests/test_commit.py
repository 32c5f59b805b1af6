"""Write modes: what a run does to the files earlier runs left (pure planning, no Beam)."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from newsbeam.transforms.dataset.commit import WrittenFile, file_name, plan_commit, upsert_keys


def _articles(*rows):
    ids, uris, locs = zip(*rows) if rows else ((), (), ())
    return (
        "articles",
        pa.table({"article_id": list(ids), "source_uri": list(uris), "locator": list(locs)}),
    )


def _ids(table, *ids):
    return (table, pa.table({"article_id": list(ids)}))


def _errors(*sources):
    uris, locs = zip(*sources)
    return ("errors", pa.table({"source_uri": list(uris), "locator": list(locs)}))


def _tables(existing):
    return {path: table for path, (table, _) in existing.items()}


def _keys(existing):
    return {path: keys for path, (_, keys) in existing.items()}


def test_file_names_depend_on_rows_not_their_order():
    assert file_name("articles", ["b", "a"]) == file_name("articles", ["a", "b"])
    assert file_name("articles", ["a"]) != file_name("articles", ["a", "b"])
    assert file_name("articles", ["a"]) != file_name("quotes", ["a"])
    assert file_name("quotes", ["a"], prefix="w20260101T000000-000100-").startswith("w2026")
    assert file_name("articles", ["a"]).endswith(".parquet")


def test_upsert_deletes_files_fully_superseded_and_rewrites_partly_superseded():
    written = [
        WrittenFile("articles", "new/a.parquet", ["id1", "id9"], ["/in/1.txt", "/in/9.txt"]),
        WrittenFile("errors", "new/e.parquet", [], ["/in/bad.txt"]),
    ]
    existing = {
        "old/only-id1.parquet": _articles(("id1", "/in/1.txt", None)),
        "old/mixed.parquet": _articles(("id2", "/in/2.txt", None), ("id9", "/in/9.txt", None)),
        "old/untouched.parquet": _articles(("id3", "/in/3.txt", None)),
        # same input file read again, its content (and so its id) changed since
        "old/edited.parquet": _articles(("id-old", "/in/1.txt", None)),
        "old/quotes.parquet": _ids("quotes", "id1", "id-old", "id3"),
        "old/entities.parquet": _ids("entities", "id3"),
        "old/errors.parquet": _errors(("/in/bad.txt", None), ("/in/other.txt", None)),
    }
    plan = plan_commit("upsert", written, _tables(existing), _keys(existing))
    assert sorted(plan.delete) == ["old/edited.parquet", "old/only-id1.parquet"]
    assert plan.rewrite == {
        "old/mixed.parquet": [True, False],
        "old/quotes.parquet": [False, False, True],
        "old/errors.parquet": [False, True],
    }


def test_upsert_replaces_every_row_of_a_file_read_again():
    """Issue 31, low: a JSON-lines file that shrank from three lines to one kept the rows
    of its vanished lines 2 and 3 (rows were matched by source and locator)."""
    written = [WrittenFile("articles", "new.parquet", ["x"], ["/in/feed.jsonl"])]
    existing = {
        "old.parquet": _articles(
            ("y", "/in/feed.jsonl", "line:1"),
            ("z", "/in/feed.jsonl", "line:2"),
            ("w", "/in/other.jsonl", "line:2"),
        ),
        "old/errors.parquet": _errors(("/in/feed.jsonl", "line:3")),
        "old/quotes.parquet": _ids("quotes", "z", "w"),
    }
    plan = plan_commit("upsert", written, _tables(existing), _keys(existing))
    assert plan.delete == ["old/errors.parquet"]
    assert plan.rewrite == {
        "old.parquet": [False, False, True],
        "old/quotes.parquet": [False, True],
    }


def test_replace_deletes_everything_not_written_and_append_nothing():
    existing = {"old/a.parquet": "articles", "old/q.parquet": "quotes"}
    assert sorted(plan_commit("replace", [], existing).delete) == ["old/a.parquet", "old/q.parquet"]
    plan = plan_commit("append", [], existing)
    assert plan.delete == [] and plan.rewrite == {}


def test_upsert_reads_entities_and_quotes_only_where_a_superseded_article_lies(tmp_path):
    """Issue 25, item 4: an upsert's commit cost grows with the partitions it touches. A
    quotes file in another partition is not opened (here it is not even Parquet)."""
    out = str(tmp_path)
    a, b = "date=2022-01-01/topic=politics", "date=2022-01-02/topic=sport"

    def put(table, partition, name, data):
        folder = tmp_path / table / partition
        folder.mkdir(parents=True, exist_ok=True)
        if isinstance(data, pa.Table):
            pq.write_table(data, folder / name)
        else:
            (folder / name).write_bytes(data)
        return str(folder / name)

    old_a = put("articles", a, "part-1.parquet", _articles(("id1", "/in/1.txt", None))[1])
    old_b = put("articles", b, "part-2.parquet", _articles(("id2", "/in/2.txt", None))[1])
    quotes_a = put("quotes", a, "part-3.parquet", pa.table({"article_id": ["id1"]}))
    quotes_b = put("quotes", b, "part-4.parquet", b"not parquet: reading it fails")
    existing = {old_a: "articles", old_b: "articles", quotes_a: "quotes", quotes_b: "quotes"}
    written = [WrittenFile("articles", f"{out}/articles/{a}/new.parquet", ["id1"], ["/in/1.txt"])]

    from newsbeam.transforms.dataset import objects

    listed = {p: objects.Entry(p, 1, 0.0) for p in existing}
    files, keys, _ = upsert_keys(out, written, existing, listed)

    assert files == {old_a: "articles", old_b: "articles", quotes_a: "quotes"}
    assert keys[quotes_a]["article_id"].to_pylist() == ["id1"]
    plan = plan_commit("upsert", written, files, keys)
    assert sorted(plan.delete) == sorted([old_a, quotes_a])


def _commit_rows(output, table, rows, run_id):
    """Stage `rows` of `table` as run `run_id` would, then commit them (upsert)."""
    from newsbeam.transforms.dataset import commit, schema, storage

    data = schema.to_table(table, rows)
    path = storage.join(output, table, "date=2022-05-01", file_name(table, ["x"]))
    storage.write_parquet(data, storage.staged_path(path, run_id), run_id)
    return commit(output, "upsert", [WrittenFile.of_rows(table, path, data)], run_id)


def test_a_table_without_rows_is_an_empty_file_plain_duckdb_reads(tmp_path):
    import datetime as dt

    import duckdb

    output = str(tmp_path / "out")
    error = {
        "source_uri": "/in/bad.txt",
        "stage": "read",
        "error": "empty",
        "message": "no text",
        "ingested_at": dt.datetime(2026, 11, 27, tzinfo=dt.timezone.utc),
    }
    _commit_rows(output, "errors", [error], "20261127T120000-aaaaaaaa")
    for table in ("articles", "entities", "quotes"):
        (empty,) = (tmp_path / "out" / table).rglob("*.parquet")
        assert empty.parent.name == "topic=other" and empty.parent.parent.name.startswith("date=")
        relation = duckdb.sql(
            f"SELECT * FROM read_parquet('{tmp_path}/out/{table}/**/*.parquet', "
            "hive_partitioning = true)"
        )
        assert relation.fetchall() == [] and "article_id" in relation.columns
    errors = f"read_parquet('{tmp_path}/out/errors/**/*.parquet', hive_partitioning = true)"
    assert duckdb.sql(f"SELECT count(*) FROM {errors}").fetchall() == [(1,)]
    # A later run with quotes: its file replaces the empty one, the other tables keep theirs.
    quote = {"article_id": "a1", "quote_id": "q1", "text": "x", "start": 0, "end": 1}
    _commit_rows(output, "quotes", [quote], "20261127T130000-bbbbbbbb")
    (quotes,) = (tmp_path / "out" / "quotes").rglob("*.parquet")
    assert pq.read_table(quotes).num_rows == 1
    assert len(list((tmp_path / "out" / "entities").rglob("*.parquet"))) == 1
