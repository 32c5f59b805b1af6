"""Issue 31, case 2, through the real CLI: two runs into one output.

Every commit used to delete all staged files under the output, another running job's
included (1 try in 7 lost 198 articles). Now a second run is refused with one line
naming the holder, or waits with `--wait_for_lock` and then adds its rows; and a run
removes only its own staged files and those of a run known to be dead.

The first run is stopped (SIGSTOP) as soon as it holds the output's lock and resumed
once the other two met it: however busy the machine, they find it running, without a
large input to keep it busy.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from newsbeam.query import connect
from tests.conftest import REPO, SEED
from tests.input_fixtures import council_feed
from tests.test_cli_e2e import newsbeam

START_TIMEOUT_S = 300.0
LOCK_NAME = "_newsbeam.lock"  # the lock object (newsbeam.transforms.dataset.lock)
DAYS = 5


def _start(log: Path, *args: str) -> subprocess.Popen:
    """`newsbeam run ARGS` in the background, its stderr in `log`."""
    with open(log, "w") as err:
        return subprocess.Popen(
            [sys.executable, "-m", "newsbeam.cli", "run", *args],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=err,
            text=True,
        )


def _wait_until(condition, job: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while not condition():
        assert job.poll() is None, f"{what}: the run ended first"
        assert time.monotonic() < deadline, f"{what}: not within {START_TIMEOUT_S:.0f} s"
        time.sleep(0.05)


def test_a_second_run_is_refused_or_waits_and_nothing_is_lost(tmp_path):
    feed, output = tmp_path / "feed", tmp_path / "out"
    feed.mkdir()
    (feed / "feed.jsonl").write_text(council_feed("North", "first", DAYS))
    first_log, waiting_log = tmp_path / "first.err", tmp_path / "waiting.err"
    first = _start(first_log, "--input", str(feed), "--output", str(output), "--quiet")
    lock = output / LOCK_NAME
    _wait_until(lock.exists, first, "the first run takes the lock")
    os.kill(first.pid, signal.SIGSTOP)
    try:
        holder = json.loads(lock.read_text())
        assert holder["pid"] == first.pid

        refused = newsbeam("run", "--input", str(SEED), "--output", str(output))
        assert refused.returncode == 2
        lines = refused.stderr.strip().splitlines()
        assert len(lines) == 1, refused.stderr
        expected = f"is in use by run {holder['run_id']} (host {socket.gethostname()}, pid "
        assert expected in lines[0]
        assert "--wait_for_lock" in lines[0]

        waiting = _start(
            waiting_log, "--input", str(SEED), "--output", str(output), "--wait_for_lock"
        )
        said = f"waiting for run {holder['run_id']}"
        _wait_until(lambda: said in waiting_log.read_text(), waiting, "the second run waits")
    finally:
        os.kill(first.pid, signal.SIGCONT)
    assert first.wait(timeout=600) == 0, first_log.read_text()
    assert waiting.wait(timeout=600) == 0, waiting_log.read_text()
    for err in (first_log.read_text(), waiting_log.read_text(), refused.stderr):
        assert "Traceback" not in err

    con = connect(str(output))
    n, ids = con.execute("SELECT count(*), count(DISTINCT article_id) FROM articles").fetchone()
    assert n == ids == DAYS + 1  # every article of both runs, once
    assert con.execute("SELECT count(*) FROM errors").fetchone() == (0,)
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
