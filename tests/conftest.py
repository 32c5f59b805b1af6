"""Shared fixtures: paths to the seeds and ../shared data, and local test pipelines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.test_pipeline import TestPipeline

from newsbeam.local_runner import LocalRunner

pytest_plugins = ["tests.gcs_emulator", "tests.pubsub_emulator"]

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "time-pompeo-putin.txt"
SHARED = REPO.parent / "shared"

INGESTED = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.timezone.utc)


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present: ../shared data is not beside this checkout")
    return path


def local_test_pipeline(*flags: str) -> TestPipeline:
    """A TestPipeline on newsbeam's local runner (no Prism download attempt)."""
    return TestPipeline(runner=LocalRunner(), options=PipelineOptions(list(flags)))


@pytest.fixture(scope="session")
def nlp():
    from newsbeam.transforms.nlp import load_nlp

    return load_nlp()
