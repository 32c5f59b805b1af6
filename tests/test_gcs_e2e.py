"""gs:// end to end: the real CLI from a bucket to a bucket (on the storage emulator),
read back with DuckDB through gcsfs, equal to a local run over the same files.

Three pipeline runs in all (local, bucket, bucket again), about 20 s each.

What may differ between the two runs, and nothing else:
- `source_uri`: the same relative path under a different root (gs://... vs /tmp/...);
- `ingested_at`: the time of each run;
- the `date` partition of articles dated by ingestion (it is the ingestion day, so two
  runs around midnight UTC differ); every other partition and file name is identical
  (file names are content-addressed by article ids), except the errors files, whose
  names hash their source URIs.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from newsbeam.query import connect
from tests.conftest import SEED
from tests.test_cli_e2e import newsbeam

PREFIX = "e2e"

#: Input files by path relative to the input root; dates are chosen to exercise the
#: path-date and dateline rules, so their partitions must match exactly.
ARTICLES = {
    "seed/time-pompeo-putin.txt": SEED.read_bytes(),
    "2019/05/14/harbour.txt": (
        b"Harbour reopens after storm repairs\n\n"
        b"The harbour in Portsmouth reopened on Tuesday after three weeks of repairs.\n\n"
        b'"We are glad to welcome the ferries back," said Harbour Master Ellen Marsh.\n'
    ),
    "world/council.txt": (
        b"City council approves new library\n\n"
        b"Published March 3, 2019\n\n"
        b"The council of Leeds voted to fund a new central library, Mayor James Lewis "
        b'announced. "Books are infrastructure," Lewis said.\n'
    ),
    "empty.txt": b"",
    ".draft.txt": b"Hidden draft\n\nWriters' temporary files are not inputs.\n",
}


def _write_local(root, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@pytest.fixture(scope="module")
def runs(gcs_emulator, tmp_path_factory):
    """(bucket output, bucket input root, local output, local input root), both run once."""
    bucket = gcs_emulator.bucket
    local_raw = tmp_path_factory.mktemp("raw")
    _write_local(local_raw, ARTICLES)
    local_out = tmp_path_factory.mktemp("out")
    for name, data in ARTICLES.items():
        gcs_emulator.upload(bucket, f"{PREFIX}/raw/{name}", data)
    # A "folder" made in the Cloud Console: an empty object whose name ends with "/".
    gcs_emulator.upload(bucket, f"{PREFIX}/raw/world/", b"")
    gs_raw, gs_out = f"gs://{bucket}/{PREFIX}/raw", f"gs://{bucket}/{PREFIX}/news"

    local = newsbeam("run", "--input", f"{local_raw}/**", "--output", str(local_out))
    assert local.returncode == 0, local.stderr
    remote = newsbeam("run", "--input", f"{gs_raw}/**", "--output", gs_out)
    assert remote.returncode == 0, remote.stderr
    for result in (local, remote):
        assert "files read:       4 = 1 rejected whole + 3 parsed" in result.stdout
        assert "errors by kind:   empty: 1" in result.stdout
        assert "DOES NOT ADD UP" not in result.stdout
    assert "not inputs:       1 (hidden: 1)" in local.stdout
    assert "not inputs:       2 (folder_placeholder: 1, hidden: 1)" in remote.stdout
    return gs_out, gs_raw, str(local_out), str(local_raw)


def _rows(output: str, root: str, table: str) -> list[dict]:
    """The rows of `table` with what legitimately differs between runs taken out.

    Entity and quote rows carry their article's `date_source` and `ingested_at`, so the
    same rule decides whether their `date` partition must match.
    """
    sql = f"SELECT * FROM {table}"
    if table in ("entities", "quotes"):
        sql = (
            f"SELECT t.*, a.date_source, a.ingested_at FROM {table} t "
            "JOIN articles a USING (article_id)"
        )
    rows = connect(output).sql(sql).to_arrow_table().to_pylist()
    for row in rows:
        if "source_uri" in row:
            assert row["source_uri"].startswith(root + "/"), row["source_uri"]
            row["source_uri"] = row["source_uri"][len(root) :]
        ingested = row.pop("ingested_at").astimezone(dt.timezone.utc)
        if row.get("date_source", "ingested") == "ingested":
            assert row.pop("date") == ingested.date()
    return sorted(rows, key=repr)


@pytest.mark.parametrize("table", ["articles", "entities", "quotes", "errors"])
def test_bucket_run_has_the_rows_of_the_local_run(runs, table):
    gs_out, gs_raw, local_out, local_raw = runs
    remote = _rows(gs_out, gs_raw, table)
    assert remote == _rows(local_out, local_raw, table)
    assert remote, f"no {table} rows"


def test_partitions_are_dated_by_path_and_dateline(runs):
    gs_out, *_ = runs
    dated = connect(gs_out).sql(
        "SELECT source_uri, date_source, date FROM articles WHERE date_source != 'ingested'"
    )
    assert sorted(
        (uri.rsplit("/", 1)[1], source, str(day)) for uri, source, day in dated.fetchall()
    ) == [
        ("council.txt", "dateline", "2019-03-03"),
        ("harbour.txt", "url", "2019-05-14"),
    ]


def _layout(paths: list[str]) -> list[str]:
    """Relative table file paths, with the ingestion-dependent parts masked (see module
    doc); the key index (`_index/`, keyed by input paths, which differ) is left out."""
    masked = []
    for path in paths:
        if path.startswith("_index/"):
            continue
        if path.startswith("errors/"):
            path = re.sub(r"part-\w+", "part-*", path)
        masked.append(re.sub(r"date=(?!2019-)[\d-]+", "date=*", path))
    return sorted(masked)


def test_bucket_layout_is_the_local_layout(runs, gcs_emulator):
    _, _, local_out, _ = runs
    local = [str(p.relative_to(local_out)) for p in Path(local_out).rglob("*") if p.is_file()]
    remote = gcs_emulator.list(gcs_emulator.bucket, f"{PREFIX}/news/")
    relative = [name.removeprefix(f"{PREFIX}/news/") for name in remote]
    assert _layout(relative) == _layout(local)
    assert all(name.endswith((".parquet", ".idx")) for name in relative), "temporary files left"
    assert f"{PREFIX}/news/_index/files.idx" in remote


def test_query_command_reads_the_bucket(runs):
    gs_out, *_ = runs
    result = newsbeam("query", "--output", gs_out)
    assert (result.returncode, result.stderr) == (0, "")
    assert re.match(r"3 articles, \d+ entities, \d+ quotes, 1 errors", result.stdout)


def test_bucket_rerun_does_not_duplicate(runs, gcs_emulator):
    gs_out, gs_raw, *_ = runs
    before = gcs_emulator.list(gcs_emulator.bucket, f"{PREFIX}/news/")
    rerun = newsbeam("run", "--input", f"{gs_raw}/**", "--output", gs_out, "--quiet")
    assert rerun.returncode == 0, rerun.stderr
    assert gcs_emulator.list(gcs_emulator.bucket, f"{PREFIX}/news/") == before
    counts = connect(gs_out).sql(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(DISTINCT article_id) FROM "
        "articles), (SELECT count(*) FROM errors)"
    )
    assert counts.fetchall() == [(3, 3, 1)]
