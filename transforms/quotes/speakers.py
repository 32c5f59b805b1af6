"""Who a speaker mention refers to: a person, an organisation, an unnamed source, or no one.

The entity stage already merged "Weiss" into "Andrew Weiss"; this module maps a speaker
phrase (the words as written) onto those canonical entities, and gives the phrases that
name no one ("a senior State Department official", "the ministry") a key shared by the
mentions of the same source:
- a named phrase takes the entity whose mention covers it: a person, an organisation
  (a country speaking is its government), a group ("Democrats") is an unnamed source,
  and a place, event or work never speaks;
- "he"/"she" take the nearest preceding subject that can be that person: a person of
  that gender (or of unknown gender) or an unnamed source described by a person noun;
  "they"/"it" take the nearest organisation or group; "I"/"we" stay unknown;
- "the official" takes the nearest person introduced with that role ("Andrew Weiss, the
  former official"), else the unnamed source last described by the same noun;
- "who" takes its antecedent.
Anything else stays unresolved: a wrong name is worse than none.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

import numpy as np
from spacy.attrs import ORTH, POS
from spacy.parts_of_speech import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from newsbeam.transforms.entities import (
    HONORIFICS,
    IRREGULAR_DEMONYMS,
    PERSON_NOUNS,
    POSTNOMINALS,
    PRONOUN_GENDER,
    given_name_gender,
    is_demonym,
    is_known_organisation,
    is_known_place,
    is_possessive,
    naming_words,
    person_parts,
    strip_honorifics,
    strip_postnominals,
    word_gender,
)
from newsbeam.transforms.quotes.sources import (
    BODY_NOUNS,
    initials,
    is_authored_text,
    is_source_noun,
)
from newsbeam.transforms.quotes.verbs import PERSON_PRONOUNS, QUOTING_VERBS, SPEECH_VERBS
from newsbeam.transforms.records import Entity

#: Dependency labels of the words that belong to a speaker's name or description.
_NAME_PARTS = frozenset("compound amod det poss nmod nummod quantmod flat case advmod".split())
#: Dependency labels that introduce a role noun for a person ("X, the director").
_ROLE_LINKS = frozenset("appos compound amod".split())
#: Labels the model gives a person's surname it does not know (a group's word, "the
#: Wyoming Republican", is not one).
_MISTYPED_PERSON_LABELS = frozenset(("ORG", "GPE", "LOC"))
#: An initial of a given name, with or without its dot ("R", "M.").
_INITIAL = re.compile(r"[A-Z]\.?")
#: How alike (difflib's ratio) a one-word name must be to a person's surname to be its
#: misspelling: "Zelenski" and "Zelensky" are 0.875 alike, "Williams" and "Wilson" 0.57.
_SPELLING_LIKENESS = 0.8
#: An organisation's kind in apposition after its name ("EasyJet, the budget airline,").
_INTRODUCED_AFTER = re.compile(r",\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,3}([a-z]+)[,.;]")
#: Dependencies of the words qualifying a role noun ("chief" of "Chief Minister").
_QUALIFYING = frozenset(("compound", "amod"))
#: Roles of a nation's head of state or government, whom "the Kazakh leader" names.
_HEADS_OF_STATE = frozenset(
    "leader president premier chancellor king queen emir sultan monarch emperor".split()
)
#: Relative pronouns: the speaker is their antecedent ("Giuliani, who said ...").
_RELATIVE_PRONOUNS = frozenset("who that which".split())
#: How far back (characters) a pronoun or a definite description looks for its source.
PRONOUN_WINDOW = 1500
#: How far after a role description ("the president said") its holder may be named.
_NAMED_NEXT = 250
#: Speaker kinds (the quotes table's `speaker_type`).
PERSON, ORGANIZATION, UNNAMED, NONE = "person", "organization", "unnamed", "none"
#: Entity labels that speak as an organisation: bodies, and places standing for their
#: government ("Ukraine said", "Moscow has denied").
_ORGANIZATION_LABELS = frozenset(("ORG", "GPE"))
#: Pronouns for a group or a body.
_GROUP_PRONOUNS = frozenset(("they", "it"))
#: How far back (characters) "it" or "they" may find the body it stands for.
_GROUP_PRONOUN_REACH = 300
#: Nouns for one organisation: "the company said" close after a sentence a company opens
#: may be that company (`_organisation_carried_on`), "the agency said" that agency.
_ORGANISATION_NOUNS = frozenset(
    """
    company firm corporation business bank lender insurer carrier airline operator
    manufacturer maker retailer developer provider network broadcaster newspaper outlet
    agency institute foundation charity university school college hospital organisation
    organization regulator
    """.split()
)
#: Words that make a descriptor plural or a group ("officials", "Democrats").
_GROUP_LABELS = frozenset(("NORP",))
#: Bodies of a state that a country's possessive names ("Israel's military").
_STATE_BODIES = frozenset(
    """
    government administration ministry military army navy police parliament cabinet
    presidency embassy legislature office agency
    """.split()
)
#: Last words of a name that make it a body, never a building, whatever type the model
#: gave it (it types "... Marine Authority" or "... Park Service" as a facility).
_INSTITUTION_HEADS = frozenset(
    """
    authority agency commission committee council ministry bureau board administration
    corporation association federation union foundation secretariat regulator service
    """.split()
)
_SUBJECTS = frozenset(("nsubj", "nsubjpass"))
#: Days that date a statement ("X said Friday", "X Friday said").
_DAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight".split()
)
#: Words that open a title's portfolio ("Minister of Defence", "Commissioner for Economy").
_PORTFOLIO_LINKS = frozenset(("for", "of"))
#: Roles that name someone who speaks for another or for nobody in particular: "the
#: spokesman" after a minister is not the minister, "the official" not the last name.
_ANONYMOUS_ROLES = frozenset(
    """
    official source spokesperson spokesman spokeswoman aide adviser advisor
    representative insider witness resident person man woman employee staffer officer
    agent member worker lawyer attorney negotiator diplomat friend relative neighbour
    neighbor
    """.split()
)
#: How far back (characters) a definite role may find the person it describes.
_DESCRIBED_BACK = 600
#: Role words that stand for one another ("the spokeswoman" after "a spokesperson").
_SAME_ROLE = {"spokeswoman": "spokesperson", "spokesman": "spokesperson"}


@dataclass(frozen=True)
class Resolution:
    """Who a speaker phrase refers to: a canonical entity (name, label) for a named
    source, and for every source a kind and a key shared by its mentions."""

    name: str | None = None
    label: str | None = None
    kind: str = NONE
    key: str | None = None
    #: How it was found: "name", "pronoun", "role", "apposition", "description" or
    #: "none", and for a pronoun how many characters back its antecedent is (what a
    #: row's confidence weighs).
    method: str = "none"
    distance: int = 0


@dataclass(frozen=True)
class _Source:
    """A mention of something that can speak, as a pronoun's candidate antecedent."""

    start: int
    resolution: Resolution
    gender: str | None
    plural: bool
    subject: bool


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
    # a colon ends what comes before the name ("Dec 14 (PTI): Prime Minister X")
    start = max([t.i + 1 for t in head.doc[start : head.i] if ":" in t.text], default=start)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("flat", "compound") and child.i == end:
            end = child.right_edge.i + 1
    return head.doc[start:end]


def _entity_kind(entity: Entity) -> str:
    """How an entity speaks: as a person, an organisation, a group, or not at all (a place
    in capitals is a dateline, "SAN JOSE --", not a government; "US" or "UAE" are
    initials; a "facility" whose name ends in a body's word is that body)."""
    if entity.label == "PERSON":
        return PERSON
    dateline = entity.name.isupper() and len(entity.name) > 3
    if entity.label == "ORG" or entity.label == "GPE" and not dateline:
        return ORGANIZATION
    if entity.label == "FAC" and entity.name.split()[-1].lower() in _INSTITUTION_HEADS:
        return ORGANIZATION  # "the Great Barrier Reef Marine Authority", typed a facility
    return UNNAMED if entity.label in _GROUP_LABELS else NONE


def _named(entity: Entity) -> Resolution:
    kind = _entity_kind(entity)
    if kind in (PERSON, ORGANIZATION):
        return Resolution(entity.name, entity.label, kind, f"entity:{entity.entity_id}")
    if kind == UNNAMED:
        return Resolution(None, entity.label, UNNAMED, f"group:{entity.entity_id}")
    return Resolution()


def _abbreviates(acronym: str, letters: str) -> bool:
    """Whether `acronym` shortens a name of these initials: all of them, or all but one
    inside ("NERC" of the North American Electric Reliability Corporation)."""
    if acronym == letters:
        return True
    if len(acronym) < 3 or len(letters) != len(acronym) + 1:
        return False
    if acronym[0] != letters[0] or acronym[-1] != letters[-1]:
        return False
    return any(letters[:k] + letters[k + 1 :] == acronym for k in range(1, len(letters) - 1))


def _as_written(entity: Entity, doc: Doc, text: str) -> Entity:
    """An organisation or place under the name the article gives it: the entity stage
    files "Kiev" under Kyiv and "the US" under the United States, but a speaker is named
    as the article names it most often (QUOTES-GUIDE.md), and "the Met" by the name it
    clips. People keep their merged full names. `text` is the article's text."""
    if entity.label == "PERSON" or not entity.mentions:
        return entity
    # the entity stage writes apostrophes straight ("Attorney General's Office"); a name
    # with a person's full name after the possessive is a span the model ran on ("UC
    # Berkeley's Rachel Morello-Frosch"), which the forms written below name better
    curly = entity.name.replace("'", "’")
    owned = re.search(r"['’]s (\S+ \S+)", entity.name)
    if owned is not None and given_name_gender(owned[1]) is not None:
        curly = entity.name
    if curly != entity.name and curly in text and entity.name not in text:
        entity = replace(entity, name=curly)
    if entity.name in text:
        full = _unclipped(entity.name, doc) if entity.label == "ORG" else None
        return replace(entity, name=full) if full else entity
    forms = Counter(_without_article(m.text) for m in entity.mentions)
    return replace(entity, name=max(forms, key=lambda f: (forms[f], len(f.split()), len(f))))


def _unclipped(name: str, doc: Doc) -> str | None:
    """The one name of a body the article writes in full that a short name clips: "the
    Met" after "the Metropolitan police", "the Fed" after "the Federal Reserve"."""
    if not (name.isalpha() and name.istitle() and 3 <= len(name) <= 4):
        return None
    found = set()
    for token in doc:
        if not (token.is_title and token.text.startswith(name) and len(token) >= len(name) + 3):
            continue
        end = token.i + 1
        while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
            end += 1
        if end < len(doc) and doc[end].lower_ in BODY_NOUNS:
            end += 1
        if end - token.i >= 2:
            found.add(doc[token.i : end].text)
    return found.pop() if len(found) == 1 else None


def _without_article(form: str) -> str:
    words = form.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    if words and words[-1].endswith(("'s", "’s")):
        words[-1] = words[-1][:-2]
    return " ".join(words)


class SpeakerResolver:
    """Maps speaker phrases of one Doc to the article's canonical entities and sources."""

    def __init__(
        self,
        doc: Doc,
        entities: Sequence[Entity],
        quoted: Sequence[tuple[int, int]] = (),
        text: str | None = None,
    ):
        """`quoted`: (start, end) of the article's quoted passages, marks included; `text`:
        the article's text the doc was parsed from (`doc.text` by default, which spaCy
        rebuilds from every token: a few ms an article)."""
        self._doc = doc
        self._quoted = sorted(quoted)
        written = doc.text if text is None else text
        self._text = written
        self._proper_nouns: dict[int, list[int]] | None = None
        as_written = [_as_written(e, doc, written) for e in entities]
        self._index(as_written)  # what `_in_full` looks names up in
        self._index(self._in_full(as_written))
        self._genders = self._person_genders()
        self._roles, self._role_kinds = self._role_words()
        self._descriptors = self._unnamed_sources()
        self._sources = self._candidate_sources()

    def _index(self, entities: list[Entity]) -> None:
        """The entities' mentions in reading order, and the people's."""
        spans = [(m.start, m.end, e) for e in entities for m in e.mentions]
        spans.sort(key=lambda s: s[0])
        self._mentions = spans
        self._starts = [s[0] for s in spans]
        self._people = [s for s in spans if s[2].label == "PERSON"]

    def _in_full(self, entities: list[Entity]) -> list[Entity]:
        """Entities with a person the entity stage kept under one word named in full when
        the article writes that full name once and no other person ends in it ("Mr Doyle"
        after "Declan Doyle SC", whom the model did not tag), unless its honorific tells
        them apart: a speaker, whether named or a pronoun's antecedent, is named as the
        article names them in full."""
        surnames = {
            parts[1]
            for e in entities
            if e.label == "PERSON" and (parts := person_parts(e.name)) is not None
        }
        named = []
        for entity in entities:
            if entity.label == "PERSON" and " " not in entity.name:
                known = entity.name.replace(".", "").casefold() in surnames  # "Whitfield Jr."
                full = None if known else self._full_name_ending(entity.name)
                if full is not None and self._same_gender(entity, full):
                    entity = replace(entity, name=full)
            named.append(entity)
        return named

    def _same_gender(self, entity: Entity, full: str) -> bool:
        """Whether nothing tells the one-word person and the full name apart: "Mrs. Fischer"
        is not "Tanner Fischer", her son."""
        given = given_name_gender(full)
        if given is None:
            return True
        for mention in entity.mentions:
            span = self._doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and any(
                word_gender(t.lower_) not in (None, given) for t in naming_words(span)
            ):
                return False
        return True

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping [start, end), if any."""
        found = self._mention_at(start, end)
        return found[2] if found is not None else None

    def _mention_at(self, start: int, end: int) -> tuple[int, int, Entity] | None:
        """The mention overlapping [start, end) (its offsets and entity), if any."""
        i = bisect_right(self._starts, end - 1)
        for mention in reversed(self._mentions[max(0, i - 8) : i]):
            if mention[0] < end and start < mention[1]:
                return mention
        return None

    def resolve(self, phrase: Span, head: Token) -> Resolution:
        """Who `phrase` (whose syntactic head is `head`) refers to."""
        if head.lower_ in _RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            antecedent = head.head.head
            found = self.resolve(speaker_phrase(antecedent), antecedent)
            if found.kind not in (PERSON, ORGANIZATION) and antecedent.dep_ == "appos":
                # "by Jane Smith, a former commissioner, who accused ...": the role in
                # apposition is the named person's, and so is the clause hung on it.
                bearer = antecedent.head
                in_apposition = self.resolve(speaker_phrase(bearer), bearer)
                if in_apposition.kind in (PERSON, ORGANIZATION):
                    found = in_apposition
            if (head.lower_, found.kind) in (("who", ORGANIZATION), ("which", PERSON)):
                # "who" stands for a person, "which" for anything else: an antecedent of
                # the other kind is the parser's slip ("put a man on the phone with the AP
                # who said").
                return Resolution(method="pronoun")
            return replace(found, method="pronoun")
        role_noun = head.pos_ == "NOUN" and head.lemma_.lower() in PERSON_NOUNS
        titled = head.pos_ == "PROPN" and head.lower_ in PERSON_NOUNS
        if role_noun or titled:
            # "An aide to President Abbas, Hussein al-Sheikh, said": the name in
            # apposition is the aide's, not the name inside the role's phrase
            named = self._appositive_name(head)
            if named is not None:
                return replace(_named(named), method="apposition")
            missed = _appositive_full_name(head) if role_noun else None
            if missed is not None:
                return Resolution(missed, "PERSON", PERSON, f"name:{missed}", method="apposition")
        entity = self._entity_in(phrase, head)
        if (entity is None or entity.label != "PERSON") and head.pos_ == "PROPN":
            entity = self._person_by_surname(phrase) or self._titled_by_initials(phrase) or entity
        if entity is not None and head.pos_ == "PROPN" and (missed := self._unseen_person(entity)):
            return Resolution(missed, "PERSON", PERSON, f"name:{missed}", method="name")
        if entity is not None and entity.label == "PERSON" and " " not in entity.name:
            # "Mr Somchai": a one-word name the entity stage kept apart is the one person
            # named in full with it, as a given name (Thai news) or a surname.
            fuller = (
                self._name_in(phrase, entity.name)
                or self._person_with_name_word(entity.name)
                or self._full_name_from(phrase)
            )
            if isinstance(fuller, str):
                return Resolution(fuller, "PERSON", PERSON, f"name:{fuller}", method="name")
            entity = fuller or entity
        if entity is not None and _entity_kind(entity) == ORGANIZATION:
            # "National Task Force ... spokesperson and Undersecretary Lorraine Marie
            # Badoy, ..., said": the parser made the body the subject and the person its
            # apposition; a writer sets a person beside a body's name only as its voice.
            voice = self._appositive_name(head)
            if voice is not None:
                return replace(_named(voice), method="apposition")
        if entity is not None and (_entity_kind(entity) != NONE or head.pos_ != "PROPN"):
            return replace(_named(self._spelled_out(entity)), method="name")
        # A name typed as a work, an event or a product cannot speak: a person the entity
        # stage mistyped ("Patrol Chief James Hall ... said") when the phrase shows one.
        if head.pos_ == "PROPN" and (missed := self._missed_person(phrase)) is not None:
            return Resolution(missed, "PERSON", PERSON, f"name:{missed}", method="name")
        lower = head.lower_
        if lower in PERSON_PRONOUNS:
            found = self._antecedent(head, gender=PRONOUN_GENDER.get(lower), plural=False)
            return replace(found, method="pronoun")
        if lower in _GROUP_PRONOUNS:
            found = self._antecedent(head, gender=None, plural=True, places=lower == "it")
            if found.kind == ORGANIZATION and found.distance > _GROUP_PRONOUN_REACH:
                # "it" or "they" whose nearest body was named paragraphs back is more
                # often another body or the story's people than that one.
                return Resolution(method="pronoun")
            return replace(found, method="pronoun")
        # a role noun or a title: its apposition was tried above
        named = None if role_noun or titled else self._appositive_name(head)
        if named is None and not role_noun and head.pos_ == "NOUN" and not is_authored_text(head):
            named = self._appositive(head, "ORG")
        if named is not None:
            return replace(_named(named), method="apposition")
        if is_authored_text(head) and phrase[0].lower_ == "the":
            issuer = self._issuer(head)
            if issuer is not None:
                return replace(issuer, method="role")
        if head.pos_ not in ("NOUN", "PROPN") or not (
            is_source_noun(head) or is_authored_text(head)
        ):
            return Resolution()
        if _definite(phrase, head) and _is_person_noun(head) and head.tag_ != "NNS":
            # "the official", "its chairman": the person introduced with that role ("her
            # parents" are no one person). A definite body ("the government", "the
            # company") is not the nearest organisation (wrong 10 times in 12 on the dev
            # gold), only one the story named with that noun (below).
            known = self._person_with_role(head)
            if known is not None:
                return replace(_named(known), method="role")
        if head.lemma_.lower() in BODY_NOUNS:
            state_body = self._state_body(phrase, head)
            if state_body is not None and self._of_a_state(phrase):
                return _state_named(state_body)  # "Colombia's army": its state names it
            if _definite(phrase, head):
                earlier = self._state_body_before(head)
                named_body = self._body_named(head, after=earlier[0] if earlier else -1)
                if named_body is not None:  # "the U.N. rights office": the one named so
                    return replace(_named(named_body), method="role")
                if earlier is not None:
                    return replace(_state_named(earlier[1]), method="role")
                introduced = self._body_introduced_as(head)
                if introduced is not None:
                    return replace(_named(introduced), method="role")
                carried_on = self._organisation_carried_on(head)
                if carried_on is not None:
                    return replace(carried_on, method="role")
            if state_body is not None:
                return _state_named(state_body)
        described = self._descriptors.get(head.i, Resolution(kind=UNNAMED, key=f"source:{head.i}"))
        if (
            phrase[0].lower_ == "the"
            and _is_person_noun(head)
            and head.tag_ == "NN"
            and head.lemma_.lower() not in _ANONYMOUS_ROLES
            and described.key == f"source:{head.i}"
            and not any(c.dep_ == "prep" for c in head.rights)
        ):
            # "said the researcher" after "said Diana Reckien", "the UK leader" after Boris
            # Johnson: a definite role no unnamed source was introduced with is the person
            # the story is about, as "he" or "she" would be, if named close before. A role
            # with its body ("the head of the council") introduces someone new.
            found = self._antecedent(head, gender=word_gender(head.lower_), plural=False)
            theirs = (
                self._role_kinds.get(found.key.removeprefix("entity:"), set())
                if found.key
                else set()
            )
            if (
                found.kind == PERSON
                and found.distance <= _DESCRIBED_BACK
                and not _other_nations(_qualifiers(head), theirs)
            ):
                return replace(found, method="role")
        return replace(described, method="description")

    def _entity_in(self, phrase: Span, head: Token) -> Entity | None:
        """The entity the phrase names: the one at its head, unless another mention in the
        phrase is a person ("Chris Wallace, Politico" or "Politico's Wallace": the person)."""
        at_head = self.entity_at(head.idx, head.idx + len(head.text))
        if at_head is not None and at_head.label == "PERSON":
            return at_head
        # Before a common noun, a name is whose the role or body is, not who speaks: "the
        # Biden adviser", "Haiti's chief prosecutor" (spaCy takes an apostrophe-less
        # "Haitis" for a person) are not Biden or Haiti; "Nehls' statement" is Nehls's.
        authored = is_authored_text(head)
        whose = head.pos_ != "NOUN" or authored
        before, after = [], []
        for token in phrase:
            if token.i > head.i and _in_prepositional(token, head):
                after.append(token)
            elif whose or token.i > head.i:
                before.append(token)
        for token in before:
            entity = self.entity_at(token.idx, token.idx + len(token.text))
            if entity is not None and entity.label == "PERSON" and token.pos_ == "PROPN":
                return entity
        # After it, in a phrase hung on it, a text names its author ("a statement from
        # Merrick Garland") and a title may its holder, after the portfolio ("Commissioner
        # for Economy Paolo Gentiloni", "director-general of State Security Arthur
        # Fraser"); see `_holder`.
        in_phrase = {t.i for t in after}
        after += [t for t in _title_complement(head) if t.i not in in_phrase]
        holder = self._holder(sorted(after, key=lambda t: t.i), portfolio=not authored)
        if holder is not None:
            return holder
        if at_head is None and authored:
            # "The EFCC letter said", "a Pentagon statement said": the body that wrote it.
            for token in before:
                entity = self.entity_at(token.idx, token.idx + len(token.text))
                if entity is not None and _entity_kind(entity) == ORGANIZATION:
                    return entity
        return at_head

    def _holder(self, words: list[Token], portfolio: bool) -> Entity | None:
        """The person a title's words end in (`_title_complement`). With a `portfolio`
        (a title's, not a text's: "the email from [Morales]"), a person named right
        after the preposition is not the role's holder but whom or what it serves ("A
        spokesman for [Adelson]'s Sands", "a former partner of [Morales]", "Relatives of
        [Alovatshoev]", "Minister of [Climate Change]" that the model took for a
        person); the holder comes after the portfolio ("for Economy [Paolo Gentiloni]"),
        unless the portfolio is someone's or ends in a title ("an aide to President
        [Volodymyr Zelenskyy]"). After "like" or "including" the people named are the
        role's own ("analysts like [Abdulkarim Atiki]")."""
        served = (
            portfolio
            and len(words) > 1
            and words[0].dep_ == "prep"
            and words[0].lower_ not in _MEMBER_PREPOSITIONS
        )
        for token in words:
            mention = self._mention_at(token.idx, token.idx + len(token.text))
            if mention is None or mention[2].label != "PERSON" or token.pos_ != "PROPN":
                continue
            portfolio_words = [w for w in words[1:] if w.idx < mention[0]]
            if served and (not portfolio_words or _names_someone(portfolio_words)):
                return None
            return mention[2]
        return None

    def most_named_before(self, offset: int) -> Resolution | None:
        """The one person the text before `offset` names most often in full (then at all,
        twice at least), as an interview's introduction names whom it talks to; None on a
        tie. Full names come first: a bare surname may be a relative's ("Forbes' father")."""
        counts: dict[str, tuple[int, int]] = {}
        for start, end, entity in self._people:
            if start < offset:
                full, total = counts.get(entity.entity_id, (0, 0))
                counts[entity.entity_id] = (full + (" " in self._text[start:end]), total + 1)
        ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
        if not ranked or ranked[0][1][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        entity = next(e for _, _, e in self._people if e.entity_id == ranked[0][0])
        return replace(_named(entity), method="name")

    def person_labelled(self, label: str) -> Resolution | None:
        """The one person of the article a transcript's speaker label names, in any case
        ("SHTAYYEH:", "Fields:", "Candace Fields:", "Mr. Fields:"): the label is the
        person's full name or surname (failing that, given name), titles aside. None for
        anyone else (the interviewer, the outlet, "Q"), or when two people share it."""
        words = [w.casefold() for w in strip_honorifics(label.split())]
        if not words:
            return None
        if len(words) == 1:
            entity = self._person_with_name_word(words[0])
        else:
            found = {
                e.entity_id: e for _, _, e in self._people if e.name.casefold().split() == words
            }
            entity = next(iter(found.values())) if len(found) == 1 else None
        return None if entity is None else replace(_named(entity), method="name")

    def _person_by_surname(self, phrase: Span) -> Entity | None:
        """The one person of the article whose full name ends in the phrase's name, when
        the entity stage typed the short form otherwise or missed it ("al-Bayoush said"
        after "Fares al-Bayoush"): news names a person in full, then by surname. Two
        people of that surname (relatives) leave it unresolved; failing a full name, the
        person the entity stage kept under that one word where the model saw a person
        elsewhere ("Awe said" in a story that lost its lead)."""
        words = strip_honorifics(phrase.text.split())
        if len(words) != 1 or words[0].isupper() or not words[0].split("-")[-1][:1].isupper():
            return None
        word = words[0].casefold()
        full = self._person_with_name_word(word)
        if full is not None or any(
            len(e.name.split()) > 1 and word in e.name.casefold().split()
            for _, _, e in self._people
        ):
            return full
        return next((e for _, _, e in self._people if e.name.casefold() == word), None)

    def _person_with_name_word(self, word: str) -> Entity | None:
        """The one person whose full name ends in `word` (before a "Jr."); failing that,
        the one whose full name starts with it (a given name used alone: "Rungrawee
        warned" after "Rungrawee Chalermsripinyorat")."""
        for at in (1, 0):  # the surname ("Whitfield" of "Garnell Whitfield Jr." too), or given
            found = self._people_with_name_part(word, at)
            if found:
                return next(iter(found.values())) if len(found) == 1 else None
        return None

    def _people_with_name_part(self, word: str, at: int) -> dict[str, Entity]:
        """By entity id, the people of the entity stage whose full name has `word` as its
        given name (`at` 0) or surname (`at` 1, before a "Jr.")."""
        word = word.replace(".", "").casefold()
        return {
            entity.entity_id: entity
            for _, _, entity in self._people
            if (parts := person_parts(entity.name)) is not None and parts[at] == word
        }

    def _spelled_out(self, entity: Entity) -> Entity:
        """The organisation an acronym stands for, when the article names exactly one
        whose initials it is ("ORG became ..." after "Ocean Recovery Group"): the entity
        stage merges an acronym only where it is defined in brackets."""
        name = entity.name
        if entity.label != "ORG" or not (name.isalpha() and name.isupper() and len(name) > 1):
            return entity
        found = {
            other.entity_id: other
            for _, _, other in self._mentions
            if other.label == "ORG"
            and " " in other.name
            and _abbreviates(name, initials(other.name))
        }
        return next(iter(found.values())) if len(found) == 1 else entity

    def _titled_by_initials(self, phrase: Span) -> Entity | None:
        """The one person whose title the phrase abbreviates: "the CM said" where the
        article names "Chief Minister Jagan Mohan Reddy", "the ACS" for "additional chief
        secretary (ACS) home Dr Rajesh Rajora" (the model types such initials as an
        organisation). Only a definite "the" + capitals, and only one such person."""
        words = phrase.text.split()
        if len(words) != 2 or words[0].lower() != "the" or not words[1].isalpha():
            return None
        initials = words[1]
        if not (initials.isupper() and 2 <= len(initials) <= 4):
            return None
        text = self._doc.text
        found = {}
        for start, _, entity in self._people:
            before = text[max(0, start - 80) : start].split()[-(len(initials) + 4) :]
            for i in range(len(before) - len(initials) + 1):
                title = before[i : i + len(initials)]
                if (
                    all(w.isalpha() and not w.isupper() for w in title)
                    and "".join(w[0] for w in title).upper() == initials
                    and title[-1].lower() in PERSON_NOUNS
                ):
                    found[entity.entity_id] = entity
        return next(iter(found.values())) if len(found) == 1 else None

    def _missed_person(self, phrase: Span) -> str | None:
        """The full name of a person the entity stage missed, when the article shows it
        is one: "Defence Minister Aime Barthelemy Simpore said" (a title before the name),
        or "Simpore said" after exactly one such full name ending in "Simpore", or one
        whose given name the name table knows; or "Williams said", a surname the article
        names no one by in full, when the model typed it a person's (the entity stage keeps
        no one-word person said once). A bare word with no such evidence stays
        unresolved: it may be a place or a body."""
        words = phrase.text.split()
        if len(words) > 1:
            # A title's holder may follow it ("EU Commissioner for Economy Paolo Gentiloni")
            found = _full_name(words) or _full_name(
                words + [t.text for t in _title_complement(phrase[-1])]
            )
            return found and self._person_ending(found)
        if not _name_word(words[0]) or self._people_with_name_part(words[0], 1):
            return None  # the entity stage's people of that surname: two, or it is theirs
        return self._full_name_ending(words[0]) or self._lone_surname(phrase)

    def _written_in_lower_case(self, word: str) -> bool:
        """Whether the article also writes `word` in lower case, as a word of its own ("the
        world" beside "World Polo", "live" beside "Live Science"): then it is no name."""
        return re.search(rf"\b{re.escape(word.lower())}\b", self._text) is not None

    def _opens_a_name(self, word: str) -> bool:
        """Whether the article writes `word` first in a longer name ("Pradnya Gugale" before
        "adds Pradnya"): then it is a given name, and the person is the longer one."""
        for found in re.finditer(rf"\b{re.escape(word)} [A-Z]", self._text):
            before = self._text[max(0, found.start() - 40) : found.start()].split()
            if not (before and before[-1][:1].isupper() and before[-1][-1:].isalpha()):
                return True
        return False

    def _lone_surname(self, phrase: Span) -> str | None:
        """The one word of `phrase` when the model typed it alone a person's, the article
        never writes it in lower case and it names no known place or body; or the person
        whose surname it misspells ("Nevdivi said" of Ben Nedivi, "Zelenski" of Volodymyr
        Zelensky): news copy spells a name it writes once in passing carelessly."""
        if len(phrase) != 1:
            return None
        token = phrase[0]
        word = token.text
        alone = token.i + 1 >= len(self._doc) or self._doc[token.i + 1].ent_iob_ != "I"
        if token.ent_type_ != "PERSON" or token.ent_iob_ != "B" or not alone:
            return None
        if is_known_place(word) or is_known_organisation(word):
            return None
        if self._written_in_lower_case(word) or self._opens_a_name(word):
            return None
        spelled = {
            e.name
            for _, _, e in self._people
            if " " in e.name and _misspells(word, e.name.split()[-1])
        }
        if len(spelled) > 1:
            return None
        return spelled.pop() if spelled else word

    def _person_ending(self, name: str) -> str:
        """The one person of the article whose longer name ends with `name`, else `name`:
        "Walse Patil said", a compound surname the model typed as a work, is "Dilip Walse
        Patil"."""
        words = name.split()
        longer = {
            e.name
            for _, _, e in self._people
            if len(e.name.split()) > len(words) and e.name.split()[-len(words) :] == words
        }
        return longer.pop() if len(longer) == 1 else name

    def _full_name_ending(self, word: str) -> str | None:
        """The one full name of a person the article writes out that ends in `word`, if
        only one does (the `_full_name` of the run of capitalised proper nouns up to each
        proper noun `word`, or the name of the person whose mention holds it after its
        first word), leaving out a run opened by a "given name" the article also writes as
        a word ("World Polo" after "the world")."""
        if self._proper_nouns is None:
            doc = self._doc
            self._proper_nouns = {}
            if len(doc):
                found = doc.to_array([POS, ORTH])
                for i in np.flatnonzero(found[:, 0] == PROPN).tolist():
                    self._proper_nouns.setdefault(int(found[i, 1]), []).append(i)
        names = set()
        for i in self._proper_nouns.get(self._doc.vocab.strings[word], []):
            token = self._doc[i]
            person = self.entity_at(token.idx, token.idx + len(token.text))
            if person is not None and person.label == "PERSON" and word in person.name.split()[1:]:
                # "Luiz Inácio Lula da Silva": a later word of a person's longer name is
                # theirs, not the end of a name cut off at it ("Luiz Inácio Lula")
                names.add(person.name)
                continue
            run = self._doc[_name_start(token) : i + 1].text.split()
            full = _full_name(run) if len(run) > 1 else None
            if full is not None and not self._written_in_lower_case(full.split()[0]):
                names.add(full)
        return next(iter(names)) if len(names) == 1 else None

    def _unseen_person(self, entity: Entity) -> str | None:
        """The full name of a person whose surname the entity stage kept as a one-word
        place or body because the model missed the full name ("German Arriaza, who
        headed ..." at a paragraph's start, then "Arriaza said", typed a place): the one
        full name opened by a known given name that the article writes out and that no
        one entity mention covers. A known place or organisation keeps its name ("Jordan",
        "Bloomberg"), and so does one that names a person the entity stage found
        ("Bloomberg" beside "Michael Bloomberg")."""
        name = entity.name
        if (
            entity.label not in _MISTYPED_PERSON_LABELS
            or " " in name
            or name.isupper()
            or is_known_place(name)
            or is_known_organisation(name)
            or self._people_with_name_part(name, 1)
            or self._written_in_lower_case(name)
        ):
            return None  # a word the article also writes in lower case: "Live Science"
        full = self._full_name_ending(name)
        if full is None or is_known_place(full.split()[0]):
            return None  # "the Wyoming Republican"
        opens_a_run = False
        for written in re.finditer(rf"\b{re.escape(full)}\b", self._text):
            covering = self._mention_at(written.start(), written.start() + 1)
            if covering is not None and covering[1] >= written.end():
                return None  # one mention of a place or body: "Morgan Stanley"
            before = self._text[max(0, written.start() - 40) : written.start()]
            word = before.split()[-1:]
            opens_a_run = opens_a_run or not (
                word
                and word[0][:1].isupper()
                and word[0][-1:].isalnum()
                and "\n" not in before[before.rindex(word[0]) :]
                and word[0].lower().rstrip(".") not in HONORIFICS | PERSON_NOUNS
            )
        # the name table holds words of every kind: a "given name" inside a longer run
        # of capitals ("People's Republic Eliseo Bertolasi") shows no name's start; a
        # title before it ("Bishop Julito Cortes") does not make a longer run
        return full if opens_a_run else None

    def _name_in(self, phrase: Span, word: str) -> str | None:
        """The full name the phrase itself writes around a one-word name ("VP Amy Winter"
        where the model took only "VP Amy" for the person)."""
        if phrase.root.pos_ != "PROPN":
            return None
        name = self._missed_person(phrase)
        return name if name is not None and word in name.split() else None

    def _full_name_from(self, phrase: Span) -> str | None:
        """The one full name of two or three name words the article starts with the
        phrase's last word ("Somchai Srisutthiyakorn" for "Mr Somchai"), outside any
        organisation or place name."""
        word = phrase[-1]
        found = set()
        for token in self._doc:
            if token.text != word.text or token.i == word.i:
                continue
            end = token.i + 1
            while end < len(self._doc) and end - token.i < 3 and _name_word(self._doc[end].text):
                end += 1
            entity = self.entity_at(token.idx, token.idx + len(token.text))
            if end - token.i >= 2 and (entity is None or entity.label == "PERSON"):
                found.add(self._doc[token.i : end].text)
        return found.pop() if len(found) == 1 else None

    def _appositive_name(self, head: Token) -> Entity | None:
        """ "the assailant, John McGraw, told ...", "One of his lawyers, Hermes Ramírez,
        told": the person named in apposition to the speaker phrase. "The chief of the
        state service for special communication, Yurii Shchyhol, said": the parser hangs
        the name on the last noun of the role's phrase, but a service is no person, so
        the name is the chief's."""
        return self._appositive(head, "PERSON")

    def _appositive(self, head: Token, label: str) -> Entity | None:
        """The entity of `label` named in apposition to the phrase's head (`_appositives`):
        a person for a role, an organisation for a common noun for a body ("The lobby
        group Business Europe said": the group is that organisation)."""
        for token in _appositives(head):
            if token.text in POSTNOMINALS and token.i > 0:
                token = token.nbor(-1)  # "Remy Farrell SC": the parse heads the name by "SC"
            named = self.entity_at(token.idx, token.idx + len(token.text))
            if named is not None and named.label == label:
                return named
        return None

    def _antecedent(
        self, pronoun: Token, gender: str | None, plural: bool, places: bool = False
    ) -> Resolution:
        """The nearest preceding source a pronoun can refer to: a subject of the story's
        own sentences (see `_discourse_subject`) of the pronoun's number and gender
        ("he"/"she" skip people of the other gender and groups; "they"/"it" take only
        organisations and groups: a person is never "it"). A country speaks as "it" only
        (with `places`): "Russia ... They will flatten the earth" are its soldiers or
        officials, not the state."""
        limit = pronoun.idx - PRONOUN_WINDOW
        for source in reversed(self._sources):
            if source.start >= pronoun.idx or not source.subject:
                continue
            if source.start < limit:
                break
            if source.plural != plural:
                continue
            if gender is not None and source.gender not in (None, gender):
                continue
            if not places and source.resolution.label == "GPE":
                continue
            if self._in_report_of(source.start, pronoun):
                continue
            return replace(source.resolution, distance=pronoun.idx - source.start)
        return Resolution()

    def _in_report_of(self, start: int, pronoun: Token) -> bool:
        """Whether the source at `start` lies in the clause the pronoun's own cue reports
        ("However, Wangdi found a log, he said"): one who speaks of himself says "I" or
        "he" there, so the name is whom the report is about, not its speaker."""
        span = self._doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None or span[0].sent != pronoun.sent:
            return False
        node, cue = span[0], pronoun.head
        while node.head.i != node.i and node.head.i != cue.i:
            node = node.head
        return node.head.i == cue.i and node.dep_ in ("ccomp", "parataxis")

    def _candidate_sources(self) -> list[_Source]:
        """Everything a pronoun may refer to: people (singular), organisations and groups
        (plural: "they", "it"), people coordinated as one subject ("X and Y met ... They
        said": a joint statement, credited to the first, as the guide's joint speakers are)
        and unnamed sources."""
        sources = []
        for start, end, entity in self._people:
            subject = self._is_subject(start, end)
            resolution = _named(entity)
            sources.append(
                _Source(start, resolution, self._genders.get(entity.entity_id), False, subject)
            )
            if subject and self._leads_a_pair_of_people(start, end):
                sources.append(_Source(start, resolution, None, True, True))
        sources += [
            _Source(
                start, _named(self._spelled_out(entity)), None, True, self._is_subject(start, end)
            )
            for start, end, entity in self._mentions
            if _entity_kind(entity) in (ORGANIZATION, UNNAMED)
        ]
        for token in self._unknown_names():
            # A word of one person's name is that person ("Rungrawee warned ... She
            # said"), and so is a capitalised role the person bears ("Dr X, the FAO
            # Representative ... The FAO Representative stressed ... He indicated"); any
            # other unknown name only stands in the way.
            known = self._person_with_name_word(token.text) if _name_word(token.text) else None
            phrase = speaker_phrase(token)
            missed = self._missed_person(phrase)
            if known is not None and missed is not None:
                if not set(missed.split()) <= set(known.name.split()):
                    known = None  # "Patrol Chief James Hall" is not Ellie Hall, named earlier
            if known is None and _definite(phrase, token):
                known = self._person_with_role(token)
            if known is not None:
                gender = self._genders.get(known.entity_id)
                sources.append(_Source(token.idx, _named(known), gender, False, True))
            elif missed is not None:
                # "Defence Minister Aime Barthelemy Simpore told ... He denied": the person
                # the entity stage missed, titled or in full, is "he" as a known one would
                # be (a lone word would need a scan of the article: left standing in the way).
                missed_person = Resolution(missed, "PERSON", PERSON, f"name:{missed}")
                sources.append(_Source(token.idx, missed_person, None, False, True))
            else:
                sources.append(_Source(token.idx, Resolution(), None, False, True))
        for i, resolution in self._descriptors.items():
            token = self._doc[i]
            gender = word_gender(token.lower_)
            if _definite(speaker_phrase(token), token) and _is_person_noun(token):
                # "Judge X ... the judge told ... He said": the role is X's, and so is "he".
                known = self._person_with_role(token)
                if known is not None:
                    resolution = _named(known)
                    gender = gender or self._genders.get(known.entity_id)
            sources.append(
                _Source(
                    token.idx,
                    resolution,
                    gender,
                    _is_group(token),
                    _discourse_subject(token, self._quoted),
                )
            )
        sources.sort(key=lambda s: s.start)
        return sources

    def _leads_a_pair_of_people(self, start: int, end: int) -> bool:
        """Whether the person mentioned at [start, end) is coordinated with another person."""
        span = self._doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        return any(
            c.dep_ == "conj"
            and (other := self.entity_at(c.idx, c.idx + len(c.text))) is not None
            and other.label == "PERSON"
            for c in span.root.children
        )

    def _unnamed_sources(self) -> dict[int, Resolution]:
        """Token index of every described source's head noun (a subject that is a person or
        body noun, outside any name) -> its resolution: unnamed, unless a first name is
        given beside it (`_first_name_given`); a definite description ("the official")
        shares the resolution of the last source described by the same noun."""
        found: dict[int, Resolution] = {}
        last_by_role: dict[str, tuple[int, Resolution]] = {}
        nouns: list[int] = []
        if len(self._doc):
            nouns = np.flatnonzero(self._doc.to_array(POS) == NOUN).tolist()
        for i in nouns:
            token = self._doc[i]
            if not _speaking_position(token) or not is_source_noun(token):
                continue
            if self.entity_at(token.idx, token.idx + 1) is not None or self._titles_a_name(token):
                continue
            role = _SAME_ROLE.get(token.lemma_.lower(), token.lemma_.lower())
            determiner = next((c.lower_ for c in token.children if c.dep_ == "det"), None)
            earlier = last_by_role.get(role)
            first_name = _first_name_given(token) if _is_person_noun(token) else None
            resolution = Resolution(kind=UNNAMED, key=f"source:{token.i}")
            if first_name is not None:
                # "One woman there, Viktoria, buried ...": news names an ordinary person
                # by a first name only; the entity stage keeps no one-word name said once
                resolution = Resolution(first_name, "PERSON", PERSON, f"name:{first_name}")
            elif earlier is not None and determiner in ("the", "this", "that"):
                if token.idx - earlier[0] < PRONOUN_WINDOW:
                    resolution = earlier[1]
            last_by_role[role] = (token.idx, resolution)
            found[token.i] = resolution
        return found

    def _unknown_names(self) -> list[Token]:
        """Proper-noun subjects of the story that the entity stage did not recognise, typed
        as a place no gazetteer knows ("Rimsevics is fighting an indictment"), or typed
        as a thing that cannot speak when its words show a person ("Patrol Chief James
        Hall ... said. ... he said"): a pronoun after one most likely refers to it, so it
        stands in the way (resolving to unknown) rather than letting the pronoun reach
        back to an earlier person."""
        names = []
        for i in (
            np.flatnonzero(self._doc.to_array(POS) == PROPN).tolist() if len(self._doc) else []
        ):
            token = self._doc[i]
            if token.dep_ not in _SUBJECTS or not _discourse_subject(token, self._quoted):
                continue
            if is_day(token):
                continue  # "Smith Friday said": a day is no one
            if self.entity_at(token.idx, token.idx + len(token.text)) is None:
                names.append(token)
        for start, end, entity in self._mentions:
            span = self._doc.char_span(start, end, alignment_mode="expand")
            if span is None or not (
                _unknown_place(entity, span.root)
                or (_mute(entity) and self._missed_person(speaker_phrase(span.root)))
            ):
                continue
            if span.root.dep_ in _SUBJECTS and _discourse_subject(span.root, self._quoted):
                names.append(span.root)
        return names

    def _titles_a_name(self, noun: Token) -> bool:
        """Whether a role noun titles or describes a named person ("lawyer Ondrej
        Mularcik", "a spokeswoman, Nicole Navas"): it is that person, no unnamed source."""
        return any(
            child.dep_ in ("appos", "compound", "flat") or child.pos_ == "PROPN"
            for child in noun.children
            if (named := self.entity_at(child.idx, child.idx + len(child.text))) is not None
            and named.label == "PERSON"
        )

    def _person_genders(self) -> dict[str, str]:
        """entity id -> gender of each person the article gives evidence for: an honorific
        or gendered noun right before or in apposition to a mention, else the given name."""
        evidence: dict[str, set[str]] = {}
        for start, end, entity in self._people:
            span = self._doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            said = {g for t in naming_words(span) if (g := word_gender(t.lower_))}
            evidence.setdefault(entity.entity_id, set()).update(said)
        genders: dict[str, str] = {}
        for _, _, entity in self._people:
            said = evidence.get(entity.entity_id, set())
            if len(said) == 1:
                genders[entity.entity_id] = next(iter(said))
            elif not said and (given := given_name_gender(entity.name)):
                genders[entity.entity_id] = given
        return genders

    def _is_subject(self, start: int, end: int) -> bool:
        span = self._doc.char_span(start, end, alignment_mode="expand")
        return span is not None and _discourse_subject(span.root, self._quoted)

    def _role_words(self) -> tuple[list[tuple[int, str, Entity]], dict[str, set[str]]]:
        """(offset, role lemma, person) for every role noun attached to a person mention,
        and by person the words of their roles with the words qualifying them ("chief"
        of "Chief Minister Pema Khandu"; not roles of their own: the "Attorney" of
        "Attorney General" is no attorney)."""
        roles = []
        kinds: dict[str, set[str]] = {}
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
            qualifiers = [
                c for r in related for c in r.children if c.dep_ in _QUALIFYING or _a_state(c)
            ]
            kinds.setdefault(entity.entity_id, set()).update(
                t.lemma_.lower() for t in [*related, *qualifiers]
            )
            for token in related:
                if token.pos_ in ("NOUN", "PROPN"):
                    roles.append((start, token.lemma_.lower(), entity))
        return roles, kinds

    def _issuer(self, text: Token) -> Resolution | None:
        """Who issued "the statement" (or letter, email ...) that speaks: the named source
        that last spoke "in a statement" within a pronoun's reach before it ("In a
        statement, Israel's military said ... the statement added")."""
        doc = self._doc
        lemma = text.lemma_.lower()
        for token in reversed(doc[: text.i]):
            if text.idx - token.idx > PRONOUN_WINDOW:
                break
            if token.lemma_.lower() != lemma or token.dep_ != "pobj":
                continue
            cue = token.head.head
            if token.head.lower_ != "in" or cue.pos_ != "VERB":
                continue
            subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
            if subject is None or is_authored_text(subject):
                return None
            found = self.resolve(speaker_phrase(subject), subject)
            return found if found.kind in (PERSON, ORGANIZATION) else None
        return None

    def _state_body(self, phrase: Span, noun: Token) -> str | None:
        """The name of a country's institution written as the country's possession:
        "Israel's military", "Ukraine's foreign ministry" name one body as "the Israeli
        military" does (QUOTES-GUIDE.md: a named organisation), not an unnamed source.
        Only a body of the state counts ("Israel's military", not "Israel's side")."""
        if noun.lemma_.lower() not in _STATE_BODIES:
            return None
        start = 1 if phrase[0].lower_ == "the" else 0
        if len(phrase) - start > 1 and phrase[-1].i == noun.i:
            # "the Russian defense ministry", "the Indian Embassy", "the U.N. human rights
            # office", "Buffalo police": a nation's, a place's or an institution's body by
            # its demonym or name, as named as "Russia's defense ministry"
            first = phrase[start]
            named = self.entity_at(first.idx, first.idx + len(first.text))
            whose = any(t.tag_ == "POS" for t in phrase)  # "The Texas Republican's office"
            if not whose and (
                is_demonym(first.text)
                or (first.pos_ == "PROPN" and named is not None and named.label in ("GPE", "ORG"))
            ):
                return phrase[start:].text
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None or owner.left_edge.i != phrase.start or owner.pos_ != "PROPN":
            return None
        # the owner's name ends at the owner: "Saudi Arabia's", "the United States'" (not
        # "the Texas Republican's", whose "Texas" is no owner)
        entity = self.entity_at(owner.idx, owner.idx + len(owner.text))
        if entity is None or entity.label != "GPE":
            return None
        return phrase.text

    def _of_a_state(self, phrase: Span) -> bool:
        """Whether a phrase opens with a country's or a place's name or its demonym
        ("Colombia's army", "the Russian defense ministry"), not a body's ("the U.N.
        rights office")."""
        first = phrase[1] if phrase[0].lower_ == "the" and len(phrase) > 1 else phrase[0]
        named = self.entity_at(first.idx, first.idx + len(first.text))
        return is_demonym(first.text) or (named is not None and named.label == "GPE")

    def _state_body_before(self, noun: Token) -> tuple[int, str] | None:
        """Where and how the last body of a state with the noun's head was named within a
        pronoun's reach before it ("Colombia's army said ... The army said"), holding the
        common words before the noun ("the federal government" is not "the Russian
        government")."""
        lemma = noun.lemma_.lower()
        kinds = _kind_words(noun)
        for token in reversed(self._doc[: noun.i]):
            if noun.idx - token.idx > PRONOUN_WINDOW:
                break
            if token.lemma_.lower() == lemma and token.pos_ == "NOUN":
                named = self._state_body(speaker_phrase(token), token)
                if named is not None and kinds <= set(named.split()):
                    return token.idx, named
        return None

    def _body_named(self, noun: Token, after: int = -1) -> Entity | None:
        """The organisation a definite body noun shortens: "the commission" after the
        "European Commission", "the ministry" after the "Defence Ministry", "the panel"
        after the "Intergovernmental Panel on Climate Change" (the last one
        whose name ends in that noun, within a pronoun's reach); failing that, the one
        organisation named so earlier in the article, however far back: a story names
        the body once in full, then keeps calling it "the commission". Only one named
        `after` that offset: a state's body named since ("Colombia's army") is "the army"
        the story now means, not the "National Liberation Army" before it."""
        lemma = noun.lemma_.lower().rstrip("s")
        # "the defense ministry" is not the "Ministry of External Affairs": a common word
        # before the noun must be in the name ("the U.N. panel" may drop a name's own).
        kinds = _kind_words(noun)
        i = bisect_right(self._starts, noun.idx)
        earlier: dict[str, Entity] = {}
        for start, _, entity in reversed(self._mentions[:i]):
            if start < after:
                break
            words = entity.name.lower().split()
            if (
                entity.label != "ORG"
                or not words
                or _body_word(words).rstrip("s") != lemma
                or not kinds <= set(words)
            ):
                continue
            if noun.idx - start <= PRONOUN_WINDOW:
                return entity
            earlier[entity.entity_id] = entity
        return next(iter(earlier.values())) if len(earlier) == 1 else None

    def _body_introduced_as(self, noun: Token) -> Entity | None:
        """The last organisation the story introduced with the noun itself, right before
        its name ("the streaming company Twitch", "fintech firm BharatPe"; not "The
        company that's made Disney's soap") or in apposition after it ("EasyJet, the
        budget airline,"): "the company said" is that one, as "the official" is the
        person introduced so. Within a pronoun's reach only."""
        lemma = noun.lemma_.lower()
        i = bisect_right(self._starts, noun.idx)
        for start, end, entity in reversed(self._mentions[:i]):
            if noun.idx - start > PRONOUN_WINDOW:
                break
            if entity.label != "ORG" or end > noun.idx:
                continue
            before = self._text[max(0, start - 40) : start]
            right_before = before.split()[-1:] if before[-1:] == " " else []
            after = _INTRODUCED_AFTER.match(self._text, end)
            if right_before == [lemma] or (after is not None and after.group(1).lower() == lemma):
                return entity
        return None

    def _organisation_carried_on(self, noun: Token) -> Resolution | None:
        """The organisation "the company", "the firm" or "the agency" is when the story's
        last subject, close before, is an organisation and the last one named ("BharatPe
        on Tuesday said ... In a statement, the firm said"), as "it" would be; not when
        another organisation was named since, nor when the noun is described anew ("REC
        Group, a solar energy company ... Oil & Natural Gas Corporation Ltd | The
        state-owned company said")."""
        if noun.lemma_.lower() not in _ORGANISATION_NOUNS or noun.tag_ != "NN":
            return None
        if [c.lower_ for c in noun.lefts] != ["the"]:
            return None  # "the state-owned company" describes one anew
        found = self._antecedent(noun, gender=None, plural=True)
        if found.kind != ORGANIZATION or found.distance > _GROUP_PRONOUN_REACH:
            return None
        i = bisect_right(self._starts, noun.idx)
        last = next((e for _, _, e in reversed(self._mentions[:i]) if e.label == "ORG"), None)
        return found if last is not None and found.key == _named(last).key else None

    def _person_with_role(self, noun: Token) -> Entity | None:
        """The last person introduced with the noun's role before it; failing that, one
        introduced right after it (a lead's "The Polish president said ..." named in the
        next sentence: "President Andrzej Duda ...")."""
        lemma = noun.lemma_.lower()
        kinds = _qualifiers(noun)
        if lemma == "leader" and (leader := self._national_leader(noun, kinds)) is not None:
            return leader
        if kinds:
            # "the chief minister" is the one titled "Chief Minister", not the "education
            # minister" named since
            titled = self._person_with_role_words(noun, lemma, kinds)
            if titled is not None:
                return titled
        found = self._person_with_role_words(noun, lemma, set())
        if found is not None and _other_nations(
            kinds, self._role_kinds.get(found.entity_id, set())
        ):
            return None  # "the American president" is not the "Ghanaian President" named
        return found

    def _national_leader(self, noun: Token, kinds: set[str]) -> Entity | None:
        """The last head of state or government of the role's nation named before it:
        "the Kazakh leader" after "Kazakh President Kassym-Jomart Tokayev", "The
        Ukrainian leader" after "Ukraine's President Volodymyr Zelensky". A leader of no
        nation ("the opposition leader") is left to the role's own words."""
        mine = _nations(kinds)
        if not mine:
            return None
        for start, role, entity in reversed(self._roles):
            if start >= noun.idx:
                continue
            theirs = self._role_kinds.get(entity.entity_id, set())
            heads = role in _HEADS_OF_STATE or (role == "minister" and "prime" in theirs)
            if heads and _one_nation(mine, _nations(theirs)):
                return entity
        return None

    def _person_with_role_words(self, noun: Token, lemma: str, kinds: set[str]) -> Entity | None:
        found, found_at = None, 0
        for start, role, entity in self._roles:
            if role != lemma or not kinds <= self._role_kinds.get(entity.entity_id, set()):
                if start - noun.idx > _NAMED_NEXT:
                    break
                continue
            if start >= noun.idx:
                if found is None and start - noun.idx <= _NAMED_NEXT:
                    return entity
                if start - noun.idx > _NAMED_NEXT:
                    break
                continue
            found, found_at = entity, start
        if found is not None and self._introduced_anew(lemma, found_at, noun):
            return None
        return found

    def _introduced_anew(self, lemma: str, after: int, noun: Token) -> bool:
        """Whether someone new with the role was brought in between the named holder and
        `noun` ("She recalled asking an officer for help, and the officer responding ...":
        the officer is that one, not the officer named before)."""
        span = self._doc.char_span(after, noun.idx, alignment_mode="expand")
        return span is not None and any(
            t.lemma_.lower() == lemma
            and t.i != noun.i
            and t.dep_ != "appos"  # "Hassan Sheikh, a professor who ...": the holder's own
            and t.head.pos_ != "PROPN"
            and any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in t.children)
            for t in span
        )


#: Prepositions after a role that introduce its members, not whom it serves.
_MEMBER_PREPOSITIONS = frozenset(("like", "including"))
#: Words that end an organisation's name before what it is of or for.
_NAME_PREPOSITIONS = frozenset({"of", "on", "for", "in", "to"})


def _qualifiers(noun: Token) -> set[str]:
    """The words qualifying a role noun ("chief", "american" of "the American president")."""
    return {c.lemma_.lower() for c in noun.children if c.dep_ in _QUALIFYING}


def _a_state(token: Token) -> bool:
    """A place owning a role ("Ukraine's President"): it qualifies it as a demonym does."""
    return token.dep_ == "poss" and is_known_place(token.text)


def _other_nations(kinds: set[str], theirs: set[str]) -> bool:
    """Whether a role's words name a nation and a person's role words name only others
    ("american" against "ghanaian", "ukraine" against "russian"; "ukrainian" and
    "ukraine" are one, as any two sharing four letters are)."""
    mine = _nations(kinds)
    other = _nations(theirs)
    if not mine or not other or (mine | other) & IRREGULAR_DEMONYMS:
        return False
    return not _one_nation(mine, other)


def _one_nation(mine: set[str], theirs: set[str]) -> bool:
    """Whether two sets of nation words share a nation: any two words sharing their first
    four letters ("ukrainian" and "ukraine")."""
    return any(a[:4] == b[:4] for a in mine for b in theirs)


def _nations(words: set[str]) -> set[str]:
    return {w for w in words if is_demonym(w.capitalize()) or is_known_place(w)}


def _kind_words(noun: Token) -> set[str]:
    """The common words that say what kind of body a noun is ("defense" of "the defense
    ministry")."""
    return {t.text for t in noun.lefts if t.dep_ in _QUALIFYING and t.is_lower}


def _state_named(name: str) -> Resolution:
    """A state's body as a named organisation ("Colombia's army")."""
    return Resolution(name, "ORG", ORGANIZATION, "name:" + name.replace("’", "'"), "name")


def _body_word(words: list[str]) -> str:
    """The noun an organisation's lower-cased name is built on: its last word before a
    preposition ("panel" in "intergovernmental panel on climate change", "bank" in "bank
    of england"), else its last word ("commission" in "european commission")."""
    for i, word in enumerate(words[1:], start=1):
        if word in _NAME_PREPOSITIONS:
            return words[i - 1]
    return words[-1]


def is_day(token: Token) -> bool:
    """Whether `token` is a day word ("Friday", "yesterday"): it dates a statement ("Dr
    Jane Smith Friday said", where the parser takes it for the subject, the name hung on it
    or before it) and never speaks."""
    return token.lower_ in _DAYS


def _discourse_subject(token: Token, quoted: Sequence[tuple[int, int]]) -> bool:
    """Whether `token` is a subject the story itself is about at that point: the subject of
    a main clause or of a speech verb, outside quotation marks. In "X said the violence
    under Y, who was in power, ..." Y is inside what X said; a name quoted in "“Y looks
    worried,” he said" is someone the speaker talks about."""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if after is not None and is_day(after) and after.dep_ in _SUBJECTS:
        token = after  # "Dr Jane Smith Friday said": the parser takes the day for the subject
    if token.dep_ == "appos":  # "One of his lawyers, Hermes Ramírez, told ..."
        token = token.head
        if token.dep_ == "pobj" and token.head.dep_ == "prep":
            token = token.head.head
    # "Boris Johnson, who ..., headed to Kiev": the parser reads the sentence's verb as a
    # participle hung on the name, which is the sentence's subject
    misread_root = (
        token.dep_ == "ROOT"
        and token.pos_ == "PROPN"
        and any(
            c.dep_ == "acl" and c.i > token.i and c.tag_ in ("VBN", "VBD") for c in token.children
        )
    )
    # "Speaking from a stage in Redmond, Washington, Chief Executive Satya Nadella said
    # that": the parser hangs the name on "in" and makes "Speaking" the subject, but a
    # name right before a speech verb with no subject of its own is who speaks
    before_cue = (
        token.pos_ == "PROPN"
        and after is not None
        and after.tag_ in ("VBD", "VBZ", "VBP")
        and after.lemma_.lower() in SPEECH_VERBS
        and not any(c.dep_ == "nsubj" for c in after.children)
    )
    # the source of "according to Anton Gerashchenko, an adviser ..." is one, as a
    # subject is: "he said" after it may be him
    cited = token.dep_ == "pobj" and _speaking_position(token)
    # so is the agent of a main clause's passive speech verb: "Such warnings were echoed by
    # U.N. chief Guterres, ... “...,” he said" (not of a participle: "Mr Doyle, instructed
    # by solicitor Vivienne Barror, told ...")
    cited = cited or (
        token.dep_ == "pobj"
        and token.head.dep_ == "agent"
        and token.head.head.dep_ == "ROOT"
        and token.head.head.lemma_.lower() in SPEECH_VERBS
    )
    # and the one a main clause quotes: "Forbes quoted Jennifer Granick, a counsel at the
    # ACLU. She called ...": the story turns to what she says
    cited = cited or (
        token.dep_ == "dobj"
        and token.head.dep_ == "ROOT"
        and token.head.lemma_.lower() in QUOTING_VERBS
    )
    if token.dep_ not in _SUBJECTS and not (misread_root or before_cue or cited):
        return False
    i = bisect_right(quoted, (token.idx, sys.maxsize)) - 1
    if i >= 0 and quoted[i][0] <= token.idx < quoted[i][1]:
        return False
    if misread_root or before_cue or cited:
        return True
    verb = token.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT" or verb.lemma_.lower() in SPEECH_VERBS


def _unknown_place(entity: Entity, token: Token) -> bool:
    """A one-word "place" no gazetteer knows: as a subject, more likely a misread name."""
    return (
        entity.label == "GPE"
        and " " not in entity.name
        and not is_known_place(entity.name)
        and not is_known_place(token.text)
    )


def _mute(entity: Entity) -> bool:
    """A name typed as something that cannot speak and is not a place."""
    return _entity_kind(entity) == NONE and entity.label not in ("GPE", "LOC", "FAC")


def _misspells(word: str, surname: str) -> bool:
    """Whether `word` is `surname` with a letter or two wrong ("Arestovic", "Resemberg"):
    the same first letter and at least `_SPELLING_LIKENESS` of their letters alike."""
    return (
        word != surname
        and word[:1] == surname[:1]
        and SequenceMatcher(None, word.lower(), surname.lower()).ratio() >= _SPELLING_LIKENESS
    )


def _name_word(word: str) -> bool:
    """A capitalised word of a person's name ("Simpore", "al-Bayoush"), not an acronym."""
    last = word.split("-")[-1]
    return last[:1].isupper() and last.isalpha() and not last.isupper()


def _name_start(token: Token) -> int:
    """Index of the first word of the capitalised run of proper nouns ending at `token`."""
    doc, start = token.doc, token.i
    while start > 0:
        before = doc[start - 1]
        if before.pos_ == "PROPN" and before.is_title:
            start -= 1
        elif (
            before.text == "-" and not before.whitespace_ and start > 1 and doc[start - 2].is_title
        ):
            start -= 2  # "Ann-Sophie Adamsen": a hyphenated given name
        else:
            break
    return start


def _names_someone(words: list[Token]) -> bool:
    """Whether a title's portfolio is someone's ("Adelson's Sands") or ends in a person's
    title ("to President"): the name after it is that person's, not the role holder's."""
    last = words[-1]
    return any(is_possessive(w) for w in words) or (
        last.lemma_.lower() in PERSON_NOUNS or last.lower_.rstrip(".") in HONORIFICS
    )


def _in_prepositional(token: Token, head: Token) -> bool:
    """Whether `token` lies in a prepositional phrase under `head`."""
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ == "prep":
            return True
        token = token.head
    return False


def _appositive_full_name(role: Token) -> str | None:
    """A person's full name in apposition to a role that the entity stage missed ("The
    head of Ukraine's security council, Oleksiy Danilov, had urged": the model took the
    name for an organisation), when its given name is a known one."""
    for token in _appositives(role):
        name = token.doc[token.left_edge.i : token.i + 1]
        if all(t.pos_ == "PROPN" for t in name):
            return _full_name(name.text.split())
    return None


def _appositives(head: Token) -> list[Token]:
    """The words in apposition to a speaker phrase's head, or to the last noun of its
    phrase when the head is a role and that noun is none ("The chief of the state service
    ..., Yurii Shchyhol")."""
    role = head.lemma_.lower() in PERSON_NOUNS
    return [
        token
        for token in head.subtree
        if token.dep_ == "appos"
        and (token.head.i <= head.i + 3 or role and token.head.lemma_.lower() not in PERSON_NOUNS)
    ]


def _full_name(words: list[str]) -> str | None:
    """The person's name in a run of capitalised words, if the run shows it is one: the
    two or three name words after its last title ("Defence Minister Aime Barthelemy
    Simpore"), from the known given name after a title's portfolio ("EU Commissioner for
    Economy Paolo Gentiloni"), or from a known given name in a run with no title."""
    words = strip_postnominals(words)
    titled = [i for i, w in enumerate(words) if w.lower().strip(".") in PERSON_NOUNS]
    given = [i for i, w in enumerate(words) if w[:1].isupper() and given_name_gender(f"{w} _")]
    starts = [titled[-1] + 1] if titled else []
    if not starts or starts[0] < len(words) and words[starts[0]] in _PORTFOLIO_LINKS:
        starts = [i for i in given if not titled or i > titled[-1]]
    for start in starts:
        name = strip_honorifics(words[start:])
        # after a title, a name may open with initials written without dots ("Revenue
        # Minister R Ashoka", "Chief Minister M K Stalin")
        initials = titled and start == titled[-1] + 1
        opening = [_name_word(w) or (initials and _INITIAL.fullmatch(w)) for w in name[:-1]]
        if 2 <= len(name) <= 3 and all(opening) and _name_word(name[-1]):
            # a body's head ends no name cut from a longer run or of three words ("The
            # Indian High Commission": the table's given names hold "High"; "Karen
            # National Union"), though it may end a surname ("Darren Service")
            cut = start > 0 and start - 1 not in titled
            body = name[-1].lower() in BODY_NOUNS and (cut or len(name) == 3)
            return None if body else " ".join(name)
    return None


def _first_name_given(noun: Token) -> str | None:
    """The first name given beside a noun describing a person ("One woman there,
    Viktoria, ...", "a young man named Dima"): a known given name in apposition, or any
    name after "named"."""
    for child in noun.children:
        if child.dep_ == "appos" and _one_name(child, ("PROPN", "NOUN")):
            if given_name_gender(f"{child.text} _"):
                return child.text
        if child.dep_ == "acl" and child.lower_ == "named":
            name = next(
                (
                    c
                    for c in child.children
                    if c.dep_ in ("oprd", "dobj", "attr") and _one_name(c, ("PROPN",))
                ),
                None,
            )
            if name is not None:
                return name.text
    return None


def _one_name(token: Token, parts: tuple[str, ...]) -> bool:
    """Whether `token` is a capitalised proper noun with no word of `parts` under it: a
    name of one word."""
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and not any(c.pos_ in parts for c in token.children)
    )


def _definite(phrase: Span, head: Token) -> bool:
    """ "the official", "its spokeswoman", "the country's president": a source met before."""
    return phrase[0].lower_ in ("the", "this", "that") or any(
        c.dep_ == "poss" for c in head.children
    )


def _is_person_noun(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return lemma not in BODY_NOUNS and not is_authored_text(token)


def _title_complement(head: Token) -> list[Token]:
    """The words after a title that name its holder: "Commissioner [for Economy Paolo
    Gentiloni]", "High Commissioner for Human Rights [Michelle Bachelet]" (the parser
    hangs the name inside the title's prepositional phrase)."""
    words = []
    for token in head.doc[head.i + 1 : head.i + 9]:
        if token.is_punct or token.pos_ in ("VERB", "AUX") or token.head.i < head.i:
            break
        words.append(token)
    return words


def _speaking_position(token: Token) -> bool:
    """A subject, or the object of "according to": where a source stands."""
    if token.dep_ in _SUBJECTS:
        return True
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ == "to" and prep.head.lower_ == "according"


def _is_group(token: Token) -> bool:
    """A plural noun, or a body that speaks as one ("officials", "the ministry")."""
    return token.tag_ in ("NNS", "NNPS") or token.lemma_.lower() in BODY_NOUNS
