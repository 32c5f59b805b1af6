"""Flex Template entry point (FLEX_TEMPLATE_PYTHON_PY_FILE in deploy/Dockerfile).

Dataflow's launcher runs `python main.py --runner=DataflowRunner --project=... <template
parameters>`; this builds the same graph as `newsbeam run` with `build_pipeline` and
hands it to the runner, which under the launcher writes the job for Dataflow to start.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping

from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions, WorkerOptions
from apache_beam.runners.runner import PipelineResult

from newsbeam.build import build_pipeline
from newsbeam.options import NewsbeamOptions

#: The image's own name, baked in at build time (deploy/Dockerfile, `--build-arg IMAGE=`).
IMAGE_VARIABLE = "NEWSBEAM_IMAGE"


def launch(argv: list[str], environ: Mapping[str, str] = os.environ) -> PipelineResult:
    """Build the job from command-line options and submit it (without waiting for it).

    A job given `input_subscription` is a streaming job: template parameters are
    name=value pairs and cannot carry Beam's value-less `--streaming` flag. Workers run
    the image named by `sdk_container_image`, else this very image (its name is in
    NEWSBEAM_IMAGE): without one of them Dataflow would start its stock Beam image,
    which has no newsbeam, spaCy or model, and every work item would fail.
    """
    options = PipelineOptions(argv)
    nb = options.view_as(NewsbeamOptions)
    if not (nb.inputs or nb.input_subscription):
        raise ValueError("give input (a batch job) or input_subscription (a streaming job)")
    if nb.input_subscription:
        options.view_as(StandardOptions).streaming = True
    worker = options.view_as(WorkerOptions)
    if not worker.sdk_container_image:
        worker.sdk_container_image = environ.get(IMAGE_VARIABLE) or None
    if not worker.sdk_container_image:
        raise ValueError(
            "no worker image: give the template parameter sdk_container_image (the image "
            f"the template was built from), or build the image with --build-arg IMAGE=NAME "
            f"so that it knows its own name ({IMAGE_VARIABLE})"
        )
    return build_pipeline(options).run()


if __name__ == "__main__":
    logging.getLogger().setLevel(logging.INFO)
    try:
        launch(sys.argv[1:])
    except ValueError as exc:  # a bad parameter: one line in the launcher's log
        logging.error("newsbeam template: %s", exc)
        sys.exit(2)
