"""Learned boilerplate: per-publisher line counts, both thresholds, and the side-input path."""

from __future__ import annotations

import apache_beam as beam
from apache_beam.testing.util import assert_that, equal_to

from newsbeam.transforms.boilerplate import (
    LearnBoilerplate,
    candidate_lines,
    learned_lines,
    publisher_lines,
)
from newsbeam.transforms.clean import CleanArticles, clean_article, lines_for
from newsbeam.transforms.deadletter import ARTICLES
from newsbeam.transforms.records import Article
from tests.conftest import INGESTED, local_test_pipeline

APP_LINE = "Get the Harbour Herald app for breaking news"


def test_candidate_lines_are_short_normalised_case_folded_and_distinct():
    body = (
        f"{APP_LINE}\n\nThe council met.\n\n  GET THE HARBOUR\u00a0HERALD APP FOR BREAKING NEWS \n"
        "***\n\n" + "A long paragraph of reporting. " * 10
    )
    assert candidate_lines(body) == frozenset(
        {"get the harbour herald app for breaking news", "the council met."}
    )


def test_learned_lines_need_both_the_count_and_the_share():
    counts = {"sign-off": 6, "shared by a story's three versions": 3, "rare": 1}
    # 10 articles: 6 >= max(3, 0.5 * 10) but 3 < 5
    assert learned_lines(counts, 10, 3, 0.5) == frozenset({"sign-off"})
    # 100 articles: the share (20) is the binding threshold
    assert learned_lines(counts, 100, 3, 0.2) == frozenset()
    # 4 articles: the count (5) is the binding threshold
    assert learned_lines({"a": 4}, 4, 5, 0.2) == frozenset()


def test_learned_lines_apply_only_to_their_publisher():
    learned = {"harbour herald": frozenset({APP_LINE.casefold()})}
    body = f"The council met on Monday.\n\n{APP_LINE}"
    herald = Article("a", "a.json", INGESTED, raw_body=body, publisher="Harbour Herald")
    other = Article("b", "b.json", INGESTED, raw_body=body, publisher="Other Paper")
    cleaned = clean_article(herald, lines_for(herald, learned))
    assert (cleaned.text, cleaned.boilerplate_removed) == (
        "The council met on Monday.",
        [APP_LINE],
    )
    assert clean_article(other, lines_for(other, learned)).boilerplate_removed == []
    assert lines_for(Article("c", "c", INGESTED), learned) == frozenset()


def _herald(i: int, extra: str = "") -> Article:
    body = f"Story number {i} about the harbour.\n\n{extra}\n\n{APP_LINE}"
    return Article(f"h{i}", f"h{i}.json", INGESTED, raw_body=body, publisher="Harbour Herald")


def test_learned_lines_reach_the_clean_stage_as_a_side_input():
    articles = [_herald(i) for i in range(4)] + [
        _herald(4, extra="Tide tables are on page 9."),
        Article(
            "o1", "o1.json", INGESTED, raw_body=f"Other news.\n\n{APP_LINE}", publisher="Other"
        ),
    ]
    with local_test_pipeline() as p:
        created = p | beam.Create(articles)
        learned = (
            created
            | beam.FlatMap(publisher_lines)
            | LearnBoilerplate(min_articles=3, min_share=0.5)
        )
        cleaned = created | CleanArticles(learned)
        assert_that(
            learned,
            equal_to([("harbour herald", frozenset({APP_LINE.casefold()}))]),
            label="learned",
        )
        assert_that(
            cleaned[ARTICLES] | beam.Map(lambda a: (a.article_id, a.text, a.boilerplate_removed)),
            equal_to(
                [(f"h{i}", f"Story number {i} about the harbour.", [APP_LINE]) for i in range(4)]
                + [
                    (
                        "h4",
                        "Story number 4 about the harbour.\n\nTide tables are on page 9.",
                        [APP_LINE],
                    ),
                    ("o1", f"Other news.\n\n{APP_LINE}", []),
                ]
            ),
            label="cleaned",
        )
