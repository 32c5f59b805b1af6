"""Mapping offsets in a cleaned article text back to the raw file it came from.

Gold annotations point into raw files; the pipeline's offsets point into the cleaned
text (boilerplate lines dropped, spaces collapsed, paragraphs re-joined). Cleaning keeps
the order of what it keeps, so each cleaned line is found in the raw text after the
previous one; a line that normalisation changed is matched character by character.
"""

from __future__ import annotations

#: How far ahead (characters) a changed line's character may be looked for.
_LOOKAHEAD = 200


def offset_map(cleaned: str, raw: str, start: int = 0) -> list[int]:
    """Raw offset of every cleaned character, plus one for the end; the body starts at
    `start` in the raw text."""
    mapping = [0] * (len(cleaned) + 1)
    cursor = start
    offset = 0
    for line in cleaned.split("\n"):
        found = raw.find(line, cursor) if line else -1
        if found >= 0:
            for k in range(len(line)):
                mapping[offset + k] = found + k
            cursor = found + len(line)
        else:
            for k, char in enumerate(line):
                hit = _next_match(raw, char, cursor)
                mapping[offset + k] = hit
                cursor = hit + 1 if hit < len(raw) else hit
        offset += len(line)
        if offset < len(cleaned):
            mapping[offset] = cursor  # the newline: just after the line in the raw text
            offset += 1
    mapping[len(cleaned)] = cursor
    return mapping


def _next_match(raw: str, char: str, cursor: int) -> int:
    """Where `char` (any space for a space) next occurs in `raw`, else the cursor."""
    for j in range(cursor, min(len(raw), cursor + _LOOKAHEAD)):
        if raw[j] == char or (char.isspace() and raw[j].isspace()):
            return j
    return min(cursor, len(raw))


def raw_span(mapping: list[int], start: int, end: int) -> tuple[int, int]:
    """The raw-file span of the cleaned span `[start, end)`."""
    if end <= start:
        return mapping[start], mapping[start]
    return mapping[start], mapping[end - 1] + 1
