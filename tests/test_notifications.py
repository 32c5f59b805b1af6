"""Which file a notification announces: GCS notifications, `newsbeam watch` messages,
plain paths; events that add no file are skipped, messages that name no file rejected;
which version of the file it is, and each version passing once per horizon."""

from __future__ import annotations

import json
import os

import pytest
from apache_beam.utils.timestamp import Timestamp

from newsbeam.transforms.deadletter import RejectedInput
from newsbeam.transforms.notifications import FirstNoticeFn, file_version, notified_file

GCS_FINALIZE = {
    "eventType": "OBJECT_FINALIZE",
    "payloadFormat": "JSON_API_V1",
    "bucketId": "news-in",
    "objectId": "raw/2026/a b.txt",
    "objectGeneration": "1764284000000000",
}
GCS_PAYLOAD = json.dumps(
    {"kind": "storage#object", "bucket": "news-in", "name": "raw/2026/a b.txt", "size": "2048"}
).encode()


def test_gcs_object_finalize_names_the_object():
    metadata = notified_file(GCS_PAYLOAD, GCS_FINALIZE)
    assert (metadata.path, metadata.size_in_bytes) == ("gs://news-in/raw/2026/a b.txt", 0)
    metadata = notified_file(b"", {**GCS_FINALIZE, "payloadFormat": "NONE"})
    assert (metadata.path, metadata.size_in_bytes) == ("gs://news-in/raw/2026/a b.txt", 0)


def test_a_claimed_absurd_size_does_not_reject_a_valid_file(tmp_path):
    """Issue 31, low: a payload claiming 10**30 bytes made a valid file `too_large`; the
    size is now checked while reading (a file really over the limit still is)."""
    from newsbeam.transforms.read import ParseFilesFn

    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_bytes(b"Pier reopens\n\nThe pier reopened on Monday, the council said.\n")
    big.write_bytes(b"Pier reopens\n\n" + b"word " * 400)
    fn = ParseFilesFn(max_file_bytes=1000, roots=[str(tmp_path)])
    fn.setup()
    outcome = {}
    for path in (small, big):
        payload = json.dumps({"name": path.name, "size": str(10**30)}).encode()
        attributes = {"eventType": "OBJECT_FINALIZE", "objectUri": str(path)}
        (out,) = fn.process(notified_file(payload, attributes))
        outcome[path.name] = getattr(out, "value", out)
    assert outcome["small.txt"].title == "Pier reopens"
    assert outcome["big.txt"].error == "too_large"


def test_a_huge_message_body_is_one_bounded_error():
    """Issue 31, low: a 900 KB body was stored whole as the `source_uri` of its row."""
    with pytest.raises(RejectedInput) as info:
        notified_file(b"/" + b"a" * 900_000, {})
    assert info.value.kind == "bad_notification"
    assert len(str(info.value)) < 300


@pytest.mark.parametrize("event", ["OBJECT_DELETE", "OBJECT_ARCHIVE", "OBJECT_METADATA_UPDATE"])
def test_events_that_add_no_file_are_skipped(event):
    assert notified_file(GCS_PAYLOAD, {**GCS_FINALIZE, "eventType": event}) is None


@pytest.mark.parametrize("name", ["raw/2026/", "raw/.a.txt.tmp", ".hidden"])
def test_folder_placeholders_and_hidden_objects_are_skipped(name):
    assert notified_file(b"{}", {**GCS_FINALIZE, "objectId": name}) is None


def test_object_uri_attribute_names_a_local_file():
    attributes = {"eventType": "OBJECT_FINALIZE", "objectId": "a.txt", "objectUri": "/in/a.txt"}
    metadata = notified_file(b'{"size": "17"}', attributes)
    assert metadata.path == "/in/a.txt"


def test_a_bare_message_body_is_a_path_or_uri():
    assert notified_file(b" /in/b.txt\n", {}).path == "/in/b.txt"
    assert notified_file(b"gs://news-in/c.txt", {}).path == "gs://news-in/c.txt"
    assert notified_file(b"file:///in/d%20e.txt", {}).path == "/in/d e.txt"


@pytest.mark.parametrize(
    ("data", "attributes"),
    [
        (b"relative/a.txt", {}),
        (b"", {}),
        (b"/in/a.txt\n/in/b.txt", {}),
        (GCS_PAYLOAD, {"eventType": "OBJECT_FINALIZE", "bucketId": "news-in"}),
        (b"/in/a.txt", {"source": "somewhere"}),
    ],
)
def test_messages_naming_no_file_are_rejected(data, attributes):
    with pytest.raises(RejectedInput) as info:
        notified_file(data, attributes)
    assert info.value.kind == "bad_notification"


class _Bag:
    """In-memory stand-in for Beam's bag state (what the runner gives the DoFn)."""

    def __init__(self) -> None:
        self.items: list = []

    def read(self):
        return list(self.items)

    def add(self, item) -> None:
        self.items.append(item)

    def clear(self) -> None:
        self.items = []


class _Timer:
    def __init__(self) -> None:
        self.at = None

    def set(self, timestamp) -> None:
        self.at = timestamp


def test_first_notice_passes_once_per_version_until_the_horizon():
    fn = FirstNoticeFn(horizon_seconds=600)
    seen, timer = _Bag(), _Timer()
    before = Timestamp.now()
    assert list(fn.process(("v1", "file"), seen, timer)) == ["file"]
    assert before + 600 <= timer.at <= Timestamp.now() + 600
    assert list(fn.process(("v1", "file"), seen, timer)) == []  # a repeat within the horizon
    fn.forget(seen)  # the timer fired: the horizon has passed
    assert list(fn.process(("v1", "file"), seen, timer)) == ["file"]


def test_a_file_version_is_its_generation_content_or_update_time(tmp_path):
    roots = [str(tmp_path)]
    gs = "gs://news-in/raw/a.txt"
    assert file_version(gs, GCS_FINALIZE, roots, 100) == f"{gs}#generation=1764284000000000"
    local = tmp_path / "a.txt"
    local.write_text("Title\n\nBody")
    first = file_version(str(local), {}, roots, 100)
    os.utime(local, ns=(1, 2))  # touched: same content, same version
    assert file_version(str(local), {}, roots, 100) == first
    local.write_text("Title\n\nOther body")
    assert file_version(str(local), {}, roots, 100) != first
    # Not readable here (outside the roots, missing, too large): known by its path alone.
    assert file_version(str(local), {}, [str(tmp_path / "elsewhere")], 100) == str(local)
    assert file_version(str(tmp_path / "missing.txt"), {}, roots, 100) == str(
        tmp_path / "missing.txt"
    )
    assert file_version(str(local), {}, roots, 5) == str(local)
