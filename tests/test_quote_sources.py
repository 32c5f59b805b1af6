"""Who speaks: person, organisation, unnamed source or no one, with keys shared by the
mentions of one source; pronouns that agree; quotes that lose their closing mark."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsbeam.transforms.quotes import rescaled
from newsbeam.transforms.quotes.marks import find_quoted_spans
from newsbeam.transforms.records import Entity, Mention
from tests.test_people_described import annotated
from tests.test_quotes import person, quotes_of


def rows(nlp, text, *people):
    entities = [person(text, name, *forms) for name, *forms in people]
    return [
        (q.text, q.speaker, q.speaker_type, q.speaker_key) for q in quotes_of(nlp, text, *entities)
    ]


def test_an_unnamed_source_and_its_later_mentions_share_a_key(nlp):
    text = (
        "A senior State Department official said the talks had stalled. "
        "The official added that a new round was planned for May."
    )
    (first, second) = rows(nlp, text)
    assert first[1:3] == (None, "unnamed") and second[1:3] == (None, "unnamed")
    assert first[3] is not None and first[3] == second[3]


def test_two_unnamed_sources_described_differently_are_two_keys(nlp):
    text = "A police spokesman said the road was closed. A witness said the car was speeding."
    (first, second) = rows(nlp, text)
    assert first[2] == second[2] == "unnamed" and first[3] != second[3]


def test_a_group_speaking_is_unnamed_and_they_continues_it(nlp):
    text = "Police said the suspect had fled. They added that a reward was offered."
    (first, second) = rows(nlp, text)
    assert first[1:3] == second[1:3] == (None, "unnamed") and first[3] == second[3]


def test_a_pronoun_skips_a_person_of_the_other_gender(nlp):
    text = (
        "Jane Smith, the mayor, spoke first. Tom Brown said the vote was close. "
        "“We will win,” she said."
    )
    quoted = rows(nlp, text, ("Jane Smith",), ("Tom Brown",))[-1]
    assert quoted[:3] == ("We will win,", "Jane Smith", "person")


def test_an_honorific_tells_a_relative_of_the_same_surname_apart(nlp):
    text = (
        "Mrs. Fischer said her son was innocent. Tanner Fischer said nothing. "
        "“I love my son,” she said."
    )
    quoted = rows(nlp, text, ("Adrianne Fischer", "Mrs. Fischer"), ("Tanner Fischer",))[-1]
    assert quoted[1] == "Adrianne Fischer"


@pytest.mark.parametrize(
    "text",
    [
        "“Tom Brown will lose,” she said.",  # the only person is inside the quote
        "Jane Smith arrived late. “Tom Brown looks worried,” he said.",  # Jane is a woman
    ],
)
def test_a_pronoun_with_no_compatible_subject_stays_unknown(nlp, text):
    (row,) = rows(nlp, text, ("Tom Brown",), ("Jane Smith",))
    assert row[1:3] == (None, "none")


def test_a_named_subject_inside_a_report_is_not_the_next_speaker(nlp):
    text = (
        "Demonstrator Aime Birba said the violence was worse than when Blaise Compaore was "
        "in power. “We are under another dictatorship,” he said."
    )
    quoted = rows(nlp, text, ("Aime Birba",), ("Blaise Compaore",))[-1]
    assert quoted[1] == "Aime Birba"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "“A storm is possible,” EU Commissioner for Economy Paolo Gentiloni said.",
            "Paolo Gentiloni",
        ),
        (
            "One of his lawyers, Hermes Ramírez, told local media his client had immunity.",
            "Hermes Ramírez",
        ),
        (
            "Maria Lopez, the FAO representative, spoke in Rome. The representative stressed "
            "that women benefit less from training.",
            "Maria Lopez",
        ),
    ],
)
def test_titles_appositions_and_roles_resolve_to_the_person(nlp, text, name):
    (row, *_) = [r for r in rows(nlp, text, (name,)) if r[1]]
    assert row[1:3] == (name, "person")


def test_an_organisation_speaks_as_one(nlp):
    text = "Acme Corp said the recall covered 2,000 cars."
    entities = [person(text, "Acme Corp", label="ORG")]
    (quote,) = quotes_of(nlp, text, *entities)
    assert (quote.speaker, quote.speaker_type) == ("Acme Corp", "organization")


def test_a_place_in_capitals_is_a_dateline_not_a_speaker(nlp):
    text = "SAN JOSE -- Securiti said it joined the program."
    entities = [person(text, "SAN JOSE", label="GPE")]
    assert all(q.speaker is None for q in quotes_of(nlp, text, *entities))


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        (
            "“What the government lacks is a direction, Avelino Guillén said Saturday.",
            "What the government lacks is a direction",
        ),
        ("“We will win, said Jane Smith, the governor.", "We will win"),
        ("“We will win. We will be back.", "We will win. We will be back."),
    ],
)
def test_a_quote_left_open_ends_before_its_attribution(text, quoted):
    (span,) = find_quoted_spans(text)
    assert text[span.start : span.end] == quoted and not span.closed


@pytest.mark.parametrize(
    ("p", "threshold", "expected"),
    [(0.0, 0.8, 0.0), (0.4, 0.8, 0.25), (0.8, 0.8, 0.5), (0.9, 0.8, 0.75), (1.0, 0.8, 1.0)],
)
def test_confidence_is_rescaled_so_the_threshold_is_one_half(p, threshold, expected):
    assert rescaled(p, threshold) == pytest.approx(expected)


def test_a_quote_named_in_its_sentence_is_surer_than_a_far_pronoun(nlp):
    text = (
        "“We will win,” Jane Smith said on Tuesday. The vote is in May. Polls are close. "
        "Turnout was low last time, and the campaign has spent heavily on advertising in "
        "rural districts where the party lost badly four years ago, officials in the "
        "state capital noted in a briefing for donors and volunteers last month. "
        "Analysts expect a long count. The board meets weekly. Lawyers are ready. "
        "Most voters said they had made up their minds. “It is close,” she said."
    )
    first, *_, last = quotes_of(nlp, text, person(text, "Jane Smith"))
    assert first.speaker == last.speaker == "Jane Smith"
    assert first.confidence > last.confidence


def test_they_after_two_people_is_their_joint_statement_credited_to_the_first(nlp):
    text = (
        "Deputy Secretary Wendy R. Sherman and Secretary General Stefano Sannino held a "
        "meeting in Washington. They reiterated that relations with China are multifaceted."
    )
    (row,) = rows(nlp, text, ("Wendy R. Sherman",), ("Stefano Sannino",))
    assert row[1:3] == ("Wendy R. Sherman", "person")


def test_a_person_in_apposition_to_the_subject_is_the_next_he(nlp):
    text = (
        "Juan Hernández was arrested at his home. One of his lawyers, Hermes Ramírez, told "
        "local media his client had immunity. He said Hernández was inside the home."
    )
    last = rows(nlp, text, ("Juan Hernández", "Juan Hernández", "Hernández"), ("Hermes Ramírez",))[
        -1
    ]
    assert last[:2] == ("Hernández was inside the home", "Hermes Ramírez")


def test_a_name_the_entity_stage_missed_stands_between_a_pronoun_and_an_earlier_person(nlp):
    text = (
        "Peter Kazimir said the claims were false. In 2018, Rimsevics was detained. "
        "Rimsevics is fighting an indictment. He denies all charges."
    )
    last = rows(nlp, text, ("Peter Kazimir",))[-1]
    assert last[0] == "all charges" and last[1] is None


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Haitis chief public prosecutor said the suspect had fled.", "Haitis"),
        ("The Biden adviser said the talks had stalled.", "Biden"),
    ],
)
def test_a_name_before_a_role_noun_is_whose_role_not_who_speaks(nlp, text, owner):
    (quote,) = quotes_of(nlp, text, person(text, owner))
    assert (quote.speaker, quote.speaker_type) == (None, "unnamed")


def test_a_name_before_a_statement_is_its_author(nlp):
    text = "Mr. Nehls' statement said the officers never called him."
    (quote,) = quotes_of(nlp, text, person(text, "Troy Nehls", "Nehls"))
    assert quote.speaker == "Troy Nehls"


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        (
            "Russia sent troops to the border. They said the town would be flattened.",
            "Russia",
            "GPE",
        ),
        (
            "The soldiers put a man on the phone with The Associated Press who said that "
            "they were seeking better working conditions.",
            "Associated Press",
            "ORG",
        ),
    ],
)
def test_they_is_never_a_country_nor_who_an_organisation(nlp, text, name, label):
    entities = [person(text, name, label=label)]
    assert [q.speaker for q in quotes_of(nlp, text, *entities)] == [None]


def test_a_lead_role_description_is_the_person_named_next(nlp):
    text = (
        "WARSAW (AP) — The Polish president said Tuesday that the two countries had taken "
        "a step toward normal relations. President Andrzej Duda spoke after a meeting."
    )
    (quote,) = quotes_of(nlp, text, person(text, "Andrzej Duda"))
    assert (quote.speaker, quote.speaker_type) == ("Andrzej Duda", "person")


def test_a_definite_body_is_the_organisation_whose_name_it_shortens(nlp):
    text = (
        "The European Commission cut its forecast on Thursday. "
        "The commission said that inflation would peak at 7.6%."
    )
    entities = [person(text, "European Commission", label="ORG")]
    quotes = quotes_of(nlp, text, *entities)
    assert [(q.speaker, q.speaker_type) for q in quotes] == [
        ("European Commission", "organization")
    ]


def test_a_surname_the_entity_stage_typed_otherwise_is_the_person_named_in_full(nlp):
    text = (
        "Fares al-Bayoush, a former general, spoke on Monday. "
        "Al-Bayoush said the new commander was a war criminal."
    )
    entities = [
        person(text, "Fares al-Bayoush"),
        person(text, "al-Bayoush", "Al-Bayoush", label="ORG"),
    ]
    (quote,) = quotes_of(nlp, text, *entities)
    assert (quote.speaker, quote.speaker_type) == ("Fares al-Bayoush", "person")


def test_an_organisation_before_a_statement_is_its_author(nlp):
    text = (
        "The Economic and Financial Crimes Commission wrote to him. "
        "The EFCC letter said the director had a case to answer."
    )
    entities = [person(text, "Economic and Financial Crimes Commission", "EFCC", label="ORG")]
    (quote,) = quotes_of(nlp, text, *entities)
    assert (quote.speaker, quote.speaker_type) == (
        "Economic and Financial Crimes Commission",
        "organization",
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Defence Minister Aime Barthelemy Simpore told state television that the "
            "barracks were calm. Simpore said the president was safe.",
            "Aime Barthelemy Simpore",
        ),
        (
            "UN High Commissioner for Human Rights Michelle Bachelet told the council that "
            "the killings were shocking. Bachelet said the violations were being verified.",
            "Michelle Bachelet",
        ),
        (
            "EU Commissioner for Economy Paolo Gentiloni said that a storm was possible. "
            "Gentiloni said stability mattered.",
            "Paolo Gentiloni",
        ),
        # initials without dots, which the model misses altogether
        (
            "Karnataka Revenue Minister R Ashoka on Thursday said the government will "
            "instruct the Chief Secretary to act. He said the officials had gone too far.",
            "R Ashoka",
        ),
    ],
)
def test_a_titled_person_the_entity_stage_missed_is_named_in_full(nlp, text, name):
    assert [q.speaker for q in quotes_of(nlp, text)] == [name] * 2


def test_which_never_stands_for_a_person(nlp):
    text = "The figures come from Jane Smith, which said that half the banks had no plan."
    assert [q.speaker for q in quotes_of(nlp, text, person(text, "Jane Smith"))] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "Trasta Komercbanka was fined. Komercbanka said the fine was unfair.",
        # a given name the article writes before a surname is no surname of its own
        "Mwangi Kiunjuri was fined on Monday. He spoke first. Then Mwangi said the fine "
        "was unfair.",
    ],
)
def test_a_missed_name_without_evidence_of_a_person_stays_unresolved(nlp, text):
    assert [q.speaker for q in quotes_of(nlp, text)] == [None]


@pytest.mark.parametrize(
    ("text", "people", "speaker"),
    [
        # the only name the article gives the speaker, typed a person's by the model
        ("Mwangi spoke first. Mwangi said the fine was unfair.", [], "Mwangi"),
        # a misspelt surname of a person the article names in full
        (
            "Oleksiy Arestovich spoke on Monday. Arestovic said the troops were trying to "
            "counter the new attacks.",
            ["Oleksiy Arestovich"],
            "Oleksiy Arestovich",
        ),
    ],
)
def test_a_lone_surname_the_model_typed_a_person_s_is_the_speaker(nlp, text, people, speaker):
    entities = [person(text, name) for name in people]
    assert [q.speaker for q in quotes_of(nlp, text, *entities)] == [speaker]


def test_a_definite_role_after_a_named_speaker_is_that_person(nlp):
    text = (
        "“Cities should stay compact,” said Diana Reckien of Twente University. "
        "“A community is really four blocks,” said the researcher."
    )
    speakers = [q.speaker for q in quotes_of(nlp, text, person(text, "Diana Reckien"))]
    assert speakers == ["Diana Reckien", "Diana Reckien"]


@pytest.mark.parametrize(
    "second",
    [
        "“The talks will go on,” said the spokesman.",
        "The head of the council said that thousands had fled.",
    ],
)
def test_a_role_that_speaks_for_another_or_introduces_someone_is_not_the_last_name(nlp, second):
    text = "“The border is closed,” said Jane Smith, the interior minister. " + second
    speakers = [q.speaker for q in quotes_of(nlp, text, person(text, "Jane Smith"))]
    assert speakers == ["Jane Smith", None]


@pytest.mark.parametrize(
    ("text", "entities", "speaker"),
    [
        (
            "Chief Minister Jagan Mohan Reddy opened the office. "
            "The CM said that the new districts would ensure good governance.",
            [("Jagan Mohan Reddy", "PERSON"), ("CM", "ORG")],
            "Jagan Mohan Reddy",
        ),
        (
            "U.S. Senator John Smith visited Kyiv. The US said that more troops would go.",
            [("John Smith", "PERSON"), ("US", "ORG")],
            "US",
        ),
    ],
)
def test_initials_of_a_persons_title_are_that_person(nlp, text, entities, speaker):
    found = [person(text, name, label=label) for name, label in entities]
    assert [q.speaker for q in quotes_of(nlp, text, *found)][-1] == speaker


def test_a_name_typed_as_an_unknown_place_stands_between_a_pronoun_and_a_person(nlp):
    text = (
        "Peter Kazimir said the claims were false. In 2018, Rimsevics was detained. "
        "Rimsevics is fighting an indictment. He denies all charges."
    )
    entities = [person(text, "Peter Kazimir"), person(text, "Rimsevics", label="GPE")]
    last = rows_of(nlp, text, entities)[-1]
    assert last[0] == "all charges" and last[1] is None


def rows_of(nlp, text, entities):
    return [(q.text, q.speaker) for q in quotes_of(nlp, text, *entities)]


def test_an_acronym_is_the_one_organisation_with_those_initials(nlp):
    text = (
        "Ocean Recovery Group opened a plant in May. ORG explains that the plant "
        "recycles ten tonnes a day. It said that more plants would follow."
    )
    entities = [
        person(text, "Ocean Recovery Group", label="ORG"),
        person(text, "ORG", label="ORG"),
    ]
    speakers = {q.speaker for q in quotes_of(nlp, text, *entities)}
    assert speakers == {"Ocean Recovery Group"}


@pytest.mark.parametrize(
    ("text", "people", "mistyped", "expected"),
    [
        (
            "Rungrawee Chalermsripinyorat, a researcher, spoke first. Tom Brown spoke next. "
            "Rungrawee warned that the talks could fail. She said the army was rattled.",
            ["Rungrawee Chalermsripinyorat", "Tom Brown"],
            ("Rungrawee", "Rungrawee warned", "GPE"),
            ["Rungrawee Chalermsripinyorat"] * 2,
        ),
        (  # two people share the surname: no guess
            "Alexander Vindman testified in 2019. His brother Yevgeny Vindman was "
            "reassigned. Vindman said he faced a reduction in responsibilities.",
            ["Alexander Vindman", "Yevgeny Vindman"],
            ("Vindman", "Vindman said", "NORP"),
            [None],
        ),
    ],
)
def test_a_mistyped_name_word_is_the_one_person_whose_name_ends_or_starts_with_it(
    nlp, text, people, mistyped, expected
):
    name, form, label = mistyped
    entities = [*(person(text, p) for p in people), person(text, name, form, label=label)]
    assert [q.speaker for q in quotes_of(nlp, text, *entities)] == expected


@pytest.mark.parametrize(
    ("text", "entity", "speaker"),
    [
        # the entity stage's modern or full name, the article's word for the speaker
        ("Kiev insists that Russia is trying to sow discord.", ("Kyiv", "GPE", "Kiev"), "Kiev"),
        ("The US said it was ready to send more troops.", ("United States", "GPE", "US"), "US"),
        # a clipped name is the body the article names in full
        (
            "The Metropolitan police opened an inquiry. The Met said it would question witnesses.",
            ("Met", "ORG", "Met"),
            "Metropolitan police",
        ),
    ],
)
def test_an_organisation_speaks_under_the_name_the_article_gives_it(nlp, text, entity, speaker):
    name, label, form = entity
    (quote,) = quotes_of(nlp, text, person(text, name, form, label=label))
    assert (quote.speaker, quote.speaker_type) == (speaker, "organization")


def test_a_titled_given_name_is_the_one_person_named_in_full_with_it(nlp):
    """Thai news names "Somchai Srisutthiyakorn", then "Mr Somchai" (a given name)."""
    text = (
        "The petition was filed by Somchai Srisutthiyakorn, a former commissioner. "
        "Mr Somchai said a second petition would follow."
    )
    (quote,) = quotes_of(nlp, text, person(text, "Somchai", "Mr Somchai"))
    assert quote.speaker == "Somchai Srisutthiyakorn"


def test_he_after_a_report_is_not_the_person_the_report_names(nlp):
    """ "However, Pema Wangdi found a log, he said": one speaking of himself says "I" or
    "he"; the name is whom the report is about, and "he" is the earlier speaker."""
    text = (
        "Pema Wangdi's brother was rescued at once, Tashi Dorje said. "
        "However, Pema Wangdi found a large log to hold on to and stayed afloat, he said."
    )
    entities = [person(text, "Pema Wangdi"), person(text, "Tashi Dorje")]
    assert [q.speaker for q in quotes_of(nlp, text, *entities)] == ["Tashi Dorje"] * 2


@pytest.mark.parametrize(
    ("text", "speaker", "mention"),
    [
        # the passive subject is the listener, the agent the source
        ("Mary Jones lost. She was told by her doctors that she needed rest.", None, "her doctors"),
        ("Mary Jones lost. She was told that she needed rest.", None, None),
        ("Tom Brown is a lawyer. He is said to have been furious about it.", None, None),
        # a reduced passive: "when told" is told to the subject (the tagger reads "told"
        # as a past tense here)
        (
            "Reached by phone on May 12, Tom Brown immediately hung up when told he was "
            "speaking with a reporter.",
            None,
            None,
        ),
        (
            "Al-Haq is a rights group. It was announced by Tom Brown that six were hacked.",
            "Tom Brown",
            "Tom Brown",
        ),
        (
            "Al-Haq is a rights group. Weeks later, it was revealed by the NGO Front Line "
            "Defenders that six of them had been hacked.",
            None,
            "the NGO Front Line Defenders",
        ),
    ],
)
def test_a_passive_cue_is_its_agents_or_no_ones(nlp, text, speaker, mention):
    people = [person(text, name) for name in ("Mary Jones", "Tom Brown") if name in text]
    quotes = quotes_of(nlp, text, *people)
    assert all((q.speaker, q.speaker_mention) == (speaker, mention) for q in quotes)
    assert mention is None or quotes


def test_who_is_charged_with_a_claim_made_it(nlp):
    text = "Forbes Magazine outed Tom Brown in 2017 for claiming the flat was 30,000 square feet."
    quotes = quotes_of(
        nlp, text, person(text, "Tom Brown"), person(text, "Forbes Magazine", label="ORG")
    )
    assert [(q.speaker, q.cue) for q in quotes] == [("Tom Brown", "claiming")]


def test_a_name_right_before_a_coordinated_verb_is_its_subject(nlp):
    # the parser coordinates "issued" with "launched", whose subject is the US
    text = (
        "On Friday evening, eight hours before the US launched strikes in Tehran, Defense "
        "Secretary Pete Hegseth issued harsh remarks on X. “Anthropic delivered a master "
        "class in arrogance and betrayal,” he wrote."
    )
    quotes = quotes_of(nlp, text, person(text, "Pete Hegseth"), person(text, "US", label="GPE"))
    assert quotes and all(q.speaker == "Pete Hegseth" for q in quotes)


def test_a_paragraph_after_a_question_is_the_answer_not_the_askers(nlp):
    text = (
        "“But there is some risk,” Samuel Alito interjected. “Do you dispute that?”\n\n"
        "“There can be a very minimal risk, but I would emphasize the benefits.”\n"
    )
    quotes = quotes_of(nlp, text, person(text, "Samuel Alito"))
    answer = next(q for q in quotes if q.text.startswith("There can be"))
    assert answer.speaker is None


def test_he_after_a_titled_name_typed_as_a_work_is_that_person(nlp):
    text = (
        "Ellie Hall and Brian M. Good said they were expecting a horrible trip.\n\n"
        "“The roads were dead,” he said.\n\n"
        "“We will decide tomorrow whether the balloons fly,” Patrol Chief James Hall said.\n\n"
        "“It looks good. It looks very good,” he said about the balloons.\n"
    )
    work = person(text, "Patrol Chief James Hall", label="WORK_OF_ART")
    quotes = quotes_of(
        nlp, text, person(text, "Brian M. Good"), person(text, "Ellie Hall", "Ellie Hall"), work
    )
    looks = next(q for q in quotes if q.text.startswith("It looks good"))
    assert looks.speaker == "James Hall"


def test_a_hyphenated_given_name_stays_whole(nlp):
    # the entity stage types this name an organisation; the quote stage names the person
    text = (
        "Employees will be supported “as best as possible,” Ann-Sophie Adamsen, Country "
        "Manager at Just Eat Denmark, said.\n\n"
        "“I am incredibly proud of what we have achieved,” Adamsen said.\n"
    )
    quotes = quotes_of(nlp, text, person(text, "Ann-Sophie Adamsen", label="ORG"))
    assert [q.speaker for q in quotes] == ["Ann-Sophie Adamsen", "Ann-Sophie Adamsen"]


def annotated_rows(nlp, text: str) -> list[tuple[str, str | None, str]]:
    """(text, speaker, speaker type) of each quote of `text` through the annotate stage:
    the entity stage's own entities, not ones given by the test."""
    return [(q.text, q.speaker, q.speaker_type) for q in annotated(nlp, text).quotes]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # an Indian honorific is no given name
        (
            "Governor Shri Bandaru Dattatraya said the scheme would reach rural families. "
            "Shri Dattatraya said that the budget for social services had doubled.",
            "Bandaru Dattatraya",
        ),
        # the model took "VP Amy" for the person: the phrase writes the whole name
        (
            "Lifetime executive VP Amy Winter said: This project is important to all of us.",
            "Amy Winter",
        ),
        # the parser hangs the name on the service, but a service is no person
        (
            "The chief of the state service for special communication, Yurii Shchyhol, "
            "said most customers were cut off from telephone and internet service.",
            "Yurii Shchyhol",
        ),
        # "Martin" reads like a demonym of Saint Martin; "Christy" opens a person's name
        (
            "“Agriculture is an essential part of our community,” says Christy Martin, the "
            "extension agent at the university. “It is a productive orchard now,” says Martin.",
            "Christy Martin",
        ),
    ],
)
def test_a_named_speaker_the_entity_stage_half_saw_is_named_in_full(nlp, text, speaker):
    found = annotated_rows(nlp, text)
    assert found and {r[1:] for r in found} == {(speaker, "person")}


def test_a_body_is_named_by_the_noun_its_name_is_built_on(nlp):
    text = (
        "The Intergovernmental Panel on Climate Change published its report on Monday. "
        "Emissions must peak by 2025, the panel said. The Defense Ministry's top official, "
        "Kamal Gunaratne, denied a military takeover. India's Ministry of External Affairs "
        "said it would send aid. Eight people were killed, the defense ministry said."
    )
    speakers = [r[1] for r in annotated_rows(nlp, text)]
    assert speakers[0] == "Intergovernmental Panel on Climate Change"
    # a common word before the noun must be in the name: not the foreign ministry
    assert speakers[-1] == "Defense Ministry"


def test_a_surname_alone_in_the_whole_story_is_the_person_the_model_saw(nlp):
    # the model typed "Awe" a person once and missed the other; the story never gives a
    # full name (its lead was lost), so the one-word person is who speaks both times
    text = (
        "Awe said that the top 10 startups were part of the 5,000 that registered. "
        "Awe said that the teams were reduced to about 175 for the quarter final."
    )
    seen_once = Entity("awe", "Awe", "PERSON", 1, 1.0, [Mention("Awe", 0, 3)])
    assert [q.speaker for q in quotes_of(nlp, text, seen_once)] == ["Awe", "Awe"]


def test_the_name_in_apposition_to_a_role_is_who_speaks_not_the_name_in_the_role(nlp):
    text = (
        "An aide to President Mahmoud Abbas, Hussein al-Sheikh, said they would conduct "
        "their own investigation."
    )
    people = [("Mahmoud Abbas", "Mahmoud Abbas"), ("Hussein al-Sheikh",)]
    assert [r[1:3] for r in rows(nlp, text, *people)] == [("Hussein al-Sheikh", "person")]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "The Russian defense ministry said it had agreed on evacuation routes.",
            "Russian defense ministry",
        ),
        ("The Indian Embassy denied speculation that troops were being sent.", "Indian Embassy"),
    ],
)
def test_a_nations_body_by_its_demonym_is_a_named_organisation(nlp, text, body):
    assert [r[1:3] for r in rows(nlp, text)] == [(body, "organization")]


def test_a_places_police_with_no_article_is_a_named_organisation(nlp):
    text = "New York State police said troopers were called. Police said the road was shut."
    place = person(text, "New York State", label="GPE")
    assert [(q.speaker, q.speaker_type) for q in quotes_of(nlp, text, place)] == [
        ("New York State police", "organization"),
        (None, "unnamed"),
    ]


def test_a_name_right_before_a_speech_verb_is_the_next_he(nlp):
    # the parser hangs "Satya Nadella" on "in" and makes "Speaking" the subject
    text = (
        "Speaking from a stage at Microsoft’s headquarters in Redmond, Washington, Chief "
        "Executive Satya Nadella said that corporations need to create solutions. "
        "“We must begin to offset the damaging effects of climate change,” he said."
    )
    found = rows(nlp, text, ("Satya Nadella",), ("Microsoft", "Microsoft"))
    assert [r[1] for r in found] == ["Satya Nadella", "Satya Nadella"]


def test_a_surname_the_entity_stage_missed_is_the_next_she(nlp):
    # no entity at all: the full name the article writes once, then its surname, then "she"
    text = (
        "Employees will be supported, Ann-Sophie Adamsen, country manager at the firm, said. "
        "“I am incredibly proud of what we have achieved,” Adamsen said. "
        "“It is a difficult strategic decision,” she added."
    )
    assert [r[1] for r in rows(nlp, text)][-1] == "Ann-Sophie Adamsen"


def test_a_one_word_person_is_named_as_the_article_writes_them_in_full(nlp):
    # the model tagged only "Mr Doyle"; "SC" (Senior Counsel) is no part of his name
    text = (
        "Declan Doyle SC, for the family, said the case had been settled. "
        "Mr Doyle said the terms were confidential. He said the family was relieved."
    )
    found = rows(nlp, text, ("Doyle", "Mr Doyle"))
    assert [r[1] for r in found] == ["Declan Doyle"] * 3


def test_a_one_word_person_is_not_renamed_after_a_relative_of_the_other_gender(nlp):
    text = "Tanner Fischer, 17, was arrested on Monday. Mrs. Fischer said her son was innocent."
    found = rows(nlp, text, ("Fischer", "Mrs. Fischer"))
    assert [r[1] for r in found] == ["Fischer"]


def test_a_qualified_role_is_the_person_titled_so_not_the_last_with_its_noun(nlp):
    text = (
        "Chief Minister Pema Khandu spoke at Seppa on Tuesday. He said the government under "
        "education minister Taba Tedir had revamped the schools. The chief minister also "
        "called on the youths to lead. The state government, he said, is working hard."
    )
    found = rows(nlp, text, ("Pema Khandu",), ("Taba Tedir",))
    assert found[-1][1] == "Pema Khandu"


@pytest.mark.parametrize(
    ("text", "owner", "body"),
    [
        (
            "The U.N. human rights office said at least 331 civilians had been killed.",
            ("U.N.", "ORG"),
            "U.N. human rights office",
        ),
        # a possessive names whose office it is, not a body: an unnamed source
        (
            "The Texas Republican's office told reporters the phrase was flagged.",
            ("Texas", "GPE"),
            None,
        ),
    ],
)
def test_an_institutions_office_by_its_name_is_a_named_organisation(nlp, text, owner, body):
    named = person(text, owner[0], label=owner[1])
    (quote,) = quotes_of(nlp, text, named)
    assert quote.speaker == body


def test_a_plural_role_is_no_one_person(nlp):
    text = (
        "Meabh and Sebastien Quoirin, parents of Nora Quoirin, were in court. However, her "
        "parents challenged the ruling, dismissing the notion their daughter could walk "
        "off into the jungle alone at night."
    )
    found = rows(nlp, text, ("Meabh Quoirin", "Meabh"), ("Nora Quoirin",))
    assert [r[1:3] for r in found] == [(None, "unnamed")]


@pytest.mark.parametrize(
    "text",
    [
        "Sheldon Adelson owns the casino. A spokesman for Adelson's casino issued a "
        "statement, dismissing it as “an idea for a movie script.”",
        "Sheldon Adelson owns the casino. A former business partner of Adelson recalled an "
        "incident “when Lahav came to Spain and stayed at the house.”",
    ],
)
def test_the_person_a_role_serves_is_not_its_holder(nlp, text):
    found = rows(nlp, text, ("Sheldon Adelson", "Sheldon Adelson", "Adelson"))
    assert found and {r[1:3] for r in found} == {(None, "unnamed")}


def test_a_portfolio_the_model_took_for_a_person_is_not_the_titles_holder(nlp):
    # "Climate Change" typed a person right after "Minister of" is the portfolio
    text = (
        "In response, Pakistan's Federal Minister of Climate Change urged the international "
        "community to reduce emissions."
    )
    found = rows(nlp, text, ("Climate Change",))
    assert [r[1:3] for r in found] == [(None, "unnamed")]
    text = "EU Commissioner for Economy Paolo Gentiloni said the rules would change."
    assert [r[1] for r in rows(nlp, text, ("Paolo Gentiloni",))] == ["Paolo Gentiloni"]


def test_relatives_of_someone_opening_a_sentence_are_not_that_person(nlp):
    text = "Relatives of Amriddin Alovatshoev, 44, called the charges baseless."
    found = rows(nlp, text, ("Amriddin Alovatshoev",))
    assert [r[1:3] for r in found] == [(None, "unnamed")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the holder is named after the portfolio
        (
            "Former director-general of State Security Arthur Fraser submitted an affidavit "
            "accusing the president of hiding large sums of cash.",
            "Arthur Fraser",
        ),
        # after "like", the people named are the role's own
        (
            "Political analysts like Abdulkarim Atiki say the release reflects well on the "
            "government.",
            "Abdulkarim Atiki",
        ),
    ],
)
def test_a_name_after_a_roles_portfolio_or_like_is_its_holder(nlp, text, name):
    assert [r[1] for r in rows(nlp, text, (name,))] == [name]


@pytest.mark.parametrize(
    ("text", "people", "speakers"),
    [
        # the model tags "Oleksiy Danilov" an organisation; the role's holder is named
        (
            "Pavlo Kirilenko, head of the Donetsk administration, said the corridor was "
            "open. The head of Ukraine's security council, Oleksiy Danilov, had urged Russia "
            "to create humanitarian corridors.",
            ["Pavlo Kirilenko"],
            ["Pavlo Kirilenko", "Oleksiy Danilov"],
        ),
        # the source of "according to" is whom a later "he" refers to
        (
            "Russian troops fired at least six missiles, according to Anton Gerashchenko, an "
            "adviser to the interior minister. Defense forces repelled some of the rockets, "
            "but at least one hit, he said.",
            ["Anton Gerashchenko"],
            ["Anton Gerashchenko", "Anton Gerashchenko"],
        ),
        # "Garnell Whitfield Jr." ends in "Whitfield" too: "Whitfield" is ambiguous
        (
            "Garnell Whitfield Jr., who lost his mother, Ruth Whitfield, in the shooting, "
            "spoke. “We're not just hurting. We're angry,” Whitfield said.",
            ["Garnell Whitfield Jr.", "Ruth Whitfield"],
            [None],
        ),
    ],
)
def test_who_a_role_a_pronoun_or_a_surname_names(nlp, text, people, speakers):
    found = rows(nlp, text, *[(name,) for name in people])
    assert [r[1] for r in found] == speakers


def test_an_organisation_in_apposition_to_a_noun_for_a_body_is_that_body(nlp):
    text = "The lobby group Business Europe said the rules were too strict."
    body = person(text, "Business Europe", label="ORG")
    (quote,) = quotes_of(nlp, text, body)
    assert (quote.speaker, quote.speaker_type) == ("Business Europe", "organization")


def test_it_or_they_names_a_body_only_when_the_body_is_named_close_before(nlp):
    near = "The ministry said prices would rise. It said fuel would cost more in May."
    body = person(near, "The ministry", label="ORG")
    # made-up story: the body is named three sentences back, more than 300 characters
    far = (
        "The Acme Corporation said prices would rise. The winter was the coldest in "
        "twenty years, with snow on the coast from November to March and ice on the "
        "rivers for weeks on end. The cold came early, in the first days of autumn, and "
        "it stayed late into the spring, long after the first flowers were due. Heating "
        "bills doubled over the season and the price of wood rose by half. "
        "It said fuel would cost more in May."
    )
    acme = person(far, "Acme Corporation", label="ORG")
    assert [q.speaker for q in quotes_of(nlp, near, body)][-1] is not None
    last = quotes_of(nlp, far, acme)[-1]
    assert last.text.startswith("fuel") and (last.speaker, last.speaker_type) == (None, "none")


def test_a_definite_role_after_someone_new_with_that_role_is_that_one(nlp):
    text = (
        "Officer Dana Velo said the clinic was safe. Later, Amanda Kifferly recalled asking "
        "an officer for help, and the officer told her to call 911."
    )
    found = rows(nlp, text, ("Dana Velo",), ("Amanda Kifferly",))
    assert [(r[0], r[1], r[2]) for r in found][-1] == ("her to call 911", None, "unnamed")
    # with no one new in between, "the officer" is the officer named before
    text = "Officer Dana Velo arrived first. Later the officer told reporters the road was shut."
    assert rows(nlp, text, ("Dana Velo",))[-1][1] == "Dana Velo"
    # nor is the holder's own introduction someone new
    text = (
        "Dana Velo, a professor who teaches at the university, spoke on Monday. The professor "
        "noted that exports were banned in 2012. He says the ban is enforced."
    )
    assert [r[1] for r in rows(nlp, text, ("Dana Velo",))][-2:] == ["Dana Velo", "Dana Velo"]


def test_whom_the_words_were_told_to_is_never_their_speaker(nlp):
    # the parser hangs "his mother" on "Ukraine" and leaves "told" with no subject
    text = (
        "Tom Hart, 22, died Monday while working for a firm that sent him to Ukraine, his "
        "mother, Rebecca Cabrera, told CNN."
    )
    cnn = person(text, "CNN", label="ORG")
    assert all(q.speaker != "CNN" for q in quotes_of(nlp, text, cnn))
    # "said Smith" puts the speaker after the verb
    text = "The talks had failed, said Dana Velo."
    assert [q.speaker for q in quotes_of(nlp, text, person(text, "Dana Velo"))] == ["Dana Velo"]


def test_the_place_of_a_wire_storys_dateline_is_not_its_speaker(nlp):
    text = (
        "Leaders meet\n"
        "Varanasi, Dec 14 (PTI): Prime Minister Dana Velo on Tuesday asked states to carve "
        "a niche in governance and called for giving priority to ease of living."
    )
    found = quotes_of(nlp, text, person(text, "Dana Velo"))
    assert found and all(q.speaker == "Dana Velo" for q in found)
    assert all(q.speaker_mention.startswith("Prime Minister") for q in found)


def test_a_relative_clause_s_own_reporter_speaks_not_its_antecedent(nlp):
    text = (
        "Dana Velo, who police said surrendered to officers inside the store, has been "
        "jailed without bond."
    )
    ((_, speaker, speaker_type, _),) = rows(nlp, text, ("Dana Velo",))
    assert (speaker, speaker_type) == (None, "unnamed")
    # with no other subject the antecedent speaks
    text = "Dana Velo, who said he acted alone, has been jailed without bond."
    assert [r[1] for r in rows(nlp, text, ("Dana Velo",))] == ["Dana Velo"]


def test_the_one_a_sentence_quotes_is_whom_a_later_she_refers_to(nlp):
    text = (
        "Mayor Dana Velo defended the scheme on Monday. The Gazette quoted Nina Hart, a "
        "counsel at the Civic Union. She called the collection of travel data invasive."
    )
    found = rows(nlp, text, ("Dana Velo",), ("Nina Hart",))
    assert found[-1][:2] == ("the collection of travel data invasive", "Nina Hart")


def test_the_agent_of_a_passive_speech_verb_is_whom_a_later_he_refers_to(nlp):
    text = (
        "Former adviser Dana Velo said the assumptions were too optimistic. Such warnings were "
        "echoed by U.N. chief Tom Hart. But governments are adding fuel to the flames, he said."
    )
    found = rows(nlp, text, ("Dana Velo",), ("Tom Hart",))
    assert [r[1] for r in found] == ["Dana Velo", "Tom Hart"]
    # the agent of a participle is not: "instructed by solicitor X" names the instructor
    text = (
        "Mr Dana Velo, instructed by solicitor Tom Hart, told the court the case was settled. "
        "The terms are confidential, he said."
    )
    found = rows(nlp, text, ("Dana Velo", "Mr Dana Velo"), ("Tom Hart",))
    assert found[-1][1] == "Dana Velo"


def test_a_surname_alone_is_not_a_relative_introduced_by_kinship(nlp):
    text = (
        "President Dana Velo visited the troops on Friday. He told them about visiting his "
        "late son, Beau Velo, in Baghdad years ago. Velo said the aid would continue."
    )
    a = annotated(nlp, text)
    assert [q.speaker for q in a.quotes][-1] == "Dana Velo"
    velo = [e for e in a.entities if e.name == "Dana Velo"]
    assert velo and text.rindex("Velo said") in {m.start for m in velo[0].mentions}


def test_an_acronym_defined_in_brackets_is_the_bodys_whatever_its_letters(nlp):
    # the model tags "General’s Office": the title that owns the office is part of it
    text = (
        "The federal Attorney General’s Office (FGR) announced Friday that a judge had "
        "ordered the arrest. The FGR said the case was strong."
    )
    a = annotated(nlp, text)
    assert [q.speaker for q in a.quotes] == ["Attorney General’s Office"] * 2
    assert [e.name for e in a.entities if e.label == "ORG"] == ["Attorney General's Office"]


def test_an_acronym_that_skips_one_inner_initial_names_the_body_in_full(nlp):
    text = (
        "The warning came from the North American Electric Reliability Corporation, which "
        "oversees the grid. NERC warned the Midwest could face shortfalls."
    )
    body = person(text, "North American Electric Reliability Corporation", label="ORG")
    short = person(text, "NERC", label="ORG")
    found = quotes_of(nlp, text, body, short)
    assert found[-1].speaker == "North American Electric Reliability Corporation"


def test_a_compound_surname_the_model_typed_as_a_work_names_the_one_person_it_ends(nlp):
    text = (
        "Home Minister Enrique López Patkar on Monday said the recording was illegal. "
        "“This is wrong,” López Patkar said."
    )
    full = person(text, "Enrique López Patkar")
    work = person(text, "López Patkar", label="WORK_OF_ART")
    work = replace(work, mentions=[m for m in work.mentions if m.start > 60])
    assert [q.speaker for q in quotes_of(nlp, text, full, work)] == ["Enrique López Patkar"] * 2


def test_the_place_opening_a_line_before_a_colon_is_a_dateline_not_a_speaker(nlp):
    text = (
        "Tapes row\n"
        "Mumbai: Home Minister Dana Velo on Monday said the recording of the calls was illegal."
    )
    found = quotes_of(nlp, text, person(text, "Dana Velo"), person(text, "Mumbai", label="GPE"))
    assert [q.speaker for q in found] == ["Dana Velo"]


@pytest.mark.parametrize(
    "text",
    [
        "Reuters quoted Defence Minister Dana Velo as saying the troops would stay.",
        "“Too much is hidden from the public,” Reuters quoted Dana Velo, a counsel at the union.",
        "Reuters cited Defence Minister Dana Velo as saying the troops would stay.",
    ],
)
def test_the_one_an_outlet_quotes_is_the_speaker_not_the_outlet(nlp, text):
    found = quotes_of(nlp, text, person(text, "Dana Velo"), person(text, "Reuters", label="ORG"))
    assert [q.speaker for q in found] == ["Dana Velo"]


def test_a_later_word_of_a_persons_longer_name_names_that_person_not_a_cut_name(nlp):
    text = (
        "President Marcos Inácio Velo da Serra arrived in Lima on Monday. "
        "Velo said the summit mattered to the region."
    )
    (quote,) = quotes_of(nlp, text, person(text, "Marcos Inácio Velo da Serra"))
    assert quote.speaker == "Marcos Inácio Velo da Serra"


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "The Inspector-General of Police, Usman Velo, said the deployment was complete.",
            "Usman Velo",
            "Inspector-General of Police",
        ),
        (
            "In his remarks, the Catholic Bishop of Ekiti, Felix Velo, urged the candidates to"
            " stay.",
            "Felix Velo",
            "Catholic Bishop of Ekiti",
        ),
    ],
)
def test_the_person_in_apposition_to_a_title_the_model_typed_as_a_body_speaks(
    nlp, text, name, title
):
    found = quotes_of(nlp, text, person(text, name), person(text, title, label="ORG"))
    assert [q.speaker for q in found] == [name]


def test_a_definite_body_is_the_states_body_named_since_not_an_older_namesake(nlp):
    text = (
        "Fighting has raged between the National Velo Army and former rebels. On Monday,"
        " Colombia's army said the violence was caused by the groups. The army said that"
        " both groups are fighting for the routes. The federal government said it would act."
    )
    found = quotes_of(
        nlp,
        text,
        person(text, "National Velo Army", label="ORG"),
        person(text, "Colombia", label="GPE"),
    )
    assert [(q.speaker_type, q.speaker) for q in found] == [
        ("organization", "Colombia's army"),
        ("organization", "Colombia's army"),
        ("unnamed", None),  # "the federal government" is no body named so
    ]


def test_a_known_place_opening_a_line_is_a_dateline_whatever_the_model_typed_it(nlp):
    # the model leaves this "Colombo" untyped; the article's entities type it ORG
    text = (
        "Troops row\n"
        "Colombo: The Indian High Commission today categorically dismissed speculative media"
        " reports about New Delhi sending troops to Colombo, saying India is fully supportive.\n"
    )
    found = quotes_of(nlp, text, person(text, "Colombo", label="ORG"))
    # no speaker rather than the place, nor a person made of the body's name
    assert {(q.speaker, q.speaker_mention) for q in found} == {(None, "The Indian High Commission")}


def test_a_body_named_after_a_word_the_name_table_holds_is_no_person(nlp):
    # "High" is in the table of given names: "High Commission" is still no one's name
    text = "In Colombo, the Indian High Commission dismissed the reports about troops as false."
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker_type != "person"


def test_a_role_of_one_nation_is_not_the_person_holding_it_for_another(nlp):
    text = (
        "Ghanaian President Nana Velo visited Kyiv on Monday. In June the American president"
        " announced he would lift the sanctions on the pipeline."
    )
    (quote,) = quotes_of(nlp, text, person(text, "Nana Velo"))
    assert quote.speaker is None


@pytest.mark.parametrize(
    ("entities", "speaker"),
    [
        # the model kept only the surname, as a place: the full name written out is his
        ((("Arriaza", "GPE"),), ("German Arriaza", "person")),
        # one mention covering the whole run is a body's name, and a known place stays one
        ((("Arriaza", "GPE"), ("German Arriaza", "ORG")), ("Arriaza", "organization")),
    ],
)
def test_a_surname_typed_a_place_is_the_person_the_article_names_in_full(nlp, entities, speaker):
    text = (
        "German Arriaza, who headed an anti-corruption unit, left the country in May. "
        "Arriaza said the probe was then ended."
    )
    found = [person(text, name, label=label) for name, label in entities]
    if len(found) == 2:  # the run's mention holds the surname's occurrence in it
        found = [
            replace(found[0], mentions=found[0].mentions[1:]),
            replace(found[1], mentions=found[1].mentions[:1]),
        ]
    (quote,) = quotes_of(nlp, text, *found)
    assert (quote.speaker, quote.speaker_type) == speaker


def test_a_known_place_keeps_its_name_beside_a_person_named_after_it(nlp):
    text = "Michael Jordan, who owns the team, spoke. Jordan said the talks had failed."
    (quote,) = quotes_of(nlp, text, person(text, "Jordan", label="GPE"))
    assert (quote.speaker, quote.speaker_type) == ("Jordan", "organization")


def test_a_person_in_apposition_to_a_body_the_parser_made_the_subject_speaks(nlp):
    text = (
        "National Task Force to End Local Communist Armed Conflict (NTF-ELCAC) spokesperson "
        "and Presidential Communications Operations Office Undersecretary Lorraine Marie "
        "Badoy, in a social media post on Wednesday, said: “One moment, we were talking.”"
    )
    entities = [
        person(text, "National Task Force", label="ORG"),
        person(text, "Lorraine Marie Badoy"),
    ]
    (quote,) = quotes_of(nlp, text, *entities)
    assert (quote.speaker, quote.speaker_type) == ("Lorraine Marie Badoy", "person")


@pytest.mark.parametrize(
    ("text", "label", "speaker"),
    [
        # a title before the full name does not hide where the name starts
        (
            "Diocese of Dumaguete Bishop Julito Velo opposed the plan. Velo said it was wrong.",
            "ORG",
            ("Julito Velo", "person"),
        ),
        # a word the article also writes in lower case is a common word's body
        (
            "The researchers told Live Science about it. Few of them work in science "
            "outside the lab. Science reported that the collaborators spoke out.",
            "ORG",
            ("Science", "organization"),
        ),
        # the name table holds "Republic": a "given name" inside a longer run of capitals
        # shows no name's start
        (
            "Representative of the Donetsk People's Republic Eliseo Velo spoke in Turin. "
            "Velo said that the talks had failed.",
            "GPE",
            ("Velo", "organization"),
        ),
    ],
)
def test_a_one_word_body_is_a_person_named_in_full_only_where_a_name_starts(
    nlp, text, label, speaker
):
    name = text.split(". ")[-1].split()[0]
    (quote,) = quotes_of(nlp, text, person(text, name, label=label))
    assert (quote.speaker, quote.speaker_type) == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a body introduced with the noun, before its name or in apposition after it
        (
            "The streaming company Velo removed the videos. The company said it was "
            "reviewing its rules.",
            "Velo",
        ),
        (
            "Flights by Velo Air, the budget airline, were cancelled. The airline said "
            "staff shortages were to blame.",
            "Velo Air",
        ),
        # a noun from the sentence before the name introduces nothing (and the name is no
        # subject the company could carry on from)
        (
            "Ministers met the company. Regulators fined Velo over the videos. The company "
            "said it was reviewing its rules.",
            None,
        ),
    ],
)
def test_a_definite_body_noun_is_the_body_introduced_with_it(nlp, text, speaker):
    name = "Velo Air" if "Velo Air" in text else "Velo"
    (quote,) = quotes_of(nlp, text, person(text, name, label="ORG"))
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "the Ukrainian leader" is the head of state of that nation named before
        (
            "Ukraine's President Volodymyr Zelensky addressed parliament. Russian "
            "President Vladimir Putin sent troops. The Ukrainian leader, who has won "
            "admiration, also called on people to demand an end to the war.",
            "Volodymyr Zelensky",
        ),
        # a nation's leader is not the head of state of another named before
        (
            "Ukraine's President Volodymyr Zelensky addressed parliament. The Russian leader, "
            "who has won admiration, also called on people to demand an end to the war.",
            None,
        ),
    ],
)
def test_a_nations_leader_is_its_head_of_state_named_before(nlp, text, speaker):
    people = [person(text, name) for name in ("Volodymyr Zelensky", "Vladimir Putin")]
    (quote,) = quotes_of(nlp, text, *[p for p in people if p.mentions])
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Hundreds were burying their dead. One woman there, Viktoria, buried her "
            "stepfather. “It could have been me,” she told Reuters.",
            "Viktoria",
        ),
        (
            "A building that a young man named Dima described as a school was hit. There was "
            "no military at this school, he said.",
            "Dima",
        ),
        # a body in apposition is no first name
        (
            "A spokesman, Velo, said the school was empty. “We left early,” he said.",
            None,
        ),
    ],
)
def test_a_person_described_and_given_a_first_name_is_named_by_it(nlp, text, speaker):
    assert rows(nlp, text)[-1][1] == speaker
