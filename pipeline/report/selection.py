"""What part of the output a report covers, and reading rows of it through DuckDB."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb


@dataclass(frozen=True)
class Selection:
    """Which part of the output a report covers: dates (inclusive) and topics."""

    since: dt.date | None = None
    until: dt.date | None = None
    topics: tuple[str, ...] = ()

    def condition(self, alias: str, by_topic: bool = True) -> tuple[str, list[Any]]:
        """A SQL condition on `alias`'s partition columns and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.since is not None:
            clauses.append(f"{alias}.date >= ?")
            params.append(self.since)
        if self.until is not None:
            clauses.append(f"{alias}.date <= ?")
            params.append(self.until)
        if by_topic and self.topics:
            clauses.append(f"{alias}.topic IN ({', '.join('?' for _ in self.topics)})")
            params.extend(self.topics)
        return (" AND ".join(clauses) or "TRUE"), params

    def describe(self) -> str:
        dates = "all dates"
        if self.since or self.until:
            dates = f"{self.since or '…'} to {self.until or '…'}"
        topics = ("topic " + ", ".join(self.topics)) if self.topics else "all topics"
        return f"{dates}, {topics}"


def read_rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
