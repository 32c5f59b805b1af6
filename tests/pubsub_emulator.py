"""A local Pub/Sub for tests: the emulator that ships with google-cloud-cli, on 127.0.0.1.

The session fixture `pubsub_emulator` starts `gcloud beta emulators pubsub start` on a
free port (Java; it takes 10-30 s to answer) and sets `PUBSUB_EMULATOR_HOST` for the
rest of the session, in this process and in the processes it starts (the `newsbeam`
CLI), so google-cloud-pubsub and Beam's Pub/Sub reader use it. Tests that need it skip
(fail under CI) with the reason when gcloud, its Pub/Sub emulator component or Java is missing; an
emulator that is installed but does not start fails them.

Registered as a pytest plugin in `tests/conftest.py`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.servers import free_port, wait_until_serving

PROJECT = "newsbeam-test"
START_TIMEOUT_S = 120.0


@dataclass
class PubsubEmulator:
    """A running emulator: its host:port and small topic/subscription helpers."""

    host: str
    project: str = PROJECT

    def topic_and_subscription(self, name: str) -> tuple[str, str]:
        """Create topic `name` and subscription `name-sub` on it; return both paths."""
        from google.cloud import pubsub_v1

        topic = f"projects/{self.project}/topics/{name}"
        subscription = f"projects/{self.project}/subscriptions/{name}-sub"
        with pubsub_v1.PublisherClient() as publisher:
            publisher.create_topic(name=topic)
        with pubsub_v1.SubscriberClient() as subscriber:
            subscriber.create_subscription(name=subscription, topic=topic)
        return topic, subscription

    def publish(self, topic: str, data: bytes, attributes: dict[str, str] | None = None) -> None:
        from google.cloud import pubsub_v1

        publisher = pubsub_v1.PublisherClient()
        publisher.publish(topic, data, **(attributes or {})).result(timeout=30)


def missing_requirement() -> str | None:
    """Why the emulator cannot run on this machine, or None when it can."""
    gcloud = shutil.which("gcloud")
    if gcloud is None:
        return "gcloud (google-cloud-cli) is not installed"
    sdk_root = Path(os.path.realpath(gcloud)).parent.parent
    if not (sdk_root / "platform" / "pubsub-emulator").is_dir():
        return f"the Pub/Sub emulator component is not installed in {sdk_root}"
    if shutil.which("java") is None:
        return "Java (needed by the Pub/Sub emulator) is not installed"
    return None


def _stop(process: subprocess.Popen) -> None:
    """Stop gcloud and the Java server it started (one process group of our own)."""
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


@contextlib.contextmanager
def running_emulator(data_dir: Path) -> Iterator[str]:
    """gcloud's Pub/Sub emulator on a free port, its data and log in `data_dir`: yields
    its host:port once it answers, and stops it afterwards (also used by
    benchmarks/streaming_latency.py)."""
    host = f"127.0.0.1:{free_port()}"
    log = data_dir / "emulator.log"
    command = [
        "gcloud",
        "beta",
        "emulators",
        "pubsub",
        "start",
        f"--host-port={host}",
        f"--data-dir={data_dir}",
        f"--project={PROJECT}",
    ]
    env = {**os.environ, "CLOUDSDK_CORE_DISABLE_PROMPTS": "1"}
    with open(log, "wb") as log_file:
        process = subprocess.Popen(
            command, stdout=log_file, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    try:
        wait_until_serving(process, f"http://{host}/", START_TIMEOUT_S, log)
        yield host
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def pubsub_emulator(tmp_path_factory) -> Iterator[PubsubEmulator]:
    """The emulator, with this process and its child processes pointed at it."""
    missing = missing_requirement()
    if missing:
        from tests.conftest import missing as absent

        absent(f"Pub/Sub emulator tests need the google-cloud-cli emulator: {missing}")
    with (
        running_emulator(tmp_path_factory.mktemp("pubsub-emulator")) as host,
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setenv("PUBSUB_EMULATOR_HOST", host)
        yield PubsubEmulator(host)
