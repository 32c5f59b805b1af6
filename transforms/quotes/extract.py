"""Who said what, from one parsed article and its canonical entities.

`extract_quotes(doc, entities)` finds three kinds of statement:
- direct: a passage in quotation marks attributed by a speech cue next to it
  ("“...,” said X", "X said: “...”"), or continuing the previous speaker's quote;
- mixed: reported speech that holds a quoted fragment ("X said the plan was “dead”");
  `text` is the reported content, marks included;
- indirect: a reported clause with no marks ("X said (that) CLAUSE", "according to X, ...");
  also the words of a quotation whose marks the site dropped ("X has declared, We must
  ...");
- and, as direct quotes, the turns of an interview transcript ("SHTAYYEH: ...") and the
  answers of a printed question-and-answer interview.
Quoted passages nobody is said to have spoken (scare quotes, titles) are dropped.

The work is split by job: `marks` finds quoted passages, `cues` cues and their
speakers in spaCy's dependency parse, `direct` attributes the passages, `reported` finds
unquoted reported clauses (`content` bounds both, `nominal` reads nouns of speech),
`speakers` maps speaker phrases to the entity stage's canonical names, and `statements`
leaves one record per statement. This module runs them in order and builds the records.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from newsbeam.transforms.entities import calls_to_action, in_call_to_action
from newsbeam.transforms.nlp import aligned_text
from newsbeam.transforms.quotes.confidence import confidence, row_features
from newsbeam.transforms.quotes.cues import Cue, CueFinder
from newsbeam.transforms.quotes.direct import QuotationAttributor
from newsbeam.transforms.quotes.document import QuoteDocument
from newsbeam.transforms.quotes.marks import QuotedSpan
from newsbeam.transforms.quotes.reported import ReportedSpeech
from newsbeam.transforms.quotes.speakers import Resolution, SpeakerResolver
from newsbeam.transforms.quotes.speech_acts import is_speech_report
from newsbeam.transforms.quotes.statements import quote_id, statements
from newsbeam.transforms.quotes.transcripts import Turn, interview_turns
from newsbeam.transforms.records import Entity, Quote

__all__ = ["extract_quotes", "quotes_with_features"]


def extract_quotes(doc: Doc, entities: Sequence[Entity], *, text: str | None = None) -> list[Quote]:
    """Direct, mixed and indirect quotes of `doc`, in text order, each with its speaker,
    speaker type and key, and confidence.

    `text` is the article text when `doc` was parsed from a same-length copy (the
    entity stage re-cases all-caps lines); values are cut from it. Never raises on odd
    input: unbalanced marks, empty text, very long paragraphs.
    """
    return [quote for quote, _ in quotes_with_features(doc, entities, text=text)]


def quotes_with_features(
    doc: Doc, entities: Sequence[Entity], *, text: str | None = None
) -> list[tuple[Quote, list[float]]]:
    """`extract_quotes` with each row's confidence inputs (`confidence.FEATURES`), which
    the model behind `confidence` is fitted on."""
    text = aligned_text(doc, text)
    if not text.strip():
        return []
    qdoc = QuoteDocument(doc, text)
    quoted = [(s.outer_start, s.outer_end) for s in qdoc.spans]
    resolver = SpeakerResolver(doc, entities, quoted, text=qdoc.text)
    cues = CueFinder(qdoc, resolver)
    methods: dict[tuple[int, int | None], Resolution] = {}

    def record(content: tuple[int, int], kind: str, cue: Cue | None) -> Quote:
        quote, resolution = _record(qdoc, resolver, content, kind, cue)
        methods[quote.start, quote.cue_start] = resolution
        return quote

    quotations = _attributed_quotations(QuotationAttributor(qdoc, cues))
    quotes = [record(content, kind, cue) for cue, kind, content in quotations]
    reported = ReportedSpeech(qdoc, cues)
    quotes += [record(content, kind, cue) for cue, kind, content in reported.leads(quotations)]
    used_cues = {cue.token.i for cue, _, _ in quotations if cue is not None}
    taken = [(q.start, q.end) for q in quotes]
    quotes += [
        record(content, kind, cue) for cue, kind, content in reported.reports(used_cues, taken)
    ]
    for turn in interview_turns(qdoc.text, resolver):
        if not _quoted_already(turn, quotes):
            quote = _turn_record(qdoc, turn)
            methods[quote.start, quote.cue_start] = turn.speaker
            quotes.append(quote)
    quotes.sort(key=lambda q: (q.start, q.end))
    scored = []
    widgets = calls_to_action(doc, qdoc.text)
    for quote in statements(qdoc, quotes):
        if is_speech_report(qdoc, quote) and not _in_widget(doc, quote, widgets):
            features = row_features(qdoc, quote, methods[quote.start, quote.cue_start])
            quote.confidence = confidence(features)
            scored.append((quote, features))
    return scored


def _in_widget(doc: Doc, quote: Quote, widgets: list[tuple[int, int]]) -> bool:
    """Whether `quote` lies in the site's own text glued into a paragraph (a call to
    action, a flattened question-and-answer explainer: "May ex-presidents invoke executive
    privilege?Yes, ... the Supreme Court said Nixon could ..."): the entity stage takes
    no names from it, and its reports are the widget's background, not the story's."""
    if not widgets:
        return False
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    return span is not None and in_call_to_action(span, widgets)


def _attributed_quotations(
    attributor: QuotationAttributor,
) -> list[tuple[Cue | None, str, tuple[int, int]]]:
    """(cue, kind, content) of every quoted passage that is speech, in text order.

    An unattributed passage continues the previous attributed quote when nothing else
    intervenes, or is kept as speech when it reads like it (a whole sentence, a
    paragraph continued from the last); titles and scare quotes are dropped and do not
    end the previous speaker's turn.
    """
    found: list[tuple[Cue | None, str, tuple[int, int]]] = []
    previous: tuple[QuotedSpan, Cue] | None = None
    for span in attributor.qdoc.spans:
        cue, kind, content = attributor.attribute(span)
        if cue is None and previous is not None and attributor.continues(previous, span):
            cue, kind, content = previous[1], "direct", (span.start, span.end)
        if cue is None:
            if not (span.continued or attributor.is_floating_speech(span)):
                continue
            cue, kind, content = (
                attributor.preceding_subject(span),
                "direct",
                (span.start, span.end),
            )
        found.append((cue, kind, content))
        previous = None
        if cue is not None and (kind == "direct" or cue.token.idx >= span.outer_end):
            previous = (span, cue)
    return found


def _record(
    qdoc: QuoteDocument,
    resolver: SpeakerResolver,
    content: tuple[int, int],
    kind: str,
    cue: Cue | None,
) -> tuple[Quote, Resolution]:
    """The Quote record of a content span, with its cue words and resolved speaker, and
    the speaker's resolution."""
    start, end = content
    text = qdoc.text
    quote = Quote(
        quote_id=quote_id(start, end), text=text[start:end], start=start, end=end, kind=kind
    )
    if cue is None:
        return quote, Resolution()
    if cue.worded:
        quote.cue_start = cue.token.idx if cue.start is None else cue.start
        quote.cue_end = cue.end
        quote.cue = text[quote.cue_start : quote.cue_end]
    if cue.speaker is not None and cue.speaker_head is not None:
        phrase = cue.speaker
        resolution = resolver.resolve(phrase, cue.speaker_head)
        _speaker(text, quote, (phrase.start_char, phrase.end_char), resolution)
        return quote, resolution
    return quote, Resolution()


def _speaker(text: str, quote: Quote, mention: tuple[int, int] | None, resolution: Resolution):
    """Set `quote`'s speaker fields: the mention as written (if any) and who it is."""
    if mention is not None:
        quote.speaker_start, quote.speaker_end = mention
        quote.speaker_mention = text[mention[0] : mention[1]]
    quote.speaker, quote.speaker_label = resolution.name, resolution.label
    quote.speaker_type, quote.speaker_key = resolution.kind, resolution.key


def _quoted_already(turn: Turn, quotes: list[Quote]) -> bool:
    """Whether a quotation already found covers most of a transcript turn's words (a
    transcript that keeps its marks: "Fields: “I’m from the Bahamas.”")."""
    start, end = turn.content
    return any(
        q.kind == "direct" and 2 * (min(end, q.end) - max(start, q.start)) >= end - start
        for q in quotes
    )


def _turn_record(qdoc: QuoteDocument, turn: Turn) -> Quote:
    """The direct Quote of one paragraph of a transcript turn: the label's colon is its
    cue, the label its speaker's mention (none on the paragraphs the turn runs on over)."""
    start, end = turn.content
    text = qdoc.text
    quote = Quote(
        quote_id=quote_id(start, end), text=text[start:end], start=start, end=end, kind="direct"
    )
    if turn.colon is not None:
        quote.cue_start, quote.cue_end, quote.cue = turn.colon, turn.colon + 1, ":"
    _speaker(text, quote, turn.label, turn.speaker)
    return quote
