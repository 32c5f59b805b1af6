"""Issue 31, case 7: a run that fills the disk fails in one line, keeps the old data and
removes its own staged files (which kept the disk full, so the next run failed too).

The output lives on a small tmpfs mounted for the test (root only; elsewhere the test
skips, or fails under CI, saying why).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from newsbeam.query import connect
from tests.conftest import SEED, missing
from tests.input_fixtures import council_feed
from tests.test_cli_e2e import newsbeam

#: Free space left for the run that must fill the disk: a fraction of what its rows take.
FREE_BYTES = 64 * 1024


@pytest.fixture
def small_disk(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        missing(f"cannot mount a small tmpfs: {mounted.stderr.decode().strip()}")
    yield disk
    subprocess.run(["umount", str(disk)], check=True)


def test_a_full_disk_fails_in_one_line_and_leaves_no_staged_files(small_disk, tmp_path):
    output = small_disk / "out"
    first = newsbeam("run", "--input", str(SEED), "--output", str(output), "--quiet")
    assert first.returncode == 0, first.stderr
    feed = tmp_path / "feed"
    feed.mkdir()
    (feed / "feed.jsonl").write_text(council_feed("Big", "first", days=60))  # ~180 files of ~4 KB
    ballast = small_disk / "ballast"
    free = shutil.disk_usage(small_disk).free  # blocks, not file sizes: small files take more
    ballast.write_bytes(b"\0" * max(0, free - FREE_BYTES))

    full = newsbeam("run", "--input", str(feed), "--output", str(output), "--quiet")
    assert full.returncode == 1, full.stderr
    lines = full.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("newsbeam run: the run failed: no space left on device"), lines
    assert "Traceback" not in full.stderr
    assert not list(output.rglob(".*.staged")) and not list(output.rglob(".*.inprogress"))
    assert connect(str(output)).execute("SELECT count(*) FROM articles").fetchone() == (1,)

    # Its staged files are gone, so the disk is not left full: a small run still fits.
    again = newsbeam("run", "--input", str(SEED), "--output", str(output), "--quiet")
    assert again.returncode == 0, again.stderr
