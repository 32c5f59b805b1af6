"""One parsed article as the quote stage sees it: the Doc, its text and its quoted spans.

Every part of the stage asks the same questions of the article (which tokens lie
between two offsets, is this token inside quotation marks, where does this paragraph
end), so they are answered here once, over an index built once per article.
"""

from __future__ import annotations

import bisect
from itertools import islice

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span, Token

from newsbeam.transforms.entities import is_possessive
from newsbeam.transforms.quotes.marks import QuotedSpan, find_quoted_spans

#: Characters trimmed from the edges of a reported content span.
_EDGE_PUNCTUATION = ",;:—–"
#: Lower-case words a title may hold ("Person of the Year").
_TITLE_SMALL_WORDS = frozenset("a an and at by for from in of on or the to with".split())
#: Words after which a capitalised title names the programme or work someone spoke on
#: or in, not their words: "said on “Meet the Press”", "in an interview with “Fox News
#: Sunday”", "told “Fox and Friends”", "on the podcast “Here’s the Thing”". Chosen on
#: PolNeAR's train split: each one raised its all-speech F1 ("programme" is the
#: British spelling of "program").
_VENUE_WORDS = frozenset("on with told podcast show program programme book".split())


class QuoteDocument:
    """A Doc, the text values are cut from (same length) and its quoted spans."""

    def __init__(self, doc: Doc, text: str):
        self.doc = doc
        self.text = text
        self.spans: list[QuotedSpan] = [
            span for span in find_quoted_spans(text) if not self._programme_title(span)
        ]
        # token offsets and lengths from the token arrays: asking each Token for them cost
        # as much as the rest of this index
        self._token_ends: list[int] = []
        if len(doc):
            self._token_ends = doc.to_array([IDX, LENGTH]).sum(axis=1).tolist()
        self._quote_at = [-1] * len(doc)
        for n, span in enumerate(self.spans):
            for token in self.tokens_between(span.outer_start, span.outer_end):
                self._quote_at[token.i] = n

    def _programme_title(self, span: QuotedSpan) -> bool:
        """Whether `span` is the title of a programme or publication, not a quotation: an
        organisation's ("told ABC’s “Good Morning America”", "on Sunday’s “Meet the
        Press”") or one someone spoke on or in ("said on “Meet the Press”")."""
        words = self.text[span.start : span.end]
        if not span.closed or not words[:1].isupper() or not title_like(words):
            return False
        mark = self.tokens_between(span.outer_start, span.outer_start + 1)
        if not len(mark) or mark.start < 2:
            return False
        before, owner = self.doc[mark.start - 1], self.doc[mark.start - 2]
        if before.lower_ in _VENUE_WORDS:
            return True
        return is_possessive(before) and owner.ent_type_ in ("ORG", "DATE")

    def tokens_after(self, offset: int) -> Span:
        """The tokens from the one holding `offset` to the article's end, found by a
        bisect over token ends (what comes next after a span; slice it, never list it)."""
        return self.doc[bisect.bisect_right(self._token_ends, offset) :]

    def words_after(self, offset: int, count: int) -> list[Token]:
        """The first `count` words (non-space tokens) from the token holding `offset` on."""
        return list(islice((t for t in self.tokens_after(offset) if not t.is_space), count))

    def tokens_between(self, start: int, end: int) -> Span:
        """The tokens overlapping the characters `[start, end)` (empty when none)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span if span is not None else self.doc[0:0]

    def inside_quote(self, token: Token) -> bool:
        """Whether `token` lies within a quoted span, marks included."""
        return self._quote_at[token.i] >= 0

    def line_bounds(self, offset: int) -> tuple[int, int]:
        """Start and end of the paragraph (line) holding `offset`."""
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, len(self.text) if end < 0 else end

    def covering_quotes(self, content: tuple[int, int]) -> tuple[int, int]:
        """`content` widened to hold, marks included, every quoted piece it overlaps."""
        start, end = content
        for span in self.spans:
            if span.outer_start < end and start < span.outer_end:
                start, end = min(start, span.outer_start), max(end, span.outer_end)
        return start, end

    def trimmed(self, start: int, end: int) -> tuple[int, int]:
        """`[start, end)` without surrounding whitespace and edge commas, colons, dashes."""
        text = self.text
        while start < end and (text[start].isspace() or text[start] in _EDGE_PUNCTUATION):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE_PUNCTUATION):
            end -= 1
        return start, end

    def has_words(self, content: tuple[int, int]) -> bool:
        """Whether `content` holds a letter or digit."""
        return any(ch.isalnum() for ch in self.text[content[0] : content[1]])


def title_like(words: str) -> bool:
    """A single word or a capitalised name ("Saturday Night Live"), not a phrase someone said."""
    parts = [w for w in words.split() if any(ch.isalpha() for ch in w)]
    return len(parts) < 2 or name_like(words)


def name_like(words: str) -> bool:
    """Capitalised words of a name or a title ("Joker", "Wolf Pack"), not a phrase or a
    word someone said ("rigged")."""
    parts = [w.lstrip("‘'\"(") for w in words.split() if any(ch.isalpha() for ch in w)]
    return bool(parts) and all(
        w[:1].isupper() or (i and w.lower() in _TITLE_SMALL_WORDS) for i, w in enumerate(parts)
    )
