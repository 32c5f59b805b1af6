"""Clean stage: normalisation, boilerplate lines, and the composite on a test pipeline."""

from __future__ import annotations

import apache_beam as beam
import pytest
from apache_beam.testing.util import assert_that, equal_to
from hypothesis import given
from hypothesis import strategies as st

from newsbeam.transforms.clean import (
    CleanArticles,
    clean_article,
    clean_body,
    detect_language,
    is_boilerplate,
    normalise,
    word_count,
)
from newsbeam.transforms.deadletter import ARTICLES, ERRORS, RejectedInput
from newsbeam.transforms.formats.text import split_title
from newsbeam.transforms.records import Article
from tests.conftest import INGESTED, SEED, local_test_pipeline


@pytest.mark.parametrize(
    "line",
    [
        "4 minute read",
        "12 min read",
        "More Must-Reads from TIME",
        "Contact us at letters@time.com.",
        "Advertisement",
        "ADVERTISEMENT",
        "Sign up for our daily newsletter",
        "Subscribe to our newsletter for the latest updates",
        "Share this article",
        "Share on Facebook",
        "Facebook Twitter Email",
        "Facebook | Twitter | LinkedIn",
        "Follow us on Twitter",
        "© 2019 Time USA, LLC. All Rights Reserved.",
        "Copyright 2021 The Associated Press. All rights reserved.",
        "Example.org is powered by software copyright 2000-2008 Jane Roe",
        "Read the original article on Daily Planet.",
        "More Top Reads from Example.com:",
        "All rights reserved. This material may not be reproduced, published, broadcast,"
        " rewritten or redistributed in whole or in part without prior express written"
        " permission from DAILY PLANET.",
        "Photo: Getty Images",
        "(Photo by John Moore/Getty Images)",
        "AP Photo/Evan Vucci",
        "Joe Raedle/Getty Images",
        "Erin Schaff-Pool/Getty Images",
        "(Josh Edelson / For The Times)",
        "Contributing: Adria R. Walker, Sarah Eames, USA TODAY Network",
        "Jane Roe reported from Paris and John Doe from Washington. Richard Roe and Mary Major"
        " contributed to this report from Washington.",
        "Jane Doe is a current and foreign affairs writer for the Daily Planet.",
        "Read more: Why Putin wants a deal",
        "Write to W.J. Hennigan at wj.hennigan@time.com",
        "Story continues below advertisement",
        "jd/xy (AP, AFP, Reuters)",
        "(dpa, Reuters)",
        "(Except for the headline, this story has not been edited by Daily Planet staff and is"
        " published from a syndicated feed.)",
    ],
)
def test_known_boilerplate_lines_are_recognised(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The senator said she would sign up for the program next year.",
        "Share prices fell 4% on Monday.",
        "Photographs of the meeting were released by the Kremlin on Sunday, officials said.",
        "Trump tweeted about the newsletter his campaign sends to millions of supporters.",
        "“Follow the money,” she said.",
        "Pompeo will meet U.S. diplomats at the American Embassy in Moscow on Monday.",
        "Contact with the rebels was lost on Monday.",
        "Contributing to the deficit, she said, were tax cuts and two wars.",
        "Mr. Doe, who contributed to this campaign, was not charged.",
        "Jane Doe is a former reporter for the paper who now runs a charity in Ohio, and she"
        " said on Monday that she had seen the letter.",
        "The ratio rose to 3/4 for the year, Reuters reported.",
        "The band lost its copyright 2019 case against the label, its lawyer said on Monday.",
        "Read the original article on the court's website, the lawyer told reporters.",
        "More stories from the front line emerged on Tuesday as the shelling went on.",
        "Officials confirmed the deaths (AP).",
        "",
    ],
)
def test_body_lines_are_kept(line):
    assert not is_boilerplate(line)


def test_long_lines_are_never_boilerplate_whatever_they_say():
    line = "Sign up for our newsletter " + "and read the whole story about the summit " * 5
    assert len(line) > 120
    assert not is_boilerplate(line)


def test_learned_lines_are_removed_case_insensitively():
    cleaned = clean_body(
        "Body text here.\n\nThe Daily Planet Staff\n", learned={"the daily planet staff"}
    )
    assert cleaned.text == "Body text here."
    assert cleaned.removed == ["The Daily Planet Staff"]


def test_normalise_line_ends_spaces_and_invisible_characters():
    assert normalise("a\r\nb\rc") == "a\nb\nc"
    assert normalise("a\u00a0\u00a0b\tc") == "a b c"
    assert normalise("in\u00adcredible\u200b") == "incredible"
    assert normalise("Cafe\u0301") == "Café"  # NFC
    assert normalise("bell\x07") == "bell"


def test_html_character_references_are_decoded_and_bare_ampersands_kept():
    assert normalise("Smith &amp; Sons said") == "Smith & Sons said"
    decoded = 'it\u2019s a "test" \u2014 ok'
    assert normalise("it&#8217;s a &quot;test&quot; &#x2014; ok") == decoded
    assert normalise("AT&T and R&D, B&Q; &copy 2020") == "AT&T and R&D, B&Q; &copy 2020"
    assert normalise("one&nbsp;&nbsp;two") == "one two"
    cleaned = clean_article(
        Article("id", "f.txt", INGESTED, title="Q&amp;A", raw_body="Sold to Larsen &amp; Toubro.")
    )
    assert (cleaned.title, cleaned.text) == ("Q&A", "Sold to Larsen & Toubro.")


def test_paragraphs_are_joined_by_one_blank_line():
    cleaned = clean_body("\n\n First para.  \n\n\n\nSecond para\nline two.\n\n")
    assert cleaned.text == "First para.\n\nSecond para\nline two."
    assert cleaned.removed == []


WRAPPED = """\
Narayanganj city - a major industrial hub just to the south
of Dhaka that produces most of the country's knitwear exports - has the
third-worst air quality in Bangladesh, according to a survey last year by
Stamford University.
FUNDING SHORTFALL
Manufacturing and construction, meanwhile, account for 58%
of the city's planet-warming emissions, showed an assessment by the South Asia
branch of ICLEI Local Governments for Sustainability, an international body
that helps cities with green policies.
Major sources of pollution include the city's seven cement
factories, 70 to 80 illegal brick kilns and a number of steel mills, said
Moinul Islam, town planner for Narayanganj City Corporation.
"""


def test_a_hard_wrapped_text_is_joined_back_into_its_paragraphs():
    assert clean_body(WRAPPED).text.split("\n") == [
        "Narayanganj city - a major industrial hub just to the south of Dhaka that produces "
        "most of the country's knitwear exports - has the third-worst air quality in "
        "Bangladesh, according to a survey last year by Stamford University.",
        "FUNDING SHORTFALL",
        "Manufacturing and construction, meanwhile, account for 58% of the city's "
        "planet-warming emissions, showed an assessment by the South Asia branch of ICLEI "
        "Local Governments for Sustainability, an international body that helps cities with "
        "green policies.",
        "Major sources of pollution include the city's seven cement factories, 70 to 80 "
        "illegal brick kilns and a number of steel mills, said Moinul Islam, town planner for "
        "Narayanganj City Corporation.",
    ]


def test_lines_of_a_text_that_was_not_hard_wrapped_stay_apart():
    # short lines ending mid-sentence, but their widths spread: a list, not a wrap
    listing = "\n".join(
        ["Ingredients", "two eggs", "a cup of flour and a pinch of salt", "butter"] * 3
    )
    assert clean_body(listing).text == listing
    # nor are lines narrower than any wrap: a table of results
    table = "\n".join(f"Round {i}: Velo United {i} Hart Rovers {i + 1}" for i in range(12))
    assert clean_body(table).text == table
    # long lines (one paragraph each) are never a wrap
    long_lines = "\n".join([f"Paragraph {i} " + "goes on and on " * 10 for i in range(10)])
    assert clean_body(long_lines).text == "\n".join(line.strip() for line in long_lines.split("\n"))


def test_seed_strips_exactly_its_three_boilerplate_lines():
    title, body = split_title(SEED.read_text(encoding="utf-8"))
    cleaned = clean_body(body)
    assert title.startswith("Secretary Pompeo to Meet With Putin")
    assert cleaned.removed == ["4 minute read", "More Must-Reads from TIME", "Contact us at"]
    assert cleaned.text.startswith("U.S. Secretary of State Michael Pompeo leaves for Moscow")
    assert cleaned.text.endswith("In Trump he trusts.”")
    # every paragraph of the body survives
    assert cleaned.text.count("\n\n") == 14  # 15 paragraphs


def test_boilerplate_only_article_is_rejected():
    article = Article(
        "id", "file.txt", INGESTED, title="T", raw_body="Advertisement\n\n4 min read\n"
    )
    with pytest.raises(RejectedInput) as info:
        clean_article(article)
    assert info.value.kind == "empty"
    assert "only boilerplate" in str(info.value)


def test_language_and_word_count():
    assert (
        detect_language("The president said that the talks were over and he would leave.") == "en"
    )
    assert detect_language("Der Präsident sagte, dass die Gespräche beendet seien.") == "de"
    assert word_count("Hello, world — it's 2019 !") == 4


@given(st.text(max_size=400))
def test_cleaning_never_raises_and_only_removes_whole_lines(raw):
    cleaned = clean_body(raw)
    kept_lines = [line for line in cleaned.text.split("\n") if line]
    source_lines = [line.strip() for line in normalise(raw).split("\n")]
    for line in kept_lines + cleaned.removed:
        assert line in source_lines
    assert "\n\n\n" not in cleaned.text


def test_clean_articles_composite_routes_empty_articles_to_errors():
    good = Article(
        "a", "a.txt", INGESTED, title="A", raw_body="Some body text.\n\nShare this article\n"
    )
    empty = Article("b", "b.txt", INGESTED, title="B", raw_body="   \n\n")
    with local_test_pipeline() as p:
        out = p | beam.Create([good, empty]) | CleanArticles()
        assert_that(
            out[ARTICLES] | "Texts" >> beam.Map(lambda a: (a.text, a.boilerplate_removed)),
            equal_to([("Some body text.", ["Share this article"])]),
            label="articles",
        )
        assert_that(
            out[ERRORS] | "Kinds" >> beam.Map(lambda e: (e.source_uri, e.stage, e.error)),
            equal_to([("b.txt", "clean", "empty")]),
            label="errors",
        )
