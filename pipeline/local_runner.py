"""The local runner newsbeam uses by default.

Beam's `DirectRunner` first tries the Prism runner, which downloads a binary from the
internet (with no timeout) before falling back; offline or behind a firewall that is a
delay or a hang. This runner goes straight to what DirectRunner ends up using: the
FnApiRunner for batch (in-process or one process per core) and the
BundleBasedDirectRunner for streaming, the only local runner that really streams.
"""

from __future__ import annotations

from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions
from apache_beam.runners.runner import PipelineRunner

RUNNER_PATH = "pipeline.local_runner.LocalRunner"


class LocalRunner(PipelineRunner):
    def run_pipeline(self, pipeline, options: PipelineOptions):
        if options.view_as(StandardOptions).streaming:
            from apache_beam.runners.direct.direct_runner import BundleBasedDirectRunner

            return BundleBasedDirectRunner().run_pipeline(pipeline, options)

        from apache_beam.portability.api import beam_provision_api_pb2
        from apache_beam.runners.portability.fn_api_runner import fn_runner
        from apache_beam.runners.portability.portable_runner import JobServiceHandle

        encoded = JobServiceHandle.encode_pipeline_options(options.get_all_options())
        provision = fn_runner.ExtendedProvisionInfo(
            beam_provision_api_pb2.ProvisionInfo(pipeline_options=encoded)
        )
        return fn_runner.FnApiRunner(provision_info=provision).run_pipeline(pipeline, options)
