"""`newsbeam compact` (issue 25, item 6): a partition's small files become one, rows
unchanged as DuckDB reads them; killed at any step, readers see the whole partition
and the next compaction (or repair) completes it; old leftovers are removed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsbeam.cli import main
from newsbeam.transforms.dataset import committed_files
from newsbeam.transforms.dataset.journal import JOURNAL_NAME, KILL_ENV
from tests.conftest import REPO

SMALL = "date=2022-01-01/topic=politics"
SINGLE = "date=2022-01-02/topic=sport"


def _quotes(article: str, n: int) -> pa.Table:
    return pa.table(
        {
            "article_id": [article] * n,
            "quote_id": [f"{article}-q{i}" for i in range(n)],
            "text": [f"words {i} of {article}" for i in range(n)],
        }
    )


def _dataset(root: Path) -> Path:
    """Five small quotes files (a streamed partition) and a lone file elsewhere."""
    for i in range(5):
        folder = root / "quotes" / SMALL
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(_quotes(f"a{i}", 3), folder / f"w{i}-part-{i}.parquet")
    folder = root / "quotes" / SINGLE
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(_quotes("b", 2), folder / "part-b.parquet")
    return root


def _rows(files: list[str]) -> list[tuple]:
    listed = ", ".join(f"'{f}'" for f in sorted(files))
    return sorted(duckdb.sql(f"SELECT * FROM read_parquet([{listed}])").fetchall())


def _visible(root: Path) -> list[str]:
    return [str(p) for p in root.rglob("*.parquet") if not p.name.startswith(".")]


def test_compact_merges_a_partitions_small_files_and_keeps_every_row(tmp_path, capsys):
    root = _dataset(tmp_path / "out")
    before = _rows(_visible(root))

    assert main(["compact", "--output", str(root), "--target_mb", "1"]) == 0

    assert "merged 5 file(s) into 1 in 1 partition folder(s)" in capsys.readouterr().out
    assert len(list((root / "quotes" / SMALL).glob("*.parquet"))) == 1
    assert [p.name for p in (root / "quotes" / SINGLE).glob("*.parquet")] == ["part-b.parquet"]
    assert _rows(_visible(root)) == before
    assert not (root / JOURNAL_NAME).exists()
    # compacting again finds nothing to do
    assert main(["compact", "--output", str(root), "--target_mb", "1"]) == 0
    assert "merged 0 file(s)" in capsys.readouterr().out


def test_files_of_half_the_target_or_more_are_left_alone(tmp_path, capsys):
    root = _dataset(tmp_path / "out")
    tiny_target_mb = "0.000001"  # every file is "big enough"
    assert main(["compact", "--output", str(root), "--target_mb", tiny_target_mb]) == 0
    assert "merged 0 file(s)" in capsys.readouterr().out
    assert len(list((root / "quotes" / SMALL).glob("*.parquet"))) == 5


@pytest.mark.parametrize("kill_at", ["rewrite:1", "publish:1", "delete:4"])
def test_a_killed_compaction_shows_the_whole_partition_and_is_completed_later(tmp_path, kill_at):
    root = _dataset(tmp_path / "out")
    before = _rows(_visible(root))
    env = {**os.environ, KILL_ENV: kill_at}
    args = [sys.executable, "-m", "newsbeam.cli", "compact", "--output", str(root)]
    killed = subprocess.run(args, cwd=REPO, env=env, capture_output=True, timeout=300)
    assert killed.returncode == -9, killed.stderr

    # what newsbeam query and report read: the partition whole, never doubled
    tables = committed_files(str(root))
    assert _rows(tables["quotes"]) == before

    # the killed holder's lock is dead (its process is gone): the next compaction takes
    # it over and completes the journal first
    done = subprocess.run(
        [*args, "--leftover_hours", "0"], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert _rows(_visible(root)) == before
    assert len(list((root / "quotes" / SMALL).glob("*.parquet"))) == 1
    assert not [p for p in root.rglob("*") if p.suffix in (".staged", ".inprogress")]


def test_old_leftovers_are_removed_and_fresh_ones_kept(tmp_path, capsys):
    root = _dataset(tmp_path / "out")
    folder = root / "quotes" / SMALL
    old = folder / ".part-x.parquet.20250101T000000-0badf00d.staged"
    fresh = folder / ".part-y.parquet.20260101T000000-0c0ffee0.staged"
    for leftover in (old, fresh):
        leftover.write_bytes(b"half")
    week_ago = time.time() - 7 * 24 * 3600
    os.utime(old, (week_ago, week_ago))

    assert main(["compact", "--output", str(root), "--leftover_hours", "24"]) == 0

    assert "removed 1 leftover file(s)" in capsys.readouterr().out
    assert not old.exists() and fresh.exists()


def test_compact_on_a_bucket(gcs_emulator, tmp_path, capsys):
    local = _dataset(tmp_path / "out")
    before = _rows(_visible(local))
    prefix = f"compact-{time.time_ns()}"
    for path in _visible(local):
        name = f"{prefix}/{Path(path).relative_to(local)}"
        gcs_emulator.upload(gcs_emulator.bucket, name, Path(path).read_bytes())

    output = f"gs://{gcs_emulator.bucket}/{prefix}"
    assert main(["compact", "--output", output, "--target_mb", "1"]) == 0

    assert "merged 5 file(s) into 1" in capsys.readouterr().out
    names = gcs_emulator.list(gcs_emulator.bucket, prefix + "/quotes/")
    assert len([n for n in names if SMALL in n]) == 1
    back = tmp_path / "back"
    for name in names:
        target = back / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(gcs_emulator.download(gcs_emulator.bucket, name))
    assert _rows(_visible(back)) == before


def test_a_relative_output_is_compacted(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    root = _dataset(Path("out"))
    before = _rows(_visible(root))
    assert main(["compact", "--output", "out", "--target_mb", "1"]) == 0
    assert "merged 5 file(s) into 1" in capsys.readouterr().out
    assert _rows(_visible(root)) == before
