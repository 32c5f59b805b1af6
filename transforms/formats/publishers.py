"""Who published an article: one name per site, from a table, its metadata, its URL or its text.

Order of trust: for the ~240 largest news sites, the shipped table's name for the
registrable domain of the article's URL (`transforms/data/publishers.csv`: apnews.com is
"Associated Press" whether a page calls itself "AP News" or a crawler "Associated Press");
then the name the input gives (JSON field, sidecar, the HTML page's JSON-LD publisher or
og:site_name) when it reads as a name, not a tagline ("Where Hope Finally Made a Comeback")
or a domain squeezed into a word ("Financialpost"); then the registrable domain
(`www.nytimes.com` -> `nytimes.com`); then a signature in the text ("More Must-Reads
from TIME", "© 2021 The Coastal Ledger", a wire credit "WASHINGTON (Reuters) -").
Names that are really domains or URLs are reduced to the registrable domain. Across a run,
the publisher stage then gives every article of a domain the same name
(`agreed_name`).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from importlib import resources

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


_TABLE = "publishers.csv"
#: A name of more words than this is a name only when its words or initials are the domain's.
_NAME_WORDS = 3
_MAX_NAME_WORDS = 8
#: "Financialpost", "Theprovince": a long domain label with only its first letter raised is
#: a tool's rendering of the domain, not the brand's own spelling ("Reuters" is kept).
_SQUEEZED_LETTERS = 8
_PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*$")
_NAME_SEPARATOR = re.compile(r"\s+(?:[|–—:·•]|-{1,2})\s+")


@cache
def publisher_table() -> Mapping[str, str]:
    """Registrable domain -> canonical publisher name, for the largest news sites."""
    source = resources.files("newsbeam.transforms.data").joinpath(_TABLE)
    rows = csv.DictReader(source.read_text(encoding="utf-8").splitlines())
    return {row["domain"]: row["name"] for row in rows}


def _compact(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _names_domain(name: str, domain: str) -> bool:
    """Whether a name's words or initials spell part of the domain's name
    ("South China Morning Post" -> scmp.com, "FOX 13 News Utah" -> fox13now.com)."""
    label = _compact(domain.split(".")[0])
    words = [_compact(w) for w in name.split() if _compact(w)]
    initials = "".join(w[0] for w in words)
    return bool(label) and (
        any(len(w) >= 3 and w in label for w in words) or (len(initials) >= 2 and initials in label)
    )


def site_name(name: str | None, domain: str | None) -> str | None:
    """A site's name as a page or record states it, when it reads as one: the part of a
    "Name | tagline" naming the domain, without a trailing "(www.site.com)"; None for a
    tagline, a sentence, or the domain squeezed into one capitalised word."""
    name = normalise_publisher(_PARENTHESIS.sub("", name or ""))
    if not name or not domain or name == domain:
        return name
    parts = _NAME_SEPARATOR.split(name)
    name = next((p for p in parts if _names_domain(p, domain)), parts[0]).strip()
    words = name.split()
    if len(words) > _MAX_NAME_WORDS or name.endswith(("!", "?")) and len(words) > _NAME_WORDS:
        return None
    if len(words) > _NAME_WORDS and not _names_domain(name, domain):
        return None
    label = domain.split(".")[0]
    if name == label.capitalize() and len(label) > _SQUEEZED_LETTERS:
        return None
    return name


def agreed_name(names: Mapping[str, int], domain: str) -> str:
    """The one name a run gives a domain: the table's, else the most common stated name
    (ties: the shorter, then the first in alphabetical order), else the domain."""
    if domain in publisher_table():
        return publisher_table()[domain]
    stated = [(count, name) for name, count in names.items() if name and name != domain]
    if not stated:
        return domain
    return min(stated, key=lambda item: (-item[0], len(item[1]), item[1]))[1]


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
    domain = registrable_domain(article.url or "")
    if domain:
        return publisher_table().get(domain) or site_name(article.publisher, domain) or domain
    return normalise_publisher(article.publisher) or publisher_in_text(article.raw_body)


def with_publisher(article: Article) -> Article:
    return replace(article, publisher=find_publisher(article))
