"""Helpers of the end-to-end streaming tests: background `newsbeam` processes, waiting,
and what the output holds."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from newsbeam.query import connect
from tests.conftest import REPO, SEED


def article(title: str) -> str:
    """The seed article under another title (hence another article id)."""
    body = SEED.read_text(encoding="utf-8").split("\n", 1)[1]
    return f"{title}\n{body}"


@contextlib.contextmanager
def newsbeam(log_dir: Path, name: str, *args: str) -> Iterator[subprocess.Popen]:
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


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Return once `condition()` holds; fail the test after `timeout` seconds."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what}: not within {timeout:.0f} s (logs: job.*, watch.* beside)")


def sources(output: Path) -> set[str]:
    con = connect(str(output))
    return {uri for (uri,) in con.execute("SELECT source_uri FROM articles").fetchall()}


def source_counts(output: Path) -> dict[str, int]:
    """Article rows per source."""
    con = connect(str(output))
    rows = con.execute("SELECT source_uri, count(*) FROM articles GROUP BY 1").fetchall()
    return dict(rows)


def errors(output: Path) -> list[tuple[str, str, str]]:
    con = connect(str(output))
    return con.execute("SELECT source_uri, stage, error FROM errors").fetchall()


def gcs_notification(
    bucket: str, name: str, size: int, event: str, generation: int = 1
) -> tuple[bytes, dict]:
    """What a bucket notification configured with payload JSON_API_V1 publishes."""
    payload = {"kind": "storage#object", "bucket": bucket, "name": name, "size": str(size)}
    attributes = {
        "eventType": event,
        "payloadFormat": "JSON_API_V1",
        "bucketId": bucket,
        "objectId": name,
        "objectGeneration": str(generation),
        "notificationConfig": f"projects/_/buckets/{bucket}/notificationConfigs/1",
    }
    return json.dumps(payload).encode(), attributes
