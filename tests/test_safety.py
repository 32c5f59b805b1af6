"""Limits and safety: sizes checked before reading, no network, no path out of the output,
bounded work on hostile text, and the CLI's exit statuses for runs that cannot run."""

from __future__ import annotations

import datetime as dt
import socket
import time

import pytest
from apache_beam.io.filesystem import FileMetadata

from newsbeam.cli import main
from newsbeam.transforms.annotate import AnnotateBatchFn
from newsbeam.transforms.dataset import schema
from newsbeam.transforms.deadletter import ERRORS
from newsbeam.transforms.formats.common import authors_of
from newsbeam.transforms.formats.html import parse_html
from newsbeam.transforms.read import ParseFilesFn, parse_file
from newsbeam.transforms.records import Article
from newsbeam.transforms.write import WritePartitionFn, pack_rows
from tests.conftest import INGESTED

LIMIT = 1_000


def _parse(metadata: FileMetadata, roots: list[str]) -> list:
    fn = ParseFilesFn(max_file_bytes=LIMIT, roots=roots)
    fn.setup()
    return list(fn.process(metadata))


def test_a_bucket_object_over_the_limit_is_rejected_from_its_listed_size():
    # No storage emulator: opening the object would fail with another kind of error.
    (out,) = _parse(FileMetadata("gs://no-such-bucket/raw/huge.txt", 10**12), [])
    assert (out.tag, out.value.error) == (ERRORS, "too_large")
    assert "1000000000000 bytes" in out.value.message


def test_a_file_of_unknown_size_is_read_no_further_than_the_limit(tmp_path):
    # Notifications without a payload give size 0: the read itself stops at the limit.
    path = tmp_path / "big.txt"
    path.write_bytes(b"Title\n\n" + b"x" * (LIMIT * 5))
    (out,) = _parse(FileMetadata(str(path), 0), [str(tmp_path)])
    assert (out.value.error, out.value.message) == (
        "too_large",
        f"file is larger than --max_file_bytes={LIMIT}",
    )


def test_a_sidecar_over_the_limit_is_a_note_and_the_article_is_kept(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Harbour reopens\n\nThe harbour reopened on Tuesday.\n")
    (tmp_path / "a.json").write_bytes(b'{"title": "' + b"x" * LIMIT + b'"}')
    article, note = _parse(FileMetadata(str(tmp_path / "a.txt"), 40), [str(tmp_path)])
    assert article.title == "Harbour reopens"
    assert (note.value.source_uri, note.value.error) == (str(tmp_path / "a.json"), "bad_sidecar")


def test_the_article_length_limit_counts_the_title(nlp):
    fn = AnnotateBatchFn("unused", batch_size=4, max_chars=100)
    fn._nlp = nlp  # setup() would load the same model again
    long_title = Article("a", "a.txt", INGESTED, title="Word " * 30, text="Short body.")
    (out,) = list(fn.process([long_title]))
    assert (out.tag, out.value.stage, out.value.error) == (ERRORS, "annotate", "too_long")


def test_a_huge_byline_takes_linear_time():
    # `\s*(?:,|and|...)\s*` took 30 s on 20,000 spaces (quadratic backtracking).
    start = time.perf_counter()
    assert authors_of("Jane" + " " * 1_000_000 + "Doe and John Roe") == ["Jane Doe", "John Roe"]
    assert time.perf_counter() - start < 2.0


HOSTILE_PAGE = b"""<?xml version="1.0"?>
<!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/passwd">
<!ENTITY remote SYSTEM "http://198.51.100.7/entity">]>
<html xmlns:xi="http://www.w3.org/2001/XInclude"><head><title>Entity test</title>
<link rel="canonical" href="http://198.51.100.7/canonical"/>
<meta http-equiv="refresh" content="0; url=http://198.51.100.7/refresh"/>
<script src="http://198.51.100.7/s.js"></script></head>
<body><article><h1>Entity test</h1>
<p>Start &secret; end of the first paragraph, which is long enough to count as text.</p>
<xi:include href="file:///etc/passwd" parse="text"/>
<p>Second &remote; paragraph with more words so that the extractor keeps the body.</p>
<img src="http://198.51.100.7/i.png"/><iframe src="file:///etc/hostname"></iframe>
</article></body></html>"""


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""
    attempts: list[tuple] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network is off in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def test_html_is_parsed_without_entities_includes_or_network(no_network):
    (article,) = parse_file("/in/page.html", HOSTILE_PAGE, INGESTED).articles
    assert article.title == "Entity test"
    assert "&secret;" in article.raw_body and "root:" not in article.raw_body
    # A crawled page's URL (the WARC-Target-URI) is used for dates, never fetched.
    url = "http://198.51.100.7/2020/01/02/page"
    crawled = parse_html("/in/crawl.warc", HOSTILE_PAGE, INGESTED, url=url, crawled_at=INGESTED)
    assert crawled.url == url and "root:" not in crawled.raw_body
    assert no_network == []


@pytest.mark.parametrize(
    "partition",
    ["date=2019-01-02/topic=../../x", "../x", "date=2019-01-02/../../x", "date=..", "/etc"],
)
def test_the_writer_refuses_a_partition_the_schema_does_not_make(tmp_path, partition):
    writer = WritePartitionFn(str(tmp_path / "out"))
    row = schema.article_row(Article("a", "a.txt", INGESTED, text="x"), "test")
    with pytest.raises(ValueError, match="refusing to write"):
        list(writer.process((("articles", partition), [pack_rows("articles", [row])])))
    assert list(tmp_path.rglob("*")) == []


@pytest.mark.parametrize(
    "when",
    [
        dt.datetime(1, 1, 1, tzinfo=dt.timezone.utc),
        dt.datetime(9999, 12, 31, tzinfo=dt.timezone.utc),
    ],
)
def test_partitions_at_the_calendar_edges_are_safe(when):
    article = Article("a", "s", INGESTED, published_at=when, topic="../../etc")
    partition = schema.article_partition(article)
    assert partition == f"date={when.date().isoformat()}/topic=other"
    assert schema.is_safe_partition(partition)


def test_an_output_that_cannot_be_written_stops_the_run_up_front(tmp_path, capsys):
    (tmp_path / "in").mkdir()  # an article in it: inputs that name no file stop a run too
    (tmp_path / "in" / "a.txt").write_bytes(b"Harbour reopens\n\nThe harbour reopened.\n")
    (tmp_path / "file").write_bytes(b"")
    output = tmp_path / "file" / "out"
    status = main(["run", "--input", str(tmp_path / "in"), "--output", str(output)])
    err = capsys.readouterr().err.strip()
    assert status == 2
    assert err.startswith(f"newsbeam run: cannot use --output {output}: ")
    assert "\n" not in err


def test_an_output_inside_an_input_folder_is_a_bad_option(tmp_path, capsys):
    status = main(["run", "--input", str(tmp_path), "--output", str(tmp_path / "out")])
    err = capsys.readouterr().err.strip()
    assert status == 2
    assert "is inside the input" in err and "\n" not in err
    assert not (tmp_path / "out").exists()


def test_a_run_that_fails_exits_1_with_one_line(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(b"Harbour reopens\n\nThe harbour reopened.\n")
    args = ["run", "--input", str(tmp_path / "in"), "--output", str(tmp_path / "out")]
    status = main([*args, "--spacy_model", "no_such_model", "--quiet"])
    err = capsys.readouterr().err.strip()
    assert status == 1
    assert err.startswith("newsbeam run: the run failed: ") and "\n" not in err
