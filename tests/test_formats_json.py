"""JSON and JSON lines: crawler field aliases, envelopes, and bad lines as dead letters."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from newsbeam.transforms.deadletter import RejectedInput
from newsbeam.transforms.formats.common import authors_of
from newsbeam.transforms.formats.jsonl import parse_json
from tests.conftest import INGESTED

UTC = dt.timezone.utc

NEWS_PLEASE = {
    "authors": ["Jane Doe", "John Roe"],
    "date_download": "2021-06-02 08:00:00",
    "date_modify": None,
    "date_publish": "2021-06-01 12:30:00",
    "description": "Ministers agreed a new fisheries deal.",
    "filename": "https%3A%2F%2Fwww.northsea-times.example.com%2Ffish-deal.json",
    "language": "en",
    "source_domain": "www.northsea-times.example.com",
    "maintext": "Ministers agreed a new fisheries deal on Tuesday.\n\nThe quota rises by 8%.",
    "title": "Fisheries deal agreed",
    "url": "https://www.northsea-times.example.com/fish-deal",
}

NEWSAPI = {
    "status": "ok",
    "totalResults": 2,
    "articles": [
        {
            "source": {"id": None, "name": "CBS News"},
            "author": "Paulina Smolinski",
            "title": "Senators call for a special envoy",
            "description": "The post has been empty since June.",
            "url": "https://www.cbsnews.com/news/belarus-special-envoy/",
            "publishedAt": "2022-08-04T21:59:53Z",
            "content": "As tensions simmer along the border, the post remains empty.",
        },
        {
            "source": {"id": "reuters", "name": "Reuters"},
            "author": None,
            "title": "No text here",
            "url": "https://www.reuters.com/world/x",
            "publishedAt": "2022-08-05T10:00:00Z",
            "content": None,
        },
    ],
}


def _parse(payload: str | bytes, name: str = "/in/feed.json"):
    data = payload.encode() if isinstance(payload, str) else payload
    return parse_json(name, data, INGESTED)


def test_news_please_record():
    (article,) = _parse(json.dumps(NEWS_PLEASE)).articles
    assert article.title == "Fisheries deal agreed"
    assert article.raw_body == NEWS_PLEASE["maintext"]
    assert article.url == "https://www.northsea-times.example.com/fish-deal"
    assert article.publisher == "www.northsea-times.example.com"  # normalised later, on read
    assert article.authors == ["Jane Doe", "John Roe"]
    assert article.published_at == dt.datetime(2021, 6, 1, 12, 30, tzinfo=UTC)
    assert (article.date_source, article.source_format, article.locator) == (
        "metadata",
        "json",
        None,
    )


def test_newsapi_envelope_records_and_empty_record():
    parsed = _parse(json.dumps(NEWSAPI))
    (article,) = parsed.articles
    assert (article.publisher, article.authors, article.locator) == (
        "CBS News",
        ["Paulina Smolinski"],
        "record:1",
    )
    assert article.published_at == dt.datetime(2022, 8, 4, 21, 59, 53, tzinfo=UTC)
    ((uri, locator, kind),) = [(e.source_uri, e.locator, e.error) for e in parsed.errors]
    assert (uri, locator, kind) == ("/in/feed.json", "record:2", "empty")


def test_json_lines_with_aliases_and_bad_lines():
    lines = [
        json.dumps(
            {"headline": "One", "body": "First body.", "date": "2020-01-02", "author": "A B"}
        ),
        "",
        '{"title": "Two", "text": "Second body.", "published_at": "not a date"',
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "Three", "content": "Third body.", "publishedAt": 1577923200}),
        json.dumps({"title": "Four", "description": "only a summary"}),
    ]
    parsed = _parse("\n".join(lines) + "\n", "/in/feed.jsonl")
    assert [(a.title, a.raw_body, a.locator) for a in parsed.articles] == [
        ("One", "First body.", "line:1"),
        ("Three", "Third body.", "line:5"),
    ]
    assert parsed.articles[0].published_at == dt.datetime(2020, 1, 2, tzinfo=UTC)
    assert parsed.articles[1].published_at == dt.datetime(2020, 1, 2, tzinfo=UTC)
    assert parsed.articles[0].authors == ["A B"]
    assert [(e.locator, e.error) for e in parsed.errors] == [
        ("line:3", "bad_json"),
        ("line:4", "bad_record"),
        ("line:6", "empty"),
    ]


def test_array_of_records_and_unparseable_date_left_to_later_stages():
    payload = json.dumps([{"title": "A", "text": "Body A.", "date": "yesterday"}])
    (article,) = _parse(payload).articles
    assert (article.locator, article.published_at, article.date_source) == (
        "record:1",
        None,
        "ingested",
    )


@pytest.mark.parametrize(
    ("payload", "kind"),
    [
        ('{"title": "broken",\n  "text": "pretty printed but cut', "bad_json"),
        ("   \n", "empty"),
    ],
)
def test_whole_file_failures(payload, kind):
    with pytest.raises(RejectedInput) as info:
        _parse(payload)
    assert info.value.kind == kind


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Maria Okafor; Tom Bellamy", ["Maria Okafor", "Tom Bellamy"]),
        (["A B", {"name": "C D"}, "A B"], ["A B", "C D"]),
        ("https://www.facebook.com/bbcnews", []),
        (None, []),
    ],
)
def test_authors_of(value, expected):
    assert authors_of(value) == expected
