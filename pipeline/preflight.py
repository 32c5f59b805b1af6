"""Checks before a run touches Google Cloud: credentials and buckets, each one line.

Without them a run learns late and loudly: Beam's credential discovery retries for
20-25 s, logging a traceback per try, before it connects anonymously; a missing bucket
then surfaces as a raw `('Request failed with status code', 404, ...)` tuple. Here
`google.auth.default()` is asked once (about 1 s when there is nothing to find) and
each bucket named by a gs:// path is looked up once, so the run stops at once with a
sentence that says what to do. Emulators (`STORAGE_EMULATOR_HOST`,
`PUBSUB_EMULATOR_HOST`) take no credentials, so nothing is asked of them.

Dry runs skip all of this: they translate the job offline and touch nothing.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

from apache_beam.options.pipeline_options import (
    GoogleCloudOptions,
    PipelineOptions,
    StandardOptions,
)

from newsbeam.options import NewsbeamOptions, inputs_of, validate

GS = "gs://"
LOGIN_HINT = "run `gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS"


class PreflightError(ValueError):
    """The run cannot start; the message is the one line to show (a usage error, exit 2)."""


def is_dataflow(options: PipelineOptions) -> bool:
    runner = options.view_as(StandardOptions).runner or ""
    return runner.rsplit(".", 1)[-1] in ("DataflowRunner", "TestDataflowRunner")


def gcs_paths(options: PipelineOptions) -> Iterator[tuple[str, str]]:
    """(option, path) of every gs:// path the run reads or writes."""
    nb = options.view_as(NewsbeamOptions)
    cloud = options.view_as(GoogleCloudOptions)
    named = [("--output", nb.output)]
    if not options.view_as(StandardOptions).streaming:
        named += [("--input", pattern) for pattern in inputs_of(options)]
    named += [("--temp_location", cloud.temp_location)]
    named += [("--staging_location", cloud.staging_location)]
    for option, path in named:
        if path and path.startswith(GS):
            yield option, path


def bucket_of(path: str) -> str:
    return path[len(GS) :].split("/", 1)[0]


def services_needing_credentials(options: PipelineOptions) -> list[str]:
    """What the run reaches on Google Cloud itself (not on an emulator)."""
    services = []
    if is_dataflow(options):
        services.append("Dataflow")
    if any(gcs_paths(options)) and not os.environ.get("STORAGE_EMULATOR_HOST"):
        services.append("gs:// paths")
    streaming = options.view_as(StandardOptions).streaming
    if streaming and not os.environ.get("PUBSUB_EMULATOR_HOST"):
        services.append("Pub/Sub")
    return services


def check_credentials(options: PipelineOptions) -> None:
    """Raise PreflightError when the run needs Google credentials and none are found."""
    services = services_needing_credentials(options)
    if not services:
        return
    import google.auth
    from google.auth.exceptions import DefaultCredentialsError

    # google.auth logs each place it looked (the GCE metadata server included) as a
    # warning; the one line below says all of it.
    auth_logger = logging.getLogger("google.auth")
    level = auth_logger.level
    auth_logger.setLevel(logging.ERROR)
    try:
        google.auth.default()
    except DefaultCredentialsError as exc:
        raise PreflightError(
            f"{' and '.join(services)} need Google credentials and none were found: {LOGIN_HINT}"
        ) from exc
    finally:
        auth_logger.setLevel(level)


def check_buckets(options: PipelineOptions) -> None:
    """Raise PreflightError naming the first bucket of a gs:// path that does not exist."""
    paths = list(gcs_paths(options))
    if not paths:
        return
    from apache_beam.io.gcp.gcsio import GcsIO

    gcs = GcsIO(pipeline_options=options)
    seen: set[str] = set()
    for option, path in paths:
        bucket = bucket_of(path)
        if bucket in seen:
            continue
        seen.add(bucket)
        try:
            found = gcs.get_bucket(bucket)
        except Exception as exc:  # noqa: BLE001 - e.g. 403: no access to the bucket
            reason = " ".join(str(exc).split())[:200]
            raise PreflightError(f"cannot use bucket gs://{bucket} ({option}): {reason}") from exc
        if found is None:
            raise PreflightError(
                f"bucket gs://{bucket} does not exist ({option} {path}); create it with "
                f"`gcloud storage buckets create gs://{bucket}` or fix the path"
            )


def check(options: PipelineOptions) -> None:
    """Every check, credentials first (a bucket lookup without them would stall). The
    options are validated first: a bad option is the better message."""
    validate(options)
    check_credentials(options)
    check_buckets(options)
