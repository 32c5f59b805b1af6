"""A run killed mid-write (SIGKILL of its whole process group) leaves nothing half-written
that DuckDB can see, the next run completes with exactly the right rows, and one more run
over the same input changes nothing (idempotency).

The input is one JSON-lines feed of dated articles, one per day, so the write stage
publishes about 900 partition files one after another (about 6 s here); the test starts
the real CLI, waits until KILL_AFTER_FILES of them are published and kills the process
group at once, files in progress and all.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time

import pyarrow.parquet as pq

from pipeline.query import connect
from tests.conftest import REPO

DAYS = 300
BAD_LINES = 3
TABLES = ("articles", "entities", "quotes", "errors")
KILL_AFTER_FILES = 100
START_TIMEOUT_S = 300.0


def _feed() -> str:
    lines = []
    for day in range(DAYS):
        date = dt.date(2019, 1, 1) + dt.timedelta(days=day)
        record = {
            "title": f"Council meeting {day}",
            "maintext": f"The council of Ward {day} met on {date:%B %d} and approved the "
            "library budget, Mayor Ellen Marsh said.",
            "date_publish": date.isoformat(),
        }
        lines.append(json.dumps(record))
    lines[10:10] = ['{"title": "cut short", "maintext": '] * BAD_LINES
    return "\n".join(lines) + "\n"


def _newsbeam_run(folder, output) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "run", "--input", str(folder)]
        + ["--output", str(output), "--quiet"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, worker processes included
    )


def _published(output) -> list:
    return list(output.rglob("part-*.parquet"))


def test_killed_mid_write_then_rerun_twice(tmp_path):
    folder, output = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "feed.jsonl").write_text(_feed())

    job = _newsbeam_run(folder, output)
    deadline = time.monotonic() + START_TIMEOUT_S
    while len(_published(output)) < KILL_AFTER_FILES and time.monotonic() < deadline:
        assert job.poll() is None, "the run ended before it was killed"
        time.sleep(0.005)
    os.killpg(job.pid, signal.SIGKILL)
    _, err = job.communicate(timeout=60)
    assert job.returncode == -signal.SIGKILL, err.decode()
    published = _published(output)
    article_files = [p for p in published if p.parts[-4] == "articles"]
    assert len(article_files) < DAYS, "the write stage finished before the kill"

    # Every visible file is complete; DuckDB reads whatever is there.
    for path in published:
        pq.read_metadata(path)
    con = connect(str(output))
    for table in TABLES:
        con.execute(f"SELECT count(*) FROM {table}").fetchone()

    completed = _completed_run(folder, output)
    rows = _rows(output)
    assert len(rows["articles"]) == len({r[0] for r in rows["articles"]}) == DAYS
    assert len({r[1] for r in rows["articles"]}) == DAYS  # one date partition per article
    assert rows["errors"] == [(f"line:{n}", "bad_json") for n in range(11, 11 + BAD_LINES)]
    orphans = {r[0] for r in rows["entities"] + rows["quotes"]} - {r[0] for r in rows["articles"]}
    assert orphans == set()

    # Idempotent: a run over the same input into the same output gives the same rows and files.
    files = sorted(str(p.relative_to(output)) for p in _published(output))
    again = _completed_run(folder, output)
    assert _rows(output) == rows
    assert sorted(str(p.relative_to(output)) for p in _published(output)) == files
    assert completed == again == b""  # --quiet, exit status 0 although errors were recorded


def _completed_run(folder, output) -> bytes:
    job = _newsbeam_run(folder, output)
    out, err = job.communicate(timeout=600)
    assert job.returncode == 0, err.decode()
    assert not list(output.rglob("*.inprogress"))
    return out


def _rows(output) -> dict[str, list[tuple]]:
    """Each table's rows, without the run's ingestion time."""
    con = connect(str(output))
    queries = {
        "articles": "SELECT article_id, date, topic, title, text, published_at FROM articles",
        "entities": "SELECT article_id, entity_id, name, mention_count FROM entities",
        "quotes": "SELECT article_id, quote_id, text, speaker FROM quotes",
        "errors": "SELECT locator, error FROM errors",
    }
    return {table: sorted(con.execute(sql).fetchall()) for table, sql in queries.items()}
