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
_AUTHOR_SEPARATORS = re.compile(r";|\||,|\band\b|&", re.IGNORECASE)
_BY = re.compile(r"^by\s+", re.IGNORECASE)


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
    """Stable id of an article: its URL when known, else its content.

    Content-based, not path-based, so the same article read from a local folder or a
    bucket, or twice in one run, gets the same id.
    """
    key = url.strip() if url else f"{title.strip()}\n{body.strip()}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def authors_of(value: object) -> list[str]:
    """Author names from a metadata value: a list, or one string ("By A and B; C").

    URLs (profile links some crawlers store as the author) and empty names are dropped;
    order is kept and repeats removed.
    """
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str):
        pieces = _AUTHOR_SEPARATORS.split(_BY.sub("", value.strip()))
    elif isinstance(value, list):
        pieces = [name for item in value for name in authors_of(item)]
    else:
        return []
    names = [" ".join(_BY.sub("", p.strip()).split()) for p in pieces]
    return list(dict.fromkeys(n for n in names if n and "://" not in n and not n.startswith("@")))
