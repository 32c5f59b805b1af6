"""What the report shows, read from the Parquet tables through DuckDB.

Dated articles per day by topic (the page bins them by day, week or month: see
`time_bin`), the undated ones apart, the top people, organisations and places, the most-quoted
speakers with a sample quote each, the quotes for the searchable table, the errors
by kind, and who gets quoted (`voices`). The filters are on the partition columns (date,
topic), so DuckDB reads only the matching folders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import duckdb

from newsbeam.report.selection import Selection, read_rows
from newsbeam.report.voices import Voices, collect_voices

#: Rows per ranking (people, organisations, places, speakers).
TOP = 15
#: The longest spans, in days, drawn with one bar per day, then per week; longer
#: spans get one bar per month. At 1,000 px a bar then stays a few pixels wide
#: (a bar per day over three years was a sub-pixel sliver).
DAY_BINS_UP_TO = 62
WEEK_BINS_UP_TO = 366
#: The quote table is capped so that the page stays quick to open; the page says when it is.
MAX_QUOTES = 20_000

ENTITY_GROUPS = {
    "people": ("PERSON",),
    "organisations": ("ORG",),
    "places": ("GPE", "LOC", "FAC"),
}


@dataclass
class ReportData:
    """The numbers on the page, as rows of plain values."""

    totals: dict[str, Any]
    #: Dated articles (a publication date is known) per day and topic.
    per_day: list[dict[str, Any]]
    #: Articles with no publication date per topic: filed under the day they were read,
    #: which says nothing of when they were published, so they are not on the time axis.
    undated: list[dict[str, Any]]
    entities: dict[str, list[dict[str, Any]]]
    speakers: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    quote_count: int
    errors: list[dict[str, Any]]
    selection: Selection = field(default_factory=Selection)
    #: The "Who gets quoted" section (`voices`).
    voices: Voices = field(default_factory=Voices)


def articles_per_day(con: duckdb.DuckDBPyConnection, sel: Selection) -> list[dict[str, Any]]:
    """Dated articles per (day, topic)."""
    return _article_counts(con, sel, "a.date, a.topic", "IS NOT NULL", "a.date, a.topic")


def undated_articles(con: duckdb.DuckDBPyConnection, sel: Selection) -> list[dict[str, Any]]:
    """Articles without a publication date per topic, most first."""
    return _article_counts(con, sel, "a.topic", "IS NULL", "articles DESC, a.topic")


def _article_counts(
    con: duckdb.DuckDBPyConnection, sel: Selection, by: str, published: str, order: str
) -> list[dict[str, Any]]:
    """Articles of the selection whose `published_at {published}`, counted `by` columns."""
    where, params = sel.condition("a")
    return read_rows(
        con,
        f"SELECT {by}, count(*) AS articles FROM articles a WHERE {where} "
        f"AND a.published_at {published} GROUP BY ALL ORDER BY {order}",
        params,
    )


def time_bin(first: dt.date, last: dt.date) -> str:
    """`day`, `week` or `month`: the bar width of the time chart for dates first..last."""
    days = (last - first).days + 1
    if days <= DAY_BINS_UP_TO:
        return "day"
    return "week" if days <= WEEK_BINS_UP_TO else "month"


def top_entities(
    con: duckdb.DuckDBPyConnection, sel: Selection, labels: tuple[str, ...], limit: int = TOP
) -> list[dict[str, Any]]:
    """Names of `labels` ranked by the number of articles they appear in, then mentions."""
    where, params = sel.condition("e")
    marks = ", ".join("?" for _ in labels)
    return read_rows(
        con,
        f"SELECT e.name, count(DISTINCT e.article_id) AS articles, "
        f"sum(e.mention_count)::BIGINT AS mentions FROM entities e "
        f"WHERE {where} AND e.label IN ({marks}) "
        "GROUP BY e.name ORDER BY articles DESC, mentions DESC, e.name LIMIT ?",
        [*params, *labels, limit],
    )


def top_speakers(
    con: duckdb.DuckDBPyConnection, sel: Selection, limit: int = TOP
) -> list[dict[str, Any]]:
    """Named speakers (people and organisations) ranked by quotes, each with its type and
    one sample: a direct quote where there is one, the surest, the longest up to 300
    characters (longer ones are often run-on extractions)."""
    where, params = sel.condition("q")
    return read_rows(
        con,
        f"SELECT q.speaker, any_value(q.speaker_type) AS type, count(*) AS quotes, "
        "count(DISTINCT q.article_id) AS articles, "
        "first(q.text ORDER BY q.kind = 'direct' DESC, q.confidence DESC, "
        "least(length(q.text), 300) DESC, q.quote_id) AS sample "
        f"FROM quotes q WHERE {where} AND q.speaker_type IN ('person', 'organization') "
        "GROUP BY q.speaker ORDER BY quotes DESC, q.speaker LIMIT ?",
        [*params, limit],
    )


def quote_rows(
    con: duckdb.DuckDBPyConnection, sel: Selection, limit: int = MAX_QUOTES
) -> tuple[list[dict[str, Any]], int]:
    """Quotes with their article's title and date, newest first, and how many there are."""
    where, params = sel.condition("q")
    count = con.execute(f"SELECT count(*) FROM quotes q WHERE {where}", params).fetchall()[0][0]
    rows = read_rows(
        con,
        "SELECT q.date, coalesce(q.speaker, CASE q.speaker_type WHEN 'unnamed' THEN "
        "'unnamed: ' || q.speaker_mention END) AS speaker, q.kind, q.text AS quote, "
        "round(q.confidence, 2) AS confidence, a.title FROM quotes q "
        f"JOIN articles a ON a.article_id = q.article_id AND a.date = q.date "
        f"WHERE {where} ORDER BY q.date DESC, a.title, q.start LIMIT ?",
        [*params, limit],
    )
    return rows, count


def errors_by_kind(con: duckdb.DuckDBPyConnection, sel: Selection) -> list[dict[str, Any]]:
    """Errors by stage and kind; errors have no topic, so only the dates filter them."""
    where, params = sel.condition("r", by_topic=False)
    return read_rows(
        con,
        "SELECT r.stage, r.error, count(*) AS errors, min(r.message) AS example "
        f"FROM errors r WHERE {where} GROUP BY ALL ORDER BY errors DESC, r.stage, r.error",
        params,
    )


def totals(con: duckdb.DuckDBPyConnection, sel: Selection) -> dict[str, Any]:
    where, params = sel.condition("t")
    errors_where, errors_params = sel.condition("t", by_topic=False)
    sql = (
        f"SELECT (SELECT count(*) FROM articles t WHERE {where}) AS articles, "
        f"(SELECT count(*) FROM entities t WHERE {where}) AS entities, "
        f"(SELECT count(*) FROM quotes t WHERE {where}) AS quotes, "
        f"(SELECT count(*) FROM errors t WHERE {errors_where}) AS errors, "
        f"(SELECT count(*) FROM articles t WHERE {where} AND published_at IS NULL) AS undated, "
        f"(SELECT min(date) FROM articles t WHERE {where} AND published_at IS NOT NULL) "
        "AS first_date, "
        f"(SELECT max(date) FROM articles t WHERE {where} AND published_at IS NOT NULL) "
        "AS last_date"
    )
    every = [*params, *params, *params, *errors_params, *params, *params, *params]
    return read_rows(con, sql, every)[0]


def collect(
    con: duckdb.DuckDBPyConnection, sel: Selection, max_quotes: int = MAX_QUOTES
) -> ReportData:
    quotes, quote_count = quote_rows(con, sel, max_quotes)
    return ReportData(
        totals=totals(con, sel),
        per_day=articles_per_day(con, sel),
        undated=undated_articles(con, sel),
        entities={name: top_entities(con, sel, labels) for name, labels in ENTITY_GROUPS.items()},
        speakers=top_speakers(con, sel),
        quotes=quotes,
        quote_count=quote_count,
        errors=errors_by_kind(con, sel),
        selection=sel,
        voices=collect_voices(con, sel),
    )
