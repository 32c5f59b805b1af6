"""Finding quoted passages by their quotation marks, before any parsing.

News text mixes straight, curly and guillemet marks, mistypes their direction, nests one
quote inside another and runs long quotes over several paragraphs (each continued
paragraph re-opens the quote and only the last one closes it). This module turns a text
into `QuotedSpan`s, one per paragraph piece, and never fails on unbalanced marks: an
unclosed quote ends at its paragraph's end, a stray closing mark is ignored unless it
ends a quotation resumed after its attribution ("“A,” said X. B.”").
Single marks (‘ ’ ') are left alone: they are apostrophes far more often than quotes,
and in news they only quote inside a double-quoted passage, which they never end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsbeam.transforms.entities import HONORIFICS

#: Marks that only open, only close, or go both ways (direction from context).
OPENING_MARKS = frozenset("“„‟«❝〝")
CLOSING_MARKS = frozenset("”»❞〞〟")
AMBIGUOUS_MARKS = frozenset('"＂')
DOUBLE_MARKS = OPENING_MARKS | CLOSING_MARKS | AMBIGUOUS_MARKS

#: A double mark: one character, or two apostrophes (the New York Times writes ''...'').
#: Three apostrophes are a double mark plus a nested single one.
_MARK = re.compile("'{2,3}|[" + "".join(sorted(DOUBLE_MARKS)) + "]")
#: Characters after which a mark opens a quote ("(“", "—“", "/“").
_BEFORE_OPENING = frozenset("([{—–-/‘'") | DOUBLE_MARKS
#: Characters a closing mark may be followed by without whitespace ("”," "”." "”)").
_AFTER_CLOSING = frozenset(".,;:!?)]}—–-…'’") | DOUBLE_MARKS

_PARAGRAPH = re.compile(r"[^\n]+")
#: A markup tag with quoted attribute values, left in text scraped with its embeds
#: (`<tweet author="SpeakerRyan" id="7503">`): its marks delimit values, not quotations.
_TAG = re.compile(r'<[A-Za-z][\w:.-]*(?:\s+[\w:.-]+\s*=\s*"[^"<>\n]*")+\s*/?>')


@dataclass(frozen=True)
class QuotedSpan:
    """One paragraph's piece of a quoted passage.

    `start`/`end` delimit the words between the marks (whitespace trimmed);
    `outer_start`/`outer_end` include the marks. `closed` is False when the paragraph
    ends before the quote closes (then `outer_end` is the paragraph's last word).
    `continued` is True when the piece carries on a quote left open in the previous
    paragraph.
    """

    start: int
    end: int
    outer_start: int
    outer_end: int
    closed: bool
    continued: bool = False


def double_marks(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(offset, length) of every double quotation mark in `text[start:end]`, less the
    marks inside markup tags."""
    end = len(text) if end is None else end
    has_tag = text.find("<", start, end) != -1
    tags = [tag.span() for tag in _TAG.finditer(text, start, end)] if has_tag else []
    found = []
    for match in _MARK.finditer(text, start, end):
        offset, length = match.start(), len(match.group())
        if tags and any(s <= offset < e for s, e in tags):
            continue
        if length == 3:
            closing = offset > 0 and not text[offset - 1].isspace()
            offset, length = (offset + 1, 2) if closing else (offset, 2)
        found.append((offset, length))
    return found


def mark_direction(text: str, i: int, length: int = 1) -> str:
    """ "open", "close" or "either" for the double mark at `text[i:i + length]`.

    Curly marks say their direction, but typists and converters get it wrong, so a mark
    whose surroundings clearly contradict its shape follows the surroundings: a mark
    between a word and a space closes, a mark between a space and a word opens.
    """
    before = text[i - 1] if i > 0 else " "
    after = text[i + length] if i + length < len(text) else " "
    opens_by_context = (before.isspace() or before in _BEFORE_OPENING) and not after.isspace()
    closes_by_context = not before.isspace() and (after.isspace() or after in _AFTER_CLOSING)
    if opens_by_context and not closes_by_context:
        return "open"
    if closes_by_context and not opens_by_context:
        return "close"
    mark = text[i]
    if mark in OPENING_MARKS:
        return "open"
    if mark in CLOSING_MARKS:
        return "close"
    return "either"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraph_pieces(
    text: str, marks: list[tuple[int, int]], end: int
) -> Iterator[tuple[int, int, int, int]]:
    """(open mark, its length, close mark or paragraph end, its length or 0) per quote of
    a paragraph ending at `end`, from its double marks."""
    depth = 0
    opened = opened_length = 0
    closed_at: int | None = None
    for offset, length in marks:
        direction = mark_direction(text, offset, length)
        if depth == 0:
            if direction != "close":
                depth, opened, opened_length = 1, offset, length
            elif (
                closed_at is not None
                and not text[offset - 1].isdigit()  # an inch mark: 5" short
                and (resumed := _resumed(text, closed_at, offset))
            ):
                yield resumed, 0, offset, length
                closed_at = offset + length
        elif direction == "open":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                yield opened, opened_length, offset, length
                closed_at = offset + length
    if depth:
        yield opened, opened_length, _attribution_start(text, opened, end), 0


#: The end of the attribution sentence after a closed quotation ("...,” said Nedivi. ")
#: where a quotation whose opening mark was dropped resumes, at most this far on.
_ATTRIBUTION_END = re.compile(r"[.!?]\s+(?=[A-Z])")
_MAX_ATTRIBUTION_CHARS = 80
#: The word before a full stop: a title ("Gov.") or an initial ("F.") ends no sentence.
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.$")


def _resumed(text: str, closed: int, stray: int) -> int | None:
    """Where a quotation resumes that ends at the closing mark `stray` with no opening
    mark, after a quotation that closed at `closed` in the same paragraph: "“A,” said
    X. B.”" is "“A,” said X. “B.”" with its reopening mark dropped, so B starts after the
    short attribution sentence: its first real end, since B may hold several sentences.
    None when no sentence ends there."""
    for match in _ATTRIBUTION_END.finditer(
        text, closed, min(stray, closed + _MAX_ATTRIBUTION_CHARS)
    ):
        if not _abbreviation_stop(text, match.start()):
            return match.end()
    return None


def _abbreviation_stop(text: str, stop: int) -> bool:
    """Whether the full stop at `stop` closes a capitalised title ("Gov. Greg Abbott")
    or a single initial ("John F. Kennedy") rather than a sentence."""
    word = _WORD_BEFORE.search(text, max(0, stop - 20), stop + 1)
    if word is None or not word.group(1)[0].isupper():
        return False
    return len(word.group(1)) == 1 or word.group(1).lower() in HONORIFICS


#: Where a quotation whose closing mark is missing meets its attribution: ", Guillén
#: said", ", the minister told reporters", ", said Jane Smith" (common forms of the usual
#: cues; the mark-based scan runs before any parse).
_CUE_FORMS = (
    r"(?:said|says|added|adds|told|tells|wrote|writes|asked|asks|explained|explains|noted|"
    r"notes|continued|argued|argues|insisted|warned|stated|declared|replied|responded|"
    r"recalled|stressed|urged|tweeted|posted|according)"
)
_NAMING = r"(?:(?:[Tt]he |[Aa]n? )?(?:[\w'’.-]+ ){0,4}?[\w'’.-]+|he|she|they|we|I|it)"
_ATTRIBUTION = re.compile(
    rf"[,—–]\s+(?:{_NAMING}\s+{_CUE_FORMS}\b|{_CUE_FORMS}\s+(?:[A-Z]|the\b|an?\b))"
)


def _attribution_start(text: str, opened: int, end: int) -> int:
    """The end of a quotation left open in its paragraph: just before an attribution set
    off inside the paragraph ("“What the government lacks is a direction, Guillén said
    Saturday."), else the paragraph's end. Without it the quote would run on into the
    words that attribute it."""
    match = _ATTRIBUTION.search(text, opened, end)
    return match.start() if match else end


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every top-level quoted piece of `text`, in order, one per paragraph piece.

    A paragraph is a line; a quote left open at the end of a line whose next non-empty
    line opens with a quotation mark continues there (the newspaper convention), and
    that next piece is marked `continued`. In an article that quotes with single marks
    (`single_quotations`), those quotations count as double-marked ones.
    """
    text = single_quotations(text)
    spans: list[QuotedSpan] = []
    carried = False
    for para in _PARAGRAPH.finditer(text):
        p_start, p_end = _trimmed(text, *para.span())
        if p_start == p_end:
            continue
        marks = double_marks(text, p_start, p_end)
        opens_paragraph = bool(marks) and marks[0][0] == p_start
        carried = carried and opens_paragraph
        unclosed = False
        for open_mark, open_length, close_mark, close_length in _paragraph_pieces(
            text, marks, p_end
        ):
            start, end = _trimmed(text, open_mark + open_length, close_mark)
            if start == end:
                continue
            continued = carried and open_mark == p_start
            closed = close_length > 0
            outer_end = close_mark + close_length if closed else end
            spans.append(QuotedSpan(start, end, open_mark, outer_end, closed, continued))
            unclosed = not closed
        carried = unclosed
    return spans


#: A single mark opening a quotation: after a space, an opening bracket or dash, or at a
#: paragraph's start, before a letter ("'This goes ...", "of 'put[ting] a target'").
_SINGLE_OPENING = re.compile(r"(?:^|(?<=[\s(\[—–-]))['‘](?=[^\W\d_])", re.M)
#: A single mark closing one: after a word or punctuation, before a space, punctuation or
#: the line's end ("... Capitol police,' Nehls said").
_SINGLE_CLOSING = re.compile(r"(?<=[\w.,!?;:\])…])['’](?=[\s.,!?;:)\]—–-]|$)", re.M)
#: Elisions a mark opens that are no quotation ("'em", "'til", "'tis").
_ELISIONS = re.compile(r"['‘](?:em|til|cause|tis|twas|n)\b", re.I)
#: Fewest paragraphs opening with a single-quoted passage for an article to quote with
#: single marks.
_MIN_SINGLE_QUOTED_PARAGRAPHS = 2


def single_quotations(text: str) -> str:
    """`text` with the single marks of its quotations turned into double ones (same
    length, so offsets hold), when it quotes with single marks: British papers and
    some sites do ("'This is a violation ...,' Nehls added."), which an article shows by
    paragraphs that open with a single-quoted passage, more of them than its
    double-quoted passages. Elsewhere single marks are apostrophes or quotes nested in
    double-quoted ones, and `text` is returned unchanged. In a paragraph each opening
    mark pairs with the next closing one; an unpaired mark is left alone.
    """
    if "'" not in text and "‘" not in text:
        return text
    pairs = [
        pair for para in _PARAGRAPH.finditer(text) for pair in _single_pairs(text, *para.span())
    ]
    opening_paragraphs = sum(1 for opened, _ in pairs if opened == 0 or text[opened - 1] == "\n")
    if opening_paragraphs < _MIN_SINGLE_QUOTED_PARAGRAPHS:
        return text
    if len(double_marks(text)) // 2 >= opening_paragraphs:
        return text
    chars = list(text)
    for opened, closed in pairs:
        chars[opened], chars[closed] = "“", "”"
    return "".join(chars)


def _single_pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(opening, closing) offsets of the single-marked passages of one paragraph."""
    openings = [
        m.start()
        for m in _SINGLE_OPENING.finditer(text, start, end)
        if not _ELISIONS.match(text, m.start())
    ]
    closings = [m.start() for m in _SINGLE_CLOSING.finditer(text, start, end)]
    pairs: list[tuple[int, int]] = []
    for opened in openings:
        if pairs and opened < pairs[-1][1]:
            continue  # a mark inside the passage before: nested, or an apostrophe
        after = [c for c in closings if c > opened + 1]
        if not after:
            break
        # "Members' rights" is a plural's apostrophe when the passage closes further on,
        # before anything else opens
        next_opening = next((o for o in openings if o > opened), end)
        firm = [c for c in after if not _plural_possessive(text, c) and c < next_opening]
        pairs.append((opened, firm[0] if firm else after[0]))
    return pairs


def _plural_possessive(text: str, mark: int) -> bool:
    """Whether the mark at `mark` may be a plural's apostrophe: after an "s", before a
    space and a lower-case word ("the workers' union")."""
    return (
        text[mark - 1] in "sS"
        and text[mark + 1 : mark + 2] == " "
        and text[mark + 2 : mark + 3].islower()
    )
