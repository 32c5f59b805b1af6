"""The commit journal: what a commit is about to do, written before it does any of it.

Publishing a run is several steps (rename each staged file into place, delete the
files it supersedes); a process killed between them left new rows beside the rows they
replace, read twice by DuckDB (issue 31). So a commit first writes, atomically, the
journal `_newsbeam_commit.json` under the output: the renames (staged -> final) and
deletions it will make, as paths relative to the output. Then it makes them, in that
order, and removes the journal. Every step is idempotent (a rename whose source is
gone was made; a deletion of a missing file is done), so rolling a journal forward
again, any number of times, ends in the same dataset: the next commit, `newsbeam
repair` and a retried commit work item (Dataflow retries them) all do exactly that.

While a journal exists, readers that want the committed dataset (`newsbeam query`,
`report`) use `committed_view`: the visible files minus those the journal deletes,
plus the staged files it has not yet renamed. Plain `read_parquet` globs see the
half-done state until the journal is rolled forward.

`kill_point` is a test-only fault hook: with `NEWSBEAM_TEST_KILL_AT=<step>` (e.g.
`publish:2`, `delete:1`, `rewrite:1`, `journal`) the process SIGKILLs itself right after
that step, so tests can kill a commit at each of its steps. Unset, it does nothing.
"""

from __future__ import annotations

import json
import os
import signal
from collections import Counter
from dataclasses import dataclass, field

from newsbeam.transforms.dataset import objects

JOURNAL_NAME = "_newsbeam_commit.json"
KILL_ENV = "NEWSBEAM_TEST_KILL_AT"

_steps: Counter[str] = Counter()


def kill_point(step: str) -> None:
    """Test-only: SIGKILL this process after the `step`'s Nth time (see the module doc)."""
    wanted = os.environ.get(KILL_ENV)
    if not wanted:
        return
    _steps[step] += 1
    if wanted in (step, f"{step}:{_steps[step]}"):
        os.kill(os.getpid(), signal.SIGKILL)


def journal_path(output: str) -> str:
    return objects.join(output, JOURNAL_NAME)


@dataclass
class Journal:
    """A commit's steps, with paths relative to the output folder."""

    run_id: str
    publish: list[tuple[str, str]] = field(default_factory=list)  # (staged, final)
    delete: list[str] = field(default_factory=list)

    def to_bytes(self) -> bytes:
        fields = {"run_id": self.run_id, "publish": self.publish, "delete": self.delete}
        return json.dumps(fields, indent=1).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Journal:
        fields = json.loads(data)
        publish = [(str(a), str(b)) for a, b in fields["publish"]]
        return cls(str(fields["run_id"]), publish, [str(p) for p in fields["delete"]])


def relative(output: str, path: str) -> str:
    root = output.rstrip("/") + "/"
    if not path.startswith(root):
        raise ValueError(f"{path} is not below the output {output}")
    return path[len(root) :]


def read_journal(output: str) -> Journal | None:
    data = objects.read_bytes(journal_path(output))
    return None if data is None else Journal.from_bytes(data)


def write_journal(output: str, journal: Journal) -> None:
    objects.write_atomic(journal_path(output), journal.to_bytes())
    kill_point("journal")


def roll_forward(output: str, journal: Journal) -> list[str]:
    """Make the journal's steps (again), then remove it. Returns the final paths whose
    staged file is missing and that were never published (lost before the commit)."""
    missing = []
    for staged, final in journal.publish:
        source, target = objects.join(output, staged), objects.join(output, final)
        if not objects.rename(source, target) and not objects.exists(target):
            missing.append(target)
        kill_point("publish")
    for path in journal.delete:
        objects.delete([objects.join(output, path)])
        kill_point("delete")
    objects.delete([journal_path(output)])
    return missing


def committed_view(output: str, visible: list[str]) -> list[str]:
    """The files of the committed dataset among `visible` (published Parquet files):
    with an unfinished journal, the ones it deletes are left out and the staged files it
    has not published yet stand in for their final names."""
    journal = read_journal(output)
    if journal is None:
        return visible
    gone = {objects.join(output, p) for p in journal.delete}
    files = set(visible) - gone
    for staged, final in journal.publish:
        source = objects.join(output, staged)
        if objects.exists(source):  # not renamed yet: it is what `final` will hold
            files.discard(objects.join(output, final))
            files.add(source)
    return sorted(files)
