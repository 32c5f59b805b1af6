"""The README's two set-up commands are the ones the project really runs."""

from __future__ import annotations

import re

from tests.conftest import REPO


def _readme_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", (REPO / "README.md").read_text())[:2]


def test_readme_starts_with_the_run_and_test_commands():
    readme = (REPO / "README.md").read_text()
    run, test = _readme_commands()
    assert readme.index(run) < 40, "the README starts with the two set-up commands"
    assert "newsbeam run" in run and "newsbeam query" in run
    assert "pytest" in test


def test_ci_runs_the_readme_test_command():
    _, test = _readme_commands()
    ci_lines = (REPO / ".ci" / "run").read_text().splitlines()
    assert test in ci_lines
