"""Reading PolNeAR (brat standoff attribution relations) for scoring the quotes stage.

Layout (see `../shared/data/polnear/README.md`): `<split>/text/<article>.txt` and
`<split>/attributions/<article>_<annotator>.ann`. An article annotated twice is read from
its first annotator in sort order. `Discuss`/`Discard` flags and `#` notes are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

Segments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Attribution:
    """One gold attribution relation: content, source and cue, each possibly discontinuous."""

    content: Segments
    source: Segments
    cue: Segments


@dataclass(frozen=True)
class GoldArticle:
    name: str
    text: str
    attributions: tuple[Attribution, ...]


def _segments(offsets: str) -> Segments:
    pieces = []
    for piece in offsets.split(";"):
        start, end = piece.split()
        pieces.append((int(start), int(end)))
    return tuple(pieces)


def merged(text: str, segments: Segments) -> Segments:
    """Segments with the ones that only whitespace separates joined into one.

    Annotators sometimes selected a quote sentence by sentence; the pieces are one
    contiguous passage of the text.
    """
    joined: list[tuple[int, int]] = []
    for start, end in segments:
        if joined and not text[joined[-1][1] : start].strip():
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return tuple(joined)


def parse_ann(ann: str, text: str) -> tuple[Attribution, ...]:
    """The attribution relations of one `.ann` file over its article `text`."""
    spans: dict[str, Segments] = {}
    relations = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        if line.startswith("T"):
            label, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = _segments(offsets)
        elif line.startswith("E"):
            relations.append(fields[1].split())
    attributions = []
    for args in relations:
        roles: dict[str, list[str]] = {}
        for arg in args[1:]:
            role, _, target = arg.partition(":")
            roles.setdefault(role.rstrip("0123456789"), []).append(target)

        def joined(role: str, roles: dict[str, list[str]] = roles) -> Segments:
            return tuple(sorted(seg for t in roles.get(role, []) for seg in spans.get(t, ())))

        content = merged(text, joined("Content"))
        if content:
            attributions.append(Attribution(content, joined("Source"), joined("Cue")))
    return tuple(attributions)


def read_split(split: Path) -> Iterator[GoldArticle]:
    """Every annotated article of a split folder, in name order."""
    for text_path in sorted((split / "text").glob("*.txt")):
        anns = sorted(
            path
            for path in (split / "attributions").glob(f"{text_path.stem}_*.ann")
            if "_" not in path.stem[len(text_path.stem) + 1 :]
        )
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        yield GoldArticle(
            text_path.stem, text, parse_ann(anns[0].read_text(encoding="utf-8"), text)
        )
