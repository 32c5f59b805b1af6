"""A person's gender as the article tells it, then as the given-name table does.

Order of evidence (`entities.gender_evidence`):
1. an honorific or a gendered noun naming the person ("Mrs. Fischer", "spokeswoman Jen
   Psaki": `gender.naming_words`), when all of them agree;
2. personal pronouns that refer to the person: the subject pronoun of what the person
   reports ("Smith said she would ...": `_reporter`), and "he"/"she"/"his"/"her" outside
   quotation marks whose sentence names exactly one person before it (or, when it names
   none, whose previous sentence names exactly one) and no other person noun in between
   ("Smith's wife said she" is the wife), nor an object pronoun in the name's own sentence
   ("Smith praised her"); never a name that modifies a noun ("the Biden administration"),
   nor one in what the pronoun's own verb reports ("Putin does nothing, she said": news
   text often lost its quotation marks), nor the subject of a report whose speaker is
   no person of the article ("Texan Anja Osmon said she"); a pronoun carries on with an
   earlier pronoun of its gender that comes before the names it could take ("She spoke,
   calling on Smith. She added"; "her lead over Sunak ... want her to": not them);
   three in four of them must agree;
3. the given-name table (`gender.given_name_gender`, names one gender holds >= 95%);
4. "unknown". A surname alone never decides.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence

import numpy
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from newsbeam.transforms.entities.gender import (
    GIVEN_NAME,
    PRONOUN,
    PRONOUN_GENDER,
    given_name_gender,
    naming_words,
    word_evidence,
)
from newsbeam.transforms.entities.person_roles import is_role_word

UNKNOWN = "unknown"
#: Share of a person's pronouns that must agree on one gender.
PRONOUN_AGREEMENT = 0.75
_QUOTE_MARKS = frozenset('"“”')
_PRONOUN_IDS = [get_string_id(word) for word in PRONOUN_GENDER]
#: The pronouns' word ids by gender, for `_earlier_pronoun`.
_GENDER_PRONOUN_IDS = {
    gender: [get_string_id(w) for w, g in PRONOUN_GENDER.items() if g == gender]
    for gender in set(PRONOUN_GENDER.values())
}
#: Dependency labels of what a verb of saying reports.
_REPORTED = frozenset(("ccomp", "parataxis"))
#: Verbs of reporting whose complement's subject pronoun is, in news, their subject
#: ("Smith said he would run").
REPORTING_VERBS = frozenset(
    "say add tell note insist claim explain write announce argue warn state tweet reply "
    "stress acknowledge admit".split()
)
#: Dependency labels of words that describe a name rather than name someone else.
_DESCRIBING = frozenset(("appos", "compound", "attr"))
#: Dependency labels of object pronouns ("Smith praised her", "told him").
_OBJECTS = frozenset(("dobj", "pobj", "dative", "obj", "iobj"))


def stated_gender(names: Sequence[Span]) -> tuple[str, str] | None:
    """(gender, kind) the honorifics and gendered nouns at a person's mentions give, when
    they all agree."""
    said = {e for name in names for t in naming_words(name) if (e := word_evidence(t.text))}
    genders = {gender for gender, _ in said}
    if len(genders) != 1:
        return None
    kinds = sorted(kind for _, kind in said)
    return genders.pop(), kinds[0]


def _inside_marks(
    token: Token, sentence: Span, text: str, quoted: Sequence[tuple[int, int]]
) -> bool:
    """Whether a token is inside quoted words: a quote span, or after an odd number of
    quotation marks in its sentence."""
    if any(start <= token.idx < end for start, end in quoted):
        return True
    before = text[sentence.start_char : token.idx]
    return sum(before.count(mark) for mark in _QUOTE_MARKS) % 2 == 1


def _other_person_noun(doc: Doc, start: int, end: int) -> bool:
    """A singular person noun between two token positions that does not describe a name
    (an apposition, a title, what "who is" says): another possible antecedent ("Smith's
    wife", "an official")."""
    for token in doc[start:end]:
        if token.tag_ == "NNS" or token.pos_ != "NOUN" or not is_role_word(token):
            continue  # a plural ("reporters") is no antecedent of "he" or "she"
        if not any(t.dep_ in _DESCRIBING for t in (token, *token.ancestors)):
            return True
    return False


def pronoun_referents(
    doc: Doc, text: str, people: dict[str, list[Span]], quoted: Sequence[tuple[int, int]] = ()
) -> list[tuple[Token, str]]:
    """(pronoun, entity id) for each "he"/"she"/"his"/"her" that can only refer to that
    person (`text`: the article's text, of the Doc's length; `quoted`: spans of quoted
    words): what it says of them is theirs (`pronoun_votes`, `person_roles.pronoun_roles`)."""
    sentences = list(doc.sents)
    starts = [sent.start for sent in sentences]
    by_sentence: dict[int, list[tuple[Span, str]]] = {}
    for entity_id, names in people.items():
        for name in names:
            n = bisect_right(starts, name.start) - 1
            if not _inside_marks(name[0], sentences[n], text, quoted) and not _modifier(name):
                by_sentence.setdefault(n, []).append((name, entity_id))
    owner = {
        i: e for names in by_sentence.values() for m, e in names for i in range(m.start, m.end)
    }
    resolved: dict[int, str] = {}  # pronoun's token index -> entity id
    # The pronouns, found in the parse's arrays: a Token object per word costs more.
    lowers = doc.to_array("LOWER")
    for i in numpy.flatnonzero(numpy.isin(lowers, _PRONOUN_IDS)):
        token = doc[int(i)]
        n = bisect_right(starts, token.i) - 1
        if _inside_marks(token, sentences[n], text, quoted):
            continue
        ahead = _cataphor(token, owner)
        if ahead is not None:
            resolved[token.i] = ahead
            continue
        before = [(m, e) for m, e in by_sentence.get(n, []) if m.end <= token.i]
        if before and token.dep_ in _OBJECTS:
            # "Smith praised her": an object pronoun is not the subject of its own sentence.
            continue
        if _reports_on(token, before):
            continue
        reporter = _reporter(token, owner)
        if reporter is not None:
            if reporter:
                resolved[token.i] = reporter
            continue
        first = min((name.start for name, _ in before), default=token.i)
        earlier = _earlier_pronoun(token, lowers, sentences[n].start, first)
        if earlier is None and not before and n > 0:
            before = by_sentence.get(n - 1, [])
            first = min((name.start for name, _ in before), default=token.i)
            earlier = _earlier_pronoun(token, lowers, sentences[n - 1].start, first)
        if earlier is not None:
            # "She brings ... her background": her carries on with the earlier "she",
            # whoever that is, not with a person named after it ("..., she said, calling
            # for Blinken. She added"; "her lead over Sunak, ... want her to": not them).
            if earlier in resolved:
                resolved[token.i] = resolved[earlier]
            continue
        if len({e for _, e in before}) != 1:
            continue
        last = max(n.end for n, _ in before)
        if _other_person_noun(doc, last, token.i):
            continue
        resolved[token.i] = before[0][1]
    return [(doc[i], entity_id) for i, entity_id in resolved.items()]


def pronoun_votes(referents: Sequence[tuple[Token, str]]) -> dict[str, Counter[str]]:
    """entity id -> genders of the pronouns that can only refer to that person
    (`pronoun_referents`)."""
    votes: dict[str, Counter[str]] = {}
    for token, entity_id in referents:
        votes.setdefault(entity_id, Counter())[PRONOUN_GENDER[token.lower_]] += 1
    return votes


def _reporter(pronoun: Token, owner: dict[int, str]) -> str | None:
    """The person whose report a subject pronoun opens: "Herzog thanked Duda and added he
    expects ...", "Smith said she would ..." (the subject of the reporting verb, through
    the verbs it is joined to, or the name a "who" stands for); "" when that subject is
    no person of the article ("Texan Anja Osmon said she went", the name unfound: she is
    nobody else); None when the pronoun opens no report or its subject is a pronoun."""
    if pronoun.dep_ != "nsubj" or pronoun.head.dep_ != "ccomp":
        return None
    verb = pronoun.head.head
    if verb.lemma_.lower() not in REPORTING_VERBS:
        return None
    while True:
        for child in verb.lefts:
            if child.dep_ != "nsubj":
                continue
            if child.tag_ == "WP" and verb.dep_ == "relcl":  # "Hochul, who said she"
                return owner.get(verb.head.i, "")
            return None if child.tag_ == "PRP" else owner.get(child.i, "")
        if verb.dep_ != "conj":
            return None
        verb = verb.head


def _cataphor(pronoun: Token, owner: dict[int, str]) -> str | None:
    """The person a pronoun points forward to: the named subject, after it, of the verb
    its phrase hangs from ("In her speech, Mary Jones said ...", "After his arrest, Smith
    was ..."): news fronts such phrases, and the pronoun is then the subject's, not that of
    someone named before. None when the subject is no person of the article or comes
    first."""
    verb = pronoun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for child in verb.lefts:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i > pronoun.i:
            return owner.get(child.i)
    return None


def _modifier(name: Span) -> bool:
    """A name that modifies a noun rather than naming someone in the sentence ("the Biden
    administration", "the Hunter Biden laptop story"): no antecedent of a pronoun."""
    last = name[-1]
    return last.dep_ == "compound" and not name.start <= last.head.i < name.end


def _reports_on(pronoun: Token, names: Sequence[tuple[Span, str]]) -> bool:
    """Whether one of `names` is in what a subject pronoun's verb reports (its clausal
    complement): the speaker is not who their words name ("Putin is doing nothing to stop
    it, she said": she is not Putin; news text often lost the quotation marks)."""
    if not pronoun.dep_.startswith("nsubj"):
        return False
    reports = [c for c in pronoun.head.children if c.dep_ in _REPORTED and c.i < pronoun.i]
    return any(
        c.left_edge.i <= name.start and name.end <= c.right_edge.i + 1
        for c in reports
        for name, _ in names
    )


def _earlier_pronoun(pronoun: Token, lowers: numpy.ndarray, start: int, end: int) -> int | None:
    """The index of the last pronoun of `pronoun`'s gender in tokens [start, end), if any
    (`lowers`: the doc's LOWER array, read instead of a Token object per word)."""
    ids = _GENDER_PRONOUN_IDS[PRONOUN_GENDER[pronoun.lower_]]
    same = numpy.flatnonzero(numpy.isin(lowers[start:end], ids))
    return start + int(same[-1]) if len(same) else None


def person_gender(
    name: str, names: Sequence[Span], pronouns: Counter[str] | None
) -> tuple[str, str | None]:
    """(gender, evidence) of one person: see the module docstring."""
    stated = stated_gender(names)
    if stated is not None:
        return stated
    if pronouns:
        gender, count = pronouns.most_common(1)[0]
        if count >= PRONOUN_AGREEMENT * sum(pronouns.values()):
            return gender, PRONOUN
    given = given_name_gender(name, person=True)
    if given is not None:
        return given, GIVEN_NAME
    return UNKNOWN, None
