"""Date stage: publication dates from metadata, datelines and URLs, never invented."""

from __future__ import annotations

import datetime as dt

import pytest

from newsbeam.transforms.clean import clean_article
from newsbeam.transforms.dates import find_publication_date
from newsbeam.transforms.formats import date_in_line, date_in_url, parse_date_value
from newsbeam.transforms.read import parse_file
from newsbeam.transforms.records import Article
from tests.conftest import INGESTED, SEED


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("March 3, 2019", dt.date(2019, 3, 3)),
        ("Published March 3, 2019 5:01 PM EST", dt.date(2019, 3, 3)),
        ("Updated: Sept. 12, 2016", dt.date(2016, 9, 12)),
        ("Monday, 4 November 2019", dt.date(2019, 11, 4)),
        ("By Jane Doe | April 12, 2019", dt.date(2019, 4, 12)),
        ("2019-04-12T08:30:00Z", dt.date(2019, 4, 12)),
        ("Posted on 1st May 2020", dt.date(2020, 5, 1)),
    ],
)
def test_datelines(line, expected):
    assert date_in_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "The summit last July was criticised by lawmakers on March 3, 2019 in a statement.",
        "the 2016 election",
        "February 30, 2019",
        "In 2019, the company grew.",
    ],
)
def test_sentences_mentioning_dates_are_not_datelines(line):
    assert date_in_line(line) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://time.com/2019/04/12/pompeo-putin/", dt.date(2019, 4, 12)),
        ("https://example.com/news/2016-09-12-stealth-over-health", dt.date(2016, 9, 12)),
        ("https://example.com/20190412/story.html", dt.date(2019, 4, 12)),
        ("gs://bucket/raw/2019/4/2/story.txt", dt.date(2019, 4, 2)),
        ("https://example.com/story/12345", None),
        ("https://example.com/2019/13/45/x", None),
    ],
)
def test_dates_in_urls(url, expected):
    assert date_in_url(url) == expected


def _article(**fields) -> Article:
    base = {
        "article_id": "a",
        "source_uri": "/in/story.txt",
        "ingested_at": INGESTED,
        "text": "Body.",
    }
    return Article(**(base | fields))


def test_metadata_date_wins():
    when = dt.datetime(2019, 4, 12, 9, 30, tzinfo=dt.timezone.utc)
    article = _article(published_at=when, date_source="metadata", url="https://x.com/2018/01/01/a")
    assert find_publication_date(article) == (when, "metadata")


def test_future_dates_are_rejected_and_next_source_used():
    future = INGESTED + dt.timedelta(days=3)
    article = _article(
        published_at=future, date_source="metadata", url="https://x.com/2019/04/12/a"
    )
    assert find_publication_date(article) == (
        dt.datetime(2019, 4, 12, tzinfo=dt.timezone.utc),
        "url",
    )


def test_dateline_in_removed_lines_or_text_head():
    article = _article(
        text="WASHINGTON — The talks ended.", boilerplate_removed=["Published March 3, 2019"]
    )
    assert find_publication_date(article)[1] == "dateline"
    article = _article(text="April 12, 2019\n\nThe talks ended.")
    assert find_publication_date(article) == (
        dt.datetime(2019, 4, 12, tzinfo=dt.timezone.utc),
        "dateline",
    )


def test_seed_has_no_publication_date():
    (raw,) = parse_file("/in/time-pompeo-putin.txt", SEED.read_bytes(), INGESTED).articles
    assert find_publication_date(clean_article(raw)) == (None, "ingested")
    assert clean_article(raw).partition_date == INGESTED.date()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-08-15T12:26:23Z", dt.datetime(2022, 8, 15, 12, 26, 23, tzinfo=dt.timezone.utc)),
        ("2021-06-01 12:00:00", dt.datetime(2021, 6, 1, 12, tzinfo=dt.timezone.utc)),
        ("2021-03-14T08:15:00+01:00", dt.datetime(2021, 3, 14, 7, 15, tzinfo=dt.timezone.utc)),
        ("2021-03-14T08:15:00.250-0500", dt.datetime(2021, 3, 14, 13, 15, tzinfo=dt.timezone.utc)),
        ("Tue, 01 Jun 2021 12:00:00 GMT", dt.datetime(2021, 6, 1, 12, tzinfo=dt.timezone.utc)),
        ("March 3, 2019", dt.datetime(2019, 3, 3, tzinfo=dt.timezone.utc)),
        (1622548800, dt.datetime(2021, 6, 1, 12, tzinfo=dt.timezone.utc)),
        ("1622548800000", dt.datetime(2021, 6, 1, 12, tzinfo=dt.timezone.utc)),
        ("2019-04-12", dt.datetime(2019, 4, 12, tzinfo=dt.timezone.utc)),
        ("2021-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (True, None),
        ({"date": "2020-01-01"}, None),
    ],
)
def test_metadata_date_values(value, expected):
    assert parse_date_value(value) == expected


def test_nothing_is_published_after_its_crawl():
    crawled = dt.datetime(2019, 4, 10, tzinfo=dt.timezone.utc)
    after_crawl = dt.datetime(2019, 4, 11, tzinfo=dt.timezone.utc)
    article = _article(
        published_at=after_crawl,
        date_source="html",
        crawled_at=crawled,
        url="https://x.com/2019/04/09/a",
    )
    assert find_publication_date(article) == (
        dt.datetime(2019, 4, 9, tzinfo=dt.timezone.utc),
        "url",
    )
