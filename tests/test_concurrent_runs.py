"""Issue 31, case 2, through the real CLI: two runs into one output.

Every commit used to delete all staged files under the output, another running job's
included (1 try in 7 lost 198 articles). Now a second run is refused with one line
naming the holder, or waits with `--wait_for_lock` and then adds its rows; and a run
removes only its own staged files and those of a run known to be dead.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

from newsbeam.query import connect
from tests.conftest import REPO, SEED
from tests.test_cli_e2e import newsbeam
from tests.test_kill import BAD_LINES, DAYS, _feed

START_TIMEOUT_S = 300.0
LOCK_NAME = "_newsbeam.lock"  # the lock object (newsbeam.transforms.dataset.lock)


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "newsbeam.cli", "run", *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_lock(output, job: subprocess.Popen) -> dict:
    deadline = time.monotonic() + START_TIMEOUT_S
    lock = output / LOCK_NAME
    while not lock.exists():
        assert job.poll() is None, job.communicate()
        assert time.monotonic() < deadline, "the first run never took the lock"
        time.sleep(0.05)
    return json.loads(lock.read_text())


def test_a_second_run_is_refused_or_waits_and_nothing_is_lost(tmp_path):
    feed, output = tmp_path / "feed", tmp_path / "out"
    feed.mkdir()
    (feed / "feed.jsonl").write_text(_feed("first"))
    first = _start("--input", str(feed), "--output", str(output), "--quiet")
    holder = _wait_for_lock(output, first)
    assert holder["pid"] == first.pid

    refused = newsbeam("run", "--input", str(SEED), "--output", str(output))
    assert refused.returncode == 2
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1, refused.stderr
    assert f"is in use by run {holder['run_id']} (host {socket.gethostname()}, pid " in lines[0]
    assert "--wait_for_lock" in lines[0]

    waiting = _start("--input", str(SEED), "--output", str(output), "--wait_for_lock")
    _, first_err = first.communicate(timeout=600)
    assert first.returncode == 0, first_err
    waited_out, waited_err = waiting.communicate(timeout=600)
    assert waiting.returncode == 0, waited_err
    assert f"waiting for run {holder['run_id']}" in waited_err
    for err in (first_err, waited_err, refused.stderr):
        assert "Traceback" not in err

    con = connect(str(output))
    n, ids = con.execute("SELECT count(*), count(DISTINCT article_id) FROM articles").fetchone()
    assert n == ids == DAYS + 1  # every article of both runs, once
    assert con.execute("SELECT count(*) FROM errors").fetchone() == (BAD_LINES,)
    assert not (output / LOCK_NAME).exists()
    assert not list(output.rglob(".*.staged")) and not list(output.rglob(".*.inprogress"))


def _staged(output, run_id: str, age_days: float = 0) -> object:
    path = output / "articles" / "date=2020-01-01" / "topic=other"
    path.mkdir(parents=True, exist_ok=True)
    staged = path / f".part-00000000000000000000.parquet.{run_id}.staged"
    staged.write_bytes(b"PAR1 staged by another run")
    if age_days:
        old = time.time() - age_days * 86400
        os.utime(staged, (old, old))
    return staged


def test_a_run_removes_only_its_own_and_dead_runs_staged_files(tmp_path):
    output = tmp_path / "out"
    dead = subprocess.Popen(["true"])
    dead.wait()
    dead_run = "20260101T000000-0000dead"
    (output).mkdir()
    (output / LOCK_NAME).write_text(
        json.dumps(
            {
                "run_id": dead_run,
                "host": socket.gethostname(),
                "pid": dead.pid,
                "started_at": time.time() - 60,
                "expires_at": time.time() + 600,
            }
        )
    )
    of_dead_holder = _staged(output, dead_run)
    of_live_run = _staged(output, "20260101T000000-0a11e000")
    of_old_run = _staged(output, "20250101T000000-000001d0", age_days=8)

    result = newsbeam("run", "--input", str(SEED), "--output", str(output))
    assert result.returncode == 0, result.stderr
    assert of_live_run.exists()
    assert not of_dead_holder.exists()
    assert not of_old_run.exists()
    assert connect(str(output)).execute("SELECT count(*) FROM articles").fetchone() == (1,)
