"""Flex Template entry point (FLEX_TEMPLATE_PYTHON_PY_FILE in deploy/Dockerfile).

Dataflow's launcher runs `python main.py --runner=DataflowRunner --project=... <template
parameters>`; this builds the same graph as `newsbeam run` with `build_pipeline` and
hands it to the runner, which under the launcher writes the job for Dataflow to start.
"""

from __future__ import annotations

import logging
import sys

from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions
from apache_beam.runners.runner import PipelineResult

from newsbeam.build import build_pipeline
from newsbeam.options import NewsbeamOptions


def launch(argv: list[str]) -> PipelineResult:
    """Build the job from command-line options and submit it (without waiting for it).

    A job given `input_subscription` is a streaming job: template parameters are
    name=value pairs and cannot carry Beam's value-less `--streaming` flag.
    """
    options = PipelineOptions(argv)
    nb = options.view_as(NewsbeamOptions)
    if not (nb.inputs or nb.input_subscription):
        raise ValueError("give input (a batch job) or input_subscription (a streaming job)")
    if nb.input_subscription:
        options.view_as(StandardOptions).streaming = True
    return build_pipeline(options).run()


if __name__ == "__main__":
    logging.getLogger().setLevel(logging.INFO)
    launch(sys.argv[1:])
