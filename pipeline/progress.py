"""Progress of a local run, shown while it runs.

On Beam's local FnApiRunner `pipeline.run()` returns only at the end, Beam metrics are
readable only then, and with `--direct_running_mode=multi_processing` the work happens
in worker subprocesses. So the few counters that measure progress also feed a side
channel: every process keeps its tallies in memory and a daemon thread rewrites
`<folder>/<pid>.json` at most once a second; the CLI sums the folder's files from a
thread and prints a line. The folder is named by an environment variable that the CLI
sets only around a local run (worker subprocesses inherit it). Without it (Dataflow,
tests, other runners) the counters are plain Beam counters and nothing else happens.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TextIO

import apache_beam as beam
from apache_beam.metrics import Metrics

from transforms.deadletter import METRICS_NAMESPACE

#: Names the progress folder for the processes of a local run; set only by `local_progress`.
ENV_VAR = "NEWSBEAM_PROGRESS_DIR"
FLUSH_SECONDS = 1.0
#: How often a line is printed: redrawn in place on a terminal, appended in logs.
TERMINAL_SECONDS = 1.0
LOG_SECONDS = 10.0

FILES_READ = "files_read"
ARTICLES_READ = "articles_read"
ARTICLES_PROCESSED = "articles_processed"
ARTICLES_FAILED = "articles_failed"
ARTICLES_WRITTEN = "articles_rows_written"


class _ProcessTally:
    """This process's progress counts, rewritten to its own file while they change."""

    def __init__(self, folder: str) -> None:
        self._path = os.path.join(folder, f"{os.getpid()}.json")
        self._counts: dict[str, int] = {}
        self._dirty = False
        self._lock = threading.Lock()
        self._closed = threading.Event()
        threading.Thread(
            target=self._flush_until_closed, name="newsbeam-progress", daemon=True
        ).start()
        atexit.register(self.flush)

    def add(self, name: str, amount: int) -> None:
        with self._lock:
            self._counts[name] = self._counts.get(name, 0) + amount
            self._dirty = True

    def flush(self) -> None:
        with self._lock:
            if not self._dirty:
                return
            self._dirty = False
            try:
                with open(self._path + ".tmp", "w", encoding="utf-8") as handle:
                    json.dump(self._counts, handle)
                os.replace(self._path + ".tmp", self._path)
            except OSError:  # the folder went away with the run: progress never fails a run
                pass

    def close(self) -> None:
        self._closed.set()
        self.flush()
        atexit.unregister(self.flush)

    def _flush_until_closed(self) -> None:
        while not self._closed.wait(FLUSH_SECONDS):
            self.flush()


_tally_lock = threading.Lock()
_tally: _ProcessTally | None = None
_tally_known = False


def _process_tally() -> _ProcessTally | None:
    """The tally of this process, created on first use when a progress folder is set."""
    global _tally, _tally_known
    if not _tally_known:
        with _tally_lock:
            if not _tally_known:
                folder = os.environ.get(ENV_VAR)
                _tally = _ProcessTally(folder) if folder else None
                _tally_known = True
    return _tally


def _close_tally() -> None:
    """Flush and forget this process's tally, so the next run looks the folder up again."""
    global _tally, _tally_known
    with _tally_lock:
        if _tally is not None:
            _tally.close()
        _tally, _tally_known = None, False


class ProgressCounter:
    """A Beam counter of the newsbeam namespace that also feeds the local progress channel."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._metric = Metrics.counter(METRICS_NAMESPACE, name)

    def inc(self, amount: int = 1) -> None:
        self._metric.inc(amount)
        tally = _process_tally()
        if tally is not None:
            tally.add(self.name, amount)


class _CountFn(beam.DoFn):
    def __init__(self, name: str, predicate: Callable[[Any], bool] | None) -> None:
        self._counter = ProgressCounter(name)
        self._predicate = predicate

    def process(self, element: Any) -> Iterator[Any]:
        if self._predicate is None or self._predicate(element):
            self._counter.inc()
        yield element


class CountElements(beam.PTransform):
    """Pass elements through unchanged, counting them (those `predicate` accepts) as `name`."""

    def __init__(self, name: str, predicate: Callable[[Any], bool] | None = None) -> None:
        super().__init__()
        self._name = name
        self._predicate = predicate

    def expand(self, pcoll):
        return pcoll | beam.ParDo(_CountFn(self._name, self._predicate))


def read_counts(folder: str) -> dict[str, int]:
    """The tallies of every process of the run, summed by name."""
    totals: dict[str, int] = {}
    try:
        names = [n for n in os.listdir(folder) if n.endswith(".json")]
    except OSError:
        return totals
    for name in names:
        try:
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                counts = json.load(handle)
        except (OSError, ValueError):
            continue
        for key, value in counts.items():
            totals[key] = totals.get(key, 0) + int(value)
    return totals


@dataclass(frozen=True)
class Progress:
    """What one progress line says; `None` where it is not known yet."""

    files_read: int
    files_total: int | None
    articles_done: int
    articles_total: int | None
    articles_failed: int
    articles_written: int
    elapsed: float
    rate: float | None
    left: float | None


def estimate(
    counts: dict[str, int],
    files_total: int | None,
    elapsed: float,
    first_done: tuple[float, int] | None,
) -> Progress:
    """Progress from summed counts, `elapsed` seconds into the run.

    An article is done once it is ready to be written or has failed: that is the
    per-article work (parsing with spaCy above all) the run spends its time on. The
    articles to expect are those read, scaled up while files are still being read.
    The rate counts from `first_done` (time, articles done then), so worker start-up
    and model loading do not drag it down.
    """
    files_read = counts.get(FILES_READ, 0)
    read = counts.get(ARTICLES_READ, 0)
    failed = counts.get(ARTICLES_FAILED, 0)
    done = counts.get(ARTICLES_PROCESSED, 0) + failed
    total: int | None = None
    if files_total is not None and files_read >= files_total:
        total = read
    elif files_total and files_read:
        total = round(read * files_total / files_read)
    rate = left = None
    if first_done is not None and elapsed - first_done[0] >= 1.0 and done > first_done[1]:
        rate = (done - first_done[1]) / (elapsed - first_done[0])
        if total is not None:
            left = max(total - done, 0) / rate
    return Progress(
        files_read=files_read,
        files_total=files_total,
        articles_done=done,
        articles_total=total,
        articles_failed=failed,
        articles_written=counts.get(ARTICLES_WRITTEN, 0),
        elapsed=elapsed,
        rate=rate,
        left=left,
    )


def render(progress: Progress) -> str:
    """One line: files read of total, articles done and written, rate, elapsed, time left."""
    p = progress
    files = f"{p.files_read}/{p.files_total}" if p.files_total is not None else f"{p.files_read}"
    articles = f"{p.articles_done}/{p.articles_total}" if p.articles_total else f"{p.articles_done}"
    failed = f" ({p.articles_failed} failed)" if p.articles_failed else ""
    rate = f"{p.rate:.1f} articles/s" if p.rate is not None else "- articles/s"
    left = f"about {_clock(p.left)} left" if p.left is not None else "time left unknown"
    return (
        f"newsbeam: {files} files read | {articles} articles done{failed} | "
        f"{p.articles_written} written | {rate} | {_clock(p.elapsed)} elapsed | {left}"
    )


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ProgressPrinter:
    """Polls the progress folder from a thread and prints a line on `stream`.

    On a terminal one line is redrawn in place every second; elsewhere (logs, CI) a plain
    line is appended every ten seconds. `stop` prints the final state.
    """

    def __init__(
        self,
        folder: str,
        files_total: int | None,
        stream: TextIO,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._folder = folder
        self._files_total = files_total
        self._stream = stream
        self._clock = clock
        self._terminal = stream.isatty()
        self._interval = TERMINAL_SECONDS if self._terminal else LOG_SECONDS
        self._start = clock()
        self._first_done: tuple[float, int] | None = None
        self._width = 0
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._print_until_stopped, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join()
        self.print_line(final=True)

    def print_line(self, final: bool = False) -> None:
        elapsed = self._clock() - self._start
        counts = read_counts(self._folder)
        done = counts.get(ARTICLES_PROCESSED, 0) + counts.get(ARTICLES_FAILED, 0)
        if self._first_done is None and done:
            self._first_done = (elapsed, done)
        line = render(estimate(counts, self._files_total, elapsed, self._first_done))
        if self._terminal:
            padding = " " * max(self._width - len(line), 0)
            self._width = len(line)
            line = f"\r{line}{padding}" + ("\n" if final else "")
        else:
            line += "\n"
        try:
            self._stream.write(line)
            self._stream.flush()
        except (OSError, ValueError):  # stderr closed or a broken pipe: the run goes on
            pass

    def _print_until_stopped(self) -> None:
        while not self._stopped.wait(self._interval):
            self.print_line()


@contextmanager
def local_progress(files_total: int | None, stream: TextIO = sys.stderr) -> Iterator[str]:
    """Progress lines on `stream` while the body runs a local pipeline; yields the folder.

    The folder and the environment variable exist only inside the block.
    """
    folder = tempfile.mkdtemp(prefix="newsbeam-progress-")
    previous = os.environ.get(ENV_VAR)
    os.environ[ENV_VAR] = folder
    _close_tally()
    printer = ProgressPrinter(folder, files_total, stream)
    printer.start()
    try:
        yield folder
    finally:
        _close_tally()
        printer.stop()
        if previous is None:
            os.environ.pop(ENV_VAR, None)
        else:
            os.environ[ENV_VAR] = previous
        shutil.rmtree(folder, ignore_errors=True)
