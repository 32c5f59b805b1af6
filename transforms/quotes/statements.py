"""One record per statement: the quotes stage's last step over its Quote records.

The attribution steps find statements piecewise: the direct and the mixed reading of one
passage, two fragments of one statement the parser split, a reason it hung on the cue.
These functions merge them, so the table holds each statement once.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from newsbeam.transforms.quotes.cues import SUBJECT_DEPS
from newsbeam.transforms.quotes.document import QuoteDocument
from newsbeam.transforms.records import Quote

#: What may stand between two fragments of one reported statement ("not to “X” but to
#: “Y”", "“X,” and Democrats would need to “Y”").
_FRAGMENT_JOINT = re.compile(r"[ ,]*(?:(?:and|but|or)[ ,]*)?")
#: Tags of finite verbs, which tell an act of their own.
_FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP"))


def statements(qdoc: QuoteDocument, quotes: list[Quote]) -> list[Quote]:
    """`quotes` (in text order) with each statement once: duplicates dropped, split
    fragments joined, reasons added to their mixed quotes."""
    return [_with_reason(qdoc, q) for q in _joined_fragments(qdoc, _deduplicated(quotes))]


def _joined_fragments(qdoc: QuoteDocument, quotes: list[Quote]) -> list[Quote]:
    """Mixed quotes of one cue with nothing but a comma or a coordinator between them,
    joined: they are one statement the parser split, hanging the second part on the cue
    ("Clinton said the goal was not to “make America great again” but to “make America
    whole again”", "called it “dangerous” that Obama “has no strategy”"). A second part
    that tells what the speaker did next stays apart (`_speakers_next_act`)."""
    joined: list[Quote] = []
    last_mixed: int | None = None  # index in `joined` of the latest mixed quote
    for quote in quotes:
        if last_mixed is not None and _one_statement(qdoc, joined[last_mixed], quote):
            joined[last_mixed] = _until(qdoc, joined[last_mixed], quote.end)
            continue
        if quote.kind == "mixed":
            last_mixed = len(joined)
        joined.append(quote)
    return joined


def _one_statement(qdoc: QuoteDocument, last: Quote, quote: Quote) -> bool:
    """Whether mixed `quote` goes on with the mixed quote `last` before it: the same cue,
    nothing but a comma or a coordinator between them, not the speaker's next act."""
    return (
        quote.kind == "mixed"
        and quote.cue_start is not None
        and last.cue_start == quote.cue_start
        and last.end <= quote.start
        and _FRAGMENT_JOINT.fullmatch(qdoc.text, last.end, quote.start) is not None
        and not _speakers_next_act(qdoc, quote)
    )


def _with_reason(qdoc: QuoteDocument, quote: Quote) -> Quote:
    """A mixed quote with the "because" clause right after it: "called Horgos “a mistake”
    because so few people are in its vicinity" gives the speaker's reason for the words
    quoted, part of the statement, though the parser hangs it on the cue. A clause that
    holds a quotation of its own is left to that quotation."""
    if quote.kind != "mixed":
        return quote
    after = [t for t in qdoc.tokens_after(quote.end)[:4] if not t.is_space]
    while after and (after[0].is_quote or after[0].text == ","):
        after = after[1:]
    if not after or after[0].lower_ != "because":
        return quote
    because = after[0]
    clause = because.head if because.dep_ == "mark" else because
    last = clause.right_edge
    reason = qdoc.doc[because.i : last.i + 1]
    if last.i <= because.i or last.sent != because.sent or any(map(qdoc.inside_quote, reason)):
        return quote
    end = last.idx + len(last.text)
    return _until(qdoc, quote, end)


def _until(qdoc: QuoteDocument, quote: Quote, end: int) -> Quote:
    """`quote` running on to `end`, with the text and id of its new span."""
    return replace(
        quote, text=qdoc.text[quote.start : end], end=end, quote_id=quote_id(quote.start, end)
    )


def _speakers_next_act(qdoc: QuoteDocument, quote: Quote) -> bool:
    """Whether `quote` holds a finite verb coordinated with its cue whose subject is the
    speaker again, left out or a pronoun: "called the merger “a terrible deal” and
    [ranked Fiorina as ...]" tells two things the speaker did, each a statement of its
    own. An infinitive or a noun phrase hung on the cue ("not to “X” but [to “Y”]")
    goes on with the first statement."""
    assert quote.cue_start is not None
    cue = qdoc.tokens_between(quote.cue_start, quote.cue_start + 1)
    if not len(cue):
        return False
    for token in qdoc.tokens_between(quote.start, quote.end):
        if token.head.i == cue[0].i and token.dep_ == "conj" and token.tag_ in _FINITE_TAGS:
            subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
            return not subjects or subjects[0].pos_ == "PRON"
    return False


def quote_id(start: int, end: int) -> str:
    """A stable id of a quote in its article: its span, hashed."""
    return hashlib.sha1(f"{start}:{end}".encode()).hexdigest()[:12]


def _deduplicated(quotes: list[Quote]) -> list[Quote]:
    """One quote per content span (the first, i.e. the direct or mixed reading), and one
    per cue of the mixed quotes whose contents overlap (the longest): two fragments
    quoted in one reported clause are one mixed quote, which also holds a direct quote
    of the same cue inside it ("X is feeling “a lot of emotion” before the “match”").
    A mixed quote inside a longer one is part of it, whatever its cue: in "X said he
    will tell the “bigots” who oppose amnesty to “shut up”" the parser may hang the
    last fragment on "oppose"."""
    seen: set[tuple[int, int]] = set()
    kept: list[Quote] = []
    mixed_by_cue: dict[int, int] = {}
    for quote in quotes:
        if (quote.start, quote.end) in seen:
            continue
        seen.add((quote.start, quote.end))
        if quote.kind == "mixed" and quote.cue_start is not None:
            earlier = mixed_by_cue.get(quote.cue_start)
            if earlier is not None and kept[earlier].end > quote.start:
                if quote.end - quote.start > kept[earlier].end - kept[earlier].start:
                    kept[earlier] = quote
                continue
            mixed_by_cue[quote.cue_start] = len(kept)
        kept.append(quote)
    kept.sort(key=lambda q: (q.start, q.end))
    mixed = [(q.cue_start, q.start, q.end) for q in kept if q.kind == "mixed"]
    kept = [
        q
        for q in kept
        if q.kind != "mixed"
        or not any(s <= q.start and q.end <= e and e - s > q.end - q.start for _, s, e in mixed)
    ]
    return [
        q
        for q in kept
        if q.kind != "direct"
        or q.cue_start is None
        or not any(c == q.cue_start and s <= q.start and q.end <= e for c, s, e in mixed)
    ]
