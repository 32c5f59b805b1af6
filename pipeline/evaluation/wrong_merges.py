"""`newsbeam eval entities --wrong-merges DIR`: people merged into one entity, in any output,
and the names the most frequent places and organisations go by.

A PERSON entity whose full-name mentions disagree on the given name ("Donald Trump" and
"Melania Trump", "Tanner Fischer" and "Adrianne Fischer") holds two people: every quote,
count and salience of one is credited to the other. Given names agree when they are the
same, an initial or prefix of each other, or short forms of one name ("Mike" / "Michael"),
by the entity stage's own rule (`given_names_agree`). Read from the entities table with
DuckDB, so it checks any pipeline output folder, local or gs://.

Beside it, the most frequent places and organisations (by articles) with the surface forms
their mentions take: one row per referent shows the canonical names hold across articles
("US", "U.S." and "United States" all under "United States").
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from newsbeam.query import connect
from newsbeam.transforms.entities import given_name, given_names_agree


@dataclass(frozen=True)
class WrongMerge:
    article_id: str
    name: str
    given_names: tuple[str, ...]


def clashing_given_names(mention_texts: list[str]) -> tuple[str, ...]:
    """The distinct given names of the full-name mentions when two of them disagree, else ()."""
    given = sorted({g for text in mention_texts if (g := given_name(text)) is not None})
    if any(not given_names_agree(a, b) for a, b in combinations(given, 2)):
        return tuple(given)
    return ()


def wrong_merges(output: str) -> tuple[int, list[WrongMerge]]:
    """(PERSON entities in `output`, those whose full-name mentions disagree on the given name)."""
    con = connect(output)
    people = con.execute(
        "SELECT article_id, name, [m.text FOR m IN mentions] FROM entities "
        "WHERE label = 'PERSON' ORDER BY article_id, name"
    ).fetchall()
    found = []
    for article_id, name, texts in people:
        clash = clashing_given_names(texts)
        if clash:
            found.append(WrongMerge(article_id, name, clash))
    return len(people), found


@dataclass(frozen=True)
class FrequentName:
    name: str
    label: str
    articles: int
    variants: tuple[str, ...]


def frequent_names(output: str, limit: int = 30) -> list[FrequentName]:
    """The `limit` places (GPE, LOC) and organisations most articles name, with their forms."""
    con = connect(output)
    rows = con.execute(
        """
        WITH forms AS (
            SELECT name, label, article_id, unnest(mentions).text AS form
            FROM entities WHERE label IN ('GPE', 'LOC', 'ORG')
        ), counted AS (
            SELECT name, label, form, count(*) AS n FROM forms GROUP BY ALL
        )
        SELECT f.name, f.label, count(DISTINCT f.article_id) AS articles,
               (SELECT list(form ORDER BY n DESC, form) FROM counted c
                WHERE c.name = f.name AND c.label = f.label) AS variants
        FROM forms f GROUP BY ALL ORDER BY articles DESC, f.name LIMIT ?
        """,
        [limit],
    ).fetchall()
    return [FrequentName(n, label, a, tuple(v)) for n, label, a, v in rows]


def format_frequent(names: list[FrequentName], shown: int = 6) -> str:
    lines = [
        f"{len(names)} most frequent places and organisations (articles: name [label] <- forms)"
    ]
    for row in names:
        forms = ", ".join(row.variants[:shown]) + (" ..." if len(row.variants) > shown else "")
        lines.append(f"  {row.articles:5d}  {row.name} [{row.label}] <- {forms}")
    return "\n".join(lines)


def format_report(output: str, people: int, found: list[WrongMerge], examples: int) -> str:
    lines = [
        f"{output}: {len(found)} of {people} PERSON entities merge full names with different "
        "given names"
    ]
    lines += [
        f"  {m.article_id[:12]} {m.name!r}: {', '.join(m.given_names)}" for m in found[:examples]
    ]
    return "\n".join(lines)
