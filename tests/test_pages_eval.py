"""Quality floors on the 115 real HTML dev pages (tests/gold/pages-dev.jsonl), fetched from
the PyPI sdists that ship them into the cache on first use. The full figures come from
`newsbeam eval pages`; these floors guard against a broken reader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsbeam.evaluation.extraction import baseline_readings, newsbeam_readings, report
from newsbeam.evaluation.pages import fetch_pages, read_gold
from newsbeam.transforms.clean import clean_article
from newsbeam.transforms.read import parse_file

GOLD = Path(__file__).resolve().parent / "gold" / "pages-dev.jsonl"
NOW = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def pages():
    gold = read_gold(GOLD)
    folder = fetch_pages(gold)
    return gold, [folder / f"{page.id}.html" for page in gold]


@pytest.mark.slow
def test_dev_pages_floor(pages):
    gold, paths = pages
    assert all(path.exists() for path in paths), "every page fetched and sha256-checked"
    figures = report(gold, newsbeam_readings(paths, NOW), baseline_readings(paths))["all"]
    ours, theirs = figures["newsbeam"], figures["trafilatura+htmldate"]
    assert ours["body_f1"] >= 0.95 and ours["body_f1"] >= theirs["body_f1"] + 0.01
    assert ours["body_recall"] >= theirs["body_recall"]
    assert ours["title_exact"] >= 0.95
    assert ours["date_accuracy"] >= 0.93 and ours["date_accuracy"] > theirs["date_accuracy"]
    assert ours["language"] >= 0.99


@pytest.mark.slow
def test_cleaning_never_drops_a_gold_body_line(pages):
    gold, paths = pages
    dropped = []
    for page, path in zip(gold, paths):
        (article,) = parse_file(path.name, path.read_bytes(), NOW).articles
        body = {" ".join(line.split()) for line in page.body.split("\n")}
        removed = clean_article(article).boilerplate_removed
        dropped += [(page.id, line) for line in removed if " ".join(line.split()) in body]
    assert dropped == []
