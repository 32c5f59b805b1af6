"""Who can be a source: people, the roles and groups they are named by, and institutions.

A speaker phrase without a name ("a senior State Department official", "the ministry",
"prosecutors") is an unnamed source when its head is a word for a person, a group of
people or a body that speaks; "the shockwave", "growth" or "climate change" never
speak, whatever verb follows them. The lexicon is general English, not any article's.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from newsbeam.transforms.entities import PERSON_NOUNS

#: Words for bodies that speak as one: governments, agencies, firms, groups (lemmas).
BODY_NOUNS = frozenset(
    """
    government administration ministry department agency office bureau commission
    committee council board panel parliament congress senate assembly legislature cabinet
    court tribunal authority regulator police military army navy force forces command
    embassy consulate mission delegation party campaign coalition alliance union league
    federation association organisation organization group company firm corporation
    business bank lender insurer carrier airline operator manufacturer maker retailer
    developer provider utility utilities company network broadcaster newspaper outlet
    agency institute foundation charity fund university school college hospital clinic
    church mosque club team side family household state states country nation kingdom
    republic regime junta province county city town municipality village community
    service services secretariat presidency kremlin palace headquarters prosecution
    defence defense
    """.split()
)
#: Texts that have an author who speaks through them ("a statement said", "the
#: spokesman's email said"); documents of findings (reports, studies) are not here.
AUTHORED_TEXTS = frozenset(
    """
    statement letter email note memo release post tweet message headline invitation
    footnote
    """.split()
)
#: Small words an acronym skips ("Economic and Financial Crimes Commission", EFCC).
_ACRONYM_SKIPS = frozenset("and of the for on in de".split())
_WORD = re.compile(r"\w+")
#: Endings of agent nouns ("campaigner", "negotiator", "economist", "Republican").
_AGENT_ENDINGS = ("ist", "ian", "eer", "man", "men", "woman", "women", "person", "people")


def is_source_noun(token: Token) -> bool:
    """Whether a common noun names someone who can make a statement."""
    lemma = token.lemma_.lower()
    lower = token.lower_
    if lemma in PERSON_NOUNS or lemma in BODY_NOUNS or lower in PERSON_NOUNS or lower in BODY_NOUNS:
        return True
    return lemma.endswith(_AGENT_ENDINGS) and len(lemma) > 4


def is_authored_text(token: Token) -> bool:
    return token.lemma_.lower() in AUTHORED_TEXTS


def initials(name: str) -> str:
    """The acronym a name is shortened to: the first letters of its words but the small
    ones ("the Economic and Financial Crimes Commission" -> "EFCC")."""
    words = _WORD.findall(name)
    if words and words[0].casefold() in ("the", "a", "an"):
        words = words[1:]
    return "".join(w[0] for w in words if w.casefold() not in _ACRONYM_SKIPS).upper()
