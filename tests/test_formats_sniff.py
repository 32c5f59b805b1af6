"""Format sniffing (content first, name as tie-break) and `.txt` sidecars."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsbeam.transforms.deadletter import RejectedInput
from newsbeam.transforms.formats.sniff import sniff_format
from newsbeam.transforms.formats.text import Sidecar, sidecar_owner, sidecar_uri
from newsbeam.transforms.read import parse_file
from tests.conftest import INGESTED, SEED
from tests.input_fixtures import FLOOD_WALLS, news_crawl_warc

UTC = dt.timezone.utc
RECORD = json.dumps({"title": "T", "text": "Body."}).encode()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("page.html", FLOOD_WALLS.read_bytes(), "html"),
        ("page.txt", FLOOD_WALLS.read_bytes(), "html"),
        ("page.html", RECORD, "json"),
        ("feed.txt", b"\xef\xbb\xbf  \n" + RECORD + b"\n" + RECORD, "json"),
        ("array.html", b'[ {"title": "T"} ]', "json"),
        ("crawl.dat", news_crawl_warc(), "warc"),
        ("story.html", SEED.read_bytes(), "txt"),
        ("story.json", SEED.read_bytes(), "txt"),
        ("fragment.html", b"Breaking:\n<p>The council voted.</p>", "html"),
        ("fragment.txt", b"Breaking:\n<p>The council voted.</p>", "txt"),
        ("note.txt", b"[Updated] Council votes", "txt"),
        ("page.html", "<!DOCTYPE html><html><body><p>x</p></body></html>".encode("utf-16"), "html"),
    ],
)
def test_content_decides_and_the_name_only_breaks_ties(name, data, expected):
    assert sniff_format(name, data) == expected


def test_txt_that_is_really_gzipped_json():
    parsed = parse_file("/in/notes.txt", gzip.compress(RECORD), INGESTED)
    assert [(a.title, a.source_format) for a in parsed.articles] == [("T", "json")]


def test_sidecar_paths():
    assert sidecar_uri("gs://b/raw/story.txt") == "gs://b/raw/story.json"
    assert sidecar_uri("/in/story.html") is None
    assert sidecar_owner("/in/story.json") == "/in/story.txt"
    assert sidecar_owner("/in/story.jsonl") is None


def _sidecar(**fields) -> Sidecar:
    return Sidecar("/in/story.json", json.dumps(fields).encode())


def test_sidecar_metadata_on_a_text_article():
    sidecar = _sidecar(
        url="https://time.com/5569321/pompeo-putin-russia/",
        published_at="2019-05-13T10:00:00-04:00",
        publisher="TIME",
        authors=["W.J. Hennigan"],
    )
    (article,) = parse_file("/in/story.txt", SEED.read_bytes(), INGESTED, sidecar=sidecar).articles
    assert article.title.startswith("Secretary Pompeo to Meet With Putin")
    assert (article.url, article.publisher, article.authors) == (
        "https://time.com/5569321/pompeo-putin-russia/",
        "TIME",
        ["W.J. Hennigan"],
    )
    assert (article.published_at, article.date_source) == (
        dt.datetime(2019, 5, 13, 14, tzinfo=UTC),
        "metadata",
    )


def test_sidecar_title_that_the_text_does_not_repeat_leaves_the_whole_text_as_body():
    parsed = parse_file(
        "/in/story.txt",
        b"First paragraph.\n\nSecond.",
        INGESTED,
        sidecar=_sidecar(title="Headline"),
    )
    (article,) = parsed.articles
    assert (article.title, article.raw_body) == ("Headline", "First paragraph.\n\nSecond.")


def test_bad_sidecar_is_a_dead_letter_and_the_article_is_kept():
    parsed = parse_file(
        "/in/story.txt", SEED.read_bytes(), INGESTED, sidecar=Sidecar("/in/story.json", b"{oops")
    )
    assert len(parsed.articles) == 1 and parsed.articles[0].url is None
    assert parsed.errors == []
    assert [(e.source_uri, e.error) for e in parsed.notes] == [("/in/story.json", "bad_sidecar")]


def test_sidecar_of_a_file_that_is_not_text_is_reported_unused():
    parsed = parse_file(
        "/in/page.txt", FLOOD_WALLS.read_bytes(), INGESTED, sidecar=_sidecar(publisher="X")
    )
    assert parsed.articles[0].publisher == "The Coastal Ledger"
    assert [(e.source_uri, e.error) for e in parsed.notes] == [("/in/story.json", "sidecar_unused")]


_PREFIXES = st.sampled_from(
    [b"", b"<html><body><p>", b'{"title": "t", "text": "', b"WARC/1.1\r\n", b"\x1f\x8b"]
)


@settings(max_examples=60, deadline=None)
@given(
    prefix=_PREFIXES,
    rest=st.binary(max_size=300),
    name=st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.warc.gz"]),
)
def test_any_bytes_give_records_or_a_rejection_never_a_crash(prefix, rest, name):
    try:
        parsed = parse_file(f"/in/{name}", prefix + rest, INGESTED, max_bytes=10_000)
    except RejectedInput:
        return
    for article in parsed.articles:
        assert article.source_uri == f"/in/{name}"
