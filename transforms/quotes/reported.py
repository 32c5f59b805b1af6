"""Indirect speech: reported clauses with no quotation marks.

"X said (that) CLAUSE", "X urged Y to VP", "X praised Y", "X called for Y to VP",
"CLAUSE, X said.", "PART, X said, REST", "As X noted, ..." and "according to X, ..."
report what X said without quoting it; so do nouns of speech (`nominal`). A cue
that already attributed a quotation reports nothing more, except the words before it
when it is set off inside the quoted sentence ("If she wins, he said, “...”").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Span, Token

from newsbeam.transforms.quotes.content import (
    according_pieces,
    content_of,
    elaborated,
    first_word,
    object_content,
    pieces_around,
    stray_subject,
    topic_content,
    with_coordinated_clause,
    writers_going_on,
)
from newsbeam.transforms.quotes.cues import (
    SUBJECT_DEPS,
    Cue,
    CueFinder,
    has_complement_dep,
    passive_speech,
)
from newsbeam.transforms.quotes.document import QuoteDocument
from newsbeam.transforms.quotes.nominal import nominal_content
from newsbeam.transforms.quotes.speech_acts import cites_a_document
from newsbeam.transforms.quotes.verbs import (
    FINITE_TAGS,
    INTENT_VERBS,
    OBJECT_CUES,
    PREPOSITION_CUES,
    SPEECH_VERBS,
)

#: Cues whose open complement is the reported content: infinitives ("urged voters to
#: stay home") and clauses the parser takes for one ("said legalizing it could help");
#: "continued to X" is not speech.
_XCOMP_CUES = (SPEECH_VERBS | INTENT_VERBS) - {"continue"}

#: Words a set-off cue may carry between it and its speaker ("has also said").
_CUE_MODIFIERS = frozenset("aux auxpass neg advmod".split())
#: The cue's own adjuncts after it ("said on Saturday", "said in an interview").
_CUE_ADJUNCTS = frozenset("prep npadvmod advmod agent".split())
#: Dependencies under which the parser hangs a reported "yes" or "no".
_ANSWER_DEPS = frozenset("intj dobj advmod".split())
#: Cues whose object is the listener, part of a set-off attribution ("..., X told a
#: Senate panel.").
_ADDRESSEE_CUES = frozenset(("tell",))
_LISTENER_DEPS = frozenset(("dobj", "dative"))
#: Punctuation that sets an attribution off from what it reports.
_SET_OFF_MARKS = frozenset(", — –".split())
_SENTENCE_ENDS = frozenset(". ! ? ; )".split())
#: Prepositions that open a phrase setting the scene of a statement ("On Thursday,").
_SCENE_PREPOSITIONS = frozenset("in on at by during".split())
#: Punctuation before which a speaker's sentence does not reach back.
_LEAD_STOPS = frozenset(". ! ? ; :".split())
#: Longest adjunct (tokens) a set-off cue carries: "said on Saturday", not a clause.
_MAX_ADJUNCT_TOKENS = 8
#: Words of a speaker talking in the first or second person, which reported speech
#: turns into the third (with the contractions a site that drops apostrophes prints:
#: "weve", "youre").
_FIRST_AND_SECOND_PERSON = frozenset(
    "i me my mine we us our ours you your yours im ive weve youre youve".split()
)
#: The subjects of a cue that is the speaker's own words in a passage without marks.
_FIRST_PERSON_SUBJECTS = frozenset(("i", "we"))
#: Clauses hung on a cue that tell more than who spoke ("said, adding that ...").
_CLAUSE_DEPS = frozenset("advcl xcomp ccomp conj".split())
#: Endings of the participle opening an occasion phrase ("Asked ...,", "Speaking ...,").
_PARTICIPLE_ENDINGS = ("ed", "ing")
#: Pronouns that open a speaker's own words ("He added, we are ...").
_QUOTING_PRONOUNS = frozenset("i we you it there this".split())
#: Entity types of a capitalised name that may go on a clause after a comma ("said,
#: Smith ..." is not a quotation's first word).
_NAME_TYPES = frozenset("PERSON ORG GPE DATE".split())

#: A reported statement: its cue, kind ("indirect" or "mixed") and content span.
Report = tuple[Cue, str, tuple[int, int]]


class ReportedSpeech:
    """Finds the reported clauses of one article."""

    def __init__(self, qdoc: QuoteDocument, cues: CueFinder):
        self.qdoc = qdoc
        self.cues = cues

    def reports(self, used_cues: set[int], taken: list[tuple[int, int]]) -> list[Report]:
        """Reported clauses of cues (token indices not in `used_cues`) that attributed no
        quotation, outermost reports only.

        A clause holding a quoted fragment nobody was credited with yet (no span of
        `taken` overlaps it) is a mixed quote. A report inside another report or inside
        a quote of `taken` ("X said he thinks Y") is part of it, not a statement of its
        own.
        """
        found = list(self._all_reports(used_cues, taken))
        contents = taken + [
            content
            for cue, _, content, _ in found
            if not cites_a_document(cue.token, cue.speaker_head)
        ]
        return [
            (cue, kind, content)
            for cue, kind, content, led_in in found
            if not any(
                s <= cue.token.idx < e
                for s, e in (taken if led_in else contents)
                if (s, e) != content
            )
        ]

    def leads(self, quotations: Sequence[tuple[Cue | None, str, tuple[int, int]]]) -> list[Report]:
        """The words opening a speaker's sentence before an attribution set off by commas
        whose rest is one of the direct `quotations`: "If Clinton is elected, he said,
        “she might be ...”", "But, he added, “...”". The reader takes the whole sentence
        as the speaker's; a scene the writer sets there is not ("In a statement, X said,
        “...”").
        """
        found = []
        for cue, kind, content in quotations:
            if cue is None or kind != "direct" or not cue.worded:
                continue
            lead = self._lead(cue, content[0])
            if lead is not None:
                found.append((cue, "indirect", lead))
        return found

    def _lead(self, cue: Cue, quote_start: int) -> tuple[int, int] | None:
        """The words before a set-off cue whose quotation starts at `quote_start`."""
        doc = self.qdoc.doc
        token, subject = cue.token, cue.speaker_head
        if subject is None or token.idx >= quote_start:
            return None
        inner = _attribution_words(token, subject)
        first = min(inner)
        if any(i not in inner for i in range(first, token.i)):
            return None
        after = self.qdoc.tokens_between(token.idx, quote_start)
        if first < 2 or doc[first - 1].text != "," or after[-2].text != ",":
            return None
        sentence = doc[token.sent.start : first - 1]
        stops = [t.i for t in sentence if t.text in _LEAD_STOPS or self.qdoc.inside_quote(t)]
        opening = doc[stops[-1] + 1 if stops else sentence.start : first - 1]
        words = [t for t in opening if not (t.is_punct or t.is_space)]
        if not words or _sets_the_scene(words) or _sets_the_occasion(doc[opening.start : first]):
            return None  # "Referencing the price caps, he said, “...”"
        if any(self.cues.cue(t, adjacent=True) for t in words):
            return None  # "Asked about it, X said, “...”": the words of another cue
        return self.qdoc.trimmed(words[0].idx, doc[first - 1].idx)

    def _all_reports(
        self, used_cues: set[int], taken: list[tuple[int, int]]
    ) -> Iterator[tuple[Cue, str, tuple[int, int], bool]]:
        """Every report of a cue not in `used_cues`, and whether an attribution opening its
        sentence leads it in (`_lead_in`): the words of such a passage are the speaker's,
        so a verb in it ("We must condemn ...") or the parser's reading of the
        attribution as its clause is no report that would swallow it."""
        qdoc = self.qdoc
        for token in self.cues.candidates():
            if token.i in used_cues:
                continue
            cue = self.cues.cue(token, adjacent=False) or self.cues.nominal_cue(token)
            if cue is None and token.lemma_.lower() in PREPOSITION_CUES and token.pos_ == "VERB":
                cue = self.cues.verb_cue(token)
            if cue is None or (cue.speaker is None and not _speakerless(token)):
                continue
            if _occasion_of_a_cue(token) or _aside_in_a_report(token):
                continue
            lead_in = self._lead_in(cue) if token.pos_ in ("VERB", "AUX") else None
            for piece in [lead_in] if lead_in is not None else self._reported_pieces(cue):
                content = with_coordinated_clause(qdoc, elaborated(qdoc, piece))
                content = _before_next_quote(qdoc, content)
                if not qdoc.has_words(content) or _only_the_speaker(qdoc, content):
                    continue
                kind = "indirect"
                if any(qdoc.inside_quote(t) for t in qdoc.tokens_between(*content)):
                    content, kind = qdoc.covering_quotes(content), "mixed"
                    if any(s < content[1] and content[0] < e for s, e in taken):
                        continue
                yield cue, kind, content, lead_in is not None

    def _reported_pieces(self, cue: Cue) -> list[tuple[int, int]]:
        """The reported content of a cue that introduced no quotation, in one or two pieces.

        "X said (that) CLAUSE" and "X urged Y to VP" give the complement, "X praised Y"
        its object (for cues whose object is what is said or judged); "CLAUSE, X said."
        gives the clause before, "PART, X said, REST" its parts; "according to X" the rest
        of its sentence.
        """
        qdoc = self.qdoc
        token = cue.token
        if token.lower_ == "according":
            return according_pieces(qdoc, token)
        if token.pos_ == "NOUN":
            return nominal_content(qdoc, cue)
        if token.lemma_.lower() == "say" and any(_refers_back(c) for c in token.children):
            return []  # "Justice X said this while dismissing ...": what came before
        complements = [
            child
            for child in token.children
            if child.dep_ == "ccomp"
            or (child.dep_ == "xcomp" and token.lemma_.lower() in _XCOMP_CUES)
            or _indirect_question(token, child)
        ]
        if complements:
            complement = _reported_complement(qdoc, token, complements)
            start, end = content_of(qdoc, cue, complement)
            subject = stray_subject(token, complement)
            if subject is not None:
                start = subject.left_edge.idx
            pieces = [(start, end)]
            if complement.right_edge.i < token.i:
                pieces += self._rest_after(cue) + self._unmarked_rest(token, pieces[:1])
            return pieces
        if token.lemma_.lower() in OBJECT_CUES:
            for child in token.children:
                if child.dep_ == "dobj" and child.i > token.i and not qdoc.inside_quote(child):
                    return [object_content(qdoc, cue, child)]
        topic = _preposition_topic(qdoc, cue)
        if topic is not None:
            return [topic]
        answer = _answer(token)
        if answer is not None:
            last = _answered(answer)
            return [(answer.idx, last.idx + len(last.text))]
        hole = self._set_off(cue)
        if hole is None:
            return []
        sentence = token.sent
        first = sentence.start
        opening = qdoc.doc[first : hole[0] + 1]
        words_after = qdoc.doc[hole[1] + 1 : sentence.end]
        rest = first_word(words_after)
        if (
            _sets_the_occasion(opening)
            and not any(t.tag_ in FINITE_TAGS for t in opening)
            and rest is not None
            and rest.pos_ not in ("VERB", "AUX")
        ):
            # "Disclosing this here on Sunday after ..., Dr X said, CLAUSE": the
            # participle tells when the speaker spoke and CLAUSE is what was said (but
            # "Listing the species, they added, would hamper ..." is a subject)
            first = hole[1] + 1
        pieces = pieces_around(qdoc, first, sentence.end - 1, hole)
        return pieces + self._unmarked_rest(token, pieces)

    def _unmarked_rest(self, token: Token, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The sentences around "CONTENT, X said." that carry the speaker's words when the
        quotation lost its marks: the paragraph has none, and the speaker talks in the
        first or second person ("Our policy is ..., Sullivan said. Which means that we
        need ..."), which reported speech turns into the third. As "“A,” X said. “B.”",
        they run on until a sentence holds a cue of its own or the paragraph ends; the
        sentences opening the paragraph before it count when each speaks so too."""
        doc = self.qdoc.doc
        sentence = token.sent
        if len(pieces) != 1 or pieces[0][1] > token.idx:
            return []
        words = [t for t in sentence if not t.is_space]
        asides = {
            t.i for c in token.rights if c.dep_ in _CLAUSE_DEPS and _aside(c) for t in c.subtree
        }
        attribution = [t for t in doc[token.i + 1 : sentence.end] if t.i not in asides]
        if pieces[0][0] > words[0].idx or any(
            t.tag_ in FINITE_TAGS or (t.head.i == token.i and t.dep_ in _CLAUSE_DEPS)
            for t in attribution
        ):
            return []  # not a sentence ending in its attribution ("CONTENT, said X, CEO.")
        start, end = self.qdoc.line_bounds(token.idx)
        if any(self.qdoc.inside_quote(t) for t in self.qdoc.tokens_between(start, end)):
            return []
        found = []
        lead = self._first_person_lead(sentence, start)
        if lead is not None:
            found.append(lead)
        opener = next((t for t in doc[sentence.end :] if not t.is_space), None)
        if opener is None or opener.idx >= end:
            return found
        rest = self.qdoc.trimmed(opener.idx, self._unmarked_passage_end(opener, before=opener))
        said = self.qdoc.tokens_between(pieces[0][0], pieces[0][1])
        more = self.qdoc.tokens_between(*rest)
        if rest[1] > rest[0] and any(t.lower_ in _FIRST_AND_SECOND_PERSON for t in [*said, *more]):
            found.append(rest)
        return found

    def _first_person_lead(self, sentence: Span, paragraph_start: int) -> tuple[int, int] | None:
        """The sentences of the paragraph before `sentence` that each speak in the first or
        second person and hold no cue, back to the paragraph's start or such a sentence."""
        doc = self.qdoc.doc
        first = sentence.start
        while first > 0:
            before = doc[first - 1].sent
            words = [t for t in before if not t.is_space]
            if not words or words[0].idx < paragraph_start:
                break
            if not any(t.lower_ in _FIRST_AND_SECOND_PERSON for t in words) or any(
                map(self._attributes, words)
            ):
                break
            first = before.start
        if first == sentence.start:
            return None
        last = doc[sentence.start - 1]
        return self.qdoc.trimmed(doc[first].idx, last.idx + len(last.text))

    def _rest_after(self, cue: Cue) -> list[tuple[int, int]]:
        """The words after a cue that follows its reported clause, when a comma sets them
        off as more of the statement: "CLAUSE, the Times said, including speeches",
        "CLAUSE, he said, because ..." (the parser hangs them on the cue). Words joined on
        by a conjunction or a concession are the writer's going on ("The attack killed 35
        people, officials said, and raised fears that ...", "..., but he declined to
        say")."""
        doc = self.qdoc.doc
        token, subject = cue.token, cue.speaker_head
        if subject is None or subject.i > token.i:
            return []
        last = _with_adjuncts(token, token.i, token.lemma_.lower() in _ADDRESSEE_CUES)
        sentence = token.sent
        if last + 2 >= sentence.end or doc[last + 1].text != ",":
            return []
        opener = doc[last + 2]
        if writers_going_on(opener):
            return []  # "..., officials said, though precisely how many is hard to know"
        end = doc[sentence.end - 1]
        rest = self.qdoc.trimmed(opener.idx, end.idx + len(end.text))
        return [rest] if self.qdoc.has_words(rest) else []

    def _lead_in(self, cue: Cue) -> tuple[int, int] | None:
        """What an attribution opening its sentence introduces with a comma or a colon
        when no quotation mark follows: "Farkas has declared, We must ...", "Herbst
        explained to me, The administration ...", "Smith said: we will ...", also after
        a participle setting the occasion ("Asked about the city, he said, Everyone
        left.") or a scene with no clause ("In the trailer, X tells Y, You ..."). That is
        a quotation whose marks were lost (the crawler dropped them): after a comma a
        quotation opens with a capital or a pronoun ("We", "The"), where a clause going
        on would not; after a colon anything may follow, and a colon ending its paragraph
        leads in the next one ("Ben Wallace said:", then a block quotation the page set
        off without marks). It runs to the end of its sentence and over the next
        sentences of its paragraph until one holds a cue of its own ("He added, ..."), as
        a quotation's words go on after its attribution. A negated cue ("we do not
        comment on ...") leads nothing in.
        """
        doc = self.qdoc.doc
        token, subject = cue.token, cue.speaker_head
        if subject is None or subject.dep_ != "nsubj" or subject.i > token.i:
            return None
        if token.lemma_.lower() not in SPEECH_VERBS:
            return None
        inner = _attribution_words(token, subject)
        first = min(inner)
        opening = doc[token.sent.start : first]
        words = [t for t in opening if not (t.is_punct or t.is_space)]
        if any(i not in inner for i in range(first, token.i)):
            return None
        last = _with_adjuncts(token, token.i, token.lemma_.lower() in _ADDRESSEE_CUES)
        if last + 2 >= len(doc) or doc[last + 1].text not in (",", ":"):
            return None
        opener = next((t for t in doc[last + 2 :] if not t.is_space), doc[last + 2])
        # a colon ending its paragraph leads in a block quotation
        block = doc[last + 1].text == ":" and "\n" in doc[last + 1 : opener.i + 1].text
        if not (
            all(t.dep_ == "cc" for t in words)
            or _sets_the_occasion(opening)
            or (opening[-1].text == "," and _only_a_scene(words))  # "In her essay, X writes:"
        ):
            return None
        if any(c.dep_ == "neg" for c in token.children):
            return None  # "As a policy, we do not comment on ..., it said": no lead-in
        if doc[last + 1].text == "," and not _opens_a_quotation(opener):
            return None
        if self.qdoc.inside_quote(opener):
            return None
        if "\n" in doc[last + 1 : opener.i + 1].text and not block:
            return None
        end = self._unmarked_passage_end(opener)
        if not any(t.tag_ in FINITE_TAGS for t in self.qdoc.tokens_between(opener.idx, end)):
            return None
        return self.qdoc.trimmed(opener.idx, end)

    def _unmarked_passage_end(self, opener: Token, before: Token | None = None) -> int:
        """Where a quotation without marks that opens at `opener` ends: the end of its
        sentence, or of the last of the paragraph's next sentences before one that holds
        a cue or a quotation mark. With `before`, the passage starts at that token's
        sentence and holds none of it when it fails the same test (offset `opener.idx`)."""
        doc = self.qdoc.doc
        paragraph_end = self.qdoc.line_bounds(opener.idx)[1]
        if before is not None:
            sentence = doc[before.sent.start : before.sent.start]
            end = opener.idx
        else:
            sentence = opener.sent
            last = [t for t in sentence if t.idx < paragraph_end and not t.is_space][-1]
            end = last.idx + len(last.text)
        while sentence.end < len(doc):
            following = doc[sentence.end].sent
            words = [t for t in following if not t.is_space]
            if not words or words[-1].idx >= paragraph_end:
                break
            if any(t.is_quote or self._attributes(t) for t in words) or _writer_resumes(words):
                break
            sentence = following
            end = words[-1].idx + len(words[-1].text)
        return end

    def _attributes(self, token: Token) -> bool:
        """Whether `token` is a cue that attributes words of its own ("He added, ..."), not
        a verb of the passage that the lexicon also holds ("we will continue to grow"), nor
        the speaker's own "I think"/"we said" (news prose does not say "I": in a passage
        without marks the first person is the speaker's, who goes on talking)."""
        cue = self.cues.cue(token, adjacent=False)
        if cue is None or any(c.dep_ == "xcomp" for c in token.children):
            return False
        return cue.speaker_head is None or cue.speaker_head.lower_ not in _FIRST_PERSON_SUBJECTS

    def _set_off(self, cue: Cue) -> tuple[int, int] | None:
        """First and last token of an attribution set off by commas inside or at the end
        of its sentence ("..., X said[,.]", "..., said X, the director.") or opening it
        with "as" ("As X (has) said, ..."), else None.

        Read from the surface, not the parse: the parser hangs the reported clause
        anywhere (often under the cue's adverbial clause), but the commas are reliable.
        The phrase is the speaker's words, the cue and its own adjuncts ("said on
        Saturday"); a cue with a complement of its own reports that instead.
        """
        doc = self.qdoc.doc
        token, subject = cue.token, cue.speaker_head
        if subject is None or subject.dep_ != "nsubj":
            return None
        perfect = token.tag_ == "VBN" and any(c.dep_ == "aux" for c in token.children)
        if token.tag_ not in FINITE_TAGS and not perfect:
            return None
        listener = token.lemma_.lower() in _ADDRESSEE_CUES
        if _complement_after(token) and not (listener and _only_an_object(token)):
            return None
        first, last = min(subject.left_edge.i, token.i), max(subject.right_edge.i, token.i)
        inner = _attribution_words(token, subject)
        if any(i not in inner for i in range(first, last + 1)):
            return None
        last = _with_adjuncts(token, last, listener)
        sentence = token.sent
        opener = doc[first - 1] if first > sentence.start else None
        if (
            opener is not None
            and opener.lower_ == "as"
            and opener.head.i == token.i
            and last + 1 < sentence.end
            and doc[last + 1].text == ","
        ):
            if opener.i == sentence.start or doc[opener.i - 1].text in _SET_OFF_MARKS:
                return opener.i, last  # "As X said, CLAUSE"
            if opener.i - 1 == sentence.start and doc[sentence.start].dep_ == "cc":
                return sentence.start, last  # "But as X noted, CLAUSE"
        if perfect or first - 1 <= sentence.start or doc[first - 1].text not in _SET_OFF_MARKS:
            return None
        if last + 1 < sentence.end and doc[last + 1].text not in _SET_OFF_MARKS | _SENTENCE_ENDS:
            return None
        clause = doc[sentence.start : first] if token.dep_ == "ROOT" else sentence
        if not any(t.tag_ in FINITE_TAGS for t in clause if not first <= t.i <= last):
            return None
        return first - 1, last


def _aside(verb: Token) -> bool:
    """Whether `verb`, hung on a cue after it, only tells what the speaker was doing
    ("Vega said, thinking back over the years"): a participle that is no verb of
    speech ("said, adding that ..." says more)."""
    return verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.lemma_.lower() not in SPEECH_VERBS


def _aside_in_a_report(token: Token) -> bool:
    """Whether `token` is the verb of an "as" aside inside someone else's report ("the
    president said his country is ready to declare its neutrality, as Moscow has
    demanded, and ..."): the aside is the writer's gloss on that report, whose speaker is
    who said it."""
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
        return False
    return any(
        a.lemma_.lower() in SPEECH_VERBS and any(c.dep_ in SUBJECT_DEPS for c in a.children)
        for a in token.ancestors
    )


def _writer_resumes(words: list[Token]) -> bool:
    """Whether a sentence opens as the writer's own going on, not more of a quotation that
    lost its marks: a turn to other news ("..., she said. Meanwhile, Russian outlet RIA
    Novosti carried ...")."""
    return words[0].lower_ in ("meanwhile", "separately", "elsewhere")


def _occasion_of_a_cue(token: Token) -> bool:
    """Whether `token` is a participle with no subject or clause of its own opening the
    occasion of the cue it hangs on ("Referring to the fact that ..., Alito joked,
    “...”", "Citing the database, NASA said ..."): the writer's setting of that
    statement, not one of its own ("Stating that ..., he said" is one)."""
    head = token.head
    return (
        token.tag_ in ("VBG", "VBN")
        and token.lower_ != "according"
        and token.i < head.i
        and head.lemma_.lower() in SPEECH_VERBS
        and not any(c.dep_ in SUBJECT_DEPS or c.dep_ in _CLAUSE_DEPS for c in token.children)
    )


def _sets_the_occasion(opening: Span) -> bool:
    """Whether `opening`, the words of a sentence before its speaker, is a participle
    phrase set off by a comma that tells when or why the speaker spoke: "Asked what it
    meant,", "Speaking to reporters,", "Pressed on the delay,". (The parser reads the
    participle as a past tense verb as often as not, so the surface decides.)"""
    words = [t for t in opening if not t.is_space]
    if len(words) < 3 or words[-1].text != "," or any(t.text in _LEAD_STOPS for t in words):
        return False
    head = words[0]
    return head.pos_ in ("VERB", "AUX") and head.lower_.endswith(_PARTICIPLE_ENDINGS)


def _opens_a_quotation(word: Token) -> bool:
    """Whether `word`, right after an attribution's comma, opens a quotation: a capital
    that is no name ("The", "We", "Americans") or a pronoun ("we are ..."). A clause
    going on after a comma starts otherwise ("said, adding", "said, however, that")."""
    if word.pos_ == "PRON" and word.lower_ in _QUOTING_PRONOUNS:
        return True
    return word.is_title and not (word.pos_ == "PROPN" and word.ent_type_ in _NAME_TYPES)


def _only_the_speaker(qdoc: QuoteDocument, content: tuple[int, int]) -> bool:
    """Whether `content` is a lone reflexive pronoun ("X defended himself", "portrayed
    herself"): it names the speaker again and holds nothing the speaker said."""
    words = [t for t in qdoc.tokens_between(*content) if not (t.is_punct or t.is_space)]
    if len(words) != 1:
        return False
    return words[0].tag_ == "PRP" and words[0].lower_.endswith(("self", "selves"))


def _speakerless(cue: Token) -> bool:
    """Whether a cue reports without a speaker: "according to" (its object is the source),
    a question put to someone ("Asked [whether she had practiced], she said", "was asked
    [if ...]") and a passive report ("She was told [that ...]"), whose source the writer
    leaves out."""
    return (
        cue.lower_ == "according"
        or (cue.lower_ == "asked" and cue.tag_ == "VBN")
        or passive_speech(cue)
    )


def _refers_back(child: Token) -> bool:
    """Whether a cue's object is a bare "this" standing for what the article just told
    ("Justice X said this while dismissing ..."), not one opening what follows ("said
    this: ...")."""
    after = child.nbor(1) if child.i + 1 < len(child.doc) else None
    return (
        child.dep_ == "dobj"
        and child.lower_ == "this"
        and not child.n_lefts
        and (after is None or after.text != ":")
    )


def _indirect_question(cue: Token, child: Token) -> bool:
    """Whether `child` is the question "asked" reports, which the parser hangs as an
    adverbial clause when a listener comes between ("asked the students [if they were
    always so serious]")."""
    mark = child.left_edge
    return (
        child.dep_ == "advcl"
        and child.i > cue.i
        and cue.lemma_.lower() == "ask"
        and mark.dep_ == "mark"
        and mark.head.i == child.i
        and mark.lower_ in ("if", "whether")
    )


def _attribution_words(cue: Token, subject: Token) -> set[int]:
    """Indices of the tokens an attribution set off in a sentence may hold: the speaker's
    words, the cue and its modifiers ("has also said")."""
    words = set(range(subject.left_edge.i, subject.right_edge.i + 1)) | {cue.i}
    return words | {c.i for c in cue.children if c.dep_ in _CUE_MODIFIERS}


def _with_adjuncts(cue: Token, last: int, listener: bool) -> int:
    """The last token of a cue phrase ending at `last` with the cue's own short adjuncts
    right after it ("said on Saturday", "told a Senate panel" for a `listener` cue)."""
    for child in cue.rights:
        if (
            child.i > last
            and (child.dep_ in _CUE_ADJUNCTS or (listener and child.dep_ in _LISTENER_DEPS))
            and child.left_edge.i == last + 1
            and child.right_edge.i - child.left_edge.i < _MAX_ADJUNCT_TOKENS
        ):
            last = child.right_edge.i
    return last


def _before_next_quote(qdoc: QuoteDocument, content: tuple[int, int]) -> tuple[int, int]:
    """`content` without a trailing mark that opens the next quotation ("... courses.
    ''It was ..."): the parser often ends a sentence after the mark, which would make
    the report a mixed quote holding someone's next quotation."""
    start, end = content
    for span in qdoc.spans:
        if start < span.outer_start < end and not qdoc.has_words((span.outer_start, end)):
            return qdoc.trimmed(start, span.outer_start)
    return content


def _complement_after(cue: Token) -> bool:
    """Whether a cue reports something of its own after it ("He added that ...", "He
    touted X"). An object the parser hangs on it from before the commas is a misreading
    of the statement the attribution closes ("The more fuel we burn, the more heat we
    have, Anenberg said": "heat" its object)."""
    return any(c.i > cue.i for c in cue.children if has_complement_dep(c))


def _only_an_object(cue: Token) -> bool:
    """Whether what a cue governs is an object and no clause ("told [a Senate panel]")."""
    return not any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in cue.children)


def _preposition_topic(qdoc: QuoteDocument, cue: Cue) -> tuple[int, int] | None:
    """What a cue's preposition introduces ("talked about [taxes]"), or the clause after
    it when the parser reads the preposition as a subordinator ("called for [the
    president to resign]")."""
    token = cue.token
    topics = PREPOSITION_CUES.get(token.lemma_.lower(), ())
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in topics:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return topic_content(qdoc, cue, child, objects[0])
        if child.dep_ == "advcl" and child.i > token.i:
            mark = child.left_edge
            if mark.dep_ == "mark" and mark.head.i == child.i and mark.lower_ in topics:
                _, end = content_of(qdoc, cue, child)
                return qdoc.trimmed(mark.idx + len(mark.text), end)
    return None


def _answer(cue: Token) -> Token | None:
    """A yes or no the cue reports ("asked if he was bullied, the candidate said [no]")."""
    return next(
        (c for c in cue.rights if c.dep_ in _ANSWER_DEPS and c.lower_ in ("yes", "no")), None
    )


def _answered(answer: Token) -> Token:
    """The last word of a reported yes or no with what it answers ("said [no to the Iraq
    war]": a refusal of it), which the parser hangs on the cue beside the answer."""
    after = answer.doc[answer.i + 1] if answer.i + 1 < len(answer.doc) else None
    if (
        after is not None
        and after.lower_ == "to"
        and after.dep_ == "prep"
        and after.head == answer.head
    ):
        return after.right_edge
    return answer


def _sets_the_scene(words: list[Token]) -> bool:
    """Whether the words before an attribution are the writer's setting of the statement,
    its place, time, medium or topic ("In a statement,", "At a rally in Iowa,", "Earlier
    this week,", "Of Friar Lawrence,"), not the first words of what the speaker said
    (which hold a verb: "If Clinton is elected, he said, “...”")."""
    if words[0].pos_ == "ADP" and words[0].lower_ in _SCENE_PREPOSITIONS:
        return True
    return not any(t.pos_ in ("VERB", "AUX") for t in words)


def _only_a_scene(words: list[Token]) -> bool:
    """Whether the words before an attribution set its scene and hold no clause: "In the
    trailer for Season One," but not "By 2300, we'd see upward of 10 degrees, and that's
    when"."""
    return _sets_the_scene(words) and not any(t.tag_ in FINITE_TAGS for t in words)


def _reported_complement(qdoc: QuoteDocument, cue: Token, complements: list[Token]) -> Token:
    """The complement a cue reports: the first, unless another follows the cue and
    - a colon or semicolon ends the first before the cue ("... paying off: He said he
      raised $100,000": the parser hangs the clause before the colon on "said" too);
    - or the speaker stands before the cue, and the first has no subject ("Ahead of the
      talks, to be held in Istanbul, the president said his country ...") or the last
      opens with "that" ("Disruption is continuing ..., but ..., Mould said that many
      holidaymakers ..."). After an inverted cue both are the speaker's ("It warms my
      heart, said Wolf, that ...")."""
    first, last = complements[0], complements[-1]
    if not first.i < cue.i < last.i:
        return first
    if any(t.text in (":", ";") for t in qdoc.doc[first.right_edge.i + 1 : cue.i]):
        return last
    if any(c.dep_ in SUBJECT_DEPS and c.i < cue.i for c in cue.children) and (
        not any(c.dep_ in SUBJECT_DEPS for c in first.children)
        or any(c.dep_ == "mark" and c.lower_ == "that" for c in last.children)
    ):
        return last
    return first
