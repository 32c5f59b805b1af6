"""The GCS emulator fixture: objects round-trip, and Beam reaches it at once, here and in
child processes (no credential discovery)."""

from __future__ import annotations

import subprocess
import sys
import time

from apache_beam.io.filesystems import FileSystems

from tests.conftest import REPO


def test_objects_round_trip(gcs_emulator):
    uri = gcs_emulator.upload(gcs_emulator.bucket, "fixture/a/b.txt", b"hello")
    gcs_emulator.upload(gcs_emulator.bucket, "fixture/c.txt", b"")
    assert uri == f"gs://{gcs_emulator.bucket}/fixture/a/b.txt"
    assert gcs_emulator.download(gcs_emulator.bucket, "fixture/a/b.txt") == b"hello"
    assert gcs_emulator.list(gcs_emulator.bucket, "fixture/") == [
        "fixture/a/b.txt",
        "fixture/c.txt",
    ]


def test_beam_reads_the_emulator_without_credential_discovery(gcs_emulator):
    gcs_emulator.upload(gcs_emulator.bucket, "fixture/beam.txt", b"12345")
    started = time.monotonic()
    (result,) = FileSystems.match([f"gs://{gcs_emulator.bucket}/fixture/beam*"])
    assert [(m.path, m.size_in_bytes) for m in result.metadata_list] == [
        (f"gs://{gcs_emulator.bucket}/fixture/beam.txt", 5)
    ]
    assert time.monotonic() - started < 10, "Beam went through credential discovery"


def test_child_processes_skip_credential_discovery(gcs_emulator):
    code = (
        "from apache_beam.internal.gcp import auth; "
        "print(auth._Credentials._credentials_init, auth._Credentials._credentials)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.split() == ["True", "None"], result.stderr
