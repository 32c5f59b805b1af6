"""`newsbeam.annotate`: one article without Beam gives the rows a pipeline run writes.

The run is the real CLI on three seed articles (a text file with a sidecar, one
NewsAPI JSON line, an undated text file); the same articles go to `newsbeam.annotate`
with the metadata their files hold, read here with json.
"""

from __future__ import annotations

import gzip
import json
import shutil

import pytest

import newsbeam
from newsbeam.query import connect
from newsbeam.transforms.deadletter import RejectedInput
from tests.conftest import REPO
from tests.test_cli_e2e import newsbeam as newsbeam_cli

SEEDS = REPO / "seeds" / "articles"
SIDECAR_ARTICLE = "voa-2022-02-oceans-warmer-than-ever"
JSON_LINES = "newsapi-7-records-voa-conversation.jsonl"
UNDATED = "conversation-2022-07-uk-heatwave-temperature-record.txt.gz"

#: Columns that say where a row came from (the file, the record in it, when it was read).
PROVENANCE = {"source_uri", "locator", "source_format", "extractor", "encoding", "ingested_at"}


def _title_and_body(text: str) -> tuple[str, str]:
    title, body = text.split("\n", 1)
    return title, body


def _calls() -> dict[str, dict]:
    """Keyword arguments of `newsbeam.annotate` per article title, from the seed files."""
    calls = {}
    meta = json.loads((SEEDS / f"{SIDECAR_ARTICLE}.json").read_text())
    title, body = _title_and_body((SEEDS / f"{SIDECAR_ARTICLE}.txt").read_text())
    assert title == meta["title"]
    calls[title] = dict(
        text=body,
        title=title,
        url=meta["url"],
        published=meta["published_at"],
        publisher=meta["publisher"],
        authors=meta["authors"],
    )
    record = json.loads((SEEDS / JSON_LINES).read_text().splitlines()[2])
    calls[record["title"]] = dict(
        text=record["content"],
        title=record["title"],
        url=record["url"],
        published=record["publishedAt"],
        publisher=record["source_name"],
        authors=[record["author"]],
    )
    title, body = _title_and_body(gzip.decompress((SEEDS / UNDATED).read_bytes()).decode())
    calls[title] = dict(text=body, title=title)
    return calls


@pytest.fixture(scope="module")
def pipeline_rows(tmp_path_factory):
    inputs = tmp_path_factory.mktemp("in")
    for name in (f"{SIDECAR_ARTICLE}.txt", f"{SIDECAR_ARTICLE}.json", UNDATED):
        shutil.copy(SEEDS / name, inputs / name)
    line = (SEEDS / JSON_LINES).read_text().splitlines()[2]
    (inputs / "one.jsonl").write_text(line + "\n")
    output = tmp_path_factory.mktemp("out")
    result = newsbeam_cli("run", "--input", str(inputs), "--output", str(output), "--quiet")
    assert result.returncode == 0, result.stderr
    con = connect(str(output))

    def rows(table: str, order: str) -> list[dict]:
        relation = con.sql(f"SELECT * FROM {table} ORDER BY {order}")
        return [dict(zip(relation.columns, row)) for row in relation.fetchall()]

    articles = {row["title"]: row for row in rows("articles", "article_id")}
    entities = rows("entities", "article_id, entity_id")
    quotes = rows("quotes", "article_id, quote_id")
    return articles, entities, quotes


def _without(row: dict, columns: set[str]) -> dict:
    return {k: v for k, v in row.items() if k not in columns}


def test_annotate_gives_the_rows_of_a_run(pipeline_rows):
    articles, entities, quotes = pipeline_rows
    calls = _calls()
    assert sorted(articles) == sorted(calls)
    for title, kwargs in calls.items():
        result = newsbeam.annotate(**kwargs)
        expected = articles[title]
        assert _without(result.article, PROVENANCE) == _without(expected, PROVENANCE), title
        article_id = expected["article_id"]
        by_id = sorted(result.entities, key=lambda e: e["entity_id"])
        assert by_id == [e for e in entities if e["article_id"] == article_id]
        by_id = sorted(result.quotes, key=lambda q: q["quote_id"])
        assert by_id == [q for q in quotes if q["article_id"] == article_id]
        assert (result.topic, result.date) == (expected["topic"], expected["date"])
        assert len(result.entities) > 0 and len(result.quotes) > 0


def test_annotate_dates_like_the_pipeline_and_refuses_what_it_would_refuse():
    dated = newsbeam.annotate("The council met on Monday.", title="Council", published="2022-05-03")
    assert (str(dated.date), dated.article["date_source"]) == ("2022-05-03", "metadata")
    undated = newsbeam.annotate("The council met on Monday.", title="Council")
    assert undated.article["published_at"] is None
    assert undated.article["date_source"] == "ingested"
    with pytest.raises(RejectedInput) as empty:
        newsbeam.annotate("   ", title="Nothing")
    assert empty.value.kind == "empty"
