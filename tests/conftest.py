"""Shared fixtures: paths to the seeds and ../shared data, and local test pipelines."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.test_pipeline import TestPipeline

from newsbeam.local_runner import LocalRunner

pytest_plugins = ["tests.gcs_emulator", "tests.pubsub_emulator"]

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "tests" / "fixtures" / "time-pompeo-putin.txt"
SHARED = REPO.parent / "shared"

INGESTED = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.timezone.utc)


#: Under CI (`CI=true`) a missing component fails the tests that need it: a skip there
#: would let a green run hide that the quality floors, the streaming end-to-end test or
#: the browser tests never ran (`.ci/run` installs what they need).
IN_CI = os.environ.get("CI", "").lower() == "true"


def missing(reason: str) -> None:
    """Skip the test for `reason` (a component is absent); fail it instead under CI."""
    if IN_CI:
        pytest.fail(f"required under CI: {reason}", pytrace=False)
    pytest.skip(reason)


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip (fail under CI) with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        missing(f"{path} not present: ../shared data is not beside this checkout")
    return path


def local_test_pipeline(*flags: str) -> TestPipeline:
    """A TestPipeline on newsbeam's local runner (no Prism download attempt)."""
    return TestPipeline(runner=LocalRunner(), options=PipelineOptions(list(flags)))


@pytest.fixture(scope="session")
def nlp():
    from newsbeam.transforms.nlp import load_nlp

    return load_nlp()
