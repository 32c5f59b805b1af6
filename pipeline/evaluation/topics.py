"""`newsbeam eval topics`: score the topic classifier on AG News or on section folders.

`--ag-news FILE` scores AG News (title and a short description per item). `--sections DIR`
scores full-length articles filed in one folder per news section (`DIR/sport/*.txt`,
`DIR/business/*.txt`, ...; each file a text article, title first, read and cleaned as the
pipeline reads it), the layout of BBC News (Greene and Cunningham, 2006) and of most
section-labelled article sets. Both score four classes: the 17 IPTC topics map onto them as
sport -> Sports, economy, business and finance -> Business, science and technology ->
Sci/Tech, everything else (including `other`) -> World; a section folder maps the same way
through the section names the topic-model build knows (`tech` -> Sci/Tech, `politics` and
`entertainment` -> World). Evaluation sets are for evaluation only: nothing here feeds back
into the model.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsbeam.evaluation.articles import read_text_article
from newsbeam.topic_model.corpora import URL_SECTIONS
from newsbeam.transforms.deadletter import RejectedInput
from newsbeam.transforms.records import TopicScore
from newsbeam.transforms.topics import (
    DEFAULT_THRESHOLD,
    SpacyTopicClassifier,
    classify,
    primary_topic,
)

#: AG News class ids (the CSV's first column) and names, in the published order.
AG_CLASSES = ("World", "Sports", "Business", "Sci/Tech")

#: IPTC slugs that have an AG class of their own; every other topic is World.
_AG_OF_SLUG = {
    "sport": "Sports",
    "economy-business-finance": "Business",
    "science-technology": "Sci/Tech",
}

_NUMERIC_ENTITY_RE = re.compile(r"#(\d+);")
_TAG_RE = re.compile(r"<[^>]*>")
_SPACES_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class AgItem:
    """One scored item: gold class name, title and text (AG's description, or a body)."""

    label: str
    title: str
    description: str


def ag_class(slug: str) -> str:
    """The AG class an IPTC slug counts as."""
    return _AG_OF_SLUG.get(slug, "World")


def _numeric_entity(match: re.Match[str]) -> str:
    code = int(match.group(1))
    if 128 <= code < 160:  # AG's escapes use Windows-1252 numbers (#151; is an em dash).
        return bytes([code]).decode("cp1252", errors="replace")
    return chr(code)


def clean_ag_text(text: str) -> str:
    """Undo AG's escaping: `#36;`-style entities, `quot;`, HTML entities, tags, `\\` breaks."""
    text = _NUMERIC_ENTITY_RE.sub(_numeric_entity, text).replace("quot;", '"')
    text = _TAG_RE.sub(" ", html.unescape(text.replace("\\", " ")))
    return _SPACES_RE.sub(" ", text).strip()


def read_ag_news(path: Path) -> list[AgItem]:
    """Read AG's `label,title,description` CSV (with or without a header row)."""
    items = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) != 3 or not row[0].strip().isdigit():
                continue
            label = AG_CLASSES[int(row[0]) - 1]
            items.append(AgItem(label, clean_ag_text(row[1]), clean_ag_text(row[2])))
    return items


def section_class(section: str) -> str | None:
    """The AG class of a section folder's name (None for a name no section map knows)."""
    slug = URL_SECTIONS.get(section.lower())
    return ag_class(slug) if slug else None


def read_sections(folder: Path) -> list[AgItem]:
    """The articles of `folder/<section>/*.txt`, labelled by their section's AG class.

    Raises ValueError naming the section folders whose names map to no class.
    """
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder")
    labels = {p: section_class(p.name) for p in sorted(folder.iterdir()) if p.is_dir()}
    unknown = [p.name for p, label in labels.items() if label is None]
    if unknown:
        raise ValueError(f"section folders with no known topic: {', '.join(unknown)}")
    items = []
    for section, label in labels.items():
        for path in sorted(section.glob("*.txt")):
            try:
                article = read_text_article(path.name, path.read_bytes())
            except RejectedInput as exc:
                raise ValueError(f"{path}: {exc}") from exc
            items.append(AgItem(str(label), article.title, article.text))
    return items


def score(gold: Sequence[str], predicted: Sequence[str], classes: Sequence[str]) -> dict:
    """Accuracy, per-class precision/recall/F1, macro F1 and the confusion matrix."""
    pairs = Counter(zip(gold, predicted, strict=True))
    per_class = {}
    for name in classes:
        true_positive = pairs[(name, name)]
        predicted_count = sum(n for (_, p), n in pairs.items() if p == name)
        gold_count = sum(n for (g, _), n in pairs.items() if g == name)
        precision = true_positive / predicted_count if predicted_count else 0.0
        recall = true_positive / gold_count if gold_count else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[name] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": gold_count,
        }
    correct = sum(n for (g, p), n in pairs.items() if g == p)
    return {
        "items": len(gold),
        "accuracy": round(correct / len(gold), 4) if gold else 0.0,
        "macro_f1": round(sum(c["f1"] for c in per_class.values()) / len(classes), 4),
        "per_class": per_class,
        "confusion": {g: {p: pairs[(g, p)] for p in classes} for g in classes},
    }


def format_table(report: dict, classes: Sequence[str], title: str = "AG News") -> str:
    """Readable summary: headline scores, per-class scores, confusion (rows gold)."""
    width = max(len(name) for name in classes) + 2
    lines = [
        f"{title}: {report['items']} items, accuracy {report['accuracy']:.4f}, "
        f"macro F1 {report['macro_f1']:.4f}",
        "",
        f"{'class':<{width}}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}",
    ]
    for name in classes:
        c = report["per_class"][name]
        lines.append(
            f"{name:<{width}}{c['precision']:>10.4f}{c['recall']:>10.4f}"
            f"{c['f1']:>10.4f}{c['support']:>10}"
        )
    lines += [
        "",
        "confusion (rows gold, columns predicted)",
        " " * width + "".join(f"{name:>10}" for name in classes),
    ]
    for gold in classes:
        row = report["confusion"][gold]
        lines.append(f"{gold:<{width}}" + "".join(f"{row[p]:>10}" for p in classes))
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `newsbeam eval topics`."""
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--ag-news", type=Path, help="AG News CSV (label,title,description), e.g. test.csv"
    )
    source.add_argument(
        "--sections",
        type=Path,
        help="folder of section folders of text articles (sport/, business/, ...)",
    )
    parser.add_argument(
        "--topic_model",
        "--topic-model",
        dest="topic_model",
        help="evaluate this spaCy text classifier instead of the shipped model",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help="confidence below which the primary topic is `other` (-> World)",
    )
    parser.add_argument("--limit", type=int, help="score only the first N items")


def _scorer(
    topic_model: str | None,
) -> Callable[[Sequence[tuple[str, str]]], list[list[TopicScore]]]:
    """Scores for a list of (title, text): the shipped model, or a spaCy model in batches."""
    if topic_model:
        return SpacyTopicClassifier(topic_model).classify_batch
    return lambda articles: [classify(title, text) for title, text in articles]


def run(args: argparse.Namespace) -> int:
    """Classify every item, map to AG classes, print JSON then the table."""
    name = "AG News" if args.ag_news else f"sections of {args.sections}"
    try:
        items = read_ag_news(args.ag_news) if args.ag_news else read_sections(args.sections)
        scorer = _scorer(args.topic_model)
    except (OSError, ValueError) as exc:
        print(f"eval topics: {exc}", file=sys.stderr)
        return 2
    items = items[: args.limit]
    if not items:
        print(f"no items in {args.ag_news or args.sections}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    all_scores = scorer([(item.title, item.description) for item in items])
    predicted = [ag_class(primary_topic(scores, args.threshold)) for scores in all_scores]
    seconds = time.perf_counter() - started
    report = score([item.label for item in items], predicted, AG_CLASSES)
    report["model"] = args.topic_model or "shipped IPTC model"
    report["threshold"] = args.threshold
    report["ms_per_item"] = round(1000 * seconds / len(items), 3)
    print(json.dumps(report, indent=2))
    print()
    print(format_table(report, AG_CLASSES, name))
    return 0


if __name__ == "__main__":
    _parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    add_arguments(_parser)
    raise SystemExit(run(_parser.parse_args()))
