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
    assert (metadata.path, metadata.size_in_bytes) == (path, 11)


def test_the_cli_refuses_a_bad_topic_or_folder(tmp_path, capsys):
    assert main(["watch", str(tmp_path), "--topic", "news-files"]) == 2
    assert "--topic must be projects/P/topics/T" in capsys.readouterr().err
    missing = str(tmp_path / "missing")
    assert main(["watch", missing, "--topic", "projects/my-project/topics/news"]) == 2
