"""`newsbeam watch`: which files it publishes, when, how often, and in what message."""

from __future__ import annotations

import json
import os

from newsbeam.cli import main
from newsbeam.transforms.notifications import notified_file
from newsbeam.watch import FolderWatch, notification


def _write(path, text: str, mtime_ns: int | None = None):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    if mtime_ns is not None:
        os.utime(path, ns=(mtime_ns, mtime_ns))
    return str(path)


def test_a_file_is_published_once_unchanged_for_one_poll(tmp_path):
    watcher = FolderWatch(str(tmp_path))
    a = _write(tmp_path / "a.txt", "Title\n\nBody")
    assert watcher.poll() == []  # first seen
    assert [v.path for v in watcher.poll()] == [a]  # unchanged since: complete
    assert watcher.poll() == []  # never twice


def test_a_growing_file_waits_until_it_stops_changing(tmp_path):
    watcher = FolderWatch(str(tmp_path))
    path = tmp_path / "big.txt"
    _write(path, "Title\n", mtime_ns=1_000_000_000)
    watcher.poll()
    _write(path, "Title\n\nMore body", mtime_ns=2_000_000_000)
    assert watcher.poll() == []
    (version,) = watcher.poll()
    assert version.size == len("Title\n\nMore body")


def test_hidden_and_temporary_names_are_never_published(tmp_path):
    watcher = FolderWatch(str(tmp_path))
    for name in (".a.txt", "b.txt.tmp", "c.txt.part", "d.txt~", "e.crdownload", ".git/f.txt"):
        _write(tmp_path / name, "x")
    kept = _write(tmp_path / "sub" / "g.txt", "x")
    watcher.poll()
    assert [v.path for v in watcher.poll()] == [kept]


def test_a_temporary_file_renamed_into_place_is_published_under_its_final_name(tmp_path):
    watcher = FolderWatch(str(tmp_path))
    temp = _write(tmp_path / ".a.txt.inprogress", "Title\n\nBody")
    watcher.poll()
    final = str(tmp_path / "a.txt")
    os.rename(temp, final)
    assert watcher.poll() == []
    assert [v.path for v in watcher.poll()] == [final]


def test_existing_files_are_skipped_unless_asked_and_rewrites_are_published(tmp_path):
    old = _write(tmp_path / "old.txt", "before", mtime_ns=1_000_000_000)
    watcher = FolderWatch(str(tmp_path))
    watcher.poll()
    assert watcher.poll() == []
    _write(tmp_path / "old.txt", "after!", mtime_ns=2_000_000_000)
    watcher.poll()
    assert [v.path for v in watcher.poll()] == [old]

    including = FolderWatch(str(tmp_path), include_existing=True)
    including.poll()
    assert [v.path for v in including.poll()] == [old]


def test_the_message_is_a_finalize_notification_the_streaming_source_reads(tmp_path):
    path = _write(tmp_path / "day 1" / "a.txt", "Title\n\nBody", mtime_ns=1_764_244_800_000_000_000)
    watcher = FolderWatch(str(tmp_path), include_existing=True)
    watcher.poll()
    (version,) = watcher.poll()
    data, attributes = notification(version, str(tmp_path))
    assert json.loads(data) == {
        "kind": "storage#object",
        "name": "day 1/a.txt",
        "size": "11",
        "updated": "2025-11-27T12:00:00+00:00",
    }
    assert attributes["eventType"] == "OBJECT_FINALIZE"
    assert attributes["payloadFormat"] == "JSON_API_V1"
    assert (attributes["objectId"], attributes["objectUri"]) == ("day 1/a.txt", path)
    metadata = notified_file(data, attributes)
    assert metadata.path == path  # its size is checked while reading, not taken on trust


def test_the_cli_refuses_a_bad_topic_or_folder(tmp_path, capsys):
    assert main(["watch", str(tmp_path), "--topic", "news-files"]) == 2
    assert "--topic must be projects/P/topics/T" in capsys.readouterr().err
    missing = str(tmp_path / "missing")
    assert main(["watch", missing, "--topic", "projects/my-project/topics/news"]) == 2


def _published_once(watcher: FolderWatch) -> list[str]:
    """Two polls (a file is complete once unchanged for one), each version confirmed."""
    watcher.poll()
    ready = watcher.poll()
    for version in ready:
        watcher.confirm(version)
    return [v.path for v in ready]


def test_a_restart_publishes_once_what_arrived_or_changed_while_stopped(tmp_path):
    folder, state = tmp_path / "in", str(tmp_path / "state.json")
    kept = _write(folder / "kept.txt", "same", mtime_ns=1_000_000_000)
    changed = _write(folder / "changed.txt", "before", mtime_ns=1_000_000_000)
    first = FolderWatch(str(folder), state_path=state)  # first start: existing files skipped
    assert _published_once(first) == []
    new = _write(folder / "new.txt", "new")
    assert _published_once(first) == [new]
    # Stopped; meanwhile a file arrives, one changes, one goes away.
    arrived = _write(folder / "arrived.txt", "arrived")
    _write(folder / "changed.txt", "after!", mtime_ns=2_000_000_000)
    os.remove(new)
    again = FolderWatch(str(folder), state_path=state)
    assert _published_once(again) == [arrived, changed]
    assert _published_once(FolderWatch(str(folder), state_path=state)) == []
    assert json.loads(open(state).read())["published"].keys() == {kept, changed, arrived}


def test_include_existing_applies_to_the_first_start_only(tmp_path):
    folder, state = tmp_path / "in", str(tmp_path / "state.json")
    old = _write(folder / "old.txt", "old")
    assert _published_once(FolderWatch(str(folder), True, state)) == [old]
    assert _published_once(FolderWatch(str(folder), True, state)) == []


def test_a_version_polled_but_not_confirmed_is_published_after_a_restart(tmp_path):
    # Publishing failed (or the watch was killed) between the poll and the confirmation.
    folder, state = tmp_path / "in", str(tmp_path / "state.json")
    folder.mkdir()
    watcher = FolderWatch(str(folder), state_path=state)
    late = _write(folder / "late.txt", "late")
    watcher.poll()
    assert [v.path for v in watcher.poll()] == [late]  # never confirmed
    assert _published_once(FolderWatch(str(folder), state_path=state)) == [late]


def test_files_without_rows_in_the_output_are_published_again(tmp_path):
    folder, state = tmp_path / "in", str(tmp_path / "state.json")
    done, lost = _write(folder / "done.txt", "done"), _write(folder / "lost.txt", "lost")
    assert _published_once(FolderWatch(str(folder), True, state)) == [done, lost]
    asked = []

    def unwritten(paths: list[str]) -> set[str]:
        asked.append(paths)
        return {lost}

    assert _published_once(FolderWatch(str(folder), False, state, unwritten)) == [lost]
    assert asked == [[done, lost]]


def test_written_sources_are_those_with_complete_rows(tmp_path):
    # A job killed while writing a window can leave an article without its entity rows:
    # that source is not written yet. Error rows count as written.
    from datetime import datetime, timezone

    from newsbeam.transforms.dataset import schema, storage
    from newsbeam.watch import written_sources

    def table(name: str, partition: str, rows: list[dict]) -> None:
        full = schema.to_table(name, rows)
        path = storage.join(str(tmp_path), name, partition, "part-1.parquet")
        storage.write_parquet(full, path, "20260101T000000-00000001")

    articles = schema.TABLES["articles"]
    base = {f.name: None for f in articles}
    when = datetime(2026, 1, 1, tzinfo=timezone.utc)
    row = base | {"ingested_at": when, "quote_count": 0, "entity_count": 0}
    table(
        "articles",
        "date=2026-01-01/topic=other",
        [
            row | {"article_id": "a1", "source_uri": "/in/whole.txt", "entity_count": 1},
            row | {"article_id": "a2", "source_uri": "/in/partial.txt", "entity_count": 2},
        ],
    )
    entity = {f.name: None for f in schema.TABLES["entities"]} | {"mentions": []}
    table(
        "entities",
        "date=2026-01-01/topic=other",
        [entity | {"article_id": "a1", "entity_id": "e1"}, entity | {"article_id": "a2"}],
    )
    error = {f.name: None for f in schema.TABLES["errors"]} | {"ingested_at": when}
    table("errors", "date=2026-01-01", [error | {"source_uri": "/in/bad.txt"}])
    assert written_sources(str(tmp_path)) == {"/in/whole.txt", "/in/bad.txt"}
