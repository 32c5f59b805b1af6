"""Stopping long-running commands (a local streaming job, `newsbeam watch`) by signal."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def signals_interrupt() -> Iterator[None]:
    """Inside, SIGINT and SIGTERM raise KeyboardInterrupt in the main thread.

    SIGTERM is what service managers and `kill` send; SIGINT is set explicitly because a
    command started in the background of a script inherits SIGINT ignored. Outside the
    main thread (where Python cannot set handlers) this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = [signal.signal(s, _interrupt) for s in STOP_SIGNALS]
    try:
        yield
    finally:
        for stop, handler in zip(STOP_SIGNALS, previous):
            signal.signal(stop, handler)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt
