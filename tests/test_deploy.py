"""deploy/: the Flex Template metadata matches the pipeline's options, the container image
is consistent with the package (Docker cannot run here, so its inputs are checked), and
gcloud accepts the template spec (offline, `--print-only`)."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess

import apache_beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions

from newsbeam.options import DEFAULT_INPUTS, DEFAULT_OUTPUT, NewsbeamOptions, validate
from tests.conftest import REPO

DEPLOY = REPO / "deploy"
METADATA = json.loads((DEPLOY / "metadata.json").read_text())
PARAMETERS = {p["name"]: p for p in METADATA["parameters"]}
DOCKERFILE = (DEPLOY / "Dockerfile").read_text()
#: Parameters whose pipeline defaults are local paths, meaningless on Dataflow.
LOCAL_DEFAULTS = {"input": DEFAULT_INPUTS[0], "output": DEFAULT_OUTPUT}
#: Parameters every job needs (batch jobs also need input, streaming ones input_subscription).
REQUIRED = {"output"}
#: Values tried against every parameter's regexes.
CANDIDATES = ["0", "1", "-1", "32", "0.5", "1.0", "1.5", "abc", "upsert", "gs://b/x", "x y"]


def _pipeline_options() -> dict[str, argparse.Action]:
    """NewsbeamOptions by flag name (without the dashes)."""
    parser = argparse.ArgumentParser()
    NewsbeamOptions._add_argparse_args(parser)
    return {a.option_strings[0][2:]: a for a in parser._actions if a.dest != "help"}


def _accepted(parameter: dict, value: str) -> bool:
    return all(re.fullmatch(regex, value) for regex in parameter["regexes"])


def test_metadata_has_every_option_and_no_other():
    assert set(PARAMETERS) == set(_pipeline_options())


def test_every_parameter_is_documented_and_validated():
    for name, parameter in PARAMETERS.items():
        assert parameter["label"] and parameter["helpText"], name
        assert parameter["regexes"], name
        assert parameter["isOptional"] == (name not in REQUIRED), name


def test_regexes_accept_the_defaults_and_choices():
    for name, action in _pipeline_options().items():
        parameter = PARAMETERS[name]
        if name in LOCAL_DEFAULTS:
            assert not _accepted(parameter, LOCAL_DEFAULTS[name]), f"{name}: local default"
            assert _accepted(parameter, "gs://my-bucket/news/") and _accepted(
                parameter, "gs://my.bucket_1/raw/**"
            )
        elif action.default is not None:
            assert _accepted(parameter, str(action.default)), name
        for choice in action.choices or []:
            assert _accepted(parameter, choice), (name, choice)


def test_regexes_let_through_only_values_the_pipeline_accepts():
    required = ["--input=gs://b/raw/**", "--output=gs://b/news"]
    for name, parameter in PARAMETERS.items():
        for value in CANDIDATES:
            if name not in LOCAL_DEFAULTS and _accepted(parameter, value):
                try:
                    validate(PipelineOptions([*required, f"--{name}={value}"]))
                except (ValueError, SystemExit) as exc:
                    pytest.fail(
                        f"--{name}={value} passes the template regex but not the pipeline: {exc}"
                    )


def _pinned_beam() -> str:
    (version,) = re.findall(
        r'"apache-beam\[gcp\]==([\d.]+)"', (REPO / "pyproject.toml").read_text()
    )
    return version


def test_image_beam_is_the_pinned_beam():
    (image_beam,) = re.findall(r"^ARG BEAM_VERSION=([\d.]+)$", DOCKERFILE, re.M)
    assert image_beam == _pinned_beam() == apache_beam.__version__
    assert "FROM apache/beam_python3.11_sdk:${BEAM_VERSION} AS beam_sdk" in DOCKERFILE
    assert '"apache-beam[gcp]==${BEAM_VERSION}"' in DOCKERFILE


def test_image_is_sdk_worker_and_flex_launcher():
    assert re.search(r"^FROM python:3\.11-slim$", DOCKERFILE, re.M)
    assert "/python311-template-launcher-base:" in DOCKERFILE
    assert re.search(r'^ENTRYPOINT \["/opt/apache/beam/boot"\]$', DOCKERFILE, re.M)
    copies = re.findall(r"^COPY (?!--from)(.+) (\S+)$", DOCKERFILE, re.M)
    for sources, _ in copies:
        for source in sources.split():
            assert (REPO / source).exists(), f"Dockerfile copies missing {source}"
    copied = {source for sources, _ in copies for source in sources.split()}
    pyproject = (REPO / "pyproject.toml").read_text()
    build_files = re.findall(r'^(?:readme|license-files) = \[?"([^"]+)"', pyproject, re.M)
    assert {"pyproject.toml", *build_files} <= copied, "pip install . needs these files"
    (workdir,) = re.findall(r"^WORKDIR (\S+)$", DOCKERFILE, re.M)
    (entry,) = re.findall(r"^ENV FLEX_TEMPLATE_PYTHON_PY_FILE=(\S+)$", DOCKERFILE, re.M)
    assert ("deploy/main.py", "./main.py") in copies and entry == f"{workdir}/main.py"


@pytest.mark.skipif(
    shutil.which("gcloud") is None, reason="gcloud (google-cloud-cli) not installed"
)
def test_gcloud_accepts_the_template_spec(tmp_path):
    image = "europe-west1-docker.pkg.dev/newsbeam-test/newsbeam/newsbeam:test"
    env = {
        **os.environ,
        "CLOUDSDK_CONFIG": str(tmp_path),  # a blank gcloud configuration: no account, offline
        "CLOUDSDK_CORE_DISABLE_USAGE_REPORTING": "true",
        "CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK": "true",
    }
    result = subprocess.run(
        [
            "gcloud", "dataflow", "flex-template", "build", "gs://newsbeam-test/t.json",
            f"--image={image}", "--sdk-language=PYTHON", "--print-only",
            f"--metadata-file={DEPLOY / 'metadata.json'}", "--project=newsbeam-test",
        ],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    spec = json.loads(result.stdout.split("\n", 1)[1])  # after the YAML block marker "|-"
    assert spec["image"] == image and spec["sdkInfo"] == {"language": "PYTHON"}
    assert [p["name"] for p in spec["metadata"]["parameters"]] == list(PARAMETERS)
