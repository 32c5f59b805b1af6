"""What an HTML page says about its publication day, beyond its JSON-LD and meta tags.

Four web facts the date search relies on:

- A modification date is never the publication date. Pages state it in meta tags
  (`last-modified`, `article:modified_time`), in `itemprop="dateModified"` and in the
  hAtom class `updated` (WordPress themes print it hidden beside the visible date).
  htmldate, asked for the original date, still falls back to such a tag when it finds
  no publication date in the head, before it looks at the `<time>` of the article:
  `drop_modification_dates` removes them from the tree before the search (meta and time
  elements and short leaves only: a wrapper `<div class="post updated">` holds the article).
- A date after a publication label ("Published on", "Veröffentlicht am", "Publié le")
  is the publication date, whatever other dates the page shows (today's date in the
  site's header, an event calendar), when the label and its date stand in short pieces
  of text (a byline; "The study, published on March 3, 2019, found ..." is a sentence of
  the article): `labelled_date`.
- The date printed right under the headline, in the byline ("Jane Doe | Thu, 14 May
  2020 17:55 UTC"), is the article's: a page with no declared date still shows it there,
  and htmldate, which weighs every date of the page, can take another one (today's date
  in the site's header): `byline_date`. A standfirst (dek, teaser) often sits between
  the headline and the byline; its text does not count towards the byline's reach.
- A page that states its publication day without a time (`<meta name="date"
  content="March 4, 2026">`) means that day; a timestamp of the same instant written in another
  zone can fall on the day before or after (a Pacific newsroom near midnight):
  `on_stated_day` writes the instant in a zone where it falls on the stated day.

Dates in running text are parsed by htmldate's own expression parser (`try_date_expr`),
which reads the written forms of many languages ("15. Mai 2019", "29 juin 2019",
"07.06.2019").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from htmldate.extractors import MONTH_NUMBERS, try_date_expr
from lxml.html import HtmlElement

#: Meta names and properties (lower case) that state when the page was last changed.
_MODIFIED_META = frozenset(
    "last-modified lastmodified modified article:modified article:modified_time "
    "article:modified_date og:updated_time og:modified_time og:article:modified_time "
    "dc.modified dcterms.modified datemodified modified_time".split()
)
_MODIFIED_ELEMENTS = (
    "//*[@itemprop='dateModified']"
    "|//*[contains(concat(' ', normalize-space(@class), ' '), ' updated ')"
    " and not(contains(concat(' ', normalize-space(@class), ' '), ' published '))]"
)
#: Publication labels in the languages of the news the pipeline reads dates of, lower
#: case ("publié" also starts "publiée"); found by `str.find`, which costs far less than
#: a regular expression scanning every position of the page's text.
_LABELS = (
    "published",
    "posted",
    "publié",
    "veröffentlicht",
    "erschienen",
    "publiziert",
    "publicado",
    "pubblicato",
)
#: What may stand between a label and its date ("on", "am", "le", a colon), then the date.
_AFTER_LABEL = re.compile(r"e?(?:\s+(?:on|am|le|el|il))?\s*:?\s+([^|•·\n]{6,40})")
#: The byline is within this many characters of text after the headline, and is written
#: in short pieces (a sentence of the article that names a date is not a byline).
_BYLINE_REACH = 300
_BYLINE_PIECE = 80
#: A piece saying it is the date of an update is not the publication date.
_UPDATE = re.compile(r"updated|aktualisiert|geändert|mis à jour|actualizado|aggiornato", re.I)
_SKIPPED = frozenset(("script", "style", "noscript", "template"))
#: Class-name words of a standfirst (dek, teaser, summary) on news sites; a class is
#: split into words on whitespace, "-" and "_" ("story-teaser", "article__lead"), so
#: "leaderboard-ad" and "introduction" are not standfirsts.
_STANDFIRST = frozenset(("standfirst", "teaser", "dek", "summary", "intro", "lead"))
_EARLIEST = dt.datetime(1995, 1, 1)
_DAY_FORMAT = "%Y-%m-%d"
#: The offsets in use around the world, whole hours from UTC.
_ZONES = range(-12, 15)


def drop_modification_dates(tree: HtmlElement) -> None:
    """Remove the page's statements of its last modification (see the module docstring).

    An element whose classes say both `published` and `updated` (a post never edited)
    states the publication and stays. Only meta and time elements and short leaves are
    dropped: themes also put `updated` on a wrapper (`<div class="post updated">`), and
    dropping that would take the article's text with it."""
    found = [
        meta
        for meta in tree.iterfind(".//meta")
        if str(meta.get("name") or meta.get("property") or meta.get("http-equiv") or "")
        .strip()
        .lower()
        in _MODIFIED_META
    ]
    found += [element for element in tree.xpath(_MODIFIED_ELEMENTS) if _states_a_date(element)]
    for element in found:
        if element.getparent() is not None:
            element.drop_tree()


def _states_a_date(element: HtmlElement) -> bool:
    """Whether `element` can only be a date statement: a meta or time element, or a
    leaf with a short text."""
    if element.tag in ("meta", "time"):
        return True
    return len(element) == 0 and len(element.text_content().strip()) <= _BYLINE_PIECE


def _label_ends(text: str) -> list[int]:
    """Where each publication label of `text` ends, in page order (whole words only)."""
    ends = []
    for label in _LABELS:
        start = text.find(label)
        while start >= 0:
            if start == 0 or not text[start - 1].isalnum():
                ends.append(start + len(label))
            start = text.find(label, start + 1)
    return sorted(ends)


def _starts_date(chunk: str) -> bool:
    """Whether `chunk` starts with a date, or with a weekday before one ("thu, 14 may"):
    a number or a month name comes first. "Posted while in Las Vegas on January 20" is
    a caption, not a label."""
    words = chunk.split(None, 2)

    def dateish(word: str) -> bool:
        return word[:1].isdigit() or word.strip(".,") in MONTH_NUMBERS

    if not words:
        return False
    return dateish(words[0]) or (words[0].endswith(",") and len(words) > 1 and dateish(words[1]))


def _pieces(root: HtmlElement) -> Iterator[str]:
    """The text pieces (texts and tails) of `root`, in page order, without the text of
    scripts, styles and comments."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag not in _SKIPPED:
            yield element.text or ""
        if element is not root:
            yield element.tail or ""


def _short_pieces(text: str, start: int, end: int) -> bool:
    """Whether every piece of `text` (pieces joined by newlines) touched by
    `text[start:end]` is short."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    touched = text[first : last if last >= 0 else len(text)]
    return all(len(piece) <= _BYLINE_PIECE for piece in touched.split("\n"))


def labelled_date(tree: HtmlElement, latest: dt.datetime) -> dt.date | None:
    """The first date of the page's text written after a publication label, not after
    `latest`. The label and its date stand in short pieces of text (a byline, a dateline):
    in a sentence of the article ("The study, published on March 3, 2019, found ...")
    the date is not the page's."""
    body = tree.find(".//body")
    pieces = (" ".join(piece.split()) for piece in _pieces(body if body is not None else tree))
    text = "\n".join(piece for piece in pieces if piece).lower()
    ceiling = latest.replace(tzinfo=None)
    for end in _label_ends(text):
        match = _AFTER_LABEL.match(text, end)
        if not match or not _starts_date(match[1]):
            continue
        if not _short_pieces(text, end, match.end(1)):
            continue
        found = try_date_expr(match[1], _DAY_FORMAT, False, _EARLIEST, ceiling)
        if found:
            return dt.date.fromisoformat(found)
    return None


def on_stated_day(when: dt.datetime, day: dt.date | None) -> dt.datetime:
    """`when` written in a zone where it falls on `day` (UTC, else the nearest whole-hour
    offset to its own); `when` unchanged when no zone on Earth puts it on that day, or
    when it has no zone (it is then not an instant to move)."""
    if day is None or when.tzinfo is None or when.date() == day:
        return when
    own = (when.utcoffset() or dt.timedelta(0)) / dt.timedelta(hours=1)
    for hours in sorted(_ZONES, key=lambda h: (h != 0, abs(h - own))):
        moved = when.astimezone(dt.timezone(dt.timedelta(hours=hours)))
        if moved.date() == day:
            return moved
    return when


def _is_standfirst(element: HtmlElement) -> bool:
    """The summary that sits between a headline and its byline on many sites."""
    if element.get("itemprop") == "description":
        return True
    classes = re.split(r"[\s_-]+", str(element.get("class") or "").lower())
    return any(word in _STANDFIRST for word in classes)


def _after_heading(tree: HtmlElement) -> Iterator[tuple[str, bool]]:
    """The text pieces of the page after its first h1, in page order (none without one),
    each with whether it counts towards the byline's reach (a standfirst's text does not:
    the byline often comes after it)."""
    heading = tree.find(".//h1")
    if heading is None:
        return
    inside = set(heading.iter())
    standfirsts: set[HtmlElement] = set()
    summary: set[HtmlElement] = set()
    elements = tree.iter()
    for element in elements:
        if element is heading:
            break
    yield heading.tail or "", True
    for element in elements:
        if element in inside or not isinstance(element.tag, str):
            if element not in inside:
                yield element.tail or "", element not in summary
            continue
        if element not in summary and _is_standfirst(element):
            standfirsts.add(element)
            summary.update(element.iter())
        if element.tag not in _SKIPPED:
            yield element.text or "", element not in summary
        yield element.tail or "", element not in summary or element in standfirsts


def byline_date(tree: HtmlElement, latest: dt.datetime) -> dt.date | None:
    """The first date in the short pieces of text right after the page's headline, not
    after `latest`; None when an update date comes first (the update label can stand in
    the piece before its date: `<span>Updated:</span> <time>...`) or none is close enough."""
    ceiling = latest.replace(tzinfo=None)
    read = 0
    updating = False
    for piece, counted in _after_heading(tree):
        piece = " ".join(piece.split())
        if not piece:
            continue
        if len(piece) <= _BYLINE_PIECE:
            found = try_date_expr(piece, _DAY_FORMAT, False, _EARLIEST, ceiling)
            if found:
                updating = updating or bool(_UPDATE.search(piece))
                return None if updating else dt.date.fromisoformat(found)
            updating = bool(_UPDATE.search(piece))
        else:
            updating = False
        read += len(piece) if counted else 0
        if read > _BYLINE_REACH:
            return None
    return None
