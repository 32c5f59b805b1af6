"""Quote attribution, one construction per test, on hand-written sentences.

Entities are built by hand (the quote stage consumes them, it does not find them), so
each test states exactly which names the article knows.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsbeam.transforms.nlp.truecase import prepare_for_parse
from newsbeam.transforms.quotes import extract_quotes
from newsbeam.transforms.records import Entity, Mention, Quote


def person(text: str, name: str, *forms: str, label: str = "PERSON") -> Entity:
    """An entity whose mentions are every occurrence of each form in `text`."""
    mentions = []
    for form in forms or (name,):
        start = text.find(form)
        while start >= 0:
            mentions.append(Mention(form, start, start + len(form)))
            start = text.find(form, start + len(form))
    return Entity(name.lower(), name, label, len(mentions), 1.0, mentions)


def quotes_of(nlp, text: str, *entities: Entity) -> list[Quote]:
    return extract_quotes(nlp(text), entities)


def summary(quotes: list[Quote]) -> list[tuple[str, str, str | None, str | None, str | None]]:
    return [(q.kind, q.text, q.speaker, q.speaker_mention, q.cue) for q in quotes]


def test_said_after_the_quote_with_inverted_speaker(nlp):
    text = "“We will win,” said Jane Smith."
    assert summary(quotes_of(nlp, text, person(text, "Jane Smith"))) == [
        ("direct", "We will win,", "Jane Smith", "Jane Smith", "said")
    ]


def test_surname_speaker_resolves_to_the_full_name(nlp):
    text = "Jane Smith spoke first.\n\n“Taxes are too high,” Smith said."
    entity = person(text, "Jane Smith", "Jane Smith", "Smith")
    assert summary(quotes_of(nlp, text, entity)) == [
        ("direct", "Taxes are too high,", "Jane Smith", "Smith", "said")
    ]


def test_appositive_is_not_the_speaker(nlp):
    text = "“Nothing has changed,” said Andrew Weiss, the former director of the council."
    (quote,) = quotes_of(nlp, text, person(text, "Andrew Weiss"))
    assert (quote.speaker, quote.speaker_mention) == ("Andrew Weiss", "Andrew Weiss")


def test_a_role_is_the_person_named_in_apposition_with_post_nominal_letters(nlp):
    # the entity stage names "Remy Farrell" without "SC", which the parse makes the head
    text = (
        "Counsel for CORU, Remy Farrell SC, said Tusla had not been notified in a timely "
        "manner about another boy placed in foster care."
    )
    (quote,) = quotes_of(nlp, text, person(text, "Remy Farrell"))
    assert (quote.speaker, quote.speaker_type) == ("Remy Farrell", "person")


def test_speaker_and_cue_before_a_colon(nlp):
    text = "Jane Smith told reporters: “The vote is on Tuesday.”"
    assert summary(quotes_of(nlp, text, person(text, "Jane Smith"))) == [
        ("direct", "The vote is on Tuesday.", "Jane Smith", "Jane Smith", "told")
    ]


def test_tweeted(nlp):
    text = "Jane Smith tweeted: “Big day for our campaign!”"
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.speaker, quote.cue) == ("direct", "Jane Smith", "tweeted")


def test_according_to_after_a_quote(nlp):
    text = "“The talks failed,” according to Jane Smith."
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.text, quote.speaker, quote.cue) == (
        "direct",
        "The talks failed,",
        "Jane Smith",
        "according to",
    )


def test_according_to_reports_the_rest_of_the_clause(nlp):
    text = "The economy is growing, according to Jane Smith."
    assert summary(quotes_of(nlp, text, person(text, "Jane Smith"))) == [
        ("indirect", "The economy is growing", "Jane Smith", "Jane Smith", "according to")
    ]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "The number of people using the Internet has risen during the pandemic, "
            "according to the UN Department of Economic and Social Affairs (DESA), which "
            "supports the IGF Secretariat.",
            "UN Department of Economic and Social Affairs",
        ),
        (
            "Security forces have killed at least 1,833 civilians since last year's coup, "
            "according to Thailand-based Assistance Association for Political Prisoners, "
            "mostly during peaceful protests of military rule.",
            "Assistance Association for Political Prisoners",
        ),
    ],
)
def test_words_describing_the_source_after_according_to_are_no_statement(nlp, text, source):
    # the clause before the source is what it said; what follows the source describes it
    quotes = quotes_of(nlp, text, person(text, source, label="ORG"))
    assert [(q.text, q.speaker) for q in quotes] == [(text.split(", according")[0], source)]


def test_a_clause_after_according_to_x_is_still_the_sources(nlp):
    # guard: a finite clause after the source goes on with what it said
    text = "Prices rose 5% last year, according to Jane Smith, and wages fell by 2%."
    quotes = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert [q.text for q in quotes] == ["Prices rose 5% last year", "and wages fell by 2%."]


def test_according_to_a_source_of_someone_s_report_is_no_statement_of_the_source(nlp):
    # the statement is the judge's; the agency only carries it
    text = (
        "According to the Associated Press, U.S. District Judge Jane Smith said the "
        "ruling would come on Friday."
    )
    agency = person(text, "Associated Press", label="ORG")
    found = quotes_of(nlp, text, person(text, "Jane Smith"), agency)
    assert [(q.speaker, q.cue) for q in found] == [("Jane Smith", "said")]
    # nor is the "according to" after a set-off attribution more of the speaker's words
    text = "Prisoners will be released, Jane Smith said, according to the Daily Mail."
    found = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert [(q.text, q.speaker) for q in found] == [("Prisoners will be released", "Jane Smith")]
    # a speech verb with no clause of its own reports nothing: the source speaks
    text = "According to a spokesperson, the current wave of floods has claimed 174 lives."
    (quote,) = quotes_of(nlp, text)
    assert quote.cue.lower() == "according to"


def test_urged_to_with_a_quoted_fragment_is_mixed(nlp):
    text = "Jane Smith urged voters to “stay home” on Tuesday."
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.speaker, quote.cue) == ("mixed", "Jane Smith", "urged")
    assert "“stay home”" in quote.text


def test_reported_speech_holding_a_fragment_is_mixed(nlp):
    text = "Jane Smith said the plan was “dead on arrival” and would fail."
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.text, quote.speaker) == (
        "mixed",
        "the plan was “dead on arrival” and would fail",
        "Jane Smith",
    )


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        (
            "Smith said Jones promised “a full investigation.”",
            "Jones promised “a full investigation.”",
        ),
        ("Officials said the president demanded “answers.”", "the president demanded “answers.”"),
    ],
)
def test_a_quote_that_is_all_of_an_inner_report_is_a_fragment_of_the_outer(nlp, text, reported):
    # The inner verb's object is just the quoted words, but the outer report holds more.
    (quote,) = quotes_of(nlp, text)
    assert (quote.kind, quote.text) == ("mixed", reported)


@pytest.mark.parametrize(
    ("text", "tail"),
    [
        (
            "Djokovic told a TV interviewer that he is feeling “a lot of emotion” before the "
            "“very important match.”",
            "“a lot of emotion” before the “very important match.”",
        ),
        (
            "He repeated his slogans, “Peace Through Strength,” “Law and Order,” and, yes, "
            "“Sanity.”",
            "“Law and Order,” and, yes, “Sanity.”",
        ),
    ],
)
def test_fragments_of_one_report_are_one_mixed_quote(nlp, text, tail):
    # Not also a direct quote of the first fragment: the mixed quote holds it.
    (quote,) = quotes_of(nlp, text)
    assert quote.kind == "mixed"
    assert quote.text.endswith(tail)


def test_a_while_clause_after_a_quote_closing_on_its_comma_is_not_reported(nlp):
    text = (
        'Jane Smith said she was "going to put a lot of coal miners out of business," '
        "while trying to explain her plan to rebuild the economy."
    )
    quote = quotes_of(nlp, text, person(text, "Jane Smith"))[0]
    assert (quote.kind, quote.text) == (
        "mixed",
        'she was "going to put a lot of coal miners out of business,"',
    )


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        (
            "Campaign chair Paul Manafort dismissed the whole kerfuffle as “absurd.”",
            "the whole kerfuffle as “absurd.”",
        ),
        (
            "At the debate, Paul Manafort blamed the “fog of war” for the failure to act.",
            "the “fog of war” for the failure to act",
        ),
        (
            'Paul Manafort, director of the institute, calls Horgos "a mistake" because so few '
            "people live near it.",
            # with the reason given for it (test_a_because_clause_after_a_mixed_quote_is_part_of_it)
            'Horgos "a mistake" because so few people live near it',
        ),
        (
            'Paul Manafort called that report Friday a "boldfaced lie."',
            'that report Friday a "boldfaced lie."',
        ),
        (
            # the parser hangs the opening mark on "called", between object and completion
            "Paul Manafort called the political system “rotten to the core.”",
            "the political system “rotten to the core.”",
        ),
        (
            # and an adjunct of the object's on the verb ("in the crowded field")
            "Paul Manafort called his standing in the crowded field “unheard of.”",
            "his standing in the crowded field “unheard of.”",
        ),
    ],
)
def test_a_quote_in_a_cues_object_or_its_completion_reports_both(nlp, text, reported):
    (quote,) = quotes_of(nlp, text, person(text, "Paul Manafort"))
    assert (quote.kind, quote.text, quote.speaker) == ("mixed", reported, "Paul Manafort")


@pytest.mark.parametrize(
    ("text", "reported", "mention", "cue"),
    [
        (
            "Jane Smith spoke. Smith's claim that Mexico will pay for the wall drew laughs.",
            "that Mexico will pay for the wall",
            "Smith",
            "claim",
        ),
        (
            "Jane Smith lost the vote. Her insistence that the count was rigged did not help.",
            "that the count was rigged",
            "Her",
            "insistence",
        ),
    ],
)
def test_a_possessed_noun_of_speech_reports_its_clause(nlp, text, reported, mention, cue):
    # The possessor speaks, a possessive pronoun resolving to the person before it.
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith", "Jane Smith", "Smith"))
    assert (quote.kind, quote.text, quote.speaker, quote.speaker_mention, quote.cue) == (
        "indirect",
        reported,
        "Jane Smith",
        mention,
        cue,
    )


@pytest.mark.parametrize(
    "text",
    [
        "The claim that she made at the debate was false.",  # a relative clause
        "The claim that Mexico will pay drew laughs.",  # nobody's claim
    ],
)
def test_a_noun_of_speech_without_a_possessor_or_with_a_relative_clause_reports_nothing(nlp, text):
    assert quotes_of(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "reported", "cue"),
    [
        ("Bernie Sanders warned of a recession.", "a recession", "warned"),
        ("Bernie Sanders called for a ban on fracking.", "a ban on fracking", "called"),
        ("Bernie Sanders's attacks on the judge drew criticism.", "the judge", "attacks"),
        ("Bernie Sanders's call for a ban on fracking was cheered.", "a ban on fracking", "call"),
    ],
)
def test_a_preposition_introduces_what_a_verb_or_noun_of_speech_is_about(nlp, text, reported, cue):
    (quote,) = quotes_of(nlp, text, person(text, "Bernie Sanders", "Bernie Sanders"))
    assert (quote.kind, quote.text, quote.speaker, quote.cue) == (
        "indirect",
        reported,
        "Bernie Sanders",
        cue,
    )


@pytest.mark.parametrize(
    "text",
    [
        # stances and acts whose object is a target or topic, not a statement
        "Jane Smith opposed the trade deal.",
        "Jane Smith attacked the governor for his budget.",
        "Jane Smith praised the new budget deal.",
        "Jane Smith endorsed the governor on Tuesday.",
        "Jane Smith discussed the leaks with reporters.",
        "Jane Smith discussed the list of actions that are of concern to Japan.",
        "Jane Smith issued a report on the plant's finances.",
        "Jane Smith thanked Poland for its help.",
        # intentions, decisions and plans
        "Jane Smith decided to run for governor.",
        "Jane Smith wants to run for governor.",
        "Jane Smith plans to cut emissions by half.",
        "Jane Smith declined to comment.",
        # a cue joined to what one declines, plans or expects is no statement either
        "Jane Smith declined to give a timeframe or say whether the police would act.",
        "The government is expected to report that prices rose by 8 percent.",
        "Jane Smith plans to travel to Kyiv and tell them the offer stands.",
        "After an evaluation, Judge Jane Smith found the defendant competent to stand trial.",
        "The firm is cutting waste by focusing on the river's plastic problem.",
        "Bernie Sanders focused on income inequality.",  # an act (guide), PolNeAR's topic
        "Bernie Sanders spoke about income inequality for an hour.",  # a topic (guide)
        "When Jane Smith was talking about paying back the loan, she got the facts wrong.",
        "In court, Jane Smith argued for leniency on his behalf.",  # a plea in a trial
        "Jane Smith argued against a longer sentence.",
        # nouns of an intent or a belief are no statement
        "Jane Smith's activities were guided by her desire to expand her casinos abroad.",
        "The police foiled Jane Smith's plan to leave the embassy under diplomatic cover.",
        # proposals are plans, not statements
        "Jane Smith proposed that the council cut taxes.",
        "Jane Smith is proposing a bill to send troops should the rebels use gas.",
        # beliefs, feelings and knowledge
        "Jane Smith learned that the plant would close.",
        "Jane Smith hopes that the deal will hold.",
        "Jane Smith is hoping to win the vote in March.",
        "Jane Smith sees him as a potential asset.",
        "Jane Smith believes there are no good options.",
        "It is understood that the minister will resign.",
        # negated and hypothetical speech
        "Jane Smith did not say that the plant would close.",
        "Jane Smith did not respond to our request.",
        "Jane Smith, who has said nothing about the criticism, named a new cabinet.",
        "Jane Smith would argue that the plant must close.",
        "If Jane Smith says that the plant will close, workers will strike.",
        # documents, data and things as sources
        "A new report found that the plant would close.",
        "Records show that the plant closed in 2002.",
        "According to a new study, the plant will close.",
        "According to the Global Fire Emissions Database, 8,668 fires have been detected.",
        "Climate change threatens the plant and its workers.",
    ],
)
def test_what_is_not_a_speech_report_is_no_row(nlp, text):
    """QUOTES-GUIDE.md: beliefs, intentions, decisions, stances with a target, negated or
    hypothetical speech and findings of documents are not speech reports."""
    assert quotes_of(nlp, text, person(text, "Jane Smith")) == []


def test_multi_sentence_quote_is_one_quote(nlp):
    text = "“We lost. We will be back. Count on it,” Jane Smith said."
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.text, quote.speaker) == ("We lost. We will be back. Count on it,", "Jane Smith")


@pytest.mark.parametrize(
    ("text", "name", "first", "second"),
    [
        pytest.param(
            "“We lost,” said Jane Smith, a senator. “We will be back next year.”",
            "Jane Smith",
            "We lost,",
            "We will be back next year.",
            id="floating-quote-after-the-attribution",
        ),
        # the parser makes the name the subject of the resumed quote, not of "said"
        pytest.param(
            "“The risk,” said Edward Leamer, an economist who is the director of the UCLA "
            "Anderson Forecast, “is that we're going to be attracting workers.”",
            "Edward Leamer",
            "The risk,",
            "is that we're going to be attracting workers.",
            id="quote-resumed-after-a-long-description",
        ),
    ],
)
def test_the_quote_after_an_attributed_one_keeps_its_speaker(nlp, text, name, first, second):
    quotes = quotes_of(nlp, text, person(text, name))
    assert [(q.kind, q.text, q.speaker) for q in quotes] == [
        ("direct", first, name),
        ("direct", second, name),
    ]


def test_multi_paragraph_quote_continues_with_the_same_speaker(nlp):
    text = (
        "Jane Smith said: “The first thing is the budget.\n\n"
        "“The second thing is the schedule.”\n\nThe meeting ended."
    )
    quotes = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert [(q.kind, q.text, q.speaker) for q in quotes] == [
        ("direct", "The first thing is the budget.", "Jane Smith"),
        ("direct", "The second thing is the schedule.", "Jane Smith"),
    ]


def test_pronoun_speaker_resolves_to_the_last_person(nlp):
    text = "Jane Smith spoke on Monday.\n\n“We will win,” she said."
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.speaker, quote.speaker_mention, quote.speaker_label) == (
        "Jane Smith",
        "she",
        "PERSON",
    )


def test_role_noun_resolves_to_the_person_introduced_with_it(nlp):
    text = "Senator Jane Smith arrived late.\n\nThe senator said that the plan would fail."
    assert summary(quotes_of(nlp, text, person(text, "Jane Smith"))) == [
        ("indirect", "that the plan would fail", "Jane Smith", "The senator", "said")
    ]


def test_unnamed_speaker_stays_unknown(nlp):
    text = "A senior official said the talks would resume in May."
    assert summary(quotes_of(nlp, text)) == [
        ("indirect", "the talks would resume in May", None, "A senior official", "said")
    ]


def test_indirect_speech_keeps_that(nlp):
    text = "Jane Smith argued that the tax cut would pay for itself."
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.text, quote.cue) == (
        "indirect",
        "that the tax cut would pay for itself",
        "argued",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Sales rose last year. That said, the company expects a slower quarter.",
        "But that said, Clinton would almost certainly win enough delegates to capture it.",
    ],
)
def test_that_said_is_a_connective_not_a_statement(nlp, text):
    assert quotes_of(nlp, text) == []


def test_scare_quotes_and_titles_are_not_quotes(nlp):
    text = "The so-called “experts” were wrong. He read “War and Peace” last year."
    assert quotes_of(nlp, text) == []


def test_a_programme_title_after_its_network_is_no_quote(nlp):
    text = "But he told ABC’s “Good Morning America” that he agrees Trump is a “total opportunist.”"
    assert [(q.kind, q.text) for q in quotes_of(nlp, text)] == [
        ("mixed", "that he agrees Trump is a “total opportunist.”")
    ]
    text = "Speaking Sunday on CNN’s “State of the Union,” Jane Smith said the plan would fail."
    assert [(q.kind, q.text) for q in quotes_of(nlp, text)] == [("indirect", "the plan would fail")]
    text = "“We will win,” Jane Smith said on Sunday’s “Meet the Press.”"
    assert [(q.kind, q.text) for q in quotes_of(nlp, text)] == [("direct", "We will win,")]
    # the tagger reads the "’s" of "NPR’s" as a closing mark here
    text = (
        "“I like to go in front of judges,” Prelogar said recently about the experience on "
        "NPR’s “Wait, Wait … Don’t Tell Me!” The early pageant work may also contribute."
    )
    assert [q.text for q in quotes_of(nlp, text)] == ["I like to go in front of judges,"]


@pytest.mark.parametrize(
    "text",
    [
        "“I have always said that I expect to be vetted,” he said on “Meet the Press.”",
        "“Putin is a threat,” Clinton said in an interview with “Fox News Sunday.”",
        "“Of course he’s fair game,” Fiorina told “Fox and Friends,” reminding the hosts.",
        "“That’s my job,” Weiner said in May on the podcast “Here’s the Thing.”",
    ],
)
def test_a_programme_title_someone_spoke_on_is_no_quote(nlp, text):
    """The title after "on", "with", "told" or a noun of a programme names where the
    words were said; read as a quote, it became a fragment of their statement."""
    assert [q.kind for q in quotes_of(nlp, text)] == ["direct"]


def test_two_apostrophe_marks(nlp):
    text = "''We will win,'' Mr. Smith said. ''Count on it.''"
    quotes = quotes_of(nlp, text, person(text, "Jane Smith", "Smith"))
    assert [(q.kind, q.text, q.speaker) for q in quotes] == [
        ("direct", "We will win,", "Jane Smith"),
        ("direct", "Count on it.", "Jane Smith"),
    ]


def test_named_subject_of_a_clause_before_a_colon_speaks(nlp):
    text = (
        "Senate leader Jane Smith delivered a blunt message to the governor: "
        "“It is time to stop attacking people.”"
    )
    assert summary(quotes_of(nlp, text, person(text, "Jane Smith"))) == [
        (
            "direct",
            "It is time to stop attacking people.",
            "Jane Smith",
            "Senate leader Jane Smith",
            "delivered",
        )
    ]


def test_chanted_is_a_speech_cue(nlp):
    text = "“Jane Smith has got to go!” the protesters chanted on Friday."
    assert summary(quotes_of(nlp, text, person(text, "Jane Smith"))) == [
        ("direct", "Jane Smith has got to go!", None, "the protesters", "chanted")
    ]


def test_inverted_cue_the_parser_reads_as_a_modifier(nlp):
    text = "“Debate recap,” tweeted campaign spokesman Jane Smith on Friday."
    assert summary(quotes_of(nlp, text, person(text, "Jane Smith"))) == [
        ("direct", "Debate recap,", "Jane Smith", "campaign spokesman Jane Smith", "tweeted")
    ]


def test_a_name_on_its_own_line_before_a_quote_paragraph(nlp):
    text = "The program aired on Sunday.\n\nJane Smith:\n\n“I think the stakes are very high.”"
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.text, quote.speaker) == ("I think the stakes are very high.", "Jane Smith")


def test_read_is_a_cue_only_next_to_the_quote(nlp):
    text = (
        "“Welcome to the state of Ohio, the heart of it all,” the sign read. "
        "Jane Smith read “War and Peace” twice last summer."
    )
    assert [(q.text, q.speaker_mention, q.cue) for q in quotes_of(nlp, text)] == [
        ("Welcome to the state of Ohio, the heart of it all,", "the sign", "read")
    ]


def test_name_and_colon_attribute_a_quote(nlp):
    text = "Rep. Jane Smith (D-Va.): “I have not heard anyone cite that figure.”"
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.speaker, quote.cue) == ("direct", "Jane Smith", ":")


def test_quote_after_a_sentence_about_the_speaker_takes_its_subject(nlp):
    text = "Jane Smith is upbeat about the race.\n\n“We can win in November, and we will.”"
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.speaker, quote.speaker_mention, quote.cue) == (
        "direct",
        "Jane Smith",
        "Jane Smith",
        None,
    )


def test_writer_words_before_a_quote_make_it_mixed(nlp):
    text = "The plan is “dead on arrival,” Jane Smith said."
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.text, quote.speaker) == (
        "mixed",
        "The plan is “dead on arrival,”",
        "Jane Smith",
    )


def test_parenthetical_cue_reports_both_parts(nlp):
    text = "The golf industry, Jane Smith said, is doing much better than last year."
    quotes = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert [(q.kind, q.text, q.cue) for q in quotes] == [
        ("indirect", "The golf industry", "said"),
        ("indirect", "is doing much better than last year.", "said"),
    ]


def test_a_short_part_before_a_parenthetical_cue_is_a_piece_too(nlp):
    # PolNeAR's annotators give the subject before "she said," as a piece of the content.
    text = "Her countrymen, Jane Smith said, should not listen to those critics."
    quotes = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert [(q.kind, q.text, q.speaker) for q in quotes] == [
        ("indirect", "Her countrymen", "Jane Smith"),
        ("indirect", "should not listen to those critics.", "Jane Smith"),
    ]


def test_sentence_final_cue_reports_the_clause(nlp):
    text = "The economy will slow down next year, Jane Smith said."
    assert summary(quotes_of(nlp, text, person(text, "Jane Smith"))) == [
        ("indirect", "The economy will slow down next year", "Jane Smith", "Jane Smith", "said")
    ]


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        # The parser reads "for" as the subordinator of the clause after it.
        ("Jane Smith called for the president to resign.", "the president to resign", "called"),
        ("Jane Smith pointed to the tax record.", "the tax record", "pointed"),
        ("Asked if she was ever bullied, Jane Smith said no.", "no", "said"),
    ],
)
def test_prepositions_and_answers_of_cues_are_reported(nlp, text, content, cue):
    # "Asked if ..." reports its question too (see the test of questions below).
    (quote,) = [q for q in quotes_of(nlp, text, person(text, "Jane Smith")) if q.cue == cue]
    assert (quote.kind, quote.text, quote.speaker, quote.cue) == (
        "indirect",
        content,
        "Jane Smith",
        cue,
    )


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("Jane Smith defended herself on Tuesday.", []),
        ("Jane Smith denied the allegations on Tuesday.", ["the allegations"]),
    ],
)
def test_a_lone_reflexive_object_reports_nothing(nlp, text, reported):
    """A reflexive object ("defended herself") names the speaker again: nothing said."""
    quotes = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert [q.text for q in quotes] == reported


def test_object_cue_keeps_its_completion(nlp):
    text = "Senator Jane Smith accused the governor of hiding the report."
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.text, quote.speaker, quote.cue) == (
        "indirect",
        "the governor of hiding the report",
        "Jane Smith",
        "accused",
    )


def test_a_report_inside_a_report_is_part_of_it(nlp):
    text = "Jane Smith said she thinks the plan will fail."
    assert summary(quotes_of(nlp, text, person(text, "Jane Smith"))) == [
        ("indirect", "she thinks the plan will fail", "Jane Smith", "Jane Smith", "said")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "As Jane Smith has said, the plan will fail within a year.",
        "The plan, as Jane Smith noted, will fail within a year.",
    ],
)
def test_an_as_clause_attributes_the_rest_of_its_sentence(nlp, text):
    quotes = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert {(q.kind, q.speaker) for q in quotes} == {("indirect", "Jane Smith")}
    assert "will fail within a year" in quotes[-1].text
    assert not any("Smith" in q.text for q in quotes)


def test_a_set_off_cue_carries_its_listener(nlp):
    # The parser hangs "told" on the clause's verb here, with its listener as an object.
    text = "Instead, Jane Smith told CNN, her policy would merely be to wait."
    quotes = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert [(q.kind, q.text, q.speaker) for q in quotes] == [
        ("indirect", "Instead", "Jane Smith"),
        ("indirect", "her policy would merely be to wait.", "Jane Smith"),
    ]


def test_a_set_off_cue_carries_its_own_adjuncts(nlp):
    text = "The plan will fail within a year, Jane Smith said in an interview on Monday."
    assert summary(quotes_of(nlp, text, person(text, "Jane Smith"))) == [
        ("indirect", "The plan will fail within a year", "Jane Smith", "Jane Smith", "said")
    ]


def test_a_quote_inside_a_report_is_the_reporters(nlp):
    # The quoted word is a fragment of what Jane Smith said: a mixed quote of her report.
    text = "Jane Smith said she expected that voters will say “no” to the plan."
    assert summary(quotes_of(nlp, text, person(text, "Jane Smith"))) == [
        (
            "mixed",
            "she expected that voters will say “no” to the plan",
            "Jane Smith",
            "Jane Smith",
            "say",
        )
    ]


def test_a_participle_cue_inside_a_report_borrows_the_reporters_subject(nlp):
    text = (
        "Jane Smith said the process of writing the platform could be “messy,” adding, "
        "“Democracy is messy.”"
    )
    quotes = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert [(q.kind, q.text, q.speaker_mention) for q in quotes] == [
        ("mixed", "the process of writing the platform could be “messy,”", "Jane Smith"),
        ("direct", "Democracy is messy.", "Jane Smith"),
    ]


def test_pronoun_inside_a_report_takes_the_reporter(nlp):
    text = "Jane Smith said she expects the council to “act fast on housing.”"
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.speaker_mention, quote.speaker, quote.cue) == (
        "mixed",
        "Jane Smith",
        "Jane Smith",
        "expects",
    )


def test_relative_pronoun_speaker_resolves_to_its_antecedent(nlp):
    text = "It was Jane Smith who said that the vote would be close."
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.speaker_mention, quote.speaker) == ("who", "Jane Smith")


def test_next_sentence_cue_does_not_claim_a_finished_fragment(nlp):
    text = "Jane Smith called the ruling “arbitrary.” John Doe warned that it would hurt."
    quotes = quotes_of(nlp, text, person(text, "Jane Smith"), person(text, "John Doe"))
    assert [(q.kind, q.text, q.speaker) for q in quotes] == [
        ("mixed", "the ruling “arbitrary.”", "Jane Smith"),
        ("indirect", "that it would hurt", "John Doe"),
    ]


def test_every_span_points_into_the_text(nlp):
    text = "“It is over,” said Jane Smith.\n\nShe said the “war” was lost, according to aides."
    for quote in quotes_of(nlp, text, person(text, "Jane Smith")):
        assert text[quote.start : quote.end] == quote.text
        assert text[quote.cue_start : quote.cue_end] == quote.cue
        assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_mention


def test_quote_ids_are_stable_and_distinct(nlp):
    text = "“A is true,” said Jane Smith. “B is false.”"
    first = quotes_of(nlp, text, person(text, "Jane Smith"))
    second = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert [q.quote_id for q in first] == [q.quote_id for q in second]
    assert len({q.quote_id for q in first}) == 2


def test_text_that_differs_from_the_parse_in_length_is_refused(nlp):
    with pytest.raises(ValueError):
        extract_quotes(nlp("Some text."), [], text="Other text of another length.")


def test_values_come_from_the_given_text(nlp):
    text = "“WE WILL WIN,” said Jane Smith."
    parsed = "“We will win,” said Jane Smith."
    (quote,) = extract_quotes(nlp(parsed), [person(text, "Jane Smith")], text=text)
    assert quote.text == "WE WILL WIN,"


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n ", "“", "”", '"""', "“unclosed", "said” he “", "“a” “b” “c", "'‘’“”«»„"],
)
def test_odd_marks_and_empty_text_never_crash(nlp, text):
    for quote in quotes_of(nlp, text):
        assert text[quote.start : quote.end] == quote.text


def test_very_long_paragraph(nlp):
    sentence = "“This goes on,” he said, and “on” it went. "
    text = "Jane Smith spoke. " + sentence * 300 + "“Unclosed"
    quotes = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert len([q for q in quotes if q.kind == "direct"]) >= 300
    assert all(text[q.start : q.end] == q.text for q in quotes)


_WORDS = st.sampled_from(
    "said says told he she Smith Jane the plan “ ” \" « » ‘ ’ ' , . : ; \n\n according to "
    "that would fail urged voters We win Tuesday official".split(" ")
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_WORDS, max_size=40))
@example(words=["plan", "to", "‘", "he", "according"])  # a "to" before "according" is not its own
def test_random_text_never_raises_and_spans_are_exact(nlp, words):
    text = " ".join(words)
    for quote in quotes_of(nlp, text, person(text, "Jane Smith", "Jane Smith", "Smith")):
        assert quote.kind in ("direct", "mixed", "indirect")
        assert text[quote.start : quote.end] == quote.text
        if quote.cue is not None:
            assert text[quote.cue_start : quote.cue_end] == quote.cue
        if quote.speaker_mention is not None:
            assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_mention


def test_every_cue_of_the_seed_is_among_the_candidate_tokens(nlp):
    # Reported speech visits only CueFinder.candidates(); a cue outside them would be lost.
    from newsbeam.transforms.clean import clean_body
    from newsbeam.transforms.formats.text import split_title
    from newsbeam.transforms.quotes.cues import CueFinder
    from newsbeam.transforms.quotes.document import QuoteDocument
    from newsbeam.transforms.quotes.speakers import SpeakerResolver
    from tests.conftest import SEED

    text = clean_body(split_title(SEED.read_text(encoding="utf-8"))[1]).text
    doc = nlp(text)
    cues = CueFinder(QuoteDocument(doc, text), SpeakerResolver(doc, []))
    candidates = {token.i for token in cues.candidates()}
    found = {token.i for token in doc if cues.cue(token, adjacent=False) is not None}
    assert len(found) >= 10
    assert found <= candidates
    assert len(candidates) < len(doc) / 10


@pytest.mark.parametrize(
    "text",
    [
        # The parser reads the name as a conjunct and "AFP" as the inverted subject.
        "“We were tremendously wrong to not have confronted him from the beginning,” Ramos, 58, "
        "told AFP in an interview in Mexico City on Monday.",
        # The parser reads "Tweeted" as a modifier of the name.
        "“Not us but can’t argue with it!” Murphy, the head of Right to Rise USA, Tweeted on "
        "Friday.",
    ],
)
def test_a_name_between_the_quote_and_a_subjectless_cue_speaks(nlp, text):
    name = "Ramos" if "Ramos" in text else "Murphy"
    (quote,) = quotes_of(nlp, text, person(text, name))
    assert (quote.speaker, quote.speaker_mention) == (name, name)


def test_a_cue_read_as_a_modifier_of_the_phrase_before_it(nlp):
    text = (
        "“What if Donald Trump had elocution lessons?” the 43-year-old asked in the video’s "
        "description."
    )
    (quote,) = quotes_of(nlp, text)
    assert (quote.speaker_mention, quote.cue) == ("the 43-year-old", "asked")


def test_an_inverted_cue_word_before_a_name_and_colon(nlp):
    text = "Roger Stone spoke first.\n\nContinued Stone: “So I think it’s a very real problem.”"
    (quote,) = quotes_of(nlp, text, person(text, "Roger Stone", "Roger Stone", "Stone"))
    assert (quote.speaker, quote.speaker_mention) == ("Roger Stone", "Stone")


def test_quote_marks_glued_to_the_cue_are_split_from_it(nlp):
    # spaCy's own rules keep `said,“Look` as one token: neither cue nor quote is seen.
    text = "Paul Ryan spoke first.\n\nRyan said,“Look, those images have no place in a campaign.”"
    (quote,) = quotes_of(nlp, text, person(text, "Paul Ryan", "Paul Ryan", "Ryan"))
    assert (quote.kind, quote.speaker, quote.cue) == ("direct", "Paul Ryan", "said")
    assert quote.text == "Look, those images have no place in a campaign."


def test_a_name_after_a_dash_closing_the_line_is_a_byline(nlp):
    # Readers' comments and pull quotes: each quote's speaker follows it, not precedes.
    text = (
        "“He represents our greatest shame.” ― Sonya Herrid\n"
        "“He is ignorant of our culture and lives.”― Pamela Padilla\n"
        "“It is a great day for America,” — Sen. John Smith, R-Texas"
    )
    entities = [person(text, n) for n in ("Sonya Herrid", "Pamela Padilla", "John Smith")]
    assert [(q.speaker, q.speaker_mention) for q in quotes_of(nlp, text, *entities)] == [
        ("Sonya Herrid", "Sonya Herrid"),
        ("Pamela Padilla", "Pamela Padilla"),
        ("John Smith", "Sen. John Smith"),
    ]


@pytest.mark.parametrize("dash", ["-", "―", "—"])
def test_a_byline_dash_glued_to_the_name(nlp, dash):
    # spaCy's own prefixes leave the dash on the word ("-President"): no dash, no name.
    text = f"The crowd cheered.\n\n“We will not back down from this fight.” {dash}President Obama"
    (quote,) = quotes_of(nlp, text, person(text, "Barack Obama", "President Obama"))
    assert (quote.speaker, quote.speaker_mention) == ("Barack Obama", "President Obama")


def test_a_byline_on_the_line_after_the_quote(nlp):
    text = (
        "Sanders voted in support of the act.\n\n"
        "“I don't know the status, but I will certainly look into it.”\n\n- Hillary Clinton"
    )
    entities = [person(text, "Sanders"), person(text, "Hillary Clinton")]
    (quote,) = quotes_of(nlp, text, *entities)
    assert (quote.speaker, quote.speaker_mention) == ("Hillary Clinton", "Hillary Clinton")


def test_a_dash_before_a_sentence_is_not_a_byline(nlp):
    text = "Jane Smith spoke.\n\n“It is over.” - Trump said on Friday, ending the talks."
    entities = [person(text, "Jane Smith"), person(text, "Donald Trump", "Trump")]
    (quote,) = quotes_of(nlp, text, *entities)
    assert (quote.speaker, quote.cue) == ("Donald Trump", "said")


def test_a_trailing_relative_clause_or_appositive_is_the_writers_gloss(nlp):
    text = "Jane Smith said the council canceled the interview, which had been planned for weeks."
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.text) == ("indirect", "the council canceled the interview")
    text = "Jane Smith said the plan, which Ohio drafted, would fail."
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert quote.text == "the plan, which Ohio drafted, would fail"


def test_a_coordinated_report_with_its_own_subject_is_a_second_report(nlp):
    text = (
        "Most voters said they were worried about the economy, and several of their "
        "leaders said Donald Trump would be best at handling it."
    )
    first, second = quotes_of(nlp, text, person(text, "Donald Trump"))
    assert first.text == "they were worried about the economy"
    assert first.speaker_mention == "Most voters"
    assert second.text == "Donald Trump would be best at handling it"
    assert second.speaker_mention.startswith("several")


def test_a_named_speaker_of_a_coordinated_cue_keeps_the_quote(nlp):
    text = (
        'Ted Cruz accuses Obama of "leading from behind" and Donald Trump says he\'s '
        '"losing the war on terrorism."'
    )
    entities = [person(text, "Ted Cruz"), person(text, "Donald Trump"), person(text, "Obama")]
    quotes = quotes_of(nlp, text, *entities)
    assert [(q.kind, q.speaker) for q in quotes] == [
        ("mixed", "Ted Cruz"),
        ("mixed", "Donald Trump"),
    ]
    assert quotes[1].text == 'he\'s "losing the war on terrorism."'


def test_a_mixed_quote_inside_a_nested_report_reports_the_outer_clause(nlp):
    # The inner cue ("highlight") is what the spokesman said: his clause is the content.
    text = "Rick Tyler said the campaign will argue that Cruz has “the principles to lead.”"
    (quote,) = quotes_of(nlp, text, person(text, "Rick Tyler"))
    assert (quote.kind, quote.speaker) == ("mixed", "Rick Tyler")
    assert quote.text == "the campaign will argue that Cruz has “the principles to lead.”"


def test_a_quote_in_a_participles_report_is_a_fragment_of_that_report(nlp):
    """The quote is the object of "want", inside what "saying" reports; "saying" is an
    adjunct of "criticized", whose speaker is the source but whose object is another
    report."""
    text = "Jane Smith has criticized the plan, saying her party does not want “a blank check.”"
    quotes = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert [(q.kind, q.text, q.speaker) for q in quotes] == [
        ("mixed", "her party does not want “a blank check.”", "Jane Smith"),
    ]


def test_fragments_quoted_in_one_reported_clause_are_one_mixed_quote(nlp):
    text = "Jane Smith said he will tell the “bigots” who oppose amnesty to “shut up.”"
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert quote.kind == "mixed" and "“bigots”" in quote.text and "“shut up.”" in quote.text


def test_a_cue_after_a_long_description_of_the_speaker(nlp):
    text = (
        "Donald Trump spoke on Monday.\n\n“Very good reporter, very good reporter this guy,” "
        "Trump, the 2016 GOP presidential frontrunner nationally and current polling leader in "
        "South Carolina by a wide margin after winning the New Hampshire primaries, said when "
        "Boyle asked him a question."
    )
    (quote,) = quotes_of(nlp, text, person(text, "Donald Trump", "Donald Trump", "Trump"))
    assert (quote.speaker, quote.cue) == ("Donald Trump", "said")
    assert quote.speaker_start == text.index("Trump, the")


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        (
            "Jane Smith blamed the media for her loss in Iowa.",
            "the media for her loss in Iowa",
            "blamed",
        ),
        (
            "Jane Smith expressed concern over the new tariffs.",
            "concern over the new tariffs",
            "expressed",
        ),
    ],
)
def test_a_stance_verb_reports_its_object(nlp, text, content, cue):
    assert summary(quotes_of(nlp, text, person(text, "Jane Smith"))) == [
        ("indirect", content, "Jane Smith", "Jane Smith", cue)
    ]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Most voters said they had decided, while a quarter said they might change.",
            "they had decided",
        ),
        (
            "The company said it would give $75,000, with most of it going to security.",
            "it would give $75,000",
        ),
    ],
)
def test_a_trailing_contrast_or_with_clause_is_not_reported(nlp, text, content):
    assert quotes_of(nlp, text)[0].text == content


def test_a_fragment_inside_an_earlier_report_is_that_reports_mixed_quote(nlp):
    """The cue after the closing mark does not take a fragment quoted in the middle of
    what an earlier cue reports."""
    text = (
        "Ted Cruz said last week that Trump represents “New York values,” stating during "
        "the debate that those values are liberal."
    )
    first = quotes_of(nlp, text, person(text, "Ted Cruz"))[0]
    assert (first.kind, first.speaker, first.cue) == ("mixed", "Ted Cruz", "said")
    assert first.text.startswith("that Trump represents “New York values,”")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Jane Smith said that if the council cuts the budget again, “the schools will "
            "have to close.”",
            "that if the council cuts the budget again, “the schools will have to close.”",
        ),
        (
            "The mayor said the plan was unrealistic, “not by a long shot.”",
            "the plan was unrealistic, “not by a long shot.”",
        ),
    ],
)
def test_a_quote_after_a_comma_that_ends_a_reported_clause_is_mixed(nlp, text, content):
    """A comma before the opening mark does not make the quote direct when the cue's
    reported clause starts before it: the quote finishes that clause."""
    (quote,) = quotes_of(nlp, text)
    assert (quote.kind, quote.text, quote.cue) == ("mixed", content, "said")


def test_a_quote_after_its_cue_and_a_comma_stays_direct(nlp):
    """The reported clause of "said" runs on over the crowd's words and their quote; the
    first quote is still his, direct."""
    text = "He said, “Trump will build the wall” - at which point the crowd chanted “Build it!”"
    assert [(q.kind, q.text) for q in quotes_of(nlp, text)] == [
        ("direct", "Trump will build the wall"),
        ("direct", "Build it!"),
    ]


def test_the_words_before_a_set_off_cue_that_a_quote_completes_are_the_speakers(nlp):
    """In "PART, X said, “REST”" the speaker's sentence opens before the attribution."""
    text = "If the council cuts the budget again, Jane Smith said, “the schools will close.”"
    assert summary(quotes_of(nlp, text, person(text, "Jane Smith"))) == [
        ("indirect", "If the council cuts the budget again", "Jane Smith", "Jane Smith", "said"),
        ("direct", "the schools will close.", "Jane Smith", "Jane Smith", "said"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "In a statement, Jane Smith said, “The schools will close.”",
        "On Tuesday, Jane Smith said, “The schools will close.”",
        # the occasion or the topic: no verb, or a participle with no subject
        "Of the budget, Jane Smith said, “The schools will close.”",
        "Referencing the price caps on fuel, Jane Smith said, “The schools will close.”",
        "Reacting to the news of the cuts, Jane Smith said, “The schools will close.”",
        "But, Jane Smith said, “The schools will close.”",
    ],
)
def test_a_scene_set_before_a_set_off_cue_is_the_writers(nlp, text):
    quotes = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert [(q.kind, q.text) for q in quotes] == [("direct", "The schools will close.")]


def test_the_clause_after_the_cue_is_reported_when_a_colon_ends_the_one_before(nlp):
    # the parser hangs both clauses on "said"; the one before the colon is the writer's
    text = (
        "Canova has repeatedly ripped Wasserman Schultz on social media because it is "
        "paying off: He said he's raised about $100,000 in the 72 hours since the scandal."
    )
    (quote,) = quotes_of(nlp, text)
    assert (quote.kind, quote.text, quote.speaker_mention, quote.cue) == (
        "indirect",
        "he's raised about $100,000 in the 72 hours since the scandal",
        "He",
        "said",
    )


def test_a_cue_the_tagger_reads_as_a_noun(nlp):
    """“...,” Conway notes. The tagger reads "Conway notes" as a noun phrase."""
    text = "Trump has begun to dial down the rhetoric. “We are fine,” Conway notes."
    assert summary(quotes_of(nlp, text, person(text, "Conway"))) == [
        ("direct", "We are fine,", "Conway", "Conway", "notes")
    ]
    text = "“We are fine,” the two write."
    assert summary(quotes_of(nlp, text)) == [("direct", "We are fine,", None, "the two", "write")]


def test_a_dateline_is_not_the_speaker(nlp):
    """The parser took the place of "WASHINGTON (AP) — A report said ..." for the subject."""

    text = (
        "WASHINGTON (AP) — Attorney General Loretta Lynch said Tuesday that the inquiry "
        "is free of outside political influence."
    )
    lynch = person(text, "Loretta Lynch")
    quotes = extract_quotes(nlp(prepare_for_parse(text)), [lynch], text=text)
    assert [(q.kind, q.speaker, q.speaker_mention) for q in quotes] == [
        ("indirect", "Loretta Lynch", "Attorney General Loretta Lynch")
    ]


@pytest.mark.parametrize(
    ("text", "people", "speaker", "mention"),
    [
        pytest.param(
            "“Besides that, not a single accomplishment,” Bozell answers.\n\nThe old guard left.",
            [("Brent Bozell", "Bozell")],
            "Brent Bozell",
            "Bozell",
            id="name-read-as-the-cue's-compound",
        ),
        pytest.param(
            "In a statement to the Observer, her senior policy adviser, Jake Sullivan, said: "
            "“Hillary Clinton believes that transatlantic cooperation is essential.”",
            [("Jake Sullivan",)],
            "Jake Sullivan",
            "Jake Sullivan",
            id="name-set-off-before-a-subjectless-cue",
        ),
        pytest.param(
            "“Republicans are so frustrated with the FBI's decision,” said Oversight ranking "
            "Democrat Elijah Cummings (D-Md.)",
            [],
            "Elijah Cummings",  # no entity given: the titled name is read as a person's
            "Oversight ranking Democrat Elijah Cummings",
            id="participle-inside-the-name-after-the-cue",
        ),
        pytest.param(
            "The effort reflects wariness. “It is not the position that everything is "
            "hunky-dory,” Gene Sperling, a top outside Clinton adviser, said at an event.",
            [("Gene Sperling",)],
            "Gene Sperling",
            "Gene Sperling",
            id="quoted-words-hung-on-the-name",
        ),
        pytest.param(
            "“I would have been sitting in Siberia for a long time,” Mr. Daniloff, now 81 and "
            "retired in Cambridge, Mass., said by telephone this week.",
            [("Daniloff", "Mr. Daniloff")],
            "Daniloff",
            "Mr. Daniloff",
            id="description-with-commas-before-the-cue",
        ),
        pytest.param(
            "Tuesday, while on the campaign trail for his wife Democratic presidential "
            "front-runner Hillary Clinton, former president Bill Clinton said his wife was "
            "uniquely qualified because “the world’s in tough shape.”",
            [("Hillary Clinton",), ("Bill Clinton",)],
            "Bill Clinton",
            "former president Bill Clinton",
            id="name-right-before-a-cue-without-subject",
        ),
        pytest.param(
            "One early supporter, Representative Lee Zeldin, gave the technique a whirl in an "
            "interview with CNN on Tuesday: “You can easily argue that the policies are racist.”",
            [("Lee Zeldin",)],
            "Lee Zeldin",
            "Representative Lee Zeldin",
            id="no-date-before-a-colon-but-the-subject's-appositive-name",
        ),
        pytest.param(
            "“He deserved it,” the assailant, John McGraw, told the television program.",
            [("John McGraw",)],
            "John McGraw",
            "the assailant",
            id="role-noun-resolves-to-its-appositive-name",
        ),
        pytest.param(
            "“Hillary Clinton should act like one, and come to Louisiana,” the editorial read.",
            [],
            None,
            "the editorial",
            id="read-tagged-as-a-noun",
        ),
        pytest.param(
            "While he’s said he believes marriage is between a man and a woman, Trump has not.",
            [],
            None,
            "he",
            id="clitic-taken-for-the-subject",
        ),
    ],
)
def test_speakers_the_parser_misreads(nlp, text, people, speaker, mention):
    """Each of these lost or misplaced its speaker in spaCy's parse (PolNeAR train)."""
    (quote,) = quotes_of(nlp, text, *(person(text, *names) for names in people))
    assert (quote.speaker, quote.speaker_mention) == (speaker, mention)


@pytest.mark.parametrize(
    ("text", "quoted", "mention"),
    [
        pytest.param(
            "Asked about the banks, Sanders shot back, “Secretary Clinton called them out.”",
            "Secretary Clinton called them out.",
            "Sanders",
            id="phrasal-cue-whose-particle-is-read-as-an-adverb",
        ),
        pytest.param(
            "But as The Hill pointed out, “Trump has so far declined to release his returns.”",
            "Trump has so far declined to release his returns.",
            "The Hill",
            id="phrasal-cue-of-a-verb-that-alone-needs-a-clause",
        ),
        pytest.param(
            "She thanked her home state and then boomed, “Today, you proved there is no place"
            " like home.”",
            "Today, you proved there is no place like home.",
            "She",
            id="boomed",
        ),
        pytest.param(
            "As Tom Ridge put it, “The barbarians are no longer at the gate.”",
            "The barbarians are no longer at the gate.",
            "Tom Ridge",
            id="as-X-put-it",
        ),
        pytest.param(
            "As John Cornyn, the No. 2 in the leadership, put it: “This person will not be"
            " confirmed.”",
            "This person will not be confirmed.",
            "John Cornyn",
            id="as-X-put-it-after-a-description",
        ),
    ],
)
def test_cues_that_are_not_a_verb_of_saying_alone(nlp, text, quoted, mention):
    """Speech cues of a verb with a particle or a fixed object, and loud verbs, before a
    quote (PolNeAR train): each one's quote had no speaker or was lost."""
    direct = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert [(q.text, q.speaker_mention) for q in direct] == [(quoted, mention)]


def test_a_thing_pronoun_after_a_subjectless_cue_is_not_its_speaker(nlp):
    """In "Call it viral fundraising." the imperative has no speaker; "it" is no one."""
    assert quotes_of(nlp, "Call it viral fundraising.") == []


def test_an_appositive_with_items_of_its_own_is_a_list(nlp):
    """The parser reads a list's second item as an appositive of the first: not a gloss."""
    text = (
        "Jane Smith said the two parties differ on taxes, the budget deal and the future of "
        "the program."
    )
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (
        quote.text
        == "the two parties differ on taxes, the budget deal and the future of the program"
    )


def test_a_gloss_may_follow_a_one_word_object(nlp):
    text = "Jane Smith accused Comey, a Republican appointed by Bush."
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.text) == ("indirect", "Comey")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Jane Smith cited the governor by name.", "the governor by name"),
        ("Jane Smith described the country as beset by crime.", "the country as beset by crime"),
        ("Jane Smith blamed the governor in the Senate race.", "the governor in the Senate race"),
        ("Jane Smith blamed the governor in an interview.", "the governor"),
        ("Jane Smith blamed the governor in December.", "the governor"),
    ],
)
def test_what_completes_a_cues_object_but_not_when_or_where_it_was_said(nlp, text, content):
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.text) == ("indirect", content)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Jane Smith referred to him as a reformer.", "him as a reformer"),
    ],
)
def test_a_prepositional_topic_keeps_its_completion_and_the_object_before_it(nlp, text, content):
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.text) == ("indirect", content)


def test_what_follows_a_colon_spells_out_the_report(nlp):
    text = "Jane Smith reiterated her pledges: rebuilding the military and cutting taxes."
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert quote.text == "her pledges: rebuilding the military and cutting taxes"
    text = "Jane Smith said the plan was simple: “Cut taxes and wait.”"
    assert [(q.kind, q.text) for q in quotes_of(nlp, text, person(text, "Jane Smith"))] == [
        ("direct", "Cut taxes and wait.")
    ]


def test_a_set_off_report_stops_before_the_mark_opening_the_next_quote(nlp):
    text = (
        "Mr. Smith spoke last. In any case, Mr. Smith said, the golf industry was vastly "
        "over-supplied with courses. ''It was just waiting for a recession to knock the hell "
        "out of it,'' he said."
    )
    quotes = quotes_of(nlp, text, person(text, "John Smith", "Mr. Smith"))
    assert [(q.kind, q.text) for q in quotes] == [
        ("indirect", "In any case"),
        ("indirect", "the golf industry was vastly over-supplied with courses."),
        ("direct", "It was just waiting for a recession to knock the hell out of it,"),
    ]


def test_words_set_off_after_a_cue_that_follows_its_clause_are_reported_too(nlp):
    text = (
        "The emails were on a variety of work-related topics, the Times said, including "
        "speeches, meetings and news media appearances."
    )
    assert [(q.text, q.cue) for q in quotes_of(nlp, text)] == [
        ("The emails were on a variety of work-related topics", "said"),
        ("including speeches, meetings and news media appearances.", "said"),
    ]


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        pytest.param(
            "Jane Smith says racist things.", "racist things", "says", id="the-object-of-say"
        ),
        pytest.param(
            "Then Jane Smith asked the students if they were always so preternaturally serious.",
            "if they were always so preternaturally serious",
            "asked",
            id="a-question-the-parser-hangs-as-an-adverbial-clause",
        ),
        pytest.param(
            "But as Jane Smith noted, those voters will give Sanders a second look.",
            "those voters will give Sanders a second look.",
            "noted",
            id="an-as-clause-after-a-conjunction",
        ),
        pytest.param(
            "Jane Smith's argument is that the plan will fail.",
            "that the plan will fail",
            "argument",
            id="the-clause-a-noun-of-speech-is-the-subject-of",
        ),
    ],
)
def test_one_reported_statement(nlp, text, content, cue):
    assert summary(quotes_of(nlp, text, person(text, "Jane Smith"))) == [
        ("indirect", content, "Jane Smith", "Jane Smith", cue)
    ]


def test_a_cue_the_parser_cut_off_from_its_long_subject_keeps_it(nlp):
    text = "Multiple sources privy to negotiations say it's the Democratic leaders who insisted."
    assert [(q.text, q.speaker_mention) for q in quotes_of(nlp, text)] == [
        ("it's the Democratic leaders who insisted", "Multiple sources")
    ]


def test_someones_view_or_decision_is_no_statement(nlp):
    """QUOTES-GUIDE.md: beliefs and decisions are not speech reports, however a noun
    attributes them ("in her view", "her decision to run")."""
    text = (
        "The only other necessary action, in Jane Smith's view, would be more support for research."
    )
    assert quotes_of(nlp, text, person(text, "Jane Smith")) == []
    text = "Jane Smith lost the vote. Her decision to run again surprised her allies."
    assert quotes_of(nlp, text, person(text, "Jane Smith")) == []


def test_a_question_the_writer_puts_to_the_speaker_is_not_a_row(nlp):
    """ "Asked if ..." is the interviewer's question (the guide: questions the writer asks
    are not rows); the answer is."""
    text = "Asked if he was ever bullied, the candidate said no."
    assert [(q.text, q.cue) for q in quotes_of(nlp, text)] == [("no", "said")]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Jane Smith praised the efforts of the secretary to find a solution to the war.",
            "the efforts of the secretary to find a solution to the war",
        ),
        (
            "Jane Smith defended her call to raise the minimum wage to $15 an hour.",
            "her call to raise the minimum wage to $15 an hour",
        ),
        (
            "Jane Smith talked about reforms to ensure that companies hire American workers.",
            "reforms to ensure that companies hire American workers",
        ),
    ],
)
def test_an_infinitive_hung_on_the_cue_completes_its_object(nlp, text, content):
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.text) == ("indirect", content)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Jane Smith talked about trade and how she would improve it as president.",
            "trade and how she would improve it as president",
        ),
        (
            "Jane Smith asked about the protests and whether she would encourage more of them.",
            "the protests and whether she would encourage more of them",
        ),
        (
            "Jane Smith said there are no good options, but that the lesser of two evils "
            "will have to do.",
            "there are no good options, but that the lesser of two evils will have to do",
        ),
    ],
)
def test_a_coordinated_question_or_that_clause_is_reported_too(nlp, text, content):
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.text) == ("indirect", content)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Jane Smith argued her projection of anger in the last debate was over the top.",
            "her projection of anger in the last debate was over the top",
        ),
        (
            "Jane Smith and Tom Jones emphasize that trade is only one factor among many.",
            "that trade is only one factor among many",
        ),
    ],
)
def test_a_reported_clause_keeps_the_subject_parsed_as_the_cues_object(nlp, text, content):
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.text) == ("indirect", content)


def test_a_reported_no_keeps_what_it_refuses(nlp):
    text = "Jane Smith said no to the Iraq war."
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.text) == ("indirect", "no to the Iraq war")


def test_what_a_colon_opens_before_an_attribution_is_the_report(nlp):
    text = (
        "The tax has not hurt the banks: London is still the financial capital of the world, "
        "according to Jane Smith."
    )
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert quote.text == "London is still the financial capital of the world"


@pytest.mark.parametrize(
    "text, content",
    [
        (
            "Clinton said the goal was not to “make America great again” but to “make "
            "America whole again.”",
            "the goal was not to “make America great again” but to “make America whole again.”",
        ),
        (
            "He said Sanders has been “a tremendously important part of my caucus,” and "
            "Democrats would need to “depend on Bernie” for the final seven months.",
            "Sanders has been “a tremendously important part of my caucus,” and Democrats "
            "would need to “depend on Bernie” for the final seven months",
        ),
    ],
)
def test_fragments_of_one_statement_split_by_the_parser_are_one_mixed_quote(nlp, text, content):
    mixed = [q.text for q in quotes_of(nlp, text) if q.kind == "mixed"]
    assert mixed == [content]


def test_a_second_act_of_the_speaker_after_a_mixed_quote_stays_apart(nlp):
    text = (
        "Trump called the merger “a terrible deal” and ranked Fiorina as one of the worst "
        "CEOs “in the history of business.”"
    )
    mixed = [q.text for q in quotes_of(nlp, text) if q.kind == "mixed"]
    assert len(mixed) == 2


def test_a_because_clause_after_a_mixed_quote_is_part_of_it(nlp):
    text = "Officials called Horgos “a mistake” because so few people live in its vicinity."
    mixed = [q.text for q in quotes_of(nlp, text) if q.kind == "mixed"]
    assert mixed == ["Horgos “a mistake” because so few people live in its vicinity"]


def test_an_open_dash_before_a_set_off_attribution_opens_the_piece(nlp):
    # What comes before the dash is the writer's; a pair of dashes only sets off an aside.
    text = (
        "He had a rally planned for that night - and the permit, Jane Smith said, "
        "had been hard to get. The bill — a short one — will pass, John Brown said."
    )
    quotes = quotes_of(nlp, text, person(text, "Jane Smith"), person(text, "John Brown"))
    assert [(q.text, q.speaker) for q in quotes] == [
        ("and the permit", "Jane Smith"),
        ("had been hard to get.", "Jane Smith"),
        ("The bill — a short one — will pass", "John Brown"),
    ]


def test_a_participle_after_the_cue_is_what_the_speaker_did(nlp):
    """ "..., X said, promoting her book": the writer's gloss on the occasion, not a
    second statement; a participle of speech ("adding that") still reports."""
    text = "Sea levels have risen nine inches, Jane Smith said, promoting her new book."
    assert [q.text for q in quotes_of(nlp, text, person(text, "Jane Smith"))] == [
        "Sea levels have risen nine inches"
    ]


def test_a_preposition_before_a_clause_of_its_own_still_reports_it(nlp):
    """ "pointed to the fact that ...": the noun's clause is a statement; only a bare noun
    after the preposition ("argued for leniency") is a topic."""
    text = "Jane Smith often pointed to the fact that the plant began hiring while she was mayor."
    assert [q.text for q in quotes_of(nlp, text, person(text, "Jane Smith"))] == [
        "the fact that the plant began hiring while she was mayor"
    ]


TRANSCRIPT = (
    "Jane Smith is a marine biologist. We spoke to her on Monday.\n"
    "Reporter: Tell us about yourself.\n"
    "SMITH: I grew up by the sea. Sharks were everywhere.\n"
    "The sanctuary is unique because it covers the whole coast.\n"
    "Reporter: What should people know?\n"
    "Jane Smith: We are more of a threat to them than they are to us.\n"
    "Ocean plastic\n"
    "Plastic is a growing problem for the ocean.\n"
)


def test_a_transcripts_turns_are_the_direct_quotes_of_the_person_its_label_names(nlp):
    entity = person(TRANSCRIPT, "Jane Smith")
    found = [
        (q.kind, q.text, q.speaker, q.speaker_mention, q.cue)
        for q in quotes_of(nlp, TRANSCRIPT, entity)
        if q.speaker == "Jane Smith"
    ]
    assert found == [
        ("direct", "I grew up by the sea. Sharks were everywhere.", "Jane Smith", "SMITH", ":"),
        # an answer runs on over a paragraph without a label while the dialogue goes on
        (
            "direct",
            "The sanctuary is unique because it covers the whole coast.",
            "Jane Smith",
            None,
            None,
        ),
        (
            "direct",
            "We are more of a threat to them than they are to us.",
            "Jane Smith",
            "Jane Smith",
            ":",
        ),
    ]
    texts = [q.text for q in quotes_of(nlp, TRANSCRIPT, entity)]
    # the interviewer's turns are no rows; the article's text after the last answer is
    # not the speaker's
    assert not any("Tell us" in t or "people know" in t or "Plastic is" in t for t in texts)


def test_a_lone_label_is_no_transcript(nlp):
    text = "Jane Smith runs the clinic.\nSmith: The clinic reopened on Monday after the storm.\n"
    assert quotes_of(nlp, text, person(text, "Jane Smith", "Jane Smith")) == []


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        (
            "Jane Smith runs the institute. Smith has declared, We must condemn the "
            "occupation and we must demand a withdrawal by a certain date.",
            "We must condemn the occupation and we must demand a withdrawal by a certain date.",
        ),
        (
            "Jane Smith spoke first.\nSmith explained to me, The administration needs to "
            "do more. It moved too slowly. Smith added, we are in touch with them.\n"
            "The council meets today.",
            "The administration needs to do more. It moved too slowly.",
        ),
        (
            # after a participle setting the occasion, with a comma or a glued colon
            "Jane Smith ran the shelter.\nAsked what the floods meant for the town, Smith "
            "said, Everyone left. Everyone who could drive has gone. Only the old remain.\n"
            "The council meets today.",
            "Everyone left. Everyone who could drive has gone. Only the old remain.",
        ),
        (
            "Jane Smith ran the shelter.\nAsked whether the mayor had called, Smith said:It "
            "would not be right to comment. The staff are busy with the evacuation.\n"
            "The council meets today.",
            "It would not be right to comment. The staff are busy with the evacuation.",
        ),
    ],
)
def test_an_attribution_opening_its_sentence_leads_in_a_quotation_that_lost_its_marks(
    nlp, text, reported
):
    quotes = quotes_of(nlp, text, person(text, "Jane Smith", "Jane Smith", "Smith"))
    assert (reported, "Jane Smith") in [(q.text, q.speaker) for q in quotes]
    assert not any("council" in q.text for q in quotes)


def test_a_definite_body_noun_names_the_one_organisation_of_that_name_however_far_back(nlp):
    filler = "Growth slowed in the first half of the year across the region. " * 30
    text = (
        f"The European Commission cut its forecasts. {filler}\nRisks remain, the commission said."
    )
    commission = person(text, "European Commission", label="ORG")
    (quote,) = [q for q in quotes_of(nlp, text, commission) if q.text.startswith("Risks")]
    assert quote.speaker == "European Commission"


def test_the_company_is_the_organisation_the_story_just_made_its_subject(nlp):
    text = (
        "The popular livestreaming platform Twitch confirmed Saturday that the suspect used "
        "its platform to stream the attack.\nThe company said it was “devastated” to hear "
        "about the shooting."
    )
    twitch = person(text, "Twitch", label="ORG")
    (quote,) = [q for q in quotes_of(nlp, text, twitch) if "devastated" in q.text]
    assert (quote.speaker, quote.speaker_type) == ("Twitch", "organization")


def test_the_agency_is_the_organisation_the_story_just_made_its_subject(nlp):
    # the body's name does not end in the noun: "the agency" carries on from its subject
    text = (
        "DHS warned on Friday that threats against judges were rising.\nThe agency said it "
        "was watching the situation closely."
    )
    (quote,) = [
        q for q in quotes_of(nlp, text, person(text, "DHS", label="ORG")) if "watching" in q.text
    ]
    assert (quote.speaker, quote.speaker_type) == ("DHS", "organization")


@pytest.mark.parametrize(
    "text",
    [
        # another organisation named since
        "Twitch confirmed Saturday that the suspect used its platform. Amazon bought Twitch "
        "from Acme Holdings in 2014.\nThe company said the account was closed.",
        # a company described anew
        "Twitch confirmed Saturday that the suspect used its platform.\nThe state-owned "
        "company said the account was closed.",
    ],
)
def test_the_company_after_another_organisation_or_described_anew_is_unnamed(nlp, text):
    organisations = [person(text, n, label="ORG") for n in ("Twitch", "Amazon", "Acme Holdings")]
    (quote,) = [q for q in quotes_of(nlp, text, *organisations) if "closed" in q.text]
    assert (quote.speaker, quote.speaker_type) == (None, "unnamed")


def test_reaffirmed_reports_its_object_as_reiterated_and_affirmed_do(nlp):
    text = "Jane Smith met the ministers. Smith reaffirmed the importance of free navigation."
    assert summary(quotes_of(nlp, text, person(text, "Jane Smith", "Jane Smith", "Smith"))) == [
        ("indirect", "the importance of free navigation", "Jane Smith", "Smith", "reaffirmed")
    ]


@pytest.mark.parametrize(
    ("text", "name", "more", "writers"),
    [
        (
            # the sentences after: reported in the third person, the writer's next sentence
            # is not the speaker's
            "Our policy is unequivocal that we will help Ukraine, Jake Sullivan said. Which "
            "means that we need to keep giving them weapons. And we will continue to press them.\n"
            "The plan is dead, Jake Sullivan said. The council will vote on Tuesday.\n",
            "Jake Sullivan",
            # ("continue to" is a verb of the passage, not an attribution ending it)
            "Which means that we need to keep giving them weapons. And we will continue to "
            "press them.",
            "council",
        ),
        (
            # the sentences before, opening the paragraph
            "Our partnership comes at an ideal time. The platform will benefit from the process "
            "that we provide, said Garret Grajek, chief of YouAttest.\n"
            "The company launched a product. We are excited, said Garret Grajek.\n",
            "Garret Grajek",
            "Our partnership comes at an ideal time.",
            "launched",
        ),
        (
            # after an attribution whose participle tells what the speaker was doing, and
            # in a contraction whose apostrophe the site dropped ("weve")
            "This is a party weve been waiting for, Jorge Vega said, thinking back over the "
            "years since Hernandez came up. We couldnt stand him any longer.\n"
            "The plan is dead, Jorge Vega said, adding that it failed. The council will meet.\n",
            "Jorge Vega",
            "We couldnt stand him any longer.",
            "council",
        ),
        (
            # the speaker's own "I think" is no attribution ending the passage; another's is
            "We have evidence of harm to children, Jane Smith said. It is a pollutant that "
            "affects every organ, and I think we are only seeing the start.\n"
            "The plan is dead, Jane Smith said. The mayor thinks the council will vote.\n",
            "Jane Smith",
            "It is a pollutant that affects every organ, and I think we are only seeing the start.",
            "council",
        ),
        (
            # a turn to other news is the writer's
            "We appeal to the Russian side to stop firing, Jane Smith said. We need the "
            "corridors open. Meanwhile, the Russian outlet RIA Novosti carried a claim that "
            "the firing came from inside the city.\n",
            "Jane Smith",
            "We need the corridors open.",
            "RIA Novosti",
        ),
    ],
)
def test_a_first_person_statement_set_off_by_its_attribution_takes_its_paragraphs_sentences(
    nlp, text, name, more, writers
):
    texts = [q.text for q in quotes_of(nlp, text, person(text, name)) if q.speaker == name]
    assert more in texts
    assert not any(writers in t for t in texts)


def test_a_flattened_question_and_answer_widget_reports_nothing(nlp):
    """The site's explainer glued into the text ("Can a mayor veto the budget?Yes, ...")
    is its background, not the story's: the same report in a story paragraph is a row."""
    story = "The council met on Monday. The court said the mayor could veto the budget."
    widget = (
        "The council met on Monday.\n"
        "Can a mayor veto the budget?Yes. In 1998, the court said the mayor could veto the "
        "budget."
    )
    assert [q.text for q in quotes_of(nlp, story)] == ["the mayor could veto the budget"]
    assert quotes_of(nlp, widget) == []


def test_a_quotations_report_keeps_the_subject_the_parser_took_for_the_cues_object(nlp):
    """ "stressed that electrification, for example, was a “...” way": the parser reads
    "that electrification" as the object of "stressed"; it is the reported clause's
    subject, so the mixed quote starts there, not at "for example"."""
    text = (
        "The council did not give a date, but Jane Smith stressed that electrification, for "
        'example, was a "feasible and affordable" way of cutting emissions.'
    )
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.speaker) == ("mixed", "Jane Smith")
    assert quote.text.startswith("that electrification, for example, was")


def test_a_day_before_the_cue_dates_the_statement_and_the_name_before_it_speaks(nlp):
    """ "Dr Ravi Kumar Friday said": the parser takes the day for the subject; a day never
    speaks, and the name before it is the speaker "he" goes on referring to."""
    text = (
        "The water rose fast, additional chief secretary (ACS) home Dr Ravi Kumar Friday said.\n"
        "The divers reached the car at dawn, he said."
    )
    quotes = quotes_of(nlp, text, person(text, "Ravi Kumar", "Ravi Kumar"))
    assert [(q.text, q.speaker) for q in quotes] == [
        ("The water rose fast", "Ravi Kumar"),
        ("The divers reached the car at dawn", "Ravi Kumar"),
    ]
    assert quotes[0].speaker_mention.endswith("Dr Ravi Kumar")


def test_a_pronoun_after_a_role_refers_to_the_person_who_bears_it(nlp):
    """ "Judge X ... But the judge told ...\n“...,” he said": the last subject is "the
    judge", X's role, so "he" is X, not an unnamed source."""
    text = (
        "Judge Royce Miller thanked the defendant, saying his remarks were moving. But the "
        "judge then told Mr. Cole that he would still go to prison.\n"
        "“What you did is terrible,” he said."
    )
    entities = (person(text, "Royce Miller", "Royce Miller"), person(text, "Dan Cole", "Cole"))
    quotes = quotes_of(nlp, text, *entities)
    last = quotes[-1]
    assert (last.text, last.speaker) == ("What you did is terrible,", "Royce Miller")


def test_a_capitalised_role_borne_by_a_named_person_is_that_person_for_a_later_he(nlp):
    """ "The FAO Representative stressed ... He indicated": the parser takes the role for a
    name the article does not know; it is the role of the person introduced with it, so
    it neither stands in the way of "he" nor makes him unknown."""
    text = (
        "The UNICEF Representative for Kenya and Uganda, Dr Samuel Otieno, paid a visit to "
        "the Minister of Health, Mrs Grace Wanjiru.\n"
        "The UNICEF Representative stressed that clinics need more staff. He indicated that "
        "funds are being raised."
    )
    entities = (
        person(text, "Samuel Otieno", "Samuel Otieno"),
        person(text, "Grace Wanjiru", "Grace Wanjiru"),
    )
    quotes = quotes_of(nlp, text, *entities)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("that clinics need more staff", "Samuel Otieno"),
        ("that funds are being raised", "Samuel Otieno"),
    ]


def test_a_titled_person_the_entity_stage_missed_is_the_antecedent_of_a_later_he(nlp):
    """ "Defence Minister Aime Simpore told ... He denied": the named minister, unknown to
    the entity stage, is who "he" is, not a reason to leave the speaker unknown."""
    text = (
        "Soldiers seized a base in the capital on Sunday, a day after protests against "
        "President Roch Kabore.\n"
        "Interior Minister Daniel Ouedraogo Sanou told state radio that a few barracks had "
        "been affected. He denied, however, that the president had been detained."
    )
    quotes = quotes_of(nlp, text, person(text, "Roch Kabore"))
    assert [(q.text, q.speaker) for q in quotes] == [
        ("that a few barracks had been affected", "Daniel Ouedraogo Sanou"),
        ("that the president had been detained", "Daniel Ouedraogo Sanou"),
    ]


def test_words_without_a_finite_verb_after_a_semicolon_are_more_of_the_report(nlp):
    """ "said it involves much material; the serving of 300 notices and the need to ...":
    the part after the semicolon is another item of the same list, not the writer's
    sentence (the parser hangs it outside the reported clause)."""
    text = (
        "Jane Smith spoke on Monday. Smith said it involves a large amount of material; the "
        "serving of 300 notices and the need to assess every reply."
    )
    quotes = quotes_of(nlp, text, person(text, "Jane Smith", "Jane Smith", "Smith"))
    assert [q.text for q in quotes] == [
        "it involves a large amount of material; the serving of 300 notices and the need to "
        "assess every reply"
    ]


def test_a_verbless_aside_after_a_semicolon_is_the_writers_not_the_report(nlp):
    """Only a list of noun phrases ("the X and the Y") after a semicolon continues the
    report; a headline-like aside ("shares down 3%") is the writer's, and so is a list
    with no determiner to mark its items as things ("no injuries and no damage")."""
    for text in (
        "Jane Smith spoke on Monday. Smith said profits rose; shares down 3% in early trading.",
        "Jane Smith spoke on Monday. Smith said the blast shook the town; no injuries and no "
        "damage reported.",
    ):
        quotes = quotes_of(nlp, text, person(text, "Jane Smith", "Jane Smith", "Smith"))
        assert all(";" not in q.text for q in quotes), [q.text for q in quotes]


def test_who_after_a_role_in_apposition_to_a_name_is_the_named_person(nlp):
    """ "by Jane Smith, a former election commissioner, who accused ...": the parser hangs
    the relative clause on the role; the role is Jane Smith's, so "who" is she."""
    text = (
        "The council met on Monday.\nThe petition was submitted by Jane Smith, a former "
        "election commissioner, who accused Mr Brown of violating the election law."
    )
    entities = (person(text, "Jane Smith"), person(text, "Tom Brown", "Brown"))
    quotes = quotes_of(nlp, text, *entities)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Mr Brown of violating the election law", "Jane Smith")
    ]


def test_a_body_the_model_typed_as_a_facility_speaks_as_an_organisation(nlp):
    """The model types "... Marine Authority" as a facility (FAC); a name ending in a
    body's word is that body. A building stays no speaker."""
    text = (
        "The Coral Coast Marine Authority says this year's bleaching is the worst on record.\n"
        "The Grand Harbour Hotel said the season was over."
    )
    entities = (
        person(text, "Coral Coast Marine Authority", label="FAC"),
        person(text, "Grand Harbour Hotel", label="FAC"),
    )
    quotes = quotes_of(nlp, text, *entities)
    assert [q.speaker for q in quotes] == ["Coral Coast Marine Authority", None]


def test_a_countrys_possessed_state_body_is_a_named_organisation(nlp):
    """ "Israel's military said" names one body, as "the Israeli military" would; a
    country's other possessions ("Israel's side") are not bodies that speak by name."""
    text = (
        "Clashes broke out in Jenin on Wednesday.\n"
        "In a statement, Norway's military said it carried out an operation at a camp.\n"
        "Norway's neighbours said the talks would resume."
    )
    quotes = quotes_of(nlp, text, person(text, "Norway", label="GPE"))
    assert [(q.text, q.speaker) for q in quotes] == [
        ("it carried out an operation at a camp", "Norway's military"),
        ("the talks would resume", None),
    ]


def test_a_multi_word_countrys_possessed_state_body_is_a_named_organisation(nlp):
    """The owner of "South Korea's military" starts at "South", not at "Korea", and the
    curly apostrophe keys the same body as the straight one."""
    text = (
        "Clashes broke out near the border on Wednesday.\n"
        "South Korea's military said it fired warning shots at a drone.\n"
        "Later, South Korea’s military said the drone had turned back."
    )
    quotes = quotes_of(nlp, text, person(text, "South Korea", label="GPE"))
    assert [q.speaker for q in quotes] == ["South Korea's military", "South Korea’s military"]
    assert quotes[0].speaker_key == quotes[1].speaker_key
    text = "Talks resumed on Monday.\nThe United States' military said it struck a depot."
    quotes = quotes_of(nlp, text, person(text, "United States", label="GPE"))
    assert [q.speaker for q in quotes] == ["The United States' military"]


def test_a_clause_the_parser_split_at_its_that_is_reported_whole(nlp):
    """ "stressed that electrification, for example, was a cheap way": the parser reads
    "that electrification" as the cue's object and hangs "was" elsewhere with no subject;
    the reported clause runs from "that" through that verb's words."""
    text = (
        "The council met on Monday.\nJane Smith did not give specific figures for the plans "
        "it outlines, but stressed that electrification, for example, was a cheap way of "
        "cutting emissions."
    )
    quotes = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert [(q.text, q.speaker) for q in quotes] == [
        ("that electrification, for example, was a cheap way of cutting emissions", "Jane Smith")
    ]
    # an object opened by "that" with no clause after it stays the object
    text = "Jane Smith denied that report on Monday."
    assert [q.text for q in quotes_of(nlp, text, person(text, "Jane Smith"))] == ["that report"]


def test_the_statement_speaks_for_whoever_issued_it(nlp):
    """ "In a statement, the Kestrel Group said ... the statement added": the statement is
    the group's; one nobody was said to issue stays an unnamed source."""
    text = (
        "Clashes broke out in the town.\nIn a statement, the Kestrel Group said it carried "
        "out an audit at the plant.\nThe audit is looking into the possibility that records "
        "were lost, the statement added."
    )
    quotes = quotes_of(nlp, text, person(text, "Kestrel Group", label="ORG"))
    assert [q.speaker for q in quotes] == ["Kestrel Group", "Kestrel Group"]
    loose = "Clashes broke out in the town.\nThe plant will reopen, the statement said."
    assert [q.speaker for q in quotes_of(nlp, loose)] == [None]


def test_a_name_the_parser_makes_the_root_of_its_sentence_is_its_subject(nlp):
    """ "Prime minister Mark Johnson, who ..., headed to Kiev": the parser reads "headed" as a
    participle hung on the name, which it makes the sentence's root; the name is still
    whom "the UK leader" after it refers to."""
    text = (
        "Allies warned Moscow of sanctions.\n"
        "To back up this message, British prime minister Mark Johnson, who is struggling with "
        "pressure at home caused by the partygate scandal, headed to Kiev yesterday to meet "
        "Mr Petrenko.\n"
        "Before his arrival, the UK leader stressed Britains support for Ukraines sovereignty."
    )
    entities = (person(text, "Mark Johnson"), person(text, "Ivan Petrenko", "Petrenko"))
    quotes = [q for q in quotes_of(nlp, text, *entities) if q.cue == "stressed"]
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Britains support for Ukraines sovereignty", "Mark Johnson")
    ]


def test_a_statement_the_parser_reads_as_subject_and_object_of_its_attribution(nlp):
    # The parser makes "fuel" a second subject of "said" and "heat" its object: both are
    # the statement the set-off attribution closes, and Jane Smith says all of it.
    text = (
        "The more fuel we burn, the more air pollution we have, the more greenhouse gases we "
        "have, the more heat we have, Jane Smith said."
    )
    assert summary(quotes_of(nlp, text, person(text, "Jane Smith"))) == [
        ("indirect", text[: text.index(", Jane")], "Jane Smith", "Jane Smith", "said")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "I said that the tools are all workable for most teams.",
        "We recommend that you install the package as a user-level utility.",
        "This suggests that the economy is slowing down.",
        "That acknowledges the realities of the world we live in.",
    ],
)
def test_the_writers_own_report_and_a_demonstrative_are_no_source(nlp, text):
    assert quotes_of(nlp, text) == []


def test_the_writers_quoted_question_is_kept(nlp):
    text = "I asked him, “Why did you leave the company in May?”"
    assert [q.kind for q in quotes_of(nlp, text)] == ["direct"]


PRINTED_INTERVIEW = (
    "Jane Smith has run the Halvern clinic for twenty years. Jane Smith spoke to us in her "
    "office, next to a photo of John Brown, her mentor.\n"
    "How did you start?\n"
    "I trained as a nurse in Leeds. My first job was on a night ward.\n"
    "It taught me patience.\n"
    "Why did you stay in Halvern?\n"
    "We had no doctor here, and I could not leave the town without one.\n"
    "Do you miss the city?\n"
    "Sometimes. My sister still lives there.\n"
    "What is your advice to young nurses?\n"
    "Listen to your patients before you listen to the machines.\n"
    "The clinic is open every day from 8am.\n"
)


def test_the_answers_of_a_printed_interview_are_the_interviewees(nlp):
    entities = [
        person(PRINTED_INTERVIEW, "Jane Smith", "Jane Smith"),
        person(PRINTED_INTERVIEW, "John Brown", "John Brown"),
    ]
    found = [(q.kind, q.text, q.speaker) for q in quotes_of(nlp, PRINTED_INTERVIEW, *entities)]
    answers = [
        "I trained as a nurse in Leeds. My first job was on a night ward.",
        "It taught me patience.",  # an answer runs on up to the next question
        "We had no doctor here, and I could not leave the town without one.",
        "Sometimes. My sister still lives there.",
        "Listen to your patients before you listen to the machines.",
    ]
    assert [(k, t, s) for k, t, s in found if t in answers] == [
        ("direct", answer, "Jane Smith") for answer in answers
    ]
    # the questions, the introduction and the text after the last answer are not hers
    assert not any(s == "Jane Smith" and t not in answers for _, t, s in found)


def test_an_explainers_question_subheads_are_no_interview(nlp):
    text = (
        "The council approved the new bus plan on Monday.\n"
        "What changes?\nBuses will run every ten minutes on the main routes.\n"
        "Who pays for it?\nThe council will use its transport budget for the first year.\n"
        "When does it start?\nThe first routes open in March.\n"
        "What happens next?\nThe council will review the plan after six months.\n"
    )
    assert quotes_of(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Jane Smith and her colleagues found that the glacier is melting twice as fast.",
        "In a video, Jane Smith shows how the software warps the eye area slightly.",
    ],
)
def test_what_a_person_finds_or_shows_is_a_result_not_a_statement(nlp, text):
    assert quotes_of(nlp, text, person(text, "Jane Smith")) == []


@pytest.mark.parametrize(
    "text",
    [
        "According to Spanish electoral law, he must swear allegiance to the constitution first.",
        "According to court transcripts, the defendant left the building at noon.",
    ],
)
def test_a_law_or_a_transcript_is_no_source(nlp, text):
    assert quotes_of(nlp, text) == []


def test_a_title_in_the_speakers_own_description_is_no_quotation(nlp):
    text = "“Parasite” director Bong Joon Ho said the film was made on a small budget."
    quotes = quotes_of(nlp, text, person(text, "Bong Joon Ho"))
    assert not any(q.text == "Parasite" for q in quotes)


def test_a_titled_name_typed_as_a_work_is_the_person_it_names(nlp):
    # spaCy types "Patrol Chief James Hall" a work of art here; a work cannot speak, and
    # the title before the two name words shows a person.
    text = "“We will decide tomorrow whether the balloons fly,” Patrol Chief James Hall said."
    work = person(text, "Patrol Chief James Hall", label="WORK_OF_ART")
    (quote,) = quotes_of(nlp, text, work)
    assert (quote.speaker, quote.speaker_type) == ("James Hall", "person")


@pytest.mark.parametrize(
    "text",
    [
        "While 96% of developers distrust the code, only 48% say they always check it.",
        "One in five say central IT is responsible for ongoing AI maintenance.",
    ],
)
def test_a_share_of_those_polled_is_a_finding_not_a_statement(nlp, text):
    assert quotes_of(nlp, text) == []


def test_a_relative_pronoun_for_a_thing_is_no_source(nlp):
    text = (
        "It showed during the rise of single-page applications, which promised "
        "desktop-like interactivity in the browser."
    )
    assert quotes_of(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "You have to ask someone else to provide that part of your salary.",
        "It is common to hear someone complain that they have been fighting the compiler.",
    ],
)
def test_anyone_at_all_is_no_source(nlp, text):
    assert quotes_of(nlp, text) == []


def test_a_text_a_relative_pronoun_stands_for_still_says(nlp):
    text = (
        "Chief Justice John Roberts added a footnote that said the decision did not apply "
        "to the military academies."
    )
    (quote,) = quotes_of(nlp, text, person(text, "John Roberts"))
    assert quote.text == "the decision did not apply to the military academies"


def test_a_roster_of_labelled_names_is_no_transcript(nlp):
    text = (
        "Several core members left the team this week, such as:\n\n"
        "Binyuan Hui: Lead code development, principal of the Coder series models.\n\n"
        "Bowen Yu: Lead post-training research, graduated from the University of Chinese "
        "Academy of Sciences.\n\n"
        "Kaixin Li: Core contributor to the vision models, PhD from the National "
        "University of Singapore.\n"
    )
    people = [person(text, name) for name in ("Binyuan Hui", "Bowen Yu", "Kaixin Li")]
    assert quotes_of(nlp, text, *people) == []


@pytest.mark.parametrize(
    "text",
    [
        "Second, there is the campaign that Jane Smith has promised to wage against the firm.",
        "Tom Brown pressed Jane Smith to acknowledge the differing values in her statements.",
    ],
)
def test_what_a_speaker_was_pressed_to_say_or_words_around_a_speaker_are_no_row(nlp, text):
    assert quotes_of(nlp, text, person(text, "Jane Smith"), person(text, "Tom Brown")) == []


def test_a_relative_clause_quoting_its_speaker_is_still_their_words(nlp):
    text = 'Morales hired a firm, which Jane Smith described as "a team of hackers."'
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.speaker) == ("mixed", "Jane Smith")


@pytest.mark.parametrize(
    "text",
    [
        "Phoenix plays a loner who finds his way through violence in “Joker” this year.",
        "The flagship component of the system is known as “Wolf Pack.”",
    ],
)
def test_a_quoted_name_or_title_is_no_ones_words(nlp, text):
    assert quotes_of(nlp, text, person(text, "Jane Smith")) == []


@pytest.mark.parametrize(
    "text",
    [
        "The links spread via a forum for Android developers called “XDA Developers” in posts.",
        'One such spying application called "Marble" allowed agency spies to hide their code.',
    ],
)
def test_a_name_given_by_called_is_no_ones_words(nlp, text):
    assert quotes_of(nlp, text) == []


def test_words_called_so_by_someone_are_still_a_row(nlp):
    text = 'The plan, called "reckless and cruel" by Jane Smith, passed on Friday.'
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.text, quote.cue) == ("reckless and cruel", "called")


def test_a_title_in_who_speaks_is_no_quote_but_a_title_in_the_report_is_kept(nlp):
    text = (
        "But “Mrs Maisel” actress Jane Smith said the comedy prize should have gone to quirky "
        "British comedy “Fleabag.”"
    )
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert quote.text.startswith("the comedy prize") and quote.speaker == "Jane Smith"


@pytest.mark.parametrize("word", ["rigged", "Orwellian"])
def test_a_quoted_word_of_a_report_is_still_its_sources(nlp, word):
    text = f"Jane Smith called the system “{word}” on Monday."
    (quote,) = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert (quote.kind, quote.speaker) == ("mixed", "Jane Smith")


@pytest.mark.parametrize("source", ["Reuters", "the US Geological Survey"])
def test_according_to_a_named_body_is_its_report(nlp, source):
    text = f"According to {source}, the quake struck at 5 a.m. on Monday."
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker_mention == source


@pytest.mark.parametrize(
    "text",
    [
        # QUOTES-GUIDE.md: reports as sources are excluded, quoted words or not
        "“Be ready to fight,” the Virginia FBI report said of an online thread.",
        "The report said the crowd “failed to fully appreciate the threat.”",
        "One study found that record extremes “are likely to occur in coming decades.”",
        "According to the affidavit, the suspect left the country in 2008.",
        "That manifesto claims the store was chosen because it “isn’t that far away.”",
    ],
)
def test_a_document_quoted_or_not_is_no_source(nlp, text):
    assert quotes_of(nlp, text) == []


def test_a_paper_quoted_is_the_newspaper(nlp):
    text = "The paper said the drill was aimed at “invading and crushing our republic.”"
    assert [q.kind for q in quotes_of(nlp, text)] == ["mixed"]


def test_a_question_put_to_someone_is_not_the_answers_speakers(nlp):
    # "He said" opens the answer; the question is what Jobs was asked
    text = (
        "Steve Jobs was once asked “Do you do marketing surveys?” He said “No, because "
        "people don’t know what they want until I show them.”"
    )
    quotes = quotes_of(nlp, text, person(text, "Steve Jobs"))
    assert [(q.text[:12], q.speaker) for q in quotes] == [
        ("Do you do ma", None),
        ("No, because ", "Steve Jobs"),
    ]


def test_a_that_clause_after_the_cue_is_reported_not_the_writers_clause_before(nlp):
    # the parser hangs "Disruption is continuing ..." on "said" as well
    text = (
        "Disruption is continuing to happen at airports across Europe, but rather than opt "
        "for a staycation, AJ Bell investment director Russ Mould said that many "
        "holidaymakers are still desperate to get away."
    )
    (quote,) = quotes_of(nlp, text, person(text, "Russ Mould"))
    assert (quote.text, quote.speaker) == (
        "that many holidaymakers are still desperate to get away",
        "Russ Mould",
    )


@pytest.mark.parametrize(
    "text",
    [
        "That has likely helped reduce air pollution, but, according to Jane Smith, the "
        "tradeoff has been accelerated warming.",
        "The economy grew. But, according to Jane Smith, the tradeoff has been accelerated "
        "warming.",
    ],
)
def test_words_ending_in_a_conjunction_before_according_to_are_the_writers(nlp, text):
    quotes = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert [q.text for q in quotes] == ["the tradeoff has been accelerated warming."]


def test_a_participle_setting_a_cues_occasion_is_no_report_of_its_own(nlp):
    text = (
        "Referring to the fact that the audience had voted, Jane Smith joked, “Since this "
        "is a principality, it doesn’t matter how the people voted.”"
    )
    quotes = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert [(q.kind, q.cue) for q in quotes] == [("direct", "joked")]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # the participle opening the sentence tells when the speaker spoke
        (
            "Disclosing this here on Sunday after receiving an update from the Secretary of "
            "Department of Administrative Reforms, Dr Ravi Velo said, Jammu and Kashmir has "
            "become the first Union Territory to have district wise rating.",
            [
                "Jammu and Kashmir has become the first Union Territory to have district wise "
                "rating."
            ],
        ),
        # a statement opening with a participle phrase is still a statement
        (
            "Looking at the numbers, we are doing fine, Jane Smith said, and nobody doubts it.",
            ["Looking at the numbers, we are doing fine", "and nobody doubts it."],
        ),
        # and so is one whose subject is a gerund, its verb after the attribution
        (
            "Listing the species, Jane Smith added, would hamper job creation.",
            ["Listing the species", "would hamper job creation."],
        ),
    ],
)
def test_a_participle_opening_a_set_off_attribution_is_not_what_was_said(nlp, text, said):
    speaker = "Ravi Velo" if "Velo" in text else "Jane Smith"
    assert [q.text for q in quotes_of(nlp, text, person(text, speaker))] == said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "The book came out in 1982. In her essay, Jane Smith writes:\n\nI startled a "
            "weasel, and we exchanged a long glance. It sat still.\n\nThe essay ends there.",
            ["I startled a weasel, and we exchanged a long glance. It sat still."],
        ),
        (
            "Jane Smith spoke to reporters. She said:\n\nWe will not back down.\n\n"
            "The vote is on Friday.",
            ["We will not back down."],
        ),
        # a colon that does not end its paragraph leads in nothing on the next line
        ("Jane Smith said: no.\n\nThe vote is on Friday.", ["no"]),
        # a scene may open the attribution ("In the trailer, X tells Y, ...")
        (
            "Jane Smith sells homes. In the trailer for the show, realtor Smith tells another "
            "agent, You called me a liar.",
            ["You called me a liar."],
        ),
    ],
)
def test_a_colon_ending_an_attribution_s_paragraph_leads_in_a_block_quotation(nlp, text, said):
    found = quotes_of(nlp, text, person(text, "Jane Smith", "Jane Smith", "Smith"))
    assert [q.text for q in found] == said


def test_a_negated_cue_leads_nothing_in(nlp):
    text = (
        "As a general policy, we do not comment on current or potential clients, it said in "
        "a statement. We would like to clarify that the company runs no systems."
    )
    assert "it said in" not in " ".join(q.text for q in quotes_of(nlp, text))


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # "said this" points back at what the article told: nothing new is said
        (
            "Justice Smith said this while dismissing Hodzis appeal against bail granted to "
            "suspected notorious armed robber Musa Taj Abdul.",
            [],
        ),
        ("Jane Smith said this: the appeal was poor.", ["the appeal was poor"]),
        ("Jane Smith said this week that the appeal was poor.", ["the appeal was poor"]),
    ],
)
def test_said_this_reports_nothing_new(nlp, text, said):
    found = [q for q in quotes_of(nlp, text, person(text, "Jane Smith", "Smith"))]
    said_by_her = [q.text.removeprefix("that ") for q in found if q.cue == "said"]
    assert said_by_her == said


@pytest.mark.parametrize(
    "text",
    [
        "According to a 2019 criminal complaint, she left Kansas for Egypt in 2008.",
        "According to the detention memo, the leaders were pleased by the optics.",
        "The first step in the campaign, according to a raft of articles, was outreach to "
        "the donors.",
    ],
)
def test_a_complaint_a_memo_and_articles_are_documents(nlp, text):
    assert quotes_of(nlp, text) == []


def test_an_article_quoted_is_its_writers(nlp):
    text = (
        "“Though there are still four years to go, leaders in New York honored Donald "
        "Trump yesterday,” the article read."
    )
    assert [q.kind for q in quotes_of(nlp, text)] == ["direct"]


def test_a_report_inside_a_document_is_its_speakers(nlp):
    # the complaint is no source; what it says Fahie told the informant is Fahie's
    text = (
        "According to the criminal complaint, Andrew Fahie told the informant that he was "
        "close to a known smuggler."
    )
    quotes = quotes_of(nlp, text, person(text, "Andrew Fahie"))
    assert [(q.text, q.speaker) for q in quotes] == [
        ("that he was close to a known smuggler", "Andrew Fahie")
    ]


def test_an_as_aside_inside_a_report_is_the_writers_gloss_not_a_report(nlp):
    # the parser hangs "to be held in Istanbul" on "said" too; it has no subject
    text = (
        "Ahead of the talks, to be held in Istanbul, Jane Smith said her country is "
        "prepared to declare its neutrality, as Moscow has demanded."
    )
    moscow = person(text, "Moscow", label="GPE")
    quotes = quotes_of(nlp, text, person(text, "Jane Smith"), moscow)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("her country is prepared to declare its neutrality, as Moscow has demanded", "Jane Smith")
    ]


def test_as_someone_noted_opening_the_writers_sentence_reports_it(nlp):
    text = "As Jane Smith noted, the river has flooded twice this year."
    quotes = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert [(q.text, q.speaker) for q in quotes] == [
        ("the river has flooded twice this year.", "Jane Smith")
    ]


def test_a_clause_before_its_cue_is_the_speakers_to_the_end(nlp):
    # after the cue a comma-led participle is the writer's (", tapping ..."); before it,
    # it is part of what was said
    text = (
        "It is a file of shame, cataloguing the empty pledges that put us firmly on track "
        "toward an unlivable world, Antonio Guterres said."
    )
    (quote,) = quotes_of(nlp, text, person(text, "Antonio Guterres"))
    assert quote.text == (
        "It is a file of shame, cataloguing the empty pledges that put us firmly on track "
        "toward an unlivable world"
    )


@pytest.mark.parametrize(
    "text",
    [
        "The attack killed 35 people, Jane Smith said, and raised fears that NATO could be "
        "drawn into the conflict.",
        "Hundreds have died since the invasion began, Jane Smith said, though precisely how "
        "many is difficult to know.",
    ],
)
def test_a_concession_or_a_verb_joined_on_after_a_set_off_cue_is_the_writers(nlp, text):
    quotes = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert len(quotes) == 1 and quotes[0].text.startswith(("The attack", "Hundreds"))


def test_a_clause_joined_on_after_a_set_off_cue_may_be_the_speakers(nlp):
    # a quotation that lost its marks goes on after its attribution
    text = "We are fine for now, Jane Smith said, but we are going to have difficult months."
    quotes = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert [q.text for q in quotes] == [
        "We are fine for now",
        "but we are going to have difficult months.",
    ]


def test_an_organisations_estimate_is_its_figures_not_a_statement(nlp):
    text = "The United Nations estimates that 12 million people will need humanitarian aid."
    un = person(text, "United Nations", label="ORG")
    assert quotes_of(nlp, text, un) == []


@pytest.mark.parametrize(
    "text",
    [
        "Cartoonist Velo Brant got a spot on the show for his “get off my lawn” piece.",
        "Velo Brant was named governor, earning the nickname “the iron hand of the north.”",
        "Velo Brant presided as the “chief justice” at the mock trial on Monday.",
        "We need to adopt classic “shift left” thinking in every team.",
    ],
)
def test_a_quotation_in_the_object_of_a_verb_of_having_or_doing_is_nobodys_words(nlp, text):
    assert quotes_of(nlp, text, person(text, "Velo Brant")) == []


def test_a_quotation_in_the_object_of_another_verb_is_its_subjects_words(nlp):
    text = "Velo Brant backs “appropriate pay raises” for every teacher in the state."
    (quote,) = quotes_of(nlp, text, person(text, "Velo Brant"))
    assert (quote.kind, quote.speaker) == ("mixed", "Velo Brant")


def test_a_word_in_capitals_in_running_text_is_an_acronym_not_a_cue(nlp):
    text = (
        "We will know by June if the United States or another party to CITES plans to bring "
        "forward a new proposal on seal products."
    )
    us = person(text, "United States", label="GPE")
    assert all(q.cue != "CITES" for q in quotes_of(nlp, text, us))


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        # a finite speech verb joined to a refusal is a statement of its own
        (
            "Jane Smith refused the offer and said that the deal was dead.",
            "that the deal was dead",
        ),
        # as is one the parser hangs on an infinitive it does not belong to
        (
            "Doctors tried to save the girl and blamed Jane Smith for her death.",
            "Jane Smith for her death",
        ),
    ],
)
def test_a_finite_cue_joined_to_a_plan_still_reports(nlp, text, reported):
    assert [q.text for q in quotes_of(nlp, text, person(text, "Jane Smith"))] == [reported]
