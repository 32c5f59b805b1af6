"""Names the model cut, glued to a role or typed wrong, mended on the parse's tokens.

spaCy's small model puts a person's role, and the place or body before it, inside the
name ("Werugha MCA Jason Tuja", "Buffalo Mayor Bryon Brown", "Demonstrator Aime Birba"
typed ORG), types the portfolio of an office as an organisation ("Defence" of "Defence
Minister") and cuts a name at its particles ("Ursula von" PERSON + "Leyen" GPE). Each
repair is one rule on token spans; offsets stay the text's.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from newsbeam.transforms.entities.gazetteer import is_known_organisation, is_known_place
from newsbeam.transforms.entities.gender import news_given_name, word_gender
from newsbeam.transforms.entities.names import (
    ALIAS_NAMES,
    GENERIC_HEADS,
    HONORIFICS,
    NAME_SUFFIXES,
    ORG_HEADS,
    name_key,
    opens_with_saint,
    person_parts,
    strip_corporate_suffix,
)
from newsbeam.transforms.entities.roles import (
    MODIFIER_ROLES,
    PERSON_NOUNS,
    PORTFOLIO_WORDS,
    ROLE_ACRONYMS,
)
from newsbeam.transforms.entities.short_forms import is_given_name

#: Longest word in capitals read as an office's acronym ("MCA", "MEP").
MAX_ROLE_ACRONYM = 4
#: Lower-case particles inside a person's name ("Ursula von der Leyen", "Fares al-Bayoush").
NAME_PARTICLES = frozenset(
    "von van der den de del della di da dos das du la le al el bin ibn".split()
)


#: Words of dates, which the table of given names also holds ("Wednesday", "June").
CALENDAR_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december
    """.split()
)
#: Prepositions that open no personal name, though a body's name may go on with one.
_NAME_BREAKING_PREPOSITIONS = frozenset("without with for of from against across".split())


#: Longest syllable of a hyphenated given name ("Jae-in", "Suk-yeol") and of the word
#: it is glued to.
_SYLLABLE = 4
#: Short English words glued to a name by a hyphen ("Trump-era", "Kim-like").
_GLUED_WORDS = frozenset("era age run like type made born ish size wide free".split())

#: The possessive endings the tokenizer splits off a name ("NPR’s", "Adelson's").
POSSESSIVES = frozenset(("'s", "’s"))


def is_possessive(token: Token) -> bool:
    """Whether `token` is a possessive ending, whether or not the tagger tagged it one (it
    may read the "’s" of "NPR’s" as a closing mark)."""
    return token.tag_ == "POS" or token.lower_ in POSSESSIVES


def breaks_a_persons_name(token: Token) -> bool:
    """Whether `token` is a preposition no personal name opens with ("Without Borders"):
    a name opening with it is the rest of a body's name the model cut ("Reporters Without
    Borders")."""
    return token.lower_ in _NAME_BREAKING_PREPOSITIONS


def _bare(token: Token) -> str:
    return token.text.replace(".", "").lower()


def inner_hyphen(token: Token) -> bool:
    """A hyphen glued to the words on both sides ("Secretary-General", "pro-Beijing"): the
    parser splits it off as a token of its own, but it joins one word."""
    return (
        token.text == "-"
        and not token.whitespace_
        and token.i > 0
        and not token.doc[token.i - 1].whitespace_
    )


def is_role_word(token: Token) -> bool:
    """A title, a word for a person's role or an office's acronym: "Mayor", "MCA", "Gen."."""
    bare = _bare(token)
    if token.text.isupper() and len(bare) <= MAX_ROLE_ACRONYM:
        return bare in ROLE_ACRONYMS
    if bare in HONORIFICS:
        return True
    return bare in PERSON_NOUNS and not is_given_name(token.text, any_language=False)


def _name_word(token: Token) -> bool:
    """A word that can stand in a personal name: capitalised, an initial, a particle or
    the hyphen inside a double surname ("Morello-Frosch")."""
    text = token.text
    return (
        (text[:1].isupper() and not text.isupper())
        or (len(text) <= 2 and text[:1].isupper())
        or (text in NAME_PARTICLES)
        or inner_hyphen(token)
    )


def _is_full_name(span: Span) -> bool:
    """Two or more name words reading as a personal name: no organisation's head or legal
    form, no role ("National Security Advisor"), not a known place."""
    words = [t.text for t in span]
    if len(words) < 2 or not all(_name_word(t) for t in span):
        return False
    if breaks_a_persons_name(span[0]):
        return False  # "Reporters [Without Borders]": the rest of a body's name
    if _bare(span[-1]) in NAME_SUFFIXES and len(words) < 3:
        return False
    bare = {w.replace(".", "").lower() for w in words}
    if bare & ORG_HEADS or bare & GENERIC_HEADS or any(is_role_word(t) for t in span):
        return False
    if len(strip_corporate_suffix(words)) < len(words) or is_known_place(span.text):
        return False
    return person_parts(span.text) is not None


def _marks_person(token: Token, span: Span) -> bool:
    """A role word that marks a person in a span typed otherwise: not one that also opens
    names of things ("General"), and either opening the span as a word (an acronym there
    is the organisation's own: "CEO Council") or after a known place or organisation
    ("Buffalo Mayor Bryon Brown")."""
    if _bare(token) in MODIFIER_ROLES:
        return False
    if token.i == span.start:
        return not token.text.isupper()
    before = Span(span.doc, span.start, token.i)
    if is_known_place(before.text) or is_known_organisation(before.text):
        return True
    # a body's name built on its head word ("College of Law Dean X")
    return any(t.lower_ in ORG_HEADS for t in before)


def split_at_role(span: Span) -> list[Span]:
    """A name after a role it was tagged with: the person, and the place or body before.

    In "Werugha MCA Jason Tuja", "Buffalo Mayor Bryon Brown" or "Demonstrator Aime
    Birba" the last role word (a title, a word for a person's role or an office's
    acronym) and everything before it are no part of the name: the full name after it
    becomes a PERSON. What stood before the role stays a mention when it names a known
    place or organisation ("Buffalo"), or keeps its label when the model typed the span
    an organisation ("Federal Reserve Chairman Jerome Powell"). Outside spans typed
    PERSON, the role must be one that marks a person (`_marks_person`), and no word of
    the name may be a known place ("Fan Expo Canada").
    """
    for k in range(span.end - 3, span.start - 1, -1):
        doc = span.doc
        if not is_role_word(doc[k]) or (
            span.label_ != "PERSON" and not _marks_person(doc[k], span)
        ):
            continue
        name = Span(doc, k + 1, span.end, label="PERSON")
        if not _is_full_name(name):
            continue
        if span.label_ != "PERSON" and any(is_known_place(t.text) for t in name):
            continue
        pieces = [name]
        start = span.start
        end = k
        while end > start and is_role_word(doc[end - 1]):
            end -= 1
        if end > start:
            before = Span(doc, start, end, label=span.label_)
            if span.label_ == "ORG":
                pieces.insert(0, before)
            elif is_known_place(before.text):
                pieces.insert(0, Span(doc, start, end, label="GPE"))
            elif is_known_organisation(before.text):
                pieces.insert(0, Span(doc, start, end, label="ORG"))
        return pieces
    return [span]


def split_body_from_person(span: Span) -> list[Span]:
    """An organisation's span that runs on into a person's full name: the two names.

    "the United Nations Samantha Power" (a role cut off before it) and "Commissioner for
    Economy Paolo Gentiloni" come out as one ORG. When the words before a full name that
    opens with a given name are a known organisation or place, they stay a name of their
    own ("United Nations"); when they are only an office's portfolio ("Economy"), they
    name no body and are dropped; after a known name the given name must be an English
    one (many words are a given name somewhere). Anything else is left whole ("Morgan
    Stanley", "Washington National Cathedral").
    """
    if span.label_ != "ORG" or len(span) < 3:
        return [span]
    doc = span.doc
    for k in range(span.start + 1, span.end - 1):
        name = Span(doc, k, span.end, label="PERSON")
        if not is_given_name(doc[k].text) or not _is_full_name(name):
            continue
        before = Span(doc, span.start, k, label="ORG")
        if all(_bare(t) in PORTFOLIO_WORDS for t in before):
            return [name]
        if not is_given_name(doc[k].text, any_language=False):
            continue  # "Washington National Cathedral": "National" is no English given name
        if is_known_place(before.text):
            return [Span(doc, span.start, k, label="GPE"), name]
        if is_known_organisation(before.text) or name_key(before.text, "ORG") in ALIAS_NAMES:
            return [before, name]
    return [span]


#: A possessive ending as the tokenizer splits it off ("Cities’", "Berkeley's").
_POSSESSIVES = frozenset(("'s", "’s", "'", "’"))


def split_possessed_person(span: Span) -> list[Span]:
    """An organisation's span that runs on over a possessive into a person: the two names.

    "the National League of Cities’ Anthony", "the company's Jane Smith": the model types
    the whole ORG, but the words after the possessive are a person of the body, when they
    are a full name opening with an English given name or the surname of a person the
    model found elsewhere in the article ("Clarence E. Anthony"). Otherwise the span is
    left whole ("McDonald's Corporation", "Moody's Investors Service").
    """
    if span.label_ != "ORG" or len(span) < 3:
        return [span]
    doc = span.doc
    marks = [t.i for t in span[1:-1] if t.text in _POSSESSIVES]
    if not marks:
        return [span]
    k = marks[-1] + 1
    name = Span(doc, k, span.end, label="PERSON")
    if len(name.text.split()) > 3 or not all(_name_word(t) for t in name):
        return [span]
    full = is_given_name(name[0].text, any_language=False) and _is_full_name(name)
    surname = " " not in name.text and any(
        e.label_ == "PERSON" and " " in e.text and e.text.endswith(" " + name.text)
        for e in doc.ents
    )
    if not (full or surname):
        return [span]
    return [Span(doc, span.start, k - 1, label="ORG"), name]


def names_an_office(span: Span) -> bool:
    """A portfolio beside a role word: part of an office's title, not an organisation.

    "Defence Minister", "Interior Minister", "Secretary of State", "the minister of
    Foreign Affairs", "Executive Chairman": the model types the portfolio ORG, but the
    words name an office held by a person. The span must be only portfolio words (so
    "Apple CEO" and "Chairman of Toyota" keep their organisation).
    """
    if span.label_ != "ORG" or not all(_bare(t) in PORTFOLIO_WORDS for t in span):
        return False
    doc = span.doc
    if span.end < len(doc) and is_role_word(doc[span.end]):
        return True
    return (
        span.start >= 2 and doc[span.start - 1].lower_ == "of" and is_role_word(doc[span.start - 2])
    )


def join_cut_names(ents: Iterable[Span]) -> list[Span]:
    """The model's entities with a person's name joined across its particles.

    "Ursula von der Leyen" comes out as "Ursula von" PERSON and "Leyen" GPE: a person's
    name followed by name particles ("von", "der", "al", "bin") and a capitalised word is
    one name, and an entity the model found on that word is no other name. A name of
    several given names runs on the same way over a given name and a surname the model
    left untagged ("Roch Marc" + "Christian Kabore": `_end_across_given_name`), and an
    organisation's over "of" and capitalised words left untagged ("European Court" + "of
    Justice": `_end_across_of`) or over "and" and untagged words ending in a body's head
    ("Ethics" + "and Anti-Corruption Commission", "Public Accounts and" + "Investment
    Committee": `_end_across_and`, `_start_across_and`).
    """
    ents = list(ents)
    tagged = {i for ent in ents for i in range(ent.start, ent.end)}
    unknown_places = {
        ent.start
        for ent in ents
        if ent.label_ == "GPE"
        and len(ent) == 1
        and _name_word(ent[0])
        and not is_known_place(ent.text)
    }
    out: list[Span] = []
    skip_to = -1
    for ent in ents:
        if ent.start < skip_to:
            continue
        end = ent.end
        if ent.label_ == "PERSON":
            end = max(
                _end_across_particles(ent),
                _end_across_given_name(ent, tagged),
                _end_across_syllable(ent),
            )
        elif ent.label_ == "ORG":
            end = max(_end_across_of(ent, tagged), _end_across_and(ent, tagged))
        label = ent.label_
        if ent.label_ == "ORG":
            start = min(_start_across_and(ent, tagged), _start_across_owner(ent, tagged))
            if len(ent) == 1 and start == ent.start and _name_word(ent[0]):
                # "Alexei Tabalov, a lawyer, said" with only "Tabalov" typed ORG: a lone
                # name word after an untagged given name is a person's surname
                start = _start_across_given_name(ent, tagged)
                label = "PERSON" if start < ent.start else label
        elif ent.label_ == "PERSON":
            start = _start_across_given_name(ent, tagged)
        elif ent.start in unknown_places:
            # "residents including Natalia Koldash", each word typed GPE or only the
            # second: a word no gazetteer knows after a given name is a surname
            start = _start_across_given_name(ent, tagged - unknown_places)
            label = "PERSON" if start < ent.start else label
        else:
            start = ent.start
        if end > ent.end or start < ent.start:
            ent = Span(ent.doc, start, end, label=label)
            skip_to = end
            out = [kept for kept in out if kept.end <= start]  # a place it took in
        out.append(ent)
    return out


def _end_across_particles(span: Span) -> int:
    """The end of a person's name running on over particles and one capitalised word."""
    doc, j = span.doc, span.end
    particles = span[-1].text in NAME_PARTICLES
    while j < len(doc) and doc[j].text in NAME_PARTICLES and doc[j - 1].whitespace_:
        particles, j = True, j + 1
    if (
        particles
        and j < len(doc)
        and doc[j - 1].whitespace_
        and doc[j].text[:1].isupper()
        and doc[j].text[1:].islower()
    ):
        return j + 1
    return span.end


def _end_across_syllable(span: Span) -> int:
    """The end of a person's name running on over the hyphen and lower-case syllable the
    tokenizer split off its last word ("Moon Jae" + "-in", "Shin Beom" + "-chul": Korean
    given names), which the model leaves outside the entity. Not an English word glued
    on ("Joe Biden-era", "Kim Jong Un-led"): the syllable is short and the word before
    it shorter than most surnames."""
    doc, j = span.doc, span.end
    if len(span) < 2 or j + 1 >= len(doc) or not inner_hyphen(doc[j]):
        return span.end
    head, syllable = doc[j - 1].text, doc[j + 1]
    if (
        len(head) <= _SYLLABLE
        and syllable.text.isalpha()
        and syllable.text.islower()
        and len(syllable.text) <= _SYLLABLE
        and syllable.lower_ not in _GLUED_WORDS
        and not syllable.lower_.endswith(("ed", "ing"))
        and (j + 2 == len(doc) or doc[j + 1].whitespace_ or _ends_word(doc[j + 2]))
    ):
        return j + 2
    return span.end


def _ends_word(token: Token) -> bool:
    """Whether `token`, glued to the word before it, ends that word: punctuation other
    than a hyphen ("Jae-in," but not "Mar-a-Lago")."""
    return token.is_punct and token.text != "-"


def _end_across_given_name(span: Span, tagged: set[int]) -> int:
    """The end of a person's name running on over a given name and a surname that are in
    no entity of the model, one space apart ("President Roch Marc Christian Kabore's")."""
    doc, j = span.doc, span.end
    if j + 1 >= len(doc) or not doc[j - 1].whitespace_ or not doc[j].whitespace_:
        return span.end
    given, surname = doc[j], doc[j + 1]
    if j in tagged or j + 1 in tagged or not is_given_name(given.text):
        return span.end
    if not (_name_word(given) and surname.is_title and surname.tag_ == "NNP"):
        return span.end
    return j + 2


def _start_across_owner(span: Span, tagged: set[int]) -> int:
    """The start of an office's name running back over the title that owns it, which the
    model cut in two ("Attorney General's Office" tagged "General's Office") or left out
    ("U.S. Attorney's Office of the District of Massachusetts" tagged "Office of the
    District of Massachusetts"): the capitalised title words before it, in no entity of
    the model, and the place the model tagged right before them ("U.S.", "Manhattan")."""
    doc, j = span.doc, span.start
    owner_left_out = (
        span[0].lower_ in ORG_HEADS
        and j >= 2
        and doc[j - 1].text in POSSESSIVES
        and j - 2 not in tagged
        and doc[j - 2].is_title
        and is_role_word(doc[j - 2])
    )
    if owner_left_out:
        k = j - 3
    elif len(span) >= 3 and span[1].text in POSSESSIVES and span[2].lower_ in ORG_HEADS:
        k = j - 1
    else:
        return span.start
    while k >= 0 and doc[k].whitespace_ and doc[k].is_title and k not in tagged:
        if not (is_role_word(doc[k]) or doc[k].tag_ == "NNP"):
            break
        k -= 1
    start = k + 1
    while owner_left_out and k >= 0 and doc[k].ent_type_ == "GPE" and doc[k].whitespace_:
        k -= 1
        if doc[k + 1].ent_iob_ == "B":
            return k + 1  # the whole place, "U.S."
    return start


def _start_across_given_name(span: Span, tagged: set[int]) -> int:
    """The start of a person's name running back over a given name in no entity of the
    model, one space before it, inside a sentence ("The judge, Azizul Azmi Adnan, said":
    the parser took "Azizul" for an adjective; "Mamta Dubey", tagged "Dubey").

    The main table of given names holds words of other uses ("Western", "Wednesday",
    "If"): before a name that opens with a given name ("Western Robert Montague") only an
    English given name or one of the names news writes once is taken. A sentence's first
    word, a title ("Baron"), a date's word and a stop word are never taken.
    """
    doc, j = span.doc, span.start - 1
    if j < 1 or j in tagged or not doc[j].whitespace_ or doc[j].is_sent_start:
        return span.start
    given = doc[j]
    if not (given.is_title and _name_word(given)) or given.is_stop:
        return span.start
    if is_role_word(given) or word_gender(given.text) or given.lower_ in CALENDAR_WORDS:
        return span.start
    if opens_with_saint(given.text) or given.pos_ in ("VERB", "AUX", "ADP", "PRON", "DET"):
        return span.start
    english = is_given_name(given.text, any_language=False) or news_given_name(given.text)
    if english or (is_given_name(given.text) and not is_given_name(span[0].text)):
        return j
    return span.start


def _end_across_of(span: Span, tagged: set[int]) -> int:
    """The end of an organisation's name running on over "of" and capitalised proper nouns
    in no entity of the model ("the European Court of Justice ruled"), or over the place
    the model tagged after an "of" it ended on ("Office for the Southern District of" +
    "New York")."""
    doc, j = span.doc, span.end
    if span[-1].lower_ == "of" and j < len(doc) and doc[j].ent_type_ in ("GPE", "LOC"):
        k = j + 1
        while k < len(doc) and doc[k].ent_iob_ == "I":
            k += 1
        return k
    if j + 1 >= len(doc) or doc[j].lower_ != "of" or not doc[j - 1].whitespace_:
        return span.end
    k = j + 1
    while k < len(doc) and k not in tagged and doc[k].is_title and doc[k].tag_ == "NNP":
        k += 1
        if not doc[k - 1].whitespace_:
            break
    return k if k > j + 1 else span.end


def _capitalised_run(doc: Doc, k: int, step: int, tagged: set[int]) -> int:
    """The index past the run of capitalised proper nouns (and the hyphens inside
    "Anti-Corruption") from `k` in direction `step`, over tokens in no entity of the model."""
    while 0 < k < len(doc) and k not in tagged:
        token = doc[k]
        hyphen = token.text == "-" and not token.whitespace_ and not doc[k - 1].whitespace_
        if not (hyphen or (token.is_title and token.tag_ in ("NNP", "NNPS"))):
            break
        k += step
    return k


def _end_across_and(span: Span, tagged: set[int]) -> int:
    """The end of an organisation's name running on over "and" and capitalised proper
    nouns in no entity of the model that end in a body's head word ("the Ethics and
    Anti-Corruption Commission"): the model cut one name in two. "Google and Microsoft"
    stays two names: the model tags the second one."""
    doc, j = span.doc, span.end
    if j + 1 >= len(doc) or doc[j].lower_ != "and":
        return span.end
    k = _capitalised_run(doc, j + 1, 1, tagged)
    if k == j + 1 or doc[k - 1].lower_ not in ORG_HEADS:
        return span.end
    return k


def _start_across_and(span: Span, tagged: set[int]) -> int:
    """The start of an organisation's name ending in a body's head word that runs back
    over "and" and capitalised proper nouns in no entity of the model ("the Public Accounts
    and Investment Committee", whose first half the model left untagged)."""
    doc, j = span.doc, span.start
    if j < 2 or doc[j - 1].lower_ != "and" or span[-1].lower_ not in ORG_HEADS:
        return span.start
    k = _capitalised_run(doc, j - 2, -1, tagged)
    return k + 1 if k < j - 2 else span.start
