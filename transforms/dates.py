"""Date stage: the best publication date an article offers, and where it came from.

Order of trust: explicit metadata (sidecar, JSON fields), the HTML page (htmldate,
run by the HTML reader), a dateline at the top of the text ("Published March 3,
2019"), a date in the URL path. A date after ingestion (or after the crawl, for WARC
records) is rejected. With none of these the article keeps `published_at = None` and is
partitioned by its ingestion date: a text that only mentions "last July" or "the 2016
election" never gets a made-up date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import apache_beam as beam

from newsbeam.transforms.deadletter import ArticleStageFn, run_stage
from newsbeam.transforms.formats import (
    as_datetime,
    date_in_line,
    date_in_url,
    in_utc,
)
from newsbeam.transforms.records import Article

#: How many lines at the top of the text may hold a dateline.
DATELINE_LINES = 6


def _not_future(when: dt.datetime | None, latest: dt.datetime) -> dt.datetime | None:
    if when is None:
        return None
    instant = in_utc(when)
    if instant > latest:
        return None
    return when if when.tzinfo is not None else instant  # the stated offset, kept


def latest_possible_date(article: Article) -> dt.datetime:
    """Nothing is published after it was ingested, nor after a crawler fetched it."""
    if article.crawled_at is not None:
        return min(article.ingested_at, in_utc(article.crawled_at))
    return article.ingested_at


def find_publication_date(article: Article) -> tuple[dt.datetime | None, str]:
    """(published_at, date_source) for an article; (None, "ingested") when nothing is known."""
    latest = latest_possible_date(article)
    known = _not_future(article.published_at, latest)
    if known is not None and article.date_source != "ingested":
        return known, article.date_source
    head = article.text.split("\n")[:DATELINE_LINES]
    for line in [*article.boilerplate_removed, *head]:
        day = date_in_line(line)
        found = _not_future(as_datetime(day), latest) if day else None
        if found:
            return found, "dateline"
    for candidate in (article.url, article.source_uri):
        day = date_in_url(candidate) if candidate else None
        found = _not_future(as_datetime(day), latest) if day else None
        if found:
            return found, "url"
    return None, "ingested"


def with_date(article: Article) -> Article:
    """The article with `published_at` and `date_source` decided."""
    published_at, source = find_publication_date(article)
    return replace(article, published_at=published_at, date_source=source)


class _DateFn(ArticleStageFn):
    stage = "date"

    def transform(self, article: Article) -> Article:
        return with_date(article)


class AssignDates(beam.PTransform):
    """Articles -> {articles, errors} with `published_at` and `date_source` decided."""

    def expand(self, articles):
        return run_stage(articles, "Date", _DateFn())
