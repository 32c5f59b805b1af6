"""Read stage: input patterns -> one `Article` per input record, or a dead letter.

`parse_file` sniffs each file's compression and format and hands it to its parser in
`newsbeam.transforms.formats` (text with sidecar, HTML, JSON / JSON lines, WARC). Matching,
reading and parsing go through Beam's `FileSystems`, so local paths and gs:// behave
the same. A group by path after matching reads each file once however many patterns
name it, and spreads files over workers (without it every document stays on the worker
that matched them); grouping by article id then
drops duplicate articles and is the fusion break before the NLP stages. A batch run
reads each file twice (see `ReadArticles`); a streaming one once per window (`ParseFiles`).
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

import apache_beam as beam
from apache_beam.io.filesystem import CompressionTypes, FileMetadata
from apache_beam.io.filesystems import FileSystems

from newsbeam.transforms.boilerplate import LINES, publisher_lines
from newsbeam.transforms.deadletter import (
    ARTICLES,
    ERRORS,
    RejectedInput,
    error_record,
    valid_unicode,
)
from newsbeam.transforms.formats import (
    Listing,
    ParsedFile,
    Sidecar,
    allowed_roots,
    check_local_file,
    compression_of,
    inflate,
    inner_name,
    is_local,
    match_inputs,
    parse_html,
    parse_json,
    parse_text,
    parse_warc,
    sidecar_owner,
    sidecar_uri,
    sniff_format,
    title_without_site,
    with_publisher,
)
from newsbeam.transforms.metrics import (
    ARTICLES_READ,
    ARTICLES_REREAD,
    DUPLICATES,
    FILES_MATCHED,
    FILES_PARSED,
    FILES_READ,
    FILES_REJECTED,
    INPUTS_IGNORED,
    INPUTS_REJECTED,
    RECORDS_REJECTED,
    RECORDS_SKIPPED,
    SIDECAR_NOTES,
    SIDECARS_CLAIMED,
    ProgressCounter,
    counter,
    keyed,
)
from newsbeam.transforms.records import Article, ArticleSketch, ErrorRecord

STAGE = "read"
#: Stage of the dead letters of the batch source's second read (see `ReadArticles`).
REREAD = "reread"
FILES = "files"
DUPLICATE = "duplicate"
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
    `newsbeam.transforms.formats.sniff`); one gzip or bzip2 layer is inflated under `max_bytes`.
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
    parsed.articles = [title_without_site(with_publisher(a)) for a in parsed.articles]
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
        self._rejected = counter(INPUTS_REJECTED)

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
            counter(keyed(INPUTS_IGNORED, reason)).inc(count)
        self._rejected.inc(len(listing.rejected))
        for source, problem in listing.rejected:
            yield beam.pvalue.TaggedOutput(ERRORS, error_record(source, STAGE, problem, now))
        yield from listing.files


class _FirstOfPathFn(beam.DoFn):
    """(path, its matches) -> the file once, counted as matched: overlapping patterns
    (`--input in --input 'in/*.txt'`) name a file once per pattern, and reading it each
    time made it a `duplicate` of itself."""

    def __init__(self) -> None:
        self._matched = counter(FILES_MATCHED)

    def process(self, item: tuple[bytes, Iterable[FileMetadata]]) -> Iterator[FileMetadata]:
        self._matched.inc()
        yield next(iter(item[1]))


class _FileParser:
    """Opens and parses one matched file with its sidecar; shared by both reads of a batch
    run. A `NAME.json` next to a `NAME.txt` is that text file's sidecar. A local file
    (sidecar included) is opened only when `check_local_file` accepts it against `roots`.
    """

    def __init__(self, max_file_bytes: int, roots: Sequence[str]) -> None:
        self.max_file_bytes = max_file_bytes
        self._real_roots = [os.path.realpath(root) for root in roots]

    def check(self, path: str) -> None:
        if is_local(path):
            check_local_file(path, self._real_roots)

    def openable(self, path: str) -> bool:
        try:
            self.check(path)
            return FileSystems.exists(path)
        except Exception:  # noqa: BLE001 - a file that fails the checks is not there to use
            return False

    def claimed_sidecar(self, path: str) -> bool:
        """Whether `path` is the sidecar of a text file beside it (read with that file)."""
        owner = sidecar_owner(path)
        return owner is not None and self.openable(owner) and self.openable(path)

    def _sidecar(
        self, path: str, ingested_at: dt.datetime
    ) -> tuple[Sidecar | None, ErrorRecord | None]:
        """The sidecar of `path` if it has one, or a note saying why the one it has cannot
        be read (the article is still read, without the sidecar's metadata)."""
        uri = sidecar_uri(path)
        if uri is None or not self.openable(uri):
            return None, None
        try:
            return Sidecar(valid_unicode(uri), read_limited(uri, self.max_file_bytes)), None
        except Exception as exc:  # noqa: BLE001 - an unreadable sidecar is its own dead letter
            unreadable = RejectedInput("bad_sidecar", f"cannot read sidecar: {exc}")
            return None, error_record(uri, STAGE, unreadable, ingested_at)

    def parse(self, path: str, ingested_at: dt.datetime) -> ParsedFile:
        """The file's articles and per-record dead letters; raises when it is unusable."""
        self.check(path)
        data = read_limited(path, self.max_file_bytes)
        sidecar, unreadable = self._sidecar(path, ingested_at)
        parsed = parse_file(
            valid_unicode(path), data, ingested_at, sidecar=sidecar, max_bytes=self.max_file_bytes
        )
        if unreadable:
            parsed.notes.append(unreadable)
        return parsed


class _FileParserFn(beam.DoFn):
    """A DoFn that reads files with a `_FileParser`, made once per worker in `setup`."""

    def __init__(self, max_file_bytes: int, roots: Sequence[str]) -> None:
        self._max_file_bytes = max_file_bytes
        self._roots = list(roots)
        self._parser: _FileParser | None = None

    def setup(self) -> None:
        self._parser = _FileParser(self._max_file_bytes, self._roots)


class ParseFilesFn(_FileParserFn):
    """File -> its articles, per-record dead letters, and skip counts (a claimed sidecar
    is not parsed as an article of its own: counted as `sidecars_claimed`)."""

    def __init__(self, max_file_bytes: int, roots: Sequence[str]) -> None:
        super().__init__(max_file_bytes, roots)
        self._files = ProgressCounter(FILES_READ)
        self._articles = ProgressCounter(ARTICLES_READ)
        # Claimed sidecars are among the files matched: progress counts them as read.
        self._sidecars = ProgressCounter(SIDECARS_CLAIMED)
        self._counters = {
            name: counter(name) for name in (FILES_REJECTED, FILES_PARSED, RECORDS_REJECTED)
        }
        self._notes = counter(SIDECAR_NOTES)

    def process(self, metadata: FileMetadata) -> Iterator:
        assert self._parser is not None
        path = metadata.path
        if self._parser.claimed_sidecar(path):
            self._sidecars.inc()
            return
        self._files.inc()
        ingested_at = dt.datetime.now(dt.timezone.utc)
        try:
            if metadata.size_in_bytes > self._max_file_bytes:
                raise RejectedInput(
                    "too_large",
                    f"file has {metadata.size_in_bytes} bytes, over --max_file_bytes="
                    f"{self._max_file_bytes}",
                )
            parsed = self._parser.parse(path, ingested_at)
        except Exception as exc:  # noqa: BLE001 - one bad file never stops the run
            self._counters[FILES_REJECTED].inc()
            yield beam.pvalue.TaggedOutput(ERRORS, error_record(path, STAGE, exc, ingested_at))
            return
        self._counters[FILES_PARSED].inc()
        for reason, count in parsed.skipped.items():
            counter(keyed(RECORDS_SKIPPED, reason)).inc(count)
        self._counters[RECORDS_REJECTED].inc(len(parsed.errors))
        self._notes.inc(len(parsed.notes))
        self._articles.inc(len(parsed.articles))
        yield from parsed.articles
        for error in [*parsed.errors, *parsed.notes]:
            yield beam.pvalue.TaggedOutput(ERRORS, error)


def sketch_of(article: Article, path: str) -> ArticleSketch:
    """What the batch read keeps of `article` (read from `path`) until the second read."""
    return ArticleSketch(
        article_id=article.article_id,
        path=path,
        source_uri=article.source_uri,
        locator=article.locator,
        ingested_at=article.ingested_at,
        lines=tuple(publisher_lines(article)),
    )


class _SketchFilesFn(ParseFilesFn):
    """File -> a sketch of each of its articles (and the same dead letters and counts)."""

    def process(self, metadata: FileMetadata) -> Iterator:
        for item in super().process(metadata):
            yield (
                item
                if isinstance(item, beam.pvalue.TaggedOutput)
                else sketch_of(item, metadata.path)
            )


class ReadAgainFn(_FileParserFn):
    """(file key, sketches of its unique articles) -> those articles, parsed again.

    The file's dead letters were written by the first read and are not repeated. An
    article the second read cannot give back as it was (the file was removed, became
    unreadable, or changed under the run) is a dead letter of stage `reread`.
    """

    def process(self, item: tuple[bytes, Iterable[ArticleSketch]]) -> Iterator:
        assert self._parser is not None
        wanted = {sketch.locator: sketch for sketch in item[1]}
        first = next(iter(wanted.values()))
        try:
            articles = self._parser.parse(first.path, first.ingested_at).articles
        except Exception as exc:  # noqa: BLE001 - becomes the dead letter of each article
            problem = RejectedInput("changed", f"the file could not be read again: {exc}")
        else:
            problem = RejectedInput("changed", "the file changed after it was first read")
            for article in articles:
                sketch = wanted.get(article.locator)
                if sketch is not None and sketch.article_id == article.article_id:
                    del wanted[article.locator]
                    yield replace(article, ingested_at=sketch.ingested_at)
        for sketch in wanted.values():
            yield beam.pvalue.TaggedOutput(
                ERRORS,
                error_record(
                    sketch.source_uri, REREAD, problem, sketch.ingested_at, sketch.locator
                ),
            )


def first_of_duplicates(item: tuple[str, Iterable[Article | ArticleSketch]]) -> Iterator:
    """Keep one article (or sketch) per id, the smallest source; report the others as
    duplicates.

    The same record of the same file read twice (a file matched by two patterns, a
    file notified twice in one window) is one article, not a duplicate of itself: the
    extra reads are counted as `articles_reread`, not reported. A streaming on-time
    pane after early firings can be empty: it yields nothing.
    """
    _, group = item
    ordered = sorted(group, key=lambda a: (a.source_uri, a.locator or ""))
    if not ordered:
        return
    kept = ordered[0]
    yield kept
    kept_record = (kept.source_uri, kept.locator)
    others = [a for a in ordered[1:] if (a.source_uri, a.locator) != kept_record]
    if len(others) < len(ordered) - 1:
        ProgressCounter(ARTICLES_REREAD).inc(len(ordered) - 1 - len(others))
    counter(DUPLICATES).inc(len(others))
    for other in others:
        exc = RejectedInput(DUPLICATE, f"same article as {kept.source_uri}")
        yield beam.pvalue.TaggedOutput(
            ERRORS, error_record(other.source_uri, STAGE, exc, other.ingested_at, other.locator)
        )


class MatchInputs(beam.PTransform):
    """Input patterns -> {files (FileMetadata, each path once), errors (patterns matching
    nothing)}.

    The group by path that makes each file one is also what spreads the files over
    workers (it stands for a reshuffle: without one every file stays on the worker that
    matched it).
    """

    def __init__(self, patterns: list[str]) -> None:
        super().__init__()
        self._patterns = patterns

    def expand(self, pbegin):
        matched = (
            pbegin
            | "Patterns" >> beam.Create(self._patterns)
            | "Match" >> beam.ParDo(_MatchInputsFn()).with_outputs(ERRORS, main=FILES)
        )
        files = (
            matched[FILES]
            # Bytes: a path may hold lone surrogates (undecodable names), which a str key refuses.
            | "KeyByPath" >> beam.Map(lambda m: (m.path.encode("utf-8", "surrogatepass"), m))
            | "GroupByPath" >> beam.GroupByKey()
            | "OnePerPath" >> beam.ParDo(_FirstOfPathFn())
        )
        return {FILES: files, ERRORS: matched[ERRORS]}


class DropDuplicates(beam.PTransform):
    """Articles or sketches -> {articles: one per article id, errors: the duplicates}.

    The group by id is also the fusion break between reading and the NLP stages.
    """

    def expand(self, items):
        return (
            items
            | "KeyById" >> beam.Map(lambda a: (a.article_id, a))
            | "GroupById" >> beam.GroupByKey()
            | "FirstOfEach" >> beam.FlatMap(first_of_duplicates).with_outputs(ERRORS, main=ARTICLES)
        )


class ParseFiles(beam.PTransform):
    """Files (FileMetadata) -> {articles, lines, errors}: spread over workers, parsed,
    deduplicated; `lines` are the articles' `publisher_lines`.

    The streaming source's one read: a window's articles are held until its pane fires,
    which bounds them. Local files are read only inside `roots` (see
    `newsbeam.transforms.formats.inputs`).
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
            >> beam.ParDo(ParseFilesFn(self._max_file_bytes, self._roots)).with_outputs(
                ERRORS, main=ARTICLES
            )
        )
        unique = parsed[ARTICLES] | "DropDuplicates" >> DropDuplicates()
        lines = unique[ARTICLES] | "CandidateLines" >> beam.FlatMap(publisher_lines)
        errors = (parsed[ERRORS], unique[ERRORS]) | "ParseErrors" >> beam.Flatten()
        return {ARTICLES: unique[ARTICLES], LINES: lines, ERRORS: errors}


class ReadArticles(beam.PTransform):
    """Input patterns -> {articles, lines, errors}: the batch source, reading each file twice.

    The first read keeps an `ArticleSketch` per article: enough to drop duplicates and
    learn boilerplate (`lines`). The unique sketches, grouped by file, are read again
    into the articles. So what waits for the whole input is a few hundred bytes per
    article, not the article, and a local run's memory no longer grows with the corpus
    (it did by about 25 KB per article: the runner holds a stage's whole input, encoded,
    and the worker a second copy). The price is a second read and parse of each file,
    cheap next to the NLP. Local files are read inside the patterns' folders and
    `extra_roots` only.
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
        sketched = matched[FILES] | "Sketch" >> beam.ParDo(
            _SketchFilesFn(self._max_file_bytes, self._roots)
        ).with_outputs(ERRORS, main=ARTICLES)
        unique = sketched[ARTICLES] | "DropDuplicates" >> DropDuplicates()
        lines = unique[ARTICLES] | "CandidateLines" >> beam.FlatMap(lambda s: s.lines)
        read_again = (
            unique[ARTICLES]
            # Bytes: a path may hold lone surrogates (undecodable names), which a str key refuses.
            | "KeyByFile" >> beam.Map(lambda s: (s.path.encode("utf-8", "surrogatepass"), s))
            | "GroupByFile" >> beam.GroupByKey()
            | "ReadAgain"
            >> beam.ParDo(ReadAgainFn(self._max_file_bytes, self._roots)).with_outputs(
                ERRORS, main=ARTICLES
            )
        )
        errors = (
            matched[ERRORS],
            sketched[ERRORS],
            unique[ERRORS],
            read_again[ERRORS],
        ) | "ReadErrors" >> beam.Flatten()
        return {ARTICLES: read_again[ARTICLES], LINES: lines, ERRORS: errors}
