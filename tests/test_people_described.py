"""People described: roles, affiliation and gender on made-up sentences, and the scorer."""

from __future__ import annotations

import datetime as dt

import pytest

from newsbeam.evaluation.people_gold import PeopleTally, role_overlap, roles_match, speakers
from newsbeam.name_table import common_words, kept_names, name_counts, word_uses
from newsbeam.transforms.annotate import annotate
from newsbeam.transforms.entities import given_name_gender
from newsbeam.transforms.entities.short_forms import is_given_name
from newsbeam.transforms.records import Article, Entity


def annotated(nlp, text: str) -> Article:
    """A made-up article of `text` through the annotate stage (which must not fail)."""
    article = Article("a", "made-up.txt", dt.datetime(2024, 1, 1, tzinfo=dt.UTC), text=text)
    (result,) = annotate(nlp, [article])
    assert not isinstance(result, tuple), result
    return result


def people(nlp, text: str) -> dict[str, Entity]:
    """The PERSON entities of `text` through the annotate stage, by name."""
    found = {e.name: e for e in annotated(nlp, text).entities if e.label == "PERSON"}
    for entity in found.values():
        for role in entity.roles:
            assert text[role.start : role.end] == role.text  # offsets are sacred
    return found


def roles(entity: Entity) -> list[str]:
    return [r.text for r in entity.roles]


# --- roles ---


def test_a_title_before_the_name_is_a_role(nlp):
    found = people(nlp, "Secretary of State Mike Pompeo arrived in Berlin on Tuesday.")
    assert roles(found["Mike Pompeo"]) == ["Secretary of State"]


def test_an_abbreviated_military_title_is_a_role_but_mr_is_not(nlp):
    found = people(nlp, "Lt. Col. Alexander Vindman testified. Mr. Paul Grant listened.")
    assert roles(found["Alexander Vindman"]) == ["Lt. Col."]
    assert roles(found["Paul Grant"]) == []


def test_a_title_on_a_name_that_modifies_a_noun(nlp):
    found = people(nlp, "One of the hallmarks of President Joe Biden's climate agenda is trade.")
    assert roles(found["Joe Biden"]) == ["President"]


def test_a_plural_title_is_every_listed_name_s_and_a_singular_one_the_first_s(nlp):
    found = people(
        nlp,
        "The panel included former ambassadors Alexander Vershbow, John Herbst and Daniel Fried.",
    )
    assert [roles(found[n]) for n in ("Alexander Vershbow", "John Herbst", "Daniel Fried")] == [
        ["former ambassadors"]
    ] * 3
    found = people(nlp, "Sen. Tom Cotton and Maria Lopez spoke at the hearing on Monday.")
    assert roles(found["Maria Lopez"]) == []


def test_an_appositive_after_the_name_and_its_organisation(nlp):
    found = people(
        nlp, "Andrew Weiss, a Russia expert at the Carnegie Endowment, said the move was risky."
    )
    weiss = found["Andrew Weiss"]
    assert roles(weiss) == ["a Russia expert at the Carnegie Endowment"]
    assert weiss.affiliation == "Carnegie Endowment"


def test_an_appositive_before_the_name(nlp):
    found = people(nlp, "A spokeswoman, Nicole Navas, declined to comment on Friday.")
    assert roles(found["Nicole Navas"]) == ["A spokeswoman"]


def test_an_appositive_before_a_titled_name_ends_at_the_comma(nlp):
    found = people(
        nlp,
        "The head of the U.S. military's Special Operations Command Africa, Rear Admiral "
        "Jamie Sands, said the drones flew.",
    )
    assert roles(found["Jamie Sands"]) == [
        "The head of the U.S. military's Special Operations Command Africa",
        "Rear Admiral",
    ]


def test_a_role_parsed_as_a_conjunct_after_a_comma(nlp):
    found = people(
        nlp, '"We serve," said Arvind Krishna, IBM Chairman and Chief Executive Officer.'
    )
    assert roles(found["Arvind Krishna"]) == ["IBM Chairman and Chief Executive Officer"]


def test_a_list_of_names_gives_no_roles(nlp):
    found = people(nlp, "Maria Lopez, Peter Grant and Susan Hall signed the letter on Monday.")
    assert all(roles(e) == [] for e in found.values()), found


def test_a_who_is_clause_is_a_role(nlp):
    found = people(
        nlp, "Maria Lopez, who is a professor at Yale University, said the study was flawed."
    )
    assert roles(found["Maria Lopez"]) == ["a professor at Yale University"]
    assert found["Maria Lopez"].affiliation == "Yale University"


def test_a_who_clause_joined_to_another_gives_the_role_after_as(nlp):
    found = people(
        nlp,
        "Daniel Fried, who worked on Europe for decades and served as ambassador to Poland, "
        "said the talks would fail.",
    )
    assert "ambassador to Poland" in roles(found["Daniel Fried"])


def test_named_as_a_role(nlp):
    found = people(nlp, "The president named Hector Valer as prime minister on Tuesday.")
    assert roles(found["Hector Valer"]) == ["prime minister"]


def test_what_a_sentence_says_the_person_is(nlp):
    found = people(nlp, "Paul Hale is senior policy advisor for the Committee for Clean Water.")
    assert roles(found["Paul Hale"]) == ["senior policy advisor for the Committee for Clean Water"]
    found = people(nlp, "Robert Valer was elected as a lawmaker in 2020.")
    assert roles(found["Robert Valer"]) == ["a lawmaker"]


def test_a_title_with_a_conjunction_and_a_person_noun_in_person(nlp):
    found = people(
        nlp, "Housing and Planning Committee chairperson Jane Moss said the plan was sound."
    )
    assert roles(found["Jane Moss"]) == ["Housing and Planning Committee chairperson"]


def test_a_title_stops_at_another_person_s_name(nlp):
    found = people(
        nlp,
        "The briefers included Council official Eric Green and Defense Department official "
        "Laura Cooper.",
    )
    assert roles(found["Laura Cooper"]) == ["Defense Department official"]


def test_a_plural_title_the_parser_split_at_its_dot(nlp):
    found = people(
        nlp,
        "Pelosi objected to party allies Reps. Jim Corvale and Jim Tesker being on the panel.",
    )
    assert roles(found["Jim Corvale"]) == roles(found["Jim Tesker"]) == ["Reps."]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (  # a description by origin or party
            "Kathy Hochul, a Buffalo native, spoke at the memorial on Sunday.",
            "Kathy Hochul",
            ["a Buffalo native"],
        ),
        (  # the plural role a list of names are examples of
            "The council has a number of former ambassadors, including Alan Vorbeck, "
            "John Harst and Daniel Frey, who are frequent guests.",
            "Daniel Frey",
            ["former ambassadors"],
        ),
        (
            "The board heard from experts such as Mara Quell and Tom Brisk on Monday.",
            "Mara Quell",
            ["experts"],
        ),
        (  # "like" compares
            "The report named dictators like Vlad Oromov as the main risk.",
            "Vlad Oromov",
            [],
        ),
        (  # a title the model took into the name
            "Crown Prince Khalid al-Raman met the envoy on Monday.",
            "Khalid al-Raman",
            ["Crown Prince"],
        ),
        (  # the only holder of the role word
            "Prime Minister Boris Johnson met union leaders on Monday. "
            "The prime minister said the strike would end soon.",
            "Boris Johnson",
            ["Prime Minister", "The prime minister"],
        ),
        (  # owned by a place
            "President Volodymyr Zelensky met the envoys in Kyiv on Monday. "
            "Ukraine's president said the talks were useful.",
            "Volodymyr Zelensky",
            ["President", "Ukraine's president"],
        ),
        (  # a broader word for the office
            "Rep. Dana Whitcombe toured the flooded town on Monday. "
            "The lawmaker said the levee had failed.",
            "Dana Whitcombe",
            ["Rep.", "The lawmaker"],
        ),
        (  # the office's acronym
            "Chief Minister Ravi Kondal opened the new district office on Monday. "
            "The CM said the offices would open in April.",
            "Ravi Kondal",
            ["Chief Minister", "The CM"],
        ),
        (  # an owner, an object of a preposition
            "Rep. Dana Whitcombe toured the flooded town on Monday. "
            "The congresswoman's office released a statement. "
            "Residents met with the congresswoman on Tuesday.",
            "Dana Whitcombe",
            ["Rep.", "The congresswoman", "the congresswoman"],
        ),
        (  # part of someone else's role
            "Prime Minister Boris Johnson met union leaders on Monday. "
            "An aide to the prime minister said the strike would end.",
            "Boris Johnson",
            ["Prime Minister"],
        ),
        (  # a broader word saying something new
            "President Joe Biden met Prime Minister Boris Johnson in London. "
            "The British leader said the talks were useful.",
            "Joe Biden",
            ["President"],
        ),
    ],
)
def test_the_roles_a_person_is_given(nlp, text, name, expected):
    # Later definite descriptions: the only holder of the role word, or the only one
    # named near it, when it says nothing new; not part of someone else's role.
    assert roles(people(nlp, text)[name]) == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (  # two descriptions joined: the first has its own "a", the second its own words
            "Rep. Jerome Vantill, a New York Democrat and chairman of the House Rules "
            "Committee, said the vote would go ahead.",
            "Jerome Vantill",
            ["Rep.", "a New York Democrat", "chairman of the House Rules Committee"],
        ),
        (  # one role with two heads sharing a word: not split
            "Arvid Kronsberg, IBM Chairman and Chief Executive Officer, said profits rose.",
            "Arvid Kronsberg",
            ["IBM Chairman and Chief Executive Officer"],
        ),
        (  # the role "in his capacity as" adds
            "Sereno Talbot, party leader in his capacity as chairman of the House "
            "committee, said the inquiry would go on.",
            "Sereno Talbot",
            ["party leader", "chairman of the House committee"],
        ),
        (  # appointed without "as"
            "Oskar Grahlen, an economist, was named finance minister on Tuesday.",
            "Oskar Grahlen",
            ["an economist", "finance minister"],
        ),
        (
            "Evelyn Farrow has been appointed executive director of the Draper Institute.",
            "Evelyn Farrow",
            ["executive director of the Draper Institute"],
        ),
        (  # a role fronted with "as", without the time it was held
            "As U.N. ambassador during the first term, Marla Albin was a thorn in the "
            "side of the State Department.",
            "Marla Albin",
            ["U.N. ambassador"],
        ),
        (  # "as the minister said" is no role
            "As the minister said on Monday, Marla Albin was late.",
            "Marla Albin",
            [],
        ),
        (  # "worked for" an organisation the model names
            "The police questioned Joseph Badrin, who once worked for the Ministry of "
            "Justice, on Friday.",
            "Joseph Badrin",
            ["worked for the Ministry of Justice"],
        ),
        (  # working in something not an organisation is no position
            "The police questioned Joseph Badrin, who once worked in the family garden, on Friday.",
            "Joseph Badrin",
            [],
        ),
        (  # a description word the parser took for an adjective
            "Henry had phone calls with fugitive Joseph Badrin on the night of the attack.",
            "Joseph Badrin",
            ["fugitive"],
        ),
        (  # a word the tokenizer split at its hyphen
            "Oliver Dowling, the Tory co-chair, told the radio station he was confident.",
            "Oliver Dowling",
            ["the Tory co-chair"],
        ),
        (  # set off as "of" an organisation
            "Diana Reckler, of Utwente University in the Netherlands, said cities must change.",
            "Diana Reckler",
            ["of Utwente University in the Netherlands"],
        ),
        (  # "of" a place is no role
            "Diana Reckler, of Amsterdam, said cities must change.",
            "Diana Reckler",
            [],
        ),
        (  # records list a person as what they are
            "State records list Pamela Gendry as an employee of the Department of Transportation.",
            "Pamela Gendry",
            ["an employee of the Department of Transportation"],
        ),
        (  # a name the parser took for the verb's complement
            "The president, who has said nothing about the criticism, named Hernan Valdor "
            "as prime minister.",
            "Hernan Valdor",
            ["prime minister"],
        ),
        (
            "Police identified Mark Delane as a former soldier on Friday.",
            "Mark Delane",
            ["a former soldier"],
        ),
        (  # a person noun that names no office
            "Kesa Whitlow, a research associate at the Polarization Lab, said the sites are toxic.",
            "Kesa Whitlow",
            ["a research associate at the Polarization Lab"],
        ),
        (  # a bracket the role closes is kept
            "Paul Dresler is senior advisor for the Committee For Tomorrow (CFT) and "
            "author of a book on energy.",
            "Paul Dresler",
            ["senior advisor for the Committee For Tomorrow (CFT)", "author of a book on energy"],
        ),
    ],
)
def test_joined_appointed_fronted_and_working_roles(nlp, text, name, expected):
    assert roles(people(nlp, text)[name]) == expected


def test_a_pronoun_only_the_person_can_take_gives_their_roles(nlp):
    found = people(
        nlp,
        "The charges against Peter Kazin were filed on Monday. "
        "They are related to his role as finance minister. "
        "Maria Quell spoke at the school on Friday. She is a professor at Yale.",
    )
    assert roles(found["Peter Kazin"]) == ["finance minister"]
    assert roles(found["Maria Quell"]) == ["a professor at Yale"]


def test_a_pronoun_of_the_other_gender_gives_no_role(nlp):
    # "Mrs." says Quell is a woman: the "his" the resolver gave her is someone else's.
    found = people(
        nlp,
        "Mrs. Maria Quell spoke at the school on Friday. "
        "The charges are related to his role as finance minister.",
    )
    assert roles(found["Maria Quell"]) == []


def test_a_later_description_of_the_only_holder_named_near_it(nlp):
    found = people(
        nlp,
        "Sen. Alan Porbeck opened the hearing on Monday. "
        "Sen. Maria Quillon asked about the budget on Tuesday. "
        "Quillon pressed the witnesses for hours. "
        "The senator said the answers were thin.",
    )
    assert roles(found["Alan Porbeck"]) == ["Sen."]
    assert roles(found["Maria Quillon"]) == ["Sen.", "The senator"]


def test_a_later_description_two_people_could_hold_is_nobody_s(nlp):
    found = people(
        nlp,
        "President Joe Biden called President Emmanuel Macron on Monday. "
        "The president said the call went well.",
    )
    assert roles(found["Joe Biden"]) == ["President"]
    assert roles(found["Emmanuel Macron"]) == ["President"]


# --- gender ---


def test_an_honorific_says_the_gender(nlp):
    found = people(nlp, "Mrs. Kim Taylor opened the meeting in Leeds on Monday.")
    assert (found["Kim Taylor"].gender, found["Kim Taylor"].gender_evidence) == (
        "female",
        "honorific",
    )


def test_a_state_abbreviation_after_a_name_is_no_honorific(nlp):
    found = people(
        nlp,
        "Rep. Robin Hale, D-Miss., is heading the committee, which meets in Jackson. "
        "Hale did not name the lawmakers.",
    )
    assert found["Robin Hale"].gender_evidence != "honorific"
    assert found["Robin Hale"].gender != "female"


def test_a_gendered_noun_says_the_gender(nlp):
    found = people(nlp, "A spokeswoman, Robin Hale, declined to comment on Friday.")
    assert (found["Robin Hale"].gender, found["Robin Hale"].gender_evidence) == ("female", "noun")


def test_a_pronoun_only_the_person_can_take_says_the_gender(nlp):
    found = people(nlp, "Robin Hale arrived in Leeds on Monday. She met the mayor at noon.")
    assert (found["Robin Hale"].gender, found["Robin Hale"].gender_evidence) == (
        "female",
        "pronoun",
    )


def test_a_pronoun_inside_quotation_marks_is_no_evidence(nlp):
    found = people(nlp, '"Robin Hale was wrong and she knows it," the mayor told reporters.')
    assert found["Robin Hale"].gender == "unknown"


def test_an_object_pronoun_is_not_the_subject_of_its_sentence(nlp):
    found = people(nlp, "Robin Hale praised her at the meeting in Leeds on Monday.")
    assert found["Robin Hale"].gender == "unknown"


def test_a_pronoun_after_two_people_is_nobody_s(nlp):
    found = people(nlp, "Robin Hale met Sasha Reed in Leeds on Monday. She was pleased.")
    assert found["Robin Hale"].gender == found["Sasha Reed"].gender == "unknown"


def test_another_person_noun_between_takes_the_pronoun(nlp):
    found = people(nlp, "Robin Hale arrived late. His wife said she was tired.")
    assert found["Robin Hale"].gender_evidence == "pronoun"
    assert found["Robin Hale"].gender == "male"


def test_the_subject_pronoun_of_what_a_person_reports_is_theirs(nlp):
    found = people(nlp, "Robin Hale thanked Sasha Reed and added she expects a deal soon.")
    assert (found["Robin Hale"].gender, found["Robin Hale"].gender_evidence) == (
        "female",
        "pronoun",
    )
    assert found["Sasha Reed"].gender == "unknown"


@pytest.mark.parametrize(
    ("text", "gender"),
    [
        # A name that modifies a noun is no antecedent.
        (
            "Robin Hale spoke on Monday. The Hale administration asked for money on Tuesday. "
            "She was pleased with the vote.",
            "unknown",
        ),
        # The quotation marks lost, as in much scraped news: she is the speaker, not Hale.
        ("Robin Hale is doing nothing to stop the war, she said on Monday.", "unknown"),
        # "She" opens the report of someone who is no person of the article: not Hale's.
        (
            "Robin Hale arrived in Leeds on Monday. The Texan said she went to Ukraine alone.",
            "unknown",
        ),
        # The subject of a report is who a "who" stands for.
        ("Robin Hale, who said she would run again, arrived in Leeds on Monday.", "female"),
    ],
)
def test_the_names_a_pronoun_cannot_take(nlp, text, gender):
    assert people(nlp, text)["Robin Hale"].gender == gender


@pytest.mark.parametrize(
    "text",
    [
        # "She" carries on with the earlier "she", not with a person named since.
        "Robin Hale arrived in Leeds on Monday. She spoke for an hour, calling on Dan Smith "
        "to resign. She was pleased with the vote.",
        # ... in its own sentence too: neither "her" is Smith's.
        "Robin Hale spoke in Leeds on Monday. A poll showed her lead over Dan Smith, with "
        "most members saying they want her to succeed the mayor.",
    ],
)
def test_a_pronoun_carries_on_with_an_earlier_one_not_a_later_name(nlp, text):
    found = people(nlp, text)
    assert found["Dan Smith"].gender_evidence == "given_name"
    hale = found["Robin Hale"]
    assert (hale.gender, hale.gender_evidence) == ("female", "pronoun")


def test_a_pronoun_in_a_fronted_phrase_is_the_named_subjects_after_it(nlp):
    """ "In her speech, Sasha Reed said she ...": both pronouns are Reed's, though Hale was
    named last before them; the reported "she" is the reporter's whatever came before."""
    found = people(
        nlp, "Robin Hale spoke first on Monday. In her speech, Sasha Reed said she would run."
    )
    assert (found["Sasha Reed"].gender, found["Sasha Reed"].gender_evidence) == (
        "female",
        "pronoun",
    )
    assert found["Robin Hale"].gender == "unknown"


def test_the_given_name_table_when_the_article_says_nothing(nlp):
    found = people(nlp, "Andrew Weiss arrived in Berlin on Tuesday for talks.")
    assert (found["Andrew Weiss"].gender, found["Andrew Weiss"].gender_evidence) == (
        "male",
        "given_name",
    )


def test_a_surname_alone_is_never_looked_up():
    assert given_name_gender("Andrew") is None
    assert given_name_gender("Andrew Weiss") == "male"


def test_a_hyphenated_given_name_is_its_first_name_but_al_is_an_article():
    assert given_name_gender("Ann-Sophie Adamsen") == "female"
    assert given_name_gender("Al-Bayoush Sami") is None


def test_a_given_name_news_writes_once_says_only_a_known_person_s_gender(nlp):
    # Counted in news: a name seen twice is common, once rare (its own table).
    counts = name_counts(["Quorin Vale spoke.", "Tamsa Ode and Tamsa Lee met. the quorin"])
    genders = {"quorin": "male", "tamsa": "female", "ulmo": "male"}
    assert kept_names(genders, counts) == ["tamsa"]
    assert kept_names(genders, counts, 1, 2) == ["quorin"]
    # "Roselyn" is written once in the news the table is built from.
    assert given_name_gender("Roselyn Baptiste") is None
    assert given_name_gender("Roselyn Baptiste", person=True) == "female"
    found = people(nlp, "Roselyn Baptiste arrived in Berlin on Tuesday for talks.")
    assert found["Roselyn Baptiste"].gender == "female"


def test_a_given_name_news_writes_as_a_common_word_is_no_evidence_of_a_name():
    # Counted in news: lower-case uses against capitalised ones inside a sentence; a
    # sentence's first word, a contraction ("don't"), a hyphened word ("al-Hashimi"), a
    # bracketed ending and "et al" say nothing.
    texts = [
        "Live from the hall, we live here and live there, as they live on.",
        "She met Dawn Staley, then Dawn Smith. Dawn broke. I don't. Don Lee and Don Ray came.",
        "Abu al-Hashimi, al-Baghdadi and al-Adl wrote. Smith et al said it was obtain[ed].",
    ]
    lower, capitalised = word_uses(texts)
    assert (lower["live"], capitalised["live"]) == (3, 0)
    assert (lower["dawn"], capitalised["dawn"]) == (0, 2)
    assert lower["don"] == lower["al"] == lower["ed"] == 0
    assert common_words(["live", "dawn", "don", "al"], lower, capitalised) == {"live"}
    # The shipped tables: "Live" and "Science" are names of the table news writes as words;
    # they say a known person's gender, but make no capitalised word a given name.
    assert given_name_gender("Live Science") is None
    assert given_name_gender("Live Schreiber", person=True) == "female"
    assert not is_given_name("Live") and is_given_name("Live", person=True)
    assert is_given_name("Mark") and is_given_name("Will") and is_given_name("Dean")


def test_an_accented_given_name_is_looked_up_without_its_accent():
    assert given_name_gender("Félix Ávila") == given_name_gender("Felix Avila") == "male"


# --- the scorer ---


def test_roles_match_on_a_high_word_overlap():
    assert role_overlap("VOA's White House bureau chief", "VOAs White House bureau chief") == 1.0
    assert roles_match("Palestinian Prime Minister", "the Prime Minister")
    assert not roles_match("the commander", "the commander of the Southern Military District")
    assert not roles_match("President", "Vice President of the Senate")


@pytest.mark.parametrize(
    ("gender", "counted", "right"), [("male", 1, 1), ("female", 1, 0), ("unknown", 0, 0)]
)
def test_gender_precision_counts_only_given_genders(gender, counted, right):
    tally = PeopleTally()
    person = {"name": "A B", "gender": "male", "roles": ["mayor of Leeds"]}
    tally.add("x", person, True, True, gender, ["the mayor of Leeds", "a lawyer"])
    assert (tally.gendered, tally.gender_right) == (counted, right)
    assert tally.speakers_gendered == counted
    assert (tally.roles_predicted, tally.roles_right, tally.roles_found) == (2, 1, 1)
    tally.add("x", {"name": "C D", "gender": None, "roles": ["mayor"]}, True, False, None, [])
    scores = tally.scores()
    assert scores["gender_coverage_quoted"] == counted / 2
    assert scores["gender_coverage_quoted_found"] == counted
    assert (scores["role_recall"], scores["role_recall_found"]) == (0.5, 1.0)


def test_speakers_include_co_speakers_and_persons_only():
    entry = {
        "items": [
            {"speaker": "A B", "speaker_type": "person", "co_speakers": ["C D"]},
            {"speaker": "Acme", "speaker_type": "organization"},
        ]
    }
    assert speakers(entry) == {"A B", "C D"}


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "UN Secretary-General Anita Varga said the war must end.",
            "Anita Varga",
            "UN Secretary-General",
        ),
        ("Attorney-General Mark Dreyfus said no on Monday.", "Mark Dreyfus", "Attorney-General"),
    ],
)
def test_a_hyphen_inside_a_title_does_not_cut_it(nlp, text, name, expected):
    """ "Secretary-General": the parser splits the hyphen off as punctuation, which ends a
    title, but a hyphen glued to both words is part of one ("General" alone is no role)."""
    assert roles(people(nlp, text)[name]) == [expected]
