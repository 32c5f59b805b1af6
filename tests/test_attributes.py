"""The fast attribute ruler and cached lemmatizer give exactly what spaCy's own give."""

from __future__ import annotations

import pytest
import spacy

from newsbeam.transforms.nlp import DEFAULT_MODEL
from newsbeam.transforms.nlp.components import speed_up
from tests.conftest import SEED

TEXTS = [
    SEED.read_text(encoding="utf-8"),
    # the multi-token and lexical patterns: gonna, ain't, let's, c'mon, y'all, nothin'
    "Y'all gonna come? I ain't. Let's go, c'mon! There's nothin' here, and it isn't done.",
    # auxiliaries vs verbs, subordinating "that", determiners as pronouns, negation
    "She has said that he does not know whether that is what they had done. Do it!",
    # spaces and line breaks (IS_SPACE patterns), empty and one-word docs
    "First line.\n\n  \n Second   line.\tTabbed.",
    "",
    "Word",
]


@pytest.fixture(scope="module")
def pipelines():
    return spacy.load(DEFAULT_MODEL), speed_up(spacy.load(DEFAULT_MODEL))


def _analysis(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_same_analysis_as_spacys_own_components(pipelines):
    stock, fast = pipelines
    assert "attribute_ruler" in fast.pipe_names and "lemmatizer" in fast.pipe_names
    assert type(fast.get_pipe("attribute_ruler")) is not type(stock.get_pipe("attribute_ruler"))
    for stock_doc, fast_doc in zip(stock.pipe(TEXTS), fast.pipe(TEXTS), strict=True):
        assert _analysis(fast_doc) == _analysis(stock_doc)


def test_repeated_words_come_from_the_lemma_cache(pipelines):
    _, fast = pipelines
    lemmatizer = fast.get_pipe("lemmatizer")
    fast("The officials said the talks were over.")
    size = len(lemmatizer.cache)
    doc = fast("The officials said the talks were over.")
    assert len(lemmatizer.cache) == size
    assert [t.lemma_ for t in doc][:4] == ["the", "official", "say", "the"]


def test_verb_forms_the_rule_lemmatizer_gets_wrong_are_corrected(pipelines):
    stock, fast = pipelines
    text = "She hopes it works. He hoped so, hoping for a deal, and retweeted it."
    stock_lemmas = {t.lower_: t.lemma_ for t in stock(text) if t.pos_ == "VERB"}
    lemmas = {t.lower_: t.lemma_ for t in fast(text) if t.pos_ == "VERB"}
    assert stock_lemmas["hopes"] == "hop"  # the mistake corrected
    assert [lemmas[w] for w in ("hopes", "hoped", "hoping", "retweeted")] == [
        "hope",
        "hope",
        "hope",
        "retweet",
    ]


def test_the_lemma_cache_is_bounded_and_starting_again_changes_no_lemma(pipelines, monkeypatch):
    stock, fast = pipelines
    monkeypatch.setattr("newsbeam.transforms.nlp.components.MAX_CACHED_LEMMAS", 5)
    lemmatizer = fast.get_pipe("lemmatizer")
    lemmatizer.cache.clear()
    for text in TEXTS:
        fast_doc = fast(text)
        assert len(lemmatizer.cache) <= 5
        assert [t.lemma_ for t in fast_doc] == [t.lemma_ for t in stock(text)]
