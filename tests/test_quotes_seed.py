"""The seed article through read, clean and annotate: every gold quote, speaker and kind.

Gold "partial" quotes are fragments of reported speech: we report them as a mixed quote
whose text holds the fragment. Gold "continuation" quotes are direct quotes that take
the speaker of the quote before them.
"""

from __future__ import annotations

import json

import pytest

from newsbeam.evaluation.quotes import article_quotes
from tests.conftest import SEED, shared_path


@pytest.fixture(scope="module")
def seed(nlp):
    gold = json.loads(shared_path("gold", "time-pompeo-putin.json").read_text(encoding="utf-8"))
    raw = SEED.read_text(encoding="utf-8")
    return gold, raw, article_quotes(nlp, SEED.stem, raw)


def test_every_gold_quote_found_with_speaker_and_kind(seed):
    gold, _, quotes = seed
    for expected in gold["quotes"]:
        start, end = expected["span"]
        found = [q for q in quotes if q.start <= start and end <= q.end and q.kind != "indirect"]
        assert len(found) == 1, expected["text"]
        (quote,) = found
        assert quote.speaker == expected["speaker"], expected["text"]
        if expected["kind"] == "partial":
            assert quote.kind == "mixed"
        else:
            assert (quote.kind, quote.start, quote.end) == ("direct", start, end)


def test_direct_quotes_name_their_cue(seed):
    gold, raw, quotes = seed
    cues = {(q.start, q.end): q.cue for q in quotes}
    for expected in gold["quotes"]:
        if expected["kind"] == "direct":
            assert cues[tuple(expected["span"])] == expected["cue"]


def test_indirect_statements_of_the_unnamed_official(seed):
    gold, _, quotes = seed
    for expected in gold["indirect_quotes"]:
        start, end = expected["cue_span"]
        found = [q for q in quotes if q.kind == "indirect" and start <= q.cue_start < end]
        assert [(q.speaker_mention, q.cue, q.speaker) for q in found] == [
            (expected["speaker"], expected["cue"], None)
        ]


def test_the_officials_two_statements_are_one_unnamed_source(seed):
    gold, _, quotes = seed
    rows = [
        q
        for expected in gold["indirect_quotes"]
        for q in quotes
        if q.kind == "indirect" and expected["cue_span"][0] <= q.cue_start < expected["cue_span"][1]
    ]
    assert [q.speaker_type for q in rows] == ["unnamed", "unnamed"]
    assert rows[0].speaker_key is not None and rows[0].speaker_key == rows[1].speaker_key


def test_no_text_or_thing_speaks_and_every_row_is_scored(seed):
    """ "The president's latest tweet underscores the dissonant tone" shows, it says
    nothing; every row carries a confidence."""
    _, _, quotes = seed
    assert not [q for q in quotes if q.speaker_mention and "tweet" in q.speaker_mention]
    assert all(0.0 <= q.confidence <= 1.0 for q in quotes)
    named = {q.speaker for q in quotes if q.speaker_type in ("person", "organization")}
    assert named <= {
        "Donald Trump",
        "Andrew Weiss",
        "Andrey Kortunov",
        "Vladimir Frolov",
        "Konstantin Kosachyov",
        "Michael Pompeo",
    }


def test_the_official_reports_a_clause(seed):
    _, raw, quotes = seed
    (quote,) = [q for q in quotes if q.speaker_mention == "The official"]
    assert quote.text.startswith("that U.S. policy is to seek a better relationship")


def test_every_seed_span_is_exact(seed):
    _, raw, quotes = seed
    for q in quotes:
        assert raw[q.start : q.end] == q.text
        if q.cue is not None:
            assert raw[q.cue_start : q.cue_end] == q.cue
        if q.speaker_mention is not None:
            assert raw[q.speaker_start : q.speaker_end] == q.speaker_mention
