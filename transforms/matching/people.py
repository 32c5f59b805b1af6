"""`person_key`: one key for a person named in many articles.

"Mike Pompeo" in one article and "Secretary of State Michael Pompeo" in another are one
person; the key is the name with case, accents, leading titles and the unambiguous
short forms of its given name folded ("michael pompeo"). Only full names (two words or
more) get one: a lone "Pompeo" or "Smith" could be anyone. Middle names and suffixes
stay ("George W. Bush" and "George H. W. Bush", "Donald Trump" and "Donald Trump Jr."
are different people), so a person whose middle initial some articles print has two keys.
The endings English transliterations of Ukrainian and Russian names write in several ways
fold to one ("Zelenskyy", "Zelenskiy", "Zelenskyi" -> "zelensky"; "Vitaliy", "Vitalii" ->
"vitaly": `transliteration_fold`).
"""

from __future__ import annotations

from newsbeam.transforms.entities import (
    clean_words,
    full_given_name,
    is_known_place,
    opens_with_saint,
    person_parts,
    strip_honorifics,
)
from newsbeam.transforms.matching.text import folded_words


def person_key(name: str) -> str | None:
    """The folded full name ("Sen. Mike Lee" -> "michael lee"), None for one word and
    for no person's name: a known place ("Sri Lanka"), "St John" (`opens_with_saint`)."""
    if person_parts(name) is None:  # one word, or a surname and "Jr."
        return None
    words = [w for w in strip_honorifics(clean_words(name)) if any(c.isalnum() for c in w)]
    given = full_given_name(words[0])
    key = folded_words(" ".join([given, *words[1:]]).replace(".", ""))
    if opens_with_saint(name) or is_known_place(" ".join(key)):
        return None
    return " ".join(map(transliteration_fold, key)) if len(key) >= 2 else None


#: Word endings that transliterate one Cyrillic ending (-ий, -ій, -ый: "Zelenskyy",
#: "Zelenskiy", "Zelenskyi", "Oleksii"), written "y" by the most common scheme.
_Y_ENDINGS = ("iy", "yy", "yi", "ii")
_VOWELS = frozenset("aeiouy")


def transliteration_fold(word: str) -> str:
    """A folded name word with its transliterated -iy/-yy/-yi/-ii ending written "y"
    ("zelenskiy" -> "zelensky", "serhii" -> "serhy"), after a consonant and in words of
    five letters or more only: "hawaii" and "yi" (Wang Yi) stay; other letters never
    change, so two names that differ anywhere else keep two keys."""
    if len(word) >= 5 and word.endswith(_Y_ENDINGS) and word[-3] not in _VOWELS:
        return word[:-2] + "y"
    return word
