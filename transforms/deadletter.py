"""Dead-letter handling shared by every stage.

A stage never lets one bad input stop the run: its DoFn turns the failure into an
`ErrorRecord` on the `errors` output (Dataflow templates' dead-letter pattern), with a
short kind and a one-line message, and counts it.
"""

from __future__ import annotations

import datetime as dt
import re

import apache_beam as beam
from apache_beam import pvalue

from newsbeam.transforms.metrics import counter, stage_failures
from newsbeam.transforms.records import Article, ErrorRecord

ARTICLES = "articles"
ERRORS = "errors"

_MESSAGE_LIMIT = 300
_SURROGATE = re.compile("[\ud800-\udfff]")


class RejectedInput(Exception):
    """An input the pipeline cannot turn into an article, with a short machine-readable kind."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def valid_unicode(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD, one character for one.

    JSON escapes (`"\\ud800"`) and file names that are not UTF-8 (decoded with
    surrogateescape) put lone surrogates in Python strings; Beam's coders and Parquet
    cannot encode them, so one such string would fail the whole run. The length is
    kept, so offsets into the text stay exact.
    """
    return _SURROGATE.sub("\ufffd", text)


def one_line(message: str) -> str:
    """Collapse a message to one bounded line, so error rows stay readable in a table."""
    line = " ".join(valid_unicode(message).split())
    return line if len(line) <= _MESSAGE_LIMIT else line[: _MESSAGE_LIMIT - 1] + "…"


def error_record(
    source_uri: str,
    stage: str,
    exc: BaseException,
    ingested_at: dt.datetime | None = None,
    locator: str | None = None,
) -> ErrorRecord:
    """An `ErrorRecord` for `exc`: its kind, or the exception class for unexpected failures."""
    kind = exc.kind if isinstance(exc, RejectedInput) else type(exc).__name__
    message = str(exc) or type(exc).__name__
    return ErrorRecord(
        source_uri=valid_unicode(source_uri),
        stage=stage,
        error=kind,
        message=one_line(message),
        ingested_at=ingested_at or dt.datetime.now(dt.timezone.utc),
        locator=locator and valid_unicode(locator),
    )


def article_error(article: Article, stage: str, exc: BaseException) -> pvalue.TaggedOutput:
    """The dead-letter output for an article that failed in `stage`."""
    record = error_record(article.source_uri, stage, exc, article.ingested_at, article.locator)
    return pvalue.TaggedOutput(ERRORS, record)


class ArticleStageFn(beam.DoFn):
    """A per-article stage step: `transform` on each article, failures to the errors output."""

    stage = "stage"

    def __init__(self) -> None:
        super().__init__()
        self._failures = counter(stage_failures(self.stage))

    def transform(self, article: Article, *side_inputs) -> Article:
        raise NotImplementedError

    def process(self, article: Article, *side_inputs):
        try:
            yield self.transform(article, *side_inputs)
        except Exception as exc:  # noqa: BLE001 - any failure is one article's dead letter
            self._failures.inc()
            yield article_error(article, self.stage, exc)


def run_stage(pcoll, label: str, fn: beam.DoFn, *side_inputs) -> pvalue.DoOutputsTuple:
    """`pcoll | label >> ParDo(fn, *side_inputs)` with its `articles` and `errors` outputs."""
    return pcoll | label >> beam.ParDo(fn, *side_inputs).with_outputs(ERRORS, main=ARTICLES)
