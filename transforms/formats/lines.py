"""Text as every later step sees it: normalised characters and line ends, and the bound
past which a line is body text rather than site furniture.

The parsers use them (a publisher's signature line in the text), the clean stage too
(boilerplate lines), so both read lines the same way.
"""

from __future__ import annotations

import html
import re
import unicodedata

#: Lines longer than this are body text, whatever they contain.
MAX_BOILERPLATE_CHARS = 120

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u2060\ufeff]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: A character reference with its closing semicolon ("&amp;", "&#8217;", "&#x2019;"): feeds
#: and CSV exports leave them in text ("Larsen &amp; Toubro"). Only the terminated form is
#: read, so "AT&T" or "R&D" never change.
_CHARACTER_REFERENCE = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)


def normalise(text: str) -> str:
    """NFC, `\\n` line ends, one space for any run of spaces, no invisible or control characters,
    HTML character references decoded ("&amp;" is "&": the names and quotes read from the
    text keep no markup; offsets point into the result)."""
    text = _CHARACTER_REFERENCE.sub(lambda m: html.unescape(m.group()), text)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROLS.sub("", _INVISIBLE.sub("", text))
    return _SPACES.sub(" ", text)
