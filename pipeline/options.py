"""newsbeam's pipeline options, declared once and validated before anything runs.

Everything a user can set lives here as a Beam `PipelineOptions` subclass, so the
same flags work on the CLI, in tests, on Dataflow and in the Flex Template metadata.
"""

from __future__ import annotations

import os

from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

from newsbeam.pubsub_paths import is_subscription_path
from newsbeam.transforms.annotate import MAX_CHARS as MAX_ARTICLE_CHARS
from newsbeam.transforms.dataset import is_run_id
from newsbeam.transforms.formats import escape, has_wildcard, pattern_root
from newsbeam.transforms.nlp import DEFAULT_BATCH_SIZE, DEFAULT_MODEL

DEFAULT_INPUTS = ("seeds/articles",)
DEFAULT_OUTPUT = "out"
WRITE_MODES = ("upsert", "replace", "append")
DEFAULT_BOILERPLATE_MIN_ARTICLES = 5
DEFAULT_BOILERPLATE_MIN_SHARE = 0.2
#: Streaming: how long a notified file version is remembered (seconds). Redeliveries
#: come within minutes, a restarted `newsbeam watch` within the day.
DEFAULT_DEDUPE_SECONDS = 24 * 3600


class NewsbeamOptions(PipelineOptions):
    """Options of the newsbeam pipeline (Beam's own options pass through unchanged)."""

    @classmethod
    def _add_argparse_args(cls, parser) -> None:
        parser.add_argument(
            "--input",
            dest="inputs",
            action="append",
            default=None,
            help="File, folder or glob to read (local path or gs://); repeat for several. "
            "A folder means every file below it. Default: seeds/articles",
        )
        parser.add_argument(
            "--output",
            default=DEFAULT_OUTPUT,
            help="Folder (local or gs://) that receives the articles, entities, quotes and "
            "errors tables. Default: out",
        )
        parser.add_argument(
            "--write_mode",
            default=None,
            choices=WRITE_MODES,
            help="upsert (batch default): an input file read again replaces the rows it gave "
            "before, an article written again its earlier rows; "
            "replace: the run's output replaces the whole dataset; append: only add files "
            "(streaming always appends).",
        )
        parser.add_argument(
            "--run_id",
            default=None,
            help="Id of this run (default: made up at start, e.g. 20261127T120000-1a2b3c4d): "
            "it names the run's staged files and its hold on the output's lock.",
        )
        parser.add_argument(
            "--input_subscription",
            default=None,
            help="Streaming source (with --streaming): Pub/Sub subscription "
            "projects/P/subscriptions/S receiving GCS object notifications (or messages "
            "naming a file, see `newsbeam watch`); each notified file is read like an --input.",
        )
        parser.add_argument(
            "--allowed_roots",
            action="append",
            default=None,
            help="Local folder files may be read from besides the --input folders (repeat "
            "for several). Streaming: the only folders notifications may name (e.g. the "
            "folder of `newsbeam watch`); batch: where symlinks in the inputs may lead. "
            "Any other local file is rejected into errors, so no input or message makes the "
            "job read a file nobody gave it. gs:// objects are always read. Default: none",
        )
        parser.add_argument(
            "--window_seconds",
            type=int,
            default=60,
            help="Streaming: length of the fixed windows; each window's rows are written at most "
            "about one window after they arrive, into files named after the window. Default: 60",
        )
        parser.add_argument(
            "--dedupe_seconds",
            type=int,
            default=DEFAULT_DEDUPE_SECONDS,
            help="Streaming: how long a notified file version (an object's generation, a "
            "local file's content) is remembered; a notice of the same version within it "
            "(a redelivery, a restarted `newsbeam watch`, a touched file) is not read "
            f"again. Default: {DEFAULT_DEDUPE_SECONDS} (a day)",
        )
        parser.add_argument(
            "--spacy_model",
            default=DEFAULT_MODEL,
            help=f"Installed spaCy pipeline used for parsing and NER. Default: {DEFAULT_MODEL}",
        )
        parser.add_argument(
            "--nlp_batch_size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help="Articles handed to spaCy's nlp.pipe at once (memory grows with it). "
            f"Default: {DEFAULT_BATCH_SIZE}",
        )
        parser.add_argument(
            "--topic_model",
            default=None,
            help="Path of a spaCy text classifier (see `newsbeam train-topics`) used instead of "
            "the built-in IPTC Media Topics classifier.",
        )
        parser.add_argument(
            "--topic_threshold",
            type=float,
            default=None,
            help="Minimum score of the best topic; below it the article's topic is 'other'.",
        )
        parser.add_argument(
            "--max_file_bytes",
            type=int,
            default=20 * 1024 * 1024,
            help="Inputs larger than this (bytes, after decompression) are rejected into errors. "
            "Default: 20 MB",
        )
        parser.add_argument(
            "--boilerplate_min_articles",
            type=int,
            default=DEFAULT_BOILERPLATE_MIN_ARTICLES,
            help="A line repeated in at least this many articles of one publisher in the run "
            "(or window, when streaming), and in --boilerplate_min_share of them, is removed "
            f"as that publisher's boilerplate. At least 2. Default: "
            f"{DEFAULT_BOILERPLATE_MIN_ARTICLES}",
        )
        parser.add_argument(
            "--boilerplate_min_share",
            type=float,
            default=DEFAULT_BOILERPLATE_MIN_SHARE,
            help="Share (0-1] of a publisher's articles in the run a line must appear in to "
            f"be learned as boilerplate. Default: {DEFAULT_BOILERPLATE_MIN_SHARE}",
        )
        parser.add_argument(
            "--max_article_chars",
            type=int,
            default=MAX_ARTICLE_CHARS,
            help="Articles whose cleaned text is longer are rejected into errors instead of "
            "being parsed. Default: 300000",
        )


def inputs_of(options: PipelineOptions) -> list[str]:
    """The input patterns, folders expanded to every file below them."""
    return [_as_pattern(p) for p in (options.view_as(NewsbeamOptions).inputs or DEFAULT_INPUTS)]


def _as_pattern(path: str) -> str:
    """Local paths made absolute (stable source URIs whatever the working folder); a folder
    becomes `folder/**`. A local path that exists is literal: its `[`, `*`, `?` are
    escaped, so a folder called `in[1]` is read, not taken for a pattern naming `in1`."""
    remote = "://" in path
    if not remote:
        folder = path.endswith("/")
        path = os.path.abspath(path)
        if os.path.lexists(path):
            literal = escape(path)
            return literal + "/**" if os.path.isdir(path) else literal
        path += "/" if folder else ""
    if has_wildcard(path):
        return path
    if path.endswith("/"):
        return path.rstrip("/") + "/**"
    return path


def allowed_roots_of(options: PipelineOptions) -> list[str]:
    """The --allowed_roots, as absolute paths."""
    return [os.path.abspath(p) for p in options.view_as(NewsbeamOptions).allowed_roots or []]


def write_mode_of(options: PipelineOptions) -> str:
    """The write mode in force: as given, else append for streaming and upsert for batch."""
    chosen = options.view_as(NewsbeamOptions).write_mode
    return chosen or ("append" if options.view_as(StandardOptions).streaming else "upsert")


def validate(options: PipelineOptions) -> None:
    """Raise ValueError naming every bad option, before the graph is built."""
    nb = options.view_as(NewsbeamOptions)
    problems = []
    if not nb.output:
        problems.append("--output must not be empty")
    if nb.nlp_batch_size < 1:
        problems.append("--nlp_batch_size must be at least 1")
    if nb.max_file_bytes < 1:
        problems.append("--max_file_bytes must be positive")
    if nb.max_article_chars < 1:
        problems.append("--max_article_chars must be positive")
    if nb.boilerplate_min_articles < 2:
        problems.append("--boilerplate_min_articles must be at least 2")
    if not 0.0 < nb.boilerplate_min_share <= 1.0:
        problems.append("--boilerplate_min_share must be in (0, 1]")
    if nb.topic_threshold is not None and not 0.0 <= nb.topic_threshold <= 1.0:
        problems.append("--topic_threshold must be between 0 and 1")
    if nb.run_id is not None and not is_run_id(nb.run_id):
        problems.append("--run_id must look like 20261127T120000-1a2b3c4d (UTC time, 8 hex)")
    problems.extend(
        f"--allowed_roots takes local folders, not {root}"
        for root in nb.allowed_roots or []
        if "://" in root
    )
    problems.extend(_streaming_problems(options))
    if problems:
        raise ValueError("; ".join(problems))


def _streaming_problems(options: PipelineOptions) -> list[str]:
    """A streaming job reads a subscription and only appends; a batch job reads --input."""
    nb = options.view_as(NewsbeamOptions)
    if not options.view_as(StandardOptions).streaming:
        if nb.input_subscription:
            return ["--input_subscription needs --streaming"]
        return _output_problems(options)
    problems = []
    if not nb.input_subscription:
        problems.append("--streaming needs --input_subscription projects/P/subscriptions/S")
    elif not is_subscription_path(nb.input_subscription):
        problems.append(
            f"--input_subscription {nb.input_subscription!r} is not a subscription path "
            "projects/P/subscriptions/S"
        )
    if nb.inputs:
        problems.append("--input cannot be used with --streaming (files come from notifications)")
    if nb.write_mode not in (None, "append"):
        problems.append(
            f"--write_mode={nb.write_mode} cannot be used with --streaming (streaming appends)"
        )
    if nb.window_seconds < 1:
        problems.append("--window_seconds must be at least 1")
    if nb.dedupe_seconds < 1:
        problems.append("--dedupe_seconds must be at least 1")
    return problems


def output_of(options: PipelineOptions) -> str:
    """--output, a local path made absolute: the files of a run are named by Beam's
    `FileSystems.join`, which makes local paths absolute, and the commit finds them
    below this path (with `--output out` it did not, and every batch run failed)."""
    return absolute_output(options.view_as(NewsbeamOptions).output)


def absolute_output(output: str) -> str:
    """An output folder or URI as the dataset library names its files: a local path made
    absolute (Beam's filesystem calls do so), a URI as it is."""
    return output if "://" in output else os.path.abspath(output)


def _output_problems(options: PipelineOptions) -> list[str]:
    """An --output inside an --input folder would be read back as input by the next run
    (literal paths compared: the input's folder before any wildcard)."""
    if not options.view_as(NewsbeamOptions).output:
        return []
    output = output_of(options)
    problems = []
    for pattern in inputs_of(options):
        folder = pattern_root(pattern).rstrip("/")
        if folder and (output == folder or output.startswith(folder + "/")):
            problems.append(
                f"--output {output} is inside the input {pattern}: the next run would read "
                "its own output"
            )
    return problems
