"""Before a run touches Google Cloud: no credentials and a missing bucket are one line each.

Through the real CLI in a subprocess. Without credentials the process may not use the
network either (`tests/no_network`), as on a laptop offline: the run must stop at once
with one line saying what to do, not after Beam's 20-25 s of credential retries and
their four tracebacks. A missing bucket is looked up on the GCS emulator.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tests.conftest import REPO, SEED
from tests.test_dry_run import NO_NETWORK

#: A bound for a machine shared with other sessions (10-14 s measured under heavy load).
#: What proves that Beam's credential back-off (20-25 s of sleeps) did not run is the
#: single line on stderr: each of its retries logs a warning with a traceback.
NO_CREDENTIALS_LIMIT_S = 60.0


def _newsbeam_run(*args: str, env: dict[str, str]) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "newsbeam.cli", "run", *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return result, time.monotonic() - started


@pytest.mark.parametrize(
    "paths",
    [
        [f"--input={SEED}", "--output=gs://newsbeam-no-such-project/news"],
        ["--input=gs://newsbeam-no-such-project/raw/**", "--output=OUT"],
    ],
    ids=["gs-output", "gs-input"],
)
def test_a_gs_run_without_credentials_stops_at_once_in_one_line(tmp_path, paths):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("STORAGE_EMULATOR_HOST", "PYTHONPATH", "GOOGLE_APPLICATION_CREDENTIALS")
    }
    env |= {"PYTHONPATH": str(NO_NETWORK), "CLOUDSDK_CONFIG": str(tmp_path / "gcloud")}
    paths = [p.replace("OUT", str(tmp_path / "out")) for p in paths]
    result, elapsed = _newsbeam_run(*paths, env=env)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "newsbeam run: gs:// paths need Google credentials and none were found: run "
        "`gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS"
    ]
    assert elapsed < NO_CREDENTIALS_LIMIT_S, f"took {elapsed:.1f} s"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("flag", "value"),
    [("--output", "gs://newsbeam-missing/news"), ("--input", "gs://newsbeam-missing/raw/**")],
)
def test_a_missing_bucket_is_one_line_naming_it(gcs_emulator, tmp_path, flag, value):
    paths = {"--input": str(SEED), "--output": str(tmp_path / "out"), flag: value}
    args = [f"{name}={path}" for name, path in paths.items()]
    result, _ = _newsbeam_run(*args, env=dict(os.environ))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"newsbeam run: bucket gs://newsbeam-missing does not exist ({flag} {value}); create "
        "it with `gcloud storage buckets create gs://newsbeam-missing` or fix the path"
    ]
    assert not (tmp_path / "out").exists()
