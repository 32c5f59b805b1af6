"""Gender and roles of people scored on the gold (`newsbeam eval entities --gold FILE`).

The gold gives every PERSON its `gender` as the article tells it (null: it does not),
its `roles` as written and the speakers of its speech reports. A predicted PERSON
entity stands for the gold person its name or a mention is a variant of (`entity_gold`);
when several do, the one with most mentions.

- gender precision: over gold people the article gives a gender and that we gave one
  (not "unknown"), the share we got right;
- gender coverage: over quoted named people (gold PERSON speakers, co-speakers too), the
  share we gave a gender (a person we did not find counts as not covered);
- role precision: over the distinct roles (normalised text) of the entities standing for
  a gold person, the share matching one of that person's gold roles; role recall: over
  all gold roles, the share matched by a role of the entity standing for that person.
  Two roles match when their word sets (case-folded, apostrophes and "a/an/the"
  dropped) have a Dice coefficient of at least ROLE_MATCH (`role_overlap`);
- the coverage and role recall over the people the entity stage found (a gold person no
  predicted entity stands for is that stage's miss), beside the whole.
Baselines through the same scorer: the given-name table alone for gender; for roles,
only titles written right before a name (a role ending one space before a mention).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsbeam.evaluation.entity_gold import GoldArticle, error_lines, ours
from newsbeam.transforms.entities import given_name_gender
from newsbeam.transforms.records import Entity

#: Dice coefficient of two roles' word sets from which they are the same role.
ROLE_MATCH = 0.6
_ARTICLES = frozenset(("a", "an", "the"))
_WORD = re.compile(r"\w+")
UNKNOWN = "unknown"


def role_words(role: str) -> frozenset[str]:
    """A role's words for matching: case-folded, apostrophes dropped ("VOA's" = "VOAs"),
    without articles."""
    text = unicodedata.normalize("NFKC", role).casefold().replace("'", "").replace("’", "")
    return frozenset(w for w in _WORD.findall(text) if w not in _ARTICLES)


def role_overlap(a: str, b: str) -> float:
    """Dice coefficient of two roles' word sets (1.0: the same words)."""
    wa, wb = role_words(a), role_words(b)
    if not wa or not wb:
        return 0.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


def roles_match(a: str, b: str) -> bool:
    return role_overlap(a, b) >= ROLE_MATCH


@dataclass
class PeopleTally:
    """Counts of one system's genders and roles over the gold people."""

    gendered: int = 0
    gender_right: int = 0
    speakers: int = 0
    speakers_gendered: int = 0
    roles_predicted: int = 0
    roles_right: int = 0
    roles_gold: int = 0
    roles_found: int = 0
    #: The same over the people the entity stage found (what this stage can reach).
    speakers_found: int = 0
    roles_gold_found: int = 0
    errors: dict[str, list[str]] = field(default_factory=dict)

    def _error(self, kind: str, line: str) -> None:
        self.errors.setdefault(kind, []).append(line)

    def add(
        self,
        article: str,
        person: dict,
        speaker: bool,
        found: bool,
        gender: str | None,
        roles: Sequence[str],
    ) -> None:
        """One gold person and what a system says of them (`found`: an entity stands for
        them; `gender` None or "unknown": no gender given)."""
        name = person["name"]
        said = gender not in (None, UNKNOWN)
        if person.get("gender") and said:
            self.gendered += 1
            if gender == person["gender"]:
                self.gender_right += 1
            else:
                self._error("gender wrong", f"{article} {name!r}: {gender} not {person['gender']}")
        if speaker:
            self.speakers += 1
            self.speakers_found += found
            self.speakers_gendered += said
            if not said:
                self._error("quoted, no gender", f"{article} {name!r}")
        gold_roles = person.get("roles") or []
        distinct = {" ".join(sorted(role_words(r))): r for r in roles if role_words(r)}
        for role in distinct.values():
            self.roles_predicted += 1
            if any(roles_match(role, g) for g in gold_roles):
                self.roles_right += 1
            else:
                self._error("role wrong", f"{article} {name!r}: {role!r}")
        for g in gold_roles:
            self.roles_gold += 1
            self.roles_gold_found += found
            if any(roles_match(role, g) for role in distinct.values()):
                self.roles_found += 1
            else:
                self._error("role missed", f"{article} {name!r}: {g!r}")

    def scores(self) -> dict[str, float | int]:
        return {
            "gender_precision": _ratio(self.gender_right, self.gendered),
            "gender_judged": self.gendered,
            "gender_coverage_quoted": _ratio(self.speakers_gendered, self.speakers),
            "quoted_people": self.speakers,
            "gender_coverage_quoted_found": _ratio(self.speakers_gendered, self.speakers_found),
            "role_recall_found": _ratio(self.roles_found, self.roles_gold_found),
            "role_precision": _ratio(self.roles_right, self.roles_predicted),
            "role_recall": _ratio(self.roles_found, self.roles_gold),
            "roles_predicted": self.roles_predicted,
            "roles_gold": self.roles_gold,
        }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def speakers(entry: dict) -> set[str]:
    """Names of the gold article's PERSON speakers and co-speakers."""
    names = set()
    for item in entry.get("items", ()):
        if item.get("speaker_type") == "person" and item.get("speaker"):
            names.add(item["speaker"])
        names.update(item.get("co_speakers") or ())
    return names


def stand_ins(gold: GoldArticle, entities: Sequence[Entity]) -> dict[int, Entity]:
    """gold entity index -> the predicted PERSON entity standing for it (most mentions)."""
    people = [e for e in entities if e.label == "PERSON"]
    found: dict[int, Entity] = {}
    for entity, predicted in zip(people, ours(people), strict=True):
        for i in gold.matches(predicted):
            if gold.labels[i] == "PERSON" and (
                i not in found or entity.mention_count > found[i].mention_count
            ):
                found[i] = entity
    return found


def _prename(entity: Entity) -> list[str]:
    """The baseline's roles: those ending one character before a mention of the entity."""
    starts = {m.start for m in entity.mentions}
    return [r.text for r in entity.roles if r.end + 1 in starts]


def add_article(entry: dict, entities: Sequence[Entity], mine: PeopleTally, base: PeopleTally):
    """Score one gold article's people for newsbeam and for the baselines."""
    gold = GoldArticle.from_entry(entry)
    quoted = speakers(entry)
    found = stand_ins(gold, entities)
    for i, person in enumerate(entry["entities"]):
        if person["label"] != "PERSON":
            continue
        entity = found.get(i)
        speaker = person["name"] in quoted
        if entity is None:
            mine.add(entry["article"], person, speaker, False, None, [])
            base.add(entry["article"], person, speaker, False, None, [])
            continue
        roles = [r.text for r in entity.roles]
        mine.add(entry["article"], person, speaker, True, entity.gender, roles)
        given = given_name_gender(entity.name, person=True)
        base.add(entry["article"], person, speaker, True, given, _prename(entity))


def format_people(mine: PeopleTally, base: PeopleTally, examples: int) -> str:
    lines = error_lines(mine.errors, examples)
    o, b = mine.scores(), base.scores()
    lines.append("")
    lines.append(f"{'people':28}{'newsbeam':>10}{'baseline':>10}")
    rows = [
        ("gender precision", "gender_precision", "given-name table only"),
        ("gender coverage (quoted)", "gender_coverage_quoted", "given-name table only"),
        ("role precision", "role_precision", "pre-name titles only"),
        ("role recall", "role_recall", "pre-name titles only"),
        ("  coverage, people found", "gender_coverage_quoted_found", "given-name table only"),
        ("  role recall, people found", "role_recall_found", "pre-name titles only"),
    ]
    for label, key, baseline in rows:
        lines.append(f"{label:28}{o[key]:>10}{b[key]:>10}  ({baseline})")
    return "\n".join(lines)
