"""The headline of an HTML page: the heading a reader sees, agreed with the page's metadata.

Pages state their title several times: the h1, og:title, twitter:title, the JSON-LD
headline and <title>. Each has its own noise: <title> and og:title carry the site name
and sometimes the section ("... | Education | The Guardian"), an h1 can hold the site's
name or a kicker glued to the headline ("Wow, wow, wow!Manuela Reimann: ..."), the JSON-LD
headline may be cut short ("..."). The rule: the first h1 (without its kicker markup) that
a metadata title repeats, alone or with the site name or a kicker around it; a shorter
metadata title when the h1 is that title with a kicker in front; then an h1 sharing most
words with a metadata title; then an h2 a metadata title repeats; then the metadata titles
with site-name parts stripped (JSON-LD first); then the first h1 that is not the site name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import replace

from newsbeam.transforms.formats.pagemeta import PageMeta
from newsbeam.transforms.formats.publishers import publisher_table, registrable_domain
from newsbeam.transforms.records import Article

#: Separators between the headline and the site or section in <title> and og:title.
_SEPARATOR = re.compile(r"(\s+(?:[|–—«»›‹/·•~]|-{1,2}|::)\s+|\s*\|\s*)")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "`": "'", "´": "'"})
_DOUBLE_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "–": "-", "—": "-"})
_ELLIPSIS = ("...", "…")
_DATE_PART = re.compile(
    r"(?P<iso>\d{4}-\d{2}-\d{2})|(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})"
)
#: A trailing or leading part of at most this many words may be the site or section.
_SITE_WORDS = 5
#: A site name holds the domain's name and at most this many more letters.
_SITE_EXTRA_LETTERS = 12
#: A heading shares most words with a metadata title only when it has this many words.
_OVERLAP_WORDS = 3


def loose(text: str) -> str:
    """The form titles are compared in: case-folded, quotes and dashes unified, no
    trailing punctuation."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_DOUBLE_QUOTES)
    return " ".join(text.casefold().split()).rstrip(" .!?…:;,")


def compact(text: str) -> str:
    """Letters and digits only, case-folded: how a site name and its domain compare."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def site_test(names: Iterable[str], domain: str | None) -> Callable[[str], bool]:
    """A test for "this text is the site's name (or a date)", from the names the page gives
    itself and its registrable domain (`jsomers.net` -> "the jsomers.net blog")."""
    keys = {compact(name) for name in names if compact(name)}
    label = compact(domain.split(".")[0]) if domain else ""

    def is_site(text: str) -> bool:
        key = compact(text)
        if not any(ch.isalpha() for ch in key):
            return True
        if key in keys:
            return True
        if len(text.split()) > _SITE_WORDS or len(label) < 3:
            return False
        # "the jsomers.net blog", "CNET.de", "CRIC" (cric-grenoble.info); not a headline
        # that names the site among other words ("Python 3.6.0 is now available!").
        around = len(key) - len(label) <= _SITE_EXTRA_LETTERS
        return (label in key and around) or (len(key) >= 3 and key in label)

    return is_site


def strip_site(title: str, is_site: Callable[[str], bool]) -> str:
    """The title without leading and trailing parts that name the site ("X | CNN Politics")."""
    pieces = _SEPARATOR.split(title)
    parts, gaps = pieces[::2], pieces[1::2]
    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
        gaps.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
        gaps.pop(0)
    joined = parts[0]
    for gap, part in zip(gaps, parts[1:]):
        joined += gap + part
    return joined.strip()


def title_without_site(article: Article) -> Article:
    """The article with the site's name cut from the ends of its title ("... - Reuters UK",
    "News24.com | ..."): feeds and crawl records give the title as the site's <title>
    wrote it. The site is the article's publisher, the shipped table's name for its domain
    or the domain itself (`site_test`); a part without letters stays ("Chelsea 2 - 1"), and
    so does a title with neither a publisher nor a URL. A page's chosen title
    (`choose_title`) has no such part left, so the rule changes nothing there."""
    domain = registrable_domain(article.url or "")
    names = [name for name in (article.publisher, publisher_table().get(domain or "")) if name]
    if not article.title or not (names or domain):
        return article
    is_site = site_test(names, domain)
    title = strip_site(article.title, lambda part: any(c.isalpha() for c in part) and is_site(part))
    return replace(article, title=title) if title != article.title else article


def strip_short_ends(title: str) -> str:
    """The title without a short trailing (then leading) part that is shorter than the
    rest: an unknown site or section name ("... – BMEIA, Außenministerium Österreich")."""
    pieces = _SEPARATOR.split(title)
    if len(pieces) < 3:
        return title
    head, tail = "".join(pieces[:-2]), pieces[-1]
    if len(tail.split()) <= _SITE_WORDS and len(tail.split()) < len(head.split()):
        return head.strip()
    head, tail = pieces[0], "".join(pieces[2:])
    if len(head.split()) <= _SITE_WORDS and len(head.split()) < len(tail.split()):
        return tail.strip()
    return title


def dates_in_titles(page: PageMeta) -> list[str]:
    """ISO dates of the parts of og:title and <title> that are only a date ("... | DW |
    10.06.2013"): the page stating its own date where sites put their name. A dotted date
    is day.month.year (the order of every country that writes dots); slashed dates are
    left out (5/8/2019 is May or August)."""
    found = []
    for title in (page.og_title, page.html_title):
        for part in _SEPARATOR.split(title)[2::2]:
            match = _DATE_PART.fullmatch(part.strip())
            if match and match["iso"]:
                found.append(match["iso"])
            elif match:
                found.append(f"{match['year']}-{match['month']:0>2}-{match['day']:0>2}")
    return found


def _follows(longer: str, shorter: str) -> bool:
    """Whether `longer` is `shorter` with something in front, cut at a non-letter."""
    return (
        len(longer) > len(shorter)
        and longer.endswith(shorter)
        and not longer[-len(shorter) - 1].isalnum()
    )


def _repeats(title: str, heading: str) -> bool:
    """Whether a metadata title is the heading, alone or with text before or after it."""
    if title == heading:
        return True
    before = title.startswith(heading) and not title[len(heading)].isalnum()
    return before or _follows(title, heading)


def _word_overlap(a: str, b: str) -> float:
    words_a, words_b = set(re.findall(r"\w+", a)), set(re.findall(r"\w+", b))
    smaller = min(len(words_a), len(words_b))
    return len(words_a & words_b) / smaller if smaller else 0.0


def _complete(titles: list[str]) -> list[str]:
    """The titles without those cut short ("Headline that goes on...") when another
    title gives them in full."""
    kept = []
    for title in titles:
        stem = loose(title.removesuffix("...").removesuffix("…"))
        cut = title.endswith(_ELLIPSIS) and any(
            other != title and loose(other).startswith(stem) for other in titles
        )
        if not cut:
            kept.append(title)
    return kept


def choose_title(page: PageMeta, is_site: Callable[[str], bool], fallback: str = "") -> str:
    """The page's headline by the rule above; `fallback` when the page states none."""
    stated = _complete(
        [t for t in (page.headline, page.og_title, page.twitter_title, page.html_title) if t]
    )
    stripped = [strip_site(title, is_site) for title in stated]
    metadata = list(dict.fromkeys(loose(t) for t in stated + stripped))
    headings = [
        text
        for whole, without_kicker in page.h1s
        for text in dict.fromkeys((without_kicker, whole))
        if text and not is_site(text)
    ]
    for heading in headings:
        key = loose(heading)
        shorter = [t for t in stated + stripped if _follows(key, loose(t))]
        if shorter:
            return shorter[0]
        if any(_repeats(title, key) for title in metadata):
            return heading
    for heading in headings:
        long_enough = len(heading.split()) >= _OVERLAP_WORDS
        if long_enough and any(_word_overlap(loose(heading), t) >= 0.5 for t in metadata):
            return heading
    for heading in page.h2s:
        if heading and not is_site(heading) and any(_repeats(t, loose(heading)) for t in metadata):
            return heading
    for title in stripped:
        if title and not is_site(title):
            return strip_short_ends(title)
    return headings[0] if headings else fallback
