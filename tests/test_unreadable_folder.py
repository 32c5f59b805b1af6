"""Issue 31, case 4: a folder that can be listed but not entered is one error row for
that folder, and every other file of the input is still read.

Permissions do not stop root, and the tests run as root here and on CI: so the read
stage's own DoFns (matching, then parsing each matched file) run in a forked child
that has dropped to the `nobody` user, with everything imported beforehand (the
interpreter under /root cannot be reached once it is nobody).
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import tempfile

import apache_beam as beam
import pytest

from newsbeam.transforms.read import ParseFilesFn, _MatchInputsFn

NOBODY = 65534


def _as_nobody(pattern: str, roots: list[str]) -> dict:
    """Match `pattern` and parse every matched file as the `nobody` user: the error rows
    (source, kind) and the titles of the articles read."""
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        try:
            os.close(reader)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            errors, titles = [], []
            parse = ParseFilesFn(20_000_000, roots)
            parse.setup()
            for item in _MatchInputsFn().process(pattern):
                if isinstance(item, beam.pvalue.TaggedOutput):
                    errors.append((item.value.source_uri, item.value.error))
                    continue
                for parsed in parse.process(item):
                    if isinstance(parsed, beam.pvalue.TaggedOutput):
                        errors.append((parsed.value.source_uri, parsed.value.error))
                    else:
                        titles.append(parsed.title)
            result = {"errors": sorted(errors), "titles": sorted(titles)}
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            result = {"crash": repr(exc)}
        os.write(writer, pickle.dumps(result))
        os._exit(0)
    os.close(writer)
    data = b""
    while chunk := os.read(reader, 65536):
        data += chunk
    os.waitpid(child, 0)
    return pickle.loads(data)


@pytest.fixture
def corpus():
    """A world-readable input folder (pytest's own tmp folders are private to root)."""
    base = tempfile.mkdtemp(prefix="newsbeam-perm-", dir="/tmp")
    os.chmod(base, 0o755)
    folder = os.path.join(base, "in")
    for sub in ("", "a", "locked", "z"):
        os.makedirs(os.path.join(folder, sub), exist_ok=True)
    articles = {"top.txt": "Top story", "a/first.txt": "First story", "z/last.txt": "Last story"}
    articles["locked/secret.txt"] = "Locked story"
    for name, title in articles.items():
        with open(os.path.join(folder, name), "w") as handle:
            handle.write(f"{title}\n\nThe council met on Monday, the mayor said.\n")
    with open(os.path.join(folder, "a", "feed.json"), "w") as handle:
        json.dump({"title": "Feed story", "maintext": "The feed had one story."}, handle)
    for path, _, names in os.walk(folder):
        os.chmod(path, 0o755)
        for name in names:
            os.chmod(os.path.join(path, name), 0o644)
    os.chmod(os.path.join(folder, "locked"), 0o744)  # listable, not enterable, by others
    yield folder
    shutil.rmtree(base)


def test_a_folder_that_cannot_be_entered_is_one_error_and_the_rest_is_read(corpus):
    seen = _as_nobody(corpus + "/**", [corpus])
    assert "crash" not in seen, seen
    assert seen["errors"] == [(os.path.join(corpus, "locked"), "unreadable")]
    assert seen["titles"] == ["Feed story", "First story", "Last story", "Top story"]
