"""The shipped topic model's learned part: fitted on made-up articles, checked by hand."""

from __future__ import annotations

import argparse

import numpy as np
import pytest

from newsbeam import train_topics
from newsbeam.topic_model import learned
from newsbeam.transforms.records import Article
from newsbeam.transforms.topics import LinearTopicModel, weighted_spans
from tests.conftest import INGESTED

LABELS = ("economy", "politics", "sport")
STOPS = frozenset({"the", "a", "on"})


def _lexicon() -> LinearTopicModel:
    """Knows "goal" (sport) and "shares" (economy); nothing of politics' words."""
    return LinearTopicModel(
        labels=LABELS,
        index={"goal": 0, "shares": 1},
        weights=np.array([[-1.0, -1.0, 2.0], [2.0, -1.0, -1.0]], np.float32),
        bias=np.zeros(3, np.float32),
        scale=1.0,
    )


def _article(number: int, title: str, text: str = "", language: str | None = None) -> Article:
    return Article(
        article_id=f"a{number}",
        source_uri=f"mem://a{number}",
        ingested_at=INGESTED,
        title=title,
        text=text,
        language=language,
    )


def _set(space, name, titles, topics, groups=None, language=None) -> learned.LabelledSet:
    articles = [_article(i, t, language=language) for i, t in enumerate(titles)]
    groups = groups or [f"{name}-{i}" for i in range(len(titles))]
    return learned.labelled_set(name, space, articles, topics, groups)


def test_a_word_only_labelled_stories_reveal_gets_its_topic() -> None:
    space = learned.FeatureSpace(_lexicon(), STOPS)
    labelled = _set(
        space,
        "s",
        ["tories vote", "tories shares", "tories win", "goal", "shares", "goal shares"],
        [("politics",)] * 3 + [("sport",), ("economy",), ("sport", "economy")],
    )
    baseline = learned.predictions(labelled, learned.lexicon_alone(space))
    fitted = learned.fit([labelled], space, word_strength=1e-3)
    model = space.model(fitted)
    assert "tories" in model.index and "tories" not in _lexicon().index
    # A new story the lexicon files under economy ("shares") is politics by "tories".
    probabilities = model.probabilities([("tories shares again", 1.0)])
    assert LABELS[int(probabilities.argmax())] == "politics"
    assert learned.accuracy(labelled, learned.predictions(labelled, fitted)) == 1.0
    assert learned.accuracy(labelled, baseline) < 0.6


def test_the_shipped_table_scores_every_article_as_the_fit_does() -> None:
    space = learned.FeatureSpace(_lexicon(), STOPS)
    titles = ["tories vote on the goal", "shares tories", "goal goal", "vote shares"]
    articles = [_article(i, t, "The tories said so.\n\nA goal.") for i, t in enumerate(titles)]
    labelled = learned.labelled_set(
        "s", space, articles, [("politics",), ("politics",), ("sport",), ("economy",)], list("abcd")
    )
    fitted = learned.fit([labelled], space, word_strength=1e-3, min_articles=1)
    model = space.model(fitted)
    shipped = np.stack([model.probabilities(weighted_spans(a.title, a.text)) for a in articles])
    assert shipped.argmax(axis=1).tolist() == learned.predictions(labelled, fitted).tolist()


def test_a_strong_pull_keeps_the_lexicon_and_no_bias() -> None:
    space = learned.FeatureSpace(_lexicon(), STOPS)
    labelled = _set(space, "s", ["tories goal"] * 5, [("politics",)] * 5)
    fitted = learned.fit([labelled], space, word_strength=1e6, strength=1e6)
    assert np.abs(fitted.bias).max() < 1e-3
    assert np.allclose(fitted.evidence[:2], _lexicon().weights, atol=1e-3)
    assert np.abs(fitted.evidence[2:]).max() < 1e-3


def test_only_words_enough_training_articles_hold_get_a_weight() -> None:
    space = learned.FeatureSpace(_lexicon(), STOPS)
    labelled = _set(
        space,
        "s",
        ["tories on 2004", "tories", "tories peers", "the", "a u"],
        [("politics",)] * 5,
    )
    model = space.model(learned.fit([labelled], space, min_articles=2))
    # Stop words, single letters and numbers never; "peers" is in one article only.
    assert set(model.index) == {"goal", "shares", "tories"}


def test_sets_weigh_the_same_and_any_allowed_topic_counts() -> None:
    # Set a: 2 empty articles whose topic is economy or politics; set b: 200 of sport.
    space = learned.FeatureSpace(_lexicon(), STOPS)
    a = _set(space, "a", ["the"] * 2, [("economy", "politics")] * 2)
    b = _set(space, "b", ["the"] * 200, [("sport",)] * 200)
    fitted = learned.fit([a, b], space, strength=1e-4)
    p = np.exp(fitted.bias) / np.exp(fitted.bias).sum()
    # Equal weights: sport gets half the mass, not 200/202 of it; the other two share the rest.
    assert p[2] == pytest.approx(0.5, abs=0.02)
    assert p[0] == pytest.approx(p[1], abs=1e-3)


def test_cross_validation_files_each_group_by_a_fit_that_did_not_see_it() -> None:
    # Publisher "odd" alone writes of "tories" (politics); everyone else of "goal" (sport).
    space = learned.FeatureSpace(_lexicon(), STOPS)
    titles = ["goal"] * 36 + ["tories"] * 4
    groups = [f"p{i % 10}" for i in range(36)] + ["odd"] * 4
    labelled = _set(space, "web", titles, [("sport",)] * 36 + [("politics",)] * 4, groups)
    scores = learned.cross_validate([labelled], space, word_strength=1e-3)
    # "tories" is never weighed by a fit that did not see "odd": its articles hold no known
    # word, so they are filed by the bias alone, which favours sport.
    assert scores["web cross-validated"] == 0.9
    assert scores["web lexicon alone"] == 0.9  # no evidence: the first topic, economy, or sport


def test_an_article_in_another_language_is_other_and_not_learned_from() -> None:
    space = learned.FeatureSpace(_lexicon(), STOPS)
    labelled = _set(space, "s", ["goal"] * 3, [("sport",)] * 3, language="de")
    assert learned.predictions(labelled, learned.lexicon_alone(space)).tolist() == [-1] * 3
    assert (
        learned.accuracy(labelled, learned.predictions(labelled, learned.lexicon_alone(space)))
        == 0.0
    )


def test_train_topics_needs_data_or_shipped(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    train_topics.add_arguments(parser)
    assert train_topics.run(parser.parse_args([])) == 2
    assert "--data and --output are needed (or --shipped)" in capsys.readouterr().err
