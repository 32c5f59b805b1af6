"""Wiring: the newsbeam graph, built from options and returned unrun.

`build_pipeline` reads like the product: read | clean | annotate | classify | date |
write. The CLI runs it locally, tests run it on TestPipeline-like runners, and the
Dataflow launcher submits the very same graph.
"""

from __future__ import annotations

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

from newsbeam import __version__
from newsbeam.options import (
    NewsbeamOptions,
    allowed_roots_of,
    inputs_of,
    output_of,
    validate,
    write_mode_of,
)
from newsbeam.transforms.annotate import AnnotateArticles
from newsbeam.transforms.boilerplate import LINES, LearnBoilerplate
from newsbeam.transforms.clean import CleanArticles
from newsbeam.transforms.dataset import new_run_id
from newsbeam.transforms.dates import AssignDates
from newsbeam.transforms.deadletter import ARTICLES, ERRORS
from newsbeam.transforms.notifications import ReadNotifications
from newsbeam.transforms.publishers import AgreePublishers
from newsbeam.transforms.read import ReadArticles
from newsbeam.transforms.topics import ClassifyTopics
from newsbeam.transforms.write import WriteTables


def build_pipeline(
    options: PipelineOptions, pipeline: beam.Pipeline | None = None
) -> beam.Pipeline:
    """The newsbeam graph on `pipeline` (a new `beam.Pipeline(options=options)` by default)."""
    validate(options)
    nb = options.view_as(NewsbeamOptions)
    nb.output = output_of(options)
    p = pipeline if pipeline is not None else beam.Pipeline(options=options)

    read = p | "ReadArticles" >> _source(options)
    learned = read[LINES] | "LearnBoilerplate" >> LearnBoilerplate(
        nb.boilerplate_min_articles, nb.boilerplate_min_share
    )
    agreed = read[ARTICLES] | "AgreePublishers" >> AgreePublishers()
    cleaned = agreed | "CleanArticles" >> CleanArticles(learned)
    annotated = cleaned[ARTICLES] | "AnnotateArticles" >> AnnotateArticles(
        nb.spacy_model, nb.nlp_batch_size, nb.max_article_chars
    )
    classified = annotated[ARTICLES] | "ClassifyTopics" >> ClassifyTopics(
        nb.topic_model, nb.topic_threshold
    )
    dated = classified[ARTICLES] | "AssignDates" >> AssignDates()
    errors = (
        read[ERRORS],
        cleaned[ERRORS],
        annotated[ERRORS],
        classified[ERRORS],
        dated[ERRORS],
    ) | "CollectErrors" >> beam.Flatten()
    nb.run_id = nb.run_id or new_run_id()
    _ = {ARTICLES: dated[ARTICLES], ERRORS: errors} | "WriteTables" >> WriteTables(
        nb.output, write_mode_of(options), __version__, nb.run_id
    )
    return p


def _source(options: PipelineOptions) -> beam.PTransform:
    """Batch: the --input files. Streaming: files notified on --input_subscription, windowed."""
    nb = options.view_as(NewsbeamOptions)
    if options.view_as(StandardOptions).streaming:
        return ReadNotifications(
            nb.input_subscription,
            nb.window_seconds,
            nb.max_file_bytes,
            allowed_roots_of(options),
            nb.dedupe_seconds,
        )
    return ReadArticles(inputs_of(options), nb.max_file_bytes, allowed_roots_of(options))
