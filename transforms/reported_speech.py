"""Indirect speech: reported clauses with no quotation marks.

"X said (that) CLAUSE", "X urged Y to VP", "X praised Y", "CLAUSE, X said.", "PART, X
said, REST" and "according to X, ..." report what X said without quoting it. A cue that
already attributed a quotation reports nothing more.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from transforms.quote_content import according_pieces, content_of, pieces_around
from transforms.quote_cues import Cue, CueFinder, has_complement
from transforms.quote_document import QuoteDocument
from transforms.speech_verbs import INTENT_VERBS, OBJECT_CUES, PREPOSITION_CUES

#: Cues whose infinitive complement is the reported content ("urged voters to stay home").
_XCOMP_CUES = (
    frozenset("urge ask tell call beg implore advise instruct order warn".split()) | INTENT_VERBS
)

#: A reported statement: its cue, kind ("indirect" or "mixed") and content span.
Report = tuple[Cue, str, tuple[int, int]]


class ReportedSpeech:
    """Finds the reported clauses of one article."""

    def __init__(self, qdoc: QuoteDocument, cues: CueFinder):
        self.qdoc = qdoc
        self.cues = cues

    def reports(self, used_cues: set[int], taken: list[tuple[int, int]]) -> Iterator[Report]:
        """Reported clauses of cues (token indices not in `used_cues`) that attributed no
        quotation.

        A clause holding a quoted fragment nobody was credited with yet (no span of
        `taken` overlaps it) is a mixed quote.
        """
        qdoc = self.qdoc
        for token in qdoc.doc:
            if token.i in used_cues:
                continue
            cue = self.cues.cue(token, adjacent=False)
            if cue is None and token.lemma_.lower() in PREPOSITION_CUES and token.pos_ == "VERB":
                cue = self.cues.verb_cue(token)
            if cue is None or (cue.speaker is None and token.lower_ != "according"):
                continue
            for content in self._reported_pieces(cue):
                if not qdoc.has_words(content):
                    continue
                kind = "indirect"
                if any(qdoc.inside_quote(t) for t in qdoc.tokens_between(*content)):
                    content, kind = qdoc.covering_quotes(content), "mixed"
                    if any(s < content[1] and content[0] < e for s, e in taken):
                        continue
                yield cue, kind, content

    def _reported_pieces(self, cue: Cue) -> list[tuple[int, int]]:
        """The reported content of a cue that introduced no quotation, in one or two pieces.

        "X said (that) CLAUSE" and "X urged Y to VP" give the complement, "X praised Y"
        its object (for cues whose object is what is said or judged); "CLAUSE, X said."
        gives the clause before, "PART, X said, REST" its parts; "according to X" the rest
        of its sentence.
        """
        qdoc = self.qdoc
        token = cue.token
        if token.lower_ == "according":
            return according_pieces(qdoc, token)
        for child in token.children:
            if child.dep_ == "ccomp" or (
                child.dep_ == "xcomp" and token.lemma_.lower() in _XCOMP_CUES
            ):
                return [content_of(qdoc, cue, child)]
        if token.lemma_.lower() in OBJECT_CUES:
            for child in token.children:
                if child.dep_ == "dobj" and not qdoc.inside_quote(child):
                    return [content_of(qdoc, cue, child)]
        topics = PREPOSITION_CUES.get(token.lemma_.lower(), ())
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in topics:
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    return [content_of(qdoc, cue, objects[0])]
        if not self._parenthetical(token):
            return []
        return pieces_around(qdoc, token.head.left_edge.i, token.head.right_edge.i, token)

    def _parenthetical(self, cue: Token) -> bool:
        """A cue set off by commas inside or at the end of its clause: "..., X said[,.]"."""
        doc = self.qdoc.doc
        head = cue.head
        if cue.dep_ not in ("parataxis", "ccomp", "advcl"):
            return False
        if head.pos_ not in ("VERB", "AUX") or has_complement(cue):
            return False
        before, after = cue.left_edge.i, cue.right_edge.i
        while before < cue.i and doc[before].is_punct:
            before += 1
        while after > cue.i and doc[after].is_punct:
            after -= 1
        before, after = before - 1, after + 1
        return (
            before > head.left_edge.i
            and doc[before].text == ","
            and after < len(doc)
            and (doc[after].is_punct or doc[after].is_space)
        )
