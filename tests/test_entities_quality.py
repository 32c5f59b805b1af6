"""Quality floors of the entity stage on GUM news (full scores: `newsbeam eval entities`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbeam.evaluation.entities import evaluate
from newsbeam.transforms.nlp import load_nlp
from tests.conftest import missing

GUM = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "gum_news" / "gum_news_entities.jsonl"
)


@pytest.fixture(scope="module")
def gum_report() -> dict:
    if not GUM.exists():
        missing("GUM news: ../shared not present")
    rows = [json.loads(line) for line in GUM.read_text(encoding="utf-8").splitlines() if line]
    return evaluate(load_nlp(), rows)


def test_gum_clusters_b3_floor(gum_report):
    assert gum_report["clusters_b3"]["f1"] >= 0.95


def test_gum_mention_f1_beats_raw_spacy(gum_report):
    mentions = gum_report["mentions"]
    assert mentions["ours"]["all"]["f1"] >= mentions["spacy_raw"]["all"]["f1"] + 0.02
    assert mentions["ours_exact"]["all"]["f1"] > mentions["spacy_raw_exact"]["all"]["f1"]


def test_gum_salience_beats_mention_counts(gum_report):
    auc = gum_report["salience_auc"]
    assert auc["ours"] > auc["mention_count_baseline"]
    assert auc["ours_found_only"] >= 0.75
