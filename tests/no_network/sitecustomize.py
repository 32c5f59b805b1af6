"""Test-only start-up hook: this Python process may not use the network.

A test puts this folder first on PYTHONPATH of a process it starts (the CLI, `make`'s
commands and whatever they start in turn), so Python imports this module at start-up.
Every attempt to resolve a name or to connect an internet socket fails at once with
OSError, and is appended to the file named by NEWSBEAM_NETWORK_LOG: the test reads that
file to prove that nothing tried (an attempt a program swallows still shows there).
"""

from __future__ import annotations

import os
import socket

LOG_VARIABLE = "NEWSBEAM_NETWORK_LOG"
_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def _refuse(what: str) -> OSError:
    log = os.environ.get(LOG_VARIABLE)
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {what}\n")
    return OSError(f"network refused in this test: {what}")


def _refuse_connect(sock, address):
    if sock.family == socket.AF_UNIX:
        return _connect(sock, address)
    raise _refuse(f"connect {address}")


def _refuse_connect_ex(sock, address):
    if sock.family == socket.AF_UNIX:
        return _connect_ex(sock, address)
    _refuse(f"connect {address}")
    return 111  # ECONNREFUSED


def _refuse_resolve(host, *args, **kwargs):
    raise _refuse(f"resolve {host}")


socket.socket.connect = _refuse_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _refuse_connect_ex  # type: ignore[method-assign]
socket.getaddrinfo = _refuse_resolve
