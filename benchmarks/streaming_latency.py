"""Streaming latency: how long a notified file takes to become rows, counted in windows.

    python benchmarks/streaming_latency.py [--windows 5,20] [--files 6]

The README says a window's rows appear at most about one window after they arrive, even
when nothing else arrives. This measures it, with the window as the baseline: latency
is given as latency / window, for two window lengths side by side (a latency bound by
the window grows with it; a fixed cost shows as a ratio that falls as the window grows).

For each window length W, one `newsbeam run --streaming` job on the local runner reads
bare-path notifications from gcloud's Pub/Sub emulator (Java; see
tests/pubsub_emulator.py). A warm-up file is published and waited for (job start,
first pull, spaCy load: not latency). Then `--files` files are published one at a time,
each at a random point of a window and only once the previous one's row is there, so
nothing else arrives; a file's latency is the time from its publish to its row in
`newsbeam query`. The streaming end-to-end test only bounds this generously (minutes):
a shared machine's load says nothing about newsbeam.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from newsbeam.query import connect  # noqa: E402
from tests.pubsub_emulator import (  # noqa: E402
    PubsubEmulator,
    missing_requirement,
    running_emulator,
)

SEED = REPO / "tests" / "fixtures" / "time-pompeo-putin.txt"
#: Job start, first Pub/Sub pull and first spaCy load (the warm-up file).
WARM_UP_TIMEOUT_S = 600.0
ROW_TIMEOUT_S = 600.0


def _article(title: str) -> str:
    """The seed article under another title (hence another article id)."""
    return f"{title}\n{SEED.read_text(encoding='utf-8').split(chr(10), 1)[1]}"


def _wait_for_row(output: Path, source: str, timeout: float) -> float:
    """Seconds until `source` has its row in `output` (polled every 0.1 s)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if output.exists():
            sql = "SELECT count(*) FROM articles WHERE source_uri = ?"
            if connect(str(output)).execute(sql, [source]).fetchone()[0]:
                return time.monotonic() - started
        time.sleep(0.1)
    raise RuntimeError(f"no row for {source} within {timeout:.0f} s")


def measure(pubsub: PubsubEmulator, base: Path, window: int, files: int) -> list[float]:
    """Latencies (seconds) of `files` files through one streaming job of `window` s."""
    topic, subscription = pubsub.topic_and_subscription(f"latency-{window}")
    inbox, output = base / f"inbox-{window}", base / f"out-{window}"
    inbox.mkdir()
    command = [sys.executable, "-m", "newsbeam.cli", "run", "--streaming"]
    command += ["--input_subscription", subscription, "--output", str(output)]
    command += ["--window_seconds", str(window), "--allowed_roots", str(inbox), "--quiet"]
    with open(base / f"job-{window}.err", "w") as err:
        job = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=err)
    try:
        warm = inbox / "warm-up.txt"
        warm.write_text(_article("Warm-up article"))
        pubsub.publish(topic, str(warm).encode())
        _wait_for_row(output, str(warm), WARM_UP_TIMEOUT_S)
        latencies = []
        for number in range(files):
            time.sleep(random.uniform(0, window))
            path = inbox / f"file-{number}.txt"
            path.write_text(_article(f"Latency article {number}"))
            pubsub.publish(topic, str(path).encode())
            latencies.append(_wait_for_row(output, str(path), ROW_TIMEOUT_S))
            print(f"  window {window} s, file {number}: {latencies[-1]:.1f} s", flush=True)
        return latencies
    finally:
        job.send_signal(signal.SIGINT)
        try:
            job.wait(timeout=60)
        except subprocess.TimeoutExpired:
            job.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--windows", default="5,20", help="window lengths in seconds")
    parser.add_argument("--files", type=int, default=6, help="files measured per window")
    args = parser.parse_args()
    missing = missing_requirement()
    if missing:
        print(f"streaming_latency: needs the Pub/Sub emulator: {missing}", file=sys.stderr)
        return 2
    windows = [int(w) for w in args.windows.split(",")]
    results = {}
    with tempfile.TemporaryDirectory(prefix="newsbeam-latency-") as tmp:
        base = Path(tmp)
        (base / "emulator").mkdir()
        with running_emulator(base / "emulator") as host:
            os.environ["PUBSUB_EMULATOR_HOST"] = host
            pubsub = PubsubEmulator(host)
            for window in windows:
                results[window] = measure(pubsub, base, window, args.files)
    print(f"\n{args.files} files per window, each published at a random point of a window")
    print("window s   latency / window: median   max    (seconds: median, max)")
    for window, latencies in results.items():
        median, worst = statistics.median(latencies), max(latencies)
        print(
            f"{window:8d}   {median / window:24.2f} {worst / window:6.2f}"
            f"    ({median:.1f}, {worst:.1f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
