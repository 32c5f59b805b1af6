"""The quote evaluation: PolNeAR reading, the scoring conventions, offsets back to raw files."""

from __future__ import annotations

import pytest

from newsbeam.evaluation.alignment import offset_map, raw_span
from newsbeam.evaluation.polnear import merged, parse_ann
from newsbeam.evaluation.quotes import (
    Item,
    Tally,
    body_start,
    double_quoted,
    evaluate,
    match,
    narrowed,
    scannable,
    speaker_agrees,
)
from tests.conftest import shared_path

ANN = (
    "T1\tSource 0 5\tSmith\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 20;25 30\tabcdefghi\n"
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tDiscuss 0 3\tSmi\n"
    "#1\tAnnotatorNotes T5\ta note\n"
    "T6\tCue 40 47\tclaimed\n"
    "T7\tContent 48 55\tit rains\n"
    "T8\tContent 56 60\tnow\n"
    "E2\tAttribution-no-source:T9 Cue:T6 Content:T7 Content2:T8\n"
)


def test_parse_ann_reads_relations_and_skips_flags():
    text = "x" * 56 + "    "
    first, second = parse_ann(ANN, text)
    assert (first.source, first.cue, first.content) == (((0, 5),), ((6, 10),), ((11, 20), (25, 30)))
    assert (second.source, second.content) == ((), ((48, 55), (56, 60)))


def test_segments_split_only_by_whitespace_are_one():
    text = "One. Two.  Three, he said. Four."
    assert merged(text, ((0, 4), (5, 9), (11, 17), (27, 32))) == ((0, 17), (27, 32))


def test_double_quoted_spans_with_nesting_and_open_ends():
    text = 'a "b “c” d" e “f g\nh “i” j'
    assert [text[s:e] for s, e in double_quoted(text, 0, len(text))] == ["b “c” d", "f g", "i"]


def test_double_quoted_counts_marks_just_outside_the_span():
    text = "He said “we win” today"
    assert [text[s:e] for s, e in double_quoted(text, 9, 15)] == ["we win"]


def test_two_apostrophes_scan_as_a_double_mark():
    text = "''We win,'' he said."
    scan = scannable(text)
    assert len(scan) == len(text)
    assert [text[s:e] for s, e in double_quoted(scan, 0, len(scan))] == ["We win,"]
    assert narrowed(scan, 0, 11) == (2, 9)


def test_match_is_one_to_one_by_best_overlap():
    gold = [Item(0, 10), Item(20, 30)]
    predicted = [Item(0, 8), Item(1, 10), Item(40, 50)]
    assert match(gold, predicted) == [(Item(0, 10), Item(1, 10))]


def test_match_needs_half_the_union():
    assert match([Item(0, 10)], [Item(5, 15)]) == []
    assert match([Item(0, 10)], [Item(0, 5)]) == [(Item(0, 10), Item(0, 5))]


def test_speaker_agrees_on_overlap_or_shared_absence():
    assert speaker_agrees(Item(0, 1, ((5, 10),)), Item(0, 1, ((8, 20),)))
    assert not speaker_agrees(Item(0, 1, ((5, 10),)), Item(0, 1, ((10, 20),)))
    assert speaker_agrees(Item(0, 1), Item(0, 1))
    assert not speaker_agrees(Item(0, 1, ((5, 10),)), Item(0, 1))


def test_tally_scores():
    tally = Tally()
    tally.add([Item(0, 10, ((20, 25),)), Item(30, 40)], [Item(0, 10, ((21, 22),)), Item(50, 60)])
    scores = tally.scores()
    assert (scores["precision"], scores["recall"], scores["f1"]) == (0.5, 0.5, 0.5)
    assert (scores["speaker_accuracy"], scores["end_to_end_f1"]) == (1.0, 0.5)


def test_body_starts_after_the_first_non_empty_line():
    assert body_start("\n\nTitle here\n\nBody.") == 13


def test_offset_map_skips_dropped_lines_and_collapsed_spaces():
    raw = "Title\n\n4 minute read\n\nOne  two.\n\nThree."
    cleaned = "One two.\n\nThree."
    mapping = offset_map(cleaned, raw, body_start(raw))
    assert raw[slice(*raw_span(mapping, 0, 8))] == "One  two."
    assert raw[slice(*raw_span(mapping, 10, 16))] == "Three."


@pytest.mark.slow
def test_dev_scores_floor(nlp):
    """Issue 26's PolNeAR targets for direct quotes. PolNeAR also annotates beliefs,
    intentions and findings, which QUOTES-GUIDE.md leaves out, so its all-speech view is
    no longer a target: its floors only guard against a broken stage (0.662 / 0.617)."""
    report = evaluate(shared_path("data", "polnear", "dev"), nlp).as_dict("dev")
    assert report["direct"]["f1"] >= 0.95
    assert report["direct"]["end_to_end_f1"] >= 0.87
    assert report["all"]["f1"] >= 0.64
    assert report["all"]["end_to_end_f1"] >= 0.59
