"""Merging one article's named mentions into entities.

Rules, in order (each a union of mention groups, never a split; a union that would put
two people in one group, by given names or by gendered titles, is refused):
1. same normalised key (`name_key`: no "the", titles, possessives, acronym dots, legal
   suffixes; aliases such as "U.S." = "United States"), plural or singular;
2. full personal names with one surname and agreeing given names ("Michael R. Pompeo",
   "Mike Pompeo": see `given_names`);
3. a surname alone joins the one person of the article with that surname; when several
   share it, the compatible one named most recently before the mention, and none when
   two were last named in the same sentence or none before it (such a mention is left
   out); a lone first name typed PERSON that is nobody's surname joins the one person
   with that first name ("Daniel");
4. an acronym joins the one multi-word name it abbreviates ("NSC");
5. an organisation's short form joins the one longer organisation name that starts or
   ends with it, never when the short form is a person's name or the longer name is the
   short form plus a generic head ("Trump Organization" is not "Trump").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from newsbeam.transforms.entities.gazetteer import is_known_place
from newsbeam.transforms.entities.gender import given_name_gender, news_given_name
from newsbeam.transforms.entities.mentions import FoundMention, label_votes, majority_label
from newsbeam.transforms.entities.names import (
    ALIAS_NAMES,
    ALIASES,
    GENERIC_HEADS,
    ORG_HEADS,
    acronyms,
    clean_words,
    given_name,
    is_acronym,
    name_key,
    person_parts,
    strip_corporate_suffix,
    strip_honorifics,
)
from newsbeam.transforms.entities.org_context import in_headline_case_line
from newsbeam.transforms.entities.roles import PERSON_NOUNS
from newsbeam.transforms.entities.short_forms import given_names_agree, is_given_name


class _UnionFind:
    """Union-find over mentions that refuses to join two people.

    Each group keeps the given names of its full personal names and the genders its
    titles and given names give (`gender`: "Mrs." is a woman, "Donald" a man); a union
    whose given names disagree ("Donald" / "Melania") or whose genders clash ("Mr" /
    "Mrs") is refused, whichever rule asks for it.
    """

    def __init__(self, mentions: list[FoundMention]) -> None:
        self.parent = list(range(len(mentions)))
        self.given: list[frozenset[str]] = []
        self.gender: list[frozenset[str]] = []
        for m in mentions:
            name = given_name(m.text) if m.label == "PERSON" else None
            self.given.append(frozenset({name.replace(".", "").casefold()} if name else ()))
            gender = m.gender or (given_name_gender(f"{name} {m.text}") if name else None)
            self.gender.append(frozenset({gender} if gender else ()))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def compatible(self, a: int, b: int) -> bool:
        """Whether the groups of `a` and `b` may be one referent."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if len(self.gender[ra] | self.gender[rb]) > 1:
            return False
        return all(given_names_agree(x, y) for x in self.given[ra] for y in self.given[rb])

    def union(self, a: int, b: int) -> bool:
        """Join the groups of `a` and `b` unless they are two people; True when joined."""
        if not self.compatible(a, b):
            return False
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            keep, gone = min(ra, rb), max(ra, rb)
            self.parent[gone] = keep
            self.given[keep] |= self.given[gone]
            self.gender[keep] |= self.gender[gone]
        return True

    def groups(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return out


def _is_full_person(mention: FoundMention) -> bool:
    """A multi-word PERSON mention written as a name (each main word capitalised, or
    after a particle's hyphen: "Fares al-Bayoush")."""
    if mention.label != "PERSON":
        return False
    words = clean_words(mention.text)
    return person_parts(mention.text) is not None and all(
        w[:1].isupper() or w.islower() or w.rsplit("-", 1)[-1][:1].isupper() for w in words
    )


def _position(mention: FoundMention) -> int:
    """Reading order: title mentions come before the body."""
    return -1 if mention.in_title else mention.start


def _resolve_surname(
    index: int,
    mentions: list[FoundMention],
    candidates: list[int],
    uf: _UnionFind,
) -> int | None:
    """The person (a full-name mention index) a shared surname refers to, or None.

    The compatible person named most recently before the mention; none when two were
    last named in the same sentence or none before it.
    """
    here = mentions[index]
    latest: dict[int, FoundMention] = {}
    for c in candidates:
        if not uf.compatible(c, index):
            continue
        for j, m in enumerate(mentions):
            if uf.find(j) == uf.find(c) and _is_full_person(m) and _position(m) < _position(here):
                if c not in latest or _position(m) > _position(latest[c]):
                    latest[c] = m
    if not latest:
        return None
    # a relative introduced by kinship ("his late son, Beau Biden") is named by the given
    # name after: the surname alone is the other person's
    kin = {c for c in latest if all(m.kin for m in _full_mentions(c, mentions, uf))}
    if kin and len(kin) < len(latest):
        latest = {c: m for c, m in latest.items() if c not in kin}
    ranked = sorted(latest, key=lambda c: _position(latest[c]), reverse=True)
    if len(ranked) > 1:
        first, second = latest[ranked[0]], latest[ranked[1]]
        if first.in_title == second.in_title and first.sentence == second.sentence:
            return None
    return ranked[0]


def _full_mentions(c: int, mentions: list[FoundMention], uf: _UnionFind) -> list[FoundMention]:
    """The full-name mentions of the person `c` belongs to."""
    return [m for j, m in enumerate(mentions) if uf.find(j) == uf.find(c) and _is_full_person(m)]


def _people(mentions: list[FoundMention], uf: _UnionFind) -> dict[str, list[int]]:
    """Rule 2: surname -> its people (a full-name mention index each), in reading order.

    A full name joins the person of its surname whose given names agree with it, the
    one with the same given name first, else the one named most recently; otherwise it
    is a new person ("Mike Pompeo" joins "Michael Pompeo", "Melania Trump" is not
    "Donald Trump").
    """
    by_surname: dict[str, list[int]] = defaultdict(list)
    last_seen: dict[int, int] = {}
    full = [i for i, m in enumerate(mentions) if _is_full_person(m)]
    for i in sorted(full, key=lambda i: _position(mentions[i])):
        parts = person_parts(mentions[i].text)
        assert parts is not None
        first, last = parts
        people = by_surname[last]
        fitting = [p for p in people if uf.compatible(p, i)]
        same = [p for p in fitting if first in uf.given[uf.find(p)]]
        ranked = sorted(same or fitting, key=lambda p: last_seen[p], reverse=True)
        if ranked:
            uf.union(ranked[0], i)
            last_seen[ranked[0]] = _position(mentions[i])
        else:
            people.append(i)
            last_seen[i] = _position(mentions[i])
    return by_surname


def _join_surname_ends(mentions: list[FoundMention], text: str, uf: _UnionFind) -> None:
    """A full name that is the last words of one longer person's name is that person, its
    first word part of the surname, not a given name: "Walse Patil" of "Dilip Walse
    Patil", "Peña Nieto" of "Enrique Peña Nieto", "Van Vliet" of "Theresa Van Vliet"
    (see `_longer_names`)."""
    full = [i for i, m in enumerate(mentions) if _is_full_person(m)]
    longer_names = _longer_names(mentions, text)
    for i in full:
        j = longer_names(_person_words(mentions[i].text))
        if j is not None and uf.find(i) == i:
            gender = mentions[i].gender  # the article's evidence, not the table's
            uf.given[i] = frozenset()
            uf.gender[i] = frozenset({gender} if gender else ())
            uf.union(j, i)


def _longer_names(
    mentions: list[FoundMention], text: str
) -> Callable[[tuple[str, ...]], int | None]:
    """A lookup of the one person's full name that ends with given words and is longer:
    the index of its mention, else None. The longer name must open with a given name
    and stand in prose, not in a headline ("Tests Merrick Garland", "Panel Set To Vote
    On Holding Mark Meadows": a headline's words are no longer name of "Merrick
    Garland"), and no other person's name may end the same way ("Delos Santos" of Randy
    and of Kian Delos Santos is neither)."""
    prose = {
        _person_words(m.text): j
        for j, m in enumerate(mentions)
        if _is_full_person(m) and not m.in_title and not in_headline_case_line(text, m.start, m.end)
    }

    def lookup(tail: tuple[str, ...]) -> int | None:
        longer = [j for w, j in prose.items() if len(w) > len(tail) and w[-len(tail) :] == tail]
        if len(longer) != 1 or not _opens_with_given_name(mentions[longer[0]].text):
            return None
        return longer[0]

    return lookup


def _person_words(name: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in strip_honorifics(clean_words(name)))


def _opens_with_given_name(name: str) -> bool:
    """Whether a person's name opens with a word of the given-name tables; of the table of
    names news writes once, not a word ending in "s", which holds headline verbs and
    plurals ("Honors Gladys Vega")."""
    first = strip_honorifics(clean_words(name))[0]
    return is_given_name(first) or (news_given_name(first) and not first.endswith("s"))


def _merge_people(mentions: list[FoundMention], keys: list[str], uf: _UnionFind) -> set[int]:
    """Rules 2 and 3; returns the surname mentions shared by several people.

    Those are merged here or not at all: rule 1 would join every "Fischer" of the article
    into one entity, whichever Fischer each meant.
    """
    people_by_surname = _people(mentions, uf)
    people_by_first_name: dict[str, set[int]] = defaultdict(set)
    for people in people_by_surname.values():
        for p in people:
            for first in uf.given[uf.find(p)]:
                people_by_first_name[first].add(uf.find(p))
    shared: set[int] = set()
    for i, key in enumerate(keys):
        words = strip_honorifics(clean_words(mentions[i].text))  # "Ms Mills" is a surname
        if len(words) != 1 or _is_full_person(mentions[i]):
            continue
        # A hyphenated surname keys as two words ("al bayoush") but `person_parts` keeps
        # it whole ("al-bayoush" of "Fares al-Bayoush").
        people = people_by_surname.get(key) or people_by_surname.get(words[0].casefold(), [])
        if len(people) == 1:
            uf.union(people[0], i)
        elif len(people) > 1:
            shared.add(i)
            target = _resolve_surname(i, mentions, people, uf)
            if target is not None:
                uf.union(target, i)
        elif mentions[i].label == "PERSON" and len(people_by_first_name.get(key, ())) == 1:
            uf.union(next(iter(people_by_first_name[key])), i)
    return shared


def _merge_same_keys(
    mentions: list[FoundMention], keys: list[str], skip: set[int], uf: _UnionFind
) -> None:
    """Rule 1, except for mentions whose surname could name several people; a group's
    plural and singular are one key too ("Lib Dems" / "Lib Dem", "Democrats" / "Democrat")
    unless a person is named so."""
    first_with: dict[str, int] = {}
    for i, key in enumerate(keys):
        if i in skip or not key:
            continue
        if key in first_with:
            uf.union(first_with[key], i)
        else:
            first_with[key] = i
    for key, i in first_with.items():
        singular = first_with.get(key[:-1]) if key.endswith("s") else None
        if (
            singular is not None
            and not any(_is_full_person(mentions[j]) for j in (i, singular))
            and mentions[i].label != "PERSON"
        ):
            uf.union(singular, i)


def _merge_acronyms(mentions: list[FoundMention], uf: _UnionFind) -> None:
    """Rule 4: an all-capitals word joins the single non-person name it abbreviates."""
    expansions: dict[str, set[int]] = defaultdict(set)
    for i, m in enumerate(mentions):
        if m.label != "PERSON":
            for acronym in acronyms(m.text):
                expansions[acronym].add(i)
    for i, m in enumerate(mentions):
        if not is_acronym(m.text):
            continue
        short = clean_words(m.text)[0].replace(".", "").casefold()
        if short in ALIASES:
            continue
        roots = {uf.find(j) for j in expansions.get(short, ())}
        if len(roots) == 1:
            uf.union(roots.pop(), i)


def _merge_defined_acronyms(mentions: list[FoundMention], text: str, uf: _UnionFind) -> None:
    """Rule 4b: an acronym in brackets right after a body's name is that body's, whatever
    its letters ("the federal Attorney General's Office (FGR)", an acronym of its Spanish
    name): the writer defines it there."""
    ends = {m.end: j for j, m in enumerate(mentions) if not m.in_title and m.label == "ORG"}
    for i, m in enumerate(mentions):
        if m.in_title or not is_acronym(m.text) or text[m.end : m.end + 1] != ")":
            continue
        before = m.start - 2 if text[m.start - 2 : m.start] == " (" else m.start - 1
        j = ends.get(before)
        if j is not None and text[before : m.start].strip() == "(" and j != i:
            uf.union(j, i)


def _body_of_its_own(short: str, rest: list[str]) -> bool:
    """A longer name that is another body than its short form: a known organisation's
    name before more words ("United Nations" / "United Nations Security Council", "EU" /
    "EU Council"), or words ending in an organisation's head ("Halvern" / "Halvern Trade
    Commission"): a council, agency or school of a body is not the body."""
    return short in ALIAS_NAMES or rest[-1] in ORG_HEADS


def _merge_short_forms(
    mentions: list[FoundMention], keys: list[str], surnames: set[str], uf: _UnionFind
) -> None:
    """Rule 5: an organisation's short form joins the single longer organisation name,
    unless that names a body of its own (`_body_of_its_own`) or comes only after the
    short form was used alone (`_named_alone_first`)."""
    groups = uf.groups()
    label_of = {
        root: majority_label(label_votes(mentions[i] for i in members))
        for root, members in groups.items()
    }
    long_forms: list[tuple[list[str], int]] = []
    for i, key in enumerate(keys):
        if label_of[uf.find(i)] == "ORG" and " " in key:
            long_forms.append((key.split(), uf.find(i)))
    for root, members in groups.items():
        if label_of[root] != "ORG":
            continue
        for short in {keys[i] for i in members if keys[i]}:
            words = short.split()
            if short in surnames:
                continue
            targets, other_bodies = set(), set()
            for long_words, long_root in long_forms:
                if long_root == root or len(long_words) <= len(words):
                    continue
                rest: list[str] = []
                if long_words[: len(words)] == words:
                    rest = long_words[len(words) :]
                elif len(words) >= 2 and long_words[-len(words) :] == words:
                    rest = long_words[: -len(words)]
                else:
                    continue
                if len(words) == 1 and (len(rest) > 1 or rest[0] in GENERIC_HEADS):
                    continue
                targets.add(long_root)
                if _body_of_its_own(short, rest):
                    other_bodies.add(long_root)
            if len(targets) == 1 and not targets & other_bodies:
                target = targets.pop()
                if not _named_alone_first(short, members, groups[target], mentions, keys):
                    uf.union(target, root)


def _named_alone_first(
    short: str,
    members: list[int],
    long_members: list[int],
    mentions: list[FoundMention],
    keys: list[str],
) -> bool:
    """Whether the body text names `short` on its own twice or more before the longer
    name comes: news introduces a body by its full name, so a longer name met only
    after the short one ("Nissan" ... "Nissan Connect", "Uber" ... "Uber Eats") is a
    product or unit of it, not its full name (a title's short form may come first)."""
    first_long = min(_position(mentions[i]) for i in long_members)
    before = [
        i
        for i in members
        if keys[i] == short and not mentions[i].in_title and _position(mentions[i]) < first_long
    ]
    return len(before) >= 2


#: `FoundMention.org_context` cues no person's name has ("the White House", "White House
#: aide", "broadcaster RTB", "on NBC's Meet the Press").
_ORGANISATION_ONLY_CUES = frozenset({"article", "member", "kind", "outlet"})


def promote_people(mentions: list[FoundMention], text: str = "") -> list[FoundMention]:
    """Mentions with a two- or three-word name the model mistyped retyped PERSON.

    "Salem Bitar" typed ORG is a person when the article's lone "Bitar" is typed PERSON:
    the name's last word is a surname the model recognised. So is "Walse Patil" typed a
    work when it is the last words of one person's longer name ("Dilip Walse Patil",
    see `_longer_names`): the model types a compound surname on its own as anything,
    unless the words around one of its mentions make it an organisation's ("the White
    House", "White House aide" after a mistyped "Trump White House"; a speech verb after
    it or a report before it fits a person too). So is a name opening with a given name
    right after a person's role in lower case ("Ukrainian soldier Serhiy Udod"; not
    "broadcaster France Inter", whose noun is an organisation's kind too). Names holding
    a place, a generic head or a legal suffix ("Bitar Group") are left alone.
    """
    surnames = {
        clean_words(m.text)[0].casefold()
        for m in mentions
        if m.from_model and m.label == "PERSON" and len(clean_words(m.text)) == 1
    }
    longer_names = _longer_names(mentions, text)
    organisations = {
        _person_words(m.text) for m in mentions if m.org_context in _ORGANISATION_ONLY_CUES
    }
    out = []
    for m in mentions:
        words = clean_words(m.text)
        name = _person_words(m.text)
        if (
            m.label != "PERSON"
            and 2 <= len(words) <= 3
            and (
                words[-1].casefold() in surnames
                or (
                    name not in organisations
                    and (
                        longer_names(name) is not None
                        or (_after_a_role(m, text) and _opens_with_given_name(m.text))
                    )
                )
            )
            and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)
            and not any(w.casefold() in GENERIC_HEADS for w in words)
            and not is_known_place(" ".join(words))
            and not is_known_place(words[-1])
            and len(strip_corporate_suffix(words)) == len(words)
        ):
            m = replace(m, label="PERSON")
        out.append(m)
    return out


def _after_a_role(mention: FoundMention, text: str) -> bool:
    """Whether a person's role in lower case stands right before a body mention
    ("Ukrainian soldier Serhiy Udod said": the model typed the name ORG)."""
    if mention.in_title or not text:
        return False
    before = text[max(0, mention.start - 30) : mention.start]
    words = before.split()
    return (
        bool(words) and before[-1:].isspace() and words[-1].islower() and words[-1] in PERSON_NOUNS
    )


def split_people(group: list[FoundMention]) -> list[list[FoundMention]]:
    """A PERSON group cut into people whose full names agree on the given name.

    The merge rules never join two people's full names typed PERSON; a full name the
    model typed otherwise can still come in through a shared key. Each full name joins
    the first part whose given names all agree with it; mentions without a given name
    stay with the first part, as do the last words of another's full name ("Lula da
    Silva" of "Luiz Inácio Lula da Silva": `_join_surname_ends`).
    """
    parts: list[list[FoundMention]] = []
    given: list[set[str]] = []
    rest = []
    words = {_person_words(m.text) for m in group}
    for m in sorted(group, key=_position):
        name = given_name(m.text)
        mine = _person_words(m.text)
        if name is None or any(len(w) > len(mine) and w[-len(mine) :] == mine for w in words):
            rest.append(m)
            continue
        for part, names in zip(parts, given, strict=True):
            if all(given_names_agree(name, other) for other in names):
                part.append(m)
                names.add(name)
                break
        else:
            parts.append([m])
            given.append({name})
    if len(parts) < 2:
        return [group]
    parts[0] += rest
    return parts


def cluster_mentions(mentions: list[FoundMention], text: str = "") -> list[list[FoundMention]]:
    """Group the named mentions of one article (body and title) into entities.

    A surname shared by several people that no rule could link to one of them is left
    out: it names someone the entities already list, and guessing who would merge two
    people.
    """
    mentions = promote_people(mentions, text)
    keys = [name_key(m.text, m.label) for m in mentions]
    uf = _UnionFind(mentions)
    _join_surname_ends(mentions, text, uf)
    shared = _merge_people(mentions, keys, uf)
    _merge_same_keys(mentions, keys, shared, uf)
    surnames = {
        parts[1]
        for m in mentions
        if _is_full_person(m) and (parts := person_parts(m.text)) is not None
    }
    _merge_acronyms(mentions, uf)
    _merge_defined_acronyms(mentions, text, uf)
    _merge_short_forms(mentions, keys, surnames, uf)
    groups = [members for members in uf.groups().values() if not set(members) <= shared]
    return [[mentions[i] for i in members] for members in groups]
