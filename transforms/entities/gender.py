"""What an article tells of a person's gender: honorifics, gendered nouns, given names.

Evidence comes from the article first: an honorific before a mention ("Mrs. Fischer",
"Sir Keir"), a gendered noun naming the person ("spokeswoman Jen Psaki", "his mother,
Adrianne"). Only without it does the shipped table of given names speak, and only for
names one gender holds at least 95% of (see `newsbeam.name_table`). A surname alone
never decides anything; "unknown" is an answer.
"""

from __future__ import annotations

import functools
import unicodedata
from importlib import resources

from spacy.tokens import Span, Token

FEMALE, MALE = "female", "male"
#: Kinds of evidence (`entities.gender_evidence`), strongest first.
HONORIFIC, NOUN, PRONOUN, GIVEN_NAME = "honorific", "noun", "pronoun", "given_name"
#: Dependency labels that attach a title or a describing noun to a name.
_ROLE_LINKS = frozenset("appos compound amod".split())

#: Honorifics and titles that say a person's gender (lower case, no dot).
HONORIFIC_GENDER = {
    **dict.fromkeys(
        "mrs ms miss madam madame mme mlle dame lady queen princess empress "
        "duchess countess baroness sister".split(),
        FEMALE,
    ),
    **dict.fromkeys(
        "mr sir lord king prince emperor duke count baron monsieur herr father brother".split(),
        MALE,
    ),
}
#: Nouns that name a person with their gender ("the spokeswoman", "his mother").
NOUN_GENDER = {
    **dict.fromkeys(
        """
        woman women girl mother daughter sister wife widow grandmother aunt niece actress
        spokeswoman chairwoman businesswoman congresswoman councilwoman policewoman
        sportswoman stateswoman servicewoman waitress heiress girlfriend bride mum mom
        mommy stepmother granddaughter stepdaughter lady queen princess duchess
        """.split(),
        FEMALE,
    ),
    **dict.fromkeys(
        """
        man men boy father son brother husband widower grandfather uncle nephew spokesman
        businessman congressman councilman policeman sportsman statesman serviceman
        boyfriend groom dad daddy stepfather grandson stepson king prince duke
        """.split(),
        MALE,
    ),
}
#: Personal pronouns and the gender of who they refer to.
PRONOUN_GENDER = {"he": MALE, "him": MALE, "his": MALE, "she": FEMALE, "her": FEMALE}
_TABLE = "given_names.tsv"
#: Names news writes once: they say a known person's gender, not that a word is a name.
_RARE_TABLE = "given_names_rare.tsv"
#: Names news writes as common words ("Live", "Chief", "Dawn"): the same.
_WORDS = "name_words.txt"


@functools.cache
def _given_names(file: str = _TABLE) -> dict[str, str]:
    text = resources.files("newsbeam.transforms.data").joinpath(file).read_text("utf-8")
    table = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, gender = line.split("\t")
            table[name] = gender
    return table


@functools.cache
def _name_words() -> frozenset[str]:
    """Given names news writes in lower case at least twice as often as capitalised mid-sentence
    ("live", "identity", "chief", "dawn"), lower case: see `newsbeam.name_table`."""
    text = resources.files("newsbeam.transforms.data").joinpath(_WORDS).read_text("utf-8")
    return frozenset(w for w in text.splitlines() if w and not w.startswith("#"))


def given_name_gender(name: str, *, person: bool = False) -> str | None:
    """The gender the table gives the first word of a full name ("Kathy Hochul"), or None.

    A single word is taken for a surname and never looked up. Accents are folded ("Félix"
    is "felix"): the table is written without them. `person`: the name is known to be a
    person's (a PERSON entity), so names news writes once count too ("Maarten Boute"), and
    so do names that are common words ("Dawn Staley"); without it, "Live Science" says
    nothing.
    """
    words = name.split()
    if len(words) < 2:
        return None
    word = _unaccented(words[0].strip(".").lower())
    first = word.split("-")[0]
    if first not in ("", "al", "el") and word not in _given_names():
        word = first  # "Ann-Sophie", "Jean-Pierre": the first name's ("al-" is an article)
    if not person:
        return None if word in _name_words() else _given_names().get(word)
    return _given_names().get(word) or _given_names(_RARE_TABLE).get(word)


def news_given_name(word: str) -> bool:
    """Whether `word` is a given name of the table of names news writes once ("Azizul"):
    unlike the main table's, these are no common English words ("Western", "If")."""
    return _unaccented(word.strip(".").lower()) in _given_names(_RARE_TABLE)


def _unaccented(word: str) -> str:
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def word_gender(word: str) -> str | None:
    """The gender an honorific or a gendered noun gives the person it names."""
    lower = word.lower().rstrip(".")
    return HONORIFIC_GENDER.get(lower) or NOUN_GENDER.get(lower)


def word_evidence(word: str) -> tuple[str, str] | None:
    """(gender, HONORIFIC or NOUN) an honorific ("Mrs.") or a gendered noun ("spokeswoman")
    gives the person it names, or None."""
    lower = word.lower().rstrip(".")
    if lower in HONORIFIC_GENDER:
        return HONORIFIC_GENDER[lower], HONORIFIC
    if lower in NOUN_GENDER:
        return NOUN_GENDER[lower], NOUN
    return None


def naming_words(span: Span) -> list[Token]:
    """The words that title or describe the person a name mention names: those before its
    head inside it, the word right before it, titles and nouns hung on it ("spokeswoman Jen
    Psaki", "Jen Psaki, a spokeswoman") and the noun it is in apposition to ("his mother,
    Adrianne"). An honorific after the name titles no one: it is a state's abbreviation
    ("Rep. Bennie Thompson, D-Miss.", which the parser hangs on the name)."""
    words = [t for t in span if t.idx < span.root.idx]
    if span.start > 0:
        words.append(span.doc[span.start - 1])
    words += [
        t
        for t in span.root.children
        if t.dep_ in _ROLE_LINKS
        and not (t.i >= span.end and t.text.lower().rstrip(".") in HONORIFIC_GENDER)
    ]
    if span.root.dep_ == "appos":
        words.append(span.root.head)
    return words
