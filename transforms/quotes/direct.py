"""Who speaks a quoted passage: the cue next to it, the verb governing it, or context.

A quotation is attributed by a cue right after its closing mark ("”, said X"), before
its opening mark on the same line ("X said: “"), a verb outside the marks whose clause
holds it ("X called it “dead”", then the quote is mixed: reported speech holding a
fragment), or a cue ending the previous paragraph with a colon. Unattributed passages
may continue the previous speaker's quote, or follow a sentence about their speaker.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from spacy.tokens import Span, Token

from newsbeam.transforms.quotes.content import content_of, governed_content, same_words
from newsbeam.transforms.quotes.cues import (
    SUBJECT_DEPS,
    Cue,
    CueFinder,
    has_complement,
    quoted_one,
)
from newsbeam.transforms.quotes.document import QuoteDocument, title_like
from newsbeam.transforms.quotes.marks import QuotedSpan
from newsbeam.transforms.quotes.speakers import name_head, speaker_phrase
from newsbeam.transforms.quotes.verbs import (
    ADJACENT_ONLY_VERBS,
    NO_WORDS_VERBS,
    SPEAKER_PRONOUNS,
    SPEECH_VERBS,
)

#: At most this many tokens between a closing mark and its cue ("”, Weiss said").
_MAX_AFTER_GAP = 45
#: Dashes that set a byline after a quote ("” ― Sonya Herrid").
_DASHES = frozenset(("-", "--", "–", "—", "―"))
#: Most words of a speaker's name or description right next to its cue ("retired
#: neurosurgeon Ben Carson").
_MAX_NAME_WORDS = 6
#: Parts of speech of the words of such a name ("the two", "Sen. Ted Cruz").
_NAME_POS = frozenset("PROPN NOUN ADJ DET NUM".split())
#: Cues the tagger may read as nouns right after a quote ("Conway notes", "the editorial read").
_NOUN_READ_CUES = SPEECH_VERBS | ADJACENT_ONLY_VERBS
#: Punctuation after which a sentence or clause goes on without the speaker's name.
_CLAUSE_ENDS = (".", ",", ";", "!", "?", ":")
#: Whitespace, blank lines included, up to the next line's first word.
_SPACE_RUN = re.compile(r"\s*")
#: Fewest words for an unattributed quote to count as speech rather than a scare quote.
_MIN_FLOATING_WORDS = 4
#: The end of a sentence inside quoted words.
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’']?\s")

#: A quoted passage's attribution: its cue (None when unattributed), kind and content span.
Attribution = tuple[Cue | None, str, tuple[int, int]]


class QuotationAttributor:
    """Attributes the quoted passages of one article."""

    def __init__(self, qdoc: QuoteDocument, cues: CueFinder):
        self.qdoc = qdoc
        self.cues = cues

    def attribute(self, span: QuotedSpan) -> Attribution:
        """Cue, kind and content span of a quoted piece (cue None when unattributed)."""
        inner = (span.start, span.end)
        cue = self._cue_after(span)
        if cue is not None and self._governed_before(span, cue):
            cue = None
        if cue is not None:
            embedded = self._embedded_in_report(span)
            if embedded is not None:
                return embedded
            lead = self._sentence_lead(span)
            if lead is not None:
                return cue, "mixed", self.qdoc.covering_quotes((lead, span.outer_end))
            return cue, "direct", inner
        cue = self._cue_before(span) or self._dash_byline(span)
        if cue is not None:
            embedded = self._embedded_in_report(span)
            if embedded is not None and self._quotes_only(span, embedded[2]):
                return embedded
            return cue, "direct", inner
        governed = self._governing_cue(span)
        if governed is not None:
            cue, content, reported = governed
            if same_words(self.qdoc.text, content, inner) and (
                reported == content or same_words(self.qdoc.text, reported, inner)
            ):
                return cue, "direct", inner
            return cue, "mixed", self.qdoc.covering_quotes(reported)
        cue = self._cue_before_paragraph(span)
        if cue is not None:
            return cue, "direct", inner
        return None, "direct", inner

    def _sentence_lead(self, span: QuotedSpan) -> int | None:
        """Where the writer's words begin when they lead into the quote in its sentence.

        "The plan is “dead,” he said." reports "The plan is “dead,”": the quote is a
        fragment of that statement. None when the quote starts its sentence.
        """
        qdoc = self.qdoc
        opening = qdoc.tokens_between(span.outer_start, span.start)
        if not len(opening):
            return None
        sentence = opening[0].sent
        lead = qdoc.doc[sentence.start : opening.start]
        stops = [t.i for t in lead if t.text in (".", "!", "?", ":", ";") or qdoc.inside_quote(t)]
        if stops:
            lead = qdoc.doc[stops[-1] + 1 : opening.start]
        words = [t for t in lead if not (t.is_punct or t.is_space)]
        if not words or any(self.cues.cue(t, adjacent=True) for t in words):
            return None
        return words[0].idx

    def _embedded_in_report(self, span: QuotedSpan) -> Attribution | None:
        """The mixed quote of a cue before the quote in its sentence whose report holds
        it: "Cruz said Trump represents “New York values,” stating ..." quotes a
        fragment of what Cruz said, not the words of the cue after it; "Ryan said it’s
        unrealistic to think that if the U.S. pulls back, “our oceans are going to save
        us.”" ends the clause Ryan is reported to have said with his words, though a
        comma leads into them as into a direct quote."""
        governed = self._governing_cue(span)
        if governed is None:
            return None
        cue, content, reported = governed
        first = self.qdoc.tokens_between(span.outer_start, span.end)
        if not len(first) or cue.token.i >= first.start or cue.token.sent != first[0].sent:
            return None
        if self.cues.cue(cue.token, adjacent=False) is None:
            return None  # the fallback reading (a verb with a quotable subject), not a cue
        if same_words(self.qdoc.text, content, (span.start, span.end)):
            return None
        if not reported[0] <= span.start < reported[1]:
            return None  # the report is another part of the sentence
        return cue, "mixed", self.qdoc.covering_quotes(reported)

    def _quotes_only(self, span: QuotedSpan, content: tuple[int, int]) -> bool:
        """Whether `span` is the only quoted passage `content` overlaps: in "He said,
        “Trump will build the wall” - at which point the crowd chanted “Build the wall!”"
        the parse runs his clause on over the crowd's words, and the quote stays direct."""
        start, end = content
        return not any(
            other != span and other.outer_start < end and start < other.outer_end
            for other in self.qdoc.spans
        )

    def _cue_after(self, span: QuotedSpan) -> Cue | None:
        """A cue right after the closing mark: "”, said X", "” X said", "”, according to X"."""
        if not span.closed:
            return None
        qdoc = self.qdoc
        _, line_end = qdoc.line_bounds(span.outer_end)
        window = qdoc.tokens_between(span.outer_end, line_end)
        for token in window[:_MAX_AFTER_GAP]:
            if qdoc.inside_quote(token):
                return None
            misread = _cue_read_as_noun(token, qdoc.doc[window.start : token.i])
            if misread is not None:
                return misread
            cue = self.cues.cue(token, adjacent=True)
            if cue is not None:
                between = qdoc.doc[window.start : token.i]
                named = None
                if cue.speaker_head is None or (
                    cue.speaker_head.i > token.i and quoted_one(cue.token) is None
                ):
                    named = _name_before_cue(cue, between)
                if named is not None:
                    cue = named  # checked with its set-off description, if any
                else:
                    if cue.speaker_head is None:
                        cue = _name_after_cue(cue) or cue
                    speaker = cue.speaker_head
                    if not all(t.is_punct or t.is_space or _within(t, speaker) for t in between):
                        return None
                if self._ends_sentence(span) and has_complement(cue.token):
                    return None
                return cue
            if token.is_sent_end and token.text in ".!?" and token.i > window.start:
                return None
        return None

    def _governed_before(self, span: QuotedSpan, cue: Cue) -> bool:
        """Whether the quote is what a cue before it governs and the cue after it opens the
        next quotation: "Jobs was once asked “Do you do surveys?” He said “No ...”" (the
        question is the asking's, and "He said" introduces the answer)."""
        after = cue.token.doc[cue.token.i + 1 : cue.token.i + 3]
        return (
            self._ends_sentence(span, ".?!")
            and any(self.qdoc.inside_quote(t) for t in after if not t.is_space)
            and self._governing_cue(span) is not None
        )

    def _ends_sentence(self, span: QuotedSpan, stops: str = ".") -> bool:
        """Whether a full stop (or another of `stops`) inside the marks ends the sentence
        (“... today.” He added ...)."""
        return self.qdoc.text[span.end - 1] in stops and any(
            t.is_sent_start for t in self.qdoc.tokens_between(span.end, span.outer_end + 2)
        )

    def _cue_before(self, span: QuotedSpan) -> Cue | None:
        """A cue introducing the quote on its line: "X said: “", "X told reporters, “",
        or a bare name and a colon ("Rep. Trey Gowdy (R-S.C.): “")."""
        qdoc = self.qdoc
        line_start, _ = qdoc.line_bounds(span.outer_start)
        prefix = qdoc.tokens_between(line_start, span.outer_start)
        if not prefix or prefix[-1].text not in (":", ",", "):"):
            return None
        for token in reversed(prefix):
            if qdoc.inside_quote(token) or (token.is_sent_end and token.text in ".!?"):
                break
            cue = self.cues.cue(token, adjacent=True)
            if cue is None:
                continue
            later = qdoc.doc[token.i + 1 : prefix.end]
            if all(t.is_punct or t.is_space or _within(t, cue.token) for t in later):
                return cue if cue.speaker_head is not None else _name_set_off_before(cue)
            break  # a cue word not tied to the mark: "Continued Stone:" is still a name
        if not prefix[-1].text.endswith(":"):
            return None
        return self._name_before_colon(prefix[-1]) or self._subject_before_colon(prefix[-1])

    def _dash_byline(self, span: QuotedSpan) -> Cue | None:
        """A name after a dash that closes the quote's line: "“...” ― Sonya Herrid",
        "“...” — Sen. John Smith, R-Texas" (pull quotes, readers' comments, epigraphs).

        The name must end the line or be followed only by its description (after a
        comma or bracket): "” - Trump said ..." is a sentence, left to the other rules.
        The byline may also be the next line when the quote ends its own ("“...”" then
        "- Hillary Clinton").
        """
        if not span.closed:
            return None
        qdoc = self.qdoc
        _, line_end = qdoc.line_bounds(span.outer_end)
        words = [t for t in qdoc.tokens_between(span.outer_end, line_end) if not t.is_space]
        if all(t.text in (".", ",") for t in words):
            spaces = _SPACE_RUN.match(qdoc.text, line_end)
            next_start = spaces.end() if spaces else line_end
            _, next_end = qdoc.line_bounds(next_start)
            words = [t for t in qdoc.tokens_between(next_start, next_end) if not t.is_space]
        if len(words) < 2 or words[0].text not in _DASHES or words[1].pos_ != "PROPN":
            return None
        name = list(itertools.takewhile(lambda t: t.pos_ == "PROPN", words[1:]))
        rest = words[1 + len(name) :]
        if rest and rest[0].text not in (",", ".", "("):
            return None
        if any(qdoc.inside_quote(t) for t in name):
            return None
        dash = words[0]
        return Cue(dash, dash.idx + len(dash.text), qdoc.doc[name[0].i : name[-1].i + 1], name[-1])

    def _name_before_colon(self, colon: Token) -> Cue | None:
        """The name a colon follows, skipping a bracketed note: "Jeffrey M. Jones: “..."."""
        depth = 1 if colon.text.startswith(")") else 0
        for token in reversed(self.qdoc.doc[colon.sent.start : colon.i]):
            if token.text == ")":
                depth += 1
            elif token.text == "(":
                depth -= 1
            elif depth == 0 and not token.is_space:
                if (
                    token.pos_ != "PROPN"
                    or token.ent_type_ in ("DATE", "TIME")  # "... on Tuesday: “"
                    or self.qdoc.inside_quote(token)
                ):
                    return None
                head = name_head(token)
                end = colon.idx + len(colon.text)
                return Cue(colon, end, speaker_phrase(head), head, start=end - 1)
        return None

    def _subject_before_colon(self, colon: Token) -> Cue | None:
        """The named subject of the clause a colon ends: "McConnell delivered a blunt
        message to Trump: “...”", "as Tom Ridge put it: “...”" (news introduces a
        speaker's words this way without a speech verb)."""
        verb = colon.head if colon.head.pos_ in ("VERB", "AUX") else colon.sent.root
        if verb.i > colon.i or self.qdoc.inside_quote(verb):
            return None
        cue = self.cues.verb_cue(verb)
        head = cue.speaker_head
        if head is not None and head.pos_ == "NOUN":
            # "One early supporter, Representative Lee Zeldin, ... gave it a whirl: “"
            named = next((c for c in head.rights if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if named is not None:
                head = named
                cue = replace(cue, speaker=speaker_phrase(head), speaker_head=head)
        if head is None or head.pos_ != "PROPN" or not self.cues.plausible_speaker(head):
            return None
        return cue

    def _governing_cue(
        self, span: QuotedSpan
    ) -> tuple[Cue, tuple[int, int], tuple[int, int]] | None:
        """The cue outside the quote that governs it, with the reported content.

        Climbs the parse from the quote to the sentence root: the first speech cue that
        does not have the quote as its subject wins. Failing that, the first verb whose
        subject is someone quotable ("Clinton supports “appropriate pay raises”") takes
        a quote of two or more words that is not a title.
        """
        qdoc = self.qdoc
        tokens = qdoc.tokens_between(span.start, span.end)
        inside = set(range(tokens.start, tokens.end))
        roots = [t for t in tokens if t.head.i not in inside and not t.is_punct]
        fallback = None
        for root in roots:
            child, node, wordless = root, root.head, False
            while node.i != child.i:
                if node.i not in inside and child.dep_ not in SUBJECT_DEPS:
                    cue = self.cues.cue(node, adjacent=False)
                    if cue is not None:
                        content = governed_content(qdoc, cue, child)
                        reporter, under = self.cues.reporter(cue)
                        # the words stay the inner cue's; their speaker is the reporter's
                        spoken = replace(
                            cue, speaker=reporter.speaker, speaker_head=reporter.speaker_head
                        )
                        reported = content
                        if under is not None:
                            outer = content_of(qdoc, reporter, under)
                            if outer[0] <= span.start < outer[1]:  # marks are covered later
                                reported = outer
                        return spoken, content, reported
                    if fallback is None and node.pos_ == "VERB" and not wordless:
                        # the quote in the object of a verb of having or doing is
                        # nobody's words, nor those of a verb above it ("we need to adopt")
                        wordless = node.lemma_.lower() in NO_WORDS_VERBS
                        verb_cue = self.cues.verb_cue(node)
                        if not wordless and self.cues.plausible_speaker(verb_cue.speaker_head):
                            content = content_of(qdoc, verb_cue, child)
                            fallback = verb_cue, content, content
                child, node = node, node.head
        if fallback is not None and not title_like(qdoc.text[span.start : span.end]):
            return fallback
        return None

    def _cue_before_paragraph(self, span: QuotedSpan) -> Cue | None:
        """A cue ending the previous line with a colon ("X said:" then the quote)."""
        qdoc = self.qdoc
        line_start, _ = qdoc.line_bounds(span.outer_start)
        if qdoc.text[line_start : span.outer_start].strip():
            return None
        previous_end = qdoc.text.rstrip()[:line_start].rstrip()
        if not previous_end.endswith(":"):
            return None
        prev_start, _ = qdoc.line_bounds(len(previous_end) - 1)
        tokens = qdoc.tokens_between(prev_start, len(previous_end))
        for token in reversed(tokens):
            cue = self.cues.cue(token, adjacent=True)
            if cue is not None:
                return cue
        # A speaker's name on a line of its own ("Stated Stone:", "TRUMP:").
        return self._name_before_colon(tokens[-1]) if len(tokens) else None

    def continues(self, previous: tuple[QuotedSpan, Cue], span: QuotedSpan) -> bool:
        """Whether `span` carries on the previous attributed quote with no other clause between.

        Words outside the cue's sentence are allowed if they hold no verb: the parser
        sometimes ends the attribution sentence early ("said Air Force 1st Lt. | Tyler
        Livingston.").
        """
        before, cue = previous
        if span.continued:
            return True
        gap = self.qdoc.tokens_between(before.outer_end, span.outer_start)
        cue_sentence = cue.token.sent.start
        if any(t.sent.start != cue_sentence and t.pos_ in ("VERB", "AUX") for t in gap):
            return False
        between = self.qdoc.text[before.outer_end : span.outer_start]
        if "\n" in between:
            # A paragraph after a question is the answer, someone else's turn ("“Do you
            # dispute that?” | “There can be a very minimal risk ...”").
            return not _a_question(self.qdoc.text[before.start : before.end]) and (
                self._whole_paragraph(span)
            )
        # On the same line: the quote starts a sentence, or it resumes the one `before`
        # broke off for its cue, set off by commas ("“The risk,” said Edward Leamer, an
        # economist ..., “is that ...”").
        resumed = (
            between.strip().endswith(",")
            and before.outer_end <= cue.token.idx < span.outer_start
            and not any(t.text in (".", "!", "?") for t in gap)
        )
        return self._sentence_level(span) or resumed

    def _whole_paragraph(self, span: QuotedSpan) -> bool:
        text = self.qdoc.text
        line_start, line_end = self.qdoc.line_bounds(span.outer_start)
        return not text[line_start : span.outer_start].strip() and (
            not text[span.outer_end : line_end].strip(" .,")
        )

    def _sentence_level(self, span: QuotedSpan) -> bool:
        """Whether the quote starts a sentence (nothing but marks before it on its line)."""
        line_start, _ = self.qdoc.line_bounds(span.outer_start)
        before = self.qdoc.text[line_start : span.outer_start].rstrip()
        return not before or before[-1] in ".!?”\"'" or before.endswith(":")

    def preceding_subject(self, span: QuotedSpan) -> Cue | None:
        """The quotable subject of the sentence just before an unattributed quote.

        "Viguerie is upbeat about Cruz. “Not only can Ted Cruz win ...”": news style
        introduces a speaker, then gives the quote without a cue.
        """
        qdoc = self.qdoc
        before = qdoc.doc[: qdoc.tokens_between(span.outer_start, span.end).start]
        words = [t for t in before[-60:] if not t.is_space]
        if not words:
            return None
        root = words[-1].sent.root
        if root.i >= len(before) or qdoc.inside_quote(root):
            return None
        cue = self.cues.verb_cue(root)
        if cue.speaker_head is None or not self.cues.plausible_speaker(cue.speaker_head):
            return None
        cue.worded = False
        return cue

    def is_floating_speech(self, span: QuotedSpan) -> bool:
        """An unattributed passage that still reads as speech: a whole sentence or more."""
        words = self.qdoc.text[span.start : span.end].split()
        return (
            len(words) >= _MIN_FLOATING_WORDS
            and self._sentence_level(span)
            and self.qdoc.text[span.end - 1] in ".!?,"
        )


def _a_question(words: str) -> bool:
    """Whether quoted words are one question and nothing more ("Do you dispute that?"),
    not a speech that asks on the way ("Do you hear what I hear? Do you see ...?")."""
    words = words.rstrip()
    return words.endswith("?") and _SENTENCE_BREAK.search(words[:-1]) is None


def _name_before_cue(cue: Cue, between: Span) -> Cue | None:
    """`cue` with the name standing between the quote and it, when the parser lost it.

    "“...,” Ramos, 58, told AFP" and "“...!” Murphy, the head of ..., Tweeted" come out
    of the parse with the name as a conjunct or the verb as its modifier, and the verb
    with no subject (or its object taken for an inverted one: "told AFP"). A name or
    pronoun right after the closing mark, or the phrase the cue was read as modifying,
    then the cue (an appositive between commas allowed), is the speaker.
    """
    words = [t for t in between if not (t.is_punct or t.is_space)]
    if not words:
        return None
    verb = cue.token
    if words[0].pos_ == "PROPN" or words[0].lower_ in SPEAKER_PRONOUNS:
        head = name_head(words[0])
        if head.i >= verb.i:  # "”, Conway notes.": the name read as the verb's compound
            run = list(itertools.takewhile(lambda t: t.pos_ == "PROPN", words)) or words[:1]
            head = run[-1]
            phrase = verb.doc[words[0].i : head.i + 1]
        else:
            # the parser may hang words of the quote on the name ("hunky-dory,” Gene Sperling")
            phrase = speaker_phrase(head)
            phrase = verb.doc[max(phrase.start, words[0].i) : phrase.end]
    elif verb.dep_ == "acl" and between.start <= verb.head.i < between.end:
        head = verb.head  # "“...?” the 43-year-old asked": the cue read as its modifier
        phrase = verb.doc[words[0].i : head.i + 1]
        if any(t != head and head not in t.ancestors for t in phrase):
            return None
    else:
        return None
    if phrase.start != words[0].i or phrase.end > between.end:
        return None
    rest = [t for t in between.doc[phrase.end : between.end] if not t.is_space]
    if rest and not (len(rest) >= 2 and rest[0].text == "," and rest[-1].text == ","):
        return None
    return replace(cue, speaker=phrase, speaker_head=head)


def _cue_read_as_noun(token: Token, between: Span) -> Cue | None:
    """A speech verb the tagger read as a noun after a quote and its speaker's name:
    "“...,” Conway notes." and "“...,” the editorial read." come out as the noun phrases
    "Conway notes" and "the editorial read", with no verb and no subject."""
    doc = token.doc
    if token.pos_ != "NOUN" or token.lemma_.lower() not in _NOUN_READ_CUES:
        return None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is not None and not (
        after.is_space or after.text in _CLAUSE_ENDS or after.pos_ in ("ADP", "ADV")
    ):
        return None
    words = [t for t in between if not (t.is_punct or t.is_space)]
    if not (
        0 < len(words) <= _MAX_NAME_WORDS
        and (words[0].pos_ in ("PROPN", "DET") or words[0].lower_ in SPEAKER_PRONOUNS)
        and all(t.pos_ in _NAME_POS for t in words)
        and words[-1].i == token.i - 1
    ):
        return None
    phrase = doc[words[0].i : token.i]
    return Cue(token, token.idx + len(token.text), phrase, words[-1])


def _name_set_off_before(cue: Cue) -> Cue:
    """`cue` with the name set off by commas right before it as its speaker, when the
    parser gave it none: in "In a statement to the Observer, her senior policy adviser,
    Jake Sullivan, said: “" it hung the speaker on "Observer"."""
    doc = cue.token.doc
    end = cue.token.i
    if end > 0 and doc[end - 1].text == ",":
        end -= 1
    start = end
    while start > 0 and doc[start - 1].pos_ == "PROPN":
        start -= 1
    if start == end or start == 0 or doc[start - 1].text != ",":
        return cue
    return replace(cue, speaker=doc[start:end], speaker_head=doc[end - 1])


def _name_after_cue(cue: Cue) -> Cue | None:
    """`cue` with the name right after it as its speaker, when the parser hung that name
    elsewhere: in "“The risk,” said Edward Leamer, an economist ..., “is that ...”" it
    made "Leamer" the subject of the resumed quote. The name runs from the cue to a
    comma, full stop or bracket, and ends on a proper noun (or a noun after a
    determiner: "said the official.")."""
    verb = cue.token
    doc = verb.doc
    words = list(
        itertools.takewhile(_name_word, doc[verb.i + 1 : verb.i + 1 + _MAX_NAME_WORDS + 1])
    )
    if not words or len(words) > _MAX_NAME_WORDS or words[0].pos_ == "VERB":
        return None
    end = words[-1].i + 1
    if end < len(doc) and not (doc[end].is_space or doc[end].text in _CLAUSE_ENDS + ("(",)):
        return None
    last = words[-1]
    if not (last.pos_ == "PROPN" or (last.pos_ == "NOUN" and words[0].pos_ == "DET")):
        return None
    if any(t.pos_ == "PRON" for t in words):
        return None
    return replace(cue, speaker=doc[words[0].i : end], speaker_head=last)


def _name_word(token: Token) -> bool:
    """Whether `token` may be part of a speaker's name or title ("retired neurosurgeon Ben
    Carson", "Oversight ranking Democrat Elijah Cummings")."""
    return (
        token.pos_ in _NAME_POS or token.dep_ == "amod" or token.tag_ in ("VBG", "VBN")
    ) and token.text not in _CLAUSE_ENDS


def _within(token: Token, head: Token | None) -> bool:
    """Whether `token` is part of the subtree of `head` (the speaker's phrase)."""
    if head is None:
        return False
    return head.left_edge.i <= token.i <= head.right_edge.i
