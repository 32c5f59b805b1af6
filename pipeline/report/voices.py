"""The report's "Who gets quoted" section, read from the quotes and entities tables.

Who a run's articles give a voice to: quotes of named people by the gender their
articles give them, over time; the most-quoted people with the roles articles gave them;
quotes by kind of source (people, organisations, unnamed sources, unattributed); and the
statements most articles repeat (`quote_key`). Only rows a reader can take as facts
count: quotes at confidence 0.5 or more (as the `people` view counts them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

from newsbeam.report.selection import Selection, read_rows
from newsbeam.views import (
    QUOTE_PERSON,
    SPLIT_KEYS,
    agreed_gender,
    most_frequent,
    split_key,
    written_given,
)

#: The least confidence of a quote row the section counts.
MIN_CONFIDENCE = 0.5
#: Rows of the people and repeated-quote tables.
TOP_PEOPLE = 10
TOP_REPEATED = 10
#: A repeated quote is in at least this many articles.
MIN_REPEATS = 2
#: Kinds of source, in the order the chart lists them.
SOURCE_KINDS = ("person", "organization", "unnamed", "none")


@dataclass
class Voices:
    #: Quotes of named people per day and gender ("female", "male", "unknown").
    by_gender: list[dict[str, Any]] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    repeated: list[dict[str, Any]] = field(default_factory=list)


#: Quotes of named people with the gender their article gives the speaker.
_PERSON_QUOTES = """
SELECT q.date, q.article_id, q.speaker_person_key, q.speaker, q.text,
       coalesce(e.gender, 'unknown') AS gender
FROM quotes q LEFT JOIN (
    SELECT article_id, name, any_value(gender) AS gender FROM entities
    WHERE label = 'PERSON' GROUP BY ALL
) e ON e.article_id = q.article_id AND e.name = q.speaker
WHERE {where} AND q.speaker_type = 'person' AND q.confidence >= ?
"""


def quotes_by_gender(con: duckdb.DuckDBPyConnection, sel: Selection) -> list[dict[str, Any]]:
    """Quotes of named people per (publication day, gender); undated articles left out."""
    where, params = sel.condition("q")
    return read_rows(
        con,
        "SELECT p.date, p.gender, count(*) AS quotes FROM ("
        + _PERSON_QUOTES.format(where=where)
        + ") p JOIN articles a ON a.article_id = p.article_id AND a.date = p.date "
        "WHERE a.published_at IS NOT NULL GROUP BY ALL ORDER BY p.date, p.gender",
        [*params, MIN_CONFIDENCE],
    )


#: An entity's person as the `people` view keys people (SPLIT_KEYS: two described people
#: folded to one key by a short form are two); a quote's is `QUOTE_PERSON`.
_ENTITY_PERSON = split_key(written_given("e.name", "e.person_key"), "e.person_key")


def most_quoted_people(
    con: duckdb.DuckDBPyConnection, sel: Selection, limit: int = TOP_PEOPLE
) -> list[dict[str, Any]]:
    """People (by `person_key`, split as the `people` view splits it) with the most quotes,
    their gender across their quotes (`agreed_gender`, as the view takes it) and the
    role articles gave them most often (its most frequent name and role, ties
    alphabetical, so two runs draw the same)."""
    where, params = sel.condition("q")
    e_where, e_params = sel.condition("e")
    return read_rows(
        con,
        f"WITH {SPLIT_KEYS.strip()}, p AS ("
        "  SELECT *, count(*) OVER (PARTITION BY person, speaker) AS n FROM ("
        f"    SELECT *, {QUOTE_PERSON} AS person FROM ("
        + _PERSON_QUOTES.format(where=where)
        + "    ) WHERE speaker_person_key IS NOT NULL)"
        "), roles AS ("
        f"  SELECT person, {most_frequent('text', 'n')} AS role FROM ("
        "    SELECT person, role.text AS text, count(*) AS n FROM ("
        f"      SELECT {_ENTITY_PERSON} AS person, unnest(e.roles) AS role FROM entities e"
        f"      WHERE {e_where} AND e.person_key IS NOT NULL) GROUP BY 1, 2) GROUP BY 1"
        f") SELECT {most_frequent('p.speaker', 'p.n')} AS person, count(*) AS quotes, "
        "count(DISTINCT p.article_id) AS articles, "
        f"{agreed_gender('p.gender')} AS gender, any_value(roles.role) AS role "
        "FROM p LEFT JOIN roles ON roles.person = p.person "
        "GROUP BY p.person ORDER BY quotes DESC, person LIMIT ?",
        [*params, MIN_CONFIDENCE, *e_params, limit],
    )


def quotes_by_source(con: duckdb.DuckDBPyConnection, sel: Selection) -> list[dict[str, Any]]:
    """Quotes by kind of source (`speaker_type`), in SOURCE_KINDS order."""
    where, params = sel.condition("q")
    rows = read_rows(
        con,
        f"SELECT q.speaker_type AS source, count(*) AS quotes FROM quotes q "
        f"WHERE {where} AND q.confidence >= ? GROUP BY 1",
        [*params, MIN_CONFIDENCE],
    )
    order = {kind: i for i, kind in enumerate(SOURCE_KINDS)}
    return sorted(rows, key=lambda r: (order.get(r["source"], len(order)), r["source"]))


def repeated_quotes(
    con: duckdb.DuckDBPyConnection, sel: Selection, limit: int = TOP_REPEATED
) -> list[dict[str, Any]]:
    """Statements in the most articles (`quote_key`), with a speaker and the text."""
    where, params = sel.condition("q")
    return read_rows(
        con,
        f"SELECT {most_frequent('text', 'n_text')} AS quote, "
        "count(DISTINCT article_id) AS articles, "
        f"{most_frequent('speaker', 'n_speaker')} FILTER (WHERE speaker IS NOT NULL) AS speaker "
        "FROM ("
        "  SELECT *, count(*) OVER (PARTITION BY quote_key, text) AS n_text, "
        "  count(*) OVER (PARTITION BY quote_key, speaker) AS n_speaker FROM quotes q "
        f"  WHERE {where} AND q.quote_key IS NOT NULL) GROUP BY quote_key "
        "HAVING count(DISTINCT article_id) >= ? ORDER BY articles DESC, quote LIMIT ?",
        [*params, MIN_REPEATS, limit],
    )


def collect_voices(con: duckdb.DuckDBPyConnection, sel: Selection) -> Voices:
    """The section's rows; none over output written before schema 3 (no genders)."""
    columns = {row[0] for row in con.execute("DESCRIBE entities").fetchall()}
    if "gender" not in columns:
        return Voices()
    return Voices(
        by_gender=quotes_by_gender(con, sel),
        people=most_quoted_people(con, sel),
        sources=quotes_by_source(con, sel),
        repeated=repeated_quotes(con, sel),
    )
