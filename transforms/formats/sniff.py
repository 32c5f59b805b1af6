"""Which parser reads a file: decided by its content first, its name only as a tie-break.

Names lie (an `.html` file that holds JSON, a `.txt` that is really a web page), so
the first bytes decide whenever they are unambiguous: `WARC/` starts a WARC file, `{`
or `[{` a JSON document or JSON lines, an HTML tag an HTML page. Only content with no
such mark falls back on the extension: an `.html` file whose markup starts after some
leading text is still HTML; anything else is plain text.
"""

from __future__ import annotations

import codecs
import posixpath
import re

#: Formats a file can be parsed as.
FORMATS = ("txt", "html", "json", "warc")

_SNIFF_BYTES = 4096
_JSON_START = re.compile(r"(?:\{|\[\s*(?:\{|\]))")
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|link|article|main|div|section|p|h[1-6]"
    r"|header|nav|!--)[\s>/]",
    re.IGNORECASE,
)
_HTML_TAG = re.compile(r"<(?:html|head|body|p|div|article|br)[\s>/]", re.IGNORECASE)
_HTML_NAMES = (".html", ".htm", ".xhtml", ".shtml")


def _head(data: bytes) -> str:
    """The first bytes as text, without byte-order mark or leading white space."""
    head = data[:_SNIFF_BYTES]
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return head.decode("utf-16", errors="replace").lstrip()
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    return head.decode("utf-8", errors="replace").lstrip()


def sniff_format(name: str, data: bytes) -> str:
    """The format (one of FORMATS) of an uncompressed file called `name` holding `data`."""
    head = _head(data)
    if head.startswith("WARC/"):
        return "warc"
    if _JSON_START.match(head):
        return "json"
    if _HTML_START.match(head) or (head.startswith("<?xml") and "<html" in head.lower()):
        return "html"
    extension = posixpath.splitext(name.lower())[1]
    if extension in _HTML_NAMES and _HTML_TAG.search(head):
        return "html"
    return "txt"
