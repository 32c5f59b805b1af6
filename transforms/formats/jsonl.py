"""JSON and JSON-lines inputs: one article per crawler record.

A file is read as one JSON document first (an object, an array of objects, or an
envelope such as NewsAPI's `{"articles": [...]}`); when that fails and its first line
is a JSON value on its own, as JSON lines, where a bad line becomes a dead letter with
its `line:N` locator and the good lines still become articles.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from newsbeam.transforms.deadletter import RejectedInput
from newsbeam.transforms.formats.common import ParsedFile
from newsbeam.transforms.formats.fields import record_fields
from newsbeam.transforms.formats.text import decode_text
from newsbeam.transforms.records import Article

#: Keys under which crawler envelopes hold their list of articles.
_ENVELOPES = ("articles", "items", "results", "data")


def article_from_record(
    record: object, uri: str, ingested_at: dt.datetime, locator: str | None, encoding: str
) -> Article:
    """The article one JSON record describes; raises `RejectedInput` when it has none."""
    if not isinstance(record, dict):
        raise RejectedInput("bad_record", f"expected a JSON object, got {type(record).__name__}")
    fields = record_fields(record)
    if not fields.text:
        raise RejectedInput("empty", "record has no article text field (maintext/text/...)")
    title = fields.title or ""
    return fields.article(
        title,
        fields.text,
        uri,
        ingested_at,
        source_format="json",
        extractor="json",
        encoding=encoding,
        locator=locator,
    )


def _records(text: str) -> Iterator[tuple[str | None, object]]:
    """(locator, value) of each record; a JSON line that does not parse comes as a
    `RejectedInput` value, so the lines after it are still read."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        yield from _lines(text)
        return
    if isinstance(document, dict):
        envelope = next((k for k in _ENVELOPES if isinstance(document.get(k), list)), None)
        if envelope is None:
            yield None, document
            return
        document = document[envelope]
    if isinstance(document, list):
        for index, value in enumerate(document, start=1):
            yield f"record:{index}", value
    else:
        yield None, document


def _lines(text: str) -> Iterator[tuple[str | None, object]]:
    """JSON lines: each non-blank line is a record or, when it does not parse, a
    `RejectedInput` of its own, whichever line it is (a broken first line used to lose
    every line after it). A file none of whose lines is a JSON object is not JSON lines."""
    values: list[tuple[str | None, object]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            values.append((f"line:{number}", json.loads(line)))
        except (ValueError, RecursionError) as exc:
            values.append((f"line:{number}", RejectedInput("bad_json", f"not a JSON value: {exc}")))
    if not any(isinstance(value, dict) for _, value in values):
        first = next((v for _, v in values if isinstance(v, RejectedInput)), None)
        raise RejectedInput("bad_json", f"neither JSON nor JSON lines: {first or 'no object'}")
    yield from values


def parse_json(uri: str, data: bytes, ingested_at: dt.datetime) -> ParsedFile:
    """Articles (and per-record dead letters) of a `.json` or `.jsonl` file."""
    text, encoding = decode_text(data)
    if not text.strip():
        raise RejectedInput("empty", "no text in file")
    parsed = ParsedFile()
    for locator, value in _records(text):
        try:
            if isinstance(value, RejectedInput):
                raise value
            parsed.articles.append(article_from_record(value, uri, ingested_at, locator, encoding))
        except Exception as exc:  # noqa: BLE001 - one bad record never loses the file's others
            parsed.reject(uri, exc, ingested_at, locator)
    return parsed
