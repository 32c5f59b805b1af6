"""Write stage: articles and errors -> partitioned Parquet tables, then one commit.

Each article's rows of each table travel as one Arrow batch keyed by (table, partition
folder). Files are content-addressed (named from their rows' keys: reruns overwrite
instead of duplicating) and the folders are created by the writer itself (no silent
rename into a missing folder). In batch the files are staged under hidden names; after
every file is written, a single commit publishes them and applies the write mode to
older files. Streaming (append) publishes each window's files as they are written.

Batch input (the global window) is written by each bundle without a shuffle, in
buffers of bounded size: a shuffle before the writer made the local runner hold every
row of the run in memory until the last article. Windowed input is grouped per window
and partition, one set of files per pane.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import apache_beam as beam
import pyarrow as pa
from apache_beam.transforms.window import GlobalWindow, GlobalWindows, IntervalWindow
from apache_beam.utils.timestamp import MAX_TIMESTAMP
from apache_beam.utils.windowed_value import WindowedValue

from newsbeam.transforms.dataset import (
    WrittenFile,
    commit,
    file_name,
    held_for,
    new_run_id,
    row_keys,
    schema,
    storage,
)
from newsbeam.transforms.deadletter import ARTICLES, ERRORS
from newsbeam.transforms.metrics import (
    ARTICLES_FAILED,
    ARTICLES_PROCESSED,
    ERRORS_BY_KIND,
    ERRORS_BY_STAGE,
    FILES_SUPERSEDED,
    FILES_WRITTEN,
    CountElements,
    ProgressCounter,
    counter,
    keyed,
    rows_written,
)
from newsbeam.transforms.read import replaces_an_article
from newsbeam.transforms.records import Article, ErrorRecord

#: Rows per file before a partition is split over several files.
MAX_ROWS_PER_FILE = 50_000
#: Packed row bytes a batch writer holds before writing its largest partition (news
#: articles pack to about 17 KiB, so about a thousand articles per file at most).
MAX_BUFFERED_BYTES = 16 * 2**20

PartitionKey = tuple[str, str]  # (table, relative partition folder)


def article_table_rows(
    article: Article, pipeline_version: str
) -> Iterator[tuple[PartitionKey, bytes]]:
    """The article's rows of each table, one packed Arrow batch per table it has rows in."""
    partition = schema.article_partition(article)
    tables = {
        "articles": [schema.article_row(article, pipeline_version)],
        "entities": list(schema.entity_rows(article)),
        "quotes": list(schema.quote_rows(article)),
    }
    for table, rows in tables.items():
        if rows:
            yield (table, partition), pack_rows(table, rows)


def error_table_row(error: ErrorRecord) -> tuple[PartitionKey, bytes]:
    return ("errors", schema.error_partition(error)), pack_rows("errors", [schema.error_row(error)])


def pack_rows(table: str, rows: list[dict]) -> bytes:
    """Rows as an Arrow IPC stream: what travels to the writer and waits in its buffers.

    On news articles their rows took 83 KiB as Python dicts, 17 KiB as one Arrow buffer
    (compressing it saved 2 KiB more for ten times the CPU).
    """
    batch = schema.to_table(table, rows)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, batch.schema) as writer:
        writer.write_table(batch)
    return sink.getvalue().to_pybytes()


def unpack_rows(packed: Iterable[bytes]) -> pa.Table:
    """Batches made by `pack_rows` for one table, as one Table."""
    return pa.concat_tables([pa.ipc.open_stream(p).read_all() for p in packed]).combine_chunks()


def _window_prefix(window) -> str:
    """Streaming files carry their window in the name: `w20260101T120000-120100-`."""
    if isinstance(window, IntervalWindow) and not isinstance(window, GlobalWindow):
        start = window.start.to_utc_datetime()
        end = window.end.to_utc_datetime()
        return f"w{start:%Y%m%dT%H%M%S}-{end:%H%M%S}-"
    return ""


class _PartitionWriter(beam.DoFn):
    """Writes packed rows of one (table, partition) as Parquet file(s), each atomically:
    published at once, or `staged` (hidden) for the commit to publish."""

    def __init__(self, output: str, staged: bool = False, run_id: str | None = None) -> None:
        self._output = output
        self._run_id = run_id or new_run_id()
        self._staged = staged
        self._rows = {t: ProgressCounter(rows_written(t)) for t in schema.TABLES}
        self._files = counter(FILES_WRITTEN)
        self._error_counters: dict[str, Any] = {}

    def _write(self, key: PartitionKey, packed: list[bytes], prefix: str = "") -> Iterator:
        table, partition = key
        if table not in schema.TABLES or not schema.is_safe_partition(partition):
            raise ValueError(f"refusing to write {table!r} rows to partition {partition!r}")
        table_rows = unpack_rows(packed)
        keys = row_keys(table, table_rows)
        order = sorted(range(len(keys)), key=keys.__getitem__)
        table_rows = table_rows.take(order)
        keys = [keys[i] for i in order]
        for start in range(0, len(keys), MAX_ROWS_PER_FILE):
            chunk = table_rows.slice(start, MAX_ROWS_PER_FILE)
            name = file_name(table, keys[start : start + MAX_ROWS_PER_FILE], prefix)
            path = storage.join(self._output, table, partition, name)
            target = storage.staged_path(path, self._run_id) if self._staged else path
            storage.write_parquet(chunk, target, self._run_id)
            self._files.inc()
            self._rows[table].inc(chunk.num_rows)
            if table == "errors":
                self._count_error_kinds(chunk)
            yield WrittenFile.of_rows(table, path, chunk)

    def _count_error_kinds(self, chunk) -> None:
        """`errors.<kind>` and `error_stages.<stage>`: the summary's breakdown of error rows."""
        for column, prefix in (("error", ERRORS_BY_KIND), ("stage", ERRORS_BY_STAGE)):
            for value in chunk[column].to_pylist():
                name = keyed(prefix, value)
                if name not in self._error_counters:
                    self._error_counters[name] = counter(name)
                self._error_counters[name].inc()


class WritePartitionFn(_PartitionWriter):
    """One grouped (table, partition) pane of a window -> its file(s), named for the window."""

    def process(self, item: tuple[PartitionKey, Iterable[bytes]], window=beam.DoFn.WindowParam):
        key, packed = item
        packed = list(packed)
        if packed:  # a streaming on-time pane after early firings can be empty
            yield from self._write(key, packed, _window_prefix(window))


class WriteBufferedFn(_PartitionWriter):
    """Batch: packed rows -> file(s) per partition of the bundle, holding at most
    `max_bytes` of rows: past it, the partition holding most is written out (so a large
    partition gets several files, each under the same content-addressed naming).

    Beam's own `fileio.WriteToFiles` writes per bundle the same way; unlike a shuffle it
    keeps the rows held bounded however large the run.
    """

    def __init__(
        self,
        output: str,
        staged: bool,
        max_bytes: int = MAX_BUFFERED_BYTES,
        run_id: str | None = None,
    ) -> None:
        super().__init__(output, staged, run_id)
        self._max_bytes = max_bytes

    def start_bundle(self) -> None:
        self._buffers: dict[PartitionKey, list[bytes]] = {}
        self._sizes: dict[PartitionKey, int] = {}
        self._held = 0

    def process(self, item: tuple[PartitionKey, bytes]):
        key, packed = item
        self._buffers.setdefault(key, []).append(packed)
        self._sizes[key] = self._sizes.get(key, 0) + len(packed)
        self._held += len(packed)
        if self._held > self._max_bytes:
            yield from self._flush(max(self._sizes, key=self._sizes.__getitem__))

    def finish_bundle(self):
        for key in sorted(self._buffers):
            for written in self._flush(key):
                yield WindowedValue(written, MAX_TIMESTAMP, [GlobalWindow()])

    def _flush(self, key: PartitionKey) -> Iterator[WrittenFile]:
        packed = self._buffers.pop(key)
        self._held -= self._sizes.pop(key)
        yield from self._write(key, packed)


class _CommitFn(beam.DoFn):
    """The run's one commit, under the output's lock (`held_for`: the launcher's, or
    taken here for a job launched without `newsbeam run`). A retried attempt finds
    its journal or its published files and finishes or does nothing."""

    def __init__(self, output: str, mode: str, run_id: str) -> None:
        self._output = output
        self._mode = mode
        self._run_id = run_id
        self._deleted = counter(FILES_SUPERSEDED)

    def process(self, written: list[WrittenFile]):
        with held_for(self._output, self._run_id):
            plan = commit(self._output, self._mode, written, self._run_id)
        if plan.missing:
            raise RuntimeError(
                f"{len(plan.missing)} staged file(s) of this run were removed before its "
                f"commit, e.g. {plan.missing[0]}: run it again"
            )
        self._deleted.inc(len(plan.delete))
        yield plan


class WriteTables(beam.PTransform):
    """{articles, errors} -> Parquet under `output`.

    Returns the written files (append) or the commit plan (upsert, replace).
    """

    def __init__(
        self,
        output: str,
        mode: str,
        pipeline_version: str,
        run_id: str | None = None,
        max_buffered_bytes: int = MAX_BUFFERED_BYTES,
    ) -> None:
        super().__init__()
        self._output = output
        self._run_id = run_id or new_run_id()
        self._mode = mode
        self._version = pipeline_version
        self._max_bytes = max_buffered_bytes

    def expand(self, tables: dict):
        version = self._version
        article_rows = (
            tables[ARTICLES]
            | "CountProcessed" >> CountElements(ARTICLES_PROCESSED)
            | "ArticleRows" >> beam.FlatMap(article_table_rows, pipeline_version=version)
        )
        error_rows = (
            tables[ERRORS]
            | "CountFailed" >> CountElements(ARTICLES_FAILED, replaces_an_article)
            | "ErrorRows" >> beam.Map(error_table_row)
        )
        staged = self._mode != "append"
        run_id = self._run_id
        if isinstance(article_rows.windowing.windowfn, GlobalWindows):
            # Each kind of row is written where it is made: a Flatten before the writer
            # would make the local runner hold every row of the run until the last
            # article is done (it materialises a Flatten's inputs); the written-file
            # records flattened afterwards are a few per partition.
            written = (
                article_rows
                | "WriteArticleRows"
                >> beam.ParDo(WriteBufferedFn(self._output, staged, self._max_bytes, run_id)),
                error_rows
                | "WriteErrorRows"
                >> beam.ParDo(WriteBufferedFn(self._output, staged, self._max_bytes, run_id)),
            ) | "AllWritten" >> beam.Flatten()
        else:
            written = (
                (article_rows, error_rows)
                | "AllRows" >> beam.Flatten()
                | "GroupByPartition" >> beam.GroupByKey()
                | "WritePartitions" >> beam.ParDo(WritePartitionFn(self._output, staged, run_id))
            )
        if self._mode == "append":
            return written
        return (
            written
            | "CollectWritten" >> beam.combiners.ToList()
            | "Commit" >> beam.ParDo(_CommitFn(self._output, self._mode, run_id))
        )
