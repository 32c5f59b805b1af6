"""Tests of the topic model's build inputs: weak labels from URLs and the development set."""

from __future__ import annotations

import numpy as np
import pytest

from newsbeam.topic_model import build, dev
from newsbeam.topic_model.corpora import NewsText, section_topic


@pytest.mark.parametrize(
    ("url", "topic"),
    [
        ("http://abcnews.go.com/Politics/pence-break-tie/story?id=45310061", "politics"),
        ("http://www.bbc.co.uk/news/business-38895007", "economy-business-finance"),
        ("http://www.bbc.co.uk/news/uk-politics-38889941", "politics"),
        ("http://www.bbc.co.uk/sport/football/38920489", "sport"),
        ("http://www.cnn.com/2017/02/07/health/flu-season/index.html", "health"),
        ("http://tass.com/science/936312", "science-technology"),
        ("http://www.bbc.co.uk/news/science-environment-38900000", None),
        ("http://www.aljazeera.com/news/2017/02/haiti-president.html", None),
        ("https://example.com/sport/business/a-story", None),
    ],
)
def test_section_topic_reads_topical_url_sections(url: str, topic: str | None) -> None:
    assert section_topic(url) == topic


def test_short_view_keeps_the_first_words_as_one_paragraph() -> None:
    text = "one two\n\nthree " + "x " * 100
    assert dev.short_view(text) == "one two three " + " ".join(["x"] * (dev.SHORT_WORDS - 3))


def test_balanced_is_the_mean_recall_of_classes_that_occur() -> None:
    report = {
        "per_class": {
            "World": {"recall": 0.5, "support": 10},
            "Sports": {"recall": 1.0, "support": 2},
            "Business": {"recall": 0.0, "support": 0},
        }
    }
    assert dev.balanced(report) == 0.75


def test_development_set_caps_each_site_and_class(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dev, "PER_SITE", 2)
    items = [
        *(NewsText("t", "x", f"http://www.a.com/sport/{n}", "sport") for n in range(3)),
        NewsText("t", "x", "http://a.com/politics/9", "politics"),
        NewsText("t", "x", "http://a.com/crime/9", "crime-law-justice"),  # World again: capped
        NewsText("t", "x", "http://b.com/sport/1", "sport"),
        NewsText("t", "x", "http://b.com/world/1", None),
    ]
    kept = [item.url for item in dev.development_set(items)]
    assert kept == [
        "http://www.a.com/sport/0",
        "http://www.a.com/sport/1",
        "http://a.com/politics/9",
        "http://a.com/crime/9",
        "http://b.com/sport/1",
    ]


def test_word_weights_need_a_lead_over_the_second_topic() -> None:
    # Three words over the 17 topics: "clear" is near topic 0 only, "torn" is as near to
    # topics 0 and 1, "far" is near nothing; "x" is a single letter.
    similarity = np.full((4, len(build.SLUGS)), 0.2, np.float32)
    similarity[0, 0] = 0.9
    similarity[1, :2] = 0.9
    similarity[3, 0] = 0.9
    weights = build.word_weights(similarity, ["clear", "torn", "far", "x"], frozenset())
    assert sorted(weights) == ["clear"]
    assert int(weights["clear"].argmax()) == 0
