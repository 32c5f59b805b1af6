"""Finding quoted passages by their quotation marks, before any parsing.

News text mixes straight, curly and guillemet marks, mistypes their direction, nests one
quote inside another and runs long quotes over several paragraphs (each continued
paragraph re-opens the quote and only the last one closes it). This module turns a text
into `QuotedSpan`s, one per paragraph piece, and never fails on unbalanced marks: an
unclosed quote ends at its paragraph's end, a stray closing mark is ignored.
Single marks (‘ ’ ') are left alone: they are apostrophes far more often than quotes,
and in news they only quote inside a double-quoted passage, which they never end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

#: Marks that only open, only close, or go both ways (direction from context).
OPENING_MARKS = frozenset("“„‟«❝〝")
CLOSING_MARKS = frozenset("”»❞〞〟")
AMBIGUOUS_MARKS = frozenset('"＂')
DOUBLE_MARKS = OPENING_MARKS | CLOSING_MARKS | AMBIGUOUS_MARKS

#: Characters after which a mark opens a quote ("(“", "—“", "/“").
_BEFORE_OPENING = frozenset("([{—–-/")
#: Characters a closing mark may be followed by without whitespace ("”," "”." "”)").
_AFTER_CLOSING = frozenset(".,;:!?)]}—–-…'’")

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class QuotedSpan:
    """One paragraph's piece of a quoted passage.

    `start`/`end` delimit the words between the marks (whitespace trimmed); `open_mark`
    is the offset of the opening mark; `close_mark` is None when the paragraph ends
    before the quote closes. `continued` is True when the piece carries on a quote left
    open in the previous paragraph.
    """

    start: int
    end: int
    open_mark: int
    close_mark: int | None
    continued: bool = False

    @property
    def closed(self) -> bool:
        return self.close_mark is not None

    @property
    def outer_end(self) -> int:
        """End of the piece including its closing mark (or the paragraph end)."""
        return self.close_mark + 1 if self.close_mark is not None else self.end


def mark_direction(text: str, i: int) -> str:
    """"open", "close" or "either" for the double mark at `text[i]`.

    Curly marks say their direction, but typists and converters get it wrong, so a mark
    whose surroundings clearly contradict its shape follows the surroundings: a mark
    between a word and a space closes, a mark between a space and a word opens.
    """
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens_by_context = (before.isspace() or before in _BEFORE_OPENING or before in DOUBLE_MARKS
                        or before in "‘'") and not after.isspace()
    closes_by_context = not before.isspace() and (
        after.isspace() or after in _AFTER_CLOSING or after in DOUBLE_MARKS
    )
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


def _paragraph_pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int | None, int]]:
    """(open mark, close mark or None, piece end) for the top-level quotes of one paragraph."""
    depth = 0
    opened = 0
    for i in range(start, end):
        if text[i] not in DOUBLE_MARKS:
            continue
        direction = mark_direction(text, i)
        if depth == 0:
            if direction != "close":
                depth, opened = 1, i
        elif direction == "open":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                yield opened, i, i
    if depth:
        yield opened, None, end


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every top-level quoted piece of `text`, in order, one per paragraph piece.

    A paragraph is a line; a quote left open at the end of a line whose next non-empty
    line opens with a quotation mark continues there (the newspaper convention), and
    that next piece is marked `continued`.
    """
    spans: list[QuotedSpan] = []
    carried = False
    for para in _PARAGRAPH.finditer(text):
        p_start, p_end = para.span()
        first = p_start
        while first < p_end and text[first].isspace():
            first += 1
        if carried and not (first < p_end and text[first] in DOUBLE_MARKS):
            carried = False
        unclosed = False
        for index, (open_mark, close_mark, piece_end) in enumerate(
            _paragraph_pieces(text, p_start, p_end)
        ):
            start, end = _trimmed(text, open_mark + 1, piece_end)
            if start == end:
                continue
            continued = carried and index == 0 and open_mark == first
            spans.append(QuotedSpan(start, end, open_mark, close_mark, continued))
            unclosed = close_mark is None
        carried = unclosed
    return spans


def strip_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """`start`/`end` narrowed past whitespace and quotation marks at either edge."""
    start, end = _trimmed(text, start, end)
    while start < end and (text[start] in DOUBLE_MARKS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in DOUBLE_MARKS or text[end - 1].isspace()):
        end -= 1
    return start, end
