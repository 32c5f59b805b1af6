"""The `newsbeam` command: run the pipeline, query its output, evaluate its stages.

    newsbeam run [--input GLOB ...] [--output DIR] [Beam options]
    newsbeam run --streaming --input_subscription projects/P/subscriptions/S [--output DIR]
    newsbeam query [--output DIR] [--format table|csv|json|markdown] [--limit N] [SQL]
    newsbeam report [--output DIR] [--html FILE] [--since DATE] [--until DATE] [--topic SLUG]
    newsbeam eval {quotes,entities,topics,pages} ...
    newsbeam train-topics --data LABELED.jsonl --output PATH
    newsbeam train-topics --shipped
    newsbeam watch DIR --topic projects/P/topics/T
    newsbeam repair --output DIR
    newsbeam compact --output DIR [--target_mb 128] [--leftover_hours 24]

Exit status of `run`: 0 when the run finished (bad inputs are recorded in the errors
table) or a `--dry_run=True` translated the job, 2 for bad options (inputs that name
no file at all included), missing Google
credentials, a missing bucket, an --output that cannot be listed, written and deleted
in (checked before the run, except on dry runs) or one in use by another run, 1 when
the run itself failed, 3 with `--fail_on_errors` when any input ended in errors.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from contextlib import AbstractContextManager, nullcontext

#: Commands implemented in their own modules (add_arguments/run): name -> (module, help).
MODULE_COMMANDS = {
    "train-topics": ("newsbeam.train_topics", "train a spaCy topic classifier on your labels"),
    "report": ("newsbeam.report.command", "write a self-contained HTML report of the output"),
    "watch": ("newsbeam.watch", "publish a notification for each new file in a folder"),
    "repair": ("newsbeam.repair", "finish or clean up what a killed run left in an output"),
    "compact": ("newsbeam.compact", "merge each partition's small files into larger ones"),
}
EVAL_STAGES = {
    "quotes": "newsbeam.evaluation.quotes",
    "entities": "newsbeam.evaluation.entities",
    "topics": "newsbeam.evaluation.topics",
    "pages": "newsbeam.evaluation.extraction",
}

#: Below this much input, extra worker processes cost more (start-up, model load) than they save.
MULTIPROCESS_MIN_BYTES = 256 * 1024

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INPUT_ERRORS = 0, 1, 2, 3

USAGE = (__doc__ or "").split("\n\n")[
    1
].rstrip() + "\n\n'newsbeam COMMAND --help' describes a command."


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command, rest = (argv[0], argv[1:]) if argv else (None, [])
    if command == "run":
        return run_command(rest)
    if command == "query":
        parser = OneLineParser(prog="newsbeam query", description="Query the output with DuckDB.")
        from newsbeam.query import FORMATS, TABLE_ROWS

        parser.add_argument("--output", default="out", help="output folder of a run (default: out)")
        parser.add_argument(
            "--format",
            choices=FORMATS,
            default="table",
            help="how to print the result (default: table)",
        )
        parser.add_argument(
            "--limit",
            type=_non_negative,
            default=None,
            help=f"rows to print at most, 0 for all (default: {TABLE_ROWS} in a table, "
            "all in the other formats)",
        )
        parser.add_argument("sql", nargs="?", help="SQL over articles, entities, quotes, errors")
        return query_command(parser.parse_args(rest))
    if command == "eval" and rest and rest[0] in EVAL_STAGES:
        return _module_command(f"newsbeam eval {rest[0]}", EVAL_STAGES[rest[0]], rest[1:])
    if command in MODULE_COMMANDS:
        return _module_command(f"newsbeam {command}", MODULE_COMMANDS[command][0], rest)
    if command in ("-h", "--help"):
        print(USAGE)
        return EXIT_OK
    if command is None:
        print(USAGE, file=sys.stderr)
    elif command == "eval":
        stages = ", ".join(EVAL_STAGES)
        print(f"newsbeam eval: name a stage to evaluate ({stages})", file=sys.stderr)
    else:
        print(
            f"newsbeam: unknown command {command!r}; 'newsbeam --help' lists them", file=sys.stderr
        )
    return EXIT_USAGE


class OneLineParser(argparse.ArgumentParser):
    """An argument error is one line (argparse would print the whole usage first)."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: {message}; '{self.prog} --help' lists the options\n")


def _module_command(prog: str, module_name: str, argv: list[str]) -> int:
    """Run a command whose arguments and code live in `module_name` (imported only now)."""
    module = importlib.import_module(module_name)
    parser = OneLineParser(prog=prog, description=(module.__doc__ or "").strip())
    module.add_arguments(parser)
    return module.run(parser.parse_args(argv))


def run_command(argv: list[str]) -> int:
    from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions, TestOptions

    from newsbeam.options import NewsbeamOptions

    cli = argparse.ArgumentParser(prog="newsbeam run", add_help=False)
    cli.add_argument("-h", "--help", action="store_true")
    cli.add_argument("--quiet", action="store_true", help="no progress and summary output")
    cli.add_argument(
        "--fail_on_errors",
        action="store_true",
        help="exit with status 3 when any input ended in the errors table",
    )
    cli.add_argument("--verbose", action="store_true", help="show Beam's own log messages")
    cli.add_argument(
        "--wait_for_lock",
        action="store_true",
        help="when another run is writing into --output, wait for it to end instead of "
        "refusing to start",
    )
    args, beam_args = cli.parse_known_args(argv)
    if args.help:
        _print_run_help(cli, NewsbeamOptions)
        return EXIT_OK
    quiet_logging(args.verbose)

    try:
        options = PipelineOptions(beam_args)
        _reject_unknown(options)
        dry_run = bool(options.view_as(TestOptions).dry_run)
        if not dry_run:
            # Before anything reaches Google Cloud (listing gs:// inputs, Beam's own checks
            # of the Dataflow options while the graph is built): credentials and buckets.
            from newsbeam.preflight import check

            check(options)
        local_files = _local_defaults(options, beam_args)
        from newsbeam.build import build_pipeline

        pipeline = build_pipeline(options)
    except ValueError as exc:  # bad options, and PreflightError
        print(f"newsbeam run: {exc}", file=sys.stderr)
        return EXIT_USAGE
    nb = options.view_as(NewsbeamOptions)
    if dry_run:
        return _dry_run(pipeline, options, args.quiet)
    from newsbeam.transforms.dataset import LockHeld, storage

    try:
        storage.check_output(nb.output)
    except Exception as exc:  # noqa: BLE001 - any reason the output is unusable stops the run
        print(f"newsbeam run: cannot use --output {nb.output}: {_first_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    from newsbeam.options import write_mode_of
    from newsbeam.output_lock import held_output

    commits = not options.view_as(StandardOptions).streaming and write_mode_of(options) != "append"
    try:
        with held_output(nb.output, nb.run_id, commits, args.wait_for_lock, args.quiet):
            return _run_pipeline(pipeline, options, args, local_files)
    except LockHeld as exc:
        print(f"newsbeam run: {exc}; wait for it to end or pass --wait_for_lock", file=sys.stderr)
        return EXIT_USAGE


def _run_pipeline(pipeline, options, args: argparse.Namespace, local_files: int | None) -> int:
    """Run the built pipeline, then print its summary; on failure remove the run's own
    staged files (they would fill the disk for nothing) and say why in one line."""
    from newsbeam.local_runner import is_local_streaming, wait_until_stopped
    from newsbeam.options import NewsbeamOptions
    from newsbeam.transforms.dataset import abandon, objects

    nb = options.view_as(NewsbeamOptions)
    local_streaming = is_local_streaming(options)
    try:
        with progress_display(args.quiet, options, local_files):
            result = pipeline.run()
            if local_streaming:
                if not args.quiet:
                    note = f"newsbeam run: streaming into {nb.output}; Ctrl-C stops"
                    print(note, file=sys.stderr)
                wait_until_stopped(result)
            else:
                result.wait_until_finish()
    except Exception as exc:  # noqa: BLE001 - the run itself failed: say why, in one line
        reason = _first_line(exc)
        if objects.is_disk_full(exc):
            reason = f"no space left on device under {nb.output}"
        try:
            removed = abandon(nb.output, nb.run_id)
        except Exception:  # noqa: BLE001 - the failure above is the news
            removed = 0
        note = f" (its {removed} staged file(s) were removed)" if removed else ""
        print(f"newsbeam run: the run failed: {reason}{note}", file=sys.stderr)
        return EXIT_FAILED
    if local_streaming:
        # Beam's local streaming runner keeps only each step's first bundle in its metrics,
        # so a summary from them would undercount: point at the rows instead.
        if not args.quiet:
            print(f"stopped; query the rows with: newsbeam query --output {nb.output}")
        return EXIT_OK
    from newsbeam.summary import render_summary
    from newsbeam.transforms.metrics import ERRORS_WRITTEN

    values = _counters_or_empty(result)
    if not args.quiet:
        print(render_summary(values, nb.output))
    if args.fail_on_errors and values.get(ERRORS_WRITTEN, 0):
        return EXIT_INPUT_ERRORS
    return EXIT_OK


def _dry_run(pipeline, options, quiet: bool) -> int:
    """`--dry_run=True`: translate the job (Dataflow) or only build it (other runners), offline.

    Nothing is probed, submitted or run, so there is no summary to print: a summary of
    zeros would describe a run that did not happen.
    """
    from apache_beam.options.pipeline_options import DebugOptions

    from newsbeam.preflight import is_dataflow

    # Nothing is staged, so Beam need not run `pip freeze` to record this environment
    # for the job (a few seconds, more on a busy machine).
    options.view_as(DebugOptions).add_experiment("disable_logging_submission_environment")
    try:
        if is_dataflow(options):
            pipeline.run()  # DataflowRunner stops right before submitting
    except Exception as exc:  # noqa: BLE001 - a job that does not translate: say why, in one line
        print(f"newsbeam run: the dry run failed: {_first_line(exc)}", file=sys.stderr)
        return EXIT_FAILED
    if not quiet:
        what = "translated into a Dataflow job" if is_dataflow(options) else "built"
        print(f"dry run: the pipeline was {what}; nothing was submitted or run")
    return EXIT_OK


def quiet_logging(verbose: bool) -> None:
    """Log warnings (everything with `--verbose`); without it, as one line each and
    never a traceback: Beam logs a failed bundle's whole stack, often more than once."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING)
    if verbose:
        return
    # Worker processes forward their start-up warnings (options they do not know, no
    # staging folder) through this logger on every multi-process run: noise, not news.
    logging.getLogger("apache_beam.runners.portability.local_job_service").setLevel(logging.ERROR)
    # A failed bundle is logged here before the run fails; the CLI's own line says why.
    logging.getLogger("apache_beam.runners.common").setLevel(logging.CRITICAL)
    for handler in logging.getLogger().handlers:
        handler.addFilter(_one_line)


def _one_line(record: logging.LogRecord) -> bool:
    """Cut a log record to its first line, without its traceback."""
    message = record.getMessage()
    record.msg, record.args = message.strip().splitlines()[0] if message.strip() else "", None
    record.exc_info, record.exc_text, record.stack_info = None, None, None
    return True


def _counters_or_empty(result) -> dict[str, int]:
    from newsbeam.summary import counters

    try:
        return counters(result)
    except Exception:  # noqa: BLE001 - some runners (Dataflow templates) report no metrics
        return {}


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[-1] if len(text) > 300 else " ".join(text.split())


def _print_run_help(cli: argparse.ArgumentParser, options_class) -> None:
    parser = argparse.ArgumentParser(
        prog="newsbeam run",
        description="Run the newsbeam pipeline. Any Apache Beam option passes through "
        "(--runner, --direct_num_workers, --direct_running_mode, Dataflow options).",
    )
    for action in cli._actions:
        if action.dest != "help":
            parser._add_action(action)
    options_class._add_argparse_args(parser)
    parser.print_help()


def _reject_unknown(options) -> None:
    """Beam drops options it does not know with a warning; a typo should be an error
    instead, and the only line the user sees (so Beam's warning is not logged)."""
    beam_options = logging.getLogger("apache_beam.options.pipeline_options")
    level = beam_options.level
    beam_options.setLevel(logging.ERROR)
    try:
        known = options.get_all_options()
        everything = options.get_all_options(retain_unknown_options=True)
    finally:
        beam_options.setLevel(level)
    unknown = sorted(set(everything) - set(known))
    if unknown:
        raise ValueError("unknown option(s): " + ", ".join(f"--{name}" for name in unknown))


def _local_defaults(options, beam_args: list[str]) -> int | None:
    """Local runs: no Prism download attempt, and every core on inputs large enough to pay.

    Returns the number of input files of a local batch run (None for other runs), matched
    here once for both the worker decision and the progress line.
    """
    from apache_beam.options.pipeline_options import DirectOptions, StandardOptions

    from newsbeam.local_runner import RUNNER_PATH
    from newsbeam.options import inputs_of

    standard = options.view_as(StandardOptions)
    if standard.runner is None:
        standard.runner = RUNNER_PATH
    if standard.runner != RUNNER_PATH or standard.streaming:
        return None
    sizes = _input_sizes(inputs_of(options))
    chosen = any(a.startswith(("--direct_num_workers", "--direct_running_mode")) for a in beam_args)
    cores = os.cpu_count() or 1
    if not chosen and cores > 1 and sum(sizes) >= MULTIPROCESS_MIN_BYTES:
        direct = options.view_as(DirectOptions)
        direct.direct_num_workers = cores
        direct.direct_running_mode = "multi_processing"
    return len(sizes)


def _input_sizes(patterns: list[str]) -> list[int]:
    """Sizes in bytes of the input files the read stage will find (each once, however
    many patterns name it).

    Raises ValueError when the patterns together name nothing at all (no file, not even
    a hidden or unreadable one): a run would only record that; a pattern of several
    that matches nothing is an error row of a run that goes on.
    """
    from newsbeam.transforms.formats import match_inputs

    sizes: dict[str, int] = {}
    named_anything = False
    for pattern in patterns:
        try:
            listing = match_inputs(pattern)
        except Exception:  # noqa: BLE001 - the pipeline reports unreadable patterns itself
            named_anything = True
            continue
        named_anything |= bool(listing.files or listing.rejected or listing.ignored)
        sizes.update((m.path, m.size_in_bytes) for m in listing.files)
    if not named_anything:
        shown = " or ".join(patterns)
        raise ValueError(f"no file matches --input {shown}: nothing to read")
    return list(sizes.values())


def progress_display(quiet: bool, options, local_files: int | None) -> AbstractContextManager:
    """Progress lines on stderr during a local run; nothing on other runners or with --quiet."""
    from apache_beam.options.pipeline_options import StandardOptions

    from newsbeam.local_runner import RUNNER_PATH

    if quiet or options.view_as(StandardOptions).runner != RUNNER_PATH:
        return nullcontext()
    from newsbeam.progress import local_progress

    return local_progress(local_files)


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is below 0")
    return value


def query_command(args: argparse.Namespace) -> int:
    from newsbeam.query import connect, render_as, summary

    try:
        con = connect(args.output)
        if args.sql:
            print(render_as(con.sql(args.sql), args.format, args.limit))
        else:
            print(summary(con))
    except duckdb_errors() as exc:
        # The user's SQL: DuckDB's whole message (a parser error's caret line, the
        # candidates it suggests), not just its last line.
        print(f"newsbeam query: {str(exc).strip()}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # noqa: BLE001 - an unreadable output: one line
        print(f"newsbeam query: {_first_line(exc)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def duckdb_errors() -> type[Exception]:
    import duckdb

    return duckdb.Error


if __name__ == "__main__":
    sys.exit(main())
