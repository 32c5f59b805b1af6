"""Canonical people, organisations and places of one article.

`extract_entities` turns the parsed Doc into `Entity` records: spaCy's mentions plus a
propagation pass (`mentions`), merged by the rules of `clusters` (names compared through
`names`, places checked against `gazetteer`), labelled by majority, named by their
longest full form and ranked by salience. The quotes stage resolves speakers through these entities.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Container

from spacy.tokens import Doc

from newsbeam.transforms.entities.clusters import cluster_mentions, split_people
from newsbeam.transforms.entities.gazetteer import (
    is_country,
    is_demonym,
    is_known_organisation,
    is_known_place,
    is_region_word,
)
from newsbeam.transforms.entities.mentions import (
    FoundMention,
    common_words,
    find_mentions,
    label_votes,
    majority_label,
)
from newsbeam.transforms.entities.names import (
    ALIAS_NAMES,
    CORPORATE_SUFFIXES,
    DISEASES,
    ORG_HEADS,
    PERSONAL_HONORIFICS,
    THING_HEADS,
    clean_words,
    common_noun_acronyms,
    name_key,
    opens_with_saint,
    person_parts,
    strip_corporate_suffix,
    strip_honorifics,
)
from newsbeam.transforms.entities.roles import ROLE_ACRONYMS
from newsbeam.transforms.entities.short_forms import is_given_name
from newsbeam.transforms.nlp import aligned_text
from newsbeam.transforms.records import Entity, Mention

#: Salience points for appearing in the title, and in the lead (first sentences of the body),
#: on top of one point per body mention (these ranked GUM's salient entities best).
TITLE_BONUS = 3.0
LEAD_BONUS = 2.0
#: Endings of nationality adjectives the model sometimes types GPE ("Ukrainian", "Chinese").
_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "ans")
#: Longest word in capitals read as an acronym rather than a shouted name ("NASA", "COLOMBO").
MAX_ACRONYM = 5
#: How many body sentences count as the lead.
LEAD_SENTENCES = 2


def _is_person_name(text: str) -> bool:
    """A full personal name and not a known place ("Burkina Faso", "Sri Lanka") nor a
    saint's, street's or place's name ("St John": `opens_with_saint`)."""
    return (
        person_parts(text) is not None
        and not is_known_place(" ".join(clean_words(text)))
        and not opens_with_saint(text)
    )


def _is_demonym_phrase(text: str) -> bool:
    """ "Slovak", "Sri Lankan": a nationality adjective (one or two words), no person
    ("Christy Martin" opens with a given name: "Martin" reads like the demonym of Saint
    Martin, but she is a person) and no place ("Snake Island": "Island" reads like the
    start of "Solomon Islands", but a nationality's first word is one of its country's).
    """
    words = clean_words(text)
    if len(words) == 2 and (is_given_name(words[0]) or not is_region_word(words[0])):
        return False
    return 0 < len(words) <= 2 and is_demonym(words[-1])


def _has_org_cue(group: list[FoundMention]) -> bool:
    """A mention ending in an organisation's head word or legal form ("Yukos Oil Company"),
    or a brand and the country it serves ("Digicel Haiti", "Vodafone India": a person's
    name ending in a country opens with a given name, "Kevin Jordan")."""
    for m in group:
        words = clean_words(m.text)
        if len(words) > 1 and words[-1].replace(".", "").casefold() in ORG_HEADS:
            return True
        if len(words) == 2 and is_country(words[1]) and not is_given_name(words[0]):
            return True
        if len(strip_corporate_suffix(words)) < len(words):
            return True
    return False


def _organisation_evidence(group: list[FoundMention]) -> bool:
    """Whether anything besides one model label says a group names an organisation.

    Evidence: a second mention (the title counts); words around a mention that treat it
    as an organisation's (`FoundMention.org_context`); a name on the shipped list of
    organisations or in the alias table ("Twitter", "FBI"); an organisation's head word or
    legal form ending a name of several words ("Larsen & Toubro Ltd"), or a head word
    followed by what the body is of or for ("Ministry of Defense": `_opens_a_body`). A
    lone capitalised phrase with none of these ("Sensitive Data Intelligence", "Zero
    Trust", "Ford Taurus") is as often a product, a slogan or a headline as a body.
    """
    if len(group) > 1 or _has_org_cue(group) or any(m.org_context for m in group):
        return True
    if _known_organisation(group):
        return True
    return any(
        len(words) > 1 and _opens_a_body(words) for words in (clean_words(m.text) for m in group)
    )


def _names_a_thing(group: list[FoundMention]) -> bool:
    """A name the words around one of its mentions make a product's, a scheme's or a
    programme's title ("the Acme Pilot technology", "on NBC's Meet the Press":
    `FoundMention.thing_context`) while nothing says it is an organisation's: no words
    around a mention that treat it as one (but a definite article, "the Acme EQS
    all-electric model", is a thing's as well), not on the shipped list or in the alias table
    ("a Google app" stays an organisation), and for a product no head word or legal form
    ("a Gates Foundation grant"; a title may end in one: "Meet the Press"). A name every
    mention of which the model cut from a longer one ("cut") or read on a headline-case
    subhead ("subhead": "Next-Level Solutions For The Ocean Crisis") is dropped too unless
    the organisation list or the alias table knows it."""
    cues = {m.thing_context for m in group} - {None, "cut", "subhead"}
    if all(m.thing_context in ("cut", "subhead") for m in group):
        return not _known_organisation(group)
    if not cues or any(m.org_context not in (None, "article") for m in group):
        return False
    if "title" not in cues and _has_org_cue(group):
        return False
    return not _known_organisation(group)


def _known_organisation(group: list[FoundMention]) -> bool:
    """A name of the group on the shipped list of organisations or in the alias table."""
    return any(
        is_known_organisation(key) or key in ALIAS_NAMES
        for key in (name_key(m.text, "ORG") for m in group)
    )


#: Words after a body's head word that name whose or what body it is ("Bank of England").
_HEAD_CONNECTORS = frozenset({"of", "for", "on", "de", "du", "des", "del", "della"})


def _opens_a_body(words: list[str]) -> bool:
    """A head word of an organisation followed by what the body is of or for: "Ministry of
    Defense", "Institute for Fiscal Studies". A head word before other capitalised words
    only describes them ("Energy Efficiency Obligation Scheme", "Snowflake Data Cloud")."""
    return any(
        w.replace(".", "").casefold() in ORG_HEADS and nxt.casefold() in _HEAD_CONNECTORS
        for w, nxt in zip(words, words[1:], strict=False)
    )


#: Roles that end the title of one person's office ("National Security Adviser"), never
#: the name of a body.
OFFICER_ROLES = frozenset(
    """
    adviser advisor secretary minister spokesman spokeswoman spokesperson chairman
    chairwoman commissioner ambassador envoy
    """.split()
)


def _names_an_officer(text: str) -> bool:
    words = clean_words(text)
    return len(words) > 1 and words[-1].casefold() in OFFICER_ROLES


#: Titles of an office that are nobody's surname ("King", "Major" and "Sen" are).
_OFFICE_TITLES = frozenset(
    "minister governor president premier chancellor secretary mayor commissioner".split()
)


def _a_title_only(text: str) -> bool:
    """A "person's name" of several words that ends in a title and holds no given name
    ("Luhansk Governor", "Karnataka Revenue Minister"): the title before a name the
    model left out, not anyone's name."""
    words = clean_words(text)
    return (
        len(words) > 1
        and words[-1].casefold() in _OFFICE_TITLES
        and not is_given_name(words[0])  # a name opens with its given name
        and words[0].replace(".", "").casefold() not in PERSONAL_HONORIFICS  # "Mr King"
    )


def _thing_label(group: list[FoundMention]) -> str | None:
    """LAW, EVENT, FAC or PRODUCT when a name of several words ends in such a head ("Abraham
    Accords", "Syrian Civil War", "Norfolk Naval Station", "Acme Data Cloud"), else None."""
    for m in group:
        words = clean_words(m.text)
        if len(words) > 1 and words[-1].casefold() in THING_HEADS:
            return THING_HEADS[words[-1].casefold()]
    return None


def _opens_with_given_name(group: list[FoundMention]) -> bool:
    """A mention of several words whose first word is a given name ("Abraham Accords")."""
    return any(
        len(words) > 1 and is_given_name(words[0]) for words in (clean_words(m.text) for m in group)
    )


def _break_place_tie(label: str, votes: Counter[str], words: set[str]) -> str:
    """A tie between a place label and ORG goes to the gazetteer: a place when a name of
    the group is a known place, else the organisation ("Scientology" 5 LOC / 5 ORG)."""
    best = votes.get(label, 0)
    tied = {k for k, n in votes.items() if n == best}
    if label not in ("GPE", "LOC", "ORG") or len(tied) < 2 or "ORG" not in tied:
        return label
    places = sorted(tied & {"GPE", "LOC"})
    if not places:
        return label
    return places[0] if any(is_known_place(w) for w in words) else "ORG"


#: How many times more often than anything else the model must type a lone word a person
#: for that to stand without a full name or a title.
_PERSON_OUTVOTES = 3


def choose_label(group: list[FoundMention]) -> str:
    """Majority label of the model's votes, corrected with what the article says about the name.

    PERSON wins ties and whenever a full person name is in the group (but a lone word
    with no title that the model also typed otherwise takes the other label), unless a mention
    carries an organisation's head word or legal form ("Flydubai Airlines"), in which
    case the best other label does; a lone word on the shipped list of organisations
    ("Twitter") is an ORG; a name that is a known place ("Sochi", "Sri Lanka", also
    when the group holds a shorter "Lanka") and that no title marks as a person is a
    GPE; a lone word typed GPE that is no known place but looks like a demonym
    ("Ukrainian") is a NORP. A name a lower-case noun for a place follows ("Sri Balaji
    district") and no title marks as a person is a GPE. An
    organisation's name ending in the head of a law, an event, a building or a product
    ("Abraham Accords") is one of those, and so is a person-looking one that no title
    marks and no given name opens ("Xbox Game Pass").
    """
    votes = label_votes(group)
    if _has_org_cue(group):
        others = Counter({k: n for k, n in votes.items() if k != "PERSON"})
        return majority_label(others) if others else "ORG"
    titled = any(m.title for m in group)
    if all(_is_demonym_phrase(m.text) for m in group):
        return "NORP"
    if not titled and any(m.place_noun for m in group):
        return "GPE"
    if any(m.from_model and m.label == "PERSON" and _is_person_name(m.text) for m in group):
        # "Xbox Game Pass" looks like a full name to the model; a product's (a law's...)
        # head ending it and no given name opening it make it that thing.
        thing = None if titled or _opens_with_given_name(group) else _thing_label(group)
        return thing or "PERSON"
    label = majority_label(votes)
    if label == "ORG":
        label = _thing_label(group) or label
    words = {" ".join(clean_words(m.text)).casefold() for m in group}
    others = Counter({k: n for k, n in votes.items() if k != "PERSON"})
    if (
        label == "PERSON"
        and others
        and not titled
        and all(" " not in w and not is_given_name(w) for w in words)
        and votes["PERSON"] <= _PERSON_OUTVOTES * sum(others.values())
    ):
        # A lone word, no given name, that the model also typed otherwise, never with a full
        # name or a title: news introduces people by full name ("Twitter" is not one). Not
        # when the model typed it a person far more often: one stray ORG among fifteen
        # PERSON votes for "Toqaev" (whose full name the model cut at its hyphen) is noise.
        label = majority_label(others)
    label = _break_place_tie(label, votes, words)
    if label == "PERSON" and not titled and is_known_place(max(words, key=lambda w: (len(w), w))):
        return "GPE"  # "Sri Lanka" and a later "Lanka": its fullest name is a place
    if len(words) == 1:
        word = words.pop()
        if label in ("PERSON", "GPE", "LOC") and not titled and is_known_organisation(word):
            return "ORG"
        if label in ("PERSON", "ORG") and not titled and is_known_place(word):
            return "GPE"
        if label == "GPE" and word.endswith(_DEMONYM_ENDINGS) and not is_known_place(word):
            return "NORP"
    return label


def keep_entity(group: list[FoundMention], label: str, common: Container[str]) -> bool:
    """Whether the article makes this group an entity of its own.

    Left out: a legal form on its own ("LLC", "Co Ltd"); a place name holding a digit
    ("IE6": no place is named so); a lone given name said once ("John": the person is
    listed under a full name or unknown); a single
    word the article otherwise writes in lower case ("State", "Cabinet", "NEVER": a
    generic word capitalised by its position or a headline; "ESG" after "environmental,
    social, and governance (ESG)"); a lone word typed PERSON
    with no title, no full name and one body mention ("Receive"): too little to call
    anyone a person; an organisation with no evidence of being one
    (`_organisation_evidence`): precision before recall; an organisation's name the
    words around it make a product's or a programme's (`_names_a_thing`); one whose
    every mention ends in an officer's role ("Deputy National Security Adviser": the
    title of a person, not a body) or that is an office's acronym ("CM", "PM"); a
    "person" every mention of which is a title with no given name ("Luhansk Governor"); a
    disease ("COVID-19": the model types it ORG or PERSON; no person, organisation or
    place).
    """
    if label == "ORG" and (not _organisation_evidence(group) or _names_a_thing(group)):
        return False
    if all(name_key(m.text, label) in DISEASES for m in group):
        return False
    if label == "ORG" and all(_names_an_officer(m.text) for m in group):
        return False
    if label == "ORG" and all(name_key(m.text, label) in ROLE_ACRONYMS for m in group):
        return False  # "the CM said": an office's acronym, the officer, not a body
    if label == "PERSON" and all(_a_title_only(m.text) for m in group):
        return False  # "Karnataka Revenue Minister [R Ashoka]": the model cut the name off
    words = {" ".join(clean_words(m.text)) for m in group}
    if len(words) != 1:
        return True
    word = next(iter(words))
    if all(w.replace(".", "").casefold() in CORPORATE_SUFFIXES for w in word.split()):
        return False  # a legal form alone ("Co", "LLC") names no one
    if label in ("GPE", "LOC") and any(c.isdigit() for c in word) and not is_known_place(word):
        return False
    if " " in word:
        return True
    body = [m for m in group if not m.in_title]
    if word.casefold() in common and not any(m.title for m in group):
        return False
    if label != "PERSON" or any(m.title for m in group):
        return True
    if is_given_name(word):
        return len(body) > 1
    return len(body) > 1 and not word.isupper()


def canonical_name(group: list[FoundMention], label: str) -> str:
    """The name a place or organisation has in the alias table ("U.S." -> "United States";
    a place's only for a place: "Ind." is Indiana, not an independent), else the longest
    full form without "the" or a title; ties go to a form not in capitals, then the most
    frequent, then the first."""
    if label != "PERSON":
        for m in group:
            target = name_key(m.text, label)
            if target in ALIAS_NAMES and (label in ("GPE", "LOC") or not is_known_place(target)):
                return ALIAS_NAMES[target]
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

    def rank(form: str) -> tuple[int, bool, int, int, int]:
        shouting = form.isupper() and len(form) > MAX_ACRONYM
        return (len(form.split()), not shouting, forms[form], len(form), -first_seen[form])

    return max(forms, key=rank)


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
    common = common_words(doc)
    mentions = find_mentions(doc, title_doc, text, common)
    lead_end = _lead_end(doc, text) if len(doc) else 0
    lower_case = common | common_noun_acronyms(text)
    scored = []
    for merged in cluster_mentions(mentions, text):
        label = choose_label(merged)
        if not keep_entity(merged, label, lower_case):
            continue
        for group in split_people(merged) if label == "PERSON" else [merged]:
            body = sorted((m for m in group if not m.in_title), key=lambda m: m.start)
            if body:
                score = _salience_score(group, lead_end)
                scored.append((score, body[0].start, label, group, body))
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
