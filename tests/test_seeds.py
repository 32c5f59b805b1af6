"""The sample articles in seeds/: what issue 28 asks of them, checked against the
hand-written manifest (tests/fixtures/seeds_manifest.json) and seeds/SOURCES.md.

The run over them (summary, dates, partitions) is in test_cli_e2e.py.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter

from tests.conftest import REPO

SEEDS = REPO / "seeds"
ARTICLES = SEEDS / "articles"
MANIFEST = json.loads((REPO / "tests" / "fixtures" / "seeds_manifest.json").read_text())


def test_every_file_is_in_the_manifest_and_every_article_in_a_file():
    named = {entry["file"] for entry in MANIFEST} | {
        entry["sidecar"] for entry in MANIFEST if entry["sidecar"]
    }
    assert named == {path.name for path in ARTICLES.iterdir()}


def test_sources_lists_each_article_with_its_licence():
    sources = (SEEDS / "SOURCES.md").read_text(encoding="utf-8").splitlines()
    for entry in MANIFEST:
        rows = [
            line
            for line in sources
            if f"`{entry['file']}`" in line and entry["url"] in line and entry["published"] in line
        ]
        assert len(rows) >= 1, entry["title"]
        assert any(entry["licence"] in row for row in rows), entry["title"]


def test_sources_file_is_not_an_input_of_the_default_run():
    from apache_beam.options.pipeline_options import PipelineOptions

    from newsbeam.options import inputs_of

    assert not (ARTICLES / "SOURCES.md").exists()
    (default,) = inputs_of(PipelineOptions([]))
    assert default.endswith("seeds/articles/**")


def test_enough_articles_topics_months_and_kinds_of_source():
    assert len(MANIFEST) >= 30
    assert len({entry["topic"] for entry in MANIFEST}) >= 6
    assert len({entry["published"][:7] for entry in MANIFEST}) >= 3
    for flag in ("has_named_quotes", "has_unnamed_sources", "has_org_statements"):
        assert sum(entry[flag] for entry in MANIFEST) >= 5, flag


def test_every_input_format_is_there():
    formats = Counter(entry["format"] for entry in MANIFEST)
    assert {"txt", "html", "jsonl", "warc", "txt.gz"} <= set(formats)
    assert any(entry["sidecar"] for entry in MANIFEST)
    for entry in MANIFEST:
        if entry["file"].endswith(".gz"):
            assert (ARTICLES / entry["file"]).read_bytes()[:2] == b"\x1f\x8b"


def test_text_files_hold_their_titles():
    for entry in MANIFEST:
        path = ARTICLES / entry["file"]
        if entry["format"] == "txt":
            first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        elif entry["format"] == "txt.gz":
            first = gzip.decompress(path.read_bytes()).decode("utf-8").split("\n", 1)[0]
        else:
            continue
        assert first == entry["title"]
