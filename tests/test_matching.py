"""Cross-article keys (newsbeam.transforms.matching), as pure functions on hand-made input."""

from __future__ import annotations

from newsbeam.transforms.entities import full_given_name
from newsbeam.transforms.matching import (
    NUM_PERM,
    near_copy_signature,
    person_key,
    quote_key,
    with_match_keys,
)
from newsbeam.transforms.records import Entity, Quote

STORY = (
    "The central bank raised its main interest rate by a quarter of a percentage point on "
    "Thursday, the third increase this year, saying inflation had stayed above its target "
    "for longer than expected. Economists had been split on the move. The governor told "
    "reporters that the bank would watch wages and housing closely before deciding on any "
    "further steps, and that the economy remained strong enough to absorb higher borrowing "
    "costs. Markets rose slightly after the announcement while the currency weakened against "
    "the dollar and the euro in late trading on the day."
)
OTHER = (
    "A storm brought heavy snow to the northern mountains overnight, closing two passes and "
    "cutting power to several thousand homes. Crews worked through the morning to clear the "
    "roads, and officials asked drivers to stay at home until the evening when the wind is "
    "forecast to drop. Schools in three valleys stayed closed and the ski resorts opened late."
)


def agreement(a: list[int], b: list[int]) -> float:
    return sum(x == y for x, y in zip(a, b)) / len(a)


def test_quote_key_ignores_typesetting_but_not_words():
    curly = quote_key("“We won’t back down — ever,” ")
    assert curly == quote_key('"We WON\'T back  down -- ever,"')
    assert curly == quote_key("we won t back down ever")
    assert curly != quote_key("We will back down - ever")
    assert quote_key("Café") == quote_key("cafe")
    assert len(curly or "") == 32
    assert quote_key(" “ — ” ") is None


def test_person_key_folds_titles_case_accents_and_short_forms():
    assert person_key("Secretary of State Mike Pompeo") == "michael pompeo"
    assert person_key("MICHAEL POMPEO") == "michael pompeo"
    assert person_key("José Ángel Gurría") == "jose angel gurria"
    assert person_key("Danny Smith") == person_key("Daniel Smith") == "daniel smith"


def test_person_key_folds_transliterated_endings():
    zelensky = {
        person_key(f"Volodymyr {name}")
        for name in ("Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskyi")
    }
    assert zelensky == {"volodymyr zelensky"}
    assert person_key("Vitaliy Klitschko") == person_key("Vitalii Klitschko")
    assert person_key("Vitaly Klitschko") == "vitaly klitschko"
    assert person_key("Serhii Ivanov") == person_key("Serhiy Ivanov") == "serhy ivanov"


def test_person_key_transliteration_changes_only_the_ending():
    # A feminine surname, a vowel before "ii", a two-letter name: other people.
    assert person_key("Olena Zelenska") != person_key("Olena Zelensky")
    assert person_key("Kai Hawaii") == "kai hawaii"
    assert person_key("Wang Yi") == "wang yi"
    assert person_key("Ebony Kennedy") == "ebony kennedy"


def test_person_key_keeps_what_tells_people_apart():
    assert person_key("Pompeo") is None  # one word: anyone of that surname
    assert person_key("Trump Jr.") is None
    assert person_key("Donald Trump Jr.") == "donald trump jr"
    assert person_key("Donald Trump") == "donald trump"
    assert person_key("George W. Bush") != person_key("George H. W. Bush")
    assert person_key("Melania Trump") != person_key("Donald Trump")


def test_person_key_is_none_for_a_place_or_a_saint():
    assert person_key("Sri Lanka") is None  # a country typed PERSON
    assert person_key("-Sri Lanka") is None
    assert person_key("St. John") is None  # a parish, a street, a saint, or one surname
    assert person_key("St John") is None
    assert person_key("Alexander St. John") == "alexander st john"


def test_ambiguous_short_forms_stay():
    assert full_given_name("Bill") == "bill"  # William or Robert
    assert full_given_name("Chris") == "chris"
    assert full_given_name("Will") == "will"
    assert full_given_name("Neil") == "neil"  # the nickname data lists it under Cornelius
    assert full_given_name("Mark") == "mark"  # ... and this under Marcus
    assert full_given_name("Harry") == "harry"  # Henry or Harold
    assert full_given_name("Mike") == "michael"
    assert full_given_name("Michael") == "michael"


def test_a_short_form_that_begins_another_name_stays():
    # The nickname data lists "jon" under John, but it also begins Jonathan (whose line
    # lists it): "Jon Keller" may be a Jonathan, never folded into "John Keller".
    assert full_given_name("Jon") == "jon"
    assert person_key("Jon Keller") != person_key("John Keller")
    assert full_given_name("Brad") == "brad"  # Bradford or Bradley
    assert full_given_name("Mitch") == "mitchell"  # begins no other name


def test_near_copy_signature_agrees_on_copies_not_on_other_stories():
    original = near_copy_signature(STORY)
    edited = near_copy_signature(
        "LONDON (Reuters) - " + STORY.replace("Thursday", "Thursday,").upper()
    )
    other = near_copy_signature(OTHER)
    assert len(original.values) == NUM_PERM and len(original.bands) == 16
    assert agreement(original.values, edited.values) >= 0.8
    assert set(original.bands) & set(edited.bands)
    assert agreement(original.values, other.values) < 0.2
    assert not set(original.bands) & set(other.bands)
    assert near_copy_signature(STORY) == original  # the same in every process and run


def test_short_text_has_no_signature():
    assert near_copy_signature("Too short to shingle") == near_copy_signature("")
    assert near_copy_signature("").bands == []


def test_with_match_keys_keys_people_and_person_speakers_only():
    entities = [
        Entity("e1", "Mike Pompeo", "PERSON", 2, 0.5),
        Entity("e2", "Pompeo Group", "ORG", 1, 0.1),
    ]
    quotes = [
        Quote("q1", "“Yes.”", 0, 6, "direct", speaker="Mike Pompeo", speaker_type="person"),
        Quote("q2", "No", 7, 9, "direct", speaker="Pompeo Group", speaker_type="organization"),
    ]
    keyed_entities, keyed_quotes = with_match_keys(entities, quotes)
    assert [e.person_key for e in keyed_entities] == ["michael pompeo", None]
    assert [q.speaker_person_key for q in keyed_quotes] == ["michael pompeo", None]
    assert keyed_quotes[0].quote_key == quote_key("yes")
    assert keyed_quotes[1].quote_key == quote_key("NO")
