"""Publish a notification for each new file in a folder, so a local folder can stream.

    newsbeam watch DIR --topic projects/P/topics/T [--interval SECONDS] [--include_existing]

The messages are GCS object notifications (eventType OBJECT_FINALIZE, payload
JSON_API_V1) for a folder instead of a bucket: `objectId` is the path below DIR and the
`objectUri` attribute the absolute path, which `newsbeam run --streaming` reads when
DIR is one of its `--allowed_roots`.

The folder is polled (portable, no extra dependency). A file is published once it is
complete: its name is not hidden or a temporary name, and its size and modification
time did not change over one polling interval. Each version of a file is published
once, like a bucket notifies each generation of an object: a file rewritten later is
published again. Files already there at start are skipped unless --include_existing.
Ctrl-C or SIGTERM stops it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from typing import NamedTuple

from newsbeam.pubsub_paths import is_topic_path
from newsbeam.stopping import signals_interrupt

#: Names that editors, downloaders and copy tools give files they are still writing.
TEMPORARY_SUFFIXES = (".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".swp", "~")

Publish = Callable[[bytes, dict[str, str]], None]


class FileVersion(NamedTuple):
    path: str
    size: int
    mtime_ns: int


def is_publishable_name(name: str) -> bool:
    """Hidden and temporary names are files still being written (or not articles)."""
    return not name.startswith(".") and not name.lower().endswith(TEMPORARY_SUFFIXES)


def scan(folder: str) -> dict[str, FileVersion]:
    """The publishable files below `folder` (hidden folders skipped), by absolute path."""
    found = {}
    for root, dirs, files in os.walk(os.path.abspath(folder)):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not is_publishable_name(name):
                continue
            path = os.path.join(root, name)
            try:
                stat = os.stat(path)
            except OSError:  # removed between listing and stat
                continue
            found[path] = FileVersion(path, stat.st_size, stat.st_mtime_ns)
    return found


class FolderWatch:
    """Remembers what a folder held, and says which file versions became complete."""

    def __init__(self, folder: str, include_existing: bool = False) -> None:
        self.folder = os.path.abspath(folder)
        self._last: dict[str, FileVersion] = {}
        self._published: dict[str, FileVersion] = {} if include_existing else scan(folder)

    def poll(self) -> list[FileVersion]:
        """File versions unchanged since the previous poll and not yet published."""
        current = scan(self.folder)
        ready = [
            version
            for path, version in sorted(current.items())
            if self._last.get(path) == version and self._published.get(path) != version
        ]
        self._last = current
        self._published.update((v.path, v) for v in ready)
        return ready


def notification(version: FileVersion, folder: str) -> tuple[bytes, dict[str, str]]:
    """The message announcing `version`: a GCS OBJECT_FINALIZE notification for a folder."""
    name = os.path.relpath(version.path, folder).replace(os.sep, "/")
    updated = dt.datetime.fromtimestamp(version.mtime_ns / 1e9, dt.timezone.utc).isoformat()
    payload = {
        "kind": "storage#object",
        "name": name,
        "size": str(version.size),
        "updated": updated,
    }
    attributes = {
        "eventType": "OBJECT_FINALIZE",
        "payloadFormat": "JSON_API_V1",
        "objectId": name,
        "objectUri": version.path,
        "eventTime": dt.datetime.now(dt.timezone.utc).isoformat(),
    }
    return json.dumps(payload).encode("utf-8"), attributes


def watch(watcher: FolderWatch, publish: Publish, interval: float) -> Iterator[FileVersion]:
    """Poll forever, publishing each completed file version and yielding it once published."""
    while True:
        for version in watcher.poll():
            publish(*notification(version, watcher.folder))
            yield version
        time.sleep(interval)


def pubsub_publisher(topic: str) -> Publish:
    """Publishing to `topic` (PUBSUB_EMULATOR_HOST, when set, points it at an emulator)."""
    from google.cloud import pubsub_v1  # type: ignore[attr-defined]

    client = pubsub_v1.PublisherClient()

    def publish(data: bytes, attributes: dict[str, str]) -> None:
        client.publish(topic, data, **attributes).result(timeout=60)

    return publish


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", help="folder to watch (files below it, recursively)")
    parser.add_argument(
        "--topic", required=True, help="Pub/Sub topic to publish to: projects/P/topics/T"
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=1.0,
        help="seconds between two looks at the folder; a file is published once unchanged "
        "for this long (default: 1)",
    )
    parser.add_argument(
        "--include_existing",
        action="store_true",
        help="also publish the files already in the folder at start",
    )
    parser.add_argument("--quiet", action="store_true", help="do not print each published file")


def run(args: argparse.Namespace) -> int:
    if not is_topic_path(args.topic):
        print(f"newsbeam watch: --topic must be projects/P/topics/T: {args.topic}", file=sys.stderr)
        return 2
    if not os.path.isdir(args.folder) or args.interval <= 0:
        print("newsbeam watch: needs an existing folder and --interval > 0", file=sys.stderr)
        return 2
    watcher = FolderWatch(args.folder, args.include_existing)
    with signals_interrupt():
        try:
            publish = pubsub_publisher(args.topic)
            if not args.quiet:
                print(
                    f"watching {watcher.folder} -> {args.topic} (the job reads it with "
                    f"--allowed_roots {watcher.folder}); Ctrl-C stops",
                    flush=True,
                )
            for version in watch(watcher, publish, args.interval):
                if not args.quiet:
                    print(f"published {version.path}", flush=True)
        except KeyboardInterrupt:
            pass
        except Exception as exc:  # noqa: BLE001 - e.g. a missing topic: one line, no traceback
            print(f"newsbeam watch: {' '.join(str(exc).split())[:300]}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="newsbeam watch", description=__doc__)
    add_arguments(parser)
    sys.exit(run(parser.parse_args()))
