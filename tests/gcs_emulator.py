"""A local Google Cloud Storage for tests: `gcp-storage-emulator` on 127.0.0.1.

The session fixture `gcs_emulator` starts the emulator (with the generation
preconditions real Cloud Storage has: `tests/gcs_preconditions.py`) in memory on a free port with a
default bucket, and points every client at it for the rest of the session, in this
process and in the processes it starts (the `newsbeam` CLI, Beam's worker processes):

- `STORAGE_EMULATOR_HOST=http://127.0.0.1:PORT`: google-cloud-storage (hence Beam's
  gs:// filesystem) and gcsfs (hence DuckDB through `newsbeam.query`) use the emulator;
- `NO_GCE_CHECK=true`: google-auth does not probe the GCE metadata server;
- `PYTHONPATH` starts with `tests/gcs_site`, whose `sitecustomize` makes Beam skip its
  ~25 s credential discovery (see `tests/gcs_site/beam_anonymous.py`); this process gets
  the same patch directly.

Registered as a pytest plugin in `tests/conftest.py`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.servers import free_port, wait_until_serving

BUCKET = "newsbeam-test"
SITE_DIR = Path(__file__).resolve().parent / "gcs_site"
START_TIMEOUT_S = 30.0


@dataclass
class GcsEmulator:
    """A running emulator: its endpoint, its default bucket, and small object helpers."""

    endpoint: str
    bucket: str = BUCKET

    def client(self):
        from google.cloud import storage

        return storage.Client.create_anonymous_client()

    def create_bucket(self, name: str) -> str:
        self.client().create_bucket(name)
        return name

    def upload(self, bucket: str, name: str, data: bytes) -> str:
        """Store `data` as gs://bucket/name and return that URI."""
        self.client().bucket(bucket).blob(name).upload_from_string(data)
        return f"gs://{bucket}/{name}"

    def download(self, bucket: str, name: str) -> bytes:
        return self.client().bucket(bucket).blob(name).download_as_bytes()

    def list(self, bucket: str, prefix: str = "") -> list[str]:
        """Sorted names of the objects of `bucket` that start with `prefix`."""
        return sorted(b.name for b in self.client().list_blobs(bucket, prefix=prefix))


@pytest.fixture(scope="session")
def gcs_emulator(tmp_path_factory) -> Iterator[GcsEmulator]:
    """The emulator, with this process and its child processes pointed at it."""
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("gcs-emulator") / "emulator.log"
    command = [
        sys.executable,
        "-m",
        "tests.gcs_preconditions",  # the emulator, with generation preconditions
        "start",
        "--host=127.0.0.1",
        f"--port={port}",
        "--in-memory",
        f"--default-bucket={BUCKET}",
        "--quiet",
    ]
    with open(log, "wb") as log_file:
        process = subprocess.Popen(
            command, stdout=log_file, stderr=subprocess.STDOUT, cwd=SITE_DIR.parent.parent
        )
    try:
        wait_until_serving(process, f"{endpoint}/storage/v1/b", START_TIMEOUT_S, log)
        with pytest.MonkeyPatch.context() as env:
            env.setenv("STORAGE_EMULATOR_HOST", endpoint)
            env.setenv("NO_GCE_CHECK", "true")
            env.setenv(
                "PYTHONPATH",
                os.pathsep.join(filter(None, [str(SITE_DIR), os.environ.get("PYTHONPATH")])),
            )
            from tests.gcs_site.beam_anonymous import install

            install()
            yield GcsEmulator(endpoint)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
