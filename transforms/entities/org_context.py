"""What the words around a name say of an organisation.

spaCy's small model types many capitalised phrases ORG: products ("Ford Taurus"),
slogans and feature names ("Zero Trust", "Sensitive Data Intelligence"), headline words.
A real organisation named once is usually introduced by its sentence: a noun for its kind
before it ("broadcaster RTB", "the newspaper Sme"), a member or spokesperson after it
("Pentagon spokesman", "USAID Director"), a speech verb after it or a report before it
("the General Staff said", "told LBC", "according to the OECD"), or a definite article
with the name as the head of its phrase ("the Kremlin", "at the Brookings Institution";
"the Azovstal steel plant" names a plant, not the name, and "the European Court" of
"the European Court of Justice" is a cut piece of a name). `organisation_context` reads
those cues off the parse; `extract` counts them as evidence for a name typed ORG.
"""

from __future__ import annotations

from spacy.tokens import Span

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
#: Words right before a name that make it a source told or quoted ("told LBC").
SOURCE_BEFORE = frozenset({"told", "tells", "telling"})


def organisation_context(span: Span) -> bool:
    """Whether the sentence around `span` treats the name as an organisation's."""
    return organisation_cue(span) is not None


def organisation_cue(span: Span) -> str | None:
    """Which cue of the module's list the words around `span` give, else None."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end] if span.end < len(doc) else None
    if before in KIND_NOUNS:
        return "kind"
    if before in SOURCE_BEFORE or (
        span.start > 1 and doc[span.start - 2].lower_ == "according" and before == "to"
    ):
        return "source"
    if after is None:
        return None
    if after.lower_ in MEMBER_NOUNS:
        return "member"
    if _speech_verb_follows(span):
        return "speech"
    modifies = after.is_lower and after.pos_ in ("NOUN", "PROPN", "ADJ")
    return "article" if before == "the" and not modifies and not _name_goes_on(span) else None


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
