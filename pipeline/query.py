"""DuckDB over the output: one view per table, and the summary `newsbeam query` prints.

Views read the Hive-partitioned Parquet with `hive_partitioning=true`, so `date`
(DATE) and `topic` come back as columns and filters on them prune folders. A table
with no files yet is still a view (empty, with its columns), so queries never fail
just because a run produced, say, no errors.

A gs:// output is read through gcsfs registered on the connection (`newsbeam.gcs`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json

import duckdb
import pyarrow as pa

from newsbeam.transforms.dataset import committed_files, schema
from newsbeam.views import VIEWS

_PARTITION_TYPES = {
    "articles": {"date": "DATE", "topic": "VARCHAR"},
    "entities": {"date": "DATE", "topic": "VARCHAR"},
    "quotes": {"date": "DATE", "topic": "VARCHAR"},
    "errors": {"date": "DATE"},
}
_ARROW_TYPES = {"DATE": pa.date32(), "VARCHAR": pa.string()}

SUMMARY_QUERIES = {
    "Articles per date and topic": """
        SELECT date, topic, count(*) AS articles, sum(word_count)::BIGINT AS words,
               sum(quote_count)::BIGINT AS quotes
        FROM articles GROUP BY ALL ORDER BY date DESC, articles DESC, topic LIMIT 30""",
    "Top entities": """
        SELECT name, label, count(DISTINCT article_id) AS articles,
               sum(mention_count)::BIGINT AS mentions, round(avg(salience), 3) AS avg_salience
        FROM entities GROUP BY ALL ORDER BY articles DESC, mentions DESC, name LIMIT 15""",
    "Top quoted speakers": """
        SELECT speaker, count(*) AS quotes, count(DISTINCT article_id) AS articles,
               arg_max(text, length(text)) AS longest_quote
        FROM quotes WHERE speaker IS NOT NULL
        GROUP BY ALL ORDER BY quotes DESC, speaker LIMIT 15""",
    "Errors by stage and kind": """
        SELECT stage, error, count(*) AS errors, any_value(message) AS example
        FROM errors GROUP BY ALL ORDER BY errors DESC, stage, error""",
}


def connect(output: str, database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with views `articles`, `entities`, `quotes`, `errors` over `output`,
    and `people` and `duplicates` over them (`newsbeam.views`).

    The views read the files of the last commit, listed literally (an output called
    `a*` or `o[1]` is a folder, not a pattern) and with an unfinished commit resolved
    as if it had finished (`committed_files`): a run killed during its commit never
    shows its rows next to the rows they replace.
    """
    con = duckdb.connect(database)
    register_filesystem(con, output)
    files = committed_files(output)
    for table, arrow_schema in schema.TABLES.items():
        partitions = _PARTITION_TYPES[table]
        if files[table]:
            types = ", ".join(f"'{k}': '{v}'" for k, v in partitions.items())
            listed = ", ".join(f"'{_quoted(path)}'" for path in files[table])
            con.execute(
                f"CREATE VIEW {table} AS SELECT * FROM read_parquet("
                f"[{listed}], hive_partitioning=true, union_by_name=true, "
                f"hive_types={{{types}}})"
            )
        else:
            fields = [*arrow_schema, *(pa.field(k, _ARROW_TYPES[v]) for k, v in partitions.items())]
            con.register(f"_empty_{table}", pa.schema(fields).empty_table())
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM _empty_{table}")
    for name, (sql, (table, column)) in VIEWS.items():
        if column in {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}:
            con.execute(f"CREATE VIEW {name} AS {sql}")
    return con


def register_filesystem(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """Let `con` read `path` when it is on GCS (a no-op for local paths)."""
    if path.startswith("gs://"):
        from newsbeam.gcs import gcs_filesystem

        con.register_filesystem(gcs_filesystem())


def _quoted(text: str) -> str:
    return text.replace("'", "''")


def summary(con: duckdb.DuckDBPyConnection) -> str:
    """The tables `newsbeam query` prints when no SQL is given."""
    totals = con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM entities), "
        "(SELECT count(*) FROM quotes), (SELECT count(*) FROM errors)"
    ).fetchall()[0]
    parts = ["{} articles, {} entities, {} quotes, {} errors".format(*totals)]
    for title, sql in SUMMARY_QUERIES.items():
        parts.append(f"\n{title}\n{render(con.sql(sql))}")
    return "\n".join(parts)


def render(relation: duckdb.DuckDBPyRelation, max_width: int = 160) -> str:
    """A relation as a box table, long text cut so rows stay on one line."""
    return relation.__str__() if relation is not None else ""


#: `newsbeam query --format` choices; `table` is DuckDB's box rendering.
FORMATS = ("table", "csv", "json", "markdown")
#: Rows a `table` shows unless --limit says otherwise (other formats give every row).
TABLE_ROWS = 100


def render_as(relation: duckdb.DuckDBPyRelation | None, fmt: str, limit: int | None) -> str:
    """A query's result in `fmt`, with at most `limit` rows (0: all; None: the format's
    default, TABLE_ROWS for a table and all rows otherwise).

    Statements with no result (CREATE, SET) give an empty string."""
    if relation is None:
        return ""
    if limit is None:
        limit = TABLE_ROWS if fmt == "table" else 0
    total = None
    if limit:
        total = relation.count("*").fetchall()[0][0]
        relation = relation.limit(limit)
    if fmt == "table":
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            relation.show(max_rows=limit or 1 << 62, max_width=160)
        text = buffer.getvalue().rstrip("\n")
        if total is not None and total > limit:
            text += f"\n{limit} of {total} rows shown; --limit 0 shows all"
        return text
    names = relation.columns
    rows = relation.fetchall()
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return buffer.getvalue().rstrip("\n")
    if fmt == "json":
        records = [dict(zip(names, row)) for row in rows]
        return json.dumps(records, ensure_ascii=False, indent=1, default=str)
    return _markdown(names, rows)


def _markdown(names: list[str], rows: list[tuple]) -> str:
    """A GitHub-flavoured Markdown table: `|` in a cell escaped, line breaks as spaces."""

    def cell(value) -> str:
        text = "" if value is None else str(value)
        return " ".join(text.split()).replace("|", "\\|")

    lines = ["| " + " | ".join(cell(n) for n in names) + " |"]
    lines.append("|" + "|".join("---" for _ in names) + "|")
    lines.extend("| " + " | ".join(cell(v) for v in row) + " |" for row in rows)
    return "\n".join(lines)
