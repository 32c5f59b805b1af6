"""Streaming windows without emulators: TestStream drives the notified files through
`arrival_windows`, `ParseFiles` and the append-mode write, on the streaming local runner.

One window fires early on processing time alone (no watermark progress, as when a local
input goes quiet), its on-time pane is then empty and writes nothing, duplicates within
a pane are reported, and every file name carries its window.
"""

from __future__ import annotations

import re

import apache_beam as beam
from apache_beam.io.filesystem import FileMetadata
from apache_beam.testing import test_stream
from apache_beam.testing.util import assert_that, equal_to
from apache_beam.transforms.window import TimestampedValue
from apache_beam.utils.windowed_value import PaneInfoTiming

from newsbeam.query import connect
from newsbeam.transforms.read import ParseFiles, first_of_duplicates
from newsbeam.transforms.windows import arrival_windows, continues
from newsbeam.transforms.write import WritePartitionFn, WriteTables
from tests.conftest import local_test_pipeline

WINDOW = 10


def _file(folder, name: str, title: str) -> FileMetadata:
    path = folder / name
    path.write_text(f"{title}\n\nAnna Berg opened the bridge on Tuesday.\n")
    return FileMetadata(str(path), path.stat().st_size)


def _pane_sizes(item, window=beam.DoFn.WindowParam, pane=beam.DoFn.PaneInfoParam):
    """(window start, fired by the watermark, element count) of one grouped pane."""
    _, elements = item
    return int(window.start), pane.timing == PaneInfoTiming.ON_TIME, len(list(elements))


def test_windowed_write_fires_without_watermark_and_names_files_by_window(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    a = _file(inbox, "a.txt", "Bridge opens")
    a_again = _file(inbox, "a-copy.txt", "Bridge opens")  # same article: a duplicate
    b = _file(inbox, "b.txt", "Second bridge")
    empty = FileMetadata(str(inbox / "missing.txt"), 0)
    stream = (
        test_stream.TestStream()
        .advance_watermark_to(0)
        .add_elements([TimestampedValue(a, 1), TimestampedValue(a_again, 2)])
        .advance_processing_time(WINDOW + 1)  # early pane of [0, 10): watermark still at 0
        .advance_watermark_to(WINDOW + 2)  # on-time pane of [0, 10): empty
        .add_elements([TimestampedValue(b, 12), TimestampedValue(empty, 13)])
        .advance_processing_time(WINDOW + 1)
        .advance_watermark_to_infinity()
    )
    with local_test_pipeline("--streaming") as p:
        files = p | stream | arrival_windows(WINDOW)
        panes = (
            files
            | "OneKey" >> beam.Map(lambda f: ("all", f.path))
            | "Panes" >> beam.GroupByKey()
            | "PaneSizes" >> beam.Map(_pane_sizes)
        )
        sizes = panes | "Sizes" >> beam.Map(lambda pane: (pane[0], pane[2]))
        assert_that(sizes, equal_to([(0, 2), (WINDOW, 2)]), label="OnePanePerWindow")
        # [0, 10) fired on processing time alone: the watermark was still at 0.
        first = panes | "FirstWindow" >> beam.FlatMap(
            lambda pane: [pane[1]] if pane[0] == 0 else []
        )
        assert_that(first, equal_to([False]), label="FirstWindowNotOnTime")
        parsed = files | ParseFiles(max_file_bytes=10_000, roots=[str(inbox)])
        parsed | WriteTables(str(out), "append", "test")

    written = sorted(str(f.relative_to(out)) for f in out.rglob("*.parquet"))
    names = {f.rsplit("/", 1)[1][: len("w19700101T000000-000010")] for f in written}
    assert names == {"w19700101T000000-000010", "w19700101T000010-000020"}
    pattern = r"w\d{8}T\d{6}-\d{6}-part-[0-9a-f]{20}\.parquet"
    assert all(re.fullmatch(pattern, f.rsplit("/", 1)[1]) for f in written)
    con = connect(str(out))
    rows = con.execute(
        "SELECT regexp_extract(filename, 'w[0-9T]+-[0-9]+'), parse_filename(source_uri) "
        "FROM read_parquet(?, filename = true) ORDER BY 2",
        [f"{out}/articles/**/*.parquet"],
    ).fetchall()
    assert rows == [
        ("w19700101T000000-000010", "a-copy.txt"),  # the smaller source of the duplicates
        ("w19700101T000010-000020", "b.txt"),
    ]
    errors = con.execute(
        "SELECT parse_filename(source_uri), error FROM errors ORDER BY 1"
    ).fetchall()
    assert errors == [("a.txt", "duplicate"), ("missing.txt", "FileNotFoundError")]


def test_a_trigger_and_its_continuation_are_the_same_windowing():
    windowing = arrival_windows(WINDOW).get_windowing(None)
    assert continues(windowing, windowing)
    other = arrival_windows(WINDOW * 2).get_windowing(None)
    assert not continues(windowing, other)


def test_empty_panes_write_nothing(tmp_path):
    # An on-time pane after early ones can be empty: no article, no error, no empty file.
    assert list(first_of_duplicates(("a1", []))) == []
    writer = WritePartitionFn(str(tmp_path))
    assert list(writer.process((("articles", "date=2026-11-27/topic=other"), []))) == []
    assert list(tmp_path.rglob("*")) == []


def test_a_file_read_twice_in_one_window_is_one_article_and_no_error(tmp_path):
    # Two notices of one file in a window (two versions of the same content, or a bare
    # path published twice): the same record of the same source is not its own duplicate.
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    a = _file(inbox, "a.txt", "Bridge opens")
    stream = (
        test_stream.TestStream()
        .advance_watermark_to(0)
        .add_elements([TimestampedValue(a, 1), TimestampedValue(a, 2)])
        .advance_watermark_to_infinity()
    )
    with local_test_pipeline("--streaming") as p:
        files = p | stream | arrival_windows(WINDOW)
        (
            files
            | ParseFiles(max_file_bytes=10_000, roots=[str(inbox)])
            | WriteTables(str(out), "append", "test")
        )
    con = connect(str(out))
    assert con.execute("SELECT parse_filename(source_uri) FROM articles").fetchall() == [("a.txt",)]
    assert con.execute("SELECT count(*) FROM errors").fetchall() == [(0,)]
