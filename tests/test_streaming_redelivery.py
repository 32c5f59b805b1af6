"""Streaming under at-least-once delivery and restarts, against the Pub/Sub and GCS
emulators, through the real CLI on Beam's local streaming runner.

- Every object notified twice (back to back, and again windows later, as Pub/Sub
  redeliveries and duplicate GCS notifications do) becomes one article and no error row;
  so does a local file notified twice and a local file touched and notified again.
- A local job killed with SIGKILL loses the files of its open window (the local runner
  acknowledged their messages); restarting the job and then `newsbeam watch --output`
  publishes them again, together with the files that arrived while the watch was
  stopped (its state file), and every file ends up written exactly once.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from google.api_core import exceptions as api_exceptions

from newsbeam.query import connect
from newsbeam.watch import FileVersion, notification
from tests.streaming_jobs import (
    article,
    errors,
    gcs_notification,
    newsbeam,
    source_counts,
    sources,
    wait_for,
)

#: Job start-up, first Pub/Sub pull and first spaCy load, on a busy 2-core machine.
FIRST_ROWS_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 30.0
WATCH_INTERVAL_S = 0.25


def _job_args(subscription: str, output: Path, window: int, *roots: Path) -> list[str]:
    args = ["run", "--streaming", "--input_subscription", subscription, "--output", str(output)]
    args += ["--window_seconds", str(window)]
    for root in roots:
        args += ["--allowed_roots", str(root)]
    return args


def _stop(process) -> int:
    process.send_signal(signal.SIGINT)
    return process.wait(timeout=STOP_TIMEOUT_S)


def _complete_rows(output: Path) -> bool:
    """Whether every article has all its entity and quote rows (none written twice)."""
    con = connect(str(output))
    (bad,) = con.execute(
        """
        SELECT count(*) FROM articles a
        WHERE entity_count <> (SELECT count(*) FROM entities e WHERE e.article_id = a.article_id)
           OR quote_count <> (SELECT count(*) FROM quotes q WHERE q.article_id = a.article_id)
        """
    ).fetchone()
    return bad == 0


def _local_notice(path: Path, folder: Path) -> tuple[bytes, dict[str, str]]:
    """The message `newsbeam watch` publishes for the file as it is now."""
    info = path.stat()
    return notification(FileVersion(str(path), info.st_size, info.st_mtime_ns), str(folder))


def test_every_object_notified_twice_is_one_article_and_no_error_row(
    pubsub_emulator, gcs_emulator, tmp_path
):
    topic, subscription = pubsub_emulator.topic_and_subscription("redelivered")
    inbox, output = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    bucket = gcs_emulator.bucket

    def upload(name: str, title: str) -> tuple[str, tuple[bytes, dict]]:
        data = article(title).encode()
        uri = gcs_emulator.upload(bucket, name, data)
        generation = gcs_emulator.client().bucket(bucket).get_blob(name).generation
        return uri, gcs_notification(bucket, name, len(data), "OBJECT_FINALIZE", generation)

    window = 3
    with newsbeam(tmp_path, "job", *_job_args(subscription, output, window, inbox)) as job:
        # Warm up (job start, first spaCy load) with one object, so that what follows
        # happens within seconds of each other.
        warm_uri, warm_notice = upload("redelivery/warm.txt", "Warm-up article")
        pubsub_emulator.publish(topic, *warm_notice)
        wait_for(lambda: sources(output) == {warm_uri}, FIRST_ROWS_TIMEOUT_S, "warm-up rows")

        objects = dict(upload(f"redelivery/object-{n}.txt", f"Object {n}") for n in range(4))
        files = []
        for n in range(2):
            path = inbox / f"file-{n}.txt"
            path.write_text(article(f"Local file {n}"))
            files.append(path)
        touched = inbox / "touched.txt"
        touched.write_text(article("Touched file"))
        notices = [*objects.values(), *(_local_notice(p, inbox) for p in files)]
        for notice in notices:  # every notification twice, back to back
            pubsub_emulator.publish(topic, *notice)
            pubsub_emulator.publish(topic, *notice)
        pubsub_emulator.publish(topic, *_local_notice(touched, inbox))
        expected = {warm_uri, *objects, *(str(p) for p in files), str(touched)}
        wait_for(lambda: sources(output) == expected, 6 * window + 30, "rows of every file")

        # Windows later: every notification again (a redelivery), and the touched file
        # notified as a new version (same content, new modification time).
        for notice in notices:
            pubsub_emulator.publish(topic, *notice)
        info = touched.stat()
        os.utime(touched, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
        pubsub_emulator.publish(topic, *_local_notice(touched, inbox))
        # A last new object: once its rows are out, the notices before it were read too.
        last_uri, last_notice = upload("redelivery/last.txt", "Last article")
        pubsub_emulator.publish(topic, *last_notice)
        expected.add(last_uri)
        wait_for(lambda: last_uri in sources(output), 6 * window + 30, "rows of the last object")
        time.sleep(2 * window + 2)  # panes of other partitions fire up to a window later
        status = _stop(job)

    assert status == 0, (tmp_path / "job.err").read_text()
    assert source_counts(output) == dict.fromkeys(expected, 1)
    assert errors(output) == []
    assert _complete_rows(output)


def _pending_messages(subscription: str) -> int:
    """How many messages the subscription still holds (they are put back at once)."""
    from google.cloud import pubsub_v1

    with pubsub_v1.SubscriberClient() as subscriber:
        try:
            response = subscriber.pull(subscription=subscription, max_messages=50, timeout=5)
        except api_exceptions.DeadlineExceeded:
            return 0
        ack_ids = [m.ack_id for m in response.received_messages]
        if ack_ids:
            subscriber.modify_ack_deadline(
                subscription=subscription, ack_ids=ack_ids, ack_deadline_seconds=0
            )
    return len(ack_ids)


def test_a_killed_local_job_loses_no_file_after_restarting_it_and_watch_with_output(
    pubsub_emulator, tmp_path
):
    topic, subscription = pubsub_emulator.topic_and_subscription("killed")
    inbox, output = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    state = inbox / ".newsbeam-watch.json"
    watch_args = ["watch", str(inbox), "--topic", topic, "--interval", str(WATCH_INTERVAL_S)]
    window = 30  # long: the files dropped next must still be in their window at the kill

    def drop(name: str) -> str:
        path = inbox / name
        path.write_text(article(name.removesuffix(".txt").replace("-", " ").title()))
        return str(path)

    def published(log: Path) -> list[str]:
        lines = log.read_text().splitlines() if log.exists() else []
        return [line.removeprefix("published ") for line in lines if line.startswith("published")]

    job_args = _job_args(subscription, output, window, inbox)
    with (
        newsbeam(tmp_path, "job", *job_args) as job,
        newsbeam(tmp_path, "watch", *watch_args) as watch,
    ):
        wait_for(lambda: state.exists(), 30, "watch state file")
        written = drop("written-before-the-kill.txt")
        wait_for(lambda: sources(output) == {written}, FIRST_ROWS_TIMEOUT_S, "first rows")
        # Windows are aligned to the clock: drop just after a window opens, so the kill
        # comes long before it closes.
        wait_for(lambda: time.time() % window < 2, window + 5, "a window to open")
        lost = [drop(f"lost-in-the-kill-{n}.txt") for n in range(3)]
        wait_for(lambda: set(lost) <= set(published(tmp_path / "watch.out")), 30, "publishing")
        # The job pulls at least once a second: let it take (and acknowledge) them all,
        # then kill it before their window, 30 s long, is written.
        wait_for(lambda: _pending_messages(subscription) == 0, 20, "the job pulling")
        job.send_signal(signal.SIGKILL)
        job.wait(timeout=STOP_TIMEOUT_S)
        watch.send_signal(signal.SIGTERM)
        assert watch.wait(timeout=STOP_TIMEOUT_S) == 0
    # Lost: acknowledged, never written (on a machine slow enough that their window closed
    # before the kill, some are in the output already; at least one must be lost).
    unwritten = sorted(set(lost) - sources(output))
    assert sources(output) <= {written, *lost} and unwritten
    assert _pending_messages(subscription) == 0  # and not waiting in the subscription

    # While everything is stopped, more files arrive.
    arrived = [drop(f"arrived-while-stopped-{n}.txt") for n in range(2)]
    window = 3
    job_args = _job_args(subscription, output, window, inbox)
    with (
        newsbeam(tmp_path, "job2", *job_args) as job,
        newsbeam(tmp_path, "watch2", *watch_args, "--output", str(output)) as watch,
    ):
        expected = {written, *lost, *arrived}
        wait_for(lambda: sources(output) == expected, FIRST_ROWS_TIMEOUT_S, "recovered rows")
        assert _stop(job) == 0, (tmp_path / "job2.err").read_text()
        watch.send_signal(signal.SIGTERM)
        assert watch.wait(timeout=STOP_TIMEOUT_S) == 0

    assert sorted(published(tmp_path / "watch2.out")) == sorted([*unwritten, *arrived])
    assert source_counts(output) == dict.fromkeys(expected, 1)
    assert errors(output) == []
    assert _complete_rows(output)
