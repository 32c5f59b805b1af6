"""Tests of the topic stage: pure functions, the shipped model, the Beam wrapper, train-topics."""

from __future__ import annotations

import argparse
import json
import math
import re
from dataclasses import replace
from pathlib import Path

import apache_beam as beam
import numpy as np
import pytest
from apache_beam.testing.util import assert_that, equal_to
from hypothesis import given, settings
from hypothesis import strategies as st

from newsbeam import train_topics
from newsbeam.evaluation import topics as evaluation
from newsbeam.transforms.deadletter import ARTICLES as CLASSIFIED
from newsbeam.transforms.deadletter import ERRORS
from newsbeam.transforms.records import Article, Entity, TopicScore
from newsbeam.transforms.topics import (
    DEFAULT_THRESHOLD,
    ENTITY_WEIGHT,
    IPTC_TOP_LEVEL,
    OTHER,
    TITLE_WEIGHT,
    ClassifyTopics,
    ClassifyTopicsBatchFn,
    ClassifyTopicsFn,
    LinearTopicModel,
    SpacyTopicClassifier,
    classify,
    default_model,
    distinct_slugs,
    features,
    primary_topic,
    ranked,
    slugify,
    tokenize,
    weighted_spans,
)
from tests.conftest import INGESTED, SEED, local_test_pipeline, shared_path


def _entity(name: str, label: str, salience: float) -> Entity:
    return Entity(
        entity_id=name.lower(), name=name, label=label, mention_count=1, salience=salience
    )


# --- pure helpers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "slug"),
    [
        ("Sports News", "sports-news"),
        ("economy, business and finance", "economy-business-and-finance"),
        ("Arts & Culture", "arts-culture"),
        ("  World/Europe  ", "world-europe"),
        ("!!!", OTHER),
    ],
)
def test_slugify_keeps_only_partition_safe_characters(label: str, slug: str) -> None:
    assert slugify(label) == slug


def test_distinct_slugs_maps_labels_and_refuses_two_labels_with_one_slug() -> None:
    assert distinct_slugs(["Sports News", "Money", "Money"]) == {
        "Sports News": "sports-news",
        "Money": "money",
    }
    with pytest.raises(ValueError, match="'Sci/Tech' and 'sci tech' both become topic 'sci-tech'"):
        distinct_slugs(["Sci/Tech", "World", "sci tech"])


def test_every_shipped_slug_is_a_safe_folder_name() -> None:
    slugs = list(IPTC_TOP_LEVEL.values())
    assert len(set(slugs)) == 17
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) for slug in [*slugs, OTHER])
    assert OTHER not in slugs


def test_tokenize_keeps_abbreviations_tickers_and_numbers_whole() -> None:
    assert tokenize("U.S. stocks rose 3.5% on the S&P, Reuters said.") == [
        "u.s",
        "stocks",
        "rose",
        "3.5",
        "on",
        "the",
        "s&p",
        "reuters",
        "said",
    ]


def test_features_are_words_then_adjacent_pairs() -> None:
    assert list(features(["world", "cup", "final"])) == [
        "world",
        "cup",
        "final",
        "world cup",
        "cup final",
    ]


def test_title_outweighs_late_paragraphs_and_entities_count_by_salience() -> None:
    body = "\n\n".join(f"paragraph {i}" for i in range(10))
    entities = [_entity("Roger Federer", "PERSON", 0.5), _entity("Basel", "GPE", 0.0)]
    spans = list(weighted_spans("Title", body, entities))
    assert spans[0] == ("Title", TITLE_WEIGHT)
    assert spans[1] == ("paragraph 0", 1.0)
    assert spans[10][0] == "paragraph 9" and spans[10][1] < 0.5 < TITLE_WEIGHT
    assert spans[-1] == ("Roger Federer", ENTITY_WEIGHT * 0.5)
    assert len(spans) == 12  # the zero-salience entity adds nothing


def test_primary_topic_applies_the_threshold() -> None:
    scores = [TopicScore("sport", 0.6), TopicScore("politics", 0.3)]
    assert primary_topic(scores, 0.5) == "sport"
    assert primary_topic(scores, 0.7) == OTHER
    assert primary_topic([], 0.0) == OTHER


def test_ranked_is_best_first_with_ties_by_label() -> None:
    assert ranked(["b", "a", "c"], [0.25, 0.25, 0.5]) == [
        TopicScore("c", 0.5),
        TopicScore("a", 0.25),
        TopicScore("b", 0.25),
    ]


# --- the linear model -----------------------------------------------------------------------


def _tiny_model() -> LinearTopicModel:
    return LinearTopicModel(
        labels=("sport", "economy-business-finance"),
        index={"goal": 0, "bank": 1, "interest rates": 2},
        weights=np.array([[1.0, -1.0], [-1.0, 1.0], [-2.0, 2.0]], np.float32),
        bias=np.zeros(2, np.float32),
        scale=3.0,
    )


def test_linear_model_scores_by_hand() -> None:
    # Title "goal" weighs 2, body "bank" weighs 1: mean evidence (2*[1,-1] + [-1,1]) / 3
    # = [1/3, -1/3]; times scale 3 gives logits [1, -1]; softmax -> e / (e + 1/e).
    probabilities = _tiny_model().probabilities([("Goal!", 2.0), ("the bank", 1.0)])
    assert probabilities[0] == pytest.approx(math.e / (math.e + 1 / math.e), abs=1e-6)
    assert probabilities.sum() == pytest.approx(1.0)


def test_linear_model_uses_word_pairs_and_falls_back_to_the_bias() -> None:
    model = _tiny_model()
    # "interest rates" is one feature: logits 3 * [-2, 2] -> economy almost surely.
    assert model.probabilities([("interest rates", 1.0)])[1] > 0.99
    assert model.probabilities([("nothing known here", 1.0)]).tolist() == [0.5, 0.5]


def test_linear_model_save_and_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "model.npz"
    _tiny_model().save(path)
    loaded = LinearTopicModel.load(path)
    assert loaded.labels == ("sport", "economy-business-finance")
    assert loaded.index == {"goal": 0, "bank": 1, "interest rates": 2}
    assert loaded.scale == 3.0
    assert loaded.weights.tolist() == [[1.0, -1.0], [-1.0, 1.0], [-2.0, 2.0]]


def test_shipped_model_covers_the_17_iptc_topics() -> None:
    model = default_model()
    assert sorted(model.labels) == sorted(IPTC_TOP_LEVEL.values())
    assert model.weights.shape == (len(model.index), 17)


# --- the shipped model on hand-written articles -----------------------------------------------

ARTICLES = {
    "politics": (
        "Senate passes budget bill after late-night vote",
        "Lawmakers in the Senate approved the spending bill by 52 votes to 48 on Thursday, "
        "sending it to the president. Opposition senators said the legislation would be "
        "challenged again after the midterm elections, and the party's leader promised a "
        "new campaign.",
    ),
    "economy-business-finance": (
        "Shares slide as bank raises interest rates",
        "Stocks fell on Wall Street after the central bank raised interest rates by a quarter "
        "point. Investors sold bank shares and the dollar rose against the euro, while "
        "analysts cut their forecasts for company earnings this quarter.",
    ),
    "sport": (
        "Late goal sends United into the cup final",
        "A header in stoppage time gave the home team a 2-1 win in the semi-final. The "
        "striker scored his tenth goal of the season and the coach praised his players and "
        "the fans in the stadium.",
    ),
    "science-technology": (
        "New chip promises faster laptops",
        "The chipmaker unveiled a processor that runs software twice as fast while using "
        "less power. Engineers said the semiconductor will ship in computers and smartphones "
        "next year, and an update for the operating system is planned.",
    ),
    "conflict-war-peace": (
        "Rebels shell the capital as ceasefire collapses",
        "Artillery fire and airstrikes hit the city overnight as troops and rebel fighters "
        "clashed. Dozens of civilians were killed and thousands of refugees fled the "
        "fighting, the army said.",
    ),
    "crime-law-justice": (
        "Man convicted of murder after three-week trial",
        "A jury found the defendant guilty of murder and the judge sentenced him to life in "
        "prison. Police arrested him after the stabbing last year; prosecutors said the "
        "verdict brought justice for the victim's family.",
    ),
    "health": (
        "Hospitals brace for flu season as cases rise",
        "Doctors urged patients to get the flu vaccine as hospitals reported more infections. "
        "Health officials said the outbreak was straining emergency wards and nurses.",
    ),
    "arts-culture-entertainment-media": (
        "Director's new film tops the box office",
        "The actress stars in the director's latest movie, which opened in cinemas this "
        "weekend after its festival premiere. Critics praised the soundtrack by the band.",
    ),
    "environment": (
        "Glaciers melting faster as emissions keep rising",
        "Climate scientists said greenhouse gas emissions and global warming were shrinking "
        "glaciers and raising sea levels, threatening wildlife and coral reefs.",
    ),
    "disaster-accident-emergency": (
        "Earthquake kills dozens, rescuers search rubble",
        "A magnitude 7.1 earthquake struck the region, collapsing buildings. Rescue workers "
        "searched for survivors as the death toll rose and thousands were evacuated.",
    ),
}


@pytest.mark.parametrize("topic", sorted(ARTICLES))
def test_shipped_model_classifies_hand_written_articles(topic: str) -> None:
    title, text = ARTICLES[topic]
    scores = classify(title, text)
    assert scores[0].label == topic
    assert [s.score for s in scores] == sorted((s.score for s in scores), reverse=True)
    assert sum(s.score for s in scores) == pytest.approx(1.0, abs=1e-3)


@settings(max_examples=200, deadline=None)
@given(title=st.text(max_size=80), text=st.text(max_size=600))
def test_classify_always_gives_a_distribution_over_the_17_topics(title: str, text: str) -> None:
    scores = classify(title, text)
    assert sorted(s.label for s in scores) == sorted(IPTC_TOP_LEVEL.values())
    assert [s.score for s in scores] == sorted((s.score for s in scores), reverse=True)
    assert sum(s.score for s in scores) == pytest.approx(1.0, abs=1e-3)
    assert primary_topic(scores, 0.25) in {*IPTC_TOP_LEVEL.values(), OTHER}


def test_entity_salience_above_one_is_clamped() -> None:
    spans = list(weighted_spans("", "", [_entity("Arsenal", "ORG", 7.0)]))
    assert spans[-1] == ("Arsenal", ENTITY_WEIGHT)


def test_seed_article_is_politics_or_conflict() -> None:
    title, body = SEED.read_text(encoding="utf-8").strip().split("\n", 1)
    scores = classify(title.strip(), body.strip())
    assert primary_topic(scores, 0.25) in {"politics", "conflict-war-peace"}


def test_title_decides_when_the_body_is_neutral() -> None:
    body = "The announcement was made on Tuesday. More details are expected next week."
    assert classify("Champions League final", body)[0].label == "sport"
    assert classify("Central bank raises interest rates", body)[0].label == (
        "economy-business-finance"
    )


def test_salient_entities_add_evidence() -> None:
    title, body = "An announcement on Tuesday", "The deal was confirmed by the chief."
    without = {s.label: s.score for s in classify(title, body)}
    with_club = {
        s.label: s.score for s in classify(title, body, [_entity("Premier League", "ORG", 1.0)])
    }
    assert with_club["sport"] > without["sport"]


# --- Beam wrapper -------------------------------------------------------------------------------


def _article(article_id: str, title: str, text: str) -> Article:
    return Article(
        article_id=article_id,
        source_uri=f"mem://{article_id}",
        ingested_at=INGESTED,
        title=title,
        text=text,
    )


def test_dofn_setup_then_process_sets_topics_and_topic() -> None:
    fn = ClassifyTopicsFn(threshold=0.25)
    fn.setup()
    [article] = list(fn.process(_article("a1", *ARTICLES["sport"])))
    assert article.topic == "sport"
    assert article.topics[0].label == "sport" and len(article.topics) == 17


def test_dofn_threshold_gives_other() -> None:
    fn = ClassifyTopicsFn(threshold=1.01)
    fn.setup()
    [article] = list(fn.process(_article("a1", *ARTICLES["sport"])))
    assert article.topic == OTHER and article.topics[0].label == "sport"


def test_a_hard_choice_is_a_topic_and_only_a_near_uniform_article_is_other() -> None:
    """The guide keeps `other` for articles that fit no topic, not for a close call."""
    slugs = sorted(IPTC_TOP_LEVEL.values())  # arts-culture-..., crime-law-justice, ...
    close_call = ranked(slugs, [0.2, 0.19, *[0.61 / 15] * 15])
    assert primary_topic(close_call, DEFAULT_THRESHOLD) == "arts-culture-entertainment-media"
    uniform = ranked(sorted(IPTC_TOP_LEVEL.values()), [1 / 17] * 17)
    assert primary_topic(uniform, DEFAULT_THRESHOLD) == OTHER


def _in_language(article: Article, language: str) -> Article:
    return replace(article, language=language)


def test_the_shipped_stage_files_an_article_in_another_language_under_other() -> None:
    fn = ClassifyTopicsFn(threshold=DEFAULT_THRESHOLD)
    fn.setup()
    title, text = ARTICLES["sport"]
    [german], [english], [unknown] = (
        list(fn.process(_in_language(_article("a", title, text), lang)))
        for lang in ("de", "en", "und")
    )
    assert (german.topic, german.topics) == (OTHER, [])
    assert english.topic == unknown.topic == "sport"


class _Records(SpacyTopicClassifier):
    """A user classifier that calls every article sport and records the titles it read."""

    def __init__(self) -> None:  # no spaCy model to load
        self.slugs = {}
        self.language = "en"
        self.read: list[str] = []

    def classify_batch(self, articles):
        titles = [title for title, _ in articles]
        self.read += titles
        return [[TopicScore("sport", 0.9)] for _ in titles]


def test_a_user_model_does_not_read_an_article_in_another_language() -> None:
    model = _Records()
    batch = [
        _in_language(_article("a", "Match", "x"), "en"),
        _in_language(_article("b", "Spiel", "x"), "de"),
        _article("c", "Final", "x"),
    ]
    out = model.classify_articles(batch, DEFAULT_THRESHOLD)
    assert [(a.article_id, a.topic, len(a.topics)) for a in out] == [
        ("a", "sport", 1),
        ("b", OTHER, 0),
        ("c", "sport", 1),
    ]
    assert model.read == ["Match", "Final"]


class _BreaksOnBoom(SpacyTopicClassifier):
    """A user classifier that fails on any batch holding an article titled "boom"."""

    def __init__(self) -> None:  # no spaCy model to load
        self.slugs = {}
        self.language = "en"

    def classify_batch(self, articles):
        articles = list(articles)
        if any(title == "boom" for title, _ in articles):
            raise ValueError("boom")
        return [[TopicScore("sport", 0.9)] for _ in articles]


def test_an_article_the_user_model_fails_on_is_a_dead_letter_and_its_batch_is_kept() -> None:
    fn = ClassifyTopicsBatchFn(model_path="unused", threshold=0.5)
    fn._classifier = _BreaksOnBoom()  # setup() would load a spaCy model
    out = list(
        fn.process(
            [_article("a", "ok", "x"), _article("b", "boom", "x"), _article("c", "fine", "x")]
        )
    )
    kept = [o.article_id for o in out if isinstance(o, Article)]
    failed = [(o.value.source_uri, o.value.stage) for o in out if not isinstance(o, Article)]
    assert kept == ["a", "c"] and failed == [("mem://b", "classify")]
    assert all(o.tag == ERRORS for o in out if not isinstance(o, Article))


def test_classify_topics_pipeline() -> None:
    with local_test_pipeline() as p:
        articles = p | beam.Create(
            [
                _article("s", *ARTICLES["sport"]),
                _article("e", *ARTICLES["economy-business-finance"]),
                _article("empty", "", ""),
            ]
        )
        topics = (articles | ClassifyTopics(threshold=None))[CLASSIFIED] | beam.Map(
            lambda a: (a.article_id, a.topic)
        )
        assert_that(
            topics,
            equal_to(
                [
                    ("s", "sport"),
                    ("e", "economy-business-finance"),
                    ("empty", OTHER),
                ]
            ),
        )


# --- train-topics and a user's model ------------------------------------------------------------

_USER_DATA = [
    ("The striker scored twice and the keeper saved a penalty in the derby.", "Sports News"),
    ("The team won the match after a goal in extra time.", "Sports News"),
    ("Fans cheered as the club lifted the trophy after the final whistle.", "Sports News"),
    ("The coach named the squad for the tournament and the captain returned.", "Sports News"),
    ("The striker missed a penalty but the team still won the league match.", "Sports News"),
    ("The goalkeeper kept a clean sheet as the club beat its rivals.", "Sports News"),
    ("Mortgage rates rose and savers moved money into bonds and bank deposits.", "Money"),
    ("The bank raised its interest rate and shares in lenders fell.", "Money"),
    ("Investors bought bonds as inflation slowed and the currency weakened.", "Money"),
    ("Pension funds cut their exposure to shares after the market fell.", "Money"),
    ("Borrowing costs climbed as the bank raised rates for savers and lenders.", "Money"),
    ("Savers earned more interest as bond yields and deposit rates rose.", "Money"),
]


def _write_jsonl(path: Path, rows: list[tuple[str, str]]) -> None:
    path.write_text(
        "".join(json.dumps({"text": t, "label": label}) + "\n" for t, label in rows),
        encoding="utf-8",
    )


def test_read_labeled_rejects_lines_without_label(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "fine", "label": "a"}\n\n{"text": "no label"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="bad.jsonl:3"):
        train_topics.read_labeled(path)


def test_train_needs_two_labels() -> None:
    with pytest.raises(ValueError, match="two labels"):
        train_topics.train([train_topics.LabeledText("text", "only")], epochs=1)


def test_train_refuses_labels_that_share_a_slug() -> None:
    examples = [
        train_topics.LabeledText("a goal", "Sci/Tech"),
        train_topics.LabeledText("a bank", "sci tech"),
    ]
    with pytest.raises(ValueError, match="both become topic 'sci-tech'"):
        train_topics.train(examples, epochs=1)


@pytest.fixture(scope="module")
def user_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A spaCy classifier trained by `train-topics` on _USER_DATA (once for the module)."""
    folder = tmp_path_factory.mktemp("user_model")
    data, output = folder / "labeled.jsonl", folder / "model"
    _write_jsonl(data, _USER_DATA)
    parser = argparse.ArgumentParser()
    train_topics.add_arguments(parser)
    args = parser.parse_args(["--data", str(data), "--output", str(output), "--epochs", "20"])
    assert train_topics.run(args) == 0
    assert (output / "config.cfg").exists()
    return output


def test_classify_topics_with_the_user_model(user_model: Path) -> None:
    with local_test_pipeline() as p:
        articles = p | beam.Create(
            [
                _article("s", "Derby win", "The striker scored a goal and the team won the match."),
                _article("m", "Rates rise", "The bank raised interest rates and bond yields rose."),
            ]
        )
        topics = (articles | ClassifyTopics(model_path=str(user_model), threshold=0.5))[
            CLASSIFIED
        ] | beam.Map(lambda a: (a.article_id, a.topic, sorted(s.label for s in a.topics)))
        assert_that(
            topics,
            equal_to(
                [
                    ("s", "sports-news", ["money", "sports-news"]),
                    ("m", "money", ["money", "sports-news"]),
                ]
            ),
        )


class _PipeOnly:
    """Stands in for a spaCy pipeline: records nlp.pipe batches, fails on one-text calls."""

    def __init__(self, nlp: object) -> None:
        self.nlp = nlp
        self.batches: list[int] = []

    def pipe(self, texts: object, batch_size: int) -> object:
        texts = list(texts)  # type: ignore[call-overload]
        self.batches.append(len(texts))
        return self.nlp.pipe(texts, batch_size=batch_size)  # type: ignore[attr-defined]

    def __call__(self, text: str) -> object:
        raise AssertionError("one nlp() call per article")


def test_user_model_scores_a_batch_with_one_pipe_call(user_model: Path) -> None:
    classifier = SpacyTopicClassifier(str(user_model))
    spy = _PipeOnly(classifier.nlp)
    classifier.nlp = spy  # type: ignore[assignment]
    scores = classifier.classify_batch(
        [
            ("Derby win", "The striker scored a goal and the team won the match."),
            ("Rates rise", "The bank raised interest rates and bond yields rose."),
            ("Cup final", "The keeper saved a penalty in the final."),
        ]
    )
    assert spy.batches == [3]
    assert [s[0].label for s in scores] == ["sports-news", "money", "sports-news"]


def test_user_model_with_labels_sharing_a_slug_is_refused_at_load(tmp_path: Path) -> None:
    import spacy

    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat")
    for label in ("Sci/Tech", "World", "sci tech"):
        textcat.add_label(label)
    nlp.initialize()
    nlp.to_disk(tmp_path / "model")
    with pytest.raises(ValueError, match="both become topic 'sci-tech'"):
        SpacyTopicClassifier(str(tmp_path / "model"))


# --- evaluation ---------------------------------------------------------------------------------


def test_clean_ag_text_undoes_the_escapes() -> None:
    raw = r"Wins #36;10 million prize #151; again\in a row &lt;b&gt;quot;big quot;"
    assert evaluation.clean_ag_text(raw) == 'Wins $10 million prize — again in a row "big "'


def test_ag_class_mapping() -> None:
    assert evaluation.ag_class("sport") == "Sports"
    assert evaluation.ag_class("economy-business-finance") == "Business"
    assert evaluation.ag_class("science-technology") == "Sci/Tech"
    assert evaluation.ag_class("politics") == "World"
    assert evaluation.ag_class(OTHER) == "World"


def test_score_by_hand() -> None:
    report = evaluation.score(["A", "A", "B", "B"], ["A", "B", "B", "B"], ["A", "B"])
    assert report["accuracy"] == 0.75
    assert report["per_class"]["A"]["f1"] == pytest.approx(2 * 1 * 0.5 / 1.5, abs=1e-4)
    assert report["per_class"]["B"]["f1"] == pytest.approx(0.8, abs=1e-4)
    assert report["macro_f1"] == pytest.approx((0.6667 + 0.8) / 2, abs=1e-4)
    assert report["confusion"] == {"A": {"A": 1, "B": 1}, "B": {"A": 0, "B": 2}}


#: Hand-written articles, one per section folder ("tech" and "politics" are BBC's names).
_SECTION_ARTICLES = {
    "sport": "United beat Chelsea\n\nThe striker scored twice as United won the league match "
    "and moved top of the table before the cup final.",
    "business": "Bank profits rise\n\nShares rose after the bank reported higher quarterly "
    "profits and investors cheered the dividend.",
    "tech": "New chip for laptops\n\nThe software maker released a faster processor and an "
    "operating system update for its computers and smartphones.",
    "politics": "Parliament votes on the bill\n\nThe prime minister won the vote after the "
    "opposition party and ministers debated the election law.",
}


def _write_sections(root: Path, articles: dict[str, str]) -> Path:
    for section, text in articles.items():
        (root / section).mkdir()
        (root / section / "001.txt").write_text(text, encoding="utf-8")
    return root


def _run_eval(args: list[str]) -> int:
    parser = argparse.ArgumentParser()
    evaluation.add_arguments(parser)
    return evaluation.run(parser.parse_args(args))


def test_section_folders_are_scored_by_their_class(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run_eval(["--sections", str(_write_sections(tmp_path, _SECTION_ARTICLES))]) == 0
    out = capsys.readouterr().out
    report = json.loads(out.split("\n\n", 1)[0])
    assert report["items"] == 4
    assert {c: v["support"] for c, v in report["per_class"].items()} == {
        "World": 1,
        "Sports": 1,
        "Business": 1,
        "Sci/Tech": 1,
    }
    assert report["accuracy"] == 1.0
    assert f"sections of {tmp_path}: 4 items" in out


def test_a_section_folder_no_map_knows_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_sections(tmp_path, {"sport": _SECTION_ARTICLES["sport"], "misc": "Odds\n\nEnds."})
    assert _run_eval(["--sections", str(tmp_path)]) == 2
    assert "section folders with no known topic: misc" in capsys.readouterr().err


def test_ag_news_accuracy_floor(capsys: pytest.CaptureFixture[str]) -> None:
    """The first 2,000 AG News test items (about 500 per class) through read, clean,
    annotate and classify; the whole set is in README's Quality table."""
    path = shared_path("data", "ag_news", "test.csv")
    assert _run_eval(["--ag-news", str(path), "--limit", "2000"]) == 0
    report = json.loads(capsys.readouterr().out.split("\n\n", 1)[0])
    assert report["items"] == 2000
    # 0.8195 on these 2,000 items with the word weights learned on the web gold and BBC
    # News (issue 32; 0.8095 with the lexicon and prior alone). AG News is evaluation only,
    # never tuned on.
    assert report["accuracy"] >= 0.81
    # Sports F1 0.929: salient names in short items pull some Olympic and cricket stories AG
    # files under World to sport.
    assert report["per_class"]["Sports"]["f1"] >= 0.92
