"""Publish a notification for each new file in a folder, so a local folder can stream.

    newsbeam watch DIR --topic projects/P/topics/T [--interval SECONDS] [--include_existing]
                       [--state FILE] [--output OUT]

The messages are GCS object notifications (eventType OBJECT_FINALIZE, payload
JSON_API_V1) for a folder instead of a bucket: `objectId` is the path below DIR and the
`objectUri` attribute the absolute path, which `newsbeam run --streaming` reads when
DIR is one of its `--allowed_roots`.

The folder is polled (portable, no extra dependency). A file is published once it is
complete: its name is not hidden or a temporary name, and its size and modification
time did not change over one polling interval. Each version of a file is published
once, like a bucket notifies each generation of an object: a file rewritten later is
published again. Ctrl-C or SIGTERM stops it.

What was published (path, size, modification time) is kept in a small state file
(`DIR/.newsbeam-watch.json` unless --state; hidden, so never published itself),
rewritten after each publish. On start the watch publishes, once, every file that
arrived or changed while it was stopped. With no state file yet (the first start), the
files already there are skipped unless --include_existing.

The local streaming runner acknowledges messages when it pulls them, so a job killed
(or stopped) before a window's files were written loses that window's files. Given the
job's output (--output), the watch also publishes on start every file of the folder that
has no complete rows there (a row in `articles` with all its entity and quote rows, or
a row in `errors`): restarting the job and then the watch with --output recovers them.
The job reads each file version once per --dedupe_seconds, so a file republished while
the job still holds it is not read twice.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping
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


#: The state file's name in the watched folder (hidden: never published itself).
STATE_NAME = ".newsbeam-watch.json"


def load_state(path: str) -> dict[str, FileVersion] | None:
    """The published file versions a state file holds, or None when there is none yet."""
    try:
        with open(path, encoding="utf-8") as handle:
            entries = json.load(handle)["published"]
    except FileNotFoundError:
        return None
    return {p: FileVersion(p, size, mtime_ns) for p, (size, mtime_ns) in entries.items()}


def save_state(path: str, published: Mapping[str, FileVersion]) -> None:
    """Write the state file atomically (a temporary file renamed over it)."""
    entries = {p: [v.size, v.mtime_ns] for p, v in sorted(published.items())}
    temp = f"{path}.{os.getpid()}.tmp"
    with open(temp, "w", encoding="utf-8") as handle:
        json.dump({"published": entries}, handle)
    os.replace(temp, path)


class FolderWatch:
    """Remembers what a folder held, and says which file versions became complete.

    With a `state_path`, what was published survives a restart: files that arrived or
    changed meanwhile are published on start (see the module doc). `unwritten` paths
    are published again even if they were published before.
    """

    def __init__(
        self,
        folder: str,
        include_existing: bool = False,
        state_path: str | None = None,
        unwritten: Callable[[list[str]], set[str]] | None = None,
    ) -> None:
        self.folder = os.path.abspath(folder)
        self._state_path = state_path
        self._last: dict[str, FileVersion] = {}
        current = scan(folder)
        known = load_state(state_path) if state_path else None
        if known is None:
            known = {} if include_existing else current
        # What was published and is still there, unchanged or not (a changed file is
        # published again since its version differs).
        self._confirmed = {p: v for p, v in known.items() if p in current}
        if unwritten is not None:
            for path in unwritten(sorted(current)):
                self._confirmed.pop(path, None)
        self._published = dict(self._confirmed)
        self._save()

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

    def confirm(self, version: FileVersion) -> None:
        """Record that `version` was published (in the state file, if there is one)."""
        self._confirmed[version.path] = version
        self._save()

    def _save(self) -> None:
        if self._state_path:
            save_state(self._state_path, self._confirmed)


def unwritten_in(output: str) -> Callable[[list[str]], set[str]]:
    """Which of some files have no complete rows in `output` (see the module doc)."""

    def unwritten(paths: list[str]) -> set[str]:
        return set(paths) - written_sources(output)

    return unwritten


def written_sources(output: str) -> set[str]:
    """Sources with an error row, or with article rows whose entity and quote rows are
    all there (a job killed while writing a window may have written some tables only)."""
    from newsbeam.query import connect

    con = connect(output)
    rows = con.execute(
        """
        WITH entity_rows AS (SELECT article_id, count(*) AS n FROM entities GROUP BY 1),
             quote_rows AS (SELECT article_id, count(*) AS n FROM quotes GROUP BY 1),
             partial AS (
                 SELECT a.source_uri FROM articles a
                 LEFT JOIN entity_rows e USING (article_id)
                 LEFT JOIN quote_rows q USING (article_id)
                 WHERE coalesce(e.n, 0) < a.entity_count OR coalesce(q.n, 0) < a.quote_count)
        (SELECT source_uri FROM articles UNION SELECT source_uri FROM errors)
        EXCEPT SELECT source_uri FROM partial
        """
    ).fetchall()
    return {uri for (uri,) in rows}


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
            watcher.confirm(version)
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
        help="on the first start (no state file yet), also publish the files already there",
    )
    parser.add_argument(
        "--state",
        default=None,
        help=f"file that remembers what was published, so a restart publishes what arrived "
        f"meanwhile (default: DIR/{STATE_NAME})",
    )
    parser.add_argument(
        "--output",
        default=None,
        help="the streaming job's --output: on start, also publish every file with no "
        "complete rows there (what a stopped or killed local job had not written yet)",
    )
    parser.add_argument("--quiet", action="store_true", help="do not print each published file")


def run(args: argparse.Namespace) -> int:
    if not is_topic_path(args.topic):
        print(f"newsbeam watch: --topic must be projects/P/topics/T: {args.topic}", file=sys.stderr)
        return 2
    if not os.path.isdir(args.folder) or args.interval <= 0:
        print("newsbeam watch: needs an existing folder and --interval > 0", file=sys.stderr)
        return 2
    with signals_interrupt():
        try:
            state = args.state or os.path.join(args.folder, STATE_NAME)
            unwritten = unwritten_in(args.output) if args.output else None
            watcher = FolderWatch(args.folder, args.include_existing, state, unwritten)
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
