"""Streaming windows: fixed windows that fire on time and also without further input.

Every streaming element is stamped with its arrival time (see `StampArrival`), put in
fixed windows of `window_seconds`, and fired by a watermark trigger with processing-time
early firings:

- on time, when the watermark passes the end of the window (Dataflow's normal case:
  about one set of files per partition and window);
- early, one window length after the first element of a pane arrived: when the
  watermark stalls (a local runner's moves only as its reader polls), the window's rows
  are still written.

Panes discard what they fired (no row is written twice), so a window can produce
several files per partition, and an on-time pane after early ones may be empty:
every grouping step downstream skips empty groups. (Beam's local trigger driver takes
an early firing after the window's end for the on-time one and closes the window: a
later duplicate of an article already written there is dropped instead of reported;
the dedupe is keyed by article id, so no other article is affected.)

No element is ever late: a stamp taken on arrival is never behind the watermark. That
matters beyond the windows: Beam's Python `Reshuffle` (in `ParseFiles`) silently drops
elements behind the watermark.

Past a GroupByKey, Beam swaps a processing-time trigger for its "continuation", so dead
letters from before and after a grouping meet in a Flatten with two trigger objects
for the same windows, and Beam logs a long warning for each such Flatten. The filter
below drops that warning when that is the only difference.
"""

from __future__ import annotations

import logging
import time

import apache_beam as beam
from apache_beam.transforms.trigger import AccumulationMode, AfterProcessingTime, AfterWatermark
from apache_beam.transforms.window import FixedWindows, TimestampedValue


def arrival_windows(window_seconds: int) -> beam.WindowInto:
    """Fixed windows of `window_seconds`, fired on time and early (see module doc)."""
    return beam.WindowInto(
        FixedWindows(window_seconds),
        trigger=AfterWatermark(early=AfterProcessingTime(window_seconds)),
        accumulation_mode=AccumulationMode.DISCARDING,
    )


class StampArrival(beam.PTransform):
    """Elements timestamped with the time the pipeline received them.

    Windows then mean "arrived during", which is what a file of new rows is about, and a
    backlog read after a restart lands in the current window instead of being late
    (Beam's local Pub/Sub reader puts its watermark at the wall clock, so a message
    published before the job started, stamped with its publish time, would be dropped).
    """

    def expand(self, pcoll):
        return pcoll | "Stamp" >> beam.Map(lambda element: TimestampedValue(element, time.time()))


def continues(a, b) -> bool:
    """Whether windowings `a` and `b` differ at most by a trigger and its continuation."""
    return (
        a.windowfn == b.windowfn
        and a.accumulation_mode == b.accumulation_mode
        and a.allowed_lateness == b.allowed_lateness
        and repr(a.triggerfn.get_continuation_trigger())
        == repr(b.triggerfn.get_continuation_trigger())
    )


class _ContinuedTriggerFilter(logging.Filter):
    """Drops Beam's Flatten warning when both windowings are the same but for continuation."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        is_flatten_warning = isinstance(record.msg, str) and "same window" in record.msg
        if not (is_flatten_warning and isinstance(args, tuple) and len(args) == 3):
            return True
        flattened, _, own = args
        return not continues(flattened, own)


logging.getLogger("apache_beam.transforms.core").addFilter(_ContinuedTriggerFilter())
