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

Notifications are at-least-once: Pub/Sub redelivers (each time under a new message id)
and GCS may notify an object twice, and `newsbeam watch` republishes after a restart
(a touched file, too, is a new version of it). So each file version is read once per
horizon (`--dedupe_seconds`, a day by default): the first notice of a version goes on,
later ones are counted (`notifications_repeated`) and dropped. A version is an object's
generation (bucket, name, generation), a local file's content (path and SHA-256), or
for a bare gs:// URI the object's last update. The memory of a version is kept per key
in Beam state, before the windows (state is per window, and a redelivery may come in
a later window), and forgotten by a processing-time timer at the horizon.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import posixpath
from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import unquote, urlparse

import apache_beam as beam
from apache_beam.coders import BooleanCoder
from apache_beam.io.filesystem import FileMetadata
from apache_beam.io.filesystems import FileSystems
from apache_beam.transforms import userstate
from apache_beam.transforms.timeutil import TimeDomain
from apache_beam.utils.timestamp import Duration, Timestamp

from newsbeam.transforms.boilerplate import LINES
from newsbeam.transforms.deadletter import ARTICLES, ERRORS, RejectedInput, error_record
from newsbeam.transforms.formats import check_local_file, is_local
from newsbeam.transforms.metrics import (
    FILES_NOTIFIED,
    INPUTS_REJECTED,
    NOTIFICATIONS_IGNORED,
    NOTIFICATIONS_REPEATED,
    counter,
)
from newsbeam.transforms.read import FILES, STAGE, ParseFiles, read_limited
from newsbeam.transforms.windows import StampArrival, arrival_windows

FINALIZE = "OBJECT_FINALIZE"
#: newsbeam's attribute naming a file that is not in a bucket (set by `newsbeam watch`).
URI_ATTRIBUTE = "objectUri"
GENERATION_ATTRIBUTE = "objectGeneration"
#: Longest path a message may name (Linux's PATH_MAX; a GCS object name is at most 1,024
#: bytes): a longer one names no file, and would make a row as long as the message.
MAX_PATH_CHARS = 4096


def notified_file(data: bytes, attributes: Mapping[str, str]) -> FileMetadata | None:
    """The file a notification announces, or None when the event adds no file to read.

    Raises `RejectedInput("bad_notification", ...)` when the message names no file.
    The size is left unknown (0) whatever the payload claims: anyone who can publish
    can claim any size, and a claim of 10**30 bytes rejected a valid file as too large.
    The reader enforces --max_file_bytes while reading.
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
    if len(path) > MAX_PATH_CHARS:
        raise RejectedInput(
            "bad_notification",
            f"names a path of {len(path)} characters, over {MAX_PATH_CHARS}: {path[:120]!r}...",
        )
    if path.endswith("/") or posixpath.basename(path).startswith("."):
        return None
    return FileMetadata(path, 0)


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


def file_version(
    path: str, attributes: Mapping[str, str], real_roots: Sequence[str], max_bytes: int
) -> str:
    """What makes two notifications name the same file version (see the module doc).

    A local file that cannot be read here (outside the roots, missing, too large) is
    known by its path alone: reading it will fail the same way, once.
    """
    generation = attributes.get(GENERATION_ATTRIBUTE)
    if generation and not is_local(path):
        return f"{path}#generation={generation}"
    if not is_local(path):
        try:
            return f"{path}#updated={FileSystems.last_updated(path)}"
        except Exception:  # noqa: BLE001 - missing: the read makes it a dead letter
            return path
    try:
        check_local_file(path, real_roots)
        content = read_limited(path, max_bytes)
    except Exception:  # noqa: BLE001 - the read makes it a dead letter
        return path
    return f"{path}#sha256={hashlib.sha256(content).hexdigest()}"


class _NotifiedFileFn(beam.DoFn):
    """PubsubMessage -> (version, FileMetadata) of the file it announces, or a dead letter."""

    def __init__(self, subscription: str, roots: Sequence[str], max_file_bytes: int) -> None:
        self._subscription = subscription
        self._roots = list(roots)
        self._max_file_bytes = max_file_bytes
        self._notified = counter(FILES_NOTIFIED)
        self._ignored = counter(NOTIFICATIONS_IGNORED)
        self._rejected = counter(INPUTS_REJECTED)

    def setup(self) -> None:
        self._real_roots = [os.path.realpath(root) for root in self._roots]

    def process(self, message) -> Iterator:
        attributes = message.attributes or {}
        try:
            metadata = notified_file(message.data or b"", attributes)
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
        version = file_version(metadata.path, attributes, self._real_roots, self._max_file_bytes)
        yield version, metadata


_SEEN = userstate.BagStateSpec("seen", BooleanCoder())
_FORGET = userstate.TimerSpec("forget", TimeDomain.REAL_TIME)
_SEEN_STATE = beam.DoFn.StateParam(_SEEN)
_FORGET_TIMER = beam.DoFn.TimerParam(_FORGET)


class FirstNoticeFn(beam.DoFn):
    """(version, file) -> the file, the first time its version is noticed in `horizon_seconds`.

    Beam's `DeduplicatePerKey` keeps the same state and timer; this one also counts
    what it drops, so no notification disappears without a trace. Key by version in
    the global window: state is per key and window.
    """

    def __init__(self, horizon_seconds: int) -> None:
        self._horizon = Duration(seconds=horizon_seconds)
        self._repeated = counter(NOTIFICATIONS_REPEATED)

    def process(
        self,
        item: tuple[str, Any],
        seen=_SEEN_STATE,
        forget=_FORGET_TIMER,
    ) -> Iterator:
        if any(seen.read()):
            self._repeated.inc()
            return
        seen.add(True)
        forget.set(Timestamp.now() + self._horizon)
        yield item[1]

    @userstate.on_timer(_FORGET)
    def forget(self, seen=_SEEN_STATE) -> None:
        seen.clear()


class ReadNotifications(beam.PTransform):
    """Pub/Sub subscription of file notifications -> windowed {articles, errors}, each
    file version read once per `dedupe_seconds`."""

    def __init__(
        self,
        subscription: str,
        window_seconds: int,
        max_file_bytes: int,
        allowed_roots: Sequence[str],
        dedupe_seconds: int,
    ) -> None:
        super().__init__()
        self._subscription = subscription
        self._window_seconds = window_seconds
        self._max_file_bytes = max_file_bytes
        self._allowed_roots = list(allowed_roots)
        self._dedupe_seconds = dedupe_seconds

    def expand(self, pbegin):
        notified = (
            pbegin
            | "ReadPubSub"
            >> beam.io.ReadFromPubSub(subscription=self._subscription, with_attributes=True)
            | "StampArrival" >> StampArrival()
            | "NotifiedFiles"
            >> beam.ParDo(
                _NotifiedFileFn(self._subscription, self._allowed_roots, self._max_file_bytes)
            ).with_outputs(ERRORS, main=FILES)
        )
        files = (
            notified[FILES]
            | "FirstNoticeOnly"
            >> beam.ParDo(FirstNoticeFn(self._dedupe_seconds)).with_input_types(tuple[str, Any])
            | "Window" >> arrival_windows(self._window_seconds)
        )
        bad_messages = notified[ERRORS] | "WindowErrors" >> arrival_windows(self._window_seconds)
        parsed = files | "ParseFiles" >> ParseFiles(self._max_file_bytes, self._allowed_roots)
        errors = (bad_messages, parsed[ERRORS]) | "ReadErrors" >> beam.Flatten()
        return {ARTICLES: parsed[ARTICLES], LINES: parsed[LINES], ERRORS: errors}
