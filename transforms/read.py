"""Read stage: input patterns -> one `Article` per input record, or a dead letter.

`parse_file` sniffs each file's compression and format and hands it to its parser in
`transforms.formats` (text with sidecar, HTML, JSON / JSON lines, WARC). Matching,
reading and parsing go through Beam's `FileSystems`, so local paths and gs:// behave
the same. A reshuffle after matching spreads files over workers (without
it every document stays on the worker that matched them); grouping by article id then
drops duplicate articles and is the fusion break before the NLP stages.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from collections.abc import Iterable, Iterator, Sequence

import apache_beam as beam
from apache_beam.io.filesystem import CompressionTypes, FileMetadata
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics

from pipeline.progress import ARTICLES_READ, FILES_READ, ProgressCounter
from pipeline.records import Article, ErrorRecord
from transforms.deadletter import (
    ARTICLES,
    ERRORS,
    METRICS_NAMESPACE,
    RejectedInput,
    error_record,
    valid_unicode,
)
from transforms.formats.common import ParsedFile
from transforms.formats.compressed import compression_of, inflate, inner_name
from transforms.formats.html import parse_html
from transforms.formats.jsonl import parse_json
from transforms.formats.sniff import sniff_format
from transforms.formats.text import Sidecar, parse_text, sidecar_owner, sidecar_uri
from transforms.formats.warc import parse_warc
from transforms.inputs import Listing, allowed_roots, check_local_file, is_local, match_inputs
from transforms.publishers import with_publisher

STAGE = "read"
FILES = "files"
DUPLICATE = "duplicate"

# Counters of the read stage (namespace METRICS_NAMESPACE); the run summary adds them up.
FILES_MATCHED = "files_matched"
INPUTS_IGNORED = "inputs_ignored"
INPUTS_REJECTED = "inputs_rejected"
SIDECARS_CLAIMED = "sidecars_claimed"
FILES_REJECTED = "files_rejected"
FILES_PARSED = "files_parsed"
RECORDS_REJECTED = "records_rejected"
RECORDS_SKIPPED = "records_skipped"
SIDECAR_NOTES = "sidecar_notes"
DUPLICATES = "duplicates"
#: Limit on a file's size, and on what a compressed file inflates to, unless told otherwise.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def parse_file(
    uri: str,
    data: bytes,
    ingested_at: dt.datetime,
    *,
    sidecar: Sidecar | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ParsedFile:
    """The articles (and per-record dead letters) in one input file's bytes.

    Compression and format are sniffed from the content (the name only breaks ties, see
    `transforms.formats.sniff`); one gzip or bzip2 layer is inflated under `max_bytes`.
    Every article leaves with its publisher resolved, so the learned-boilerplate pass
    can group by it. Raises `RejectedInput` when the file as a whole is unusable.
    """
    name = posixpath.basename(uri)
    compression = compression_of(data)
    if compression:
        data = inflate(data, compression, max_bytes)
        name = inner_name(name)
        if compression_of(data):
            raise RejectedInput("unsupported", "compressed file inside a compressed file")
    fmt = sniff_format(name, data)
    if fmt == "warc":
        parsed = parse_warc(uri, data, ingested_at, max_bytes)
    elif fmt == "json":
        parsed = parse_json(uri, data, ingested_at)
    elif fmt == "html":
        parsed = ParsedFile([parse_html(uri, data, ingested_at)])
    else:
        parsed = parse_text(uri, data, ingested_at, sidecar)
    if not parsed.records:
        raise RejectedInput("empty", f"no records in the {fmt} file")
    if sidecar is not None and fmt != "txt":
        unused = RejectedInput("sidecar_unused", f"{name} is {fmt}, not text: sidecar ignored")
        parsed.note(sidecar.uri, unused, ingested_at)
    parsed.articles = [with_publisher(a) for a in parsed.articles]
    return parsed


def read_limited(path: str, limit: int) -> bytes:
    """The bytes of `path`, refusing files over `limit` bytes without reading them whole."""
    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise RejectedInput("too_large", f"file is larger than --max_file_bytes={limit}")
    return data


def replaces_an_article(error: ErrorRecord) -> bool:
    """Whether `error` stands for an article counted in `articles_read`: an article that
    failed after the read stage, or a duplicate the read stage dropped."""
    return error.stage != STAGE or error.error == DUPLICATE


class _MatchInputsFn(beam.DoFn):
    """Pattern -> the files it names; a pattern naming none, a folder that cannot be
    listed and a symlinked folder leading out of the root are dead letters; hidden
    entries and placeholders are counted as `inputs_ignored.<reason>`."""

    def __init__(self) -> None:
        self._matched = Metrics.counter(METRICS_NAMESPACE, FILES_MATCHED)
        self._rejected = Metrics.counter(METRICS_NAMESPACE, INPUTS_REJECTED)

    def process(self, pattern: str) -> Iterator:
        now = dt.datetime.now(dt.timezone.utc)
        try:
            listing = match_inputs(pattern)
        except Exception as exc:  # noqa: BLE001 - a bad pattern is a dead letter, not a crash
            listing = Listing(rejected=[(pattern, exc)])
        if not listing.files and not listing.rejected:
            missing = RejectedInput("no_match", f"no input file matches {pattern}")
            listing.rejected.append((pattern, missing))
        for reason, count in listing.ignored.items():
            Metrics.counter(METRICS_NAMESPACE, f"{INPUTS_IGNORED}.{reason}").inc(count)
        self._rejected.inc(len(listing.rejected))
        for source, problem in listing.rejected:
            yield beam.pvalue.TaggedOutput(ERRORS, error_record(source, STAGE, problem, now))
        self._matched.inc(len(listing.files))
        yield from listing.files


class _ParseFilesFn(beam.DoFn):
    """File -> its articles, per-record dead letters, and skip counts.

    A `NAME.json` next to a `NAME.txt` is that text file's sidecar: the text file reads
    it, and the JSON file is not parsed again as an article (counted as
    `sidecars_claimed`). A local file (sidecar included) is opened only when
    `check_local_file` accepts it against `roots`.
    """

    def __init__(self, max_file_bytes: int, roots: Sequence[str]) -> None:
        self._max_file_bytes = max_file_bytes
        self._roots = list(roots)
        self._real_roots: list[str] = []
        self._files = ProgressCounter(FILES_READ)
        self._articles = ProgressCounter(ARTICLES_READ)
        self._counters = {
            name: Metrics.counter(METRICS_NAMESPACE, name)
            for name in (SIDECARS_CLAIMED, FILES_REJECTED, FILES_PARSED, RECORDS_REJECTED)
        }
        self._notes = Metrics.counter(METRICS_NAMESPACE, SIDECAR_NOTES)

    def setup(self) -> None:
        self._real_roots = [os.path.realpath(root) for root in self._roots]

    def _check(self, path: str) -> None:
        if is_local(path):
            check_local_file(path, self._real_roots)

    def _openable(self, path: str) -> bool:
        try:
            self._check(path)
            return FileSystems.exists(path)
        except Exception:  # noqa: BLE001 - a file that fails the checks is not there to use
            return False

    def _sidecar(
        self, path: str, ingested_at: dt.datetime
    ) -> tuple[Sidecar | None, ErrorRecord | None]:
        """The sidecar of `path` if it has one, or a note saying why the one it has cannot
        be read (the article is still read, without the sidecar's metadata)."""
        uri = sidecar_uri(path)
        if uri is None or not self._openable(uri):
            return None, None
        try:
            return Sidecar(valid_unicode(uri), read_limited(uri, self._max_file_bytes)), None
        except Exception as exc:  # noqa: BLE001 - an unreadable sidecar is its own dead letter
            unreadable = RejectedInput("bad_sidecar", f"cannot read sidecar: {exc}")
            return None, error_record(uri, STAGE, unreadable, ingested_at)

    def process(self, metadata: FileMetadata) -> Iterator:
        path = metadata.path
        owner = sidecar_owner(path)
        if owner is not None and self._openable(owner) and self._openable(path):
            self._counters[SIDECARS_CLAIMED].inc()
            return
        self._files.inc()
        uri = valid_unicode(path)
        ingested_at = dt.datetime.now(dt.timezone.utc)
        try:
            self._check(path)
            if metadata.size_in_bytes > self._max_file_bytes:
                raise RejectedInput(
                    "too_large",
                    f"file has {metadata.size_in_bytes} bytes, over --max_file_bytes="
                    f"{self._max_file_bytes}",
                )
            data = read_limited(path, self._max_file_bytes)
            sidecar, unreadable = self._sidecar(path, ingested_at)
            parsed = parse_file(
                uri, data, ingested_at, sidecar=sidecar, max_bytes=self._max_file_bytes
            )
            if unreadable:
                parsed.notes.append(unreadable)
        except Exception as exc:  # noqa: BLE001 - one bad file never stops the run
            self._counters[FILES_REJECTED].inc()
            yield beam.pvalue.TaggedOutput(ERRORS, error_record(uri, STAGE, exc, ingested_at))
            return
        self._counters[FILES_PARSED].inc()
        for reason, count in parsed.skipped.items():
            Metrics.counter(METRICS_NAMESPACE, f"{RECORDS_SKIPPED}.{reason}").inc(count)
        self._counters[RECORDS_REJECTED].inc(len(parsed.errors))
        self._notes.inc(len(parsed.notes))
        self._articles.inc(len(parsed.articles))
        yield from parsed.articles
        for error in [*parsed.errors, *parsed.notes]:
            yield beam.pvalue.TaggedOutput(ERRORS, error)


def _first_of_duplicates(item: tuple[str, Iterable[Article]]) -> Iterator:
    """Keep one article per id (the smallest source), report the others as duplicates.

    A streaming on-time pane after early firings can be empty: it yields nothing.
    """
    _, group = item
    ordered = sorted(group, key=lambda a: (a.source_uri, a.locator or ""))
    if not ordered:
        return
    kept = ordered[0]
    yield kept
    Metrics.counter(METRICS_NAMESPACE, DUPLICATES).inc(len(ordered) - 1)
    for other in ordered[1:]:
        exc = RejectedInput(DUPLICATE, f"same article as {kept.source_uri}")
        yield beam.pvalue.TaggedOutput(
            ERRORS, error_record(other.source_uri, STAGE, exc, other.ingested_at, other.locator)
        )


class MatchInputs(beam.PTransform):
    """Input patterns -> {files (FileMetadata), errors (patterns matching nothing)}."""

    def __init__(self, patterns: list[str]) -> None:
        super().__init__()
        self._patterns = patterns

    def expand(self, pbegin):
        return (
            pbegin
            | "Patterns" >> beam.Create(self._patterns)
            | "Match" >> beam.ParDo(_MatchInputsFn()).with_outputs(ERRORS, main=FILES)
        )


class ParseFiles(beam.PTransform):
    """Files (FileMetadata) -> {articles, errors}: spread over workers, parsed, deduplicated.

    Shared by the batch source (matched patterns) and the streaming one (notified objects).
    Local files are read only inside `roots` (see `transforms.inputs`).
    """

    def __init__(self, max_file_bytes: int, roots: Sequence[str]) -> None:
        super().__init__()
        self._max_file_bytes = max_file_bytes
        self._roots = list(roots)

    def expand(self, files):
        parsed = (
            files
            | "SpreadFiles" >> beam.Reshuffle()
            | "Parse"
            >> beam.ParDo(_ParseFilesFn(self._max_file_bytes, self._roots)).with_outputs(
                ERRORS, main=ARTICLES
            )
        )
        unique = (
            parsed[ARTICLES]
            | "KeyById" >> beam.Map(lambda a: (a.article_id, a))
            | "GroupById" >> beam.GroupByKey()
            | "DropDuplicates"
            >> beam.FlatMap(_first_of_duplicates).with_outputs(ERRORS, main=ARTICLES)
        )
        errors = (parsed[ERRORS], unique[ERRORS]) | "ParseErrors" >> beam.Flatten()
        return {ARTICLES: unique[ARTICLES], ERRORS: errors}


class ReadArticles(beam.PTransform):
    """Input patterns -> {articles, errors}: the batch source.

    Local files are read inside the patterns' folders and `extra_roots` only.
    """

    def __init__(
        self, patterns: list[str], max_file_bytes: int, extra_roots: Sequence[str] = ()
    ) -> None:
        super().__init__()
        self._patterns = patterns
        self._max_file_bytes = max_file_bytes
        self._roots = [*allowed_roots(patterns), *extra_roots]

    def expand(self, pbegin):
        matched = pbegin | "MatchInputs" >> MatchInputs(self._patterns)
        parsed = matched[FILES] | "ParseFiles" >> ParseFiles(self._max_file_bytes, self._roots)
        errors = (matched[ERRORS], parsed[ERRORS]) | "ReadErrors" >> beam.Flatten()
        return {ARTICLES: parsed[ARTICLES], ERRORS: errors}
