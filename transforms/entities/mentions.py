"""Finding named mentions in a parsed article: spaCy's NER, then document-level propagation.

The small model tags a name in one sentence and misses it (or tags it differently) in
the next. News repeats names, so once the first pass has found "Andrew Weiss", every
other "Andrew Weiss" and "Weiss" in the article is a person too. The second pass matches
the first pass's confident names and the surnames of its full personal names against the
existing tokens (no re-parse).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Collection, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import ORTH, POS
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.parts_of_speech import PROPN
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsbeam.transforms.entities.calls import calls_to_action, in_call_to_action
from newsbeam.transforms.entities.gazetteer import (
    PLACE_NOUNS,
    is_demonym,
    is_known_organisation,
    is_known_place,
)
from newsbeam.transforms.entities.gender import HONORIFIC_GENDER
from newsbeam.transforms.entities.names import (
    ALIAS_NAMES,
    GENERIC_HEADS,
    HONORIFICS,
    NAME_SUFFIXES,
    ORG_HEADS,
    PERSONAL_HONORIFICS,
    POSTNOMINALS,
    name_key,
    person_parts,
)
from newsbeam.transforms.entities.org_context import (
    in_headline_case_line,
    is_kind_noun,
    organisation_cue,
    thing_context,
)
from newsbeam.transforms.entities.repairs import (
    CALENDAR_WORDS,
    breaks_a_persons_name,
    inner_hyphen,
    is_role_word,
    join_cut_names,
    names_an_office,
    split_at_role,
    split_body_from_person,
    split_possessed_person,
)
from newsbeam.transforms.entities.roles import ROLE_ACRONYMS
from newsbeam.transforms.entities.short_forms import is_given_name

#: spaCy labels the entity stage keeps (numbers, dates and money are not entities here).
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
)

_LEADING_DROP = frozenset({"the", "a", "an"})
_TRAILING_DROP = frozenset({"'s", "’s", "'", "’", "s"})
#: Lower-case words allowed inside a name ("Sea of Azov", "Council on Foreign Relations").
_NAME_CONNECTORS = frozenset(
    (
        "of the and for on upon de la le el du da di dos das del der den van von al bin ibn y e &"
    ).split()
)
_PERSON_BREAKS = frozenset({"and", "or", "of"})
#: Articles no personal name takes.
_ARTICLES = frozenset({"the", "a", "an"})
#: Tags of what a possessive owns: a noun, an adjective before one, a number.
_OWNED_TAGS = ("NN", "JJ", "CD")
#: Adjectives that are part of a place's name ("Northern Ireland", "Greater London").
_PLACE_ADJECTIVES = frozenset(
    """
    north south east west northern southern eastern western central upper lower greater great
    new old united holy royal grand little big middle far near inner outer
    """.split()
)
_ADJECTIVE_TAGS = frozenset({"JJ", "JJR", "JJS"})
_NAME_BREAKS = frozenset({",", ";", ":", "|", "/", "(", "[", "]", '"', "“", "”"})
#: Words that open a caption's credit with "by" ("Silliman University PHOTOS BY ..."):
#: the model runs the name on into them.
_CREDIT_WORDS = frozenset({"photo", "photos", "photograph", "photographs", "video", "image"})
_DASHES = frozenset({"-", "–", "—", "--"})
#: Labels whose names are titles that may hold lower-case words ("Gone with the Wind").
_TITLED_LABELS = frozenset({"WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})


@dataclass(frozen=True)
class FoundMention:
    """A named mention before merging.

    `from_model` is True when spaCy's NER produced it (its label is a vote), False when
    the propagation pass did. `in_title` marks mentions found in the title Doc: they
    count for merging and salience but their offsets do not point into the body.
    `title` is the person's title standing right before the name (lower case, no dot:
    "mrs", "president"), else None. `place_noun` is True when a lower-case noun for a
    place follows the name ("Kurnool district"), comes before it with "of" ("the town
    of Adiivka") or heads an apposition after it ("Bucha, the Kyiv suburb"): the name is
    a place's. `org_context` is
    the cue ("kind", "member", "article"...) when the mention is typed ORG and the words
    around it treat the name as an organisation's ("the newspaper Sme", "Pentagon
    spokesman": `org_context.organisation_cue`; only ORG mentions are read, for speed).
    `thing_context` is "thing" or "title" when the mention is typed ORG and the words
    around it make the name a product's or a scheme's ("the Acme Pilot technology") or a
    programme's title ("on NBC's Meet the Press"), "cut" when the model cut it from a
    longer name ("Acme Foundation" of "Acme Foundation Annual Convening"):
    `org_context.thing_context`, "subhead" when nothing of those holds and the body line
    of the mention is written in headline case (`org_context.in_headline_case_line`).
    `kin` is True when a person's name is introduced by a noun of kinship ("his late son,
    Beau Biden"): news names a relative who shares the story's surname by the given name
    after that, so a surname alone is not theirs.
    """

    start: int
    end: int
    text: str
    label: str
    from_model: bool
    in_title: bool
    sentence: int
    title: str | None = None
    place_noun: bool = False
    org_context: str | None = None
    thing_context: str | None = None
    kin: bool = False

    @property
    def gender(self) -> str | None:
        """ "male" or "female" when the title before the name says so ("Mrs."), else None."""
        return HONORIFIC_GENDER.get(self.title) if self.title else None


#: Nouns for a place before "of" and its name ("the town of Adiivka"): "town" is no place
#: noun after a name ("the Trump town hall").
_PLACE_NOUNS_BEFORE_OF = PLACE_NOUNS | {"town", "suburb"}
#: Nouns for a place heading an apposition ("Bucha, the Kyiv suburb"), and how many
#: capitalised names or adjectives may stand before them.
_PLACE_APPOSITION_NOUNS = _PLACE_NOUNS_BEFORE_OF | {"capital"}
_APPOSITION_MODIFIERS = 3


def _place_noun_around(span: Span) -> bool:
    """A lower-case noun for a place right after the name ("Kurnool district"), before
    it with "of" ("the town of Adiivka") or heading an apposition after it ("Bucha, the
    Kyiv suburb where...", "Pelvanka, the regional capital"; not "Acme, the city's
    biggest employer" nor "Acme, the capital markets firm": the noun heads no phrase)."""
    doc, i = span.doc, span.start
    if span.end < len(doc) and doc[span.end].text in PLACE_NOUNS:
        return True
    if i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].text in _PLACE_NOUNS_BEFORE_OF:
        return True
    return _place_apposition(span)


def _place_apposition(span: Span) -> bool:
    doc, k = span.doc, span.end + 2
    if k >= len(doc) or doc[span.end].text != "," or doc[k - 1].lower_ != "the":
        return False
    stop = min(len(doc) - 1, k + _APPOSITION_MODIFIERS)
    while k < stop and doc[k].text not in _PLACE_APPOSITION_NOUNS:
        if doc[k].is_lower and doc[k].pos_ != "ADJ":
            return False
        k += 1
    head, after = doc[k], doc[k + 1] if k + 1 < len(doc) else None
    if head.text not in _PLACE_APPOSITION_NOUNS:
        return False
    return after is None or (after.tag_ != "POS" and after.pos_ not in ("NOUN", "PROPN"))


def _is_name_word(token_text: str) -> bool:
    return token_text[:1].isupper() or token_text[:1].isdigit() or token_text in _NAME_CONNECTORS


def _droppable_lead(token: Token, label: str) -> bool:
    """Words before a name: punctuation, articles, lower-case words ("pro-Beijing"), titles."""
    if token.is_punct or token.is_space or token.lower_ in _LEADING_DROP:
        return True
    if token.text[:1].islower() and token.text not in _NAME_CONNECTORS:
        return True
    return label == "PERSON" and token.text.replace(".", "").lower() in HONORIFICS


def _droppable_tail(token: Token, label: str) -> bool:
    """Words after a name: possessives, punctuation but ")", lower-case words (not in titles)."""
    if token.lower_ in _TRAILING_DROP or token.is_space:
        return True
    if token.is_punct and token.text != ")":
        return True
    return (
        label not in _TITLED_LABELS and token.text[:1].islower() and not _after_inner_hyphen(token)
    )


def _after_inner_hyphen(token: Token) -> bool:
    """The second half of a hyphenated word ("cheung" of "Che-cheung")."""
    return token.i > 0 and token.nbor(-1).text == "-" and not token.nbor(-1).whitespace_


def _breaks_name(token: Token, label: str) -> bool:
    """A token no name runs across: line break, comma, free-standing dash, a lower-case word.

    "Grace Road, Leicestershire" and "Yorkshire at Headingley" are two names each; titles
    of works, events, laws and products keep their lower-case words; no person's name
    holds "and" ("Cummings and Conyers" are two people).
    """
    if "\n" in token.text or token.text in _NAME_BREAKS or _opens_credit(token):
        return True
    if label == "PERSON" and token.lower_ in _PERSON_BREAKS:
        return True
    if token.text == "The" and label not in _TITLED_LABELS:
        return True  # "BRUSSELS, Belgium The European Commission": a sentence glued on
    if token.text in _DASHES and token.whitespace_ and token.i > 0 and token.nbor(-1).whitespace_:
        return True
    return (
        label not in _TITLED_LABELS
        and token.text[:1].islower()
        and token.text not in _NAME_CONNECTORS
        and not _after_inner_hyphen(token)
    )


def _opens_credit(token: Token) -> bool:
    """ "Photos" of "... Silliman University Photos by Edgar Sembrano": a caption's credit."""
    doc = token.doc
    return (
        token.lower_ in _CREDIT_WORDS and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "by"
    )


def _cut_after_preposition(span: Span) -> bool:
    """Whether a name follows a capitalised preposition after a capitalised word ("Doctors
    Without [Borders]"): the end of a body's name the model cut."""
    if span.start < 2:
        return False
    doc = span.doc
    link, first = doc[span.start - 1], doc[span.start - 2]
    return (
        link.is_title
        and not link.is_sent_start
        and breaks_a_persons_name(link)
        and first.is_title
        and first.ent_type_ == ""
    )


def _in_lower_compound(token: Token) -> bool:
    """A name after a lower-case prefix: "Beijing" in "pro-Beijing", "Trump" in "anti-Trump".

    The compound describes a stance, not the entity. Name particles ("al-Assad") are kept,
    and so are compounds that name the entity as an actor ("Kremlin-founded").
    """
    doc = token.doc
    i = token.i
    if i < 2 or not inner_hyphen(doc[i - 1]):
        return False
    prefix = doc[i - 2].text
    return prefix[:1].islower() and prefix not in _NAME_CONNECTORS


def _trim(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """The name in tokens [start, end): lead-ins, tails (a person's post-nominal letters
    too) and hyphen compounds cut off."""
    while start < end - 1 and _droppable_lead(doc[start], label):
        start += 1
    while end > start and _droppable_tail(doc[end - 1], label):
        end -= 1
    while label == "PERSON" and end - start > 2 and doc[end - 1].text in POSTNOMINALS:
        end -= 1  # "Peter Hall QC" is Peter Hall
        while end > start and _droppable_tail(doc[end - 1], label):
            end -= 1
    while start < end and _in_lower_compound(doc[start]):
        start += 1
        while start < end and _droppable_lead(doc[start], label):
            start += 1
    while end - start > 1 and _describes_name(doc[start], doc[start + 1 : end], label):
        start += 1
    first = doc[start] if start < end else None
    if first is None or _droppable_lead(first, ""):
        return None
    span = Span(doc, start, end, label=label)
    # A name holds a capital, most often its first letter (checked first: `span.text`
    # joins a string per token).
    return span if first.text[:1].isupper() or any(c.isupper() for c in span.text) else None


def _describes_name(token: Token, rest: Span, label: str) -> bool:
    """A word before a name that describes it: "Kenyan Susan Chepkemei", "Mountainous Nepal".

    A nationality adjective before a person's full name, and a nationality adjective or
    an adjective the tagger marks before a known place (but not the ones places are named
    with: "Northern Ireland") are not part of the name. Organisations keep theirs
    ("British Airways").
    """
    if label == "PERSON":
        return (
            len(rest) >= 2
            and is_demonym(token.text)
            and not is_given_name(token.text, any_language=False)
            and person_parts(rest.text) is not None
        )
    if label not in ("GPE", "LOC") or not is_known_place(rest.text):
        return False
    if is_known_place(f"{token.text} {rest.text}") or token.lower_ in _PLACE_ADJECTIVES:
        return False
    return is_demonym(token.text) or token.tag_ in _ADJECTIVE_TAGS


def split_span(span: Span, common_words: Container[str] = ()) -> list[Span]:
    """The names inside one NER span, without articles, titles, possessives or punctuation.

    An ampersand joins the names in a firm's name, never two people's ("Larsen & Toubro",
    "Marks & Spencer"): a person's span holding one is an organisation's; so is one that
    opens with a preposition after a capitalised word ("Reporters [Without Borders]").
    When the span breaks into pieces, a one-word piece that is a common word of the
    article (in `common_words`, lower case) or a function word is dropped: the "Image" of
    "Image: Nick Moreau", the "Cricket" of "CRICKET - LEICESTERSHIRE".
    """
    doc, label = span.doc, span.label_
    if label == "PERSON" and any(t.text == "&" for t in span):
        span, label = Span(doc, span.start, span.end, label="ORG"), "ORG"  # "Larsen & Toubro"
    if label == "PERSON" and breaks_a_persons_name(span[0]):
        # "Reporters [Without Borders]": the body's name the model cut after its first word
        if span.start == 0 or not doc[span.start - 1].is_title:
            return []
        span, label = Span(doc, span.start - 1, span.end, label="ORG"), "ORG"
    elif label in ("ORG", "PERSON") and _cut_after_preposition(span):
        # "Doctors Without [Borders]": the model kept only the name's last words
        span, label = Span(doc, span.start - 2, span.end, label="ORG"), "ORG"
    pieces = []
    piece_start = span.start
    for i in range(span.start, span.end + 1):
        if i == span.end or _breaks_name(token := doc[i], label):
            piece_end = i
        elif "\n" in token.whitespace_:
            piece_end = i + 1
        else:
            continue
        trimmed = _trim(doc, piece_start, piece_end, label)
        if trimmed is not None:
            pieces += [
                p
                for part in split_at_role(trimmed)
                for whole in split_body_from_person(part)
                for p in split_possessed_person(whole)
            ]
        piece_start = i + 1
    pieces = [
        _without_title_tail(_without_kind_noun(_without_position_capital(p, common_words)))
        for p in pieces
    ]
    if len(pieces) < 2:
        return pieces
    return [
        p
        for p in pieces
        if len(p) > 1 or (p.text.lower() not in common_words and p.text.lower() not in STOP_WORDS)
    ]


def _without_position_capital(span: Span, common: Container[str]) -> Span:
    """A person's name without a common word capitalised only by opening the sentence.

    "Take Trump at his word" tags "Take Trump", "Bringing Arabs from Yemen began" tags
    "Bringing Arabs": a word the article writes in lower case elsewhere, or a gerund
    opening the sentence, and no given name, is no part of the name.
    """
    first = span[0]
    if (
        span.label_ == "PERSON"
        and len(span) > 1
        and _opens_sentence(span)
        and (
            (
                (first.lower_ in common or (first.tag_ == "VBG" and first.lower_.endswith("ing")))
                and not is_given_name(first.text, person=True)
            )
            or _inverted_cue(span)
        )
    ):
        return Span(span.doc, span.start + 1, span.end, label=span.label_)
    return span


def _without_kind_noun(span: Span) -> Span:
    """An organisation's name without the noun for its kind that opens the sentence
    ("Retailer Walmart said", "Carmaker Toyota"), when the article names the body without
    it too: capitalised only by its place, the noun is no part of the name, and "Walmart"
    later is the same body. A name that opens with such a noun and never goes without it
    ("Network Rail", "Union Pacific") keeps it."""
    first = span[0]
    if span.label_ != "ORG" or len(span) < 2 or not _opens_sentence(span):
        return span
    if not first.text[1:].islower() or not span[1].text[:1].isupper():
        return span
    if not is_kind_noun(first.lower_) or is_known_organisation(span.text):
        return span
    rest = span.doc[span.start + 1 : span.end]
    alone = (m.start() for m in re.finditer(re.escape(rest.text), span.doc.text))
    if not any(start != rest.start_char for start in alone):
        return span
    return Span(span.doc, span.start + 1, span.end, label=span.label_)


def _inverted_cue(span: Span) -> bool:
    """ "Said Emma Stokes, a co-author of the study: ...": a speech verb opening the
    sentence before a given name (though "Said" is a given name too)."""
    return len(span) > 2 and span[0].lower_ in ("said", "says") and is_given_name(span[1].text)


def _without_title_tail(span: Span) -> Span:
    """A person's name without the last word of the title before it, which the model took
    in: "Chief of [Detectives] Robert Boyce", "Special Agent in [Charge] J. William
    Rivers". The word follows the title's "of" or "in", is no given name, and a given
    name or an initial follows it."""
    doc = span.doc
    if span.label_ != "PERSON" or len(span) < 3 or span.start < 2:
        return span
    first, second, link = span[0], span[1], doc[span.start - 1]
    if (
        link.lower_ in ("of", "in")
        and is_role_word(doc[span.start - 2])
        and not is_given_name(first.text)
        and (is_given_name(second.text) or _initial(second.text))
    ):
        return Span(doc, span.start + 1, span.end, label=span.label_)
    return span


def _initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


class LowerCaseWords(Container[str]):
    """Words an article writes in lower case, asked one word at a time.

    A word is in when it is lower case and some token of the article has it as its text,
    checked by the word's string id against the tokens' ORTH ids (a symbol's id, not a hash,
    for words such as "number" or "mark"): building the string of every distinct word of an
    article, to ask about a few dozen names, cost more than the rest of the entity stage's
    first pass. `|` joins another's words or a set of words.
    """

    def __init__(self, hashes: set[int], words: Collection[str] = ()) -> None:
        self._hashes = hashes
        self._words = frozenset(words)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        return word in self._words or (word.islower() and get_string_id(word) in self._hashes)

    def __or__(self, other: LowerCaseWords | Collection[str]) -> LowerCaseWords:
        if isinstance(other, LowerCaseWords):
            return LowerCaseWords(self._hashes | other._hashes, self._words | other._words)
        return LowerCaseWords(self._hashes, self._words | set(other))


def _opened_by_an_office(span: Span, common: Container[str]) -> bool:
    """A span the model did not type PERSON that is an office's acronym in capitals before
    a name ("PM Modi", "CM Mann", "MP Jane Smith"): a person, unless a word after the
    acronym is one the article writes in lower case or heads a body's name ("MP
    Materials", "PM Capital Group")."""
    if span.label_ == "PERSON" or not 2 <= len(span) <= 4 or not span[0].text.isupper():
        return False
    if span[0].text.replace(".", "").lower() not in ROLE_ACRONYMS:
        return False
    rest = span[1:]
    return all(
        t.text[:1].isupper()
        and not t.text.isupper()
        and t.lower_ not in common
        and t.lower_ not in ORG_HEADS
        and t.lower_ not in GENERIC_HEADS
        for t in rest
    ) and not is_known_place(rest.text)


def common_words(doc: Doc) -> LowerCaseWords:
    """Words the article writes in lower case: a single-word name among them is a common word."""
    return LowerCaseWords(set(doc.to_array(ORTH).tolist()))


def _is_kicker(span: Span) -> bool:
    """A section label opening a headline ("SOCCER - JAPAN WIN"): not a name unless a place.

    Datelines look the same ("LONDON - ..."), so known places stay.
    """
    doc = span.doc
    if not _opens_line(span) or span.end + 1 >= len(doc):
        return False
    dash = doc[span.end]
    return (
        dash.text in _DASHES
        and bool(doc[span.end - 1].whitespace_)
        and bool(dash.whitespace_)
        and not is_known_place(span.text)
    )


def _opens_line(span: Span) -> bool:
    if span.start == 0:
        return True
    before = span.doc[span.start - 1]
    return "\n" in before.text or "\n" in before.whitespace_


def model_mentions(ents: Sequence[Span], common: Container[str]) -> list[Span]:
    """spaCy's named entities of the kept labels, split and trimmed to the names themselves.

    `ents` is a doc's `doc.ents` (which spaCy rebuilds on every read, so callers read it
    once), `common` is `common_words(doc)`.
    """
    return [
        piece
        for ent in join_cut_names(ents)
        if ent.label_ in ENTITY_LABELS
        for piece in split_span(ent, common)
        if not _is_kicker(piece)
        and not names_an_office(piece)
        and not _after_article(piece)
        and not _in_credit(piece)
        and not _common_noun(piece)
    ]


def _common_noun(span: Span) -> bool:
    """A one-word organisation the tagger reads as a common noun: "State-backed", "Photo",
    "Success", "Media contacts". The model's ORG on a capitalised word the parse calls a
    noun (NN, NNS, not NNP) is no name; an acronym is one whatever its tag ("IPCC")."""
    if span.label_ != "ORG" or len(span) != 1:
        return False
    word = span[0]
    return word.tag_ in ("NN", "NNS") and word.text[1:].islower()


def _in_credit(span: Span) -> bool:
    """A name in a credit after a caption or a paragraph: a photographer opening "(Jane Roe /
    For The Times)" or "(Jane Roe/AP)", a rights holder after "©" ("(©Daily Planet)").
    Neither is anyone the story is about."""
    doc = span.doc
    if span.start == 0:
        return False
    before = doc[span.start - 1].text
    if before.endswith("©"):
        return True
    return before == "(" and span.end < len(doc) and doc[span.end].text == "/"


def _after_article(span: Span) -> bool:
    """A one-word person's name after "the" or "a" as the head of its phrase: a noun or a
    nickname, not a name.

    Names take no article ("the Complainant was", "the Blob is"); a family in the plural
    does ("the Obamas"), and so does a name that modifies the noun after it ("the Trump
    administration", "the Warhol exhibit"), which stays.
    """
    doc = span.doc
    if span.label_ != "PERSON" or len(span) != 1 or span.start == 0 or span.text.endswith("s"):
        return False
    if span.end < len(doc) and doc[span.end].tag_.startswith(("NN", "POS")):
        return False
    return doc[span.start - 1].lower_ in _ARTICLES


def _confident(words: tuple[str, ...], lower_words: Container[str]) -> bool:
    """A name safe to look for elsewhere: capitalised words, not a common word on its own."""
    if not words or not words[0][:1].isupper() or not words[-1][:1].isupper():
        return False
    if not all(_is_name_word(w) for w in words):
        return False
    if len(words) == 1:
        word = words[0]
        return (
            sum(c.isalpha() for c in word) >= 2
            and word.lower() not in STOP_WORDS
            and word.lower() not in lower_words
        )
    return True


def _surname(words: tuple[str, ...]) -> str | None:
    """Last word of a full personal name, skipping "Jr."/"III"; None for a single word."""
    parts = list(words)
    while len(parts) > 1 and parts[-1].replace(".", "").lower() in NAME_SUFFIXES:
        parts.pop()
    if person_parts(" ".join(parts)) is None or not parts[-1][:1].isupper():
        return None
    return parts[-1]


def propagation_patterns(
    spans: list[Span], lower_words: Container[str]
) -> dict[tuple[str, ...], str]:
    """Token sequences to tag elsewhere in the article, each with the label to give it.

    Every confident name found by the model becomes a pattern with its majority label (a
    one-word name only when the model found it once inside a sentence: a capitalised word
    opening a line is weak evidence); the surname of every multi-word PERSON becomes a
    PERSON pattern. `lower_words` are the article's `common_words`.
    """
    votes: dict[tuple[str, ...], Counter[str]] = {}
    surnames: set[tuple[str, ...]] = set()
    words_of = [tuple(t.text for t in span) for span in spans]
    inside = {words for span, words in zip(spans, words_of) if not _opens_sentence(span)}
    for span, words in zip(spans, words_of):
        if _confident(words, lower_words) and (len(words) > 1 or words in inside):
            votes.setdefault(words, Counter())[span.label_] += 1
        if span.label_ == "PERSON" and all(_is_name_word(w) for w in words):
            surname = _surname(words)
            if surname and _confident((surname,), lower_words):
                surnames.add((surname,))
    patterns = {words: majority_label(counts) for words, counts in votes.items()}
    patterns.update({words: "PERSON" for words in surnames})
    return patterns


def _known_organisations(doc: Doc) -> set[str]:
    """Capitalised proper nouns of `doc` on the shipped list of widely known organisations
    ("Facebook has expressed sympathy ...": a name the small model often leaves untagged
    in a whole article, so no mention of it could be propagated)."""
    if not len(doc):
        return set()
    return {
        doc[i].text
        for i in np.flatnonzero(doc.to_array(POS) == PROPN).tolist()
        if doc[i].is_title and is_known_organisation(doc[i].text)
    }


def _opens_sentence(span: Span) -> bool:
    """True when the span is the first word of its sentence or line."""
    return span[0].is_sent_start or _opens_line(span)


def label_votes(group: Iterable[FoundMention]) -> Counter[str]:
    """The model's labels of a group of mentions; the propagated labels when it has none."""
    group = list(group)
    return Counter(m.label for m in group if m.from_model) or Counter(m.label for m in group)


def majority_label(counts: Counter[str]) -> str:
    """Most voted label; PERSON wins ties (spaCy's errors on people are mostly mislabels)."""
    best = max(counts.values())
    tied = sorted(label for label, n in counts.items() if n == best)
    return "PERSON" if "PERSON" in tied else tied[0]


def _isolated(span: Span) -> bool:
    """No capitalised word glued to the match: "Washington" inside "Washington Post" is not it."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    if after is not None and after.is_title and not after.is_sent_start and not after.is_punct:
        return False
    if before is not None and before.is_title and not span[0].is_sent_start:
        return before.text.replace(".", "").lower() in HONORIFICS
    return True


def propagated_mentions(
    doc: Doc, ents: Sequence[Span], found: list[Span], patterns: dict[tuple[str, ...], str]
) -> list[Span]:
    """Matches of `patterns` in `doc` that overlap none of the `found` spans nor another
    of the model's `ents` (`doc.ents`), read as the model's are: a one-word person's name
    after an article is a noun ("the Blob")."""
    if not patterns:
        return []
    taken = {i for span in found for i in range(span.start, span.end)}
    taken |= {
        i for ent in ents if ent.label_ not in ENTITY_LABELS for i in range(ent.start, ent.end)
    }
    candidates = [
        Span(doc, start, end, label=label)
        for start, end, label in token_sequence_matches(doc, patterns)
        if not any(i in taken for i in range(start, end))
    ]
    return [
        span for span in filter_spans(candidates) if _isolated(span) and not _after_article(span)
    ]


def token_sequence_matches(
    doc: Doc, patterns: dict[tuple[str, ...], str]
) -> Iterator[tuple[int, int, str]]:
    """(start, end, label) of every occurrence of a pattern's exact token sequence.

    What a PhraseMatcher on ORTH finds, without building one (and a Doc per pattern) for
    every article: the patterns are few, so a lookup by first word over the token
    array's hashes is cheaper.
    """
    strings = doc.vocab.strings
    by_first: dict[int, list[tuple[tuple[int, ...], str]]] = {}
    for words, label in patterns.items():
        hashes = tuple(strings.as_int(w) for w in words)
        by_first.setdefault(hashes[0], []).append((hashes, label))
    orth = doc.to_array(ORTH).tolist()
    for start in [i for i, first in enumerate(orth) if first in by_first]:
        for hashes, label in by_first[orth[start]]:
            end = start + len(hashes)
            if tuple(orth[start:end]) == hashes:
                yield start, end, label


#: Nouns of kinship that introduce a relative by name ("his son, Beau Biden").
_KIN_NOUNS = frozenset(
    """
    son daughter wife husband mother father brother sister widow widower grandson
    granddaughter grandmother grandfather nephew niece uncle aunt cousin stepson
    stepdaughter stepmother stepfather child
    """.split()
)


def _named_as_kin(span: Span) -> bool:
    """Whether a noun of kinship introduces the name: in apposition ("his late son, Beau
    Biden") or right before it ("her husband Tom Smith")."""
    root = span.root
    if root.dep_ == "appos" and root.head.lemma_.lower() in _KIN_NOUNS:
        return True
    k = span.start - 1
    if k >= 0 and span.doc[k].text == ",":
        k -= 1
    return k >= 0 and span.doc[k].lower_ in _KIN_NOUNS


def title_before(span: Span) -> str | None:
    """The title right before a person's name ("mrs" of "Mrs. Fischer"), else None."""
    if span.start == 0:
        return None
    word = span.doc[span.start - 1].text.replace(".", "").lower()
    return word if word in HONORIFICS or word in HONORIFIC_GENDER else None


def _lost_apostrophe(span: Span, stems: Collection[str], none_in_text: bool) -> bool:
    """A name ending in a possessive whose apostrophe the source dropped ("Putins war").

    What it owns must follow: a noun, an adjective or a number ("Williams said", "Ellis
    nor Eisenberg", "Ellis significantly" keep their "s"; a lower-case word tagged a bare
    verb counts as a noun when the stem is confirmed), and either the name less its "s"
    is a name of the article, a person's name whose last word less its "s" is a name of
    the article ("Bill Clintons" after "Clinton"; not "Uber Eats" after the "Eat" the
    model clipped from "Just Eat": no given name opens it), a known place
    or a name of the alias table ("World Health Organizations limits"), or the text has
    no apostrophe at all (a crawler that dropped them: "Joe Bidens climate agenda"), but
    there an organisation of several words may end in a plural head ("Home Affairs"):
    only the name's stem confirms its possessive.
    """
    last = span[-1].text
    if len(last) < 4 or last[-1] != "s" or not last[-2].islower() or last[-2] == "s":
        return False
    if is_known_place(span.text) or name_key(span.text, span.label_) in ALIAS_NAMES:
        return False  # "United States", "United Nations" end in their own "s"
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is None or not after.is_alpha:
        return False
    owned = after.tag_.startswith(_OWNED_TAGS)
    if (
        owned
        and none_in_text
        and after.text[:1].islower()
        and (span.label_ == "PERSON" or len(span) == 1)
    ):
        return True
    stem = span.text[:-1]
    confirmed = (
        stem.casefold() in stems
        or (last[:-1].casefold() in stems and (len(span) == 1 or is_given_name(span[0].text)))
        or is_known_place(stem)
        or name_key(stem, span.label_) in ALIAS_NAMES
    )
    # A noun the tagger read as a bare verb ("Mr. Putins infamy": infamy/VB): no verb in its
    # base form follows a singular name in news prose, so with the stem a name it is owned.
    return confirmed and (owned or (after.tag_ == "VB" and after.is_lower))


def _without_possessor(span: Span, stems: Collection[str]) -> Span:
    """A name without the possessive before it whose apostrophe the source dropped.

    "Ukraines Security Service", "Russias Defense Ministry", "Castros Liberty", "Mondays
    Intergovernmental Panel on Climate Change (IPCC) report": the model tags the owner
    with the name. A first word that is a known place, a name of the article (`stems`) or
    a day or month plus an "s" is the owner, no part of the name.
    """
    first = span[0].text
    if len(span) < 2 or len(first) < 4 or first[-1] != "s" or not first[-2].islower():
        return span
    if first[-2] == "s" or is_known_place(span.text) or span[1].text[:1].islower():
        return span
    stem = first[:-1]
    dated = span.label_ == "ORG" and stem.casefold() in CALENDAR_WORDS  # not "Mays Landing"
    if stem.casefold() in stems or is_known_place(stem) or dated:
        return Span(span.doc, span.start + 1, span.end, label=span.label_)
    return span


def _written_in(span: Span, text: str, lowered: str) -> bool:
    """Whether the body confirms a title mention: it writes the name (case aside) or, for a
    person opening with a given name, the surname as a capitalised word.

    A headline glues names to its Title Case verbs ("Securiti Joins Snowflake",
    "BharatPe Initiates"): the body writes neither form. A person's full name is often
    only in the headline ("Angela Merkel wins" over "Merkel said"); a known given name
    and the surname in the body confirm it. `lowered` is `text.lower()`.
    """
    if _has_word(lowered, span.text.lower()):
        return True
    if span.label_ != "PERSON" or len(span) < 2 or not is_given_name(span[0].text):
        return False
    return span[-1].text[:1].isupper() and _has_word(text, span[-1].text)


def _has_word(text: str, words: str) -> bool:
    """Whether `text` holds `words` with no word character glued to either end (what a
    regular expression between lookarounds finds, without compiling one per name)."""
    start = text.find(words)
    while start != -1:
        end = start + len(words)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
            return True
        start = text.find(words, start + 1)
    return False


#: Last words of a body's name that "for" and what the body does may follow: "United
#: Nations Office for the Coordination of Humanitarian Affairs", "Center for Strategic and
#: International Studies", "Society for the Prevention of Cruelty to Animals".
_BODIES_FOR = frozenset(
    """
    office institute center centre centers centres council committee commission agency
    authority department ministry bureau foundation trust fund society association
    alliance coalition campaign federation league union organization organisation
    service directorate secretariat network partnership
    """.split()
)


def joined_at_for(spans: list[Span]) -> list[Span]:
    """Two organisation spans the model cut at "for" joined as one: "the United Nations
    Office" and "the Coordination of Humanitarian Affairs" are one body when the first
    ends in a body's word and the second, capitalised, follows "for" (with "the")."""
    out: list[Span] = []
    for span in spans:
        if out and _cut_at_for(out[-1], span):
            out[-1] = Span(span.doc, out[-1].start, span.end, "ORG")
        else:
            out.append(span)
    return out


def _cut_at_for(first: Span, second: Span) -> bool:
    """Whether `second` goes on the organisation name `first` holds, after "for" (the)."""
    doc, gap = second.doc, second.start - first.end
    return (
        first.label_ == second.label_ == "ORG"
        and first[-1].lower_ in _BODIES_FOR
        and first[-1].text[:1].isupper()
        and second[0].text[:1].isupper()
        and gap in (1, 2)
        and doc[first.end].lower_ == "for"
        and (gap == 1 or doc[first.end + 1].lower_ == "the")
    )


def split_at_for(spans: list[Span], named: list[Span]) -> list[Span]:
    """Organisations' spans that join two names with "for" split in two, when the article
    names the part before on its own as an organisation (in `named`).

    "A report by RTI International for Environmental Defense Fund" and "Securiti for
    Snowflake" (a product of one firm for another's platform) come out as one ORG; a body
    named "for" what it does ("Institute for Fiscal Studies", "Campaign for Nuclear
    Disarmament") is not named by its first words alone.
    """
    alone: set[str] | None = None  # read only when a name holds "for": most hold none
    out = []
    for span in spans:
        k = None
        if span.label_ == "ORG":
            k = next((t.i for t in span[1:-1] if t.lower_ == "for"), None)
        if k is not None:
            if alone is None:
                alone = {s.text for s in named if s.label_ == "ORG"}
            if span.doc[span.start : k].text in alone:
                out += [
                    Span(span.doc, span.start, k, "ORG"),
                    Span(span.doc, k + 1, span.end, "ORG"),
                ]
                continue
        out.append(span)
    return out


def _thing_context(span: Span, text: str, in_title: bool) -> str | None:
    """`thing_context` of an ORG mention, else "subhead" for one on a headline-case line of
    the body (the title is headline case by nature: its names are checked by the body's)."""
    context = thing_context(span)
    if context is None and not in_title:
        return "subhead" if in_headline_case_line(text, span.start_char, span.end_char) else None
    return context


def find_mentions(
    doc: Doc, title_doc: Doc | None, text: str, common: LowerCaseWords | None = None
) -> list[FoundMention]:
    """All named mentions of the body (`doc`) and the title, first pass and propagation.

    `common` is `common_words(doc)` when the caller has it already.
    """
    common = common_words(doc) if common is None else common
    lowered = text.lower()
    title_common = common_words(title_doc) if title_doc is not None else LowerCaseWords(set())
    calls = calls_to_action(doc, text)
    ents, title_ents = doc.ents, title_doc.ents if title_doc is not None else ()
    body = [s for s in model_mentions(ents, common) if not in_call_to_action(s, calls)]
    title_common = title_common | common
    title = model_mentions(title_ents, title_common)
    title = [span for span in title if _written_in(span, text, lowered)]
    body, title = joined_at_for(body), joined_at_for(title)
    body, title = split_at_for(body, body + title), split_at_for(title, body + title)
    patterns = propagation_patterns(body + title, title_common)
    for word in _known_organisations(doc):
        patterns.setdefault((word,), "ORG")
    extra_body = [
        s for s in propagated_mentions(doc, ents, body, patterns) if not in_call_to_action(s, calls)
    ]
    extra_title = (
        propagated_mentions(title_doc, title_ents, title, patterns) if title_doc is not None else []
    )
    extra_title = [span for span in extra_title if _written_in(span, text, lowered)]
    sentence_starts = [sent.start for sent in doc.sents]

    def sentence(span: Span) -> int:
        # the last sentence opening at or before the span (what `span.sent` walks to)
        return max(bisect.bisect_right(sentence_starts, span.start) - 1, 0)

    no_apostrophes = "'" not in text and "’" not in text
    stems = {s.text.casefold() for s in body + title}
    stems |= {s[-1].text.casefold() for s in body + title if s.label_ == "PERSON"}
    body, title, extra_body, extra_title = (
        [_without_possessor(s, stems) for s in spans]
        for spans in (body, title, extra_body, extra_title)
    )

    def found(span: Span, from_model: bool, in_title: bool) -> FoundMention:
        end = span.end_char - _lost_apostrophe(span, stems, no_apostrophes)
        surface = span.text[: end - span.start_char] if in_title else text[span.start_char : end]
        label, honorific = span.label_, title_before(span)
        opening = span[0].text.replace(".", "").lower() if len(span) > 1 else None
        if (
            honorific in PERSONAL_HONORIFICS
            or opening in PERSONAL_HONORIFICS
            or _opened_by_an_office(span, common)
        ):
            # "Mr Somchai" is a person whatever the model typed, and so is a span it
            # opens ("Ms Mills", typed an organisation; "PM Modi")
            label = "PERSON"
        elif label != "PERSON":
            honorific = None
        return FoundMention(
            span.start_char,
            end,
            surface,
            label,
            from_model,
            in_title,
            -1 if in_title else sentence(span),
            honorific,
            _place_noun_around(span),
            organisation_cue(span) if label == "ORG" else None,
            _thing_context(span, text, in_title) if label == "ORG" else None,
            label == "PERSON" and _named_as_kin(span),
        )

    out = [
        found(s, from_model, False)
        for spans, from_model in ((body, True), (extra_body, False))
        for s in spans
    ]
    out += [
        found(s, from_model, True)
        for spans, from_model in ((title, True), (extra_title, False))
        for s in spans
    ]
    return out
