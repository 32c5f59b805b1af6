"""One article's entities and quotes with their cross-article keys filled in."""

from __future__ import annotations

from dataclasses import replace

from newsbeam.transforms.matching.people import person_key
from newsbeam.transforms.matching.quotes import quote_key
from newsbeam.transforms.records import Entity, Quote


def with_match_keys(
    entities: list[Entity], quotes: list[Quote]
) -> tuple[list[Entity], list[Quote]]:
    """`person_key` on PERSON entities, `quote_key` on every quote and `speaker_person_key`
    on quotes whose speaker is a person of the article (the speaker is that entity's
    canonical name, so both keys agree)."""
    keyed = [
        replace(e, person_key=person_key(e.name)) if e.label == "PERSON" else e for e in entities
    ]
    quotes = [
        replace(
            q,
            quote_key=quote_key(q.text),
            speaker_person_key=(
                person_key(q.speaker) if q.speaker and q.speaker_type == "person" else None
            ),
        )
        for q in quotes
    ]
    return keyed, quotes
