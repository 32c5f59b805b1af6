"""A run killed mid-write (SIGKILL of its whole process group) changes nothing DuckDB can
see, the next run completes with exactly the right rows, and one more run over the same
input changes nothing (idempotency).

The input is one JSON-lines feed of dated articles, one per day, so the write stage
writes about 900 partition files one after another (about 6 s here). A first run
publishes the feed; then every title changes (new article ids, same sources: the new
rows must replace the old ones), and a second run is killed once KILL_AFTER_FILES of its
files are written. Its files are staged under hidden names until its commit, so the
dataset a reader sees is still exactly the first run's, with no row twice.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pyarrow.parquet as pq

from newsbeam.query import connect
from tests.conftest import REPO
from tests.input_fixtures import council_feed

DAYS = 300
BAD_LINES = 3
KILL_AFTER_FILES = 100
START_TIMEOUT_S = 300.0


def _feed(edition: str) -> str:
    lines = council_feed("Ward", edition, DAYS).splitlines()
    lines[10:10] = ['{"title": "cut short", "maintext": '] * BAD_LINES
    return "\n".join(lines) + "\n"


def _newsbeam_run(folder, output) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "newsbeam.cli", "run", "--input", str(folder)]
        + ["--output", str(output), "--quiet"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, worker processes included
    )


def _completed_run(folder, output) -> bytes:
    job = _newsbeam_run(folder, output)
    out, err = job.communicate(timeout=600)
    assert job.returncode == 0, err.decode()
    for leftover in ("*.inprogress", "*.staged"):
        assert not list(output.rglob(leftover)), leftover
    return out


def _published(output) -> list[str]:
    return sorted(str(p.relative_to(output)) for p in output.rglob("part-*.parquet"))


def _rows(output) -> dict[str, list[tuple]]:
    """Each table's rows, without the run's ingestion time."""
    con = connect(str(output))
    queries = {
        "articles": "SELECT article_id, date, topic, title, locator FROM articles",
        "entities": "SELECT article_id, entity_id, name, mention_count FROM entities",
        "quotes": "SELECT article_id, quote_id, text, speaker FROM quotes",
        "errors": "SELECT locator, error FROM errors",
    }
    return {table: sorted(con.execute(sql).fetchall()) for table, sql in queries.items()}


def _check(rows: dict[str, list[tuple]], edition: str) -> None:
    """One row per article of `edition`, one per date; the bad lines as errors; no orphans."""
    articles = rows["articles"]
    assert len(articles) == len({a[0] for a in articles}) == len({a[1] for a in articles}) == DAYS
    assert all(a[3].endswith(f"({edition})") for a in articles)
    assert rows["errors"] == [(f"line:{n}", "bad_json") for n in range(11, 11 + BAD_LINES)]
    ids = {a[0] for a in articles}
    assert {r[0] for r in rows["entities"] + rows["quotes"]} <= ids


def test_killed_mid_write_then_rerun_twice(tmp_path):
    folder, output = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    feed = folder / "feed.jsonl"
    feed.write_text(_feed("first"))
    _completed_run(folder, output)
    first = _rows(output)
    _check(first, "first")
    first_files = _published(output)

    feed.write_text(_feed("second"))
    job = _newsbeam_run(folder, output)
    deadline = time.monotonic() + START_TIMEOUT_S
    while len(list(output.rglob("*.staged"))) < KILL_AFTER_FILES:
        assert job.poll() is None, "the run ended before it was killed"
        assert time.monotonic() < deadline, "the run never started writing"
        time.sleep(0.005)
    os.killpg(job.pid, signal.SIGKILL)
    _, err = job.communicate(timeout=60)
    assert job.returncode == -signal.SIGKILL, err.decode()

    # What a reader sees is still the first run's dataset, every file complete.
    assert _published(output) == first_files
    for path in output.rglob("part-*.parquet"):
        pq.read_metadata(path)
    assert _rows(output) == first

    _completed_run(folder, output)
    second = _rows(output)
    _check(second, "second")

    second_files = _published(output)
    assert _completed_run(folder, output) == b""  # --quiet; exit 0 although errors exist
    assert _rows(output) == second
    assert _published(output) == second_files
