"""What the words around a name say of an organisation.

spaCy's small model types many capitalised phrases ORG: products ("Ford Taurus"),
slogans and feature names ("Zero Trust", "Sensitive Data Intelligence"), headline words.
A real organisation named once is usually introduced by its sentence: a noun for its kind
before it ("broadcaster RTB", "the newspaper Sme"), a member or spokesperson after it
("Pentagon spokesman", "USAID Director"), a speech verb after it or a report before it
("the General Staff said", "told LBC", "according to the OECD"), a programme after its
possessive ("on NBC's Meet the Press": the broadcaster), or a definite article
with the name as the head of its phrase ("the Kremlin", "at the Brookings Institution";
"the Azovstal steel plant" names a plant, not the name, and "the European Court" of
"the European Court of Justice" is a cut piece of a name). `organisation_cue` reads
those cues off the parse; `extract` counts them as evidence for a name typed ORG, and
`thing_context` the cues that make it a product's or a programme's instead.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from newsbeam.transforms.entities.repairs import POSSESSIVES, is_role_word

#: Nouns for a kind of organisation that introduce its name ("broadcaster RTB").
KIND_NOUNS = frozenset(
    """
    broadcaster newspaper paper tabloid magazine journal outlet network channel website
    agency firm company corporation conglomerate group party bank lender insurer retailer
    carrier airline startup charity nonprofit organisation organization union federation
    club team ministry regulator watchdog platform manufacturer maker publisher studio
    broadcasters newspapers firms companies banks parties agencies
    """.split()
)
#: Nouns for people of an organisation that follow its name ("Pentagon spokesman").
MEMBER_NOUNS = frozenset(
    """
    spokesman spokeswoman spokesperson official officials director directors chief chiefs
    leader leaders leadership researchers researcher agents agent officers staff members
    member employees employee chairman chairwoman chair executive executives ceo analysts
    analyst lawyers investigators scientists lawmakers minister ministers secretary
    """.split()
)
#: Lemmas of verbs of saying and reporting whose subject an organisation often is.
SPEECH_LEMMAS = frozenset(
    "say tell announce report state confirm warn add deny claim publish release".split()
)
#: Words that join the parts of one long name ("Court of Justice", "Institute for US and
#: Canadian Studies"); "and" is left out: it joins two names as often ("the White House and
#: New York's attorney general").
NAME_CONNECTORS = frozenset({"of", "for", "&"})
#: Words before a programme's title ("watch The World's Largest Hammerhead"), and with
#: "on" before a broadcaster's possessive that makes what follows its programme ("on
#: NBC's Meet the Press").
TITLE_BEFORE = frozenset({"watch", "watching", "watched"})
ON_OUTLET = TITLE_BEFORE | {"on"}
#: Words right before a name that make it a source told or quoted ("told LBC").
SOURCE_BEFORE = frozenset({"told", "tells", "telling"})


def is_kind_noun(word: str) -> bool:
    """Whether the lower-case `word` names a kind of organisation: one of `KIND_NOUNS` or a
    maker of something ("carmaker", "chipmaker")."""
    return word in KIND_NOUNS or (word.endswith("maker") and len(word) > 5)


def organisation_cue(span: Span) -> str | None:
    """Which cue of the module's list the words around `span` give, else None."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end] if span.end < len(doc) else None
    if is_kind_noun(before):
        return "kind"
    if before in SOURCE_BEFORE or (
        span.start > 1 and doc[span.start - 2].lower_ == "according" and before == "to"
    ):
        return "source"
    if after is None:
        return None
    if after.lower_ in MEMBER_NOUNS:
        return "member"
    if before in ON_OUTLET and _owns_a_title(span):
        return "outlet"
    if _speech_verb_follows(span):
        return "speech"
    modifies = after.is_lower and after.pos_ in ("NOUN", "PROPN", "ADJ")
    return "article" if before == "the" and not modifies and not _name_goes_on(span) else None


def _owns_a_title(span: Span) -> bool:
    """The name's possessive before a capitalised title ("on NBC's Meet the Press",
    "on Acme's App Store"): the broadcaster or the platform of a programme or a product."""
    doc, j = span.doc, span.end
    return j + 1 < len(doc) and doc[j].text in POSSESSIVES and doc[j + 1].text[:1].isupper()


def _name_goes_on(span: Span) -> bool:
    """The capitalised phrase continues past the span through a connector ("the European
    Court of Justice", "the Institute for US and Canadian Studies"): the span is a cut
    piece of a longer name, and the article belongs to that name."""
    doc = span.doc
    if span.end + 1 >= len(doc):
        return False
    connector, following = doc[span.end], doc[span.end + 1]
    return connector.lower_ in NAME_CONNECTORS and following.text[:1].isupper()


def _speech_verb_follows(span: Span) -> bool:
    """A verb of saying right after the name, or after one auxiliary ("has said")."""
    doc = span.doc
    for token in doc[span.end : min(len(doc), span.end + 2)]:
        if token.lemma_ in SPEECH_LEMMAS and token.pos_ == "VERB":
            return True
        if token.pos_ != "AUX":
            return False
    return False


#: Lower-case nouns for a made thing, a scheme or a show that a name before them modifies
#: ("the Intelligent Park Pilot technology", "the Acme EQS all-electric luxury model",
#: "the Solid Waste Infrastructure for Recycling (SWIFR) grant program"): the name is the
#: thing's, not an organisation's.
THING_NOUNS = frozenset(
    """
    technology technologies model models program programs programme programmes initiative
    principles grant grants feature features software app apps device devices series show
    podcast episode newscast game games vehicle vehicles car cars phone smartphone tool
    tools scheme framework protocol
    """.split()
)
#: Nouns whose "of" comes before a programme's title ("an episode of Acme Tonight").
TITLE_OF = frozenset({"episode", "episodes", "season", "host", "anchor"})
#: Lower-case words (hyphens count) a thing noun may come after ("all-electric luxury
#: model"), and their parts of speech (no verb: "Acme unveiled technology").
_MAX_MODIFIERS = 4
_MODIFIER_POS = frozenset({"ADJ", "NOUN", "DET", "PROPN", "NUM"})


def thing_context(span: Span) -> str | None:
    """ "title" when the words before `span` make the name a programme's or a product's
    title (`TITLE_BEFORE`, `TITLE_OF` + "of", a broadcaster's possessive after "on": "on
    CNN's State of the Union", also written "CNNs" where a site lost its apostrophes, or
    a thing noun and "like": "models like the QX7"), "thing" when a noun of `THING_NOUNS`
    follows it (a product's or a scheme's), "cut" when an untagged capitalised word does
    (`_untagged_name_follows`), else None."""
    if _title_before(span):
        return "title"
    if _thing_noun_follows(span):
        return "thing"
    return "cut" if _untagged_name_follows(span) else None


#: Function words a headline-case line capitalises ("Solutions For The Ocean Crisis") and
#: a sentence writes in lower case past its first word.
_FUNCTION_WORDS = frozenset("the for of and to in on with at by from a an".split())
#: Characters a subhead has at most on either side of a name; a longer line is prose.
_MAX_SUBHEAD_REACH = 120
_LINE_WORD = re.compile(r"[^\W\d_]+")


def in_headline_case_line(text: str, start: int, end: int) -> bool:
    """The name at text[start:end] stands on a line written in headline case, a subhead
    ("Next-Level Solutions For The Ocean Plastic Crisis"): every word capitalised, a
    function word too past the first. Headline case capitalises every word, so the model's
    ORG there is as often a phrase of the headline as a name. `text` is the article's own
    text: the parse reads such lines re-cased (`nlp.prepare_for_parse`)."""
    line_start = text.rfind("\n", max(0, start - _MAX_SUBHEAD_REACH), start) + 1
    if line_start == 0 and start > _MAX_SUBHEAD_REACH:
        return False
    line_end = text.find("\n", end, end + _MAX_SUBHEAD_REACH)
    if line_end < 0:
        if len(text) > end + _MAX_SUBHEAD_REACH:
            return False
        line_end = len(text)
    words = _LINE_WORD.findall(text, line_start, line_end)
    if len(words) < 3 or any(w[0].islower() for w in words):
        return False
    return any(w.lower() in _FUNCTION_WORDS for w in words[1:])


def _untagged_name_follows(span: Span) -> bool:
    """A capitalised proper noun in no entity of the model and no title right after the
    name ("the 4th Acme Investors Foundation Annual Convening on..."): the model cut a
    longer name, often an event's or a product's, and the piece is nobody's name."""
    doc = span.doc
    if span.end >= len(doc) or not doc[span.end - 1].whitespace_:
        return False
    after = doc[span.end]
    return (
        after.is_title
        and after.tag_ in ("NNP", "NNPS")
        and after.ent_iob_ == "O"
        and not is_role_word(after)
    )


def _thing_noun_follows(span: Span) -> bool:
    doc, k = span.doc, span.end
    if k + 2 < len(doc) and doc[k].text == "(" and doc[k + 2].text == ")":
        k += 3  # an acronym in brackets: "(SWIFR) grant program"
    for token in doc[k : min(len(doc), k + _MAX_MODIFIERS + 1)]:
        if token.lower_ in THING_NOUNS and token.is_lower:
            return True
        modifier = token.is_lower and token.pos_ in _MODIFIER_POS
        if not (modifier or (token.text == "-" and not token.whitespace_)):
            return False
    return False


def _title_before(span: Span) -> bool:
    doc, i = span.doc, span.start
    if i > 0 and doc[i - 1].lower_ == "the":
        i -= 1
    before = doc[i - 1] if i > 0 else None
    if before is None:
        return False
    if before.lower_ in TITLE_BEFORE:
        return True
    if before.lower_ == "like" and i > 1 and doc[i - 2].lower_ in THING_NOUNS:
        return True  # "other Acme models like the QX7": one of the things
    if before.lower_ == "of" and i > 1 and doc[i - 2].lower_ in TITLE_OF:
        return True
    owner = i - 1 if before.text in ("'s", "’s", "'", "’") else i
    possessive = owner < i or (before.text.endswith("s") and before.text[:-1].isupper())
    return possessive and owner > 1 and doc[owner - 2].lower_ in ON_OUTLET
