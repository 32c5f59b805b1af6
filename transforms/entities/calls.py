"""Calls to action inside a paragraph: a publisher's widget text, no source of names.

The clean stage removes whole boilerplate lines, but sites glue their calls to action to
the last paragraph ("To learn more, please visit Acme.ai or follow us on LinkedIn or
Twitter.", "Join our Space Forums to keep talking space", "Follow Acme.com on Facebook").
The networks, forums and lists they name are the site's, not anyone the story is about,
and a news sentence never opens with an imperative addressed to the reader.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

#: A sentence that asks the reader to follow, join, like or subscribe: opening with the
#: imperative ("Follow" glued to a handle included, "Following"/"Follow-up" not), or
#: asking anywhere to follow "us" on a network ("...or follow us on LinkedIn"). A quoted
#: sentence ("\"Join us,\" she said") is someone's words, not the site's.
_CALL_TO_ACTION = re.compile(
    r"^[^\w\"“'‘]*(?:(?:to (?:learn|find out|read) more|for (?:more|the latest)[\w ]{0,30}),?\s*)?"
    r"(?:please\s+)?(?:follow(?!ing|ed|s\b|ers?\b|-)|(?:join|subscribe to|sign up for)\s+"
    r"(?:us|our|the|my)\b)"
    r"|\b(?:follow|like) us (?:on|at)\b",
    re.IGNORECASE,
)


#: A word every call to action holds: most articles have none, so their sentences are not
#: read one by one.
_CALL_WORD = re.compile(r"\b(?:follow|join|subscribe|sign up|like us)", re.IGNORECASE)


def calls_to_action(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Token ranges [start, end) of the sentences of `doc` that are calls to action
    addressed to the reader (read once per article; most have none). `text` is the
    article's text, which `doc` was parsed from (same offsets)."""
    if not _CALL_WORD.search(text):
        return []
    return [
        (s.start, s.end)
        for s in doc.sents
        if _CALL_WORD.search(text, s.start_char, s.end_char)
        and _CALL_TO_ACTION.search(text[s.start_char : s.end_char])
    ]


def in_call_to_action(span: Span, calls: list[tuple[int, int]]) -> bool:
    """Whether `span` lies in one of the `calls_to_action` of its doc."""
    return any(start <= span.start < end for start, end in calls)
