"""Calls to action inside a paragraph: a publisher's widget text, no source of names.

The clean stage removes whole boilerplate lines, but sites glue their calls to action to
the last paragraph ("To learn more, please visit Acme.ai or follow us on LinkedIn or
Twitter.", "Join our Space Forums to keep talking space", "Follow Acme.com on Facebook").
The networks, forums and lists they name are the site's, not anyone the story is about,
and a news sentence never opens with an imperative addressed to the reader.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

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


def in_call_to_action(span: Span) -> bool:
    """Whether the sentence holding `span` is a call to action addressed to the reader."""
    return _CALL_TO_ACTION.search(span.sent.text) is not None
