"""People of one article described: their roles, affiliation and gender (no Beam).

Runs on the entities `extract` made and the quotes the quote stage found (quoted words
are no evidence of who a pronoun outside them refers to): see `person_roles` and
`person_gender`. Other entities pass through unchanged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span

from newsbeam.transforms.entities.gender import PRONOUN_GENDER
from newsbeam.transforms.entities.person_gender import (
    UNKNOWN,
    person_gender,
    pronoun_referents,
    pronoun_votes,
)
from newsbeam.transforms.entities.person_roles import (
    affiliation,
    later_descriptions,
    mention_roles,
    person_roles,
    pronoun_roles,
)
from newsbeam.transforms.nlp import aligned_text
from newsbeam.transforms.records import Entity, Quote


def name_spans(doc: Doc, entity: Entity) -> list[Span]:
    """The entity's mentions as spans of the Doc (a mention the tokens do not align
    with is widened to the tokens it touches)."""
    spans = []
    for m in entity.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    return spans


def speaker_pronoun_votes(entities: Sequence[Entity], quotes: Sequence[Quote]) -> dict:
    """entity id -> genders of the "he"/"she" the quote stage resolved to that person as
    a quote's speaker ("“...,” she said": the resolver weighs the story's subjects)."""
    ids = {e.name: e.entity_id for e in entities if e.label == "PERSON"}
    votes: dict[str, Counter[str]] = {}
    for quote in quotes:
        gender = PRONOUN_GENDER.get((quote.speaker_mention or "").lower())
        if gender and quote.speaker_type == "person" and quote.speaker in ids:
            votes.setdefault(ids[quote.speaker], Counter())[gender] += 1
    return votes


def describe_people(
    doc: Doc, entities: list[Entity], quotes: Sequence[Quote] = (), *, text: str | None = None
) -> list[Entity]:
    """`entities` with `roles`, `affiliation`, `gender` and `gender_evidence` filled on
    each PERSON; `quotes` are the article's (their quoted words are no evidence, their
    pronoun speakers are)."""
    text = aligned_text(doc, text)
    people = {e.entity_id: name_spans(doc, e) for e in entities if e.label == "PERSON"}
    if not people:
        return entities
    quoted = [(q.start, q.end) for q in quotes if q.kind == "direct"]
    referents = pronoun_referents(doc, text, people, quoted)
    votes = pronoun_votes(referents)
    for entity_id, said in speaker_pronoun_votes(entities, quotes).items():
        votes.setdefault(entity_id, Counter()).update(said)
    genders = {
        e.entity_id: person_gender(e.name, people[e.entity_id], votes.get(e.entity_id))
        for e in entities
        if e.label == "PERSON"
    }
    found = {e: [r for name in names for r in mention_roles(name)] for e, names in people.items()}
    for pronoun, entity_id in referents:
        # A pronoun of the other gender was resolved wrongly: what it says is not theirs.
        if genders[entity_id][0] in (PRONOUN_GENDER[pronoun.lower_], UNKNOWN):
            found[entity_id] += pronoun_roles(pronoun)
    for entity_id, spans in later_descriptions(doc, people, found).items():
        found[entity_id] += spans
    described = []
    for entity in entities:
        if entity.label != "PERSON":
            described.append(entity)
            continue
        roles = person_roles(found[entity.entity_id], text)
        gender, evidence = genders[entity.entity_id]
        described.append(
            replace(
                entity,
                roles=roles,
                affiliation=affiliation(roles, entities),
                gender=gender,
                gender_evidence=evidence,
            )
        )
    return described
