"""The end-of-run summary, built from Beam metrics (works for any runner that reports them).

It accounts for every input: each matched file was read or claimed as a sidecar; each
file read was rejected whole or parsed into records; each record became an article, a
dead letter or a counted skip; each article read was written, dropped as a duplicate,
read twice (the same record of the same file) or failed in a later stage. The counts on
the two sides of each equation come from different steps of the graph (the error rows
are counted by the writer, as written), so a record lost anywhere in between shows as
an equation that does not add up.
"""

from __future__ import annotations

from collections.abc import Mapping

from apache_beam.metrics.metric import MetricsFilter
from apache_beam.runners.runner import PipelineResult

from newsbeam.transforms.metrics import (
    ARTICLES_NOT_ANNOTATED,
    ARTICLES_READ,
    ARTICLES_REREAD,
    ARTICLES_WRITTEN,
    BOILERPLATE_LINES_REMOVED,
    DUPLICATES,
    ENTITIES_WRITTEN,
    ERRORS_BY_KIND,
    ERRORS_BY_STAGE,
    ERRORS_WRITTEN,
    FILES_MATCHED,
    FILES_PARSED,
    FILES_READ,
    FILES_REJECTED,
    INPUTS_IGNORED,
    INPUTS_REJECTED,
    LANGUAGE,
    NAMESPACE,
    QUOTES_WRITTEN,
    RECORDS_REJECTED,
    RECORDS_SKIPPED,
    SIDECAR_NOTES,
    SIDECARS_CLAIMED,
    by_prefix,
)
from newsbeam.transforms.read import DUPLICATE, STAGE

#: Marks an equation whose sides differ: some input was lost (or counted twice).
MISMATCH = "DOES NOT ADD UP"


def counters(result: PipelineResult) -> dict[str, int]:
    """Committed counter values of the newsbeam namespace, by name."""
    query = result.metrics().query(MetricsFilter().with_namespace(NAMESPACE))
    totals: dict[str, int] = {}
    for counter in query["counters"]:
        name = counter.key.metric.name
        totals[name] = totals.get(name, 0) + (counter.committed or 0)
    return totals


def _breakdown(parts: Mapping[str, int]) -> str:
    return " (" + ", ".join(f"{k}: {v}" for k, v in parts.items()) + ")" if parts else ""


def _equation(total: int, terms: list[tuple[int, str]]) -> str:
    """`total = a what + b what ...`, flagged when the terms do not sum to `total`."""
    line = f"{total} = " + " + ".join(f"{n} {what}" for n, what in terms)
    rest = total - sum(n for n, _ in terms)
    return line if rest == 0 else f"{line}   <- {MISMATCH}: {rest:+d}"


def accounting(values: Mapping[str, int]) -> list[str]:
    """The equations that account for every input, as `label: equation` lines."""
    get = values.get
    skipped = by_prefix(values, RECORDS_SKIPPED)
    stages = by_prefix(values, ERRORS_BY_STAGE)
    after_read = {k: v for k, v in stages.items() if k != STAGE}
    duplicates = by_prefix(values, ERRORS_BY_KIND).get(DUPLICATE, 0)
    articles_read = get(ARTICLES_READ, 0)
    bad_records = get(RECORDS_REJECTED, 0)
    records = articles_read + bad_records + sum(skipped.values())
    ignored = by_prefix(values, INPUTS_IGNORED)
    return [
        "inputs:           "
        + _equation(
            get(FILES_MATCHED, 0),
            [(get(FILES_READ, 0), "files read"), (get(SIDECARS_CLAIMED, 0), "sidecars claimed")],
        ),
        f"not inputs:       {sum(ignored.values())}{_breakdown(ignored)}",
        "files read:       "
        + _equation(
            get(FILES_READ, 0),
            [(get(FILES_REJECTED, 0), "rejected whole"), (get(FILES_PARSED, 0), "parsed")],
        ),
        "records:          "
        + _equation(
            records,
            [
                (articles_read, "articles read"),
                (bad_records, "bad records"),
                (sum(skipped.values()), "skipped" + _breakdown(skipped)),
            ],
        ),
        "articles read:    "
        + _equation(
            articles_read,
            [
                (get(ARTICLES_WRITTEN, 0), "written"),
                (duplicates, "duplicates"),
                *([(get(ARTICLES_REREAD, 0), "read twice")] if get(ARTICLES_REREAD) else []),
                (sum(after_read.values()), "failed after read" + _breakdown(after_read)),
            ],
        ),
        "error rows:       "
        + _equation(
            get(ERRORS_WRITTEN, 0),
            [
                (get(INPUTS_REJECTED, 0), "listing errors"),
                (get(FILES_REJECTED, 0), "files rejected"),
                (bad_records, "bad records"),
                (get(SIDECAR_NOTES, 0), "sidecar notes"),
                (get(DUPLICATES, 0), "duplicates"),
                (sum(after_read.values()), "failed after read"),
            ],
        ),
    ]


def _not_annotated(values: Mapping[str, int]) -> str:
    skipped = values.get(ARTICLES_NOT_ANNOTATED, 0)
    return (
        f" ({skipped} not in the model's language: no entities, quotes or topic)" if skipped else ""
    )


def render_summary(values: dict[str, int], output: str) -> str:
    """A few lines a person reads at the end of a run."""
    lines = [
        *accounting(values),
        f"errors by kind:   {_breakdown(by_prefix(values, ERRORS_BY_KIND))[2:-1] or 'none'}",
        f"lines stripped:   {values.get(BOILERPLATE_LINES_REMOVED, 0)}",
        f"languages:        {_breakdown(by_prefix(values, LANGUAGE))[2:-1] or 'none'}"
        + _not_annotated(values),
        f"entities:         {values.get(ENTITIES_WRITTEN, 0)}",
        f"quotes:           {values.get(QUOTES_WRITTEN, 0)}",
        f"output:           {output}",
    ]
    return "\n".join(lines)
