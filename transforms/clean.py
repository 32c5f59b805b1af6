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

from newsbeam.transforms.deadletter import ArticleStageFn, RejectedInput, run_stage
from newsbeam.transforms.formats import MAX_BOILERPLATE_CHARS, normalise
from newsbeam.transforms.metrics import (
    BOILERPLATE_LINES_REMOVED,
    LEARNED_BOILERPLATE_LINES_REMOVED,
    counter,
)
from newsbeam.transforms.records import Article

#: The clean stage's side input: publisher key -> case-folded lines learned as its
#: boilerplate in this run (see `newsbeam.transforms.boilerplate`).
LearnedLines = Mapping[str, frozenset[str]]

_SOCIAL = (
    r"(?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|instagram|youtube|tiktok|threads"
    r"|bluesky|email|e-mail|print|copy link|flipboard|telegram|messenger|sms)"
)

_BOILERPLATE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read",
        r"(?:reading time|read time|time to read):?\s*\d+\s*min(?:ute)?s?\.?",
        r"more must[- ]reads? from .{1,40}",
        r"contact us at\b.*",
        r"(?:advertisement|advertising|sponsored(?: content)?|ad|paid content|promoted)",
        r"(?:scroll|continue reading) (?:down )?(?:to continue|below|the main story|for more)?.*",
        r"story continues below(?: advertisement)?",
        r"(?:sign up|subscribe|register)\b.{0,80}"
        r"\b(?:newsletter|inbox|e-?mail|updates|briefing|digest)\b.*",
        r"(?:get|receive) (?:our|the) .{0,60}(?:newsletter|in your inbox|briefing).*",
        r".{0,40}\bnewsletter\b.{0,40}(?:sign up|subscribe)\b.*",
        rf"share(?: this| the)?(?: article| story| page| post| link)?"
        rf"(?: (?:on|via|to) {_SOCIAL})?:?",
        rf"follow (?:us|me|@\w+|[\w .'-]{{1,40}}) on {_SOCIAL}.{{0,40}}",
        rf"{_SOCIAL}(?:\s*[|·•,/]?\s*{_SOCIAL})*",
        r"(?:©|\(c\)|copyright)\s*(?:\d{4}|©).{0,100}",
        r".{0,80}\ball rights reserved\.?",
        r"(?:photo|photograph|image|picture|video|illustration)s?(?: credit)?\s*[:|]\s*.{1,100}",
        r"\(?(?:photo|photograph|image|picture|illustration)s? (?:by|courtesy(?: of)?)\b.{1,80}\)?",
        r"(?:getty images|ap photo|reuters|afp via getty images|shutterstock)(?:\s*/.{1,60})?",
        # A photo credit naming the photographer first: "Joe Raedle/Getty Images".
        r"\(?[\w .'’-]{2,60}\s*/\s*(?:getty images|ap(?: photo)?|afp|reuters|epa|shutterstock"
        r"|[\w .'’-]{1,40} via getty images|for the [\w .'’-]{2,40})\)?",
        # A byline of contributors: "Contributing: Adria R. Walker, USA TODAY Network".
        r"contribut(?:ing|ors?)(?: reporting)?\s*:.{1,110}",
        r"(?:read more|related|see also|more from|recommended|most popular|trending)\s*:.{0,100}",
        r"(?:read more|related (?:articles|stories|coverage)|you may also like"
        r"|recommended for you|most popular|trending now|more stories)",
        r"(?:click here|tap here)\b.{0,100}",
        r"write to .{1,60} at \S+@\S+",
        r"(?:comments?|leave a comment|\d+ comments?|view comments|show comments)",
        r"(?:log ?in|sign in|register|subscribe)(?: (?:now|today|here))?"
        r"(?: to (?:continue|read|comment).{0,60})?",
        r"(?:this (?:article|story) (?:was|has been) (?:updated|corrected)\.?)",
        r"(?:we (?:use|value) (?:cookies|your privacy)).{0,100}",
        r"(?:accept (?:all )?cookies|cookie (?:policy|settings))",
        r"(?:back to top|skip to (?:main )?content|toggle navigation|main menu|menu)",
    )
]

#: Credit lines, which run longer than other furniture: "Lori Hinnant reported from Paris.
#: Zeke Miller contributed to this report.", "Jane Doe is a staff writer for The Times."
_CREDITS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r".{0,250}\bcontributed (?:reporting )?to this (?:report|story|article)\b.{0,80}",
        r"[\w .'’-]{2,60} is an? (?:[\w,'’-]+ ){0,8}(?:writer|reporter|correspondent|editor"
        r"|columnist|journalist|contributor)s? (?:for|at|with) [^,;.]{1,60}\.?",
    )
]
#: Longest credit line.
MAX_CREDIT_CHARS = 300

_BLANK_LINES = re.compile(r"\n\s*\n")

_EN_STOPWORDS = frozenset(
    "the of and to a in is that for it on was with as he be by at from his have are this "
    "but not said has they an were had which its been who their will would or we more "
    "after about there she her than also one all when can out up new if what".split()
)


@dataclass
class CleanedText:
    text: str
    removed: list[str]


def is_boilerplate(line: str, learned: Collection[str] = ()) -> bool:
    """Whether a (normalised, stripped) line is site furniture rather than article text."""
    if not line or len(line) > MAX_CREDIT_CHARS:
        return False
    if any(p.fullmatch(line) for p in _CREDITS):
        return True
    if len(line) > MAX_BOILERPLATE_CHARS:
        return False
    if line.casefold() in learned:
        return True
    return any(p.fullmatch(line) for p in _BOILERPLATE)


def clean_body(raw_body: str, learned: Collection[str] = ()) -> CleanedText:
    """Cleaned text (paragraphs separated by one blank line) and the lines removed.

    `learned` holds case-folded lines known to be boilerplate for this article's site.
    """
    paragraphs: list[str] = []
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
            paragraphs.append("\n".join(kept))
    return CleanedText("\n\n".join(paragraphs), removed)


def detect_language(text: str) -> str:
    """ "en" when the text reads as English (share of common English words), else "und"."""
    words = re.findall(r"[a-z]+", text[:5000].lower())
    if len(words) < 5:
        return "und"
    share = sum(w in _EN_STOPWORDS for w in words) / len(words)
    return "en" if share >= 0.15 else "und"


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


def publisher_key(article: Article) -> str | None:
    """The group whose learned lines apply to an article: its publisher, case-folded."""
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
        return cleaned


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
