"""What every format parser shares: the parse result, article ids, author lists."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from newsbeam.transforms.deadletter import error_record
from newsbeam.transforms.records import Article, ErrorRecord

#: No `\s*` around the separators: on a long run of spaces that backtracks quadratically
#: (a 20,000-space author field took 30 s); the pieces are stripped instead.
_AUTHOR_SEPARATORS = re.compile(r";|\||,|\band\b|\bund\b|\bet\b|&|\n", re.IGNORECASE)
_BY = re.compile(
    r"^(?:(?:written|words|text|story|posted|reported|photos?)\s+)?(?:by|von|par|por)\s*:?\s+"
    r"|^(?:author|autor|auteur|text)\s*:\s*",
    re.IGNORECASE,
)
#: Words that make a byline an organisation, a role or a site rather than a person.
_NOT_PERSON_WORDS = frozenset(
    "news press staff agency agencies media associated reuters afp dpa ap upi inc ltd llc "
    "group times post journal daily weekly magazine network team editor editors editorial "
    "desk correspondent correspondents contributor contributors online tv radio wire "
    "service services bureau nast publishing company corporation university foundation "
    "institute association council committee government ministry department office "
    "newsroom reporter reporters writer writers columnist photographer producer senior "
    "chief analyst author authors guest admin administrator redaktion rédaction the "
    "sponsored partner content blog www com org net http https".split()
)
#: Lower-case words a person's name may hold ("Ursula von der Leyen", "Vincent van Gogh").
_PARTICLES = frozenset("von van der den de del della di da dos du la le bin al ter zu y".split())
_NAME_WORDS = (2, 5)


@dataclass
class ParsedFile:
    """The records found in one input file: articles, per-record dead letters, the
    records deliberately skipped (counted by reason, e.g. a WARC's non-HTML responses),
    and notes: dead letters about a companion file (a sidecar), not about a record."""

    articles: list[Article] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    notes: list[ErrorRecord] = field(default_factory=list)

    @property
    def records(self) -> int:
        """How many records the file held: each became an article, an error or a skip."""
        return len(self.articles) + len(self.errors) + sum(self.skipped.values())

    def reject(
        self, uri: str, exc: Exception, ingested_at: dt.datetime, locator: str | None
    ) -> None:
        """Record one bad record as a dead letter; the file's other records still count."""
        self.errors.append(error_record(uri, "read", exc, ingested_at, locator))

    def note(self, uri: str, exc: Exception, ingested_at: dt.datetime) -> None:
        """Record a problem with the companion file `uri` (the record itself is kept)."""
        self.notes.append(error_record(uri, "read", exc, ingested_at))


def article_id(title: str, body: str, url: str | None = None) -> str:
    """Stable id of an article: its content, and its URL when known.

    Content-based, not path-based, so the same article read from a local folder or a
    bucket, or twice in one run, gets the same id. The URL alone is not enough: feeds
    give one URL (a section page, a redirect) to different articles, which then
    collapsed into one; the URL is kept in the key so the same text at two URLs stays
    two articles.
    """
    content = f"{title.strip()}\n{body.strip()}"
    key = f"{url.strip()}\n{content}" if url else content
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def is_person_name(name: str) -> bool:
    """Whether a byline piece reads as one person's name: two to five capitalised words
    (name particles aside), no digits (dates), no URL, handle or e-mail, and none of the
    words that make it an organisation, a role or a site ("Condé Nast", "Staff Writer",
    "Www Washingtontimes Com")."""
    words = name.split()
    if not _NAME_WORDS[0] <= len(words) <= _NAME_WORDS[1]:
        return False
    if any(ch.isdigit() or ch in "@/:" for ch in name):
        return False
    for word in words:
        bare = word.strip(".,'’\"()").casefold()
        if bare in _NOT_PERSON_WORDS or "." in word.strip(".") and len(word) > 4:
            return False
        if not word[0].isupper() and bare not in _PARTICLES:
            return False
    return True


def _name_key(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalpha())


def authors_of(value: object) -> list[str]:
    """People's names from a metadata value: a list, or one string ("By A and B; C").

    Only pieces that read as a person's name are kept (`is_person_name`); a name slugged
    with hyphens ("Chuck-Ross", when it has no spaces) reads as "Chuck Ross". Order is kept
    and the same name spelled twice (case, hyphens, spaces) is kept once, in its spaced
    spelling.
    """
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str):
        pieces = _AUTHOR_SEPARATORS.split(_BY.sub("", value.strip()))
    elif isinstance(value, list):
        pieces = [name for item in value for name in authors_of(item)]
    else:
        return []
    names: dict[str, str] = {}
    for piece in pieces:
        name = " ".join(_BY.sub("", piece.strip()).split())
        if " " not in name and name.count("-") >= 1 and name[:1].isupper():
            name = name.replace("-", " ")
        if not is_person_name(name):
            continue
        key = _name_key(name)
        if key not in names or names[key].count(" ") < name.count(" "):
            names[key] = name
    return list(names.values())
