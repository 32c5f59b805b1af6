"""Streaming end to end, against the Pub/Sub and GCS emulators, through the real CLI.

A backlog published before the job started is written whole; then files dropped in a
folder (published by `newsbeam watch`) and objects uploaded to a bucket (with the
notification GCS would send; the storage emulator sends none) become rows within two
windows, a message naming no file and one naming a local file outside --allowed_roots
become error rows, and the job stops cleanly on SIGINT. One job serves every assertion:
each start costs seconds.
"""

from __future__ import annotations

import contextlib
import json
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from newsbeam.query import connect
from tests.conftest import REPO, SEED

WINDOW_SECONDS = 5
BACKLOG = 12
WATCH_INTERVAL_S = 0.25
#: Job start-up, first Pub/Sub pull and first spaCy load, on a busy 2-core machine.
FIRST_ROWS_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 30.0
WATCH_READY_TIMEOUT_S = 30.0
WINDOWED_NAME = re.compile(r"w\d{8}T\d{6}-\d{6}-part-[0-9a-f]{20}\.parquet")


def _article(title: str) -> str:
    """The seed article under another title (hence another article id)."""
    body = SEED.read_text(encoding="utf-8").split("\n", 1)[1]
    return f"{title}\n{body}"


@contextlib.contextmanager
def _newsbeam(log_dir: Path, name: str, *args: str) -> Iterator[subprocess.Popen]:
    """`newsbeam ARGS` in the background, output in log_dir/name.{out,err}; killed if left."""
    with open(log_dir / f"{name}.out", "w") as out, open(log_dir / f"{name}.err", "w") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "newsbeam.cli", *args], cwd=REPO, stdout=out, stderr=err
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=30)


def _wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Return once `condition()` holds; fail the test after `timeout` seconds."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what}: not within {timeout:.0f} s (logs: job.*, watch.* beside)")


def _sources(output: Path) -> set[str]:
    con = connect(str(output))
    return {uri for (uri,) in con.execute("SELECT source_uri FROM articles").fetchall()}


def _errors(output: Path) -> list[tuple[str, str, str]]:
    con = connect(str(output))
    return con.execute("SELECT source_uri, stage, error FROM errors").fetchall()


def _gcs_notification(bucket: str, name: str, size: int, event: str) -> tuple[bytes, dict]:
    """What a bucket notification configured with payload JSON_API_V1 publishes."""
    payload = {"kind": "storage#object", "bucket": bucket, "name": name, "size": str(size)}
    attributes = {
        "eventType": event,
        "payloadFormat": "JSON_API_V1",
        "bucketId": bucket,
        "objectId": name,
        "objectGeneration": "1",
        "notificationConfig": f"projects/_/buckets/{bucket}/notificationConfigs/1",
    }
    return json.dumps(payload).encode(), attributes


def test_new_files_and_objects_become_rows_within_two_windows_and_the_job_stops_cleanly(
    pubsub_emulator, gcs_emulator, tmp_path
):
    topic, subscription = pubsub_emulator.topic_and_subscription("articles")
    inbox, backlog, output = tmp_path / "inbox", tmp_path / "backlog", tmp_path / "out"
    inbox.mkdir()
    backlog.mkdir()
    # A backlog larger than one local pull (10 messages), published before the job starts,
    # as bare paths: every one must be written, none dropped as late.
    waiting = set()
    for number in range(BACKLOG):
        path = backlog / f"waiting-{number}.txt"
        path.write_text(_article(f"Waiting article {number}"))
        pubsub_emulator.publish(topic, str(path).encode())
        waiting.add(str(path))
    run_args = ["run", "--streaming", "--input_subscription", subscription]
    run_args += ["--output", str(output), "--window_seconds", str(WINDOW_SECONDS)]
    run_args += ["--allowed_roots", str(inbox), "--allowed_roots", str(backlog)]
    watch_args = ["watch", str(inbox), "--topic", topic, "--interval", str(WATCH_INTERVAL_S)]
    with (
        _newsbeam(tmp_path, "job", *run_args) as job,
        _newsbeam(tmp_path, "watch", *watch_args) as watch,
    ):
        # The backlog is read once the job has started (spaCy loads on the first batch).
        _wait_for(lambda: _sources(output) == waiting, FIRST_ROWS_TIMEOUT_S, "backlog rows")
        # `watch` publishes files that appear after it looked at the folder (it says so).
        watch_out = tmp_path / "watch.out"
        _wait_for(lambda: "watching" in watch_out.read_text(), WATCH_READY_TIMEOUT_S, "watch ready")

        # With the job running: a file written under a temporary name, then renamed; an
        # object uploaded to the bucket; a message naming no file; a delete event.
        temp, dropped = inbox / ".dropped.txt.partial", inbox / "dropped.txt"
        temp.write_text(_article("Dropped in the folder"))
        temp.rename(dropped)
        uploaded = _article("Uploaded to the bucket").encode()
        bucket, name = gcs_emulator.bucket, "streaming/uploaded.txt"
        uri = gcs_emulator.upload(bucket, name, uploaded)
        for event in ("OBJECT_FINALIZE", "OBJECT_DELETE"):
            notice = _gcs_notification(bucket, name, len(uploaded), event)
            pubsub_emulator.publish(topic, *notice)
        pubsub_emulator.publish(topic, b"relative/path.txt")
        # A local file outside --allowed_roots: a dead letter, never read.
        secret = tmp_path / "secret.txt"
        secret.write_text(_article("Not under an allowed root"))
        pubsub_emulator.publish(topic, str(secret).encode())
        expected = waiting | {str(dropped), uri}
        # Two windows, plus the two folder looks `watch` needs to call a file complete.
        _wait_for(
            lambda: _sources(output) == expected and len(_errors(output)) == 2,
            2 * WINDOW_SECONDS + 2 * WATCH_INTERVAL_S,
            "rows of the dropped file, the uploaded object and the two bad messages",
        )

        job.send_signal(signal.SIGINT)
        job_status = job.wait(timeout=STOP_TIMEOUT_S)
        watch.send_signal(signal.SIGTERM)
        watch_status = watch.wait(timeout=STOP_TIMEOUT_S)

    job_err = (tmp_path / "job.err").read_text()
    assert job_status == 0, job_err
    assert "Traceback" not in job_err, job_err
    assert f"newsbeam query --output {output}" in (tmp_path / "job.out").read_text()
    assert watch_status == 0, (tmp_path / "watch.err").read_text()
    published = watch_out.read_text().splitlines()
    assert [line for line in published if line.startswith("published ")] == [f"published {dropped}"]

    # Nothing half-written or hidden is left, and every file carries its window.
    files = [p for p in output.rglob("*") if p.is_file()]
    assert files and all(WINDOWED_NAME.fullmatch(p.name) for p in files), files

    con = connect(str(output))
    assert _sources(output) == expected
    articles = con.execute(
        "SELECT article_id, entity_count, quote_count FROM articles ORDER BY source_uri"
    ).fetchall()
    assert all(entities > 0 and quotes > 0 for _, entities, quotes in articles), articles
    for table in ("entities", "quotes"):
        ids = con.execute(f"SELECT DISTINCT article_id FROM {table}").fetchall()
        assert {i for (i,) in ids} == {a for a, _, _ in articles}, table
    bad_message, outside = sorted(_errors(output), key=lambda row: row[0] == str(secret))
    assert bad_message[0].startswith(f"{subscription}/messages/")
    assert bad_message[1:] == ("read", "bad_notification")
    assert outside == (str(secret), "read", "outside_root")
