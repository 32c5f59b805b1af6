"""DuckDB views over an output folder, including one that has no data yet."""

from __future__ import annotations

from newsbeam.query import connect, summary


def test_empty_output_still_has_all_four_views(tmp_path):
    con = connect(str(tmp_path))
    for table in ("articles", "entities", "quotes", "errors"):
        assert con.execute(f"SELECT count(*) FROM {table}").fetchall() == [(0,)]
    columns = [row[0] for row in con.execute("DESCRIBE articles").fetchall()]
    assert columns[:2] == ["article_id", "source_uri"] and columns[-2:] == ["date", "topic"]
    text = summary(con)
    assert text.startswith("0 articles, 0 entities, 0 quotes, 0 errors")
