"""The end-of-run summary, built from Beam metrics (works for any runner that reports them)."""

from __future__ import annotations

from apache_beam.metrics.metric import MetricsFilter
from apache_beam.runners.runner import PipelineResult

from transforms.deadletter import METRICS_NAMESPACE


def counters(result: PipelineResult) -> dict[str, int]:
    """Committed counter values of the newsbeam namespace, by name."""
    query = result.metrics().query(MetricsFilter().with_namespace(METRICS_NAMESPACE))
    totals: dict[str, int] = {}
    for counter in query["counters"]:
        name = counter.key.metric.name
        totals[name] = totals.get(name, 0) + (counter.committed or 0)
    return totals


def render_summary(values: dict[str, int], output: str) -> str:
    """A few lines a person reads at the end of a run."""
    errors = {k.split(".", 1)[1]: v for k, v in values.items() if k.startswith("errors.")}
    lines = [
        f"files read:       {values.get('files_read', 0)}",
        f"articles read:    {values.get('articles_read', 0)}",
        f"articles written: {values.get('articles_rows_written', 0)}",
        f"lines stripped:   {values.get('boilerplate_lines_removed', 0)}",
        f"entities:         {values.get('entities_rows_written', 0)}",
        f"quotes:           {values.get('quotes_rows_written', 0)}",
        f"errors:           {values.get('errors_rows_written', 0)}"
        + (
            " (" + ", ".join(f"{k}: {v}" for k, v in sorted(errors.items())) + ")" if errors else ""
        ),
        f"output:           {output}",
    ]
    return "\n".join(lines)
