"""The Dataflow job, translated offline: `--runner=DataflowRunner --dry_run=True` through the
Flex Template entry point (deploy/main.py, hence the real `build_pipeline`).

A dry run stops right before submission and keeps the translated job (`result.job`): the
Dataflow job message (its type) and the portable pipeline proto Dataflow runs (every
transform, every PCollection, the worker environment). Sockets are refused during the
translation, so nothing in it needs the network (no gs:// validation, no credentials).
Each mode costs about 5 s.
"""

from __future__ import annotations

import importlib.util
import socket

import pytest
from apache_beam.portability.api import beam_runner_api_pb2
from google.cloud.dataflow_v1beta3 import JobType

from tests.conftest import REPO

IMAGE = "europe-west1-docker.pkg.dev/newsbeam-test/newsbeam/newsbeam:test"
DATAFLOW = [
    "--runner=DataflowRunner",
    "--dry_run=True",
    "--project=newsbeam-test",
    "--region=europe-west1",
    "--temp_location=gs://newsbeam-test-bucket/tmp",
    "--output=gs://newsbeam-test-bucket/news",
    f"--sdk_container_image={IMAGE}",
]
#: mode -> (its flags, the Dataflow job type it must produce). Add a mode here to cover it.
MODES = {
    "batch": (["--input=gs://newsbeam-test-bucket/raw/**"], JobType.JOB_TYPE_BATCH),
    "streaming": (
        ["--input_subscription=projects/newsbeam-test/subscriptions/news-files"],
        JobType.JOB_TYPE_STREAMING,
    ),
}
#: The product, in order: each stage feeds the next.
STAGES = [
    "ReadArticles",
    "AgreePublishers",
    "CleanArticles",
    "AnnotateArticles",
    "ClassifyTopics",
    "AssignDates",
]
WRITE, ERRORS = "WriteTables", "CollectErrors"
#: Stages with an errors output, all of which must reach the errors table.
ERROR_SOURCES = {"ReadArticles", "CleanArticles", "AnnotateArticles", "AssignDates"}


def _flex_entry_point():
    spec = importlib.util.spec_from_file_location("flex_main", REPO / "deploy" / "main.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module", params=sorted(MODES))
def translated(request):
    """(mode, Dataflow job) of a dry run with no network allowed."""
    flags, _ = MODES[request.param]
    attempts: list = []

    def refuse(sock, address):
        attempts.append(address)
        raise OSError(f"network access during the dry run: {address}")

    launch = _flex_entry_point().launch
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse)
        result = launch([*DATAFLOW, *flags])
    assert attempts == [], "the dry run tried the network"
    return request.param, result.job


class _Graph:
    """The top-level transforms of a pipeline proto and the PCollections between them."""

    def __init__(self, proto: beam_runner_api_pb2.Pipeline) -> None:
        transforms = proto.components.transforms
        (root,) = proto.root_transform_ids
        top = [transforms[i] for i in transforms[root].subtransforms]
        self.names = {t.unique_name for t in top}
        self._inputs = {t.unique_name: set(t.inputs.values()) for t in top}
        self._outputs = {t.unique_name: set(t.outputs.values()) for t in top}

    def feeds(self, producer: str, consumer: str) -> bool:
        return bool(self._outputs[producer] & self._inputs[consumer])

    def producers_of_inputs(self, consumer: str) -> set[str]:
        return {name for name in self.names if self.feeds(name, consumer)}


def test_job_type(translated):
    mode, job = translated
    assert job.proto.type_ == MODES[mode][1]


def test_job_has_every_stage_in_order(translated):
    _, job = translated
    graph = _Graph(job.proto_pipeline)
    assert {*STAGES, ERRORS, WRITE} <= graph.names
    for producer, consumer in zip(STAGES, [*STAGES[1:], WRITE]):
        assert graph.feeds(producer, consumer), f"{producer} does not feed {consumer}"


def test_every_errors_output_reaches_the_writer(translated):
    _, job = translated
    graph = _Graph(job.proto_pipeline)
    assert ERROR_SOURCES <= graph.producers_of_inputs(ERRORS)
    assert graph.feeds(ERRORS, WRITE)


def _images(job) -> set[str]:
    """The container images of the job's worker environments."""
    return {
        beam_runner_api_pb2.DockerPayload.FromString(env.payload).container_image
        for env in job.proto_pipeline.components.environments.values()
    }


def test_workers_run_the_given_container_image(translated):
    _, job = translated
    environments = job.proto_pipeline.components.environments.values()
    assert {env.urn for env in environments} == {"beam:env:docker:v1"}
    assert _images(job) == {IMAGE}


def test_a_template_launched_without_an_image_runs_workers_on_its_own_image():
    # The image bakes its own name into NEWSBEAM_IMAGE (deploy/Dockerfile); a launch without
    # sdk_container_image (e.g. from the Console) must not fall back to Beam's stock image.
    own = "europe-west1-docker.pkg.dev/newsbeam-test/newsbeam/newsbeam:baked"
    flags = [f for f in DATAFLOW if not f.startswith("--sdk_container_image")]
    result = _flex_entry_point().launch(
        [*flags, *MODES["batch"][0]], environ={"NEWSBEAM_IMAGE": own}
    )
    assert _images(result.job) == {own}
    given = _flex_entry_point().launch(
        [*DATAFLOW, *MODES["batch"][0]], environ={"NEWSBEAM_IMAGE": own}
    )
    assert _images(given.job) == {IMAGE}  # a given image wins


def test_a_template_launched_with_no_image_at_all_refuses_clearly():
    flags = [f for f in DATAFLOW if not f.startswith("--sdk_container_image")]
    with pytest.raises(ValueError, match="no worker image: give the template parameter "):
        _flex_entry_point().launch([*flags, *MODES["batch"][0]], environ={})


def test_streaming_reads_each_file_version_once_in_state_before_the_windows(translated):
    # The dedupe keeps per-key state with a processing-time timer (Dataflow runs it on
    # Streaming Engine), and it sits before the windows: state is per window.
    mode, job = translated
    transforms = job.proto_pipeline.components.transforms
    dedupe = [t for t in transforms.values() if t.unique_name.endswith("/FirstNoticeOnly")]
    if mode == "batch":
        assert dedupe == []
        return
    (step,) = dedupe
    payload = beam_runner_api_pb2.ParDoPayload.FromString(step.spec.payload)
    assert set(payload.state_specs) == {"seen"}
    (timer,) = payload.timer_family_specs.values()
    assert timer.time_domain == beam_runner_api_pb2.TimeDomain.PROCESSING_TIME
    (window,) = [t for t in transforms.values() if t.unique_name.endswith("ReadArticles/Window")]
    assert set(step.outputs.values()) & set(window.inputs.values())
