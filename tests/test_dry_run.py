"""Dry runs are offline and say so; `make -C deploy` finds newsbeam and refuses bad setups.

The CLI and `make` run in subprocesses whose Python may not use the network
(`tests/no_network/sitecustomize.py` refuses every name lookup and internet connection
and logs each attempt): a dry run with gs:// paths must finish, fast, having tried
nothing, and must not print a run summary for a run that did not happen.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

NO_NETWORK = Path(__file__).resolve().parent / "no_network"
#: What the issue asks of an offline dry run (it took about 4.5 minutes before), as CPU
#: time: on this shared 2-core machine the wall time of the same run went from 8 s to
#: 47 s with the load of other sessions. The wall time gets a looser bound: a network
#: wait would show there (and is refused and logged anyway).
DRY_RUN_LIMIT_S = 30.0
DRY_RUN_WALL_LIMIT_S = 120.0
SUMMARY_LINE = "articles read:"
DATAFLOW_DRY_RUN = [
    "--runner=DataflowRunner",
    "--dry_run=True",
    "--project=newsbeam-test",
    "--region=europe-west1",
    "--temp_location=gs://newsbeam-test-bucket/tmp",
    "--sdk_container_image=europe-west1-docker.pkg.dev/newsbeam-test/newsbeam/newsbeam:test",
]


def _offline_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """Environment of a process that may not use the network, and its attempts log.

    No emulator and no credentials either: a dry run must need none of them.
    """
    log = tmp_path / "network-attempts.log"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("STORAGE_EMULATOR_HOST", "PUBSUB_EMULATOR_HOST", "PYTHONPATH")
    }
    env |= {
        "PYTHONPATH": str(NO_NETWORK),
        "NEWSBEAM_NETWORK_LOG": str(log),
        "CLOUDSDK_CONFIG": str(tmp_path / "gcloud"),  # no gcloud account or default project
        "GOOGLE_APPLICATION_CREDENTIALS": "",
    }
    return env, log


def _attempts(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed_run(command: list[str], **kwargs) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run `command` (and what it starts); return it with its wall and CPU seconds."""
    started, cpu = time.monotonic(), _children_cpu_s()
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, **kwargs)
    return result, time.monotonic() - started, _children_cpu_s() - cpu


def _assert_offline_dry_run(
    result: subprocess.CompletedProcess, log: Path, wall: float, cpu: float
):
    """The dry run succeeded fast, tried no network, and said so without a run summary."""
    assert result.returncode == 0, result.stderr
    assert _attempts(log) == []
    assert cpu < DRY_RUN_LIMIT_S, f"the dry run took {cpu:.1f} CPU s"
    assert wall < DRY_RUN_WALL_LIMIT_S, f"the dry run took {wall:.1f} s"
    assert "translated into a Dataflow job; nothing was submitted or run" in result.stdout
    assert SUMMARY_LINE not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr


def test_the_offline_guard_refuses_and_logs_network_use(tmp_path):
    env, log = _offline_env(tmp_path)
    probe = "import socket; socket.socket().connect(('127.0.0.1', 9))"
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "network refused in this test" in result.stderr
    lookup = "import socket; socket.getaddrinfo('storage.googleapis.com', 443)"
    subprocess.run([sys.executable, "-c", lookup], env=env, capture_output=True)
    assert [a.split(" ", 1)[1] for a in _attempts(log)] == [
        "connect ('127.0.0.1', 9)",
        "resolve storage.googleapis.com",
    ]


@pytest.mark.parametrize(
    "mode",
    [
        ["--input=gs://newsbeam-test-bucket/raw/**"],
        ["--streaming", "--input_subscription=projects/newsbeam-test/subscriptions/news"],
    ],
    ids=["batch", "streaming"],
)
def test_cli_dataflow_dry_run_with_gs_paths_is_offline_and_prints_no_summary(tmp_path, mode):
    env, log = _offline_env(tmp_path)
    command = [sys.executable, "-m", "newsbeam.cli", "run", *DATAFLOW_DRY_RUN, *mode]
    command.append("--output=gs://newsbeam-test-bucket/news")
    result, wall, cpu = _timed_run(command, cwd=tmp_path, env=env)
    _assert_offline_dry_run(result, log, wall, cpu)


def test_a_local_dry_run_builds_and_runs_nothing(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "newsbeam.cli", "run", "--dry_run=True", "--output", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "the pipeline was built; nothing was submitted or run" in result.stdout
    assert SUMMARY_LINE not in result.stdout and not out.exists()


def _make(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(REPO / "deploy"), *args],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _python_args() -> list[str]:
    """PYTHON=... only when this Python is not the repository's own .venv (which make finds)."""
    own = REPO / ".venv" / "bin" / "python"
    return [] if own.exists() and Path(sys.executable) == own else [f"PYTHON={sys.executable}"]


@needs_make
def test_make_dry_run_is_offline_and_prints_no_summary(tmp_path):
    env, log = _offline_env(tmp_path)
    make = ["make", "--no-print-directory", "-C", str(REPO / "deploy"), "dry-run"]
    result, wall, cpu = _timed_run([*make, "PROJECT=newsbeam-test", *_python_args()], env=env)
    _assert_offline_dry_run(result, log, wall, cpu)


@needs_make
def test_make_finds_the_repository_venv():
    if not (REPO / ".venv" / "bin" / "python").exists():
        pytest.skip("no .venv in the repository")
    printed = _make("-n", "dry-run", "PROJECT=newsbeam-test").stdout
    assert f"{REPO}/.venv/bin/python -m newsbeam.cli run --runner=DataflowRunner" in printed


@needs_make
@pytest.mark.parametrize("target", ["dry-run", "submit", "run", "image", "setup", "template"])
def test_make_refuses_an_empty_project(target, tmp_path):
    env = {**os.environ, "CLOUDSDK_CONFIG": str(tmp_path)}  # gcloud has no default project
    result = _make(target, "PROJECT=", env=env)
    assert result.returncode != 0
    assert "deploy: PROJECT is empty: give PROJECT=my-project" in result.stderr
    assert "gcloud" not in result.stdout  # nothing ran


@needs_make
def test_make_submit_refuses_a_python_that_is_not_the_images(tmp_path):
    # A stand-in interpreter: it answers the version question as a Python 3.12 would and
    # records anything else it is asked to run (it must be asked nothing else).
    calls = tmp_path / "calls"
    python = tmp_path / "python3.12"
    python.write_text(
        "#!/bin/sh\n"
        f'echo "$@" >> {calls}\n'
        'case "$*" in *version_info*) echo 3.12 ;; *) exit 1 ;; esac\n'
    )
    python.chmod(0o755)
    result = _make("submit", "PROJECT=newsbeam-test", f"PYTHON={python}")
    assert result.returncode != 0
    assert "deploy: submit needs Python 3.11" in result.stderr
    assert f"but {python} is Python 3.12" in result.stderr
    assert all("version_info" in call for call in calls.read_text().splitlines())


@needs_make
def test_make_submit_accepts_python_3_11_up_to_the_job(tmp_path):
    # With the image's Python, the guard lets submit through to newsbeam, whose own
    # preflight then stops at the missing credentials (one line), before any network use.
    if sys.version_info[:2] != (3, 11):
        pytest.skip("this test's Python is not 3.11")
    env, log = _offline_env(tmp_path)
    result = _make("submit", "PROJECT=newsbeam-test", *_python_args(), env=env)
    assert "deploy: submit needs" not in result.stderr
    assert "need Google credentials and none were found" in result.stderr
    assert "Traceback" not in result.stderr


@needs_make
@pytest.mark.parametrize("target", ["dry-run", "submit"])
def test_make_says_how_to_install_newsbeam_when_python_has_none(target, tmp_path):
    # A Python without newsbeam (the system one, outside any venv, stands in for it
    # with -I: isolated from the user's site-packages and this checkout).
    bare = tmp_path / "python"
    bare.write_text(f'#!/bin/sh\nexec {sys.executable} -I -S "$@"\n')
    bare.chmod(0o755)
    result = _make(target, "PROJECT=newsbeam-test", f"PYTHON={bare}", "IMAGE_PYTHON=3.11")
    assert result.returncode != 0
    assert f"deploy: no newsbeam for {bare}:" in " ".join(result.stderr.split())
    assert ".venv/bin/pip install -e ." in " ".join(result.stderr.split())
    assert "newsbeam.cli run" not in result.stdout  # nothing ran
