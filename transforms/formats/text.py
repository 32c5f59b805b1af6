"""Plain-text articles: decoding with recorded fallbacks, and the title/body split."""

from __future__ import annotations

import codecs

from transforms.deadletter import RejectedInput

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


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode `data` as text and say how: (text, encoding).

    A byte-order mark decides when present; then strict UTF-8; then cp1252 (the usual
    mislabelled "Latin-1" of Western news sites) recorded as a fallback. NUL bytes and
    control characters mark binary data, which is rejected rather than decoded into noise.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise RejectedInput(
                    "decode", f"invalid {encoding} after its byte-order mark: {exc}"
                ) from exc
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
