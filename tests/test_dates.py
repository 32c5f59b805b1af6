"""Date stage: publication dates from metadata, datelines and URLs, never invented."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.records import Article
from tests.conftest import INGESTED, SEED
from transforms.clean import clean_article
from transforms.dates import date_in_line, date_in_url, find_publication_date
from transforms.read import parse_file


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
    (raw,) = parse_file("/in/time-pompeo-putin.txt", SEED.read_bytes(), INGESTED)
    assert find_publication_date(clean_article(raw)) == (None, "ingested")
    assert clean_article(raw).partition_date == INGESTED.date()
