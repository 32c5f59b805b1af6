"""Plain-text articles: decoding with recorded fallbacks, the title/body split, sidecars."""

from __future__ import annotations

import codecs
import datetime as dt
import json
from dataclasses import dataclass

from newsbeam.transforms.deadletter import RejectedInput
from newsbeam.transforms.formats.common import ParsedFile
from newsbeam.transforms.formats.fields import RecordFields, record_fields

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_OK = frozenset("\t\n\r\f\v")
#: Share of control characters above which decoded "text" is really binary data.
_MAX_CONTROL_SHARE = 0.02
#: UTF-16 without a byte-order mark: at least this share of the code units have a zero
#: high byte (ASCII spaces, digits and punctuation do, whatever the language)...
_UTF16_ZERO_HIGH = 0.3
#: ...and at most this share a zero low byte (U+0100, U+4E00, ...; binary data has both).
_UTF16_ZERO_LOW = 0.05


def bomless_utf16(data: bytes) -> str | None:
    """`utf-16-le` or `utf-16-be` when `data` looks like UTF-16 text written without a
    byte-order mark (Windows tools write it), else None.

    Its NUL bytes are the high bytes of the code units, on one side only: at least
    `_UTF16_ZERO_HIGH` of the units on that side and at most `_UTF16_ZERO_LOW` on the
    other. Binary data (NULs on both sides, or few) is left to the binary check.
    """
    units = len(data) // 2
    if units < 2 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for high, low, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if high >= _UTF16_ZERO_HIGH * units and low <= _UTF16_ZERO_LOW * units:
            return encoding
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode `data` as text and say how: (text, encoding).

    A byte-order mark decides when present; then UTF-16 without one (`bomless_utf16`);
    then strict UTF-8; then cp1252 (the usual mislabelled "Latin-1" of Western news
    sites) recorded as a fallback. NUL bytes and control characters mark binary data,
    which is rejected rather than decoded into noise.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise RejectedInput(
                    "decode", f"invalid {encoding} after its byte-order mark: {exc}"
                ) from exc
    utf16 = bomless_utf16(data)
    if utf16:
        try:
            return _checked(data.decode(utf16)), f"{utf16} (no byte-order mark)"
        except UnicodeDecodeError:
            pass  # not UTF-16 after all (an unpaired surrogate): binary below
    if b"\x00" in data:
        raise RejectedInput("binary", "contains NUL bytes: not a text file")
    try:
        return _checked(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return _checked(data.decode("cp1252")), "cp1252 (fallback: not valid UTF-8)"
    except UnicodeDecodeError:
        return _checked(data.decode("latin-1")), "latin-1 (fallback: not valid UTF-8)"


def _checked(text: str) -> str:
    if text:
        controls = sum(1 for ch in text if ch < " " and ch not in _CONTROL_OK)
        if "\x00" in text or controls / len(text) > _MAX_CONTROL_SHARE:
            raise RejectedInput("binary", "mostly control characters: not a text file")
    return text


def split_title(text: str) -> tuple[str, str]:
    """(title, body): the first non-empty line is the title, everything after it the body."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.strip():
            return line.strip(), "".join(lines[i + 1 :])
    return "", ""


@dataclass
class Sidecar:
    """A `NAME.json` metadata file found next to `NAME.txt`."""

    uri: str
    data: bytes


def sidecar_uri(uri: str) -> str | None:
    """Where the sidecar of a text file would be (`a/b.txt` -> `a/b.json`), else None."""
    return uri[: -len(".txt")] + ".json" if uri.lower().endswith(".txt") else None


def sidecar_owner(uri: str) -> str | None:
    """The text file that would claim `uri` as its sidecar (`a/b.json` -> `a/b.txt`)."""
    return uri[: -len(".json")] + ".txt" if uri.lower().endswith(".json") else None


def sidecar_fields(data: bytes) -> RecordFields:
    """The metadata a sidecar holds (title, url, published_at, publisher, authors)."""
    text, _ = decode_text(data)
    try:
        record = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise RejectedInput("bad_sidecar", f"sidecar is not JSON: {exc}") from exc
    if not isinstance(record, dict):
        raise RejectedInput("bad_sidecar", "sidecar is not a JSON object")
    return record_fields(record)


def parse_text(
    uri: str, data: bytes, ingested_at: dt.datetime, sidecar: Sidecar | None = None
) -> ParsedFile:
    """The article of a text file: first line title, the rest body, sidecar metadata on top.

    With a sidecar title, the file's first line is taken as the title only when it
    repeats that title; otherwise the whole file is body. A sidecar that cannot be read
    is a dead letter of its own and the article is kept without it; so is a sidecar date
    that is no date (`1e400`), and the article is kept without a publication date.
    """
    text, encoding = decode_text(data)
    title, body = split_title(text)
    if not title:
        raise RejectedInput("empty", "no text in file")
    parsed = ParsedFile()
    fields = RecordFields()
    if sidecar is not None:
        try:
            fields = sidecar_fields(sidecar.data)
        except RejectedInput as exc:
            parsed.note(sidecar.uri, exc, ingested_at)
        if fields.unread_date:
            ignored = RejectedInput("bad_sidecar", f"{fields.unread_date}: ignored")
            parsed.note(sidecar.uri, ignored, ingested_at)
    if fields.title and " ".join(fields.title.split()) != " ".join(title.split()):
        title, body = fields.title, text
    parsed.articles.append(
        fields.article(
            title, body, uri, ingested_at, source_format="txt", extractor="text", encoding=encoding
        )
    )
    return parsed
