"""Pub/Sub resource paths, checked without importing Beam (`newsbeam watch` starts fast)."""

from __future__ import annotations

import re

_PROJECT = r"projects/[a-z][-a-z0-9]{4,28}[a-z0-9]"
_NAME = r"[A-Za-z][-\w.~+%]{2,254}"
_SUBSCRIPTION = re.compile(rf"{_PROJECT}/subscriptions/{_NAME}")
_TOPIC = re.compile(rf"{_PROJECT}/topics/{_NAME}")


def is_subscription_path(path: str) -> bool:
    """Whether `path` is projects/P/subscriptions/S with valid project and name."""
    return bool(_SUBSCRIPTION.fullmatch(path))


def is_topic_path(path: str) -> bool:
    """Whether `path` is projects/P/topics/T with valid project and name."""
    return bool(_TOPIC.fullmatch(path))
