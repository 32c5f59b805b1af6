"""The local runner newsbeam uses by default.

Beam's `DirectRunner` first tries the Prism runner, which downloads a binary from the
internet (with no timeout) before falling back; offline or behind a firewall that is a
delay or a hang. This runner goes straight to what DirectRunner ends up using: the
FnApiRunner for batch (in-process or one process per core) and the
BundleBasedDirectRunner for streaming, the only local runner that really streams.

A local streaming job runs until stopped: `wait_until_stopped` turns Ctrl-C and SIGTERM
into a clean stop.
"""

from __future__ import annotations

from typing import Any

from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions
from apache_beam.runners.runner import PipelineResult, PipelineRunner

from newsbeam.stopping import signals_interrupt

RUNNER_PATH = "newsbeam.local_runner.LocalRunner"

#: Longest a local Pub/Sub pull waits for messages (seconds). See `_short_local_pulls`.
LOCAL_PULL_SECONDS = 1.0


class LocalRunner(PipelineRunner):
    def run_pipeline(self, pipeline, options: PipelineOptions):
        if options.view_as(StandardOptions).streaming:
            from apache_beam.runners.direct.direct_runner import BundleBasedDirectRunner

            _short_local_pulls()
            return BundleBasedDirectRunner().run_pipeline(pipeline, options)

        from apache_beam.portability.api import beam_provision_api_pb2
        from apache_beam.runners.portability.fn_api_runner import fn_runner
        from apache_beam.runners.portability.portable_runner import JobServiceHandle

        encoded = JobServiceHandle.encode_pipeline_options(options.get_all_options())
        provision = fn_runner.ExtendedProvisionInfo(
            beam_provision_api_pb2.ProvisionInfo(pipeline_options=encoded)
        )
        return fn_runner.FnApiRunner(provision_info=provision).run_pipeline(pipeline, options)


def _short_local_pulls() -> None:
    """Make the BundleBasedDirectRunner's Pub/Sub pulls wait at most LOCAL_PULL_SECONDS.

    Beam's local reader waits up to 30 s for messages on the runner's only worker thread,
    so while the input is idle every other step, window firing included, waits with it
    and a stop takes as long. A shorter wait only means more (cheap) empty pulls. This
    replaces one method of a private Beam class (apache-beam is pinned to one minor
    version); Dataflow reads Pub/Sub its own way and is unaffected.
    """
    from apache_beam.runners.direct.transform_evaluator import _PubSubReadEvaluator

    reader: Any = _PubSubReadEvaluator
    if getattr(reader, "_newsbeam_short_pulls", False):
        return
    beam_client = reader._get_subscriber_client.__func__

    def short_pull_client(cls, transform):
        return _ShortPulls(beam_client(cls, transform))

    reader._get_subscriber_client = classmethod(short_pull_client)
    reader._newsbeam_short_pulls = True


class _ShortPulls:
    """A Pub/Sub subscriber client whose pulls wait at most LOCAL_PULL_SECONDS."""

    def __init__(self, client) -> None:
        self._client = client

    def pull(self, **request):
        return self._client.pull(**{**request, "timeout": LOCAL_PULL_SECONDS})

    def __getattr__(self, name: str):
        return getattr(self._client, name)


def is_local_streaming(options: PipelineOptions) -> bool:
    standard = options.view_as(StandardOptions)
    return bool(standard.streaming) and standard.runner == RUNNER_PATH


def wait_until_stopped(result: PipelineResult) -> None:
    """Wait for a local streaming job until Ctrl-C or SIGTERM, then stop it.

    The BundleBasedDirectRunner stops by letting the bundle in progress finish (so a file
    being written is completed and renamed into place, never left half-written) and
    starting no other. Rows still waiting in an open window are not written: the local
    Pub/Sub reader acknowledged their messages already, so stop a job once the last
    window's files are out (Dataflow's drain is the way to flush windows there).
    """
    with signals_interrupt():
        try:
            result.wait_until_finish()
        except KeyboardInterrupt:
            result.cancel()
