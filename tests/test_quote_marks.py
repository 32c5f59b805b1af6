"""Reading quotation marks: kinds of marks, nesting, paragraphs, and unbalanced input."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsbeam.transforms.quotes.marks import find_quoted_spans, mark_direction


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quoted_spans(text)]


def test_straight_curly_and_guillemet_marks():
    text = 'He said "yes." She said “no.” They said «maybe».'
    assert _texts(text) == ["yes.", "no.", "maybe"]


def test_single_marks_nested_inside_doubles_do_not_end_the_quote():
    text = "“The leaders ‘get down to business,’ he hopes,” said Weiss."
    assert _texts(text) == ["The leaders ‘get down to business,’ he hopes,"]


def test_misplaced_single_mark_after_the_double_is_ignored():
    # The seed writes ,”’ where ,’” was meant; the double mark still closes.
    text = "“the two leaders ‘get down to business,”’ said Andrew Weiss."
    assert _texts(text) == ["the two leaders ‘get down to business,"]


def test_doubles_nested_inside_straight_doubles():
    text = '"I read the question: “Do you agree?” Most said no." He paused.'
    assert _texts(text) == ["I read the question: “Do you agree?” Most said no."]


def test_attribute_values_of_markup_tags_are_not_quotations():
    # Text scraped with its embeds keeps tags such as PolNeAR's tweets; a real quote
    # inside the embed and one after the tag are still read.
    text = (
        '<tweet pic="" author="JebBush" tweet_id="6721">Praying for the victims.</tweet>\n'
        '<a href="https://x.test/a">He said "enough" today</a> and "no more."'
    )
    assert _texts(text) == ["enough", "no more."]


def test_offsets_of_the_marks():
    text = "A “b c” d"
    (span,) = find_quoted_spans(text)
    assert (span.outer_start, span.start, span.end, span.outer_end) == (2, 3, 6, 7)
    assert span.closed


def test_two_apostrophes_are_a_double_mark():
    text = "''We will win,'' Mr. Smith said. ''He said 'no.''' Then he left."
    assert _texts(text) == ["We will win,", "He said 'no.'"]
    assert [s.outer_end - s.end for s in find_quoted_spans(text)] == [2, 2]


def test_apostrophes_alone_open_no_quote():
    assert _texts("Smith's plan isn't ready, the '90s are over.") == []


def test_quote_left_open_continues_into_a_paragraph_that_reopens():
    text = "“First part.\n\n“Second part,” she said.\n\n“New quote.”"
    spans = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["First part.", "Second part,", "New quote."]
    assert [s.closed for s in spans] == [False, True, True]
    assert [s.continued for s in spans] == [False, True, False]


def test_unclosed_quote_ends_at_its_paragraph():
    text = "He said “this never closes\n\nNext paragraph “is fine” here."
    spans = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["this never closes", "is fine"]
    assert spans[1].continued is False


def test_stray_closing_mark_is_ignored():
    assert _texts("He is 6'2” tall and “says hi” often.") == ["says hi"]


def test_a_closing_mark_after_an_attribution_ends_a_quotation_whose_reopening_was_dropped():
    """ "“A,” said X. B.”": the site dropped the mark reopening the quotation after its
    attribution; B runs from the end of the attribution's sentence to the stray mark."""
    text = "“We are not done yet,” said Jane Smith. But the end is new for us. So it opens.”"
    assert _texts(text) == ["We are not done yet,", "But the end is new for us. So it opens."]
    # a stray mark with no quotation closed before it in its paragraph stays ignored, and
    # so does one after a long stretch of the writer's words
    assert _texts("He said it is over. So it is.”") == []
    writer = (
        "“We won,” she said after the long count in the town hall, which ran late into the "
        "night as the rain fell. It was.”"
    )
    assert _texts(writer) == ["We won,"]


def test_a_resumed_quotation_starts_after_the_attribution_not_at_a_title_or_initial():
    """The full stop of "Gov." or of an initial ends no sentence, so the resumed
    quotation starts after the attribution's real end."""
    text = "“We will win,” said Gov. Greg Abbott. We are ready.”"
    assert _texts(text) == ["We will win,", "We are ready."]
    text = "“It is done,” said John F. Kennedy Jr. of the group. We move on.”"
    assert _texts(text)[-1] == "We move on."


def test_an_inch_mark_after_the_attribution_resumes_no_quotation():
    text = '“Fine,” she said. The firm said it was 5" short.'
    assert _texts(text) == ["Fine,"]


def test_inch_marks_do_not_open_a_quote():
    assert _texts('A 12" record and a "real" one.') == ["real"]


def test_mark_direction_follows_context_over_shape():
    assert mark_direction("a ”word” b", 2) == "open"
    assert mark_direction("a “word“ b", 7) == "close"
    assert mark_direction('a "word" b', 2) == "open"
    assert mark_direction('a "word" b', 7) == "close"


def test_empty_and_markless_text():
    assert find_quoted_spans("") == []
    assert find_quoted_spans("No quotes here.\n\n") == []


@given(st.text(alphabet=st.sampled_from(list("ab .,\n“”\"«»‘’'")), max_size=200))
def test_spans_are_ordered_and_inside_the_text(text):
    last_end = -1
    for span in find_quoted_spans(text):
        assert 0 <= span.outer_start < span.start < span.end <= span.outer_end <= len(text)
        assert span.outer_start >= last_end
        assert text[span.start : span.end] == text[span.start : span.end].strip()
        last_end = span.outer_end


def test_an_article_quoting_with_single_marks_has_them_read_as_quotations():
    text = (
        "Jane Smith criticised the police on Monday.\n"
        "'They put a target on my back,' Smith said.\n"
        "She told reporters: 'This goes much deeper than one visit to my office.'\n"
        "'Members' rights were violated. We will not be deterred.'\n"
    )
    assert _texts(text) == [
        "They put a target on my back,",
        "This goes much deeper than one visit to my office.",
        "Members' rights were violated. We will not be deterred.",
    ]


def test_single_marks_stay_apostrophes_where_the_article_quotes_with_double_marks():
    text = (
        "'Tis the season, the shoppers' guide says.\n"
        "'Cause it's cold, 'em boots sell.\n"
        "“We sold out,” the owner said.\n"
        "“Come back in spring,” she said.\n"
    )
    assert _texts(text) == ["We sold out,", "Come back in spring,"]
