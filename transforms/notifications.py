"""Streaming source: Pub/Sub notifications of new files -> {articles, errors}.

A bucket's object notifications (GCS `OBJECT_FINALIZE`, payload `JSON_API_V1`, attributes
`bucketId`, `objectId`, `eventType`) name the objects to read; `newsbeam watch` publishes
the same messages for a local folder, naming the file in an `objectUri` attribute since
there is no bucket; a message with no attributes whose body is an absolute path or a URI
names that file (what `gcloud pubsub topics publish --message=PATH` sends). Each named
file is parsed by the same `ParseFiles` as the batch source. Anyone who can publish to
the topic names what the job reads, so a local path is read only below one of the
`allowed_roots` (`--allowed_roots`; none by default) and, like every input, only when it
is a regular file whose real path stays there; gs:// objects are always read.

Events that add no file (deletes, metadata updates, folder placeholders, hidden names)
are counted and skipped; a message that names no file is a dead letter. Neither ever
stops the stream.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
from collections.abc import Iterator, Mapping, Sequence
from urllib.parse import unquote, urlparse

import apache_beam as beam
from apache_beam.io.filesystem import FileMetadata

from newsbeam.transforms.boilerplate import LINES
from newsbeam.transforms.deadletter import ARTICLES, ERRORS, RejectedInput, error_record
from newsbeam.transforms.metrics import (
    FILES_NOTIFIED,
    INPUTS_REJECTED,
    NOTIFICATIONS_IGNORED,
    counter,
)
from newsbeam.transforms.read import FILES, STAGE, ParseFiles
from newsbeam.transforms.windows import StampArrival, arrival_windows

FINALIZE = "OBJECT_FINALIZE"
#: newsbeam's attribute naming a file that is not in a bucket (set by `newsbeam watch`).
URI_ATTRIBUTE = "objectUri"


def notified_file(data: bytes, attributes: Mapping[str, str]) -> FileMetadata | None:
    """The file a notification announces, or None when the event adds no file to read.

    Raises `RejectedInput("bad_notification", ...)` when the message names no file.
    The size comes from the JSON payload when it has one (0 when unknown: the reader
    still enforces --max_file_bytes while reading).
    """
    event = attributes.get("eventType")
    if event is not None and event != FINALIZE:
        return None
    bucket, name = attributes.get("bucketId"), attributes.get("objectId")
    if bucket and name:
        path = f"gs://{bucket}/{name}"
    elif attributes.get(URI_ATTRIBUTE):
        path = _as_path(attributes[URI_ATTRIBUTE])
    elif not attributes:
        path = _as_path(data.decode("utf-8", "replace"))
    else:
        raise RejectedInput(
            "bad_notification",
            "message names no file: it needs bucketId and objectId, objectUri, "
            "or no attributes and a path as its body",
        )
    if path.endswith("/") or posixpath.basename(path).startswith("."):
        return None
    return FileMetadata(path, _payload_size(data))


def _as_path(text: str) -> str:
    """A path Beam's filesystems open: gs:// URIs as given, file:// URIs and absolute
    paths as paths. Other schemes are refused: a message must not make the job reach
    any store it was not meant to read."""
    text = text.strip()
    if text.startswith("file://"):
        return unquote(urlparse(text).path)
    if "\n" not in text and (text.startswith("gs://") or os.path.isabs(text)):
        return text
    raise RejectedInput("bad_notification", f"not an absolute path or gs:// URI: {text[:120]!r}")


def _payload_size(data: bytes) -> int:
    """The object size a JSON_API_V1 payload states, 0 when there is none."""
    try:
        return max(0, int(json.loads(data)["size"]))
    except (ValueError, TypeError, KeyError):
        return 0


class _NotifiedFileFn(beam.DoFn):
    """PubsubMessage -> FileMetadata of the file it announces, or a dead letter."""

    def __init__(self, subscription: str) -> None:
        self._subscription = subscription
        self._notified = counter(FILES_NOTIFIED)
        self._ignored = counter(NOTIFICATIONS_IGNORED)
        self._rejected = counter(INPUTS_REJECTED)

    def process(self, message) -> Iterator:
        try:
            metadata = notified_file(message.data or b"", message.attributes or {})
        except Exception as exc:  # noqa: BLE001 - a malformed message is a dead letter
            source = f"{self._subscription}/messages/{message.message_id}"
            now = dt.datetime.now(dt.timezone.utc)
            self._rejected.inc()
            yield beam.pvalue.TaggedOutput(ERRORS, error_record(source, STAGE, exc, now))
            return
        if metadata is None:
            self._ignored.inc()
            return
        self._notified.inc()
        yield metadata


class ReadNotifications(beam.PTransform):
    """Pub/Sub subscription of file notifications -> windowed {articles, errors}."""

    def __init__(
        self,
        subscription: str,
        window_seconds: int,
        max_file_bytes: int,
        allowed_roots: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self._subscription = subscription
        self._window_seconds = window_seconds
        self._max_file_bytes = max_file_bytes
        self._allowed_roots = list(allowed_roots)

    def expand(self, pbegin):
        notified = (
            pbegin
            | "ReadPubSub"
            >> beam.io.ReadFromPubSub(subscription=self._subscription, with_attributes=True)
            | "StampArrival" >> StampArrival()
            | "Window" >> arrival_windows(self._window_seconds)
            | "NotifiedFiles"
            >> beam.ParDo(_NotifiedFileFn(self._subscription)).with_outputs(ERRORS, main=FILES)
        )
        parsed = notified[FILES] | "ParseFiles" >> ParseFiles(
            self._max_file_bytes, self._allowed_roots
        )
        errors = (notified[ERRORS], parsed[ERRORS]) | "ReadErrors" >> beam.Flatten()
        return {ARTICLES: parsed[ARTICLES], LINES: parsed[LINES], ERRORS: errors}
