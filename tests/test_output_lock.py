"""Issue 31, case 2: the output lock, on local disk and on gs:// (the storage emulator
with Cloud Storage's generation preconditions, tests/gcs_preconditions.py).

One holder at a time; the second is refused with the holder's name; a dead holder
(its lease ran out, or its pid is gone on this host) is taken over; a live holder's
lease is renewed; racing takers never both win.
"""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest

from newsbeam.transforms.dataset import LockHeld, OutputLock, current_holder
from newsbeam.transforms.dataset.lock import Holder, lock_path
from newsbeam.transforms.dataset.objects import read_bytes, write_atomic


@pytest.fixture(params=["local", "gcs"])
def output(request, tmp_path):
    if request.param == "local":
        return str(tmp_path / "out")
    emulator = request.getfixturevalue("gcs_emulator")
    return f"gs://{emulator.bucket}/lock-{time.monotonic_ns()}/out"


def _plant(output: str, **changes) -> Holder:
    """A lock object as another run would have left it."""
    fields = {
        "run_id": "20260101T000000-deadbeef",
        "host": "another-host",
        "pid": 4242,
        "started_at": time.time() - 60,
        "expires_at": time.time() + 600,
        **changes,
    }
    write_atomic(lock_path(output), json.dumps(fields).encode())
    return Holder(**fields)


def test_second_run_is_refused_naming_the_holder_until_release(output):
    first = OutputLock(output, "20260101T000000-00000001")
    first.acquire()
    second = OutputLock(output, "20260101T000000-00000002")
    with pytest.raises(LockHeld) as refused:
        second.acquire()
    message = str(refused.value)
    assert "\n" not in message
    assert f"run 20260101T000000-00000001 (host {socket.gethostname()}, pid " in message
    assert current_holder(output).run_id == "20260101T000000-00000001"
    first.release()
    assert read_bytes(lock_path(output)) is None
    second.acquire()
    assert current_holder(output).run_id == "20260101T000000-00000002"
    second.release()


def test_a_live_holder_on_another_host_blocks(output):
    planted = _plant(output)
    with pytest.raises(LockHeld):
        OutputLock(output, "20260101T000000-00000003").acquire()
    assert current_holder(output) == planted


def test_an_expired_lease_is_taken_over(output):
    planted = _plant(output, expires_at=time.time() - 1)
    lock = OutputLock(output, "20260101T000000-00000004")
    lock.acquire()
    assert lock.taken_from == planted
    assert current_holder(output).run_id == "20260101T000000-00000004"
    lock.release()


def test_a_dead_process_on_this_host_is_taken_over_at_once(output):
    import subprocess

    dead_pid = subprocess.Popen(["true"])
    dead_pid.wait()
    planted = _plant(output, host=socket.gethostname(), pid=dead_pid.pid)
    lock = OutputLock(output, "20260101T000000-00000005")
    lock.acquire()
    assert lock.taken_from == planted
    lock.release()


def test_the_holder_renews_its_lease(output):
    lock = OutputLock(output, "20260101T000000-00000006", lease_seconds=1.2)
    lock.acquire()
    first_expiry = current_holder(output).expires_at
    time.sleep(2.5)  # two lease lengths: without renewal it would have expired
    holder = current_holder(output)
    assert holder.expires_at > first_expiry
    assert not holder.is_dead(time.time())
    with pytest.raises(LockHeld):
        OutputLock(output, "20260101T000000-00000007").acquire()
    lock.release()


def test_racing_takers_never_both_win(output):
    _plant(output, expires_at=time.time() - 1)  # free for the taking, by one of them
    winners: list[str] = []
    barrier = threading.Barrier(4)

    def take(n: int) -> None:
        lock = OutputLock(output, f"20260101T000000-1000000{n}")
        barrier.wait()
        if lock.try_acquire() is None:
            winners.append(lock.run_id)
            lock._stop.set()  # keep holding, without renewals, until the test ends

    threads = [threading.Thread(target=take, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(winners) == 1
    assert current_holder(output).run_id == winners[0]


def test_waiting_for_the_lock_gets_it_once_released(output):
    first = OutputLock(output, "20260101T000000-00000008")
    first.acquire()
    seen: list[Holder] = []
    threading.Timer(1.0, first.release).start()
    second = OutputLock(output, "20260101T000000-00000009")
    second.acquire(wait=True, on_wait=seen.append)
    assert [h.run_id for h in seen] == ["20260101T000000-00000008"]
    assert current_holder(output).run_id == "20260101T000000-00000009"
    second.release()
