"""Nouns of speech as cues: what "Trump's claim that ...", "her call for ..." and "in X's
view, ..." report, the possessor (or the viewer) speaking."""

from __future__ import annotations

from spacy.tokens import Token

from newsbeam.transforms.quotes.content import content_of, pieces_around
from newsbeam.transforms.quotes.cues import Cue
from newsbeam.transforms.quotes.document import QuoteDocument
from newsbeam.transforms.quotes.verbs import NOMINAL_PREPOSITION_CUES


def nominal_content(qdoc: QuoteDocument, cue: Cue) -> list[tuple[int, int]]:
    """What a noun of speech holds: the clause after it ("claim [that ...]") or else the
    object of its preposition ("attacks on [the judge]")."""
    noun = cue.token
    frame = _viewpoint(noun)
    if frame is not None:
        sentence = noun.sent
        return pieces_around(qdoc, sentence.start, sentence.end - 1, frame)
    prepositions = NOMINAL_PREPOSITION_CUES.get(noun.lemma_.lower(), ())
    objects = [
        obj
        for child in noun.rights
        if child.dep_ == "prep" and child.lower_ in prepositions
        for obj in child.children
        if obj.dep_ in ("pobj", "pcomp")
    ]
    clauses = [*_noun_clauses(noun), *_predicated_clauses(noun)]
    return [content_of(qdoc, cue, c) for c in [*clauses, *objects]][:1]


def _viewpoint(noun: Token) -> tuple[int, int] | None:
    """First and last token of "in X's view" framing its sentence, which then holds X's
    view as "according to X" holds X's words, else None."""
    prep = noun.head
    if noun.lemma_.lower() != "view" or noun.dep_ != "pobj" or prep.lower_ != "in":
        return None
    return prep.left_edge.i, prep.right_edge.i


def _predicated_clauses(noun: Token) -> list[Token]:
    """The that-clause a noun of speech is the subject of: "his argument is [that ...]"."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_ != "be":
        return []
    return [c for c in verb.rights if c.dep_ == "ccomp" and c.left_edge.lower_ == "that"]


def _noun_clauses(noun: Token) -> list[Token]:
    """The clauses after a noun of speech that say what it holds: "claim [that ...]",
    "promise [to ...]" (not a relative clause: "the claim [that he made]")."""
    return [
        child
        for child in noun.rights
        if child.dep_ in ("acl", "ccomp", "relcl")
        and child.left_edge.lower_ in ("that", "to")
        and not any(c.lower_ == "that" and c.dep_ in ("nsubj", "dobj") for c in child.children)
    ]
