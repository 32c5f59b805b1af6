"""Classify stage (interim): every article gets topic "other" until the IPTC classifier lands."""

from __future__ import annotations

from dataclasses import replace

import apache_beam as beam


class ClassifyTopics(beam.PTransform):
    def __init__(self, model_path: str | None = None, threshold: float | None = None) -> None:
        super().__init__()

    def expand(self, articles):
        return articles | "Unclassified" >> beam.Map(lambda a: replace(a, topics=[], topic="other"))
