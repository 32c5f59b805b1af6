"""Calls to action inside a paragraph: a publisher's widget text, no source of names.

The clean stage removes whole boilerplate lines, but sites glue their calls to action to
the last paragraph ("To learn more, please visit Acme.ai or follow us on LinkedIn or
Twitter.", "Join our Space Forums to keep talking space", "Follow Acme.com on Facebook",
"To donate by PayPal").
The networks, forums and lists they name are the site's, not anyone the story is about,
and a news sentence never opens with an imperative addressed to the reader. A
question-and-answer widget flattened into the text ("What is executive privilege?It is a
power...") is the site's too: its explainer is not the story.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

#: A sentence that asks the reader to follow, join, like, subscribe or donate: opening
#: with the imperative ("Follow" glued to a handle included, "Following"/"Follow-up" not)
#: or with "to donate" ("Or here: to donate by PayPal"), or asking anywhere to follow "us"
#: on a network ("...or follow us on LinkedIn"). Markup left before the words
#: ("<table><tr><td>Join the Acme.org mailing list") is no word of the sentence. A quoted
#: sentence ("\"Join us,\" she said") is someone's words, not the site's.
_CALL_TO_ACTION = re.compile(
    r"^(?:<[^>]*>|[^\w\"“'‘<])*"
    r"(?:(?:to (?:learn|find out|read) more|for (?:more|the latest)[\w ]{0,30}),?\s*)?"
    r"(?:please\s+)?(?:follow(?!ing|ed|s\b|ers?\b|-)|(?:join|subscribe to|sign up for)\s+"
    r"(?:us|our|the|my)\b|(?:or (?:here:?\s*)?)?to donate\b)"
    r"|\b(?:follow|like) us (?:on|at)\b",
    re.IGNORECASE,
)


#: A line opening with a question glued to its answer ("What is executive privilege?It is
#: a power..."): a question-and-answer widget flattened with its markup (news prose puts a
#: space or a quote after a question mark). Its names are the widget's, not the story's.
_FLATTENED_QUESTION = re.compile(r"^[^\n?]{0,200}?[a-z]\?[A-Z][a-z][^\n]*", re.MULTILINE)
#: A word every call to action holds: most articles have none, so their sentences are not
#: read one by one.
_CALL_WORDS = r"(?:follow(?!ing|ed|s\b|ers?\b)|join\s|subscribe to|sign up for|like us|donate)"
_CALL_WORD = re.compile(r"\b" + _CALL_WORDS, re.IGNORECASE)
#: The same words without the boundary, matched in the lower-cased text: a search that
#: rules most articles out several times faster than `_CALL_WORD` (whose boundary and case
#: folding keep the regular expression engine from skipping ahead).
_CALL_WORD_LOWER = re.compile(_CALL_WORDS)
#: What every flattened question holds, found in one pass before lines are matched (a
#: pattern opening with a literal "?", which the engine finds without trying every position).
_GLUED_QUESTION = re.compile(r"\?[A-Z][a-z]")


def calls_to_action(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Token ranges [start, end) of the sentences of `doc` that are calls to action
    addressed to the reader, and of the lines of a flattened question-and-answer widget
    (read once per article; most have none). `text` is the article's text, which `doc`
    was parsed from (same offsets)."""
    ranges = []
    if _CALL_WORD_LOWER.search(text.lower()) and _CALL_WORD.search(text):
        ranges = [
            (s.start, s.end)
            for s in doc.sents
            if _CALL_WORD.search(text, s.start_char, s.end_char)
            and _CALL_TO_ACTION.search(text[s.start_char : s.end_char])
        ]
    for line in _FLATTENED_QUESTION.finditer(text) if _GLUED_QUESTION.search(text) else ():
        span = doc.char_span(line.start(), line.end(), alignment_mode="expand")
        if span is not None:
            ranges.append((span.start, span.end))
    return ranges


def in_call_to_action(span: Span, calls: list[tuple[int, int]]) -> bool:
    """Whether `span` lies in one of the `calls_to_action` of its doc."""
    return any(start <= span.start < end for start, end in calls)
