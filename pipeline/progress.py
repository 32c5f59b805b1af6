"""Progress of a local run, shown while it runs.

On Beam's local FnApiRunner `pipeline.run()` returns only at the end and Beam metrics
are readable only then, so the counters that measure progress also feed a side channel
(`newsbeam.transforms.metrics`): every process rewrites its tallies into a folder named
by an environment variable that `local_progress` sets only around a local run (worker
subprocesses inherit it). Here the CLI sums the folder's files from a thread and prints
a line.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TextIO

from newsbeam.transforms.metrics import (
    ARTICLES_FAILED,
    ARTICLES_PARSING,
    ARTICLES_PROCESSED,
    ARTICLES_READ,
    ARTICLES_REREAD,
    ARTICLES_WRITTEN,
    FILES_READ,
    PROGRESS_DIR_VARIABLE,
    SIDECARS_CLAIMED,
    read_progress,
    reset_progress_tally,
)

#: How often a line is printed: redrawn in place on a terminal, appended in logs.
TERMINAL_SECONDS = 1.0
LOG_SECONDS = 10.0


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


def articles_done(counts: dict[str, int]) -> int:
    """Articles ready to be written, failed, or read a second time (nothing left to do)."""
    return (
        counts.get(ARTICLES_PROCESSED, 0)
        + counts.get(ARTICLES_FAILED, 0)
        + counts.get(ARTICLES_REREAD, 0)
    )


def estimate(
    counts: dict[str, int],
    files_total: int | None,
    elapsed: float,
    first_done: tuple[float, int] | None,
) -> Progress:
    """Progress from summed counts, `elapsed` seconds into the run.

    An article is done once it is ready to be written or has failed: that is the
    per-article work (parsing with spaCy above all) the run spends its time on. The
    articles to expect are those read, scaled up while files are still being read
    (a sidecar a text file claimed counts as read: it is one of the files matched).
    The rate counts from `first_done` (time, articles done then): the moment parsing
    began, with none done, when the printer saw it (so worker start-up and model
    loading do not drag it down, and the first articles done already give a rate).
    """
    files_read = counts.get(FILES_READ, 0) + counts.get(SIDECARS_CLAIMED, 0)
    read = counts.get(ARTICLES_READ, 0)
    done = articles_done(counts)
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
        articles_failed=counts.get(ARTICLES_FAILED, 0),
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
        self._last_look = 0.0
        self._width = 0
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._print_until_stopped, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join()
        self.print_line(final=True)

    def observe(self) -> tuple[dict[str, int], float]:
        """The summed counts and the time now. Notes when parsing began, where the rate
        counts from: between the look before and this one (their middle), whether or not
        the first articles are already done; without that count, when the first articles
        were done."""
        elapsed = self._clock() - self._start
        counts = read_progress(self._folder)
        done = articles_done(counts)
        if self._first_done is None and counts.get(ARTICLES_PARSING, 0):
            self._first_done = ((self._last_look + elapsed) / 2, 0)
        elif self._first_done is None and done:
            self._first_done = (elapsed, done)
        self._last_look = elapsed
        return counts, elapsed

    def print_line(self, final: bool = False) -> None:
        counts, elapsed = self.observe()
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
        """Look every second (the rate's start is then known to the second), print
        every `_interval`."""
        printed = self._clock()
        while not self._stopped.wait(TERMINAL_SECONDS):
            if self._clock() - printed >= self._interval - 0.5:
                self.print_line()
                printed = self._clock()
            else:
                self.observe()


@contextmanager
def local_progress(files_total: int | None, stream: TextIO = sys.stderr) -> Iterator[str]:
    """Progress lines on `stream` while the body runs a local pipeline; yields the folder.

    The folder and the environment variable exist only inside the block.
    """
    folder = tempfile.mkdtemp(prefix="newsbeam-progress-")
    previous = os.environ.get(PROGRESS_DIR_VARIABLE)
    os.environ[PROGRESS_DIR_VARIABLE] = folder
    reset_progress_tally()
    printer = ProgressPrinter(folder, files_total, stream)
    printer.start()
    try:
        yield folder
    finally:
        reset_progress_tally()
        printer.stop()
        if previous is None:
            os.environ.pop(PROGRESS_DIR_VARIABLE, None)
        else:
            os.environ[PROGRESS_DIR_VARIABLE] = previous
        shutil.rmtree(folder, ignore_errors=True)
