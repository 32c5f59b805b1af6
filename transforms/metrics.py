"""Metrics: the namespace, every counter name and the helpers that make them.

Every counter newsbeam increments is named here, and the readers of counters (the run
summary, the progress line, `--fail_on_errors`) take the names from here only, so a
renamed counter cannot silently drift from what reads it. The counters that measure
progress also feed a side channel for the local runner: with `--direct_running_mode=
multi_processing` the work happens in worker subprocesses and Beam metrics are readable
only at the end, so each process keeps its tallies in memory and a daemon thread
rewrites `<folder>/<pid>.json` at most once a second while `PROGRESS_DIR_VARIABLE` names
a folder (`newsbeam.progress` sets it around a local run and prints the sums). Without
it (Dataflow, tests, other runners) they are plain Beam counters.
"""

from __future__ import annotations

import atexit
import json
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import apache_beam as beam
from apache_beam.metrics import Metrics

NAMESPACE = "newsbeam"

# Read stage: the run summary's accounting of every input.
FILES_MATCHED = "files_matched"
#: Prefix: `inputs_ignored.<reason>` (hidden files, placeholders, symlinked folders).
INPUTS_IGNORED = "inputs_ignored"
INPUTS_REJECTED = "inputs_rejected"
SIDECARS_CLAIMED = "sidecars_claimed"
FILES_READ = "files_read"
FILES_REJECTED = "files_rejected"
FILES_PARSED = "files_parsed"
RECORDS_REJECTED = "records_rejected"
#: Prefix: `records_skipped.<reason>` (WARC records that are not HTML responses, ...).
RECORDS_SKIPPED = "records_skipped"
SIDECAR_NOTES = "sidecar_notes"
DUPLICATES = "duplicates"
#: The same record of the same file read twice (a file matched or notified twice).
ARTICLES_REREAD = "articles_reread"
ARTICLES_READ = "articles_read"
# Streaming source.
FILES_NOTIFIED = "files_notified"
NOTIFICATIONS_IGNORED = "notifications_ignored"
#: Notices of a file version already noticed within the dedupe horizon.
NOTIFICATIONS_REPEATED = "notifications_repeated"
# Stages.
BOILERPLATE_LINES_REMOVED = "boilerplate_lines_removed"
#: Prefix: `language.<code>`, articles cleaned per detected language (`und`: too short).
LANGUAGE = "language"
#: Articles in a language the spaCy model does not read: kept, without entities or quotes.
ARTICLES_NOT_ANNOTATED = "articles_not_annotated_language"
LEARNED_BOILERPLATE_LINES_REMOVED = "learned_boilerplate_lines_removed"
ARTICLES_ANNOTATED = "articles_annotated"
#: Articles handed to the parser (the model is loaded): the progress line's rate counts
#: from the first of them, so model loading and reading do not make it wait or drag.
ARTICLES_PARSING = "articles_parsing"
ENTITIES = "entities"
QUOTES = "quotes"
#: Prefix: `topic.<slug>`, articles per primary topic.
TOPIC = "topic"
# Write stage.
ARTICLES_PROCESSED = "articles_processed"
ARTICLES_FAILED = "articles_failed"
FILES_WRITTEN = "files_written"
FILES_SUPERSEDED = "files_superseded"
#: Prefixes of the error rows written: `errors.<kind>` and `error_stages.<stage>`.
ERRORS_BY_KIND = "errors"
ERRORS_BY_STAGE = "error_stages"


def rows_written(table: str) -> str:
    """Rows written to `table` (counted by the writer, as written)."""
    return f"{table}_rows_written"


def stage_failures(stage: str) -> str:
    """Articles that failed in `stage`."""
    return f"{stage}_failures"


def keyed(prefix: str, key: str) -> str:
    """`prefix.key`: one counter of a family (`errors.duplicate`, `topic.sport`)."""
    return f"{prefix}.{key}"


ARTICLES_WRITTEN = rows_written("articles")
ENTITIES_WRITTEN = rows_written("entities")
QUOTES_WRITTEN = rows_written("quotes")
ERRORS_WRITTEN = rows_written("errors")


def counter(name: str) -> Metrics.DelegatingCounter:
    """The Beam counter `name` of newsbeam's namespace."""
    return Metrics.counter(NAMESPACE, name)


def by_prefix(values: Mapping[str, int], prefix: str) -> dict[str, int]:
    """The non-zero counters named `prefix.<key>`, by key."""
    start = prefix + "."
    return {k[len(start) :]: v for k, v in sorted(values.items()) if k.startswith(start) and v}


#: Names the progress folder for the processes of a local run (set by `newsbeam.progress`).
PROGRESS_DIR_VARIABLE = "NEWSBEAM_PROGRESS_DIR"
FLUSH_SECONDS = 1.0


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


def process_tally() -> _ProcessTally | None:
    """The tally of this process, created on first use when a progress folder is set."""
    global _tally, _tally_known
    if not _tally_known:
        with _tally_lock:
            if not _tally_known:
                folder = os.environ.get(PROGRESS_DIR_VARIABLE)
                _tally = _ProcessTally(folder) if folder else None
                _tally_known = True
    return _tally


def reset_progress_tally() -> None:
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
        self._metric = counter(name)

    def inc(self, amount: int = 1) -> None:
        self._metric.inc(amount)
        tally = process_tally()
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


def read_progress(folder: str) -> dict[str, int]:
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
