"""Progress of local runs: counting across processes, the estimate, the printed lines, the CLI."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from contextlib import nullcontext

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions

from newsbeam.cli import progress_display
from newsbeam.progress import Progress, ProgressPrinter, estimate, local_progress, render
from newsbeam.transforms import metrics
from newsbeam.transforms.metrics import read_progress
from tests.conftest import REPO, SEED, local_test_pipeline


def test_estimate_scales_the_articles_to_expect_while_files_are_read():
    counts = {
        "files_read": 5,
        "articles_read": 10,
        "articles_processed": 3,
        "articles_failed": 1,
        "articles_rows_written": 0,
    }
    p = estimate(counts, files_total=10, elapsed=20.0, first_done=(10.0, 2))
    # 10 articles from half the files -> 20 expected; 2 done in the 10 s since the first ones
    assert (p.articles_done, p.articles_total, p.articles_failed) == (4, 20, 1)
    assert p.rate == 0.2
    assert p.left == 80.0


def test_estimate_without_a_total_or_a_rate_says_so():
    p = estimate({"files_read": 3}, files_total=None, elapsed=4.0, first_done=None)
    assert (p.articles_total, p.rate, p.left) == (None, None, None)
    assert render(p) == (
        "newsbeam: 3 files read | 0 articles done | 0 written | - articles/s | "
        "0:04 elapsed | time left unknown"
    )


def test_render_one_line():
    p = Progress(
        files_read=120,
        files_total=120,
        articles_done=35,
        articles_total=118,
        articles_failed=2,
        articles_written=0,
        elapsed=3725.0,
        rate=1.94,
        left=42.6,
    )
    assert render(p) == (
        "newsbeam: 120/120 files read | 35/118 articles done (2 failed) | 0 written | "
        "1.9 articles/s | 1:02:05 elapsed | about 0:43 left"
    )


def test_counts_of_every_process_are_summed(tmp_path):
    (tmp_path / "101.json").write_text(json.dumps({"files_read": 2, "articles_read": 3}))
    (tmp_path / "102.json").write_text(json.dumps({"files_read": 1}))
    (tmp_path / "103.json.tmp").write_text("{half a fi")
    assert read_progress(str(tmp_path)) == {"files_read": 3, "articles_read": 3}
    assert read_progress(str(tmp_path / "gone")) == {}


def test_counters_are_plain_beam_counters_without_a_progress_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(metrics.PROGRESS_DIR_VARIABLE, raising=False)
    metrics.reset_progress_tally()
    metrics.ProgressCounter("files_read").inc()
    assert metrics.process_tally() is None


def test_pipeline_counts_reach_the_folder_and_the_folder_goes_away():
    stream = io.StringIO()
    with local_progress(files_total=2, stream=stream) as folder:
        assert os.environ[metrics.PROGRESS_DIR_VARIABLE] == folder
        with local_test_pipeline() as p:
            _ = (
                p
                | beam.Create(["a", "b", "c"])
                | metrics.CountElements("articles_processed", lambda x: x != "b")
            )
        metrics.reset_progress_tally()
        assert read_progress(folder) == {"articles_processed": 2}
    assert not os.path.exists(folder)
    assert metrics.PROGRESS_DIR_VARIABLE not in os.environ
    (line,) = stream.getvalue().splitlines()
    assert line.startswith("newsbeam: 0/2 files read | 2 articles done | 0 written | ")
    assert line.endswith(" elapsed | time left unknown")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_terminal_line_is_redrawn_in_place_and_ended_once(tmp_path):
    times = iter([0.0, 2.0, 12.0])
    stream = _Terminal()
    printer = ProgressPrinter(str(tmp_path), 4, stream, clock=lambda: next(times))
    (tmp_path / "1.json").write_text(json.dumps({"files_read": 4, "articles_read": 40}))
    printer.print_line()
    (tmp_path / "1.json").write_text(
        json.dumps({"files_read": 4, "articles_read": 40, "articles_processed": 1})
    )
    printer.print_line(final=True)
    first, second = stream.getvalue().split("\r")[1:]
    assert first.startswith("newsbeam: 4/4 files read | 0/40 articles done")
    assert second.startswith("newsbeam: 4/4 files read | 1/40 articles done")
    assert second.endswith("0:12 elapsed | time left unknown\n")
    assert len(second.rstrip("\n")) >= len(first)  # a shorter line would leave old characters


def test_rate_and_estimate_from_the_first_articles_parsed(tmp_path):
    """Parsing seen to begin between 2 s and 4 s (the model is loaded): at 3 s; two
    articles done at 5 s: a
    rate and a time left right away, not after a second batch; a claimed sidecar is a
    file read, so the 3 files matched (2 articles and a sidecar) are all read."""
    times = iter([0.0, 2.0, 4.0, 5.0, 6.0])
    stream = io.StringIO()
    printer = ProgressPrinter(str(tmp_path), 3, stream, clock=lambda: next(times))
    read = {"files_read": 2, "sidecars_claimed": 1, "articles_read": 10}
    (tmp_path / "1.json").write_text(json.dumps(read))
    printer.observe()  # 2 s: nothing parsing yet
    (tmp_path / "1.json").write_text(json.dumps({**read, "articles_parsing": 10}))
    printer.observe()  # 4 s: parsing began
    (tmp_path / "1.json").write_text(
        json.dumps({**read, "articles_parsing": 10, "articles_processed": 2})
    )
    printer.print_line()  # 5 s: 2 done in 2 s -> 1 article/s, 8 left -> 8 s
    printer.print_line(final=True)  # 6 s: 2 done in 3 s
    first, last = stream.getvalue().splitlines()
    assert first == (
        "newsbeam: 3/3 files read | 2/10 articles done | 0 written | 1.0 articles/s | "
        "0:05 elapsed | about 0:08 left"
    )
    assert " 0.7 articles/s | 0:06 elapsed | about 0:12 left" in last


def test_no_progress_when_quiet_or_not_on_the_local_runner():
    local = PipelineOptions(["--runner", "newsbeam.local_runner.LocalRunner"])
    remote = PipelineOptions(["--runner", "DataflowRunner"])
    assert isinstance(progress_display(True, local, 3), nullcontext)
    assert isinstance(progress_display(False, remote, None), nullcontext)
    assert not isinstance(progress_display(False, local, 3), nullcontext)


def test_cli_progress_from_two_worker_processes(tmp_path):
    """A duplicate is a failed article, an empty file is no article: 2 of 2 articles done."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_bytes(SEED.read_bytes())
    (inputs / "b.txt").write_bytes(SEED.read_bytes())
    (inputs / "empty.txt").write_bytes(b"")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "newsbeam.cli", "run", "--input", str(inputs)]
        + ["--output", str(tmp_path / "out")]
        + ["--direct_running_mode=multi_processing", "--direct_num_workers=2"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("newsbeam: ")]
    assert lines[-1].startswith(
        "newsbeam: 3/3 files read | 2/2 articles done (1 failed) | 1 written | "
    )
    assert "\r" not in result.stderr  # not a terminal: plain lines
    assert list(scratch.iterdir()) == []  # the progress folder is gone
