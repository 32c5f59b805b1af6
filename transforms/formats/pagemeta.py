"""What an HTML page says about itself: JSON-LD article data, meta tags, headings.

Read once from the parsed tree, before trafilatura cleans it (trafilatura edits the tree
in place). Every value is as the page states it, whitespace collapsed and HTML entities
undone; choosing between them (title, publisher, date) is left to the callers.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml.html import HtmlElement

#: schema.org types of a news or blog article (JSON-LD `@type`).
ARTICLE_TYPES = frozenset(
    "Article NewsArticle ReportageNews AnalysisNewsArticle OpinionNewsArticle "
    "BackgroundNewsArticle ReviewNewsArticle BlogPosting SocialMediaPosting LiveBlogPosting "
    "ScholarlyArticle TechArticle Report WebPage".split()
)
#: Class names of the parts of a headline that are not the headline: the kicker above it
#: ("Zugverkehr", "KNOWHOW", "Wow, wow, wow!") and text shown only to screen readers.
_NOT_HEADLINE = (
    "kicker",
    "roofline",
    "dachzeile",
    "overline",
    "pretitle",
    "supertitle",
    "topline",
    "eyebrow",
    "visually-hidden",
    "sr-only",
    "screen-reader",
    "hide",
)
_TAG = re.compile(r"<[^>]{0,500}>")
_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "dc.date.issued",
    "sailthru.date",
)
#: Meta names of a date that may be the publication day alone ("March 4, 2026").
_DAY_META = ("date", "dc.date", "dcterms.date")


def tidy(value: object) -> str:
    """A text value with entities undone and whitespace collapsed ('' for non-strings)."""
    return " ".join(html.unescape(value).split()) if isinstance(value, str) else ""


@dataclass
class PageMeta:
    """The page's own statements about its article (empty when it makes none)."""

    headline: str = ""
    article_body: str = ""
    ld_publisher: str = ""
    ld_authors: list[object] = field(default_factory=list)
    ld_published: str = ""
    og_title: str = ""
    twitter_title: str = ""
    html_title: str = ""
    site_name: str = ""
    meta_published: str = ""
    #: The first `<meta name="date">`-style value, used only when it states a day
    #: without a time (`pagedates.on_stated_day`).
    meta_day: str = ""
    meta_authors: list[str] = field(default_factory=list)
    #: The text of each h1 in page order: the whole heading, then its parts without
    #: kicker or hidden text (the same text when it has none).
    h1s: list[tuple[str, str]] = field(default_factory=list)
    h2s: list[str] = field(default_factory=list)


def _paragraphs(value: object) -> str:
    """A JSON-LD text with its line breaks kept as paragraph breaks, tags removed."""
    if not isinstance(value, str):
        return ""
    text = _TAG.sub(" ", html.unescape(value))
    return "\n".join(line for line in map(tidy, text.splitlines()) if line)


def _json_objects(value: object) -> Iterator[dict]:
    """Every JSON object in a JSON-LD value, `@graph` members included."""
    if isinstance(value, list):
        for item in value:
            yield from _json_objects(item)
    elif isinstance(value, dict):
        yield value
        yield from _json_objects(value.get("@graph"))


def _types(item: dict) -> set[str]:
    kind = item.get("@type")
    return {str(k) for k in kind} if isinstance(kind, list) else {str(kind)}


def _name(value: object) -> str:
    """The name of a JSON-LD thing given as a string, an object or a list of either."""
    if isinstance(value, list):
        return next((name for name in map(_name, value) if name), "")
    if isinstance(value, dict):
        return tidy(value.get("name"))
    return tidy(value)


def _ld_articles(tree: HtmlElement) -> list[dict]:
    """The article objects of the page's JSON-LD, the most specific types first."""
    found: list[dict] = []
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            value = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        found.extend(o for o in _json_objects(value) if _types(o) & ARTICLE_TYPES)
    return sorted(found, key=lambda o: "WebPage" in _types(o))


def _is_aside_link(element: HtmlElement, heading: HtmlElement) -> bool:
    """A link closing a heading after its headline text ("<span>Headline</span><a>Site</a>");
    a heading wholly made of one link, or a link inside its sentence, is headline."""
    if element.tag != "a" or element.getparent() is not heading or (element.tail or "").strip():
        return False
    children = list(heading)
    after = children[children.index(element) + 1 :]
    if any(c.text_content().strip() or (c.tail or "").strip() for c in after):
        return False
    before = children[: children.index(element)]
    return bool((heading.text or "").strip() or any(c.text_content().strip() for c in before))


def _heading_text(heading: HtmlElement) -> str:
    """A heading's text without its kicker and hidden parts."""
    parts = []

    def walk(element: HtmlElement) -> None:
        classes = str(element.get("class") or "").lower()
        if element is not heading and (
            any(word in classes for word in _NOT_HEADLINE) or _is_aside_link(element, heading)
        ):
            if element.tail:
                parts.append(element.tail)
            return
        if element.text:
            parts.append(element.text)
        for child in element:
            if isinstance(child.tag, str):
                walk(child)
            elif child.tail:
                parts.append(child.tail)
        if element is not heading and element.tail:
            parts.append(element.tail)

    walk(heading)
    return tidy("".join(parts))


def _meta(tree: HtmlElement) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for element in tree.iterfind(".//meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = tidy(element.get("content"))
        if key and content:
            found.setdefault(key.strip().lower(), []).append(content)
    return found


def _own_first(articles: list[dict], page: PageMeta, addresses: set[str]) -> list[dict]:
    """The page's own article objects before the others (related stories a page also
    describes in JSON-LD): own is at the page's address (og:url, the canonical link) or
    headed with the page's visible or social title. A WebPage object still comes after
    every article object (it describes the page, often with the site's name in its
    title); order otherwise kept."""
    titles = {t.casefold() for t in (page.og_title, page.twitter_title, page.html_title) if t}
    titles.update(parts.casefold() for _, parts in page.h1s if parts)

    def own(article: dict) -> bool:
        page_of = article.get("mainEntityOfPage")
        page_of = page_of.get("@id") if isinstance(page_of, dict) else page_of
        urls = {str(u).rstrip("/") for u in (article.get("url"), page_of) if u}
        return bool(urls & addresses) or tidy(article.get("headline")).casefold() in titles

    return sorted(articles, key=lambda article: ("WebPage" in _types(article), not own(article)))


def page_meta(tree: HtmlElement) -> PageMeta:
    """The statements of a parsed page (call before the tree is cleaned)."""
    meta = _meta(tree)
    first = {key: values[0] for key, values in meta.items()}
    articles = _ld_articles(tree)
    page = PageMeta(
        og_title=first.get("og:title", ""),
        twitter_title=first.get("twitter:title", ""),
        html_title=tidy(tree.findtext(".//title")),
        site_name=first.get("og:site_name", ""),
        meta_published=next((first[k] for k in _PUBLISHED_META if k in first), ""),
        meta_day=next((first[k] for k in _DAY_META if k in first), ""),
        meta_authors=meta.get("author", []) + meta.get("article:author", []),
        h1s=[(tidy(h.text_content()), _heading_text(h)) for h in tree.iterfind(".//h1")],
        h2s=[tidy(h.text_content()) for h in tree.iterfind(".//h2")][:20],
    )
    canonical = tree.find(".//link[@rel='canonical']")
    addresses = {
        first.get("og:url", ""),
        canonical.get("href", "") if canonical is not None else "",
    }
    addresses = {address.rstrip("/") for address in addresses if address}
    for article in _own_first(articles, page, addresses) if len(articles) > 1 else articles:
        page.headline = page.headline or tidy(article.get("headline"))
        page.article_body = page.article_body or _paragraphs(article.get("articleBody"))
        page.ld_publisher = page.ld_publisher or _name(article.get("publisher"))
        page.ld_published = page.ld_published or tidy(article.get("datePublished"))
        if not page.ld_authors and article.get("author"):
            author = article["author"]
            page.ld_authors = author if isinstance(author, list) else [author]
    return page
