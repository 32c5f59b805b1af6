"""Article fields out of a JSON object, whatever crawler wrote it.

news-please writes `maintext`, `date_publish`, `source_domain`; NewsAPI writes
`content`, `publishedAt`, `source: {name}`; others `text`/`body`, `date`, `author`.
The first alias present with a usable value wins. JSON records and `.txt` sidecars
share these rules. JSON escapes can spell lone surrogates, which nothing downstream can
encode: they are replaced here, where JSON strings enter an article.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from newsbeam.transforms.deadletter import valid_unicode
from newsbeam.transforms.formats.common import article_id, authors_of
from newsbeam.transforms.formats.dates import parse_date_value
from newsbeam.transforms.records import Article

TITLE = ("title", "headline")
TEXT = ("maintext", "text", "content", "body", "article_text")
DATE = ("date_publish", "published_at", "publishedAt", "date_published", "datePublished", "date")
URL = ("url", "link", "canonical_url")
AUTHORS = ("authors", "author", "byline")
PUBLISHER = ("publisher", "source_name", "source_domain", "source", "site_name", "sitename")


@dataclass
class RecordFields:
    """The article fields one JSON object offers (absent ones are None or empty)."""

    title: str | None = None
    text: str | None = None
    url: str | None = None
    published_at: dt.datetime | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    #: Why a date field that is present gave no date (`date_publish 1e400 is not a
    #: date`), None when there is none or one gave a date: a sidecar says so in a note.
    unread_date: str | None = None

    def article(
        self,
        title: str,
        body: str,
        uri: str,
        ingested_at: dt.datetime,
        *,
        source_format: str,
        extractor: str,
        encoding: str | None = None,
        locator: str | None = None,
        date_source: str = "metadata",
        crawled_at: dt.datetime | None = None,
    ) -> Article:
        """The article of `title` and `body` carrying these metadata fields.

        A date here comes from the input itself (`date_source` names where), which
        outranks any date found later in the text or URL."""
        return Article(
            article_id=article_id(title, body, self.url),
            source_uri=uri,
            ingested_at=ingested_at,
            title=title,
            raw_body=body,
            locator=locator,
            source_format=source_format,
            extractor=extractor,
            encoding=encoding,
            url=self.url,
            publisher=self.publisher,
            authors=self.authors,
            published_at=self.published_at,
            date_source=date_source if self.published_at else "ingested",
            crawled_at=crawled_at,
        )


def _first_text(record: Mapping, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, Mapping):
            value = value.get("name")
        if isinstance(value, str) and value.strip():
            return valid_unicode(value.strip())
    return None


def _first_date(record: Mapping) -> tuple[dt.datetime | None, str | None]:
    """The first date field that holds a date, or why the first one present does not."""
    unread = None
    for name in DATE:
        value = record.get(name)
        when = parse_date_value(value)
        if when is not None:
            return when, None
        if unread is None and value not in (None, ""):
            shown = str(value)
            shown = shown if len(shown) <= 40 else f"{shown[:40]}... ({len(shown)} characters)"
            unread = f"{name} {shown} is not a date"
    return None, unread


def _first_authors(record: Mapping) -> list[str]:
    for name in AUTHORS:
        authors = authors_of(record.get(name))
        if authors:
            return [valid_unicode(author) for author in authors]
    return []


def record_fields(record: Mapping) -> RecordFields:
    """The fields of one crawler record (a news-please, NewsAPI or similar JSON object)."""
    published_at, unread_date = _first_date(record)
    return RecordFields(
        title=_first_text(record, TITLE),
        text=_first_text(record, TEXT),
        url=_first_text(record, URL),
        published_at=published_at,
        publisher=_first_text(record, PUBLISHER),
        authors=_first_authors(record),
        unread_date=unread_date,
    )
