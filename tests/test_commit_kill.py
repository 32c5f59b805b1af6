"""Issue 31, case 3: kill -9 at each step of the commit, then recover; no row is lost
or doubled (and issue 25, item 3: a commit made twice is a no-op the second time).

The commit's test-only fault hook (`NEWSBEAM_TEST_KILL_AT`, see
`newsbeam.transforms.dataset.journal`) makes the real `newsbeam run` SIGKILL itself
right after one step: writing a rewritten file, writing the journal, a rename
(publish), a deletion. A first run reads two feeds; the killed second run reads one
of them again, edited, so its commit publishes new files, rewrites files that mix
both feeds, and deletes files it supersedes entirely. After the kill, `newsbeam
query` shows one whole dataset (never both editions); after recovery, by `newsbeam
repair` or by the next run on other input, plain DuckDB over the files sees exactly
what an uninterrupted run leaves.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys

import duckdb
import pytest

from newsbeam.query import connect
from newsbeam.transforms.dataset import WrittenFile, commit, objects, storage
from newsbeam.transforms.dataset.journal import JOURNAL_NAME, KILL_ENV
from newsbeam.transforms.dataset.lock import LOCK_NAME
from tests.conftest import REPO, SEED

DAYS = 12


def _feed(name: str, edition: str) -> str:
    lines = []
    for day in range(DAYS):
        date = dt.date(2019, 1, 1) + dt.timedelta(days=day)
        record = {
            "title": f"{name} council meeting {day} ({edition})",
            "maintext": f"The {name} council met on {date:%B %d} and approved the library "
            "budget, Mayor Ellen Marsh said.",
            "date_publish": date.isoformat(),
        }
        lines.append(json.dumps(record))
    return "\n".join(lines) + "\n"


def _run(*args: str, kill_at: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if kill_at:
        env[KILL_ENV] = kill_at
    return subprocess.run(
        [sys.executable, "-m", "newsbeam.cli", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _plain_rows(output) -> dict[str, list[tuple]]:
    """Every table as plain DuckDB reads the published files (no journal applied)."""
    con = duckdb.connect()
    columns = {
        "articles": "article_id, title, source_uri, locator",
        "entities": "article_id, entity_id, name",
        "quotes": "article_id, quote_id, text",
    }
    rows = {}
    for table, names in columns.items():
        files = storage.list_files(str(output / table))
        sql = f"SELECT {names} FROM read_parquet(?)"
        rows[table] = sorted(con.execute(sql, [files]).fetchall()) if files else []
    return rows


def _query_rows(output) -> dict[str, list[tuple]]:
    """Every table as `newsbeam query` shows it."""
    con = connect(str(output))
    columns = {
        "articles": "article_id, title, source_uri, locator",
        "entities": "article_id, entity_id, name",
        "quotes": "article_id, quote_id, text",
    }
    return {t: sorted(con.execute(f"SELECT {c} FROM {t}").fetchall()) for t, c in columns.items()}


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """The dataset after the first run, and what an uninterrupted second run leaves."""
    base = tmp_path_factory.mktemp("kill-commit")
    both = base / "in"
    both.mkdir()
    (both / "north.jsonl").write_text(_feed("North", "first"))
    (both / "south.jsonl").write_text(_feed("South", "first"))
    first = base / "first"
    result = _run("run", "--input", str(both), "--output", str(first), "--quiet")
    assert result.returncode == 0, result.stderr
    (both / "north.jsonl").write_text(_feed("North", "second"))
    clean = base / "clean"
    shutil.copytree(first, clean)
    result = _run("run", "--input", str(both / "north.jsonl"), "--output", str(clean), "--quiet")
    assert result.returncode == 0, result.stderr
    before, after = _plain_rows(first), _plain_rows(clean)
    assert before != after and len(after["articles"]) == 2 * DAYS
    return both, first, before, after


def _no_doubles(rows: dict[str, list[tuple]]) -> None:
    for table, table_rows in rows.items():
        assert len(table_rows) == len(set(table_rows)), table
    ids = [r[0] for r in rows["articles"]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("kill_at", "recovery"),
    [
        ("rewrite:1", "repair"),
        ("journal", "next run"),
        ("publish:1", "repair"),
        ("publish:20", "next run"),
        ("delete:1", "next run"),
        ("delete:5", "repair"),
    ],
)
def test_killed_commit_is_recovered_without_loss_or_doubles(editions, tmp_path, kill_at, recovery):
    both, first, before, after = editions
    output = tmp_path / "out"
    shutil.copytree(first, output)
    killed = _run(
        "run", "--input", str(both / "north.jsonl"), "--output", str(output), kill_at=kill_at
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert (output / LOCK_NAME).exists()  # the dead run's, taken over below

    shown = _query_rows(output)  # newsbeam query: one whole edition, never a mix
    _no_doubles(shown)
    assert shown in (before, after)
    if kill_at != "rewrite:1":
        assert shown == after  # the journal was written: the commit is decided

    if recovery == "repair":
        repaired = _run("repair", "--output", str(output))
        assert repaired.returncode == 0, repaired.stderr
    else:
        other = tmp_path / "other"
        other.mkdir()
        shutil.copy(SEED, other / SEED.name)
        rerun = _run("run", "--input", str(other), "--output", str(output), "--quiet")
        assert rerun.returncode == 0, rerun.stderr
        assert "Traceback" not in rerun.stderr

    rows = _plain_rows(output)
    if recovery == "next run":  # the seed article joined; the rest is as a clean run left it
        seed = [r for r in rows["articles"] if r[2].endswith(SEED.name)]
        assert len(seed) == 1
        seed_id = seed[0][0]
        rows = {t: [r for r in table_rows if r[0] != seed_id] for t, table_rows in rows.items()}
    # Killed before its journal, the commit never happened: the first run's data stands.
    expected = before if kill_at == "rewrite:1" else after
    _no_doubles(rows)
    assert rows == expected
    assert not (output / JOURNAL_NAME).exists() and not (output / LOCK_NAME).exists()
    assert not list(output.rglob(".*.staged")) and not list(output.rglob(".*.inprogress"))


@pytest.mark.parametrize("where", ["local", "gcs"])
def test_committing_the_same_staged_set_twice_is_a_no_op(where, tmp_path, request):
    """Issue 25, item 3: a retried commit (Dataflow retries work items) finds its files
    published and does nothing, instead of failing with 404 on the staged names."""
    import pyarrow as pa

    if where == "local":
        output = str(tmp_path / "out")
    else:
        emulator = request.getfixturevalue("gcs_emulator")
        output = f"gs://{emulator.bucket}/twice-{tmp_path.name}/out"
    run_id = "20260101T000000-0000beef"
    partition = storage.join(output, "articles", "date=2020-01-01", "topic=other")
    older = storage.join(partition, "part-older.parquet")  # an earlier run's row of a1
    rows = pa.table({"article_id": ["a1"], "source_uri": ["/in/a.txt"], "locator": [None]})
    storage.write_parquet(rows, older, "20250101T000000-00000001")
    path = storage.join(partition, "part-new.parquet")
    storage.write_parquet(rows, storage.staged_path(path, run_id), run_id)
    written = [WrittenFile("articles", path, ["a1"], [("/in/a.txt", "")])]

    first = commit(output, "upsert", written, run_id)
    assert first.delete == [older]
    once = sorted(e.path for e in objects.list_below(output))
    assert once == [path]
    again = commit(output, "upsert", written, run_id)  # the retried work item
    assert again.delete == [] and again.rewrite == {} and again.missing == []
    assert sorted(e.path for e in objects.list_below(output)) == once
