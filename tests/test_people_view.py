"""The `people` view over made-up articles written as real Parquet and read by DuckDB:
name variants of one person merge, two people folded to one key by a short form do not."""

from __future__ import annotations

import datetime as dt

import pytest

from newsbeam.query import connect
from newsbeam.transforms.matching import person_key
from newsbeam.transforms.records import Article, Entity, Mention, Quote
from tests.report_sample import write_articles_fast

SAID = "We will be ready."


def _article(
    article_id: str, name: str, role: str | None, quoted: bool = False, gender: str = "male"
) -> Article:
    """An article naming `name` once, described as `role`, maybe quoting them."""
    described = f"{name}, {role}," if role else name
    text = f"{described} spoke on Monday. “{SAID}” {name.split()[-1]} said."
    start = text.index(name)
    roles = [Mention(role, text.index(role), text.index(role) + len(role))] if role else []
    person = Entity(
        f"e-{article_id}",
        name,
        "PERSON",
        1,
        0.5,
        [Mention(name, start, start + len(name))],
        person_key=person_key(name),
        roles=roles,
        gender=gender,
        gender_evidence="pronoun",
    )
    quotes = []
    if quoted:
        begin = text.index(SAID)
        quotes.append(
            Quote(
                "q1",
                SAID,
                begin,
                begin + len(SAID),
                "direct",
                name,
                speaker_type="person",
                confidence=0.9,
                speaker_person_key=person_key(name),
            )
        )
    return Article(
        article_id=article_id,
        source_uri=f"/in/{article_id}.txt",
        ingested_at=dt.datetime(2024, 5, 30, tzinfo=dt.UTC),
        title=article_id,
        text=text,
        published_at=dt.datetime(2024, 5, 1 + len(article_id), 9, tzinfo=dt.UTC),
        date_source="metadata",
        topic="politics",
        entities=[person],
        quotes=quotes,
    )


ARTICLES = [
    # Two people: a chief executive and a pastor, one key through "Mike" -> "michael".
    _article("g1", "Michael Garrett", "chief executive of Acme Health"),
    _article("g2", "Michael Garrett", "Acme's CEO"),
    _article("g3", "Mike Garrett", "pastor at Grace Baptist Church", quoted=True),
    # One person: both forms described alike ("security adviser").
    _article("f1", "Michael Flynn", "the former national security adviser"),
    _article("f2", "Mike Flynn", "Trump's first national security adviser", quoted=True),
    # One person as far as anyone can tell: one form undescribed.
    _article("r1", "Michael Reed", "mayor of Springfield"),
    _article("r2", "Mike Reed", None),
    # Transliterations of one given name are no short form: described differently, kept.
    _article("s1", "Serhii Bondar", "governor of the region"),
    _article("s2", "Serhiy Bondar", "head of the military administration"),
]


@pytest.fixture(scope="module")
def people(tmp_path_factory):
    con = connect(str(write_articles_fast(tmp_path_factory.mktemp("out"), ARTICLES)))
    rows = con.execute("SELECT person_key, variants, articles, quotes FROM people").fetchall()
    return {key: (variants, articles, quotes) for key, variants, articles, quotes in rows}


def test_a_short_form_described_as_someone_else_is_another_person(people):
    assert people["michael garrett"] == (["Michael Garrett"], 2, 0)
    assert people["mike garrett"] == (["Mike Garrett"], 1, 1)  # his quote is his


def test_both_forms_described_alike_are_one_person(people):
    assert people["michael flynn"] == (["Michael Flynn", "Mike Flynn"], 2, 1)
    assert "mike flynn" not in people


def test_a_form_without_description_stays_with_the_other(people):
    assert people["michael reed"] == (["Michael Reed", "Mike Reed"], 2, 0)


def test_transliterated_given_names_are_one_form(people):
    assert people["serhy bondar"] == (["Serhii Bondar", "Serhiy Bondar"], 2, 0)
    assert len(people) == 5


def test_the_reports_most_quoted_people_are_split_as_the_view_splits(tmp_path):
    """The report's "Who gets quoted" table keys people as the view does: the pastor's
    quote is his, under his own role, not under the chief executive's key."""
    from newsbeam.report.selection import Selection
    from newsbeam.report.voices import most_quoted_people

    con = connect(str(write_articles_fast(tmp_path, ARTICLES)))
    rows = [(r["person"], r["quotes"], r["role"]) for r in most_quoted_people(con, Selection())]
    assert ("Mike Garrett", 1, "pastor at Grace Baptist Church") in rows
    assert len(rows) == 2  # and Mike Flynn's, under the one person both forms name


@pytest.mark.parametrize(
    ("name", "key", "given"),
    [
        ("Sen. Mike Lee", "michael lee", "mike"),  # a leading title is no given name
        ("Mike Lee's", "michael lee", "mike"),  # nor is a possessive a word
        ("Mike Lee’s", "michael lee", "mike"),
        ("Serhii Haidai", "serhy haidai", "serhy"),  # transliterated endings fold
        ("Lee", "mary ann lee", "mary"),  # fewer words than the key: the key's own
    ],
)
def test_the_given_name_as_written(name, key, given):
    import duckdb

    from newsbeam.views import written_given

    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT ? AS name, ? AS key", [name, key])
    assert con.execute(f"SELECT {written_given('name', 'key')} FROM t").fetchone() == (given,)


def test_a_gender_is_the_one_nearly_all_articles_give(tmp_path):
    """One article's misread pronoun does not make a person named in ten "unknown"; two
    articles that disagree do."""
    articles = [_article(f"b{i}", "Joel Brand", None, gender="male") for i in range(9)]
    articles.append(_article("b9", "Joel Brand", None, gender="female"))
    articles += [
        _article("c1", "Robin Vale", None),
        _article("c2", "Robin Vale", None, gender="female"),
    ]
    con = connect(str(write_articles_fast(tmp_path, articles)))
    rows = con.execute("SELECT person_key, gender, gender_evidence FROM people").fetchall()
    assert sorted(rows) == [("joel brand", "male", "pronoun"), ("robin vale", "unknown", None)]
