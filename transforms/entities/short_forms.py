"""Whether two given names can name the same person ("Mike" / "Michael", "J." / "John").

Two full names with one surname are one person only when their given names agree: the
same name, an initial of it, a prefix of three letters or more ("Chris" / "Christopher"),
or two forms of one name in the short-form table ("Bill" / "William", "Mike" / "Mick").
Merging refuses anything else, so "Donald Trump" and "Melania Trump" stay two people.

The table ships as `transforms/data/short_forms.txt` (one name and its short forms a
line), extracted from the hand-curated English nickname data of the `nicknames` package
(Carlton Northern and Nick Crews, Apache-2.0) by `python -m
newsbeam.transforms.entities.short_forms` (needs the `dev` extra).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from importlib import resources

from newsbeam.transforms.entities.gender import given_name_gender

SHORT_FORMS_FILE = "short_forms.txt"
#: Shortest prefix that counts as a short form of a longer given name ("Sam" of "Samuel").
MIN_PREFIX = 3
#: Given names remembered by `full_given_name` (an article asks about a few dozen).
_CACHE = 4096
_HEADER = (
    "# English given names and their short forms, lower case: NAME: SHORT SHORT ...\n"
    "# From the nicknames package (https://github.com/carltonnorthern/nicknames, Apache-2.0).\n"
    "# Rebuild: python -m newsbeam.transforms.entities.short_forms\n"
)


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    """Each name of the table -> the short forms its line lists."""
    text = (
        resources.files("newsbeam.transforms.data")
        .joinpath(SHORT_FORMS_FILE)
        .read_text(encoding="utf-8")
    )
    table = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, shorts = line.partition(":")
            table[name] = frozenset(shorts.split())
    return table


@functools.lru_cache(maxsize=1)
def _forms() -> dict[str, frozenset[str]]:
    """Each name or short form -> every name of its families (itself included)."""
    related: dict[str, set[str]] = defaultdict(set)
    for name, shorts in _table().items():
        family = {name, *shorts}
        for form in family:
            related[form] |= family
    return {form: frozenset(family) for form, family in related.items()}


#: Names in their own right that the nickname data lists, both ways, under one longer
#: name: folding them would merge two people ("Harry" is Henry's as often as Harold's,
#: "Anna" and "Annie", "Luke" and "Lucas" are names of their own).
NOT_FOLDED = frozenset(
    "will jane janet jerry ian amos marc lois anna clara cindy flora harry luke lucy mabel "
    "eliza terry".split()
)


@functools.lru_cache(maxsize=_CACHE)
def full_given_name(word: str) -> str:
    """The one full given name a short form stands for ("mike" -> "michael"), else `word`
    (case-folded, dots dropped).

    Folded only when nothing else is likely: exactly one longer name of the table lists
    the short form (a name listing another of those, such as "Miguel" listing "Michael",
    is that one's variant and does not count), the short form has a line of its own that
    lists it back ("mike: michael ..."), both start with the same letter, the gender table
    does not give them different genders, no other name listing it begins with it ("jon"
    begins Jonathan as well as standing for John), and it is not in NOT_FOLDED. The nickname data
    is loose (it lists "neil" under Cornelius, "mark" under Marcus, "hugh" under Hubert),
    so a form it lists one way only stays as it is, as do "Bill" (William or Robert),
    "Chris" and "Alex": a key folds only what cannot name two people (a checked list of
    the 41 folds: "mike", "danny", "ronny", "debbie", "thom", "mitch", ...).
    """
    short = _bare(word)
    table = _table()
    longer = {name for name, shorts in table.items() if short in shorts and len(name) > len(short)}
    roots = {name for name in longer if not table[name] & (longer - {name})}
    roots &= table.get(short, frozenset())
    if len(roots) != 1 or short in NOT_FOLDED:
        return short
    (full,) = roots
    genders = {given_name_gender(f"{name} _") for name in (short, full)}
    if full[0] != short[0] or len(genders - {None}) > 1 or _starts_another(short, full, longer):
        return short
    return full


def _starts_another(short: str, full: str, longer: set[str]) -> bool:
    """True when `short` also begins another name whose line lists it, one that is not
    among `full`'s own forms: "Jon" is John's in the data but begins Jonathan, "Brad"
    is Bradford's but begins Bradley, so either could be meant."""
    table = _table()
    return any(
        name != full and name.startswith(short) and name not in table[full] for name in longer
    )


def _bare(name: str) -> str:
    return name.replace(".", "").casefold()


def given_names_agree(a: str, b: str) -> bool:
    """True when given names `a` and `b` may name one person (case and dots ignored)."""
    a, b = _bare(a), _bare(b)
    if not a or not b or a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) == 1:
        return long.startswith(short)
    if len(short) >= MIN_PREFIX and long.startswith(short):
        return True
    return b in _forms().get(a, ())


def is_given_name(word: str, *, any_language: bool = True, person: bool = False) -> bool:
    """A given name: in the short-form table ("Mike") or, with `any_language`, the gender
    table of names from every country ("Shehbaz", but also "Kenyan"). Names of that table
    news writes as common words ("Live", "Identity", "Dawn": name_words.txt), and
    those it writes once, count only with `person`: the word opens a name the model typed
    a person's ("Said Jalili")."""
    if _bare(word) in _forms():
        return True
    return any_language and given_name_gender(f"{word} _", person=person) is not None


def build_given_names() -> list[str]:
    """Lines of the table, from the `nicknames` package's CSV."""
    from nicknames import NickNamer

    lookup = NickNamer().nickname_lookup
    return [f"{name}: {' '.join(sorted(lookup[name]))}" for name in sorted(lookup)]


if __name__ == "__main__":
    target = resources.files("newsbeam.transforms.data").joinpath(SHORT_FORMS_FILE)
    with resources.as_file(target) as path:
        path.write_text(_HEADER + "\n".join(build_given_names()) + "\n", encoding="utf-8")
        print(f"wrote {path}")
