"""The house's layout: imports run one way and every package is in the wheel.

Read from the source (ast), so the rules hold for modules no test happens to import:
- nothing imports the old top-level names `pipeline` or `transforms`;
- a `transforms/` module (worker code) imports nothing of the app (`newsbeam.*` outside
  `newsbeam.transforms`);
- the ground floor (records, metrics, deadletter) imports only the ground floor; a
  library imports the ground floor and other libraries' front doors, never a stage;
- code outside a library folder imports only the library's front door, and only names
  its `__all__` lists (tests may import a library's modules: they test its parts).
"""

from __future__ import annotations

import ast
import importlib
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomllib

from tests.conftest import REPO

PACKAGE_DIRS = {"newsbeam": REPO / "pipeline", "newsbeam.transforms": REPO / "transforms"}
GROUND_FLOOR = {"records", "metrics", "deadletter"}
LIBRARIES = {"formats", "nlp", "entities", "quotes", "dataset", "matching"}
SOURCE_FOLDERS = ("pipeline", "transforms", "benchmarks", "deploy", "tests")


def module_name(path: Path) -> str:
    """The dotted name a source file imports as."""
    for package, folder in sorted(PACKAGE_DIRS.items(), key=lambda kv: -len(kv[0])):
        if folder in path.parents:
            parts = path.relative_to(folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            return ".".join((package, *parts))
    return ".".join(path.relative_to(REPO).with_suffix("").parts)


def imports(path: Path) -> Iterator[tuple[str, list[str], int]]:
    """(module, names imported from it, line) for every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, [], node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module, [a.name for a in node.names], node.lineno


def sources(*folders: str) -> list[Path]:
    files = [p for f in folders for p in (REPO / f).rglob("*.py")]
    return sorted(p for p in files if ".venv" not in p.parts and "data" not in p.parts)


def layer(module: str) -> tuple[str, str | None]:
    """('app' | 'ground' | 'stage' | 'library', library name) of a newsbeam module."""
    parts = module.split(".")
    if parts[:2] != ["newsbeam", "transforms"]:
        return "app", None
    if len(parts) == 2:
        return "ground", None
    if parts[2] in LIBRARIES:
        return "library", parts[2]
    return ("ground" if parts[2] in GROUND_FLOOR else "stage"), None


def violations() -> list[str]:
    found = []
    for path in sources(*SOURCE_FOLDERS):
        here = module_name(path)
        where, own_library = layer(here)
        is_test = path.parts[len(REPO.parts)] == "tests"
        for target, names, line in imports(path):
            place = f"{path.relative_to(REPO)}:{line} imports {target}"
            top = target.split(".")[0]
            if top in ("pipeline", "transforms"):
                found.append(f"{place}: the package is `newsbeam`")
                continue
            if top != "newsbeam":
                continue
            kind, library = layer(target)
            if path.is_relative_to(REPO / "transforms") and kind == "app":
                found.append(f"{place}: worker code imports the app")
            if where == "ground" and path.is_relative_to(REPO / "transforms"):
                if kind != "ground":
                    found.append(f"{place}: the ground floor imports only the ground floor")
            if where == "library" and kind == "stage":
                found.append(f"{place}: a library imports a stage")
            if kind == "library" and library != own_library and not is_test:
                front = f"newsbeam.transforms.{library}"
                if target != front:
                    found.append(f"{place}: use the front door {front}")
                else:
                    public = set(importlib.import_module(front).__all__)
                    found.extend(
                        f"{place}: {name} is not in {front}.__all__"
                        for name in names
                        if name not in public
                    )
    return found


def test_imports_run_one_way():
    assert violations() == []


def test_the_rules_catch_what_they_forbid(tmp_path, monkeypatch):
    """The checker itself: each forbidden import in a scratch module is reported."""
    bad = REPO / "transforms" / "zz_layout_probe.py"
    bad.write_text(
        "from newsbeam.cli import main\n"
        "from newsbeam.transforms.quotes.marks import find_quoted_spans\n"
        "from newsbeam.transforms.quotes import QuotedSpan\n"
        "import transforms.read\n"
    )
    try:
        found = [v for v in violations() if "zz_layout_probe" in v]
    finally:
        bad.unlink()
    assert len(found) == 4, found


def test_every_package_folder_is_packaged():
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert config["package-dir"] == {k: v.name for k, v in PACKAGE_DIRS.items()}
    folders = {
        module_name(init) for root in PACKAGE_DIRS.values() for init in root.rglob("__init__.py")
    }
    assert folders == set(config["packages"])


def test_each_front_door_exports_what_it_lists():
    for library in LIBRARIES:
        front = importlib.import_module(f"newsbeam.transforms.{library}")
        assert front.__all__ and all(hasattr(front, name) for name in front.__all__)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """The wheel `pip wheel` builds, from a copy of the tracked files (setuptools builds
    in the source folder, which would leave a build/ folder in the checkout)."""
    source = tmp_path_factory.mktemp("source")
    tracked = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, tracked):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("newsbeam-*.whl")
    return zipfile.ZipFile(path)


def test_the_wheel_holds_one_namespace(wheel):
    wheel_files = wheel.namelist()
    tops = {name.split("/")[0] for name in wheel_files}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"newsbeam"}
    for expected in (
        "newsbeam/__init__.py",
        "newsbeam/cli.py",
        "newsbeam/report/templates/report.html",
        "newsbeam/transforms/__init__.py",
        "newsbeam/transforms/quotes/extract.py",
        "newsbeam/transforms/data/topics_model.npz",
        "newsbeam/transforms/data/places.txt",
    ):
        assert expected in wheel_files
    entry_points = next(n for n in wheel_files if n.endswith("entry_points.txt"))
    assert "newsbeam = newsbeam.cli:main" in wheel.read(entry_points).decode()
