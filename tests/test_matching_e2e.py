"""People, repeated quotes and near-copies through a real run, read back by DuckDB.

Input: the seed article, a syndicated copy of it (new headline, a paragraph cut, a wire
credit), and a short other article naming "Mike Pompeo" (the seed says "Michael Pompeo").
"""

from __future__ import annotations

import re

import pytest

from newsbeam.query import connect
from tests.conftest import REPO, SEED
from tests.test_cli_e2e import newsbeam

OTHER = """Pompeo lands in Berlin for talks on Iran

Secretary of State Mike Pompeo arrived in Berlin on Tuesday for talks with German officials \
about Iran and trade. "We are here to listen to our friends," Pompeo told reporters at the \
airport. Angela Merkel is expected to meet him on Wednesday.
"""


@pytest.fixture(scope="module")
def matched(tmp_path_factory):
    folder = tmp_path_factory.mktemp("in")
    lines = SEED.read_text(encoding="utf-8").splitlines()
    (folder / "seed.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    body = [line for line in lines[2:] if not line.startswith("Besides contesting")]
    copy = ["Pompeo heads to Russia for Putin meeting", "", "WASHINGTON (AP) -", *body]
    (folder / "copy.txt").write_text("\n".join(copy) + "\n", encoding="utf-8")
    (folder / "other.txt").write_text(OTHER, encoding="utf-8")
    output = tmp_path_factory.mktemp("out")
    result = newsbeam("run", "--input", str(folder), "--output", str(output), "--quiet")
    assert result.returncode == 0, result.stderr
    return connect(str(output))


def test_the_copy_is_a_near_duplicate_and_the_other_article_is_not(matched):
    rows = matched.execute(
        "SELECT group_id, copies, title, similarity FROM duplicates ORDER BY title"
    ).fetchall()
    assert len(rows) == 2, rows
    assert rows[0][2] == "Pompeo heads to Russia for Putin meeting"
    assert rows[1][2].startswith("Secretary Pompeo to Meet With Putin")
    assert len({r[0] for r in rows}) == 1 and {r[1] for r in rows} == {2}
    assert all(r[3] >= 0.8 for r in rows)
    assert matched.execute("SELECT count(*) FROM articles").fetchall() == [(3,)]


def test_a_quote_in_both_copies_has_one_key(matched):
    repeated = matched.execute(
        """SELECT quote_key, count(DISTINCT article_id) FROM quotes
           WHERE text LIKE '%Clearly since the Mueller report came out%' GROUP BY 1"""
    ).fetchall()
    assert len(repeated) == 1 and repeated[0][1] == 2


def test_people_merges_mike_and_michael_pompeo(matched):
    row = matched.execute(
        "SELECT variants, articles FROM people WHERE person_key = 'michael pompeo'"
    ).fetchall()
    assert row, matched.sql("SELECT person_key, variants FROM people").fetchall()
    variants, articles = row[0]
    assert "Mike Pompeo" in variants and "Michael Pompeo" in variants
    assert articles == 3
    said = matched.execute(
        """SELECT speaker, speaker_person_key FROM quotes
           WHERE text LIKE '%listen to our friends%'"""
    ).fetchall()
    assert said == [("Mike Pompeo", "michael pompeo")]
    quotes = matched.execute(
        "SELECT quotes FROM people WHERE person_key = 'andrew weiss'"
    ).fetchall()
    assert quotes and quotes[0][0] >= 2  # his quotes in the seed and in the copy


def readme_query(number: int) -> str:
    """Query `number` of the README's numbered SQL examples."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"-- {number}\. .*?\n(.*?)(?:\n\n|\n```)", readme, re.DOTALL)
    assert match, f"README has no query {number}"
    return match[1]


def test_the_readme_queries_on_people_quotes_and_copies(matched):
    people = matched.sql(readme_query(7)).fetchall()
    merged = [row for row in people if {"Mike Pompeo", "Michael Pompeo"} <= set(row[1])]
    assert len(merged) == 1 and merged[0][2] >= 1  # "We are here to listen ..."
    assert [row[2] for row in people] == sorted((row[2] for row in people), reverse=True)
    repeated = matched.sql(readme_query(8)).fetchall()
    assert repeated and all(row[2] == 2 for row in repeated)
    assert any("Clearly since the Mueller report came out" in row[0] for row in repeated)
    stories = matched.sql(readme_query(9)).fetchall()
    assert len(stories) == 1 and stories[0][2] == 2


def test_roles_affiliation_and_gender_read_back_with_their_offsets(matched):
    roles = matched.execute(
        """SELECT e.name, r.role.text,
                  substring(a.text, r.role.start + 1, r.role."end" - r.role.start) = r.role.text
           FROM (SELECT article_id, name, unnest(roles) AS role FROM entities) r
           JOIN entities e USING (article_id, name) JOIN articles a USING (article_id)
           WHERE e.label = 'PERSON'"""
    ).fetchall()
    assert roles and all(same for _, _, same in roles), roles
    assert ("Konstantin Kosachyov", "Russian lawmaker", True) in roles
    affiliated = matched.execute(
        "SELECT DISTINCT affiliation FROM entities WHERE name = 'Andrey Kortunov'"
    ).fetchall()
    assert affiliated == [("Russian International Affairs Council",)]
    person = matched.execute(
        "SELECT gender, gender_evidence, roles FROM people WHERE person_key = 'michael pompeo'"
    ).fetchall()
    assert person[0][:2] == ("male", "pronoun")  # the seed says "he": the article before the table
    assert {"Secretary of State", "U.S. Secretary of State"} <= set(person[0][2])
    genders = matched.execute("SELECT DISTINCT gender FROM entities WHERE label = 'PERSON'")
    assert {g for (g,) in genders.fetchall()} <= {"female", "male", "unknown"}
    assert matched.execute(
        "SELECT count(*) FROM entities WHERE label <> 'PERSON' AND gender IS NOT NULL"
    ).fetchall() == [(0,)]


def test_the_readme_queries_on_gender_experts_and_who_said_repeated_quotes(matched):
    months = matched.sql(readme_query(10)).fetchall()
    assert months and all(0 <= share <= 1 and quotes > 0 for _, quotes, share in months)
    assert sum(quotes for _, quotes, _ in months) >= 2  # Weiss, Kortunov, Frolov ...
    experts = matched.sql(readme_query(11)).fetchall()
    assert "Vladimir Frolov" in [row[0] for row in experts]  # "... foreign policy analyst"
    assert all(row[3] >= 1 for row in experts)
    repeated = matched.sql(readme_query(12)).fetchall()
    assert repeated and all(row[4] == 2 for row in repeated)
    said = {row[1]: row[2:4] for row in repeated if row[1]}
    role = "director general of the Russian International Affairs Council"
    assert said["Andrey Kortunov"] == ("male", role), said
