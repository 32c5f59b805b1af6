"""Which parser reads a file: decided by its content first, its name only as a tie-break.

Names lie (an `.html` file that holds JSON, a `.txt` that is really a web page), so
the first bytes decide whenever they are unambiguous: `WARC/` starts a WARC file, `{`
or `[{` a JSON document or JSON lines, an HTML tag an HTML page. Only content with no
such mark falls back on the extension: an `.html` file whose markup starts after some
leading text is still HTML; anything else is plain text.
"""

from __future__ import annotations

import codecs
import json
import posixpath
import re

from newsbeam.transforms.formats.text import bomless_utf16

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
_JSON_NAMES = (".json", ".jsonl", ".ndjson")


def _head(data: bytes) -> str:
    """The first bytes as text, without byte-order mark or leading white space."""
    head = data[:_SNIFF_BYTES]
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return head.decode("utf-16", errors="replace").lstrip()
    utf16 = bomless_utf16(head[: len(head) // 2 * 2])
    if utf16:
        return head.decode(utf16, errors="replace").lstrip()
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    return head.decode("utf-8", errors="replace").lstrip()


def _json_lines(name: str, head: str) -> bool:
    """JSON lines whose first line is not JSON: named so, or most first lines objects."""
    lines = [line.strip() for line in head.splitlines()[:-1] if line.strip()][:5]
    objects = sum(1 for line in lines if line.startswith("{") and line.endswith("}"))
    named = posixpath.splitext(name.lower())[1] in _JSON_NAMES
    return objects >= 1 and (named or objects * 2 > len(lines))


def _json_array(head: str, data: bytes) -> bool:
    """An array of anything (`[1, {...}]`), told from text in brackets by parsing it."""
    if not head.startswith("["):
        return False
    try:
        return isinstance(json.loads(data.decode("utf-8-sig", errors="strict")), list)
    except (ValueError, RecursionError):
        return False


def sniff_format(name: str, data: bytes) -> str:
    """The format (one of FORMATS) of an uncompressed file called `name` holding `data`."""
    head = _head(data)
    if head.startswith("WARC/"):
        return "warc"
    if _JSON_START.match(head) or _json_lines(name, head) or _json_array(head, data):
        return "json"
    if _HTML_START.match(head) or (head.startswith("<?xml") and "<html" in head.lower()):
        return "html"
    extension = posixpath.splitext(name.lower())[1]
    if extension in _HTML_NAMES and _HTML_TAG.search(head):
        return "html"
    return "txt"
