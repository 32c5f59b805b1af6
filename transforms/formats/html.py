"""HTML pages: main text through trafilatura, fields from what the page states about itself.

The page is parsed once. What it states about its article (JSON-LD, meta tags, headings:
`pagemeta`) is read before trafilatura cleans the tree. trafilatura, the best measured
open main-text extractor, gives the body (comments excluded: they are not the article);
when the page's JSON-LD `articleBody` is clearly longer and holds what trafilatura found
(pages that render the text from embedded JSON), that text is the body. The title is the
visible headline agreed with the metadata (`titles`); the date is the page's declared
publication date (JSON-LD `datePublished`, then `article:published_time`-style meta, then
a date standing alone in its title) on the day the page states (`pagedates`), else a
date after a publication label, else the byline's date under the headline, else
htmldate with `original_date=True` (the publication, not the last update; the page's
modification dates are removed before it looks): its markup-and-metadata pass through
trafilatura, then its extensive search of the text; never later than ingestion, or the
crawl for WARC records. The publisher candidate is the JSON-LD publisher, else
og:site_name; authors are people only. Paragraphs, one per line in trafilatura's text,
are separated by blank lines as the clean stage expects.

Nothing here touches the network: both libraries get the bytes or the parsed tree,
never a URL to fetch, and lxml's HTML parser resolves no external entities.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.settings import Document
from trafilatura.utils import load_html

from newsbeam.transforms.deadletter import RejectedInput
from newsbeam.transforms.formats.common import authors_of
from newsbeam.transforms.formats.dates import as_datetime, in_utc, parse_date_value
from newsbeam.transforms.formats.fields import RecordFields
from newsbeam.transforms.formats.pagedates import (
    byline_date,
    drop_modification_dates,
    labelled_date,
    on_stated_day,
)
from newsbeam.transforms.formats.pagemeta import PageMeta, page_meta
from newsbeam.transforms.formats.publishers import registrable_domain, site_name
from newsbeam.transforms.formats.text import bomless_utf16
from newsbeam.transforms.formats.titles import (
    choose_title,
    dates_in_titles,
    loose,
    site_test,
)
from newsbeam.transforms.records import Article

EXTRACTOR = "trafilatura"
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_WORD = re.compile(r"\w+")
#: JSON-LD `articleBody` replaces trafilatura's text when it has this many times its words
#: and holds this share of them (it is the same article, only complete), or when
#: trafilatura found less than a paragraph's worth (a caption or a "read more" teaser).
_LONGER = 1.5
_CONSISTENT = 0.8
_TEASER_WORDS = 60


def _body(text: str, title: str) -> str:
    """trafilatura's lines as paragraphs, without the headline it repeats at the top."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and loose(lines[0]) == loose(title):
        lines = lines[1:]
    return "\n\n".join(lines)


def _words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.casefold()))


def _fuller_body(extracted: str, stated: str) -> str:
    """The JSON-LD article body when it is the extracted text made complete, else the
    extracted text: a page that renders its text from embedded JSON shows only a teaser."""
    if not stated:
        return extracted
    mine, theirs = _words(extracted), _words(stated)
    size = sum(mine.values())
    held = sum((mine & theirs).values())
    consistent = held >= _CONSISTENT * size or size < _TEASER_WORDS
    if sum(theirs.values()) >= _LONGER * size and consistent:
        return "\n\n".join(line for line in stated.splitlines() if line.strip())
    return extracted


def _declared_date(page: PageMeta, latest: dt.datetime) -> dt.datetime | None:
    """The publication date the page declares (JSON-LD, then meta, then a date standing
    alone in its title), if not after `latest`."""
    for value in (page.ld_published, page.meta_published, *dates_in_titles(page)):
        when = parse_date_value(value) if value else None
        if when is not None and in_utc(when) <= in_utc(latest):
            return when
    return None


def _stated_day(page: PageMeta) -> dt.date | None:
    """The publication day the page states without a time (`<meta name="date"
    content="March 4, 2026">`); a value with a time is a timestamp, not a day."""
    if not page.meta_day or ":" in page.meta_day:
        return None
    when = parse_date_value(page.meta_day)
    return when.date() if when else None


def _found_date(tree: HtmlElement, found: str | None, latest: dt.datetime) -> str | None:
    """htmldate's publication date: the one trafilatura's pass found in the page's markup
    and metadata, else htmldate's extensive search of the text (dates in free text are the
    riskier guess, so they come last)."""
    if found:
        return found
    return find_date(
        tree,
        original_date=True,
        extensive_search=True,
        max_date=latest.date().isoformat(),
        outputformat=_DATE_FORMAT,
    )


def _publication_date(
    page: PageMeta, tree: HtmlElement, found: str | None, latest: dt.datetime
) -> dt.datetime | None:
    """The declared date on the day the page states; else a labelled date ("Published
    on ..."), else the byline's under the headline, with the time of trafilatura's
    htmldate pass when it found the same day (htmldate's slow text search is then not
    needed); else htmldate's."""
    declared = _declared_date(page, latest)
    if declared is not None:
        return on_stated_day(declared, _stated_day(page))
    shown = labelled_date(tree, latest) or byline_date(tree, latest)
    if shown is None:
        return parse_date_value(_found_date(tree, found, latest))
    marked = parse_date_value(found)
    return marked if marked is not None and marked.date() == shown else as_datetime(shown)


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
    utf16 = bomless_utf16(data)
    if utf16:  # trafilatura's charset guess never finds it without a byte-order mark
        data = data.decode(utf16, errors="replace").encode("utf-8")
    tree = load_html(data)
    if tree is None:
        raise RejectedInput("empty", "no HTML document found")
    page = page_meta(tree)
    drop_modification_dates(tree)
    document = bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "max_date": latest.date().isoformat(),
            "outputformat": _DATE_FORMAT,
        },
    )
    if not isinstance(document, Document) or not document.text or not document.text.strip():
        raise RejectedInput("empty", "no main text found in the HTML page")
    page_url = url or document.url
    domain = registrable_domain(page_url or "")
    is_site = site_test((page.site_name, page.ld_publisher), domain)
    title = choose_title(page, is_site, fallback=" ".join((document.title or "").split()))
    body = _body(_fuller_body(document.text, page.article_body), title)
    if not body:
        raise RejectedInput("empty", "the HTML page has a title but no main text")
    stated_name = page.ld_publisher or page.site_name
    fields = RecordFields(
        url=page_url,
        published_at=_publication_date(page, tree, document.date, latest),
        publisher=site_name(stated_name, domain) if domain else stated_name or None,
        authors=authors_of(page.ld_authors or page.meta_authors or document.author),
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
