"""Canonical people, organisations and places of one article.

`extract_entities` turns the parsed Doc into `Entity` records: spaCy's mentions plus a
propagation pass (`mentions`), merged by the rules of `clusters` (names compared through
`names`, places checked against `gazetteer`), labelled by majority, named by their
longest full form and ranked by salience. The quotes stage resolves speakers through these entities.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from spacy.tokens import Doc

from newsbeam.transforms.entities.clusters import cluster_mentions
from newsbeam.transforms.entities.gazetteer import is_known_place
from newsbeam.transforms.entities.mentions import (
    FoundMention,
    find_mentions,
    label_votes,
    majority_label,
)
from newsbeam.transforms.entities.names import clean_words, person_parts, strip_honorifics
from newsbeam.transforms.nlp import aligned_text
from newsbeam.transforms.records import Entity, Mention

#: Salience points for appearing in the title, and in the lead (first sentences of the body),
#: on top of one point per body mention (these ranked GUM's salient entities best).
TITLE_BONUS = 3.0
LEAD_BONUS = 2.0
#: Endings of nationality adjectives the model sometimes types GPE ("Ukrainian", "Chinese").
_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "ans")
#: How many body sentences count as the lead.
LEAD_SENTENCES = 2


def choose_label(group: list[FoundMention]) -> str:
    """Majority label of the model's votes, corrected with what the article says about the name.

    PERSON wins ties and whenever a full person name is in the group; a lone word typed
    PERSON that is a known place ("Sochi") is a GPE; a lone word typed GPE that is no
    known place but looks like a demonym ("Ukrainian") is a NORP.
    """
    if any(m.from_model and m.label == "PERSON" and person_parts(m.text) for m in group):
        return "PERSON"
    label = majority_label(label_votes(group))
    words = {" ".join(clean_words(m.text)) for m in group}
    if len(words) == 1:
        word = words.pop()
        if label == "PERSON" and " " not in word and is_known_place(word):
            return "GPE"
        if label == "GPE" and word.endswith(_DEMONYM_ENDINGS) and not is_known_place(word):
            return "NORP"
    return label


def canonical_name(group: list[FoundMention], label: str) -> str:
    """Longest full form without "the" or a title; ties go to the most frequent, then the first."""
    forms: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for m in sorted(group, key=lambda m: (not m.in_title, m.start)):
        words = clean_words(m.text)
        if len(words) > 1 and words[0].casefold() == "the":
            words = words[1:]
        if label == "PERSON":
            words = strip_honorifics(words)
        form = " ".join(words)
        forms[form] += 1
        first_seen.setdefault(form, len(first_seen))
    return max(forms, key=lambda f: (len(f.split()), forms[f], len(f), -first_seen[f]))


def _salience_score(group: list[FoundMention], lead_end: int) -> float:
    body = [m for m in group if not m.in_title]
    score = float(len(body))
    if any(m.in_title for m in group):
        score += TITLE_BONUS
    if any(m.start < lead_end for m in body):
        score += LEAD_BONUS
    return score


def _entity_id(label: str, name: str, taken: set[str]) -> str:
    """Short hash of label and name, unique within the article."""
    n = 0
    while True:
        seed = f"{label}|{name}" + (f"|{n}" if n else "")
        entity_id = hashlib.sha1(seed.encode("utf-8")).hexdigest()[:12]
        if entity_id not in taken:
            taken.add(entity_id)
            return entity_id
        n += 1


def _lead_end(doc: Doc, text: str) -> int:
    for i, sent in enumerate(doc.sents):
        if i + 1 >= LEAD_SENTENCES:
            return sent.end_char
    return len(text)


def extract_entities(
    doc: Doc, title_doc: Doc | None = None, *, text: str | None = None
) -> list[Entity]:
    """Canonical entities of one article, most salient first.

    `doc` is the parsed body (parsed from `prepare_for_parse(text)`); pass the original
    `text` so mention strings keep the article's own casing (defaults to `doc.text`).
    `title_doc`, the parsed title, adds votes, full names and salience; its mentions are
    not listed. Salience is in (0, 1]: the entity's score (body mentions, plus bonuses for
    title and lead) over the score of an entity that had every mention of the article,
    so it reads the same across articles: the share of the article's attention.
    """
    text = aligned_text(doc, text)
    mentions = find_mentions(doc, title_doc, text)
    lead_end = _lead_end(doc, text) if len(doc) else 0
    scored = []
    for group in cluster_mentions(mentions):
        body = sorted((m for m in group if not m.in_title), key=lambda m: m.start)
        if not body:
            continue
        label = choose_label(group)
        scored.append((_salience_score(group, lead_end), body[0].start, label, group, body))
    if not scored:
        return []
    total = len([m for m in mentions if not m.in_title]) + TITLE_BONUS + LEAD_BONUS
    taken: set[str] = set()
    entities = []
    for score, _, label, group, body in sorted(scored, key=lambda s: (-s[0], s[1])):
        name = canonical_name(group, label)
        entities.append(
            Entity(
                entity_id=_entity_id(label, name, taken),
                name=name,
                label=label,
                mention_count=len(body),
                salience=round(score / total, 4),
                mentions=[Mention(m.text, m.start, m.end) for m in body],
            )
        )
    return entities
