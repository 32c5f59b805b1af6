"""Streaming end to end, against the Pub/Sub and GCS emulators, through the real CLI.

A backlog published before the job started is written whole; then files dropped in a
folder (published by `newsbeam watch`) and objects uploaded to a bucket (with the
notification GCS would send; the storage emulator sends none) become rows, a message
naming no file and one naming a local file outside --allowed_roots become error rows,
and the job stops cleanly on SIGINT. One job serves every assertion: each start costs
seconds. Waits are generous bounds (minutes) on a shared machine; how soon rows appear
(in windows) is measured by benchmarks/streaming_latency.py.
"""

from __future__ import annotations

import re
import signal

from newsbeam.query import connect
from tests.streaming_jobs import article, errors, gcs_notification, newsbeam, sources, wait_for

WINDOW_SECONDS = 5
BACKLOG = 12
WATCH_INTERVAL_S = 0.25
#: Job start-up, first Pub/Sub pull and first spaCy load, on a busy 2-core machine.
FIRST_ROWS_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 30.0
#: Generous bound (minutes) on rows appearing after their files are dropped.
ROWS_BOUND_S = 180.0
WATCH_READY_TIMEOUT_S = 30.0
WINDOWED_NAME = re.compile(r"w\d{8}T\d{6}-\d{6}-part-[0-9a-f]{20}\.parquet")


def test_new_files_and_objects_become_rows_and_the_job_stops_cleanly(
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
        path.write_text(article(f"Waiting article {number}"))
        pubsub_emulator.publish(topic, str(path).encode())
        waiting.add(str(path))
    run_args = ["run", "--streaming", "--input_subscription", subscription]
    run_args += ["--output", str(output), "--window_seconds", str(WINDOW_SECONDS)]
    run_args += ["--allowed_roots", str(inbox), "--allowed_roots", str(backlog)]
    watch_args = ["watch", str(inbox), "--topic", topic, "--interval", str(WATCH_INTERVAL_S)]
    with (
        newsbeam(tmp_path, "job", *run_args) as job,
        newsbeam(tmp_path, "watch", *watch_args) as watch,
    ):
        # The backlog is read once the job has started (spaCy loads on the first batch).
        wait_for(lambda: sources(output) == waiting, FIRST_ROWS_TIMEOUT_S, "backlog rows")
        # `watch` publishes files that appear after it looked at the folder (it says so).
        watch_out = tmp_path / "watch.out"
        wait_for(lambda: "watching" in watch_out.read_text(), WATCH_READY_TIMEOUT_S, "watch ready")

        # With the job running: a file written under a temporary name, then renamed; an
        # object uploaded to the bucket; a message naming no file; a delete event.
        temp, dropped = inbox / ".dropped.txt.partial", inbox / "dropped.txt"
        temp.write_text(article("Dropped in the folder"))
        temp.rename(dropped)
        uploaded = article("Uploaded to the bucket").encode()
        bucket, name = gcs_emulator.bucket, "streaming/uploaded.txt"
        uri = gcs_emulator.upload(bucket, name, uploaded)
        for event in ("OBJECT_FINALIZE", "OBJECT_DELETE"):
            notice = gcs_notification(bucket, name, len(uploaded), event)
            pubsub_emulator.publish(topic, *notice)
        pubsub_emulator.publish(topic, b"relative/path.txt")
        # A local file outside --allowed_roots: a dead letter, never read.
        secret = tmp_path / "secret.txt"
        secret.write_text(article("Not under an allowed root"))
        pubsub_emulator.publish(topic, str(secret).encode())
        expected = waiting | {str(dropped), uri}
        # A generous bound: the latency itself is benchmarks/streaming_latency.py's.
        wait_for(
            lambda: sources(output) == expected and len(errors(output)) == 2,
            ROWS_BOUND_S,
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
    assert sources(output) == expected
    articles = con.execute(
        "SELECT article_id, entity_count, quote_count FROM articles ORDER BY source_uri"
    ).fetchall()
    assert all(entities > 0 and quotes > 0 for _, entities, quotes in articles), articles
    for table in ("entities", "quotes"):
        ids = con.execute(f"SELECT DISTINCT article_id FROM {table}").fetchall()
        assert {i for (i,) in ids} == {a for a, _, _ in articles}, table
    bad_message, outside = sorted(errors(output), key=lambda row: row[0] == str(secret))
    assert bad_message[0].startswith(f"{subscription}/messages/")
    assert bad_message[1:] == ("read", "bad_notification")
    assert outside == (str(secret), "read", "outside_root")
