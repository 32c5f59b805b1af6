"""Issue 31, case 3: kill -9 at each step of the commit, then recover; no row is lost
or doubled (and issue 25, item 3: a commit made twice is a no-op the second time).

The commit's test-only fault hook (`NEWSBEAM_TEST_KILL_AT`, see
`newsbeam.transforms.dataset.journal`) makes a process SIGKILL itself right after one
step: writing a rewritten file, writing the journal, a rename (publish), a deletion.

Two real runs are made once: the first reads two feeds; the second reads one of them
again, edited and two lines shorter, into an empty folder, which gives the very files
(content-addressed) a second run into the first run's output stages. Each kill point
then costs no pipeline: the first run's output is copied, the second run's files are
staged in it under a run id, and a small process takes the output's lock and commits
them (`commit`, as the write stage calls it), killing itself at that step. Its commit
publishes new files, rewrites files that mix both feeds and deletes files it
supersedes entirely. After the kill, `newsbeam query` shows one whole dataset (never
both editions); after recovery, by `newsbeam repair` or by what the next `newsbeam run`
does before its pipeline, plain DuckDB over the files sees exactly what the commit
leaves uninterrupted. One real `newsbeam run` is killed during its commit, and the next
real run, on other input, completes it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from newsbeam.output_lock import held_output
from newsbeam.query import connect
from newsbeam.transforms.dataset import WrittenFile, commit, new_run_id, objects, storage
from newsbeam.transforms.dataset.journal import JOURNAL_NAME, KILL_ENV
from newsbeam.transforms.dataset.lock import LOCK_NAME
from tests.conftest import REPO, SEED
from tests.input_fixtures import council_feed

DAYS = 12
#: The second edition of the north feed lost its last lines: their old rows must go.
SHRUNK = 2
RUN_ID = "20260101T000000-00c0ffee"
COLUMNS = {
    "articles": "article_id, title, source_uri, locator",
    "entities": "article_id, entity_id, name",
    "quotes": "article_id, quote_id, text",
}
#: A process that takes the output's lock, as `newsbeam run` does, and commits the
#: staged files listed in a JSON file, as the write stage does.
COMMITTER = """
import json, sys
from newsbeam.transforms.dataset import OutputLock, WrittenFile, commit
output, run_id, listed = sys.argv[1:]
written = [WrittenFile(**fields) for fields in json.load(open(listed))]
lock = OutputLock(output, run_id)
lock.acquire()
commit(output, "upsert", written, run_id)
lock.release()
"""


def _newsbeam(*args: str, kill_at: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if kill_at:
        env[KILL_ENV] = kill_at
    return subprocess.run(
        [sys.executable, "-m", "newsbeam.cli", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _plain_rows(output: Path) -> dict[str, list[tuple]]:
    """Every table as plain DuckDB reads the published files (no journal applied)."""
    con = duckdb.connect()
    rows = {}
    for table, names in COLUMNS.items():
        files = storage.list_files(str(output / table))
        sql = f"SELECT {names} FROM read_parquet(?)"
        rows[table] = sorted(con.execute(sql, [files]).fetchall()) if files else []
    return rows


def _query_rows(output: Path) -> dict[str, list[tuple]]:
    """Every table as `newsbeam query` shows it."""
    con = connect(str(output))
    return {t: sorted(con.execute(f"SELECT {c} FROM {t}").fetchall()) for t, c in COLUMNS.items()}


def _stage(alone: Path, output: Path) -> list[WrittenFile]:
    """The second run's files (as it wrote them into `alone`), staged in `output` as run
    RUN_ID would have staged them, with the keys the write stage reports for each."""
    written = []
    for path in storage.list_files(str(alone)):
        relative = os.path.relpath(path, alone)
        final = str(output / relative)
        os.makedirs(os.path.dirname(final), exist_ok=True)
        shutil.copyfile(path, storage.staged_path(final, RUN_ID))
        table = relative.split("/", 1)[0]
        written.append(WrittenFile.of_rows(table, final, pq.read_table(path)))
    return written


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """The two real runs, what the first left (`before`), and what committing the second
    run's files into it leaves (`after`, checked against the two runs' own rows)."""
    base = tmp_path_factory.mktemp("kill-commit")
    feeds = base / "in"
    feeds.mkdir()
    north = feeds / "north.jsonl"
    north.write_text(council_feed("North", "first", DAYS))
    (feeds / "south.jsonl").write_text(council_feed("South", "first", DAYS))
    first = base / "first"
    result = _newsbeam("run", "--input", str(feeds), "--output", str(first), "--quiet")
    assert result.returncode == 0, result.stderr
    north.write_text(council_feed("North", "second", DAYS - SHRUNK))
    alone = base / "alone"
    result = _newsbeam("run", "--input", str(north), "--output", str(alone), "--quiet")
    assert result.returncode == 0, result.stderr

    clean = base / "clean"
    shutil.copytree(first, clean)
    written = _stage(alone, clean)
    plan = commit(str(clean), "upsert", written, RUN_ID)
    before, after = _plain_rows(first), _plain_rows(clean)
    # What the commit must leave, from the runs' own rows: the south feed's rows of the
    # first run, and every row of the second run; no north row of the first edition.
    south = {r[0] for r in before["articles"] if r[2].endswith("south.jsonl")}
    second = _plain_rows(alone)
    expected = {
        table: sorted([r for r in before[table] if r[0] in south] + second[table])
        for table in COLUMNS
    }
    assert after == expected
    assert len(after["articles"]) == 2 * DAYS - SHRUNK
    steps = {
        "rewrite": len(plan.rewrite),
        "publish": len(written) + len(plan.rewrite),
        "delete": len(plan.delete),
    }
    assert steps["rewrite"] >= 1 and steps["delete"] >= 2, steps  # every kind of step happens
    return feeds, alone, first, before, after, steps


def _no_doubles(rows: dict[str, list[tuple]]) -> None:
    for table, table_rows in rows.items():
        assert len(table_rows) == len(set(table_rows)), table
    ids = [r[0] for r in rows["articles"]]
    assert len(ids) == len(set(ids))


def _recovered_cleanly(output: Path) -> None:
    assert not (output / JOURNAL_NAME).exists() and not (output / LOCK_NAME).exists()
    assert not list(output.rglob(".*.staged")) and not list(output.rglob(".*.inprogress"))


KILL_POINTS = [
    # (step, which one: first / middle / last of its kind, recovery)
    ("rewrite", "first", "repair"),
    ("rewrite", "last", "next run"),
    ("journal", None, "next run"),
    ("publish", "first", "repair"),
    ("publish", "middle", "next run"),
    ("publish", "last", "repair"),
    ("delete", "first", "next run"),
    ("delete", "middle", "repair"),
    ("delete", "last", "next run"),
]


@pytest.mark.parametrize(("step", "which", "recovery"), KILL_POINTS)
def test_a_commit_killed_at_any_step_is_recovered_without_loss_or_doubles(
    editions, tmp_path, step, which, recovery
):
    _, alone, first, before, after, steps = editions
    output = tmp_path / "out"
    shutil.copytree(first, output)
    listed = tmp_path / "written.json"
    listed.write_text(json.dumps([vars(w) for w in _stage(alone, output)]))
    count = steps.get(step, 1)
    number = {"first": 1, "middle": (count + 1) // 2, "last": count, None: None}[which]
    kill_at = step if number is None else f"{step}:{number}"

    killed = subprocess.run(
        [sys.executable, "-c", COMMITTER, str(output), RUN_ID, str(listed)],
        cwd=REPO,
        env={**os.environ, KILL_ENV: kill_at},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert (output / LOCK_NAME).exists()  # the dead committer's, taken over below

    shown = _query_rows(output)  # newsbeam query: one whole edition, never a mix
    _no_doubles(shown)
    decided = step != "rewrite"  # the journal was written: the commit is decided
    assert shown == (after if decided else before)

    if recovery == "repair":
        repaired = _newsbeam("repair", "--output", str(output))
        assert repaired.returncode == 0, repaired.stderr
    else:  # what `newsbeam run` does once it holds the output, before its pipeline
        with held_output(str(output), new_run_id(), commits=True, wait=False, quiet=True):
            pass
    rows = _plain_rows(output)
    _no_doubles(rows)
    assert rows == (after if decided else before)
    _recovered_cleanly(output)


def test_a_real_run_killed_in_its_commit_is_completed_by_the_next_run(editions, tmp_path):
    feeds, _, first, _, after, _ = editions
    output = tmp_path / "out"
    shutil.copytree(first, output)
    killed = _newsbeam(
        "run", "--input", str(feeds / "north.jsonl"), "--output", str(output), kill_at="publish:2"
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert (output / JOURNAL_NAME).exists() and (output / LOCK_NAME).exists()
    assert _query_rows(output) == after

    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(SEED, other / SEED.name)
    rerun = _newsbeam("run", "--input", str(other), "--output", str(output), "--quiet")
    assert rerun.returncode == 0, rerun.stderr
    assert "Traceback" not in rerun.stderr
    rows = _plain_rows(output)
    (seed,) = [r for r in rows["articles"] if r[2].endswith(SEED.name)]
    assert {t: [r for r in table_rows if r[0] != seed[0]] for t, table_rows in rows.items()} == (
        after
    )
    _recovered_cleanly(output)


@pytest.mark.parametrize("where", ["local", "gcs"])
def test_committing_the_same_staged_set_twice_is_a_no_op(where, tmp_path, request):
    """Issue 25, item 3: a retried commit (Dataflow retries work items) finds its files
    published and does nothing, instead of failing with 404 on the staged names."""
    import pyarrow as pa

    if where == "local":
        output = str(tmp_path / "out")
    else:
        emulator = request.getfixturevalue("gcs_emulator")
        output = f"gs://{emulator.bucket}/twice-{tmp_path.name}/out"
    run_id = "20260101T000000-0000beef"
    partition = storage.join(output, "articles", "date=2020-01-01", "topic=other")
    older = storage.join(partition, "part-older.parquet")  # an earlier run's row of a1
    rows = pa.table({"article_id": ["a1"], "source_uri": ["/in/a.txt"], "locator": [None]})
    storage.write_parquet(rows, older, "20250101T000000-00000001")
    path = storage.join(partition, "part-new.parquet")
    storage.write_parquet(rows, storage.staged_path(path, run_id), run_id)
    written = [WrittenFile("articles", path, ["a1"], ["/in/a.txt"])]

    first = commit(output, "upsert", written, run_id)
    assert first.delete == [older]
    once = sorted(e.path for e in objects.list_below(output))
    data = [p for p in once if "/_index/" not in p]  # the key index is no table
    # The run's file, and an empty file (no rows) for each table it left without any.
    assert path in data and len(data) == 4
    empty = {p.split(output + "/")[1].split("/")[0]: p for p in data if p != path}
    assert sorted(empty) == ["entities", "errors", "quotes"]
    assert all(storage.read_parquet(p).num_rows == 0 for p in empty.values())
    again = commit(output, "upsert", written, run_id)  # the retried work item
    assert again.delete == [] and again.rewrite == {} and again.missing == []
    assert sorted(e.path for e in objects.list_below(output)) == once
