"""One run at a time per output: a lock object with a lease, on local disk and gs://.

Two runs committing into one output destroyed each other's files (issue 31). The lock
is a small JSON object `_newsbeam.lock` under the output, created only if absent
(`objects.create_exclusive`: a generation precondition on gs://, an O_EXCL link
locally). It names its holder (run id, host, pid, start) and a lease: the holder
renews it every quarter lease from a background thread, so a holder that died stops
blocking once its lease ran out; on the holder's own host a dead pid frees it at once.
Taking over, renewing and releasing are compare-and-swaps on the version that was read
(`objects.replace_if` / `delete_if`), so two runs can never both believe they hold it.

`newsbeam run` takes the lock before the pipeline starts and keeps it until the run
ended (refusing, or with `--wait_for_lock` waiting, when another run holds it). The
commit step checks it again: a job launched without the CLI (a Dataflow template)
takes it for the length of its commit (`held_for`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass

from newsbeam.transforms.dataset import objects

LOCK_NAME = "_newsbeam.lock"
#: Seconds a holder's claim lasts without renewal (it renews every quarter of it).
LEASE_SECONDS = 120.0
#: Seconds between two looks at a held lock while waiting for it.
POLL_SECONDS = 2.0


#: The shape of a run id, which staged and temporary file names carry (`storage`).
RUN_ID_PATTERN = r"\d{8}T\d{6}-[0-9a-f]{8}"


def new_run_id() -> str:
    """A run id: when it started (UTC) and a random part, e.g. 20261127T120000-1a2b3c4d."""
    return f"{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"


def is_run_id(text: str) -> bool:
    """Whether `text` has a run id's shape: a file named with any other would be taken for
    a leftover of an old version, which any run may remove."""
    return re.fullmatch(RUN_ID_PATTERN, text) is not None


def lock_path(output: str) -> str:
    return objects.join(output, LOCK_NAME)


@dataclass(frozen=True)
class Holder:
    """Who holds an output's lock, as the lock object says."""

    run_id: str
    host: str
    pid: int
    started_at: float
    expires_at: float

    def describe(self) -> str:
        started = dt.datetime.fromtimestamp(self.started_at, dt.timezone.utc)
        return (
            f"run {self.run_id} (host {self.host}, pid {self.pid}, "
            f"started {started:%Y-%m-%d %H:%M:%S} UTC)"
        )

    def is_dead(self, now: float) -> bool:
        """Its lease ran out, or it ran on this host and its process is gone."""
        if now > self.expires_at:
            return True
        if self.host != socket.gethostname():
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False

    def to_bytes(self) -> bytes:
        return json.dumps(asdict(self), indent=1).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Holder:
        """The holder a lock object names; a damaged one reads as an expired holder."""
        try:
            fields = json.loads(data)
            return cls(
                str(fields["run_id"]),
                str(fields["host"]),
                int(fields["pid"]),
                float(fields["started_at"]),
                float(fields["expires_at"]),
            )
        except (ValueError, KeyError, TypeError):
            return cls("unknown", "unknown", 0, 0.0, 0.0)


class LockHeld(RuntimeError):
    """Another live run holds the output's lock."""

    def __init__(self, output: str, holder: Holder) -> None:
        self.holder = holder
        super().__init__(f"--output {output} is in use by {holder.describe()}")


def current_holder(output: str) -> Holder | None:
    found = objects.read_versioned(lock_path(output))
    return None if found is None else Holder.from_bytes(found[0])


class OutputLock:
    """The lock of `output` for run `run_id`; `acquire` it, `release` it when done."""

    def __init__(self, output: str, run_id: str, lease_seconds: float = LEASE_SECONDS) -> None:
        self.output = output
        self.run_id = run_id
        self.path = lock_path(output)
        self.lease = lease_seconds
        #: The dead holder whose lock this one took over (its leftovers may be removed).
        self.taken_from: Holder | None = None
        self._token: str | None = None
        self._started = time.time()
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None

    def _claim(self) -> bytes:
        now = time.time()
        holder = Holder(
            self.run_id, socket.gethostname(), os.getpid(), self._started, now + self.lease
        )
        return holder.to_bytes()

    def try_acquire(self) -> Holder | None:
        """Take the lock if it is free or its holder is dead; else the live holder."""
        while True:
            token = objects.create_exclusive(self.path, self._claim())
            if token is not None:
                self._hold(token)
                return None
            found = objects.read_versioned(self.path)
            if found is None:
                continue  # released meanwhile: try again
            holder = Holder.from_bytes(found[0])
            if holder.run_id == self.run_id:
                raise RuntimeError(f"run {self.run_id} already holds {self.path}")
            if not holder.is_dead(time.time()):
                return holder
            token = objects.replace_if(self.path, self._claim(), found[1])
            if token is not None:
                self.taken_from = holder
                self._hold(token)
                return None

    def acquire(self, wait: bool = False, on_wait: Callable[[Holder], None] | None = None) -> None:
        """Take the lock; raise `LockHeld` naming the holder, or with `wait` wait for it."""
        announced = None
        while True:
            holder = self.try_acquire()
            if holder is None:
                return
            if not wait:
                raise LockHeld(self.output, holder)
            if on_wait is not None and holder != announced:
                on_wait(holder)
                announced = holder
            time.sleep(POLL_SECONDS)

    def _hold(self, token: str) -> None:
        self._token = token
        self._stop.clear()
        self._renewer = threading.Thread(target=self._renew, name="newsbeam-lock", daemon=True)
        self._renewer.start()

    def _renew(self) -> None:
        while not self._stop.wait(self.lease / 4):
            token = self._token
            if token is None:
                return
            try:
                renewed = objects.replace_if(self.path, self._claim(), token)
            except Exception:  # noqa: BLE001 - a failed renewal is retried at the next tick
                continue
            if renewed is None:
                return  # taken over (this process stalled past its lease): stop claiming
            self._token = renewed

    @property
    def held(self) -> bool:
        return self._token is not None

    def release(self) -> None:
        """Give the lock up (only the version this run holds)."""
        self._stop.set()
        if self._renewer is not None:
            self._renewer.join()
        token, self._token = self._token, None
        if token is not None:
            with contextlib.suppress(Exception):
                objects.delete_if(self.path, token)


@contextlib.contextmanager
def held_for(output: str, run_id: str) -> Iterator[OutputLock | None]:
    """The lock of `output` during a commit by `run_id`: already held when the run's
    launcher (`newsbeam run`) holds it (yields None), else taken here, waiting for
    another run to finish, and released afterwards."""
    holder = current_holder(output)
    if holder is not None and holder.run_id == run_id:
        yield None
        return
    lock = OutputLock(output, run_id)
    lock.acquire(wait=True)
    try:
        yield lock
    finally:
        lock.release()
