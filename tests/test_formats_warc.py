"""WARC archives: HTML 200 responses become articles, everything else is skipped and counted."""

from __future__ import annotations

import datetime as dt

from newsbeam.transforms.formats.warc import NOT_HTML, NOT_OK, NOT_RESPONSE, parse_warc
from newsbeam.transforms.read import parse_file
from tests.conftest import INGESTED
from tests.input_fixtures import news_crawl_warc

UTC = dt.timezone.utc
LIMIT = 1_000_000


def test_html_responses_become_articles_with_target_uri_and_crawl_date():
    parsed = parse_warc("/in/news.warc", news_crawl_warc(), INGESTED, LIMIT)
    assert [(a.locator, a.url, a.title) for a in parsed.articles] == [
        (
            "record:3",
            "https://www.coastal-ledger.co.uk/news/harbour-city-flood-walls?utm=feed",
            "Harbour city votes to rebuild its flood walls",
        ),
        (
            "record:6",
            "https://midlandcourier.example.com/business/rail-strike-called-off",
            "Rail strike called off after overnight talks",
        ),
    ]
    flood, rail = parsed.articles
    assert flood.crawled_at == dt.datetime(2022, 3, 1, 10, tzinfo=UTC)
    assert flood.published_at == dt.datetime(2021, 3, 14, 8, 15, tzinfo=UTC)
    assert rail.published_at == dt.datetime(2020, 11, 2, 22, 45, tzinfo=UTC)
    assert {a.source_format for a in parsed.articles} == {"warc"}
    assert {a.extractor for a in parsed.articles} == {"trafilatura"}
    assert parsed.skipped == {NOT_RESPONSE: 2, NOT_OK: 1, NOT_HTML: 1}
    assert parsed.errors == []


def test_gzipped_warc_through_the_dispatcher():
    parsed = parse_file("/in/CC-NEWS-20220301.warc.gz", news_crawl_warc(gzip=True), INGESTED)
    assert len(parsed.articles) == 2
    # publisher resolved on read: the page's site name
    assert [a.publisher for a in parsed.articles] == ["The Coastal Ledger", "Midland Courier"]


def test_broken_record_keeps_earlier_articles_and_says_where():
    data = news_crawl_warc()
    cut = data.index(b"WARC/1.", data.index(b"midlandcourier") - 600)
    broken = data[:cut] + b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\n<html>"
    parsed = parse_warc("/in/broken.warc", broken, INGESTED, LIMIT)
    assert [a.locator for a in parsed.articles] == ["record:3"]
    assert [(e.locator, e.error) for e in parsed.errors] == [("record:6", "corrupt")]


def test_oversized_record_is_a_dead_letter_of_its_own():
    parsed = parse_warc("/in/news.warc", news_crawl_warc(), INGESTED, limit=2_000)
    assert parsed.articles == []
    assert [(e.locator, e.error) for e in parsed.errors] == [
        ("record:3", "too_large"),
        ("record:6", "too_large"),
    ]
