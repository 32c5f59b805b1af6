"""Issue 31, case 10: a test whose component is missing skips on a developer's machine
but fails under CI (`CI=true`), so a green CI run cannot hide that the quality floors,
the streaming end-to-end test or the browser tests never ran."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO

NEEDS_A_COMPONENT = """
from tests.conftest import missing


def test_needs_a_component():
    missing("the component is absent")
"""


def test_a_missing_component_skips_locally_and_fails_under_ci(tmp_path):
    test = tmp_path / "test_needs_a_component.py"
    test.write_text(NEEDS_A_COMPONENT)
    command = [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider", str(test)]
    outcomes = {}
    for ci in ("", "true"):
        env = {**os.environ, "CI": ci}
        result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
        outcomes[ci] = (result.returncode, result.stdout)
    assert outcomes[""][0] == 0 and "1 skipped" in outcomes[""][1]
    assert outcomes["true"][0] == 1 and "1 failed" in outcomes["true"][1]
    assert "required under CI: the component is absent" in outcomes["true"][1]
