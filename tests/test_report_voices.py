"""The report's "Who gets quoted" section on a small output written by the pipeline's writer."""

from __future__ import annotations

import datetime as dt

import pytest

from newsbeam.query import connect
from newsbeam.report.data import Selection, collect
from newsbeam.report.voices import collect_voices
from newsbeam.transforms.records import Article, Entity, Mention, Quote
from tests.report_sample import write_articles

pytest.importorskip("altair", reason="the report extra is not installed")

SAID = "We will rebuild the bridge."
TEXT = f"Mayor Jane Roe said “{SAID}” John Doe agreed. The council said no. Officials said yes."


def _person(name: str, gender: str, roles: list[str]) -> Entity:
    word = name.split()[-1]
    start = TEXT.index(word)
    return Entity(
        f"e-{word}",
        name,
        "PERSON",
        1,
        0.5,
        [Mention(word, start, start + len(word))],
        person_key=name.lower(),
        roles=[Mention(r, TEXT.index(r), TEXT.index(r) + len(r)) for r in roles],
        gender=gender,
        gender_evidence="given_name" if gender != "unknown" else None,
    )


def _quote(quote_id: str, speaker: str | None, kind: str, confidence: float) -> Quote:
    start = TEXT.index(SAID)
    return Quote(
        quote_id,
        SAID,
        start,
        start + len(SAID),
        "direct",
        speaker,
        speaker_type=kind,
        confidence=confidence,
        quote_key="bridge",
        speaker_person_key=speaker.lower() if kind == "person" and speaker else None,
    )


def _article(article_id: str, day: int, quotes: list[Quote], gender: str = "female") -> Article:
    return Article(
        article_id=article_id,
        source_uri=f"/in/{article_id}.txt",
        ingested_at=dt.datetime(2024, 5, 30, tzinfo=dt.UTC),
        title=article_id,
        text=TEXT,
        published_at=dt.datetime(2024, 5, day, 9, tzinfo=dt.UTC),
        date_source="metadata",
        topic="politics",
        entities=[_person("Jane Roe", gender, ["Mayor"]), _person("John Doe", "male", [])],
        quotes=quotes,
    )


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    articles = [
        _article("a1", 1, [_quote("q1", "Jane Roe", "person", 0.9)]),
        _article(
            "a2",
            2,
            [
                _quote("q1", "Jane Roe", "person", 0.9),
                _quote("q2", "John Doe", "person", 0.8),
                _quote("q3", "council", "organization", 0.7),
                _quote("q4", None, "unnamed", 0.6),
                _quote("q5", "John Doe", "person", 0.2),  # a guess: not counted
            ],
            gender="unknown",
        ),
    ]
    return connect(str(write_articles(tmp_path_factory.mktemp("out"), articles)))


def test_quotes_by_gender_per_day(con):
    rows = collect_voices(con, Selection()).by_gender
    assert [(str(r["date"]), r["gender"], r["quotes"]) for r in rows] == [
        ("2024-05-01", "female", 1),
        ("2024-05-02", "male", 1),
        ("2024-05-02", "unknown", 1),
    ]


def test_most_quoted_people_with_role_and_a_gender_their_articles_agree_on(con):
    people = collect_voices(con, Selection()).people
    assert [(p["person"], p["quotes"], p["articles"], p["gender"], p["role"]) for p in people] == [
        ("Jane Roe", 2, 2, "female", "Mayor"),  # "unknown" in one article is no disagreement
        ("John Doe", 1, 1, "male", None),
    ]


def test_sources_by_kind_and_repeated_quotes(con):
    voices = collect_voices(con, Selection())
    assert [(s["source"], s["quotes"]) for s in voices.sources] == [
        ("person", 3),
        ("organization", 1),
        ("unnamed", 1),
    ]
    assert [(r["quote"], r["articles"]) for r in voices.repeated] == [(SAID, 2)]


def test_the_section_is_on_the_page(con, tmp_path):
    from newsbeam.report.page import chart_specs, render_page

    data = collect(con, Selection())
    assert {"chart-gender", "chart-sources"} <= set(chart_specs(data))
    page = render_page(data, "out")
    assert 'id="who-gets-quoted"' in page and "Most-repeated quotes" in page
    assert "Mayor" in page
