"""Who a speaker mention refers to: named mentions, pronouns and role nouns.

The entity stage already merged "Weiss" into "Andrew Weiss"; this module maps a speaker
phrase (the words as written) onto those canonical entities. A named phrase takes the
entity whose mention covers its head word; "he"/"she" take the nearest preceding person,
preferring people who were sentence subjects; "the official" or "the senator" take the
nearest person introduced with that role word ("Senator Ted Cruz", "Andrew Weiss, the
former director"); "who" takes its antecedent. Anything else stays unresolved: a wrong
name is worse than none.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsbeam.transforms.quotes.verbs import PERSON_PRONOUNS
from newsbeam.transforms.records import Entity

#: Dependency labels of the words that belong to a speaker's name or description.
_NAME_PARTS = frozenset("compound amod det poss nmod nummod quantmod flat case advmod".split())
#: Dependency labels that introduce a role noun for a person ("X, the director").
_ROLE_LINKS = frozenset("appos compound amod".split())
#: Relative pronouns: the speaker is their antecedent ("Giuliani, who said ...").
_RELATIVE_PRONOUNS = frozenset("who that which".split())
#: How far back (characters) a pronoun looks for its person.
PRONOUN_WINDOW = 1500


@dataclass(frozen=True)
class Resolution:
    """The canonical entity a speaker phrase refers to (both None when unknown)."""

    name: str | None = None
    label: str | None = None


def name_head(token: Token) -> Token:
    """The last word of the name `token` starts or sits in ("Rubio spokesman Alex Conant"
    from "Rubio"): the head that `speaker_phrase` grows the whole name from."""
    head = token
    while head.dep_ in ("compound", "flat") and head.head.i > head.i:
        head = head.head
    return head


def _verb_before_name(child: Token) -> bool:
    """A verb the parser hung on a name as its modifier ("Continued Stone:"): not a name part."""
    return child.dep_ == "amod" and child.pos_ == "VERB" and child.head.pos_ == "PROPN"


def speaker_phrase(head: Token) -> Span:
    """The words naming the speaker: `head` and its name modifiers to the left.

    "Andrew Weiss, the former director ..., said" gives "Andrew Weiss"; "A senior State
    Department official" keeps its determiner and modifiers; appositives and relative
    clauses are left out.
    """
    start = head.i
    for child in head.lefts:
        if child.dep_ in _NAME_PARTS and not child.is_punct and not _verb_before_name(child):
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("flat", "compound") and child.i == end:
            end = child.right_edge.i + 1
    return head.doc[start:end]


class SpeakerResolver:
    """Maps speaker phrases of one Doc to the article's canonical entities."""

    def __init__(self, doc: Doc, entities: Sequence[Entity]):
        self._doc = doc
        spans = [(m.start, m.end, e) for e in entities for m in e.mentions]
        spans.sort(key=lambda s: s[0])
        self._mentions = spans
        self._starts = [s[0] for s in spans]
        self._people = [s for s in spans if s[2].label == "PERSON"]
        self._roles = self._role_words()

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping [start, end), if any."""
        i = bisect_right(self._starts, end - 1)
        for m_start, m_end, entity in reversed(self._mentions[max(0, i - 8) : i]):
            if m_start < end and start < m_end:
                return entity
        return None

    def resolve(self, phrase: Span, head: Token) -> Resolution:
        """Canonical entity of `phrase` whose syntactic head is `head`."""
        if head.lower_ in _RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            antecedent = head.head.head
            return self.resolve(speaker_phrase(antecedent), antecedent)
        entity = self.entity_at(head.idx, head.idx + len(head.text))
        if entity is not None:
            return Resolution(entity.name, entity.label)
        lower = head.lower_
        if lower in PERSON_PRONOUNS:
            person = self._nearest_person(head)
            return Resolution(person.name, person.label) if person else Resolution()
        if head.pos_ == "NOUN":
            # "the assailant, John McGraw, told ...": the name in apposition
            for child in head.rights:
                if child.dep_ != "appos":
                    continue
                named = self.entity_at(child.idx, child.idx + len(child.text))
                if named is not None and named.label == "PERSON":
                    return Resolution(named.name, named.label)
        if head.pos_ == "NOUN" and phrase[0].lower_ == "the":
            person = self._person_with_role(head)
            return Resolution(person.name, person.label) if person else Resolution()
        return Resolution()

    def _nearest_person(self, pronoun: Token) -> Entity | None:
        """Nearest preceding person, preferring one who was the subject of a clause."""
        limit = pronoun.idx - PRONOUN_WINDOW
        nearest = None
        for start, end, entity in reversed(self._people):
            if start >= pronoun.idx:
                continue
            if start < limit:
                break
            if self._is_subject(start, end):
                return entity
            nearest = nearest or entity
        return nearest

    def _is_subject(self, start: int, end: int) -> bool:
        span = self._doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        return span.root.dep_ in ("nsubj", "nsubjpass")

    def _role_words(self) -> list[tuple[int, str, Entity]]:
        """(offset, role lemma, person) for every role noun attached to a person mention."""
        roles = []
        for start, end, entity in self._people:
            span = self._doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            related = [
                t
                for t in root.children
                if t.dep_ in _ROLE_LINKS and t.i not in range(span.start, span.end)
            ]
            if root.dep_ == "appos":
                related.append(root.head)
            related += [t for t in span if t.i != root.i]
            for token in related:
                if token.pos_ in ("NOUN", "PROPN"):
                    roles.append((start, token.lemma_.lower(), entity))
        return roles

    def _person_with_role(self, noun: Token) -> Entity | None:
        lemma = noun.lemma_.lower()
        found = None
        for start, role, entity in self._roles:
            if start >= noun.idx:
                break
            if role == lemma:
                found = entity
        return found
