"""The quotes stage: who said what, from one parsed article and its canonical entities.

`extract_quotes(doc, entities)` finds three kinds of statement:
- direct: a passage in quotation marks attributed by a speech cue next to it
  ("“...,” said X", "X said: “...”"), or continuing the previous speaker's quote;
- mixed: reported speech that holds a quoted fragment ("X said the plan was “dead”");
  `text` is the reported content, marks included;
- indirect: a reported clause with no marks ("X said (that) CLAUSE", "according to X, ...").
Quoted passages nobody is said to have spoken (scare quotes, titles) are dropped.

Quoted passages come from the marks (`quote_marks`), cues and speakers from spaCy's
dependency parse, and speaker names from the entity stage (`speakers`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from pipeline.records import Entity, Quote
from transforms.quote_marks import QuotedSpan, find_quoted_spans
from transforms.speakers import SpeakerResolver, speaker_phrase
from transforms.speech_verbs import (
    CLAUSE_ONLY_VERBS,
    INTENT_VERBS,
    OBJECT_CUES,
    OPINION_VERBS,
    PHRASAL_CUES,
    PREPOSITION_CUES,
    SPEAKER_PRONOUNS,
    SPEECH_VERBS,
)

__all__ = ["extract_quotes"]

#: Dependency labels of a cue's subject.
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
#: Dependency labels through which a cue without a subject borrows its governor's
#: ("X went on to say", "X returned, tweeting that", "X said ... and added").
_BORROW_SUBJECT_DEPS = frozenset("xcomp advcl conj pcomp acl prep".split())
#: Cues whose infinitive complement is the reported content ("urged voters to stay home").
_XCOMP_CUES = (
    frozenset("urge ask tell call beg implore advise instruct order warn".split()) | INTENT_VERBS
)
#: Fewest words for each part of a clause split by its attribution to stand alone.
_MIN_PIECE_WORDS = 3
#: Lower-case words a title may hold ("Person of the Year").
_TITLE_SMALL_WORDS = frozenset("a an and at by for from in of on or the to with".split())
#: At most this many tokens between a closing mark and its cue ("”, Weiss said").
_MAX_AFTER_GAP = 25
#: Pronouns for things and statements, never the speaker of a quote they govern.
_THING_PRONOUNS = frozenset("it this that what which".split())
#: Fewest words for an unattributed quote to count as speech rather than a scare quote.
_MIN_FLOATING_WORDS = 4


@dataclass
class _Cue:
    """A speech cue with its speaker phrase (if any)."""

    token: Token
    end: int  # char end of the cue words ("according to" is two tokens)
    speaker: Span | None
    speaker_head: Token | None
    #: False when the speaker comes from context, with no cue words (`token` is then
    #: the verb of the sentence that introduced the speaker).
    worded: bool = True
    #: Char start of the cue words when they begin inside `token` (the ":" of "):").
    start: int | None = None


def extract_quotes(doc: Doc, entities: Sequence[Entity], *, text: str | None = None) -> list[Quote]:
    """Direct, mixed and indirect quotes of `doc`, in text order.

    `text` is the article text when `doc` was parsed from a same-length copy (the
    entity stage re-cases all-caps lines); values are cut from it. Never raises on odd
    input: unbalanced marks, empty text, very long paragraphs.
    """
    text = doc.text if text is None else text
    if len(text) != len(doc.text):
        raise ValueError("text and doc.text differ in length; offsets would not match")
    if not text.strip():
        return []
    return _Extractor(doc, entities, text).run()


class _Extractor:
    """State of one extraction: the Doc, its quoted spans and what is attributed so far."""

    def __init__(self, doc: Doc, entities: Sequence[Entity], text: str):
        self.doc = doc
        self.text = text
        self.resolver = SpeakerResolver(doc, entities)
        self.spans = find_quoted_spans(doc.text)
        self.quote_at = [-1] * len(doc)
        for n, span in enumerate(self.spans):
            for token in self._tokens_between(span.outer_start, span.outer_end):
                self.quote_at[token.i] = n
        self.used_cues: set[int] = set()

    def run(self) -> list[Quote]:
        quotes: list[Quote] = []
        previous: tuple[QuotedSpan, _Cue] | None = None
        for span in self.spans:
            cue, kind, content = self._attribute(span)
            if cue is None and previous is not None and self._continues(previous, span):
                cue, kind, content = previous[1], "direct", (span.start, span.end)
            if cue is None:
                if not (span.continued or self._is_floating_speech(span)):
                    continue  # a title or scare quote does not end the speaker's turn
                cue, kind, content = self._preceding_subject(span), "direct", (span.start, span.end)
            quotes.append(self._quote(content, kind, cue))
            previous = None
            if cue is not None:
                self.used_cues.add(cue.token.i)
                if kind == "direct" or cue.token.idx >= span.outer_end:
                    previous = (span, cue)
        quotes += self._indirect_quotes(quotes)
        quotes.sort(key=lambda q: (q.start, q.end))
        return _deduplicated(quotes)

    # -- tokens and spans -------------------------------------------------------------

    def _tokens_between(self, start: int, end: int) -> Span:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span if span is not None else self.doc[0:0]

    def _inside_quote(self, token: Token) -> bool:
        return self.quote_at[token.i] >= 0

    def _line_bounds(self, offset: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, len(self.text) if end < 0 else end

    # -- cues ------------------------------------------------------------------------

    def _cue(self, token: Token, adjacent: bool) -> _Cue | None:
        """`token` as a speech cue, with its speaker, or None when it is not one.

        `adjacent` cues stand next to a quotation, where opinion verbs and verbs that
        cue speech only with a clause ("show", "call") are left out.
        """
        if self._inside_quote(token):
            return None
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            if to is None:
                return None
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if obj is None:
                return None
            return _Cue(token, to.idx + len(to.text), speaker_phrase(obj), obj)
        if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG"):
            return None
        lemma = token.lemma_.lower()
        if lemma not in SPEECH_VERBS | OPINION_VERBS | INTENT_VERBS and not any(
            (lemma, c.lower_) in PHRASAL_CUES for c in token.children if c.dep_ == "prt"
        ):
            return None
        if adjacent and lemma in OPINION_VERBS | CLAUSE_ONLY_VERBS | INTENT_VERBS:
            return None
        return self._verb_cue(token)

    def _verb_cue(self, verb: Token) -> _Cue:
        head = self._subject_of(verb)
        speaker = speaker_phrase(head) if head is not None else None
        return _Cue(verb, verb.idx + len(verb.text), speaker, head)

    def _plausible_speaker(self, head: Token | None) -> bool:
        """A named, pronoun or known-entity subject: someone who can be quoted."""
        if head is None:
            return False
        return (
            head.pos_ == "PROPN"
            or head.lower_ in SPEAKER_PRONOUNS
            or self.resolver.entity_at(head.idx, head.idx + len(head.text)) is not None
        )

    def _subject_of(self, verb: Token) -> Token | None:
        """The subject of a cue, borrowed from its governor or found after it ("said X")."""
        node = _coordinated_cue(verb)
        for _ in range(5):
            subject = next(
                (c for c in node.children if c.dep_ in _SUBJECT_DEPS and not self._inside_quote(c)),
                None,
            )
            if subject is not None:
                return subject
            if node.dep_ not in _BORROW_SUBJECT_DEPS or node.head.i == node.i:
                break
            node = node.head
            if node.pos_ in ("NOUN", "PROPN"):
                node = node.head
        if verb.tag_ == "VBG":
            return None
        for child in verb.rights:
            if (
                child.dep_ in ("nsubj", "dobj", "attr", "dep", "oprd")
                and child.pos_ in ("PROPN", "NOUN", "PRON")
                and child.ent_type_ not in ("DATE", "TIME")
                and child.left_edge.i == verb.i + 1
                and not self._inside_quote(child)
            ):
                return child
        return None

    def _reported_speaker(self, cue: _Cue) -> _Cue:
        """`cue` with the speaker of the outermost cue reporting it, when its own is a pronoun.

        "Kritenbrink said he expects them to “...”": the quote is Kritenbrink's report,
        and "he" only repeats him; in "She says it underscores that Trump is “...”" the
        words are hers. The cue words stay the inner ones.
        """
        reporter = cue
        while reporter.speaker_head is not None and reporter.speaker_head.lower_ in (
            SPEAKER_PRONOUNS | _THING_PRONOUNS
        ):
            child, node = reporter.token, reporter.token.head
            outer = None
            while node.i != child.i and outer is None:
                if child.dep_ not in _SUBJECT_DEPS:
                    outer = self._cue(node, adjacent=False)
                child, node = node, node.head
            if outer is None or outer.speaker_head is None:
                break
            reporter = outer
        return replace(cue, speaker=reporter.speaker, speaker_head=reporter.speaker_head)

    def _attribute(self, span: QuotedSpan) -> tuple[_Cue | None, str, tuple[int, int]]:
        """Cue, kind and content span of a quoted piece (cue None when unattributed)."""
        inner = (span.start, span.end)
        cue = self._cue_after(span)
        if cue is not None:
            lead = self._sentence_lead(span)
            if lead is not None:
                return cue, "mixed", self._covering_quotes((lead, span.outer_end))
            return cue, "direct", inner
        cue = self._cue_before(span)
        if cue is not None:
            return cue, "direct", inner
        governed = self._governing_cue(span)
        if governed is not None:
            cue, content = governed
            if _same_words(self.text, content, inner):
                return cue, "direct", inner
            return cue, "mixed", self._covering_quotes(content)
        cue = self._cue_before_paragraph(span)
        if cue is not None:
            return cue, "direct", inner
        return None, "direct", inner

    def _sentence_lead(self, span: QuotedSpan) -> int | None:
        """Where the writer's words begin when they lead into the quote in its sentence.

        "The plan is “dead,” he said." reports "The plan is “dead,”": the quote is a
        fragment of that statement. None when the quote starts its sentence.
        """
        opening = self._tokens_between(span.outer_start, span.start)
        if not len(opening):
            return None
        sentence = opening[0].sent
        lead = self.doc[sentence.start : opening.start]
        stops = [t.i for t in lead if t.text in (".", "!", "?", ":", ";") or self._inside_quote(t)]
        if stops:
            lead = self.doc[stops[-1] + 1 : opening.start]
        words = [t for t in lead if not (t.is_punct or t.is_space)]
        if not words or any(self._cue(t, adjacent=True) for t in words):
            return None
        return words[0].idx

    def _cue_after(self, span: QuotedSpan) -> _Cue | None:
        """A cue right after the closing mark: "”, said X", "” X said", "”, according to X"."""
        if not span.closed:
            return None
        _, line_end = self._line_bounds(span.outer_end)
        window = self._tokens_between(span.outer_end, line_end)
        for token in window[:_MAX_AFTER_GAP]:
            if self._inside_quote(token):
                return None
            cue = self._cue(token, adjacent=True)
            if cue is not None:
                between = self.doc[window.start : token.i]
                speaker = cue.speaker_head
                if not all(t.is_punct or t.is_space or _within(t, speaker) for t in between):
                    return None
                if self._ends_sentence(span) and _has_complement(cue.token):
                    return None
                return cue
            if token.is_sent_end and token.text in ".!?" and token.i > window.start:
                return None
        return None

    def _ends_sentence(self, span: QuotedSpan) -> bool:
        """Whether a full stop inside the marks ends the sentence (“... today.” He added ...)."""
        return self.text[span.end - 1] == "." and any(
            t.is_sent_start for t in self._tokens_between(span.end, span.outer_end + 2)
        )

    def _cue_before(self, span: QuotedSpan) -> _Cue | None:
        """A cue introducing the quote on its line: "X said: “", "X told reporters, “",
        or a bare name and a colon ("Rep. Trey Gowdy (R-S.C.): “")."""
        line_start, _ = self._line_bounds(span.outer_start)
        prefix = self._tokens_between(line_start, span.outer_start)
        if not prefix or prefix[-1].text not in (":", ",", "):"):
            return None
        for token in reversed(prefix):
            if self._inside_quote(token) or (token.is_sent_end and token.text in ".!?"):
                break
            cue = self._cue(token, adjacent=True)
            if cue is None:
                continue
            later = self.doc[token.i + 1 : prefix.end]
            if all(t.is_punct or t.is_space or _within(t, cue.token) for t in later):
                return cue
            return None
        return self._name_before_colon(prefix[-1]) if prefix[-1].text.endswith(":") else None

    def _name_before_colon(self, colon: Token) -> _Cue | None:
        """The name a colon follows, skipping a bracketed note: "Jeffrey M. Jones: “..."."""
        depth = 1 if colon.text.startswith(")") else 0
        for token in reversed(self.doc[colon.sent.start : colon.i]):
            if token.text == ")":
                depth += 1
            elif token.text == "(":
                depth -= 1
            elif depth == 0 and not token.is_space:
                if token.pos_ != "PROPN" or self._inside_quote(token):
                    return None
                head = token
                while head.dep_ in ("compound", "flat") and head.head.i > head.i:
                    head = head.head
                end = colon.idx + len(colon.text)
                return _Cue(colon, end, speaker_phrase(head), head, start=end - 1)
        return None

    def _governing_cue(self, span: QuotedSpan) -> tuple[_Cue, tuple[int, int]] | None:
        """The cue outside the quote that governs it, with the reported content.

        Climbs the parse from the quote to the sentence root: the first speech cue that
        does not have the quote as its subject wins. Failing that, the first verb whose
        subject is someone quotable ("Clinton supports “appropriate pay raises”") takes
        a quote of two or more words that is not a title.
        """
        tokens = self._tokens_between(span.start, span.end)
        inside = set(range(tokens.start, tokens.end))
        roots = [t for t in tokens if t.head.i not in inside and not t.is_punct]
        fallback = None
        for root in roots:
            child, node = root, root.head
            while node.i != child.i:
                if node.i not in inside and child.dep_ not in _SUBJECT_DEPS:
                    cue = self._cue(node, adjacent=False)
                    if cue is not None:
                        return self._reported_speaker(cue), self._content_of(cue, child)
                    if fallback is None and node.pos_ == "VERB":
                        verb_cue = self._verb_cue(node)
                        if self._plausible_speaker(verb_cue.speaker_head):
                            fallback = verb_cue, self._content_of(verb_cue, child)
                child, node = node, node.head
        if fallback is not None and not _title_like(self.text[span.start : span.end]):
            return fallback
        return None

    def _content_of(self, cue: _Cue, child: Token) -> tuple[int, int]:
        """Char span of the reported content hanging under `cue` through `child`."""
        if cue.token.lower_ == "according":
            pieces = self._according_pieces(cue.token)
            return max(pieces, key=lambda p: p[1] - p[0]) if pieces else (child.idx, child.idx)
        last = child.right_edge
        for token in self.doc[child.left_edge.i + 2 : child.right_edge.i + 1]:
            if _tacked_on(token) and not self._inside_quote(token):
                last = self.doc[token.i - 2]
                break
        return _trim(self.text, child.left_edge.idx, last.idx + len(last.text))

    def _pieces_around(self, first: int, last: int, part: Token) -> list[tuple[int, int]]:
        """Tokens `first..last` minus the subtree of `part` (an attribution set in them).

        Both sides when each holds a few words (as quotes interrupted by their
        attribution give two quotes), else the longer one.
        """
        pieces = []
        for start, end in ((first, part.left_edge.i), (part.right_edge.i + 1, last + 1)):
            if end > start:
                piece = _trim(
                    self.text,
                    self.doc[start].idx,
                    self.doc[end - 1].idx + len(self.doc[end - 1].text),
                )
                if any(ch.isalnum() for ch in self.text[piece[0] : piece[1]]):
                    pieces.append(piece)
        full = [p for p in pieces if len(self.text[p[0] : p[1]].split()) >= _MIN_PIECE_WORDS]
        return full or sorted(pieces, key=lambda p: p[0] - p[1])[:1]

    def _according_pieces(self, according: Token) -> list[tuple[int, int]]:
        """The sentence that "according to X" sits in, without that phrase."""
        sentence = according.sent
        return self._pieces_around(sentence.start, sentence.end - 1, according)

    def _covering_quotes(self, content: tuple[int, int]) -> tuple[int, int]:
        """`content` widened to hold, marks included, every quoted piece it overlaps."""
        start, end = content
        for span in self.spans:
            if span.outer_start < end and start < span.outer_end:
                start, end = min(start, span.outer_start), max(end, span.outer_end)
        return start, end

    def _cue_before_paragraph(self, span: QuotedSpan) -> _Cue | None:
        """A cue ending the previous line with a colon ("X said:" then the quote)."""
        line_start, _ = self._line_bounds(span.outer_start)
        if self.text[line_start : span.outer_start].strip():
            return None
        previous_end = self.text.rstrip()[:line_start].rstrip()
        if not previous_end.endswith(":"):
            return None
        prev_start, _ = self._line_bounds(len(previous_end) - 1)
        for token in reversed(self._tokens_between(prev_start, len(previous_end))):
            cue = self._cue(token, adjacent=True)
            if cue is not None:
                return cue
        return None

    def _continues(self, previous: tuple[QuotedSpan, _Cue], span: QuotedSpan) -> bool:
        """Whether `span` carries on the previous attributed quote with no other clause between.

        Words outside the cue's sentence are allowed if they hold no verb: the parser
        sometimes ends the attribution sentence early ("said Air Force 1st Lt. | Tyler
        Livingston.").
        """
        before, cue = previous
        if span.continued:
            return True
        gap = self._tokens_between(before.outer_end, span.outer_start)
        cue_sentence = cue.token.sent.start
        if any(t.sent.start != cue_sentence and t.pos_ in ("VERB", "AUX") for t in gap):
            return False
        if "\n" in self.text[before.outer_end : span.outer_start]:
            return self._whole_paragraph(span)
        return self._sentence_level(span)

    def _whole_paragraph(self, span: QuotedSpan) -> bool:
        line_start, line_end = self._line_bounds(span.outer_start)
        return not self.text[line_start : span.outer_start].strip() and (
            not self.text[span.outer_end : line_end].strip(" .,")
        )

    def _sentence_level(self, span: QuotedSpan) -> bool:
        """Whether the quote starts a sentence (nothing but marks before it on its line)."""
        line_start, _ = self._line_bounds(span.outer_start)
        before = self.text[line_start : span.outer_start].rstrip()
        return not before or before[-1] in ".!?”\"'" or before.endswith(":")

    def _preceding_subject(self, span: QuotedSpan) -> _Cue | None:
        """The quotable subject of the sentence just before an unattributed quote.

        "Viguerie is upbeat about Cruz. “Not only can Ted Cruz win ...”": news style
        introduces a speaker, then gives the quote without a cue.
        """
        before = self.doc[: self._tokens_between(span.outer_start, span.end).start]
        words = [t for t in before[-60:] if not t.is_space]
        if not words:
            return None
        root = words[-1].sent.root
        if root.i >= len(before) or self._inside_quote(root):
            return None
        cue = self._verb_cue(root)
        if cue.speaker_head is None or not self._plausible_speaker(cue.speaker_head):
            return None
        cue.worded = False
        return cue

    def _is_floating_speech(self, span: QuotedSpan) -> bool:
        """An unattributed passage that still reads as speech: a whole sentence or more."""
        words = self.text[span.start : span.end].split()
        return (
            len(words) >= _MIN_FLOATING_WORDS
            and self._sentence_level(span)
            and self.text[span.end - 1] in ".!?,"
        )

    # -- indirect speech ------------------------------------------------------------

    def _indirect_quotes(self, found: list[Quote]) -> list[Quote]:
        """Reported clauses of cues that attributed no quotation.

        A clause holding a quoted fragment nobody was credited with yet is a mixed quote.
        """
        taken = [(q.start, q.end) for q in found]
        quotes = []
        for token in self.doc:
            if token.i in self.used_cues:
                continue
            cue = self._cue(token, adjacent=False)
            if cue is None and token.lemma_.lower() in PREPOSITION_CUES and token.pos_ == "VERB":
                cue = self._verb_cue(token)
            if cue is None or (cue.speaker is None and token.lower_ != "according"):
                continue
            for content in self._reported_pieces(cue):
                if not any(ch.isalnum() for ch in self.text[content[0] : content[1]]):
                    continue
                kind = "indirect"
                if any(self._inside_quote(t) for t in self._tokens_between(*content)):
                    content, kind = self._covering_quotes(content), "mixed"
                    if any(s < content[1] and content[0] < e for s, e in taken):
                        continue
                quotes.append(self._quote(content, kind, cue))
        return quotes

    def _reported_pieces(self, cue: _Cue) -> list[tuple[int, int]]:
        """The reported content of a cue that introduced no quotation, in one or two pieces.

        "X said (that) CLAUSE" and "X urged Y to VP" give the complement, "X praised Y"
        its object (for cues whose object is what is said or judged); "CLAUSE, X said."
        gives the clause before, "PART, X said, REST" its parts; "according to X" the rest
        of its sentence.
        """
        token = cue.token
        if token.lower_ == "according":
            return self._according_pieces(token)
        for child in token.children:
            if child.dep_ == "ccomp" or (
                child.dep_ == "xcomp" and token.lemma_.lower() in _XCOMP_CUES
            ):
                return [self._content_of(cue, child)]
        if token.lemma_.lower() in OBJECT_CUES:
            for child in token.children:
                if child.dep_ == "dobj" and not self._inside_quote(child):
                    return [self._content_of(cue, child)]
        topics = PREPOSITION_CUES.get(token.lemma_.lower(), ())
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in topics:
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    return [self._content_of(cue, objects[0])]
        if not self._parenthetical(token):
            return []
        return self._pieces_around(token.head.left_edge.i, token.head.right_edge.i, token)

    def _parenthetical(self, cue: Token) -> bool:
        """A cue set off by commas inside or at the end of its clause: "..., X said[,.]"."""
        head = cue.head
        if cue.dep_ not in ("parataxis", "ccomp", "advcl"):
            return False
        if head.pos_ not in ("VERB", "AUX") or _has_complement(cue):
            return False
        before, after = cue.left_edge.i, cue.right_edge.i
        while before < cue.i and self.doc[before].is_punct:
            before += 1
        while after > cue.i and self.doc[after].is_punct:
            after -= 1
        before, after = before - 1, after + 1
        return (
            before > head.left_edge.i
            and self.doc[before].text == ","
            and after < len(self.doc)
            and (self.doc[after].is_punct or self.doc[after].is_space)
        )

    # -- records ----------------------------------------------------------------------

    def _quote(self, content: tuple[int, int], kind: str, cue: _Cue | None) -> Quote:
        start, end = content
        quote = Quote(
            quote_id=_quote_id(start, end),
            text=self.text[start:end],
            start=start,
            end=end,
            kind=kind,
        )
        if cue is None:
            return quote
        if cue.worded:
            quote.cue_start = cue.token.idx if cue.start is None else cue.start
            quote.cue_end = cue.end
            quote.cue = self.text[quote.cue_start : quote.cue_end]
        if cue.speaker is not None and cue.speaker_head is not None:
            phrase = cue.speaker
            quote.speaker_start = phrase.start_char
            quote.speaker_end = phrase.end_char
            quote.speaker_mention = self.text[phrase.start_char : phrase.end_char]
            resolution = self.resolver.resolve(phrase, cue.speaker_head)
            quote.speaker, quote.speaker_label = resolution.name, resolution.label
        return quote


def _coordinated_cue(verb: Token) -> Token:
    """The speech verb a subjectless speech verb is coordinated with.

    "She said it was early but added ...": the parser hangs "added" on "was", inside
    what she said; the writer coordinates it with "said".
    """
    if verb.dep_ != "conj" or verb.lemma_.lower() not in SPEECH_VERBS:
        return verb
    node = verb.head
    for _ in range(4):
        if node.lemma_.lower() in SPEECH_VERBS and node.i != verb.i:
            return node
        if node.head.i == node.i:
            break
        node = node.head
    return verb


def _tacked_on(token: Token) -> bool:
    """Where the writer's words resume inside a reported clause: a comma-led participle
    (", tapping ...") or a subjectless speech verb coordinated with the cue ("... and
    added that")."""
    previous = token.doc[token.i - 1]
    if previous.text == "," and token.tag_ == "VBG":
        return token.dep_ in ("advcl", "xcomp", "acl", "conj")
    return (
        previous.dep_ == "cc"
        and token.dep_ == "conj"
        and token.lemma_.lower() in SPEECH_VERBS
        and not any(c.dep_ in _SUBJECT_DEPS for c in token.children)
    )


def _has_complement(verb: Token) -> bool:
    """Whether the verb reports something of its own ("He added that ...", "He touted X")."""
    return any(c.dep_ in ("ccomp", "xcomp", "dobj", "parataxis") for c in verb.children)


def _title_like(words: str) -> bool:
    """A single word or a capitalised name ("Saturday Night Live"), not a phrase someone said."""
    parts = [w for w in words.split() if any(ch.isalpha() for ch in w)]
    if len(parts) < 2:
        return True
    return all(w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in parts)


def _within(token: Token, head: Token | None) -> bool:
    """Whether `token` is part of the subtree of `head` (the speaker's phrase)."""
    if head is None:
        return False
    return head.left_edge.i <= token.i <= head.right_edge.i


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """`[start, end)` without surrounding whitespace and trailing commas or colons."""
    while start < end and (text[start].isspace() or text[start] in ",;:—–"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–"):
        end -= 1
    return start, end


def _same_words(text: str, content: tuple[int, int], inner: tuple[int, int]) -> bool:
    """Whether a content span holds nothing but the quoted words (plus marks, punctuation)."""
    outside = text[content[0] : inner[0]] + text[inner[1] : content[1]]
    words = [w for w in outside.split() if any(ch.isalnum() for ch in w)]
    return not words or (len(words) == 1 and words[0].lower() == "that")


def _quote_id(start: int, end: int) -> str:
    return hashlib.sha1(f"{start}:{end}".encode()).hexdigest()[:12]


def _deduplicated(quotes: list[Quote]) -> list[Quote]:
    """One quote per content span (the first, i.e. the direct or mixed reading)."""
    seen: set[tuple[int, int]] = set()
    kept = []
    for quote in quotes:
        if (quote.start, quote.end) in seen:
            continue
        seen.add((quote.start, quote.end))
        kept.append(quote)
    return kept
