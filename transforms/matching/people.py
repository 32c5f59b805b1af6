"""`person_key`: one key for a person named in many articles.

"Mike Pompeo" in one article and "Secretary of State Michael Pompeo" in another are one
person; the key is the name with case, accents, leading titles and the unambiguous
short forms of its given name folded ("michael pompeo"). Only full names (two words or
more) get one: a lone "Pompeo" or "Smith" could be anyone. Middle names and suffixes
stay ("George W. Bush" and "George H. W. Bush", "Donald Trump" and "Donald Trump Jr."
are different people), so a person whose middle initial some articles print has two keys.
"""

from __future__ import annotations

from newsbeam.transforms.entities import (
    clean_words,
    full_given_name,
    person_parts,
    strip_honorifics,
)
from newsbeam.transforms.matching.text import folded_words


def person_key(name: str) -> str | None:
    """The folded full name ("Sen. Mike Lee" -> "michael lee"), None for one word."""
    if person_parts(name) is None:  # one word, or a surname and "Jr."
        return None
    words = [w for w in strip_honorifics(clean_words(name)) if any(c.isalnum() for c in w)]
    given = full_given_name(words[0])
    key = folded_words(" ".join([given, *words[1:]]).replace(".", ""))
    return " ".join(key) if len(key) >= 2 else None
