"""Entity stage: re-casing, name keys, each merge rule and refusal, labels, the seed end to end."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Span

from newsbeam.transforms.entities import given_names_agree
from newsbeam.transforms.entities.clusters import cluster_mentions, split_people
from newsbeam.transforms.entities.extract import (
    canonical_name,
    choose_label,
    extract_entities,
    keep_entity,
)
from newsbeam.transforms.entities.gazetteer import is_demonym, is_known_place
from newsbeam.transforms.entities.mentions import FoundMention, find_mentions, split_span
from newsbeam.transforms.entities.names import (
    acronyms,
    common_noun_acronyms,
    name_key,
    person_parts,
)
from newsbeam.transforms.entities.org_context import organisation_cue
from newsbeam.transforms.nlp import load_nlp, prepare_for_parse
from tests.conftest import missing

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_BOILERPLATE = ("4 minute read", "More Must-Reads from TIME", "Contact us at")


def mentions_in(text: str, *specs: tuple[str, str]) -> list[FoundMention]:
    """FoundMentions for `specs` ((surface, label), ...) found left to right in `text`.

    The sentence index counts ". " before the mention, so tests can place names in sentences.
    """
    out = []
    pos = 0
    for surface, label in specs:
        start = text.index(surface, pos)
        end = start + len(surface)
        out.append(FoundMention(start, end, surface, label, True, False, text[:start].count(". ")))
        pos = end
    return out


def names_of(groups: list[list[FoundMention]]) -> list[set[str]]:
    """Each cluster as the set of its surface forms, sorted for stable comparison."""
    return sorted(({m.text for m in g} for g in groups), key=lambda s: sorted(s))


# --- prepare_for_parse ---


def test_prepare_recases_headline_from_body_casing_and_keeps_length():
    text = "JAPAN BEAT CHINA IN THE FINAL\nJapan beat China 2-1 in the final on Friday."
    out = prepare_for_parse(text)
    assert out.split("\n")[0] == "Japan beat China in the final"
    assert out.split("\n")[1] == text.split("\n")[1]
    assert len(out) == len(text)


def test_prepare_capitalises_unknown_words_and_lowers_function_words():
    assert prepare_for_parse("RUGBY UNION - CUTTITTA BACK FOR ITALY") == (
        "Rugby Union - Cuttitta back for Italy"
    )


def test_prepare_recases_dateline_but_keeps_acronyms_written_elsewhere():
    text = "WASHINGTON (Reuters) - NATO and the EU met. NATO said so."
    assert prepare_for_parse(text) == "Washington (Reuters) . NATO and the EU met. NATO said so."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BEDFORD, N.H. (AP) — Marco Rubio said", "Bedford, N.H. (Ap) . Marco Rubio said"),
        ("CLEVELAND, July 19 (UPI) – A report", "Cleveland, July 19 (UPI) . A report"),
        ("WASHINGTON -- President Obama said", "Washington .  President Obama said"),
        ("NATO - the alliance said", "Nato - the alliance said"),
        ("New York (AFP) – Vice President Joe Biden", "New York (AFP) . Vice President Joe Biden"),
        ("Donald Trump (R) – The candidate", "Donald Trump (R) – The candidate"),
        ("The WASHINGTON (AP) — A", "The WASHINGTON (AP) — A"),
    ],
)
def test_prepare_ends_a_dateline_with_a_full_stop(text, expected):
    """The parser took the dateline's place for the subject of the first sentence."""
    assert prepare_for_parse(text) == expected


def test_prepare_leaves_lists_of_acronyms_and_normal_text_alone():
    text = "Officials from NATO, EU, UN and the IMF met in Brussels."
    assert prepare_for_parse(text) == text


def test_prepare_lowers_title_case_words_the_context_writes_in_lower_case():
    title = "Pompeo to Meet With Putin as Trump Seeks Better Ties"
    body = "Pompeo will meet Putin. Trump wants better ties with Russia."
    assert prepare_for_parse(title, context=body) == (
        "Pompeo to meet with Putin as Trump Seeks better ties"
    )


def test_prepare_never_changes_length_of_special_casings():
    text = "STRASSE UND STRAẞE İSTANBUL ﬁNAL"
    assert len(prepare_for_parse(text)) == len(text)


# --- name keys ---


@pytest.mark.parametrize(
    ("text", "label", "key"),
    [
        ("the U.S.", "GPE", "united states"),
        ("America", "GPE", "united states"),
        ("United States", "GPE", "united states"),
        ("U.K.", "GPE", "united kingdom"),
        ("the U.N.", "ORG", "united nations"),
        ("E.U.", "ORG", "european union"),
        ("Calif.", "GPE", "california"),
        ("Apple Inc.", "ORG", "apple"),
        ("Volkswagen AG", "ORG", "volkswagen"),
        ("Mueller’s", "PERSON", "mueller"),
        ("President Donald Trump", "PERSON", "donald trump"),
        ("Secretary of State Michael Pompeo", "PERSON", "michael pompeo"),
        ("Mr. Weiss", "PERSON", "weiss"),
        ("CM Bhagwant Mann", "PERSON", "bhagwant mann"),
        ("MP Jane Smith", "PERSON", "jane smith"),
        ("the State Department", "ORG", "state department"),
        ("State of Texas", "GPE", "texas"),
        ("New People 's Party", "ORG", "new people party"),
    ],
)
def test_name_key_normalises(text, label, key):
    assert name_key(text, label) == key


def test_person_parts_ignore_middle_initials_and_suffixes():
    assert person_parts("Michael R. Pompeo") == ("michael", "pompeo")
    assert person_parts("Martin Luther King Jr.") == ("martin", "king")
    assert person_parts("Pompeo") is None


def test_person_parts_ignore_post_nominal_letters_after_a_full_name():
    assert person_parts("Peter Hall QC") == ("peter", "hall")
    assert person_parts("Jane Smith MP") == ("jane", "smith")
    # guard: after one name word the letters are the surname (Nepali "KC")
    assert person_parts("Gagan KC") == ("gagan", "kc")


def test_a_persons_post_nominal_letters_are_no_part_of_the_name(nlp):
    # "Peter Hall QC" and the later "Hall" are one person, named as the article names him
    text = (
        "Peter Hall QC, for the defence, told the court the case was weak. Hall said the "
        "jury should acquit his client. The prosecutor, Mary Jones, disagreed."
    )
    people = [e for e in entities_of(nlp, text) if e.label == "PERSON"]
    assert sorted(e.name for e in people) == ["Mary Jones", "Peter Hall"]
    hall = next(e for e in people if e.name == "Peter Hall")
    assert [m.text for m in hall.mentions] == ["Peter Hall", "Hall"]


def test_acronyms_of_expansions():
    assert "nsc" in acronyms("the National Security Council")
    assert "fbi" in acronyms("Federal Bureau of Investigation")
    assert "inf" in acronyms("Intermediate-Range Nuclear Forces Treaty")
    assert "kpa" in acronyms("Korean People 's Army")
    assert acronyms("Moscow") == set()


# --- merge rules ---


def test_rule_same_key_merges_aliases_and_articles():
    text = "The U.S. said the United States and America agree."
    groups = cluster_mentions(
        mentions_in(text, ("U.S.", "GPE"), ("United States", "GPE"), ("America", "GPE"))
    )
    assert names_of(groups) == [{"U.S.", "United States", "America"}]


def test_rule_full_names_with_and_without_middle_initial_merge():
    text = "Michael R. Pompeo left. Michael Pompeo arrived."
    groups = cluster_mentions(
        mentions_in(text, ("Michael R. Pompeo", "PERSON"), ("Michael Pompeo", "PERSON"))
    )
    assert names_of(groups) == [{"Michael R. Pompeo", "Michael Pompeo"}]


def test_rule_surname_joins_the_only_person_with_it_whatever_its_label():
    text = "Andrew Weiss spoke. Weiss said no. Weiss left."
    groups = cluster_mentions(
        mentions_in(text, ("Andrew Weiss", "PERSON"), ("Weiss", "ORG"), ("Weiss", "PERSON"))
    )
    assert names_of(groups) == [{"Andrew Weiss", "Weiss"}]


def test_rule_shared_surname_goes_to_nearest_preceding_person():
    text = "John Smith came. Mary Smith came later. Smith said yes."
    found = mentions_in(
        text, ("John Smith", "PERSON"), ("Mary Smith", "PERSON"), ("Smith", "PERSON")
    )
    assert names_of(cluster_mentions(found)) == [{"John Smith"}, {"Mary Smith", "Smith"}]


def test_refusal_shared_surname_when_both_named_in_one_sentence():
    text = "Bill Clinton and Hillary Clinton came. Clinton said yes."
    found = mentions_in(
        text, ("Bill Clinton", "PERSON"), ("Hillary Clinton", "PERSON"), ("Clinton", "PERSON")
    )
    # Linked to no one: the ambiguous "Clinton" is left out rather than made a third person.
    assert names_of(cluster_mentions(found)) == [{"Bill Clinton"}, {"Hillary Clinton"}]


def test_refusal_shared_surname_before_either_person_is_named():
    text = "Smith won. John Smith came. Mary Smith came."
    found = mentions_in(
        text, ("Smith", "PERSON"), ("John Smith", "PERSON"), ("Mary Smith", "PERSON")
    )
    assert names_of(cluster_mentions(found)) == [{"John Smith"}, {"Mary Smith"}]


def test_refusal_repeated_shared_surname_never_joins_two_people():
    # Each "Fischer" goes to the Fischer named last before it; the two never meet through
    # their common key.
    text = (
        "Tanner Fischer scored. Fischer ran. Adrianne Fischer, his mother, cheered. Fischer wept."
    )
    found = mentions_in(
        text,
        ("Tanner Fischer", "PERSON"),
        ("Fischer", "PERSON"),
        ("Adrianne Fischer", "PERSON"),
        ("Fischer", "PERSON"),
    )
    groups = cluster_mentions(found)
    assert sorted(sorted((m.text, m.start) for m in g) for g in groups) == [
        [("Adrianne Fischer", 36), ("Fischer", 75)],
        [("Fischer", 23), ("Tanner Fischer", 0)],
    ]


def test_rule_short_form_and_initial_of_a_given_name_are_one_person():
    text = "Michael Pompeo spoke. Mike Pompeo left. M. Pompeo wrote."
    found = mentions_in(
        text, ("Michael Pompeo", "PERSON"), ("Mike Pompeo", "PERSON"), ("M. Pompeo", "PERSON")
    )
    assert names_of(cluster_mentions(found)) == [{"Michael Pompeo", "Mike Pompeo", "M. Pompeo"}]


def test_refusal_different_given_names_stay_two_people_even_with_one_key():
    # "Trump" is typed ORG once: rule 1 would join it to both through the key "trump".
    text = "Donald Trump came. Melania Trump came. Trump spoke in another sentence."
    found = mentions_in(
        text, ("Donald Trump", "PERSON"), ("Melania Trump", "PERSON"), ("Trump", "PERSON")
    )
    assert names_of(cluster_mentions(found)) == [
        {"Donald Trump"},
        {"Melania Trump", "Trump"},
    ]


def test_refusal_gendered_titles_clash():
    # "Mrs. Fischer" cannot be the man named last: she goes to the woman named before him.
    text = "Adrianne Fischer came. Then Tanner Fischer came. Mrs. Fischer spoke."
    found = mentions_in(
        text, ("Adrianne Fischer", "PERSON"), ("Tanner Fischer", "PERSON"), ("Fischer", "PERSON")
    )
    found[1] = replace(found[1], title="mr")
    found[2] = replace(found[2], title="mrs")
    assert names_of(cluster_mentions(found)) == [
        {"Adrianne Fischer", "Fischer"},
        {"Tanner Fischer"},
    ]


def test_rule_lone_first_name_joins_the_only_person_with_it():
    text = "Daniel Montalvo left. Mark Rathbun stayed. Daniel said no."
    found = mentions_in(
        text, ("Daniel Montalvo", "PERSON"), ("Mark Rathbun", "PERSON"), ("Daniel", "PERSON")
    )
    assert names_of(cluster_mentions(found)) == [{"Daniel", "Daniel Montalvo"}, {"Mark Rathbun"}]


def test_refusal_first_name_shared_by_two_people():
    text = "Michael Pompeo and Michael Calvey. Michael said no."
    found = mentions_in(
        text, ("Michael Pompeo", "PERSON"), ("Michael Calvey", "PERSON"), ("Michael", "PERSON")
    )
    assert len(cluster_mentions(found)) == 3


def test_rule_acronym_joins_its_expansion():
    text = "The National Security Council met. The NSC said no."
    found = mentions_in(text, ("National Security Council", "ORG"), ("NSC", "ORG"))
    assert names_of(cluster_mentions(found)) == [{"National Security Council", "NSC"}]


def test_refusal_acronym_with_two_expansions():
    text = "The National Security Council and the National Science Council met. NSC said no."
    found = mentions_in(
        text,
        ("National Security Council", "ORG"),
        ("National Science Council", "ORG"),
        ("NSC", "ORG"),
    )
    assert len(cluster_mentions(found)) == 3


def test_rule_org_short_form_joins_the_long_name():
    text = "The Carnegie Endowment for International Peace said. The Carnegie Endowment agreed."
    found = mentions_in(
        text, ("Carnegie Endowment for International Peace", "ORG"), ("Carnegie Endowment", "ORG")
    )
    assert len(cluster_mentions(found)) == 1


def test_rule_org_suffix_short_form_joins_the_long_name():
    text = "The U.S. State Department said. The State Department agreed."
    found = mentions_in(text, ("U.S. State Department", "ORG"), ("State Department", "ORG"))
    assert len(cluster_mentions(found)) == 1


def test_refusal_short_form_that_is_a_person_surname():
    text = "Donald Trump spoke. The Trump Organization paid. Trump said."
    found = mentions_in(
        text, ("Donald Trump", "PERSON"), ("Trump Organization", "ORG"), ("Trump", "ORG")
    )
    assert names_of(cluster_mentions(found)) == [
        {"Donald Trump", "Trump"},
        {"Trump Organization"},
    ]


def test_refusal_short_form_plus_generic_head_even_when_typed_org():
    text = "The Trump Organization paid. Trump said."
    found = mentions_in(text, ("Trump Organization", "ORG"), ("Trump", "ORG"))
    assert len(cluster_mentions(found)) == 2


def test_refusal_short_form_matching_two_long_names():
    text = "Goldman Sachs and Goldman Partners met. Goldman said."
    found = mentions_in(
        text, ("Goldman Sachs", "ORG"), ("Goldman Partners", "ORG"), ("Goldman", "ORG")
    )
    assert len(cluster_mentions(found)) == 3


# --- labels and names ---


def test_label_majority():
    found = mentions_in(
        "Apple x Apple y Apple", ("Apple", "ORG"), ("Apple", "ORG"), ("Apple", "GPE")
    )
    assert choose_label(found) == "ORG"


def test_label_person_wins_ties_when_a_title_marks_a_person():
    found = mentions_in("Mr. Trump x Trump", ("Trump", "ORG"), ("Trump", "PERSON"))
    found[0] = replace(found[0], title="mr")
    assert choose_label(found) == "PERSON"


def test_label_lone_word_also_typed_otherwise_is_not_a_person():
    # No full name, no title anywhere: the other label wins ("Polaroid" typed PERSON once).
    found = mentions_in("Polaroid x Polaroid", ("Polaroid", "ORG"), ("Polaroid", "PERSON"))
    assert choose_label(found) == "ORG"


@pytest.mark.parametrize(("people", "others", "label"), [(4, 1, "PERSON"), (3, 1, "ORG")])
def test_label_lone_word_the_model_typed_a_person_far_more_often_stays_one(people, others, label):
    # "Toqaev" typed PERSON fifteen times and ORG once is a person whose full name the model
    # missed; typed PERSON three times to one it may be a brand
    specs = [("Toqaev", "PERSON")] * people + [("Toqaev", "ORG")] * others
    found = mentions_in(" x ".join(["Toqaev"] * len(specs)), *specs)
    assert choose_label(found) == label


def test_label_person_when_full_person_name_is_in_cluster():
    found = mentions_in(
        "Donald Trump x Trump y Trump",
        ("Donald Trump", "PERSON"),
        ("Trump", "ORG"),
        ("Trump", "ORG"),
    )
    assert choose_label(found) == "PERSON"


def test_label_lone_known_place_typed_person_is_gpe():
    assert choose_label(mentions_in("to Sochi", ("Sochi", "PERSON"))) == "GPE"


def test_label_known_place_with_a_shorter_form_typed_person_is_gpe():
    # The group's fullest name is a place; the shorter "Lanka" must not hide it.
    found = mentions_in(
        "Sri Lanka x Sri Lanka y Lanka",
        ("Sri Lanka", "PERSON"),
        ("Sri Lanka", "PERSON"),
        ("Lanka", "PERSON"),
    )
    assert choose_label(found) == "GPE"


def test_label_saint_name_is_no_full_person_name():
    # "St" never opens a person's name: a parish typed PERSON once stays the place it is.
    found = mentions_in(
        "in St John parish x St. John y St John",
        ("St John", "GPE"),
        ("St. John", "GPE"),
        ("St John", "PERSON"),
    )
    assert choose_label(found) == "GPE"


def test_label_lone_unknown_name_typed_person_stays_person():
    assert choose_label(mentions_in("said Kortunov", ("Kortunov", "PERSON"))) == "PERSON"


def test_label_demonym_typed_gpe_is_norp():
    assert choose_label(mentions_in("Ukrainian sailors", ("Ukrainian", "GPE"))) == "NORP"


def test_canonical_name_is_longest_full_form_without_title():
    found = mentions_in(
        "President Donald Trump met. Trump’s plan.",
        ("President Donald Trump", "PERSON"),
        ("Trump’s", "PERSON"),
    )
    assert canonical_name(found, "PERSON") == "Donald Trump"


# --- with spaCy ---


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def mentions_in_doc(nlp, text: str) -> list[FoundMention]:
    return find_mentions(nlp(prepare_for_parse(text)), None, text)


def entities_of(nlp, text: str, title: str | None = None):
    doc = nlp(prepare_for_parse(text))
    title_doc = nlp(prepare_for_parse(title, context=text)) if title else None
    return extract_entities(doc, title_doc, text=text)


def test_propagation_tags_surname_mentions_the_model_missed(nlp):
    text = (
        "Andrew Weiss, a former official, spoke on Monday. "
        "Weiss argued that the talks would fail. Critics disagreed with Weiss."
    )
    by_name = {e.name: e for e in entities_of(nlp, text)}
    weiss = by_name["Andrew Weiss"]
    assert weiss.label == "PERSON"
    starts = [m.start for m in weiss.mentions]
    assert starts == [text.index("Andrew Weiss"), text.index("Weiss argued"), text.rindex("Weiss")]


def test_title_supplies_full_name_and_salience(nlp):
    title = "Angela Merkel wins fourth term"
    text = "Merkel said on Sunday that the coalition talks in Berlin would start soon."
    entities = entities_of(nlp, text, title)
    assert entities[0].name == "Angela Merkel"
    # One body mention plus title and lead bonuses (3 + 2) over 2 body mentions + 5.
    assert entities[0].salience == pytest.approx(6 / 7, abs=1e-4)
    assert [m.text for m in entities[0].mentions] == ["Merkel"]


def test_mentions_are_sorted_and_exact(nlp):
    text = "The U.S. and the United States agree, said Pompeo. Mike Pompeo left for the U.S."
    for entity in entities_of(nlp, text):
        starts = [m.start for m in entity.mentions]
        assert starts == sorted(starts)
        assert entity.mention_count == len(entity.mentions)
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text


def test_mentions_drop_lower_case_words_and_articles_around_names(nlp):
    text = "The pro-Beijing New People's Party won in the United States of America."
    spans = {m.text for e in entities_of(nlp, text) for m in e.mentions}
    assert all(not s[0].islower() and not s.startswith("The ") for s in spans)


def test_spans_split_at_commas_and_lower_case_words(nlp):
    text = "Simmons took four wickets at Grace Road, Leicestershire on Friday."
    doc = nlp(text)
    span = Span(doc, 4, 10, label="FAC")  # "at Grace Road, Leicestershire on"
    assert [p.text for p in split_span(span)] == ["Grace Road", "Leicestershire"]


def test_spans_drop_names_after_lower_case_prefixes_only(nlp):
    text = "The pro-Beijing camp, a Kremlin-founded firm, al-Assad and Leung Che-cheung."
    doc = nlp(text)

    def names(surface: str, label: str) -> list[str]:
        start = text.index(surface)
        span = doc.char_span(start, start + len(surface), label=label)
        return [p.text for p in split_span(span)]

    assert names("pro-Beijing", "GPE") == []
    assert names("Kremlin", "ORG") == ["Kremlin"]
    assert names("al-Assad", "PERSON") == ["al-Assad"]
    assert names("Leung Che-cheung", "PERSON") == ["Leung Che-cheung"]


def test_propagation_skips_one_word_names_seen_only_opening_lines(nlp):
    found = mentions_in_doc(nlp, "Image: Nick Moreau.\nThe show opened.\nImage: Nick Moreau.")
    assert not any(m.text == "Image" and not m.from_model for m in found)


def test_headline_section_label_is_no_entity_but_a_dateline_place_is(nlp):
    text = "CRICKET - LEICESTERSHIRE TAKE OVER AT TOP\nLONDON - Leicestershire beat Somerset."
    spans = {m.text for e in entities_of(nlp, text) for m in e.mentions}
    assert "CRICKET" not in spans
    assert "LONDON" in spans


def test_extract_rejects_text_of_another_length(nlp):
    with pytest.raises(ValueError):
        extract_entities(nlp("Pompeo left."), text="Pompeo left")


def seed_article() -> tuple[str, str]:
    """Title and body of the seed with the boilerplate lines removed (the clean stage's job)."""
    raw = (REPO / "tests" / "fixtures" / "time-pompeo-putin.txt").read_text(encoding="utf-8")
    title, body = raw.split("\n\n", 1)
    lines = [line for line in body.split("\n") if line.strip() not in SEED_BOILERPLATE]
    return title, "\n".join(lines).strip("\n")


@pytest.fixture(scope="module")
def seed_entities(nlp):
    title, body = seed_article()
    return body, entities_of(nlp, body, title)


def test_seed_people_have_canonical_names(seed_entities):
    _, entities = seed_entities
    people = {e.name for e in entities if e.label == "PERSON"}
    assert people == {
        "Michael Pompeo",
        "Vladimir Putin",
        "Donald Trump",
        "Robert Mueller",
        "Andrew Weiss",
        "Andrey Kortunov",
        "Nicolas Maduro",
        "Michael Calvey",
        "Konstantin Kosachyov",
        "Vladimir Frolov",
    }


SEED_LINKS = {
    "Weiss": "Andrew Weiss",
    "Pompeo": "Michael Pompeo",
    "Putin": "Vladimir Putin",
    "Trump": "Donald Trump",
    "Mueller": "Robert Mueller",
    "Maduro": "Nicolas Maduro",
}


@pytest.mark.parametrize(("surname", "full"), sorted(SEED_LINKS.items()))
def test_seed_every_surname_occurrence_is_a_mention_of_the_full_name(seed_entities, surname, full):
    body, entities = seed_entities
    entity = next(e for e in entities if e.name == full)
    occurrences = [m.start() for m in re.finditer(rf"\b{surname}\b", body)]
    assert occurrences
    for at in occurrences:
        assert any(m.start <= at < m.end for m in entity.mentions), (surname, at)
    owners = {e.name for e in entities for m in e.mentions if m.text == surname}
    assert owners == {full}


def test_seed_gold_people_links_and_types():
    gold_file = SHARED / "gold" / "time-pompeo-putin.json"
    if not gold_file.exists():
        missing("seed gold: ../shared not present")
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    title, body = seed_article()
    entities = entities_of(load_nlp(), body, title)
    people = {e.name for e in entities if e.label == "PERSON"}
    assert set(gold["people"]) <= people
    assert people.isdisjoint(gold["places"] + gold["organizations"])
    for surname, full in gold["mention_links"].items():
        assert {e.name for e in entities for m in e.mentions if m.text == surname} == {full}


def test_seed_trump_is_the_most_salient(seed_entities):
    _, entities = seed_entities
    assert entities[0].name == "Donald Trump"
    assert all(0 < e.salience <= 1 for e in entities)


# --- properties ---

_WORDS = st.sampled_from(
    [
        "Trump",
        "Donald",
        "said",
        "the",
        "U.S.",
        "Weiss",
        "’s",
        "Andrew",
        "Moscow",
        "NSC",
        "National",
        "Security",
        "Council",
        "AND",
        "SOCHI",
        "\n",
        "\n\n",
        ",",
        ".",
        "“",
        "”",
        "Inc.",
        "Mr.",
        "of",
        "Group",
        "20",
        "-",
        "Smith",
        "John",
        "Mary",
        "(",
        ")",
        "'",
    ]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_WORDS, max_size=40), st.lists(_WORDS, max_size=8))
def test_property_extraction_never_raises_and_offsets_are_exact(nlp, words, title_words):
    text = " ".join(words)
    title = " ".join(title_words)
    prepared = prepare_for_parse(text)
    assert len(prepared) == len(text)
    entities = extract_entities(nlp(prepared), nlp(prepare_for_parse(title)), text=text)
    ids = [e.entity_id for e in entities]
    assert len(ids) == len(set(ids))
    for entity in entities:
        assert entity.mention_count == len(entity.mentions) > 0
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_property_prepare_keeps_length(text):
    assert len(prepare_for_parse(text)) == len(text)


def test_propagation_matching_finds_what_a_phrase_matcher_finds():
    import spacy
    from spacy.matcher import PhraseMatcher

    from newsbeam.transforms.entities.mentions import token_sequence_matches

    nlp = spacy.blank("en")
    doc = nlp.make_doc(
        "Andrew Weiss met Weiss, then Andrew Weiss Jr. in New York. The New York Times "
        "quoted Weiss Weiss and New York."
    )
    patterns = {
        ("Andrew", "Weiss"): "PERSON",
        ("Weiss",): "PERSON",
        ("New", "York"): "GPE",
        ("New", "York", "Times"): "ORG",
        ("Absent",): "ORG",
    }
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for words, label in patterns.items():
        matcher.add(label, [nlp.make_doc(" ".join(words))])
    expected = sorted((start, end, nlp.vocab.strings[m]) for m, start, end in matcher(doc))
    assert sorted(token_sequence_matches(doc, patterns)) == expected
    assert len(expected) == 11


def test_common_words_are_the_words_written_in_lower_case():
    """What the set of lower-case token texts answers, word ids of spaCy's symbols
    ("number", "mark", whose ids are no string hashes) included."""
    import spacy

    from newsbeam.transforms.entities.mentions import common_words

    nlp = spacy.blank("en")
    doc = nlp.make_doc("Mark Weiss made his mark on a number of NUMBER 10 firms, agent Root said.")
    title = nlp.make_doc("The root of it")
    written = {t.text for t in doc}
    for word in ["mark", "number", "firms", "agent", "root", "the", "Mark", "Number", "10", "it"]:
        assert (word in common_words(doc)) == (word in written and word.islower()), word
    assert "root" not in common_words(doc) and "root" in common_words(doc) | common_words(title)
    assert "esg" in common_words(doc) | {"esg"} and "esg" not in common_words(doc)


# --- people never merged, names cleaned, types (issue 30) ---


def test_given_names_agree_on_short_forms_initials_and_prefixes_only():
    assert given_names_agree("Mike", "Michael")
    assert given_names_agree("Bill", "William")
    assert given_names_agree("J.", "John")
    assert given_names_agree("Chris", "Christopher")
    assert not given_names_agree("Donald", "Melania")
    assert not given_names_agree("Ahmed", "Shehbaz")
    assert not given_names_agree("J.", "Mary")


def test_split_people_parts_a_group_whose_full_names_disagree():
    text = "Donald Trump spoke. Trump left. Melania Trump waved."
    found = mentions_in(
        text, ("Donald Trump", "PERSON"), ("Trump", "PERSON"), ("Melania Trump", "ORG")
    )
    assert names_of(split_people(found)) == [{"Donald Trump", "Trump"}, {"Melania Trump"}]
    assert split_people(found[:2]) == [found[:2]]


def _span(nlp, text: str, surface: str, label: str) -> Span:
    doc = nlp.make_doc(text)
    start = text.index(surface)
    span = doc.char_span(start, start + len(surface), label=label)
    assert span is not None
    return span


def test_person_span_breaks_at_and_and_of(nlp):
    text = "The congressmen Cummings and Conyers met Takesha Leonard of Buffalo."
    pieces = split_span(_span(nlp, text, "Cummings and Conyers", "PERSON"))
    assert [p.text for p in pieces] == ["Cummings", "Conyers"]
    pieces = split_span(_span(nlp, text, "Takesha Leonard of Buffalo", "PERSON"))
    assert [p.text for p in pieces] == ["Takesha Leonard", "Buffalo"]
    # Organisations keep theirs.
    text = "She joined Johnson and Johnson."
    assert [p.text for p in split_span(_span(nlp, text, "Johnson and Johnson", "ORG"))] == [
        "Johnson and Johnson"
    ]


def test_nationality_adjective_is_cut_from_a_person_and_a_place(nlp):
    text = "Kenyan Susan Chepkemei won, and Mountainous Nepal cheered for Northern Ireland."
    assert [p.text for p in split_span(_span(nlp, text, "Kenyan Susan Chepkemei", "PERSON"))] == [
        "Susan Chepkemei"
    ]
    nepal = _span(nlp, text, "Mountainous Nepal", "GPE")
    nepal.doc[nepal.start].tag_ = "JJ"  # what the tagger says of "Mountainous"
    assert [p.text for p in split_span(nepal)] == ["Nepal"]
    # An adjective places are named with stays; so does a given name before a full name.
    ireland = _span(nlp, text, "Northern Ireland", "GPE")
    ireland.doc[ireland.start].tag_ = "JJ"
    assert [p.text for p in split_span(ireland)] == ["Northern Ireland"]
    text = "Christian Bale Smith spoke."
    assert [p.text for p in split_span(_span(nlp, text, "Christian Bale Smith", "PERSON"))] == [
        "Christian Bale Smith"
    ]


def test_demonyms_are_read_off_country_names():
    assert all(is_demonym(w) for w in ("Kenyan", "Nepalese", "Texan", "French", "Slovak"))
    assert not any(is_demonym(w) for w in ("Brian", "Jordan", "Georg", "Susan", "Trump"))


@pytest.mark.parametrize(
    ("text", "surface", "common", "name"),
    [
        ("Take Trump at his word, they take it.", "Take Trump", "take", "Trump"),
        # A given name that is also a word stays: "Will" is a name.
        ("Will Smith will come.", "Will Smith", "will", "Will Smith"),
        # a speech verb opening the sentence before a given name is no part of the name
        (
            "Said Emma Stokes, a co-author of the study: These results matter.",
            "Said Emma Stokes",
            "said",
            "Emma Stokes",
        ),
        # "Said" before a surname is the given name
        ("Said Jalili spoke.", "Said Jalili", "said", "Said Jalili"),
    ],
)
def test_common_word_capitalised_by_its_position_is_no_part_of_a_name(
    nlp, text, surface, common, name
):
    span = _span(nlp, text, surface, "PERSON")
    span.doc[0].is_sent_start = True
    assert [p.text for p in split_span(span, {common})] == [name]


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        # the title's last word after its "of" or "in" is no part of the name
        (
            "Retired Chief of Detectives Robert Boyce said so.",
            "Detectives Robert Boyce",
            "Robert Boyce",
        ),
        (
            "Special Agent in Charge J. William Rivers said so.",
            "Charge J. William Rivers",
            "J. William Rivers",
        ),
        # a word after "of" that may be a given name stays
        ("The Duke of Edinburgh Philip Mountbatten spoke.", "Edinburgh Philip Mountbatten", None),
    ],
)
def test_the_last_word_of_a_title_before_a_name_is_no_part_of_it(nlp, text, surface, name):
    (piece,) = split_span(_span(nlp, text, surface, "PERSON"))
    assert piece.text == (name or surface)


@pytest.mark.parametrize(
    ("text", "surface", "label", "name"),
    [
        # a person opening with a preposition is the rest of a body's name
        (
            "Media watchdog Reporters Without Borders says journalists are harassed.",
            "Without Borders",
            "PERSON",
            "Reporters Without Borders",
        ),
        # so is a name after a capitalised preposition after a capitalised word
        (
            "Pharmacies are out of medicine, Doctors Without Borders said.",
            "Borders",
            "ORG",
            "Doctors Without Borders",
        ),
    ],
)
def test_a_body_name_the_model_cut_at_its_preposition_is_whole(nlp, text, surface, label, name):
    pieces = split_span(_span(nlp, text, surface, label))
    assert [(p.text, p.label_) for p in pieces] == [(name, "ORG")]


def test_possessive_that_lost_its_apostrophe_is_cut(nlp):
    text = "Bashar Assad spoke on Monday. Then Bashar Assads forces took the town."
    assert [m.text for m in mentions_in_doc(nlp, text)] == ["Bashar Assad", "Bashar Assad"]
    # Followed by a verb, the "s" is the name's own; so is a double "s" or an alias's.
    text = "Serena Williams said no. Venus Williams agreed."
    assert "Serena Williams" in [m.text for m in mentions_in_doc(nlp, text)]
    text = "The Associated Press reporter and a United Nations agency met in Paris."
    found = [m.text for m in mentions_in_doc(nlp, text)]
    assert "Associated Pres" not in found and "United Nation" not in found


def test_lost_apostrophe_before_a_noun_tagged_as_a_bare_verb(nlp):
    """ "Mr. Putins infamy": the tagger reads the owned noun as a verb in its base form, which
    never follows a singular name in news prose; with the stem a name of the article, the
    "s" is a lost possessive. An unknown stem keeps its "s"."""
    text = "It's late. Volkov spoke. It would ensure Mr. Volkovs infamy and Mr. Petrovs infamy."
    doc = _ents_as(nlp, text, ("Volkov", "PERSON"), ("Volkovs", "PERSON"), ("Petrovs", "PERSON"))
    for token in doc:
        if token.text == "infamy":
            token.tag_ = "VB"
    found = [m.text for m in find_mentions(doc, None, text)]
    assert found.count("Volkov") == 2 and "Volkovs" not in found
    assert "Petrovs" in found


def test_label_organisation_head_word_makes_no_person():
    found = mentions_in("Flydubai Airlines said", ("Flydubai Airlines", "PERSON"))
    assert choose_label(found) == "ORG"


def test_label_known_organisation_and_known_place_are_no_person():
    assert choose_label(mentions_in("Twitter x", ("Twitter", "PERSON"))) == "ORG"
    assert choose_label(mentions_in("Burkina Faso x", ("Burkina Faso", "PERSON"))) == "GPE"
    assert choose_label(mentions_in("Sri Lankan x", ("Sri Lankan", "PERSON"))) == "NORP"


def test_label_place_and_org_tie_goes_to_the_gazetteer():
    text = "Scientology x Scientology x Belgium x Belgium"
    found = mentions_in(
        text,
        ("Scientology", "LOC"),
        ("Scientology", "ORG"),
        ("Belgium", "ORG"),
        ("Belgium", "GPE"),
    )
    assert choose_label(found[:2]) == "ORG"
    assert choose_label(found[2:]) == "GPE"


def test_keep_entity_leaves_out_lone_given_names_generic_words_and_digit_places():
    once = mentions_in("John said", ("John", "PERSON"))
    twice = mentions_in("John said. John left.", ("John", "PERSON"), ("John", "PERSON"))
    assert not keep_entity(once, "PERSON", set())
    assert keep_entity(twice, "PERSON", set())
    state = [replace(m, org_context=True) for m in mentions_in("The State said", ("State", "ORG"))]
    assert not keep_entity(state, "ORG", {"state"})
    assert keep_entity(state, "ORG", set())
    assert not keep_entity(mentions_in("IE6 x", ("IE6", "GPE")), "GPE", set())
    assert not keep_entity(mentions_in("Receive x", ("Receive", "PERSON")), "PERSON", set())


def test_canonical_name_of_a_place_or_organisation_comes_from_the_alias_table():
    found = mentions_in("The U.S. and US", ("U.S.", "GPE"), ("US", "GPE"))
    assert canonical_name(found, "GPE") == "United States"
    assert canonical_name(mentions_in("the GOP", ("GOP", "ORG")), "ORG") == "Republican Party"
    assert canonical_name(mentions_in("UK", ("UK", "GPE")), "GPE") == "United Kingdom"
    # A state's abbreviation names a place only: an ORG "Ind." keeps its name.
    assert canonical_name(mentions_in("Ind.", ("Ind.", "ORG")), "ORG") == "Ind."
    # A form in capitals loses to the same name written normally.
    found = mentions_in("COLOMBO x Colombo", ("COLOMBO", "GPE"), ("Colombo", "GPE"))
    assert canonical_name(found, "GPE") == "Colombo"


def test_rule_plural_and_singular_of_a_group_are_one_entity():
    text = "The Lib Dems won. A Lib Dem spokesman spoke."
    found = mentions_in(text, ("Lib Dems", "NORP"), ("Lib Dem", "NORP"))
    assert names_of(cluster_mentions(found)) == [{"Lib Dems", "Lib Dem"}]


def test_prepare_recases_a_body_lines_capital_lead_word():
    text = "Schumer spoke.\nSCHUMER: We will act.\nMINGLING\nGuests were mingling.\nNATO met."
    out = prepare_for_parse(text)
    assert out.split("\n")[1:] == [
        "Schumer: We will act.",
        "Mingling",
        "Guests were mingling.",
        "NATO met.",
    ]
    assert len(out) == len(text)


# --- roles written before a name (repairs.split_at_role) ---


def _pieces(nlp, text: str, surface: str, label: str) -> list[tuple[str, str]]:
    return [(p.text, p.label_) for p in split_span(_span(nlp, text, surface, label))]


def test_role_and_what_stands_before_it_are_no_part_of_a_name(nlp):
    text = "Leeds Mayor Dana Whitfield opened the bridge."
    assert _pieces(nlp, text, "Leeds Mayor Dana Whitfield", "PERSON") == [
        ("Leeds", "GPE"),
        ("Dana Whitfield", "PERSON"),
    ]
    # An office's acronym is a role too; an unknown word before it goes with it.
    text = "Kibwezi MCA Peter Odhiambo walked out."
    assert _pieces(nlp, text, "Kibwezi MCA Peter Odhiambo", "PERSON") == [
        ("Peter Odhiambo", "PERSON")
    ]
    # Occupations and the names of a platform's users are roles as well.
    for role in ("Headteacher", "Beekeeper", "Redditor"):
        text = f"{role} Dana Whitfield said the school was shut."
        surface = f"{role} Dana Whitfield"
        assert _pieces(nlp, text, surface, "PERSON") == [("Dana Whitfield", "PERSON")], role
    # A role word opening a span the model typed ORG still marks a person.
    text = "Protester Dana Whitfield was arrested."
    assert _pieces(nlp, text, "Protester Dana Whitfield", "ORG") == [("Dana Whitfield", "PERSON")]
    # In an organisation's span, a known body before the role keeps its label; an unknown
    # one leaves the span as the model typed it.
    text = "Toyota Chairman Angela Whitfield spoke, and Veltrix Chairman Angela Whitfield too."
    assert _pieces(nlp, text, "Toyota Chairman Angela Whitfield", "ORG") == [
        ("Toyota", "ORG"),
        ("Angela Whitfield", "PERSON"),
    ]
    assert _pieces(nlp, text, "Veltrix Chairman Angela Whitfield", "ORG") == [
        ("Veltrix Chairman Angela Whitfield", "ORG")
    ]
    # a body's name built on its head word is a body, known or not
    text = "It was said by Veltrix College of Law Chancellor Angela Whitfield on Monday."
    surface = "Veltrix College of Law Chancellor Angela Whitfield"
    assert _pieces(nlp, text, surface, "ORG") == [
        ("Veltrix College of Law", "ORG"),
        ("Angela Whitfield", "PERSON"),
    ]


def test_role_words_that_open_names_of_things_leave_them_whole(nlp):
    for text, surface in (
        ("The General Data Protection Regulation applies.", "General Data Protection Regulation"),
        ("The CEO Council Annual Meeting met.", "CEO Council Annual Meeting"),
        ("She went to Fan Expo Canada.", "Fan Expo Canada"),
        ("He joined the Special Forces Command.", "Special Forces Command"),
    ):
        assert _pieces(nlp, text, surface, "ORG") == [(surface, "ORG")]


def test_personal_honorific_makes_a_person_whatever_the_model_typed(nlp):
    text = "Mr Okonkwo said the plan would fail. Okonkwo Holdings disagreed."
    doc = nlp(prepare_for_parse(text))
    start = text.index("Okonkwo")
    doc.ents = [doc.char_span(start, start + len("Okonkwo"), label="ORG")]
    found = find_mentions(doc, None, text)
    first = next(m for m in found if m.start == start)
    assert (first.label, first.title) == ("PERSON", "mr")
    # A title that is not only a person's ("General") leaves the model's label.
    text = "General Motors said the plan would fail."
    doc = nlp(prepare_for_parse(text))
    doc.ents = [doc.char_span(8, 14, label="ORG")]
    assert [(m.text, m.label, m.title) for m in find_mentions(doc, None, text)] == [
        ("Motors", "ORG", None)
    ]


def test_title_mention_needs_the_body_to_confirm_it(nlp):
    title = "Veltrix Joins Brightwave In Cloud Deal"
    text = "Brightwave said on Monday that Veltrix would join its cloud platform."
    doc = nlp(prepare_for_parse(text))
    title_doc = nlp(prepare_for_parse(title, context=text))
    title_doc.ents = [title_doc.char_span(0, len("Veltrix Joins Brightwave"), label="PERSON")]
    found = find_mentions(doc, title_doc, text)
    assert not any(m.in_title for m in found)
    # The body writing the name, or a person's surname after a known given name, confirms it.
    title = "Angela Whitfield Wins Leeds Seat"
    text = "Whitfield said on Sunday that Leeds had voted for change."
    doc = nlp(prepare_for_parse(text))
    title_doc = nlp(prepare_for_parse(title, context=text))
    title_doc.ents = [
        title_doc.char_span(0, len("Angela Whitfield"), label="PERSON"),
        title_doc.char_span(title.index("Leeds"), title.index(" Seat"), label="GPE"),
    ]
    found = find_mentions(doc, title_doc, text)
    assert {m.text for m in found if m.in_title} == {"Angela Whitfield", "Leeds"}


def _ents_as(nlp, text: str, *specs: tuple[str, str]):
    """The doc of `text` with the model's entities set to `specs` ((surface, label), ...),
    found left to right."""
    doc = nlp(prepare_for_parse(text))
    ents = []
    pos = 0
    for surface, label in specs:
        start = text.index(surface, pos)
        pos = start + len(surface)
        ents.append(doc.char_span(start, pos, label=label))
    doc.ents = ents
    return doc


def test_portfolio_beside_a_role_is_an_office_not_an_organisation(nlp):
    text = (
        "Defence Minister Kofi Mensah met the Secretary of State and the minister of "
        "Foreign Affairs. Apple CEO Tim Cook and the chairman of Health Partners came too."
    )
    doc = _ents_as(
        nlp,
        text,
        ("Defence", "ORG"),
        ("State", "ORG"),
        ("Foreign Affairs", "ORG"),
        ("Apple", "ORG"),
        ("Health Partners", "ORG"),
    )
    assert [m.text for m in find_mentions(doc, None, text) if m.label == "ORG"] == [
        "Apple",
        "Health Partners",
    ]


def test_possessive_owner_that_lost_its_apostrophe_is_cut_from_a_name(nlp):
    text = (
        "Kenyas Security Service said it was ready. The Home Affairs office agreed, and "
        "Harveys Bakery opened in Nairobi."
    )
    doc = _ents_as(
        nlp,
        text,
        ("Kenyas Security Service", "ORG"),
        ("Home Affairs", "ORG"),
        ("Harveys Bakery", "ORG"),
    )
    found = [m.text for m in find_mentions(doc, None, text) if m.label == "ORG"]
    # The owner is a known place; an organisation keeps its plural head in a text with
    # no apostrophes; an unknown owner ("Harveys") may be the name's own.
    assert found == ["Security Service", "Home Affairs", "Harveys Bakery"]


def test_name_cut_at_its_particles_is_joined(nlp):
    text = "Commission President Ingrid van der Molen spoke in Brussels."
    doc = _ents_as(nlp, text, ("Ingrid van", "PERSON"), ("Molen", "GPE"), ("Brussels", "GPE"))
    found = [(m.text, m.label) for m in find_mentions(doc, None, text)]
    assert found == [("Ingrid van der Molen", "PERSON"), ("Brussels", "GPE")]
    # Without a particle between them, two names stay two.
    text = "Ingrid Molen Brussels office."
    doc = _ents_as(nlp, text, ("Ingrid Molen", "PERSON"), ("Brussels", "GPE"))
    assert [m.text for m in find_mentions(doc, None, text)] == ["Ingrid Molen", "Brussels"]


def test_one_word_name_headed_by_an_article_is_no_person(nlp):
    text = "The report said the Claimant was moved. The Whitfield family and the Obamas came."
    doc = _ents_as(nlp, text, ("Claimant", "PERSON"), ("Whitfield", "PERSON"), ("Obamas", "PERSON"))
    # "Whitfield" modifies "family"; a plural names a family.
    assert [m.text for m in find_mentions(doc, None, text)] == ["Whitfield", "Obamas"]


def test_possessive_needs_what_it_owns_after_it(nlp):
    # No apostrophe in the text: a name's "s" is cut only before what it owns.
    text = "Neither Ellis nor Eisenberg came. Mr. Ellis quickly left. Then Ellis troops advanced."
    doc = _ents_as(
        nlp,
        text,
        ("Ellis", "PERSON"),
        ("Eisenberg", "PERSON"),
        ("Ellis", "PERSON"),
        ("Ellis", "PERSON"),
    )
    assert [m.text for m in find_mentions(doc, None, text)] == [
        "Ellis",
        "Eisenberg",
        "Ellis",
        "Elli",
    ]


def test_label_brand_and_the_country_it_serves_is_no_person():
    digicel = mentions_in("Digicel Haiti said so.", ("Digicel Haiti", "PERSON"))
    assert choose_label(digicel) == "ORG"
    kevin = mentions_in("Kevin Jordan said so.", ("Kevin Jordan", "PERSON"))
    assert choose_label(kevin) == "PERSON"


def test_label_name_before_a_noun_for_a_place_is_a_place(nlp):
    text = "Officials from Ramgarh district met Sunita Rao. Ramgarh Singh was not there."
    doc = _ents_as(nlp, text, ("Ramgarh", "PERSON"), ("Sunita Rao", "PERSON"))
    found = find_mentions(doc, None, text)
    assert [(m.text, m.place_noun) for m in found if m.from_model] == [
        ("Ramgarh", True),
        ("Sunita Rao", False),
    ]
    # One mention before such a noun makes the name a place, unless a title marks a person.
    district, plain = mentions_in(
        "Ramgarh district grew, and Ramgarh voted.", ("Ramgarh", "PERSON"), ("Ramgarh", "PERSON")
    )
    assert choose_label([plain, plain]) == "PERSON"
    assert choose_label([replace(district, place_noun=True), plain]) == "GPE"
    assert choose_label([replace(district, place_noun=True), replace(plain, title="mr")]) == (
        "PERSON"
    )


def test_photographer_in_a_parenthesised_credit_is_no_mention(nlp):
    text = "Crews fought the fire on Monday. (Jane Roe / For The Times) Jane Roe left."
    doc = _ents_as(nlp, text, ("Jane Roe", "PERSON"), ("Jane Roe", "PERSON"))
    assert [m.start for m in find_mentions(doc, None, text) if m.from_model] == [
        text.rindex("Jane Roe")
    ]


def test_one_word_organisation_the_tagger_calls_a_common_noun_is_no_name(nlp):
    text = "Success came late for Acme Corp."
    doc = _ents_as(nlp, text, ("Success", "ORG"), ("Acme Corp.", "ORG"))
    doc[0].tag_ = "NN"  # what the tagger says of a capitalised common noun
    assert [m.text for m in find_mentions(doc, None, text)] == ["Acme Corp."]
    doc[0].tag_ = "NNP"
    assert [m.text for m in find_mentions(doc, None, text)] == ["Success", "Acme Corp."]


def test_ampersand_makes_a_firm_not_two_people(nlp):
    text = "Shares of Harlow & Finch rose."
    assert _pieces(nlp, text, "Harlow & Finch", "PERSON") == [("Harlow & Finch", "ORG")]


def test_keep_entity_leaves_out_a_legal_form_alone():
    llc = mentions_in("The LLC said so.", ("LLC", "ORG"))
    assert not keep_entity(llc, "ORG", set())
    co_ltd = mentions_in("Co Ltd said so.", ("Co Ltd", "ORG"))
    assert not keep_entity(co_ltd, "ORG", set())
    acme = mentions_in("Acme Co said so.", ("Acme Co", "ORG"))
    assert keep_entity(acme, "ORG", set())


def test_label_organisation_ending_in_a_law_event_or_building_head_is_that():
    for text, label in (
        ("Harbour Safety Act", "LAW"),
        ("Veltrix Accords", "LAW"),
        ("Eastmoor Civil War", "EVENT"),
        ("Eastmoor Naval Station", "FAC"),
    ):
        assert choose_label(mentions_in(f"The {text} began.", (text, "ORG"))) == label
    # Heads that also end names of bodies leave the organisation.
    for text in ("Eastmoor Environment Programme", "Eastmoor Evening Standard", "Acme Games"):
        assert choose_label(mentions_in(f"The {text} began.", (text, "ORG"))) == "ORG"


def test_brand_and_product_name_is_a_product_not_an_organisation():
    """A brand followed by a product noun names the product ("Acme Data Cloud"), as a law's,
    an event's or a building's head names those."""
    for text in ("Velora Data Cloud", "Velora Game Pass", "Velora Pay", "Velora Office Suite"):
        assert choose_label(mentions_in(f"Buyers use the {text} now.", (text, "ORG"))) == "PRODUCT"
    # A body named after a watch or a studio stays one.
    for text in ("Velora Rights Watch", "Velora Studios"):
        assert choose_label(mentions_in(f"Buyers use the {text} now.", (text, "ORG"))) == "ORG"


def test_person_looking_product_name_without_a_given_name_is_the_product():
    """The model types "Xbox Game Pass" PERSON; a product head ending it and no given name
    opening it make it a product. A given name keeps a person ("Maria Pass")."""
    found = mentions_in("It comes to Zentrox Game Pass soon.", ("Zentrox Game Pass", "PERSON"))
    assert choose_label(found) == "PRODUCT"
    found = mentions_in("It comes to Maria Pass soon.", ("Maria Pass", "PERSON"))
    assert choose_label(found) == "PERSON"
    # A town's head word the same way ("Phil Roe, Zentrox Hills" signs a letter).
    found = mentions_in("Phil Roe, Zentrox Hills", ("Zentrox Hills", "PERSON"))
    assert choose_label(found) == "GPE"
    found = mentions_in("Trade envoy Carla Hills said so.", ("Carla Hills", "PERSON"))
    assert choose_label(found) == "PERSON"


def test_rights_holder_after_a_copyright_sign_is_no_mention(nlp):
    text = "The talks ended. (©Daily Planet Service) Daily Planet Service staff left."
    doc = _ents_as(nlp, text, ("Daily Planet Service", "ORG"), ("Daily Planet Service", "ORG"))
    assert [m.start for m in find_mentions(doc, None, text) if m.from_model] == [
        text.rindex("Daily Planet Service")
    ]


def test_organisation_named_once_needs_evidence_of_being_one():
    """Precision before recall: one ORG mention with nothing else for it is left out."""
    lone = mentions_in("Buyers liked Velora Data Fabric.", ("Velora Data Fabric", "ORG"))
    assert not keep_entity(lone, "ORG", set())
    twice = mentions_in(
        "Velora Data Fabric grew. Velora Data Fabric hired.",
        ("Velora Data Fabric", "ORG"),
        ("Velora Data Fabric", "ORG"),
    )
    assert keep_entity(twice, "ORG", set())
    for text, name in (
        ("He met the Halvern Institute of Arts staff.", "Halvern Institute of Arts"),
        ("Shares of Brannick Capital fell.", "Brannick Capital"),
        ("He posted on Twitter.", "Twitter"),
        ("Agents of the FBI came.", "FBI"),
    ):
        assert keep_entity(mentions_in(text, (name, "ORG")), "ORG", set()), name
    # Only an ORG needs it: a place named once stays.
    assert keep_entity(mentions_in("He flew to Velora.", ("Velora", "GPE")), "GPE", set())


@pytest.mark.parametrize(
    ("text", "name", "cue"),
    [
        ("The talks were reported by the broadcaster Velnet on Monday.", "Velnet", "kind"),
        ("Brexel spokesman Tom Reed declined to comment.", "Brexel", "member"),
        ("Officials told Halvex Radio on Monday.", "Halvex Radio", "source"),
        ("The figures, according to Orvane, were wrong.", "Orvane", "source"),
        ("Meanwhile the Orvane Group said profits fell.", "Orvane Group", "speech"),
        ("He has worked at the Ostrava Trust since 2019.", "Ostrava Trust", "article"),
        ("Fighting went on at the Orvane steel plant on Monday.", "Orvane", None),
        ("He bought a Velora Quantum with his savings.", "Velora Quantum", None),
        ("The case went to the European Court of Justice.", "European Court", None),
    ],
)
def test_organisation_context_reads_the_words_around_a_name(nlp, text, name, cue):
    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    assert organisation_cue(span) == cue


def test_other_spellings_of_a_place_are_that_place_under_its_listed_name(nlp):
    assert is_known_place("Kiev") and is_known_place("Bombay") and not is_known_place("Kievan")
    assert name_key("Kiev", "GPE") == name_key("Kyiv", "GPE")
    text = (
        "Kiev insists that it is not planning an attack. The prime minister headed to Kiev"
        " yesterday to meet Mr Zelensky."
    )
    places = [(e.name, e.label) for e in entities_of(nlp, text) if "Kiev" in e.mentions[0].text]
    assert places == [("Kyiv", "GPE")]


def test_acronym_of_lower_case_words_is_no_entity(nlp):
    assert common_noun_acronyms(
        "Its environmental, social, and governance (ESG) work grew. The additional chief"
        " secretary (ACS) said so. The Halvern Trade Organization (HTO) met."
    ) == {"esg", "acs"}
    text = (
        "The additional chief secretary (ACS) said the river rose. The ACS told villages"
        " downstream. The ACS said rescue teams were ready."
    )
    assert "ACS" not in [e.name for e in entities_of(nlp, text)]


def test_organisation_read_only_on_a_headline_case_subhead_is_left_out(nlp):
    """A subhead capitalises every word, "For The" too: the model's ORG there is a phrase of
    the headline unless the body names it elsewhere or the organisation list knows it."""
    text = (
        "Recyclers met in June.\n"
        "Velora Solutions For The Coastal Plastic Crisis\n"
        "Studies said the bins were full.\n"
        "Ostrava Solutions hired staff and Ostrava Solutions grew."
    )
    doc = _ents_as(
        nlp,
        text,
        ("Velora Solutions", "ORG"),
        ("Ostrava Solutions", "ORG"),
        ("Ostrava Solutions", "ORG"),
    )
    names = {e.name for e in extract_entities(doc, None, text=text)}
    assert "Velora Solutions" not in names
    assert "Ostrava Solutions" in names
    # The same name in a sentence, and on a capitalised line with no function word, stays.
    for line in ("Velora Solutions grew in June.", "Coastal Recyclers Hire Velora Solutions"):
        text = f"Recyclers met in June.\n{line}\nStudies said the bins were full."
        doc = _ents_as(nlp, text, ("Velora Solutions", "ORG"))
        assert "Velora Solutions" in {e.name for e in extract_entities(doc, None, text=text)}


def test_acronym_after_i_e_of_a_capitalised_common_noun_is_no_entity():
    """ "Total payments value, i.e., TPV": the words before "i.e." spell the acronym out, the
    first capitalised only; a name capitalises every word ("Halvern Trade Organization")."""
    assert common_noun_acronyms(
        "Growth was fast in Gross merchandise value, i.e., GMV, and in the Halvern Trade"
        " Organization, i.e. HTO, and in Net revenue (NR)."
    ) == {"gmv", "nr"}


def test_organisation_heads_include_services_and_institutions():
    for name in ("Halvern Marshals Service", "Ostrava Institution", "Brexel Endowment"):
        group = mentions_in(f"Officials from {name} left.", (name, "ORG"))
        assert keep_entity(group, "ORG", set()), name


def test_a_disease_is_no_entity_whatever_the_model_typed_it():
    for label in ("ORG", "PERSON", "GPE"):
        group = mentions_in(
            "COVID-19 spread. The Covid-19 wave hit.", ("COVID-19", label), ("Covid-19", label)
        )
        assert not keep_entity(group, label, set())
    delta = mentions_in("Delta flew. Delta said.", ("Delta", "ORG"), ("Delta", "ORG"))
    assert keep_entity(delta, "ORG", set())


def test_an_officer_s_title_typed_org_is_no_organisation():
    for title in ("Deputy National Security Advisor", "Halvern Trade Commissioner"):
        group = mentions_in(f"He met the {title} twice.", (title, "ORG"))
        group = [replace(m, org_context=True) for m in group]
        assert not keep_entity(group, "ORG", set()), title
    body = mentions_in("He met the Halvern Trade Commission.", ("Halvern Trade Commission", "ORG"))
    assert keep_entity(body, "ORG", set())


def test_a_known_body_and_its_council_are_two_organisations():
    text = "The United Nations Security Council met. The United Nations said so."
    found = mentions_in(text, ("United Nations Security Council", "ORG"), ("United Nations", "ORG"))
    assert len(cluster_mentions(found)) == 2
    text = "Halvern Trade Commission met. Halvern said so."
    found = mentions_in(text, ("Halvern Trade Commission", "ORG"), ("Halvern", "ORG"))
    assert len(cluster_mentions(found)) == 2
    text = "Halvern Brothers met. Halvern said so."
    found = mentions_in(text, ("Halvern Brothers", "ORG"), ("Halvern", "ORG"))
    assert len(cluster_mentions(found)) == 1


def test_a_call_to_action_is_no_source_of_names(nlp):
    text = (
        "Velora Data said it would hire. To learn more, please visit velora.ai or follow us"
        " on Brexel or Quillity. Join our Halvern Forums to keep talking. Ostrava Labs grew."
    )
    doc = _ents_as(
        nlp,
        text,
        ("Velora Data", "ORG"),
        ("Brexel", "ORG"),
        ("Quillity", "ORG"),
        ("Halvern Forums", "PERSON"),
        ("Ostrava Labs", "ORG"),
    )
    assert [m.text for m in find_mentions(doc, None, text)] == ["Velora Data", "Ostrava Labs"]
    # Someone's quoted words and a story's "Following" are no call to action.
    text = '"Join us," Dana Whitfield said. Following the talks, Brexel agreed.'
    doc = _ents_as(nlp, text, ("Dana Whitfield", "PERSON"), ("Brexel", "ORG"))
    assert [m.text for m in find_mentions(doc, None, text)] == ["Dana Whitfield", "Brexel"]


def test_a_capital_the_inside_a_name_opens_another(nlp):
    text = "OSTRAVA, Velora The Halvern Commission cut its forecast."
    doc = _ents_as(nlp, text, ("Velora The Halvern Commission", "ORG"))
    assert [s.text for s in split_span(doc.ents[0])] == ["Velora", "Halvern Commission"]
    text = "She read Gone With The Wind again."
    doc = _ents_as(nlp, text, ("Gone With The Wind", "WORK_OF_ART"))
    assert [s.text for s in split_span(doc.ents[0])] == ["Gone With The Wind"]


def test_an_organisation_glued_to_a_person_s_full_name_is_two_names(nlp):
    text = (
        "The envoy to the United Nations Samantha Velora spoke. The Commissioner for Economy"
        " Paolo Brexel agreed. Shares of Morgan Stanley rose at the Washington National Cathedral."
    )
    doc = _ents_as(
        nlp,
        text,
        ("United Nations Samantha Velora", "ORG"),
        ("Economy Paolo Brexel", "ORG"),
        ("Morgan Stanley", "ORG"),
        ("Washington National Cathedral", "ORG"),
    )
    pieces = [(s.text, s.label_) for ent in doc.ents for s in split_span(ent)]
    assert pieces == [
        ("United Nations", "ORG"),
        ("Samantha Velora", "PERSON"),
        ("Paolo Brexel", "PERSON"),
        ("Morgan Stanley", "ORG"),
        ("Washington National Cathedral", "ORG"),
    ]


def test_states_and_provinces_of_large_countries_are_known_places():
    for name in (
        "Andhra Pradesh",
        "Khyber Pakhtunkhwa",
        "Saskatchewan",
        "Sichuan",
        "Crimea",
        "Bavaria",
    ):
        assert is_known_place(name), name
    assert not is_known_place("Samantha Velora")


def test_a_head_word_inside_a_name_is_evidence_only_before_of_or_for():
    """ "Energy" opens "Eastmoor Energy Efficiency Scheme" as a describing word; "Bank of"
    and "Institute for" open a body's name."""
    for name in ("Velora Energy Efficiency Scheme", "Brexel Media Cloud", "Ostrava Air Quality"):
        assert not keep_entity(mentions_in(f"It joined {name}.", (name, "ORG")), "ORG", set()), name
    for name in ("Bank of Velora", "Halvern Institute for Fiscal Studies"):
        assert keep_entity(mentions_in(f"It joined {name}.", (name, "ORG")), "ORG", set()), name


def test_a_gerund_opening_the_sentence_is_no_part_of_a_name(nlp):
    text = "Bringing Velorans from Ostrava began in 1960. Dana Whitfield said so."
    doc = _ents_as(nlp, text, ("Bringing Velorans", "PERSON"), ("Dana Whitfield", "PERSON"))
    assert doc[0].tag_ == "VBG"
    assert [s.text for s in split_span(doc.ents[0])] == ["Velorans"]
    assert [s.text for s in split_span(doc.ents[1])] == ["Dana Whitfield"]


def test_a_name_of_several_given_names_runs_on_over_the_untagged_rest(nlp):
    text = "Protesters called for President Roch Marc Christian Velorado's resignation."
    doc = _ents_as(nlp, text, ("Roch Marc", "PERSON"))
    people = [m.text for m in find_mentions(doc, None, text) if m.label == "PERSON"]
    assert people == ["Roch Marc Christian Velorado"]
    # A surname the model tagged as another name, or a lower-case word, stops it.
    text = "Dana Whitfield Christian voters met."
    doc = _ents_as(nlp, text, ("Dana Whitfield", "PERSON"))
    assert [m.text for m in find_mentions(doc, None, text)] == ["Dana Whitfield"]


@pytest.mark.parametrize(
    ("text", "tagged", "person"),
    [
        # a given name the model left out, before the name it tagged
        (
            "The judge, Azizul Azmi Velorado, said the gate was shut.",
            "Azmi Velorado",
            "Azizul Azmi Velorado",
        ),
        ("The head of forestry, Mamta Dubrova, told reporters.", "Dubrova", "Mamta Dubrova"),
        # a date's word, a title, a stop word or a common word before a full name are not
        ("Late on Wednesday Velorado appealed for calm.", "Velorado", "Velorado"),
        ("The third Baron Velorado spoke.", "Velorado", "Velorado"),
        ("If Velorado helped, the deal would stand.", "Velorado", "Velorado"),
        (
            "The member for St Mary Western Robert Velorado resigned.",
            "Robert Velorado",
            "Robert Velorado",
        ),
    ],
)
def test_a_name_runs_back_over_a_given_name_the_model_left_untagged(nlp, text, tagged, person):
    doc = _ents_as(nlp, text, (tagged, "PERSON"))
    people = [m.text for m in find_mentions(doc, None, text) if m.label == "PERSON"]
    assert people == [person]


def test_a_noun_for_a_bodys_kind_opening_the_sentence_is_no_part_of_its_name(nlp):
    text = "Retailer Velomart said sales rose. Later, Velomart said it would hire."
    doc = _ents_as(nlp, text, ("Retailer Velomart", "ORG"), ("Velomart", "ORG"))
    assert [m.text for m in find_mentions(doc, None, text)] == ["Velomart", "Velomart"]
    # a name that never goes without it keeps it
    text = "Network Velorail said trains ran late on Monday."
    doc = _ents_as(nlp, text, ("Network Velorail", "ORG"))
    assert [m.text for m in find_mentions(doc, None, text)] == ["Network Velorail"]


def test_a_span_a_personal_honorific_opens_is_a_person(nlp):
    text = "Velo chief executive Dana Velora spoke. Ms Velora added that owners were hopeful."
    doc = _ents_as(nlp, text, ("Dana Velora", "PERSON"), ("Ms Velora", "ORG"))
    labels = {m.text: m.label for m in find_mentions(doc, None, text)}
    assert labels["Ms Velora"] == "PERSON"


def test_a_propagated_one_word_name_after_an_article_is_a_noun(nlp):
    text = "Critics of Grumblo spoke. Now the Grumblo is stronger, and Grumblo knows it."
    doc = _ents_as(nlp, text, ("Grumblo", "PERSON"))
    starts = [m.start for m in find_mentions(doc, None, text)]
    assert starts == [text.index("Grumblo"), text.rindex("Grumblo")]


def test_an_organisation_named_alone_and_joined_with_for_is_split(nlp):
    text = (
        "Velora Labs said so. A report by Velora Labs for Halvern Trust was out, and the"
        " Institute for Fiscal Studies agreed."
    )
    doc = _ents_as(
        nlp,
        text,
        ("Velora Labs", "ORG"),
        ("Velora Labs for Halvern Trust", "ORG"),
        ("Institute for Fiscal Studies", "ORG"),
    )
    assert [m.text for m in find_mentions(doc, None, text) if m.from_model] == [
        "Velora Labs",
        "Velora Labs",
        "Halvern Trust",
        "Institute for Fiscal Studies",
    ]


def test_a_known_organisation_s_possessive_without_apostrophe_loses_its_s(nlp):
    text = "It's above the World Health Organizations limits."
    doc = _ents_as(nlp, text, ("World Health Organizations", "ORG"))
    assert [m.text for m in find_mentions(doc, None, text)] == ["World Health Organization"]


def test_a_surname_after_a_particle_s_hyphen_joins_the_full_name():
    text = "Lt. Col. Fares al-Velora spoke. Al-Velora said so."
    found = mentions_in(text, ("Fares al-Velora", "PERSON"), ("Al-Velora", "ORG"))
    groups = cluster_mentions(found)
    assert names_of(groups) == [{"Fares al-Velora", "Al-Velora"}]
    assert choose_label(groups[0]) == "PERSON"


def test_an_organisation_cut_before_of_runs_on_over_untagged_proper_nouns(nlp):
    text = "In a case before the Velora Court of Justice about Brexel, the Velora Court ruled."
    doc = _ents_as(nlp, text, ("Velora Court", "ORG"), ("Brexel", "ORG"), ("Velora Court", "ORG"))
    assert [m.text for m in find_mentions(doc, None, text) if m.from_model] == [
        "Velora Court of Justice",
        "Brexel",
        "Velora Court",
    ]
    # A name the model tagged after "of" is its own ("the Halvern Bank of Ostrava").
    text = "He joined the Halvern Bank of Ostrava."
    doc = _ents_as(nlp, text, ("Halvern Bank", "ORG"), ("Ostrava", "GPE"))
    assert [m.text for m in find_mentions(doc, None, text)] == ["Halvern Bank", "Ostrava"]


def _found(nlp, text: str, *specs: tuple[str, str]) -> list[str]:
    """The texts of the mentions found in `text` with the model's entities set to `specs`."""
    return [m.text for m in find_mentions(_ents_as(nlp, text, *specs), None, text)]


def test_markup_and_donation_lines_are_calls_to_action(nlp):
    text = (
        "Velora Data said it would hire.\n"
        "<table><tr><td>Join the Brexel.org mailing list</td></tr></table>\n"
        "Or here: to donate by Quillity\n"
        "Ostrava Labs grew."
    )
    specs = [("Velora Data", "ORG"), ("Brexel.org", "ORG"), ("Quillity", "ORG")]
    found = _found(nlp, text, *specs, ("Ostrava Labs", "ORG"))
    assert found == ["Velora Data", "Ostrava Labs"]


def test_an_organisation_cut_at_and_runs_on_to_its_head_word(nlp):
    text = (
        "The Velmor and Anti-Graft Commission met on Monday. "
        "Dana Whitfield chairs the Public Ledgers and Budget Committee in Ostrava."
    )
    names = _found(nlp, text, ("Velmor", "ORG"), ("Budget Committee", "ORG"))
    assert "Velmor and Anti-Graft Commission" in names
    assert "Public Ledgers and Budget Committee" in names
    # Two names the model tagged stay two: "and" joins them.
    text = "Velmor and Brexel Group signed a deal on Monday."
    assert _found(nlp, text, ("Velmor", "ORG"), ("Brexel Group", "ORG")) == [
        "Velmor",
        "Brexel Group",
    ]


def test_a_product_or_a_programme_is_no_organisation(nlp):
    # Each name is said twice: a second mention alone is evidence of an organisation.
    text = (
        "Halvex showed the Orvo Park Pilot technology on Monday. Orvo Park Pilot parks cars. "
        "Dana Whitfield spoke on NBC's Meet the Nation. Meet the Nation airs weekly. "
        "Tom Brandt spoke on CNNs State of Play. State of Play airs weekly. "
        "The Velmor Foundation grant program paid for it. Velmor Foundation grew."
    )
    doc = _ents_as(
        nlp,
        text,
        *[(name, "ORG") for name in ("Orvo Park Pilot",) * 2],
        ("Dana Whitfield", "PERSON"),
        *[(name, "ORG") for name in ("Meet the Nation",) * 2],
        ("Tom Brandt", "PERSON"),
        *[(name, "ORG") for name in ("State of Play",) * 2],
        *[(name, "ORG") for name in ("Velmor Foundation",) * 2],
    )
    orgs = {e.name for e in extract_entities(doc, None, text=text) if e.label == "ORG"}
    # A body's head word keeps a name before a thing noun an organisation's.
    assert orgs == {"Velmor Foundation"}


def test_an_office_acronym_is_no_organisation(nlp):
    text = "The CM said the plan would work. Later the CM met officials in Ostrava."
    doc = _ents_as(nlp, text, ("CM", "ORG"), ("CM", "ORG"))
    assert [e.name for e in extract_entities(doc, None, text=text) if e.label == "ORG"] == []


def test_a_name_after_the_town_of_is_a_place(nlp):
    text = "Maryna lives in the town of Pelvanka, near the front line."
    doc = _ents_as(nlp, text, ("Pelvanka", "ORG"))
    labels = {e.name: e.label for e in extract_entities(doc, None, text=text)}
    assert labels["Pelvanka"] == "GPE"


def test_a_flattened_question_and_answer_widget_is_no_source_of_names(nlp):
    text = (
        "Velora Data said it would hire.\n"
        "What is a subpoena?It is an order. The Brexel Court can enforce it.\n"
        "Ostrava Labs grew."
    )
    specs = [("Velora Data", "ORG"), ("Brexel Court", "ORG")]
    found = _found(nlp, text, *specs, ("Ostrava Labs", "ORG"))
    assert found == ["Velora Data", "Ostrava Labs"]
    # A question in a story is followed by a space: its line keeps its names.
    text = "Velora Data asked: what is a subpoena? The Brexel Court can enforce it."
    assert _found(nlp, text, *specs) == ["Velora Data", "Brexel Court"]


def test_a_model_after_a_thing_noun_and_like_is_a_product(nlp):
    text = "The feature will reach other Halvex models like the QX7. Halvex said the QX7 sells."
    doc = _ents_as(nlp, text, ("QX7", "ORG"), ("Halvex", "ORG"), ("QX7", "ORG"))
    orgs = {e.name for e in extract_entities(doc, None, text=text) if e.label == "ORG"}
    assert "QX7" not in orgs


def test_a_name_before_an_untagged_capitalised_word_is_a_cut_piece(nlp):
    text = (
        "He spoke at the Orvane Growth Foundation Annual Convening on Monday. "
        "Later he left the Orvane Growth Foundation Annual Convening early."
    )
    doc = _ents_as(nlp, text, *[("Orvane Growth Foundation", "ORG")] * 2)
    orgs = [e.name for e in extract_entities(doc, None, text=text) if e.label == "ORG"]
    assert orgs == []
    # A title before a person's name is no continuation of the name before it.
    text = "Velmor Chief Executive Dana Whitfield spoke. Velmor grew."
    doc = _ents_as(nlp, text, ("Velmor", "ORG"), ("Dana Whitfield", "PERSON"), ("Velmor", "ORG"))
    assert "Velmor" in {e.name for e in extract_entities(doc, None, text=text)}


def test_a_place_noun_heading_an_apposition_makes_a_place(nlp):
    text = "Crimes in Pelvanka, the Ostrava suburb where people died, were investigated."
    doc = _ents_as(nlp, text, ("Pelvanka", "ORG"), ("Ostrava", "GPE"))
    labels = {e.name: e.label for e in extract_entities(doc, None, text=text)}
    assert labels["Pelvanka"] == "GPE"
    # "the city's biggest employer" is no place's apposition.
    mentions = mentions_in_doc(nlp, "Brexel Group, the city's biggest employer, grew.")
    assert not any(m.place_noun for m in mentions)


def test_the_possessor_of_a_programme_is_its_broadcaster(nlp):
    text = "Dana Whitfield spoke on NBX's Meet the Nation on Sunday."
    doc = _ents_as(nlp, text, ("Dana Whitfield", "PERSON"), ("NBX", "ORG"))
    (mention,) = [m for m in find_mentions(doc, None, text) if m.text == "NBX"]
    assert mention.org_context == "outlet"


def test_a_body_named_for_what_it_does_is_one_organisation_where_the_model_cut_it(nlp):
    # The model reads "the United Nations Office" and "the Coordination of Humanitarian
    # Affairs" as two organisations.
    text = (
        "At least 121 people have been killed, according to the United Nations Office for "
        "the Coordination of Humanitarian Affairs."
    )
    names = {(e.name, e.label) for e in entities_of(nlp, text)}
    assert ("United Nations Office for the Coordination of Humanitarian Affairs", "ORG") in names
    assert not any(name == "United Nations Office" for name, _ in names)


def test_refusal_a_longer_name_met_only_after_the_short_one_used_alone():
    """News names a body in full first: "Nissan Connect" after "Nissan" said twice alone is
    a product of Nissan, not its full name."""
    text = "Nissan still builds sedans. Nissan said so. The car has Nissan Connect."
    found = mentions_in(text, ("Nissan", "ORG"), ("Nissan", "ORG"), ("Nissan Connect", "ORG"))
    assert names_of(cluster_mentions(found)) == [{"Nissan"}, {"Nissan Connect"}]
    # introduced in full first, the short form is the same body
    text = "Nissan Motor spoke. Nissan said so. Nissan agreed."
    found = mentions_in(text, ("Nissan Motor", "ORG"), ("Nissan", "ORG"), ("Nissan", "ORG"))
    assert len(cluster_mentions(found)) == 1


def test_a_brand_whose_last_word_is_another_name_keeps_its_s(nlp):
    """ "Uber Eats" after the "Eat" the model clipped from "Just Eat": no given name opens
    it, so its "s" is no lost possessive."""
    text = "Drivers from Just Eat will leave. Uber’s food service Uber Eats last month grew."
    doc = _ents_as(nlp, text, ("Eat", "ORG"), ("Uber Eats", "PERSON"))
    found = [m.text for m in find_mentions(doc, None, text)]
    assert "Uber Eats" in found and "Uber Eat" not in found


def test_a_widely_known_organisation_the_model_left_untagged_is_found(nlp):
    text = (
        "Facebook has expressed sympathy with the family over the posts. "
        "The statement came as the court was told that the case against Facebook had been settled."
    )
    entities = entities_of(nlp, text)
    assert ("Facebook", "ORG") in [(e.name, e.label) for e in entities]


@pytest.mark.parametrize(
    ("text", "tagged", "people"),
    [
        # a compound surname alone is the one person whose full name ends with it
        (
            "Home Minister Enrique Velorado Patkar spoke on Monday. Later, Velorado Patkar"
            " said the tapes were fake.",
            ("Enrique Velorado Patkar", "Velorado Patkar"),
            {"Enrique Velorado Patkar"},
        ),
        # two people end with it: it names neither
        (
            "Randy Velo Santos and Kian Velo Santos came. On Friday Velo Santos said no.",
            ("Randy Velo Santos", "Kian Velo Santos", "Velo Santos"),
            {"Randy Velo Santos", "Kian Velo Santos", "Velo Santos"},
        ),
        # a headline's word before a name is no given name
        (
            "Array of Cases Tests Merrick Velorado. On Friday Merrick Velorado said no.",
            ("Tests Merrick Velorado", "Merrick Velorado"),
            {"Tests Merrick Velorado", "Merrick Velorado"},
        ),
        (
            "Panel Set To Vote On Holding Merrick Velorado In Contempt\n\nOn Friday Merrick"
            " Velorado said no.",
            ("Holding Merrick Velorado", "Merrick Velorado"),
            {"Holding Merrick Velorado", "Merrick Velorado"},
        ),
    ],
)
def test_the_last_words_of_one_persons_full_name_are_that_person(nlp, text, tagged, people):
    doc = _ents_as(nlp, text, *((name, "PERSON") for name in tagged))
    assert {e.name for e in extract_entities(doc, None, text=text) if e.label == "PERSON"} == people


@pytest.mark.parametrize(
    ("text", "tagged", "entities"),
    [
        # the model types a compound surname alone as a work: it is the person
        (
            "Home Minister Enrique Velorado Patkar spoke on Monday. Later, Velorado Patkar"
            " said the tapes were fake.",
            (("Enrique Velorado Patkar", "PERSON"), ("Velorado Patkar", "WORK_OF_ART")),
            {("PERSON", "Enrique Velorado Patkar")},
        ),
        # a name the article's person does not end with stays what it was
        (
            "Home Minister Enrique Velorado Patkar spoke on Monday. Later, Velorado Group"
            " said the tapes were fake.",
            (("Enrique Velorado Patkar", "PERSON"), ("Velorado Group", "ORG")),
            {("PERSON", "Enrique Velorado Patkar"), ("ORG", "Velorado Group")},
        ),
        # nor does a name the words around make an organisation's, whatever person the
        # model made of a longer phrase
        (
            "Top Trump White House aide Peter Velo complained. He stayed in the White House"
            " in May.",
            (("Trump White House", "PERSON"), ("Peter Velo", "PERSON"), ("White House", "ORG")),
            {("PERSON", "Trump White House"), ("PERSON", "Peter Velo"), ("ORG", "White House")},
        ),
    ],
)
def test_a_mistyped_ending_of_one_persons_full_name_is_that_person(nlp, text, tagged, entities):
    doc = _ents_as(nlp, text, *tagged)
    assert {(e.label, e.name) for e in extract_entities(doc, None, text=text)} == entities


@pytest.mark.parametrize(
    ("text", "tagged", "label"),
    [
        # a person's role right before a name opening with a given name: a person
        ("Ukrainian soldier Serhiy Velo said the troops had dug in.", "Serhiy Velo", "PERSON"),
        # a noun for an organisation's kind is no person's role
        ("He told broadcaster France Velo in an interview that it was so.", "France Velo", "ORG"),
    ],
)
def test_a_name_the_model_typed_a_body_after_a_persons_role_is_a_person(nlp, text, tagged, label):
    doc = _ents_as(nlp, text, (tagged, "ORG"))
    assert [(e.label, e.name) for e in extract_entities(doc, None, text=text)] == [(label, tagged)]


@pytest.mark.parametrize(
    ("text", "tagged", "entities"),
    [
        # an office's acronym in capitals before a name the model typed a body: a person,
        # named without the office
        ("PM Velo said the talks went well.", "PM Velo", {("PERSON", "Velo")}),
        ("CM Tarun Velo said so.", "CM Tarun Velo", {("PERSON", "Tarun Velo")}),
        # a word the article writes in lower case, or a body's head, is a body's name
        (
            "MP Metals said output rose. The firm sells metals.",
            "MP Metals",
            {("ORG", "MP Metals")},
        ),
        ("PM Capital said so.", "PM Capital", {("ORG", "PM Capital")}),
    ],
)
def test_a_name_opened_by_an_office_acronym_is_a_person(nlp, text, tagged, entities):
    doc = _ents_as(nlp, text, (tagged, "ORG"))
    assert {(e.label, e.name) for e in extract_entities(doc, None, text=text)} == entities


@pytest.mark.parametrize(
    ("text", "tagged", "kept"),
    [
        # an office's title the model typed a person, with the name left out: no one
        ("Luhansk Governor Serhiy Velo said so.", "Luhansk Governor", False),
        ("Karnataka Revenue Minister R Velo said so.", "Karnataka Revenue Minister", False),
        # a name opening with a given name or a courtesy title is a person's
        ("Dorothy Minister said so.", "Dorothy Minister", True),
        ("Mr Governor said so.", "Mr Governor", True),
    ],
)
def test_a_title_with_no_name_is_no_person(nlp, text, tagged, kept):
    doc = _ents_as(nlp, text, (tagged, "PERSON"))
    names = {e.name for e in extract_entities(doc, None, text=text) if e.label == "PERSON"}
    assert (tagged.removeprefix("Mr ") in names or tagged in names) is kept


def test_a_surname_after_an_honorific_joins_the_full_name():
    text = "NBY chief executive Nini Velo said so. Ms Velo added more."
    found = mentions_in(text, ("Nini Velo", "PERSON"), ("Ms Velo", "PERSON"))
    assert [[m.text for m in g] for g in cluster_mentions(found, text)] == [
        ["Nini Velo", "Ms Velo"]
    ]


@pytest.mark.parametrize(
    ("text", "word", "found"),
    [
        # only the surname typed ORG, after an untagged given name: a person
        (
            "The office said on Monday, citing prosecutor Iryna Velodkova, that it was so.",
            "Velodkova",
            ("PERSON", "Iryna Velodkova"),
        ),
        # no given name before it: the model's organisation stands
        (
            "The office said on Monday, citing Velodkova, that it was so.",
            "Velodkova",
            ("ORG", "Velodkova"),
        ),
    ],
)
def test_a_lone_name_typed_org_after_a_given_name_is_a_person(nlp, text, word, found):
    doc = _ents_as(nlp, text, (word, "ORG"))
    assert [(m.label, m.text) for m in find_mentions(doc, None, text)] == [found]


@pytest.mark.parametrize(
    ("text", "specs", "found"),
    [
        # the surname typed a place no gazetteer knows, after a given name the model left
        # untagged or typed a place too: a person
        (
            "Residents including Natalia Velodkova rushed to shelter.",
            [("Velodkova", "GPE")],
            [("PERSON", "Natalia Velodkova")],
        ),
        (
            "Residents including Natalia Velodkova rushed to shelter.",
            [("Natalia", "GPE"), ("Velodkova", "GPE")],
            [("PERSON", "Natalia Velodkova")],
        ),
        # a known place after a given name stays a place
        (
            "Residents including Natalia Kharkiv rushed to shelter.",
            [("Kharkiv", "GPE")],
            [("GPE", "Kharkiv")],
        ),
    ],
)
def test_a_lone_unknown_place_after_a_given_name_is_a_person(nlp, text, specs, found):
    doc = _ents_as(nlp, text, *specs)
    assert [(m.label, m.text) for m in find_mentions(doc, None, text)] == found


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("President Velo Jae-in spoke on Monday.", "Velo Jae-in"),
        ("Advisers to Velo Beom-chul met.", "Velo Beom-chul"),
        # an English word glued on is not a syllable of the name
        ("The Dana Velo-era rules stayed.", "Dana Velo"),
        ("The Dana Velo-backed plan failed.", "Dana Velo"),
        # a hyphenated word that goes on is a place's or a thing's name
        ("He flew to Dana Mar-a-Lago on Friday.", "Dana Mar"),
    ],
)
def test_a_name_runs_on_over_the_syllable_a_hyphen_splits_off(nlp, text, person):
    name = person.split("-")[0] if "-" in person else person
    doc = _ents_as(nlp, text, (name, "PERSON"))
    assert [m.text for m in find_mentions(doc, None, text) if m.label == "PERSON"] == [person]


@pytest.mark.parametrize(
    ("text", "tagged", "organisation"),
    [
        # the office's owner and the place before it, which the model left out
        (
            "A man was charged, the U.S. Attorney's Office of the District of Velora said.",
            (("U.S.", "GPE"), ("Office of the District of Velora", "ORG")),
            "U.S. Attorney's Office of the District of Velora",
        ),
        # a name the model ended on "of", before the place it tagged
        (
            "The Office for the Southern District of Velora City said the case was closed.",
            (("Office for the Southern District of", "ORG"), ("Velora City", "GPE")),
            "Office for the Southern District of Velora City",
        ),
    ],
)
def test_an_office_runs_over_its_owner_and_its_place(nlp, text, tagged, organisation):
    doc = _ents_as(nlp, text, *tagged)
    assert [m.text for m in find_mentions(doc, None, text) if m.label == "ORG"] == [organisation]


def test_an_office_does_not_take_in_a_place_without_an_owners_title(nlp):
    text = "In Velora City, Office Depot said sales rose."
    doc = _ents_as(nlp, text, ("Velora City", "GPE"), ("Office Depot", "ORG"))
    assert {m.text: m.label for m in find_mentions(doc, None, text)} == {
        "Velora City": "GPE",
        "Office Depot": "ORG",
    }


def test_a_captions_photo_credit_is_no_part_of_the_name_before_it(nlp):
    text = (
        "Velora Hall at the Velora University PHOTOS BY DANA VELO\n\nThe Velora University said no."
    )
    names = {e.name for e in extract_entities(nlp(prepare_for_parse(text)), None, text=text)}
    assert "Velora University" in names
    assert not any("PHOTOS" in name or "Photos" in name for name in names)


def test_a_day_whose_apostrophe_was_dropped_owns_the_name_after_it(nlp):
    text = "There is much to fear in Mondays Velora Panel on Climate Change report."
    doc = _ents_as(nlp, text, ("Mondays Velora Panel on Climate Change", "ORG"))
    assert [m.text for m in find_mentions(doc, None, text)] == ["Velora Panel on Climate Change"]
    # a place named so keeps its word
    text = "Residents of Mays Landing said the road flooded."
    doc = _ents_as(nlp, text, ("Mays Landing", "GPE"))
    assert [m.text for m in find_mentions(doc, None, text)] == ["Mays Landing"]


def test_a_common_word_the_name_table_lists_makes_no_person(nlp):
    # "Identity" is a given name in the table of names from every country, but news writes
    # it in lower case far more often: "Family Identity Cards" is a scheme, not a person.
    text = (
        "Several best practices were discussed at the meeting in Chandigarh, including "
        "issuance of Family Identity Cards, schemes for natural farming and rural "
        "livelihoods. The officials said the cards had helped."
    )
    assert not [e.name for e in entities_of(nlp, text) if e.label == "PERSON"]


def test_a_place_ending_in_a_word_of_a_country_s_name_is_no_nationality(nlp):
    # "Island" starts "Solomon Islands" as "Lankan" ends "Sri Lankan"; but a two-word
    # nationality opens with a word of its country's name, and "Snake" is none.
    text = (
        "Ukrainian forces also targeted Russian air defenses and resupply vessels on "
        "Snake Island in the Black Sea in an effort to stop the attack."
    )
    labels = {e.name: e.label for e in entities_of(nlp, text)}
    assert labels.get("Snake Island") not in (None, "NORP")


@pytest.mark.parametrize(
    ("text", "body", "person"),
    [
        # the surname of a person the article names in full
        (
            "“It is what it means to be a public servant,” said Clarence E. Anthony, the "
            "group's chief. “That is an important step,” added the National League of "
            "Cities’ Anthony. They still have a big problem.",
            "National League of Cities",
            "Clarence E. Anthony",
        ),
        # a full name with a double surname
        (
            "Climate justice red flags. UC Berkeley’s Rachel Morello-Frosch and UCLA’s Lara "
            "Cushing are the scientists behind the study. “It is underwhelming,” "
            "Morello-Frosch said of the response. “Communities can use this,” said "
            "Morello-Frosch. UC Berkeley confirmed it.",
            "UC Berkeley",
            "Rachel Morello-Frosch",
        ),
    ],
)
def test_a_person_after_a_body_s_possessive_is_no_part_of_its_name(nlp, text, body, person):
    names = {e.name: e.label for e in entities_of(nlp, text)}
    assert names.get(body) == "ORG" and names.get(person) == "PERSON"
    assert not [n for n in names if n != body and n.startswith(body)]


@pytest.mark.parametrize(
    "text", ["McDonald's Corporation and Moody's Investors Service agreed on Monday."]
)
def test_a_body_s_name_with_a_possessive_inside_stays_whole(nlp, text):
    names = {e.name for e in entities_of(nlp, text)}
    assert {"McDonald's Corporation", "Moody's Investors Service"} <= names
