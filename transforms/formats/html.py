"""HTML pages: main text and metadata through trafilatura, the date through htmldate.

trafilatura is the best measured open main-text extractor, so its output is used as
it comes, with its default settings (comments excluded: they are not the article).
Its metadata pass gives title, authors, site name and canonical URL, and runs
htmldate with `original_date=True` (the publication, not the last update) and an
upper bound at ingestion, or at the crawl for WARC records. Paragraphs, one per line
in trafilatura's text, are separated by blank lines as the clean stage expects.

Nothing here touches the network: both libraries get the bytes or the parsed tree,
never a URL to fetch, and lxml's HTML parser resolves no external entities.
"""

from __future__ import annotations

import datetime as dt

from trafilatura import bare_extraction
from trafilatura.settings import Document

from newsbeam.transforms.deadletter import RejectedInput
from newsbeam.transforms.formats.common import authors_of
from newsbeam.transforms.formats.dates import parse_date_value
from newsbeam.transforms.formats.fields import RecordFields
from newsbeam.transforms.records import Article

EXTRACTOR = "trafilatura"
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def _body(text: str, title: str) -> str:
    """trafilatura's lines as paragraphs, without the headline it repeats at the top."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and " ".join(lines[0].split()) == " ".join(title.split()):
        lines = lines[1:]
    return "\n\n".join(lines)


def parse_html(
    uri: str,
    data: bytes,
    ingested_at: dt.datetime,
    *,
    url: str | None = None,
    crawled_at: dt.datetime | None = None,
    locator: str | None = None,
    source_format: str = "html",
) -> Article:
    """The article of one HTML page; raises `RejectedInput` when it has no main text.

    `url` is the page's address when the caller knows it (a WARC-Target-URI); without
    it the page's canonical URL is used.
    """
    latest = min(ingested_at, crawled_at) if crawled_at else ingested_at
    document = bare_extraction(
        data,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={
            "original_date": True,
            "extensive_search": True,
            "max_date": latest.date().isoformat(),
            "outputformat": _DATE_FORMAT,
        },
    )
    if not isinstance(document, Document) or not document.text or not document.text.strip():
        raise RejectedInput("empty", "no main text found in the HTML page")
    title = " ".join((document.title or "").split())
    body = _body(document.text, title)
    if not body:
        raise RejectedInput("empty", "the HTML page has a title but no main text")
    page_url = url or document.url
    fields = RecordFields(
        url=page_url,
        published_at=parse_date_value(document.date),
        publisher=document.sitename,
        authors=authors_of(document.author),
    )
    return fields.article(
        title,
        body,
        uri,
        ingested_at,
        source_format=source_format,
        extractor=EXTRACTOR,
        locator=locator,
        date_source="html",
        crawled_at=crawled_at,
    )
