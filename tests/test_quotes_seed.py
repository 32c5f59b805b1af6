"""The seed article end to end: every gold quote found with its canonical speaker and kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transforms.entities import extract_entities, prepare_for_parse
from transforms.nlp import load_nlp
from transforms.quotes import extract_quotes

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = Path(__file__).resolve().parents[1] / "seeds" / "time-pompeo-putin.txt"
GOLD = SHARED / "gold" / "time-pompeo-putin.json"


@pytest.fixture(scope="module")
def seed_quotes():
    if not GOLD.exists():
        pytest.skip("seed gold: ../shared not present")
    raw = SEED.read_text(encoding="utf-8")
    doc = load_nlp()(prepare_for_parse(raw))
    return raw, extract_quotes(doc, extract_entities(doc, text=raw), text=raw)


def _gold():
    return json.loads(GOLD.read_text(encoding="utf-8"))


def _covering(quotes, start, end):
    """The found quote whose content holds the gold span (direct: equal; mixed: inside)."""
    return [q for q in quotes if q.start <= start and end <= q.end and q.kind != "indirect"]


def test_every_gold_quote_found_with_speaker_and_kind(seed_quotes):
    raw, quotes = seed_quotes
    for gold in _gold()["quotes"]:
        start, end = gold["span"]
        found = _covering(quotes, start, end)
        assert len(found) == 1, gold["text"]
        quote = found[0]
        assert quote.speaker == gold["speaker"], gold["text"]
        if gold["kind"] in ("direct", "continuation"):
            assert (quote.kind, quote.start, quote.end) == ("direct", start, end)
        else:
            assert quote.kind == "mixed"


def test_indirect_statements_of_the_unnamed_official(seed_quotes):
    raw, quotes = seed_quotes
    for gold in _gold()["indirect_quotes"]:
        start, end = gold["cue_span"]
        found = [q for q in quotes if q.kind == "indirect" and start <= q.cue_start < end]
        assert [q.speaker_mention for q in found] == [gold["speaker"]]
        assert found[0].cue == gold["cue"]
        assert found[0].speaker is None


def test_every_seed_span_is_exact(seed_quotes):
    raw, quotes = seed_quotes
    for q in quotes:
        assert raw[q.start : q.end] == q.text
        assert raw[q.cue_start : q.cue_end] == q.cue
        assert raw[q.speaker_start : q.speaker_end] == q.speaker_mention
