"""End to end: the real `newsbeam` CLI on seeds/, read back through DuckDB."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsbeam.query import connect
from tests.conftest import REPO, SEED, shared_path


def newsbeam(*args: str, cwd=REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsbeam.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    output = tmp_path_factory.mktemp("out")
    result = newsbeam("run", "--input", str(REPO / "seeds"), "--output", str(output))
    assert result.returncode == 0, result.stderr
    return output, result


def test_run_prints_a_summary_from_metrics(seed_run):
    output, result = seed_run
    assert "inputs:           1 = 1 files read + 0 sidecars claimed" in result.stdout
    assert "files read:       1 = 0 rejected whole + 1 parsed" in result.stdout
    assert "articles read:    1 = 1 written + 0 duplicates + 0 failed after read" in result.stdout
    assert "errors by kind:   none" in result.stdout
    assert "lines stripped:   3" in result.stdout
    assert f"output:           {output}" in result.stdout


def test_seed_article_title_and_stripped_lines(seed_run):
    output, _ = seed_run
    con = connect(str(output))
    ((title, removed, text, date_source, published_at, language),) = con.execute(
        "SELECT title, boilerplate_removed, text, date_source, published_at, language FROM articles"
    ).fetchall()
    assert (
        title
        == "Secretary Pompeo to Meet With Putin as President Trump Seeks Better Russia Ties — Again"
    )
    assert removed == ["4 minute read", "More Must-Reads from TIME", "Contact us at"]
    assert "4 minute read" not in text and "Contact us at" not in text
    assert (date_source, published_at, language) == ("ingested", None, "en")


def test_partition_layout(seed_run):
    output, _ = seed_run
    files = sorted(str(p.relative_to(output)) for p in output.rglob("*.parquet"))
    assert len(files) == 3
    for table, path in zip(("articles", "entities", "quotes"), files):
        parts = path.split("/")
        assert parts[0] == table
        assert parts[1].startswith("date=") and len(parts[1]) == len("date=2026-11-27")
        assert parts[2].startswith("topic=")
        assert parts[3].startswith("part-") and parts[3].endswith(".parquet")
    assert not any(p.name.endswith(".inprogress") for p in output.rglob("*"))


def test_seed_quotes_have_the_gold_speakers(seed_run):
    output, _ = seed_run
    gold = json.loads(shared_path("gold", "time-pompeo-putin.json").read_text())
    con = connect(str(output))
    found = con.execute("SELECT text, speaker FROM quotes").fetchall()
    right = [
        q
        for q in gold["quotes"]
        if any(
            q["text"].strip(" ,.") in text and speaker == q["speaker"] for text, speaker in found
        )
    ]
    assert len(right) >= 7, (found, [q["text"][:40] for q in gold["quotes"] if q not in right])


def inexact_spans(con) -> list[tuple[str]]:
    """Quotes and entity mentions of the output whose offsets do not give their text."""
    return con.execute(
        "SELECT q.text FROM quotes q JOIN articles a USING (article_id) "
        "WHERE a.text[q.start + 1 : q.end] != q.text "
        "UNION ALL "
        "SELECT m.text FROM (SELECT article_id, unnest(mentions) AS m FROM entities) e "
        "JOIN articles a USING (article_id) WHERE a.text[m.start + 1 : m.end] != m.text"
    ).fetchall()


def test_spans_are_exact_in_the_output(seed_run):
    output, _ = seed_run
    assert inexact_spans(connect(str(output))) == []


def test_rerun_does_not_duplicate(seed_run, tmp_path):
    output, _ = seed_run
    before = sorted(p.name for p in output.rglob("*.parquet"))
    result = newsbeam("run", "--input", str(SEED), "--output", str(output), "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in output.rglob("*.parquet")) == before
    con = connect(str(output))
    assert con.execute("SELECT count(*) FROM articles").fetchall() == [(1,)]


def test_query_summary_and_sql(seed_run):
    output, _ = seed_run
    summary = newsbeam("query", "--output", str(output))
    assert summary.returncode == 0, summary.stderr
    for heading in (
        "Articles per date and topic",
        "Top entities",
        "Top quoted speakers",
        "Errors by",
    ):
        assert heading in summary.stdout
    sql = newsbeam("query", "--output", str(output), "SELECT count(*) AS n_articles FROM articles")
    cells = [line.strip("│ ") for line in sql.stdout.splitlines() if line.startswith("│")]
    assert sql.returncode == 0 and cells == ["n_articles", "int64", "1"]
    bad = newsbeam("query", "--output", str(output), "SELECT nope FROM articles")
    assert bad.returncode == 1 and bad.stderr.startswith("newsbeam query: ")


def test_bad_options_exit_2_with_one_line(tmp_path):
    result = newsbeam("run", "--output", str(tmp_path), "--nlp_batch_size", "0")
    assert result.returncode == 2
    assert result.stderr.strip() == "newsbeam run: --nlp_batch_size must be at least 1"
    typo = newsbeam("run", "--outptu", str(tmp_path))
    assert typo.returncode == 2 and "--outptu" in typo.stderr


def test_a_file_given_twice_is_read_once_and_no_error(tmp_path):
    # Two --input patterns naming the same file: it is read once (issue 31: overlapping
    # patterns read every file twice), with no error row, and the summary adds up.
    output = tmp_path / "out"
    result = newsbeam("run", "--input", str(SEED), "--input", str(SEED.parent / "time-*.txt"),
                      "--output", str(output))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "inputs:           1 = 1 files read" in result.stdout
    assert "articles read:    1 = 1 written + 0 duplicates + 0 failed after read" in result.stdout
    assert "DOES NOT ADD UP" not in result.stdout
    con = connect(str(output))
    assert con.execute("SELECT count(*) FROM articles").fetchall() == [(1,)]
    assert con.execute("SELECT count(*) FROM errors").fetchall() == [(0,)]
