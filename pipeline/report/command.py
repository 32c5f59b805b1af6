"""`newsbeam report`: write one self-contained HTML page about a run's output.

The data comes from `data` (DuckDB over the tables), the page from `page` (charts
drawn offline); the page opens with no network: its scripts and data are inside it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

import duckdb

from newsbeam.query import connect
from newsbeam.report.data import MAX_QUOTES, Selection, collect


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output", default="out", metavar="DIR", help="output folder of a run (default: out)"
    )
    parser.add_argument(
        "--html",
        default="report.html",
        metavar="FILE",
        help="HTML file to write (default: report.html)",
    )
    parser.add_argument(
        "--since", type=iso_date, metavar="DATE", help="first date to include (YYYY-MM-DD)"
    )
    parser.add_argument(
        "--until", type=iso_date, metavar="DATE", help="last date to include (YYYY-MM-DD)"
    )
    parser.add_argument(
        "--topic",
        dest="topics",
        action="append",
        default=[],
        metavar="SLUG",
        help="only this topic (repeat for several); errors have no topic",
    )
    parser.add_argument(
        "--max_quotes",
        type=int,
        default=MAX_QUOTES,
        metavar="N",
        help=f"rows of the quote table at most, the newest (default: {MAX_QUOTES})",
    )


def run(args: argparse.Namespace) -> int:
    try:
        from newsbeam.report.page import render_page
    except ImportError as exc:
        print(
            f"newsbeam report: {exc.name} is missing; install the extra: "
            "pip install 'newsbeam[report]'",
            file=sys.stderr,
        )
        return 1
    sel = Selection(args.since, args.until, tuple(args.topics))
    try:
        con = connect(args.output)
        if not _has_rows(con):
            print(f"newsbeam report: no newsbeam tables under {args.output}", file=sys.stderr)
            return 1
        data = collect(con, sel, args.max_quotes)
    except duckdb.Error as exc:
        print(f"newsbeam report: cannot read {args.output}: {exc}", file=sys.stderr)
        return 1
    with open(args.html, "w", encoding="utf-8") as handle:
        handle.write(render_page(data, args.output))
    print(
        f"{args.html}: {data.totals['articles']} articles, {data.quote_count} quotes, "
        f"{data.totals['errors']} errors ({sel.describe()})"
    )
    return 0


def _has_rows(con: duckdb.DuckDBPyConnection) -> bool:
    sql = "SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM errors)"
    return bool(con.execute(sql).fetchall()[0][0])


if __name__ == "__main__":
    cli = argparse.ArgumentParser(prog="newsbeam report", description=__doc__)
    add_arguments(cli)
    sys.exit(run(cli.parse_args()))
