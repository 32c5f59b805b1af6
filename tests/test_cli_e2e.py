"""End to end: the real `newsbeam` CLI on seeds/, read back through DuckDB."""

from __future__ import annotations

import csv
import io
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


SEEDS = REPO / "seeds" / "articles"
#: Read from tests/fixtures/seeds_manifest.json, written by hand from each article's source.
MANIFEST = json.loads((REPO / "tests" / "fixtures" / "seeds_manifest.json").read_text())


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    output = tmp_path_factory.mktemp("out")
    result = newsbeam("run", "--input", str(SEEDS), "--output", str(output))
    assert result.returncode == 0, result.stderr
    return output, result


def test_run_prints_a_summary_from_metrics(seed_run):
    output, result = seed_run
    files = {entry["file"] for entry in MANIFEST}
    sidecars = [entry for entry in MANIFEST if entry["sidecar"]]
    articles = len(MANIFEST)
    inputs = len(files) + len(sidecars)
    expected = (
        f"inputs:           {inputs} = {len(files)} files read + {len(sidecars)} sidecars claimed",
        f"files read:       {len(files)} = 0 rejected whole + {len(files)} parsed",
        # The WARC holds a warcinfo record (record:1) before its four responses (warcio).
        f"records:          {articles + 1} = {articles} articles read + 0 bad records"
        " + 1 skipped (warc_not_response: 1)",
        f"articles read:    {articles} = {articles} written + 0 duplicates + 0 failed after read",
    )
    for line in expected:
        assert line in result.stdout
    assert "errors by kind:   none" in result.stdout
    assert f"output:           {output}" in result.stdout


def test_progress_ends_with_every_file_and_article_and_a_rate(seed_run):
    """A claimed sidecar is one of the files read (the count once stuck at 25 of 35 and
    expected 48 articles); the rate counts from the first parse."""
    _, result = seed_run
    files = len({entry["file"] for entry in MANIFEST}) + sum(bool(e["sidecar"]) for e in MANIFEST)
    lines = [line for line in result.stderr.splitlines() if line.startswith("newsbeam: ")]
    assert lines[-1].startswith(
        f"newsbeam: {files}/{files} files read | {len(MANIFEST)}/{len(MANIFEST)} articles done | "
        f"{len(MANIFEST)} written | "
    )
    assert "- articles/s" not in lines[-1] and "time left unknown" not in lines[-1]


def test_seed_articles_have_their_titles_and_dates(seed_run):
    """Each manifest article is one row; an article whose input states its date (HTML
    meta, WARC page, JSON field, sidecar) is filed under that day, the others (plain text
    and gzip text without a sidecar) under the run's day with no publication date."""
    output, _ = seed_run
    rows = (
        connect(str(output))
        .execute("SELECT title, date, published_at IS NULL, date_source, language FROM articles")
        .fetchall()
    )
    by_title = {row[0]: row[1:] for row in rows}
    assert sorted(by_title) == sorted(entry["title"] for entry in MANIFEST)
    for entry in MANIFEST:
        day, undated, source, language = by_title[entry["title"]]
        states_date = entry["format"] in ("html", "warc", "jsonl") or entry["sidecar"]
        if states_date:
            assert (str(day), undated) == (entry["published"], False), entry["title"]
            assert source in ("html", "metadata"), entry["title"]
        else:
            assert (undated, source) == (True, "ingested"), entry["title"]
        assert language == "en"


def test_partition_layout(seed_run):
    output, _ = seed_run
    files = sorted(str(p.relative_to(output)) for p in output.rglob("*.parquet"))
    assert {path.split("/")[0] for path in files} == {"articles", "entities", "quotes", "errors"}
    for path in files:
        parts = path.split("/")
        assert parts[1].startswith("date=") and len(parts[1]) == len("date=2026-11-27")
        assert (parts[2].startswith("topic=")) == (parts[0] != "errors")
        assert parts[-1].startswith("part-") and parts[-1].endswith(".parquet")
    dated = {entry["published"] for entry in MANIFEST if entry["format"] != "txt.gz" and
             (entry["format"] != "txt" or entry["sidecar"])}  # fmt: skip
    article_days = {p.split("/")[1][len("date=") :] for p in files if p.startswith("articles/")}
    assert dated < article_days and len(article_days - dated) == 1  # + the run's day
    assert not any(p.name.endswith(".inprogress") for p in output.rglob("*"))


def test_seed_quotes_have_the_gold_speakers(tmp_path):
    """The TIME test article (tests/fixtures), whose quotes have gold speakers."""
    output = tmp_path / "out"
    result = newsbeam("run", "--input", str(SEED), "--output", str(output), "--quiet")
    assert result.returncode == 0, result.stderr
    gold = json.loads(shared_path("gold", "time-pompeo-putin.json").read_text())
    con = connect(str(output))
    ((removed,),) = con.execute("SELECT boilerplate_removed FROM articles").fetchall()
    assert removed == ["4 minute read", "More Must-Reads from TIME", "Contact us at"]
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
    result = newsbeam("run", "--input", str(SEEDS), "--output", str(output), "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in output.rglob("*.parquet")) == before
    con = connect(str(output))
    assert con.execute("SELECT count(*) FROM articles").fetchall() == [(len(MANIFEST),)]


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
    assert sql.returncode == 0 and cells == ["n_articles", "int64", str(len(MANIFEST))]
    bad = newsbeam("query", "--output", str(output), "SELECT nope FROM articles")
    assert bad.returncode == 1 and bad.stderr.startswith("newsbeam query: ")


def test_query_shows_duckdbs_whole_error(seed_run):
    output, _ = seed_run
    bad = newsbeam("query", "--output", str(output), "SELECT list_transform([1, 2], x -> x + 1)")
    assert bad.returncode == 1
    # DuckDB's message has three lines; the first says what is wrong, the last only
    # where to read more.
    assert bad.stderr.startswith("newsbeam query: Binder Error: Deprecated lambda arrow (->)")
    assert "lambda_syntax" in bad.stderr and "For more information" in bad.stderr


def test_query_limit_and_formats(seed_run):
    output, _ = seed_run
    sql = "SELECT title, date FROM articles ORDER BY title"
    titles = sorted(entry["title"] for entry in MANIFEST)

    def query(*args):
        result = newsbeam("query", "--output", str(output), *args, sql)
        assert result.returncode == 0, result.stderr
        return result.stdout

    shown = json.loads(query("--format", "json", "--limit", "0"))
    assert [row["title"] for row in shown] == titles
    assert len(json.loads(query("--format", "json", "--limit", "3"))) == 3
    rows = list(csv.reader(io.StringIO(query("--format", "csv"))))
    assert rows[0] == ["title", "date"] and [r[0] for r in rows[1:]] == titles
    markdown = query("--format", "markdown", "--limit", "2").splitlines()
    assert markdown[:2] == ["| title | date |", "|---|---|"] and len(markdown) == 4
    assert markdown[2].startswith(f"| {titles[0]} | ")
    table = query("--limit", "5")
    body = [line for line in table.splitlines() if line.startswith("│ ")][2:]
    assert len(body) == 5 and table.rstrip().endswith(
        f"5 of {len(titles)} rows shown; --limit 0 shows all"
    )
    everything = query("--limit", "0")
    lines = [line for line in everything.splitlines() if line.startswith("│ ")]
    assert len(lines) == 2 + len(titles)
    negative = newsbeam("query", "--output", str(output), "--limit", "-1", sql)
    assert negative.returncode == 2


def test_tables_without_rows_are_still_there_for_plain_duckdb(seed_run):
    """The seeds give no error rows, yet the README's plain-DuckDB query over errors runs."""
    import duckdb

    output, _ = seed_run
    errors = duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{output}/errors/**/*.parquet', "
        "hive_partitioning = true)"
    )
    assert errors.fetchall() == [(0,)]


def test_the_readme_screenshot_is_of_these_seeds(seed_run):
    """docs/report.png is current: docs/report.json, the data its charts were drawn from
    (written with it by `python -m newsbeam.report.screenshot`), is what a run on the
    seeds gives now."""
    from newsbeam.report.data import Selection, collect
    from newsbeam.report.screenshot import fingerprint

    output, _ = seed_run
    shown = json.loads((REPO / "docs" / "report.json").read_text())
    now = fingerprint(collect(connect(str(output)), Selection()))
    assert now == shown, "run python -m newsbeam.report.screenshot and commit docs/report.*"
    assert shown["totals"]["articles"] == len(MANIFEST)


def test_a_relative_output_as_the_readme_gives_it(tmp_path):
    """`--output out` (the default) from the working folder: Beam names the files with
    absolute paths, which the commit once failed to find below `out`."""
    result = newsbeam("run", "--input", str(SEED), "--output", "out", "--quiet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    query = newsbeam("query", "--format", "csv", "SELECT count(*) AS n FROM articles", cwd=tmp_path)
    assert query.stdout.split() == ["n", "1"]


def test_bad_options_exit_2_with_one_line(tmp_path):
    result = newsbeam("run", "--output", str(tmp_path), "--nlp_batch_size", "0")
    assert result.returncode == 2
    assert result.stderr.strip() == "newsbeam run: --nlp_batch_size must be at least 1"
    typo = newsbeam("run", "--outptu", str(tmp_path))
    # One line, and not Beam's "Discarding unparseable args" warning before it.
    assert typo.returncode == 2
    assert typo.stderr == "newsbeam run: unknown option(s): --outptu\n"


def test_unknown_command_and_options_of_other_commands_are_one_line():
    bogus = newsbeam("bogus")
    assert bogus.returncode == 2
    assert bogus.stderr == "newsbeam: unknown command 'bogus'; 'newsbeam --help' lists them\n"
    for args in (("query", "--bogus"), ("report", "--since", "May")):
        result = newsbeam(*args)
        assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result.stderr
        assert result.stderr.startswith(f"newsbeam {args[0]}: ")
        assert args[-1] in result.stderr
    assert newsbeam("--help").stdout.startswith("    newsbeam run ")


def test_an_input_that_matches_nothing_stops_before_the_run(tmp_path):
    pattern = str(tmp_path / "nothing-here" / "*.txt")
    result = newsbeam("run", "--input", pattern, "--output", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr == f"newsbeam run: no file matches --input {pattern}: nothing to read\n"
    assert not (tmp_path / "out").exists()
    # One pattern of several that matches nothing is an error row of a run that goes on.
    both = newsbeam("run", "--input", pattern, "--input", str(SEED), "--output",
                    str(tmp_path / "out2"), "--quiet")  # fmt: skip
    assert both.returncode == 0, both.stderr
    errors = connect(str(tmp_path / "out2")).execute("SELECT error FROM errors").fetchall()
    assert errors == [("no_match",)]


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
