"""The shipped topic model's prior: fitted by hand-checkable cases, cross-validated by group."""

from __future__ import annotations

import argparse

import numpy as np
import pytest

from newsbeam import train_topics
from newsbeam.topic_model import prior
from newsbeam.transforms.records import Article
from newsbeam.transforms.topics import default_model
from tests.conftest import INGESTED


def _set(name: str, logits: list[list[float]], allowed: list[list[int]], groups=None):
    mask = np.zeros((len(logits), len(logits[0])), bool)
    for row, columns in enumerate(allowed):
        mask[row, columns] = True
    groups = groups or [f"{name}-{i}" for i in range(len(logits))]
    return prior.LabelledSet(name, np.log(prior._softmax(np.array(logits))), mask, tuple(groups))


def test_the_bias_moves_a_topic_the_lexicon_overrates_below_the_right_one() -> None:
    # The lexicon prefers topic 0 by a little on articles whose topic is 1.
    labelled = _set("s", [[0.3, 0.0, -2.0]] * 20, [[1]] * 20)
    assert prior.accuracy(labelled, np.zeros(3)) == 0.0
    bias = prior.fit_bias([labelled], strength=0.01)
    assert bias[1] - bias[0] > 0.3 and prior.accuracy(labelled, bias) == 1.0


def test_a_strong_pull_keeps_the_bias_near_zero() -> None:
    labelled = _set("s", [[0.3, 0.0, -2.0]] * 20, [[1]] * 20)
    assert np.abs(prior.fit_bias([labelled], strength=100.0)).max() < 0.01


def test_any_allowed_topic_counts_and_sets_weigh_the_same() -> None:
    # Set a: 2 articles whose topic is 0 or 1 (either is right); set b: 200 articles of 2.
    a = _set("a", [[0.0, 0.0, 0.5]] * 2, [[0, 1]] * 2)
    b = _set("b", [[0.0, 0.0, 0.5]] * 200, [[2]] * 200)
    bias = prior.fit_bias([a, b], strength=0.001)
    p = prior._softmax(a.log_probabilities[:1] + bias)[0]
    # Equal weights: topic 2 gets half the mass, not 200/202 of it; 0 and 1 share the rest.
    assert p[2] == pytest.approx(0.5, abs=0.02)
    assert p[0] == pytest.approx(p[1], abs=1e-3)


def test_cross_validation_scores_each_group_with_a_bias_fitted_without_it() -> None:
    # Publisher "odd" alone files its stories under topic 1; every other one under topic 0.
    logits = [[0.0, 0.0]] * 40
    groups = [f"p{i % 10}" for i in range(36)] + ["odd"] * 4
    labelled = _set("web", logits, [[0]] * 36 + [[1]] * 4, groups)
    scores = prior.cross_validate([labelled], strength=0.01)
    assert scores["web cross-validated"] == 0.9  # "odd" is never seen by its own fit
    assert scores["web without prior"] == 0.9  # ties go to topic 0


def test_labelled_set_leaves_the_models_own_bias_out() -> None:
    model = default_model()
    article = Article(
        article_id="a", source_uri="a", ingested_at=INGESTED, title="Cup final", text="Goal."
    )
    labelled = prior.labelled_set("x", model, [article], [("sport",)], ["g"])
    logits = labelled.log_probabilities[0] + model.bias
    shipped = model.probabilities([("Cup final", 2.0), ("Goal.", 1.0)])
    assert np.allclose(prior._softmax(logits[None])[0], shipped, atol=1e-5)


def test_train_topics_needs_data_or_shipped(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    train_topics.add_arguments(parser)
    assert train_topics.run(parser.parse_args([])) == 2
    assert "--data and --output are needed (or --shipped)" in capsys.readouterr().err
