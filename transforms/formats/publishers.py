"""Who published an article: a name from its metadata, its site, its URL or its own text.

Order of trust: the name the input gives (JSON field, sidecar, the HTML page's site
name), then the registrable domain of the article's URL (`www.nytimes.com` ->
`nytimes.com`: the domain is the one key that is always spelled the same, which the
learned-boilerplate pass groups by), then a signature in the text ("More Must-Reads
from TIME", "© 2021 The Coastal Ledger", a wire credit "WASHINGTON (Reuters) -").
Names that are really domains or URLs are reduced to the registrable domain.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tld import get_fld

from newsbeam.transforms.formats.lines import MAX_BOILERPLATE_CHARS, normalise
from newsbeam.transforms.records import Article

_NAME = r"(?P<name>[A-Z0-9][\w&'’.-]*(?: [\w&'’.-]+){0,5}?)"
_SIGNATURES = [
    re.compile(p, re.IGNORECASE if i == 0 else 0)
    for i, p in enumerate(
        (
            r"more must[- ]reads? from (?P<name>.{1,40}?)\.?",
            r"(?:©|\([cC]\)|[cC]opyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s+)?"
            + _NAME
            + r"\.?(?:,?\s*[Aa]ll [Rr]ights [Rr]eserved\.?)?",
        )
    )
]
#: "WASHINGTON (Reuters) -", "LONDON (Thomson Reuters Foundation) —" at a paragraph start.
_WIRE_CREDIT = re.compile(
    r"^(?:[^\n]{0,40}?\s)?[A-Z][A-Z.'’ -]{1,30}(?:,\s*[A-Z][\w.'’ -]{1,30})?\s*"
    r"\((?P<name>[A-Z][\w&.' -]{0,40}?)\)\s*[-—–]"
)
_WIRE_LINES = 3
_DOMAIN_LIKE = re.compile(r"^(?:[a-z]+://)?(?:[\w-]+\.)+[a-z]{2,}(?:[/:?#].*)?$", re.IGNORECASE)


def registrable_domain(url: str) -> str | None:
    """The domain a site registered (`https://www.bbc.co.uk/news` -> `bbc.co.uk`)."""
    if not url or not url.strip():
        return None
    domain = get_fld(url.strip(), fix_protocol=True, fail_silently=True)
    return domain.lower() if domain else None


def normalise_publisher(name: str | None) -> str | None:
    """A publisher name with tidy spaces; domains and URLs become the registrable domain."""
    name = " ".join((name or "").split()).strip(" -|·.,")
    if not name:
        return None
    if _DOMAIN_LIKE.match(name):
        return registrable_domain(name) or name.lower()
    return name


def publisher_in_text(raw_body: str) -> str | None:
    """A publisher named by the text itself: a signature line or a wire credit.

    Signatures are searched from the end, where sites put them (a copyright line near
    the top is more often a photo credit).
    """
    lines = [line.strip() for line in normalise(raw_body).split("\n") if line.strip()]
    short = [line for line in reversed(lines) if len(line) <= MAX_BOILERPLATE_CHARS]
    for pattern in _SIGNATURES:
        for line in short:
            match = pattern.fullmatch(line)
            if match:
                return normalise_publisher(match["name"])
    for line in lines[:_WIRE_LINES]:
        match = _WIRE_CREDIT.match(line)
        if match:
            return normalise_publisher(match["name"])
    return None


def find_publisher(article: Article) -> str | None:
    """The article's publisher by the order of trust above; None when nothing names one."""
    return (
        normalise_publisher(article.publisher)
        or registrable_domain(article.url or "")
        or publisher_in_text(article.raw_body)
    )


def with_publisher(article: Article) -> Article:
    return replace(article, publisher=find_publisher(article))
