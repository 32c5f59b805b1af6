"""Interview transcripts: paragraphs that open with a speaker's label ("SHTAYYEH: ..."),
and interviews printed as questions and answers without labels (`interview_turns`).

A Q&A or a transcript gives its speakers' words without quotation marks: each turn opens
with a label and a colon ("VOA: ...", "Fields: ...", "Q: ..."), and a long answer runs on
over paragraphs without one until the next label. A turn whose label names a person of
the article (full name or surname, in any case) is that person's direct statement, one
row per paragraph; the interviewer's turns (the outlet, "Q", anyone else) are not rows.
It takes two labelled paragraphs to make a dialogue: a lone "Update: ..." or "Smith:
..." is left to the other steps. A paragraph without a label carries on the turn only
while the dialogue goes on after it and nothing reads as a heading in between (the
article's own text follows the last answer or a section title).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsbeam.transforms.quotes.speakers import Resolution, SpeakerResolver

#: A turn's label at the start of a paragraph: one to four capitalised words (titles with
#: their full stop: "Mr. Fields") and a colon before the words spoken.
_LABEL = re.compile(r"(?P<label>[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){0,3}):\s+(?=\S)")
_PARAGRAPH = re.compile(r"[^\n]+")
#: How a paragraph of running text ends (a heading ends otherwise: "Ocean Plastic
#: Recycling").
_SENTENCE_END = tuple('.!?…"”’)]')
#: Questions each answered by the paragraph after them that make a printed interview.
_MIN_EXCHANGES = 4
_MAX_QUESTION_WORDS = 80
_CLOSERS = '"”’)] '
_OPENERS = ('"', "“", "‘", "'", "«")
_YOU = re.compile(r"\byou(?:r|rs|rself)?\b", re.IGNORECASE)
_I_OR_WE = re.compile(r"\b(?:I|[Mm]y|[Mm]e|[Ww]e|[Oo]ur|[Uu]s)\b")


@dataclass(frozen=True)
class Turn:
    """One paragraph of a person's turn: its words, and the label and colon when the
    paragraph opens the turn (None on the paragraphs it runs on over)."""

    content: tuple[int, int]
    speaker: Resolution
    label: tuple[int, int] | None
    colon: int | None


def interview_turns(text: str, resolver: SpeakerResolver) -> list[Turn]:
    """Every paragraph of `text` an interviewee speaks: the labelled turns of a transcript
    (two labelled paragraphs or more), else the answers of an interview printed as
    questions and answers. The paragraphs and their labels are read once for both."""
    paragraphs = list(_paragraphs(text))
    labels = [_label(text, start, end) for start, end in paragraphs]
    if sum(label is not None for label in labels) >= 2:
        if _a_roster(text, paragraphs, labels):
            return []
        return _transcript_turns(text, paragraphs, labels, resolver)
    return _question_answers(text, paragraphs, resolver)


def _a_roster(
    text: str, paragraphs: list[tuple[int, int]], labels: list[re.Match[str] | None]
) -> bool:
    """Labelled lines that describe people rather than give their words ("Binyuan Hui:
    Lead Qwen code development, ..."; "Bowen Yu: ..."): no one has a second turn and no
    line speaks as "I" or "we" or to "you", as the turns of a dialogue do."""
    names = [label.group("label").casefold() for label in labels if label is not None]
    lines = [text[label.end() : end] for (_, end), label in zip(paragraphs, labels) if label]
    return len(set(names)) == len(names) and not any(
        _I_OR_WE.search(line) or _YOU.search(line) for line in lines
    )


def _transcript_turns(
    text: str,
    paragraphs: list[tuple[int, int]],
    labels: list[re.Match[str] | None],
    resolver: SpeakerResolver,
) -> list[Turn]:
    """Every paragraph spoken in a labelled turn by a person of the article."""
    last_label = max(i for i, label in enumerate(labels) if label is not None)
    turns: list[Turn] = []
    speaker: Resolution | None = None
    for i, ((start, end), label) in enumerate(zip(paragraphs, labels)):
        if label is not None:
            speaker = resolver.person_labelled(text[label.start() : label.end("label")])
            if speaker is not None:
                colon = label.end("label")
                content = (label.end(), end)
                turns.append(Turn(content, speaker, label.span("label"), colon))
        elif speaker is not None and i < last_label and text[start:end].endswith(_SENTENCE_END):
            turns.append(Turn((start, end), speaker, None, None))
        else:
            speaker = None
    return turns


def _question_answers(
    text: str, paragraphs: list[tuple[int, int]], resolver: SpeakerResolver
) -> list[Turn]:
    """The answers of an interview printed as questions and answers without labels: each
    paragraph answering a question is the interviewee's direct statement.

    It is such an interview when at least `_MIN_EXCHANGES` questions (paragraphs ending
    in "?") are each answered by the next paragraph, the questions mostly address "you"
    and the answers mostly speak as "I" or "we": an explainer's question subheads ("What
    happens next?") are answered in the writer's third person. An answer runs on over
    paragraphs up to the next question; after the last one, only its first paragraph is
    taken (the article's own text may follow). The interviewee is the person the text
    before the first question names most; unknown when none stands out."""
    asks = [_question(text[start:end]) for start, end in paragraphs]
    firsts = [i + 1 for i, ask in enumerate(asks[:-1]) if ask and not asks[i + 1]]
    if len(firsts) < _MIN_EXCHANGES:
        return []
    questions = [text[s:e] for (s, e), ask in zip(paragraphs, asks) if ask]
    answers = [text[slice(*paragraphs[i])] for i in firsts]
    if 2 * sum(bool(_YOU.search(q)) for q in questions) < len(questions) or 2 * sum(
        bool(_I_OR_WE.search(a)) for a in answers
    ) < len(answers):
        return []
    speaker = resolver.most_named_before(paragraphs[firsts[0] - 1][0]) or Resolution()
    turns = []
    for first in firsts:
        last = first
        while first != firsts[-1] and last + 1 < len(paragraphs) and not asks[last + 1]:
            last += 1
        for start, end in paragraphs[first : last + 1]:
            if text[start:end].endswith(_SENTENCE_END):
                turns.append(Turn((start, end), speaker, None, None))
    return turns


def _question(paragraph: str) -> bool:
    """A paragraph asking a question: ending in "?", not opening a quotation, not long."""
    return (
        paragraph.rstrip(_CLOSERS).endswith("?")
        and not paragraph.startswith(_OPENERS)
        and len(paragraph.split()) <= _MAX_QUESTION_WORDS
    )


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    for match in _PARAGRAPH.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            yield start, end


def _label(text: str, start: int, end: int) -> re.Match[str] | None:
    """The label opening the paragraph `[start, end)`, if it opens with one."""
    match = _LABEL.match(text, start, end)
    if match is None or not all(w[0].isupper() for w in match.group("label").split()):
        return None
    return match
