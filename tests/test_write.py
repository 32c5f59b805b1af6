"""Write stage on a real local runner: partitioned files, DuckDB read-back, reruns, leftovers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import apache_beam as beam
import pyarrow.parquet as pq
from apache_beam.testing.util import assert_that, equal_to

from newsbeam.query import connect
from newsbeam.transforms.deadletter import ARTICLES, ERRORS
from newsbeam.transforms.records import Article, Entity, ErrorRecord, Mention, Quote, TopicScore
from newsbeam.transforms.write import WriteBufferedFn, WriteTables, article_table_rows
from tests.conftest import INGESTED, local_test_pipeline

PUBLISHED = dt.datetime(2019, 4, 12, 9, 0, tzinfo=dt.timezone.utc)


def _article(article_id: str, topic: str, published: dt.datetime | None) -> Article:
    text = "Weiss said “hello.”"
    return Article(
        article_id=article_id,
        source_uri=f"/in/{article_id}.txt",
        ingested_at=INGESTED,
        title=f"Title {article_id}",
        text=text,
        published_at=published,
        date_source="metadata" if published else "ingested",
        topic=topic,
        topics=[TopicScore(topic, 0.8)],
        entities=[Entity("e1", "Andrew Weiss", "PERSON", 1, 1.0, [Mention("Weiss", 0, 5)])],
        quotes=[
            Quote(
                "q1",
                "hello.",
                12,
                18,
                "direct",
                "Andrew Weiss",
                "Weiss",
                0,
                5,
                "PERSON",
                cue="said",
                cue_start=6,
                cue_end=10,
            )
        ],
    )


ARTICLE_SET = [
    _article("a1", "politics", PUBLISHED),
    _article("a2", "politics", PUBLISHED),
    _article("a3", "sport", None),
]
ERROR = ErrorRecord("/in/bad.bin", "read", "binary", "contains NUL bytes", INGESTED)


def _write(output, articles, errors, mode="upsert"):
    with local_test_pipeline() as p:
        tables = {
            ARTICLES: p | "A" >> beam.Create(articles),
            ERRORS: p | "E" >> beam.Create(errors),
        }
        tables | WriteTables(str(output), mode, "test")


def _files(output):
    """The tables' files (not the key index beside them: see test_key_index.py)."""
    files = (str(p.relative_to(output)) for p in output.rglob("*") if p.is_file())
    return sorted(f for f in files if not f.startswith("_index/"))


def test_partitioned_layout_read_back_by_duckdb(tmp_path):
    _write(tmp_path, ARTICLE_SET, [ERROR])
    folders = {f.rsplit("/", 1)[0] for f in _files(tmp_path)}
    assert folders == {
        "articles/date=2019-04-12/topic=politics",
        "articles/date=2026-11-27/topic=sport",
        "entities/date=2019-04-12/topic=politics",
        "entities/date=2026-11-27/topic=sport",
        "quotes/date=2019-04-12/topic=politics",
        "quotes/date=2026-11-27/topic=sport",
        "errors/date=2026-11-27",
    }
    con = connect(str(tmp_path))
    rows = con.execute(
        "SELECT article_id, date, topic, quote_count FROM articles ORDER BY 1"
    ).fetchall()
    assert rows == [
        ("a1", dt.date(2019, 4, 12), "politics", 1),
        ("a2", dt.date(2019, 4, 12), "politics", 1),
        ("a3", dt.date(2026, 11, 27), "sport", 1),
    ]
    (quote,) = con.execute(
        "SELECT q.text, a.text[q.start + 1 : q.end] "
        "FROM quotes q JOIN articles a USING (article_id) "
        "WHERE article_id = 'a1'"
    ).fetchall()
    assert quote == ("hello.", "hello.")
    assert con.execute("SELECT error, date FROM errors").fetchall() == [
        ("binary", dt.date(2026, 11, 27))
    ]
    # partition columns live in folder names only
    stored = pq.read_schema(next((tmp_path / "articles").rglob("*.parquet"))).names
    assert "topic" not in stored and "date" not in stored and "text" in stored


def test_rerun_gives_the_same_files_and_rows(tmp_path):
    _write(tmp_path, ARTICLE_SET, [ERROR])
    first = _files(tmp_path)
    _write(tmp_path, ARTICLE_SET, [ERROR])
    assert _files(tmp_path) == first
    assert connect(str(tmp_path)).execute("SELECT count(*) FROM articles").fetchall() == [(3,)]


def test_upsert_replaces_rows_of_reread_inputs_and_keeps_the_rest(tmp_path):
    _write(tmp_path, ARTICLE_SET, [ERROR])
    moved = _article("a2", "sport", PUBLISHED)  # same input, now classified differently
    _write(tmp_path, [moved], [])
    con = connect(str(tmp_path))
    assert con.execute("SELECT article_id, topic FROM articles ORDER BY 1").fetchall() == [
        ("a1", "politics"),
        ("a2", "sport"),
        ("a3", "sport"),
    ]
    assert con.execute("SELECT count(*) FROM quotes").fetchall() == [(3,)]
    assert con.execute("SELECT count(*) FROM errors").fetchall() == [(1,)]


def test_replace_keeps_only_this_runs_rows(tmp_path):
    _write(tmp_path, ARTICLE_SET, [ERROR])
    _write(tmp_path, [ARTICLE_SET[0]], [], mode="replace")
    con = connect(str(tmp_path))
    assert con.execute("SELECT article_id FROM articles").fetchall() == [("a1",)]
    assert con.execute("SELECT count(*) FROM errors").fetchall() == [(0,)]


def test_leftovers_of_a_killed_run_are_invisible_and_cleaned(tmp_path):
    partial = (
        tmp_path
        / "articles"
        / "date=2019-04-12"
        / "topic=politics"
        / ".part-x.parquet.abc.inprogress"
    )
    partial.parent.mkdir(parents=True)
    partial.write_bytes(b"PAR1 half a file")
    assert connect(str(tmp_path)).execute("SELECT count(*) FROM articles").fetchall() == [(0,)]
    _write(tmp_path, ARTICLE_SET, [])
    assert not partial.exists()
    assert connect(str(tmp_path)).execute("SELECT count(*) FROM articles").fetchall() == [(3,)]


def test_unsafe_topic_never_leaves_the_table_folder(tmp_path):
    _write(tmp_path, [_article("a9", "../../etc", PUBLISHED)], [])
    assert _files(tmp_path)[0].startswith("articles/date=2019-04-12/topic=other/")


def test_batch_writer_past_its_buffer_splits_a_partition_over_files(tmp_path):
    """The batch writer holds a bounded amount of rows: a partition larger than the
    buffer lands in several files, every row exactly once, and the summary of the
    written files covers them all."""
    articles = [_article(f"a{i}", "politics", PUBLISHED) for i in range(6)]
    rows = [row for a in articles for row in article_table_rows(a, "test")]
    budget = 4 * max(len(packed) for _, packed in rows)
    with local_test_pipeline() as p:
        written = (
            p
            | beam.Create(rows)
            | beam.ParDo(WriteBufferedFn(str(tmp_path), staged=False, max_bytes=budget))
        )
        ids = written | beam.FlatMap(lambda w: w.article_ids if w.table == "articles" else [])
        assert_that(ids, equal_to([a.article_id for a in articles]))
    files = list((tmp_path / "articles/date=2019-04-12/topic=politics").glob("*.parquet"))
    assert len(files) >= 2
    con = connect(str(tmp_path))
    assert con.execute("SELECT article_id FROM articles ORDER BY 1").fetchall() == [
        (a.article_id,) for a in articles
    ]
    assert con.execute("SELECT count(*), count(DISTINCT article_id) FROM quotes").fetchall() == [
        (6, 6)
    ]


class _CountFilesSeen(beam.DoFn):
    """Notes, as each article passes, how many Parquet files the output already holds."""

    def __init__(self, output: str, log: str) -> None:
        self._output = output
        self._log = log

    def process(self, article):
        seen = len(list(Path(self._output).rglob("*.parquet")))
        with open(self._log, "a", encoding="utf-8") as handle:
            handle.write(f"{seen}\n")
        yield article


def test_batch_rows_are_written_while_later_articles_are_still_coming(tmp_path):
    """A batch run writes rows as its articles are done, not all at the end: a runner
    that held every row until the last article (as the local runner does for a Flatten's
    inputs) would keep a whole run's rows in memory."""
    output, log = tmp_path / "out", tmp_path / "seen.txt"
    articles = [_article(f"a{i}", "politics", PUBLISHED) for i in range(8)]
    with local_test_pipeline() as p:
        tables = {
            ARTICLES: p
            | "A" >> beam.Create(articles)
            | beam.ParDo(_CountFilesSeen(str(output), str(log))),
            ERRORS: p | "E" >> beam.Create([ERROR]),
        }
        tables | WriteTables(str(output), "append", "test", max_buffered_bytes=1)
    seen = [int(n) for n in log.read_text().split()]
    assert len(seen) == len(articles)
    assert max(seen) > 0
    con = connect(str(output))
    assert con.execute("SELECT count(*) FROM articles").fetchall() == [(len(articles),)]
    assert con.execute("SELECT count(*) FROM errors").fetchall() == [(1,)]
