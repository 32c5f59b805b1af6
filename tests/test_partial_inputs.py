"""Issue 31, cases 5 and 6: JSON lines and WARC archives that are partly broken give
their good records as articles and one precise error row per bad line or record."""

from __future__ import annotations

import json

import pytest

from newsbeam.transforms.formats import Sidecar
from newsbeam.transforms.read import parse_file
from tests.conftest import INGESTED
from tests.input_fixtures import news_crawl_warc

GOOD = [
    json.dumps({"title": f"Good {n}", "maintext": f"The council met on day {n}, it said."})
    for n in (1, 2)
]


def _outcome(name: str, data: bytes) -> tuple[list, list]:
    parsed = parse_file(f"/in/{name}", data, INGESTED)
    return (
        [(a.title, a.locator) for a in parsed.articles],
        [(e.error, e.locator) for e in parsed.errors],
    )


@pytest.mark.parametrize(
    ("name", "first_line"),
    [
        ("feed.jsonl", "this first line is not JSON"),  # was one junk text article
        ("feed.jsonl", '{"title": "cut short", "maintext": '),  # lost every line after it
        ("feed.txt", '{"title": broken'),
    ],
)
def test_a_bad_first_line_loses_only_itself(name, first_line):
    data = "\n".join([first_line, *GOOD]).encode()
    assert _outcome(name, data) == (
        [("Good 1", "line:2"), ("Good 2", "line:3")],
        [("bad_json", "line:1")],
    )


def test_an_array_with_a_non_object_keeps_its_objects():
    # was sniffed as text and lost behind "no text after cleaning"
    assert _outcome("list.json", f"[1, {GOOD[0]}]".encode()) == (
        [("Good 1", "record:2")],
        [("bad_record", "record:1")],
    )


def test_text_in_brackets_is_still_text():
    articles, errors = _outcome("note.txt", b"[1] Footnotes\n\nThe council met on Monday.\n")
    assert articles == [("[1] Footnotes", None)] and errors == []


ABSURD_DATES = ["1e400", "-1e400", '"1e400"', "1e30", "1" + "0" * 400]


@pytest.mark.parametrize("value", ABSURD_DATES)
def test_an_absurd_date_is_ignored_not_fatal(value):
    # a 400-digit integer overflowed turning milliseconds into seconds: an OverflowError row
    data = f'{{"title": "Dated", "maintext": "The council met.", "date_publish": {value}}}'
    parsed = parse_file("/in/a.json", data.encode(), INGESTED)
    assert [(a.title, a.published_at) for a in parsed.articles] == [("Dated", None)]
    assert parsed.errors == parsed.notes == []


@pytest.mark.parametrize("value", ABSURD_DATES)
def test_a_sidecars_absurd_date_is_a_note_and_the_article_is_kept(value):
    sidecar = Sidecar(
        "/in/a.json", f'{{"date_publish": {value}, "publisher": "Dock News"}}'.encode()
    )
    text = b"Dock reopens\n\nThe dock reopened on Friday.\n"
    parsed = parse_file("/in/a.txt", text, INGESTED, sidecar=sidecar)
    article = parsed.articles[0]
    assert (article.title, article.publisher, article.published_at) == (
        "Dock reopens",
        "Dock News",
        None,
    )
    (note,) = parsed.notes
    assert (note.source_uri, note.error) == ("/in/a.json", "bad_sidecar")
    assert note.message.startswith("date_publish ") and note.message.endswith(
        "is not a date: ignored"
    )
    assert len(note.message) < 120


def _crawl() -> tuple[bytes, int]:
    data = news_crawl_warc()
    return data, data.rindex(b"WARC/1.")  # the last record: the second HTML page


def test_a_record_cut_mid_payload_is_corrupt_not_an_article():
    data, _ = _crawl()
    articles, errors = _outcome("cut.warc", data[:-200])
    assert articles == [(articles[0][0], "record:3")]
    assert errors == [("corrupt", "record:6")]


def test_a_record_cut_in_its_header_is_counted():
    data, last = _crawl()
    articles, errors = _outcome("cut.warc", data[: last + 60])
    assert [a[1] for a in articles] == ["record:3"]
    assert errors == [("corrupt", "record:6")]


def test_a_text_file_starting_like_a_warc_gets_a_row():
    text = b"WARC/1.0\nThis is a note about the WARC format, not an archive.\n"
    assert _outcome("note.txt", text) == ([], [("corrupt", "record:1")])
