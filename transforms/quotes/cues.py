"""Attribution cues and their speakers: "said", "told reporters", "according to X".

A cue is the word that says someone spoke (a speech verb, "according to", a colon after
a name); its speaker is the subject it has, borrows from the verb it hangs on ("went
on to say"), or follows it ("said X"). Nested reports hand a pronoun speaker up to the
person reporting it ("X said he expects ...").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Span, Token

from newsbeam.transforms.entities import is_known_place
from newsbeam.transforms.quotes.document import QuoteDocument
from newsbeam.transforms.quotes.sources import is_source_noun
from newsbeam.transforms.quotes.speakers import SpeakerResolver, is_day, name_head, speaker_phrase
from newsbeam.transforms.quotes.verbs import (
    ADJACENT_ONLY_VERBS,
    CLAUSE_ONLY_VERBS,
    INTENT_VERBS,
    NOMINAL_CUES,
    NOMINAL_PREPOSITION_CUES,
    OPINION_VERBS,
    PHRASAL_CUES,
    PREPOSITION_CUES,
    QUOTING_VERBS,
    SPEAKER_PRONOUNS,
    SPEECH_VERBS,
    STANCE_VERBS,
)

#: Dependency labels of a cue's subject.
SUBJECT_DEPS = ("nsubj", "nsubjpass")
#: Dependency labels through which a cue without a subject borrows its governor's
#: ("X went on to say", "X returned, tweeting that", "X said ... and added"; "dep" where
#: the parser lost the cue after a long subject: "activists clamoring to block him say").
_BORROW_SUBJECT_DEPS = frozenset("xcomp advcl conj pcomp acl prep dep".split())
#: Dependency labels of a clause that is what its governing verb reports.
_COMPLEMENT_DEPS = frozenset("ccomp xcomp".split())
#: Lemmas of every verb that may be a cue.
_CUE_LEMMAS = SPEECH_VERBS | OPINION_VERBS | INTENT_VERBS | ADJACENT_ONLY_VERBS | STANCE_VERBS
#: Verbs that give a thing its name ("a forum called “XDA Developers”").
_NAMING_VERBS = frozenset("call dub name term title label".split())
#: Lemmas of verbs that are never the cue of a quotation they merely stand next to.
_NOT_ADJACENT_LEMMAS = OPINION_VERBS | CLAUSE_ONLY_VERBS | INTENT_VERBS | STANCE_VERBS
#: Lemmas of every token that may start a cue of any kind.
_CANDIDATE_LEMMAS = (
    _CUE_LEMMAS
    | {lemma for lemma, _ in PHRASAL_CUES}
    | frozenset(PREPOSITION_CUES)
    | NOMINAL_CUES
    | frozenset(NOMINAL_PREPOSITION_CUES)
)
#: Pronouns for things and statements, never the speaker of a quote they govern.
_THING_PRONOUNS = frozenset("it this that what which".split())
#: Verbs whose object is whom the words were said to, never who said them: "said Smith"
#: may put the speaker after the verb, "told CNN" never does.
_LISTENER_VERBS = frozenset("tell inform notify assure remind brief ask urge".split())


@dataclass
class Cue:
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


class CueFinder:
    """Recognises cues in one article and finds their speakers."""

    def __init__(self, qdoc: QuoteDocument, resolver: SpeakerResolver):
        self.qdoc = qdoc
        self.resolver = resolver

    def candidates(self) -> Iterator[Token]:
        """The tokens that may be cues, in order: a cue lemma (speech, phrasal or
        prepositional) or "according".

        Read from the token arrays: asking every token of a long article for its lemma
        through spaCy's properties cost more than the rest of the stage.
        """
        doc = self.qdoc.doc
        if not len(doc):
            return
        strings = doc.vocab.strings
        lemmas, lowers = doc.to_array([LEMMA, LOWER]).T
        wanted = [h for h in np.unique(lemmas) if strings[int(h)].lower() in _CANDIDATE_LEMMAS]
        found = np.isin(lemmas, wanted) | (lowers == strings.as_int("according"))
        for i in np.flatnonzero(found).tolist():
            yield doc[i]

    def cue(self, token: Token, adjacent: bool) -> Cue | None:
        """`token` as a speech cue, with its speaker, or None when it is not one.

        `adjacent` cues stand next to a quotation, where opinion verbs and verbs that
        cue speech only with a clause ("show", "call") are left out, unless a particle
        makes them a phrasal cue ("as The Hill pointed out, “").
        """
        if self.qdoc.inside_quote(token):
            return None
        if token.lower_ == "according":
            to = next((c for c in token.rights if c.lower_ == "to" and c.i == token.i + 1), None)
            if to is None:
                return None
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if obj is None:
                return None
            return Cue(token, to.idx + len(to.text), speaker_phrase(obj), obj)
        if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG"):
            return None
        if _acronym_in_running_text(token):
            return None  # "a party to CITES plans": the convention, not "cites"
        if _that_said(token) or _names_not_speaks(token):
            return None
        lemma = token.lemma_.lower()
        phrasal = _phrasal_cue(token)
        if lemma not in _CUE_LEMMAS and not phrasal:
            return None
        if adjacent and lemma in _NOT_ADJACENT_LEMMAS and not phrasal:
            return None
        if not adjacent and lemma in ADJACENT_ONLY_VERBS:
            return None
        return self.verb_cue(token)

    def nominal_cue(self, noun: Token) -> Cue | None:
        """`noun` as a cue when it is a noun of speech or stance with a possessor, who
        is its speaker ("Trump's claim that ...", "his promise to ..."), else None."""
        lemma = noun.lemma_.lower()
        if noun.pos_ != "NOUN" or not (lemma in NOMINAL_CUES or lemma in NOMINAL_PREPOSITION_CUES):
            return None
        if self.qdoc.inside_quote(noun):
            return None
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            return None
        return Cue(noun, noun.idx + len(noun.text), speaker_phrase(owner), owner)

    def verb_cue(self, verb: Token) -> Cue:
        """`verb` as a cue whatever its meaning, with its subject as the speaker."""
        head = self._subject_of(verb)
        speaker = speaker_phrase(head) if head is not None else None
        if speaker is not None and speaker.start <= verb.i < speaker.end:
            speaker = verb.doc[verb.i + 1 : speaker.end]  # "tweeted [Rubio spokesman X]"
        return Cue(verb, verb.idx + len(verb.text), speaker, head)

    def plausible_speaker(self, head: Token | None) -> bool:
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
        quoted = quoted_one(verb)
        if quoted is not None:
            return None if self.qdoc.inside_quote(quoted) else quoted
        if verb.tag_ == "VBG" and verb.dep_ in _BORROW_SUBJECT_DEPS:
            reporter = self._reporting_verb(verb)
            if reporter is not None:
                return self._subject_of(reporter)
            charged = _charged_object(verb)
            if charged is not None and not self.qdoc.inside_quote(charged):
                return charged
        if _passive(verb):
            # "She was told by her doctors that ...", "it was announced by the NGO that
            # ...": the passive subject is the listener or the statement, never its
            # source; the agent of a verb of saying is, and with none ("She was told
            # that ...") no one is named. "X is said to have asked ...": X asked.
            if _says_of_its_subject(verb):
                return self._own_subject(verb)
            agent = _agent(verb) if verb.lemma_.lower() in SPEECH_VERBS else None
            return agent if agent is not None and not self.qdoc.inside_quote(agent) else None
        # "X accuses ... and Y says": a coordinated cue with a subject of its own keeps it.
        own = self._own_subject(verb)
        if own is not None:
            return own
        if verb.dep_ == "conj":
            # "before the US launched strikes, ... Pete Hegseth issued remarks": a name
            # right before a coordinated verb is its subject the parser lost, not a
            # subject to borrow from the first verb.
            named = _name_right_before(verb)
            if named is not None and not self.qdoc.inside_quote(named):
                return named
        node = _coordinated_cue(verb)
        for _ in range(5):
            if node.i != verb.i and quoted_one(node) is not None:
                return self._subject_of(node)  # "X quoted Y as saying": Y's
            subject = self._own_subject(node)
            if subject is not None:
                return subject
            if node.dep_ not in _BORROW_SUBJECT_DEPS or node.head.i == node.i:
                break
            if node.dep_ == "xcomp" and _urged_one(node.head):
                return None  # "Wallace pressed Trump to acknowledge ...": asked, not done
            node = node.head
            if node.pos_ in ("NOUN", "PROPN"):
                node = node.head
        if verb.tag_ == "VBG":
            return None
        if verb.dep_ in ("amod", "compound") and _names_after(verb):
            # "”, tweeted Rubio spokesman Alex Conant": the parser reads the inverted cue
            # as a modifier of the name after it.
            head = name_head(verb.head)
            if head.pos_ in ("PROPN", "NOUN") and not self.qdoc.inside_quote(head):
                return head
        named = _name_right_before(verb)
        if named is not None and not self.qdoc.inside_quote(named):
            return named
        for child in verb.rights:
            if (
                child.dep_ in ("nsubj", "dobj", "attr", "dep", "oprd")
                and child.pos_ in ("PROPN", "NOUN", "PRON")
                and child.ent_type_ not in ("DATE", "TIME")
                and child.lower_ not in _THING_PRONOUNS  # "put it", not a speaker
                and not (child.dep_ == "dobj" and verb.lemma_.lower() in _LISTENER_VERBS)
                and child.left_edge.i == verb.i + 1
                and not self.qdoc.inside_quote(child)
            ):
                return child
        return None

    def _own_subject(self, verb: Token) -> Token | None:
        """The subject of `verb` itself, outside any quote.

        In "he’s said" the parser may take the clitic for the subject of "said", with
        "he" under it: then "he" is. When its first subject can't speak and a later one
        set off by a comma right before it can, the later one is: the parser can make
        the first noun of a statement a second subject of the attribution closing it
        ("The more fuel we burn, ..., Anenberg said").
        """
        subjects = [
            c for c in verb.children if c.dep_ in SUBJECT_DEPS and not self.qdoc.inside_quote(c)
        ]
        subject = next(iter(subjects), None)
        if subject is not None and subject.tag_ in ("WP", "WDT") and len(subjects) > 1:
            # "Gendron, who police said surrendered ...": the relative pronoun is the
            # subject of what is reported, and the verb's other subject its source
            subject = subjects[1]
        if subject is not None and not self.plausible_speaker(subject):
            subject = next((c for c in subjects[1:] if self._closing_speaker(c, verb)), subject)
        if subject is not None and subject.pos_ in ("VERB", "AUX"):
            inner = next((c for c in subject.children if c.dep_ in SUBJECT_DEPS), None)
            return inner or subject
        if subject is not None and is_day(subject):
            return self._named_before_date(subject)
        if subject is not None and _opens_a_dateline(subject):
            # the name after the dateline, which the parser hangs on the place
            return next(
                (c for c in subject.rights if c.dep_ == "appos" and _after_dateline(c)), None
            )
        return subject

    def _closing_speaker(self, subject: Token, verb: Token) -> bool:
        """Whether `subject` speaks in an attribution that a comma sets off right before it
        and that ends in `verb` (", Anenberg said")."""
        first = subject.left_edge.i
        return (
            first > 0
            and verb.doc[first - 1].text == ","
            and subject.right_edge.i < verb.i
            and self.plausible_speaker(subject)
        )

    def _named_before_date(self, date: Token) -> Token | None:
        """The name right before a day the parser took for the subject ("Dr Jane Smith
        Friday said": a day speaks for no one; the name before it is the speaker)."""
        before = date.doc[date.i - 1] if date.i > 0 else None
        if before is None or before.pos_ != "PROPN" or self.qdoc.inside_quote(before):
            return None
        return before

    def _reporting_verb(self, participle: Token) -> Token | None:
        """The speech verb whose report a participial cue hangs inside.

        "X said the process could be “messy,” adding ...": the parser hangs "adding" on
        "be", inside what X said, so the subject to borrow is X's, not "the process".
        """
        node = participle.head
        if node.lemma_.lower() in SPEECH_VERBS:
            return None
        child = node
        for _ in range(4):
            if child.dep_ not in ("ccomp", "xcomp", "conj") or child.head.i == child.i:
                return None
            node = child.head
            if node.lemma_.lower() in SPEECH_VERBS and not self.qdoc.inside_quote(node):
                return node
            child = node
        return None

    def reporter(self, cue: Cue) -> tuple[Cue, Token | None]:
        """The outermost cue reporting `cue` (`cue` itself when none), whose speaker is the
        source of what `cue` introduces, with the token leading to `cue` under the
        outermost cue whose complement clauses hold `cue` (None when none does): in
        "Sanders has denounced supporters, saying his campaign doesn’t want “that crap”"
        the speaker is the one of "denounced", the report the clause of "saying".

        "Kritenbrink said he expects them to “...”" and "Obama said he expected that
        Americans will say “no”": the quoted words are in the reporter's statement, so
        the reporter is their source (PolNeAR's annotators and readers agree; on its
        train split this raised speaker accuracy of direct quotes 0.906 -> 0.911). In
        "She says it underscores that Trump is “...”" the words are hers. A named
        speaker of a coordinated cue keeps the words ("X accuses ... and Y says “...”").
        """
        reporter, under, nested = cue, None, True
        while reporter.speaker_head is not None:
            named = reporter.speaker_head.lower_ not in SPEAKER_PRONOUNS
            child, node = reporter.token, reporter.token.head
            outer = None
            while node.i != child.i:
                if named and child.dep_ == "conj":
                    break
                nested = nested and child.dep_ in _COMPLEMENT_DEPS
                if child.dep_ not in SUBJECT_DEPS:
                    outer = self.cue(node, adjacent=False)
                    if outer is not None:
                        break
                child, node = node, node.head
            if outer is None or outer.speaker_head is None:
                break
            reporter = outer
            if nested:
                under = child
        return reporter, under


#: Dependency labels of a phrasal cue's particle: the parser reads "back" in "Sanders
#: shot back, “" as an adverb as often as a particle; "it" in "put it" is an object.
_PARTICLE_DEPS = frozenset(("prt", "advmod", "dobj"))


def _phrasal_cue(verb: Token) -> bool:
    """Whether `verb` and a particle of its own make a phrasal cue ("shot back", "chimed in")."""
    lemma = verb.lemma_.lower()
    return any((lemma, c.lower_) in PHRASAL_CUES for c in verb.children if c.dep_ in _PARTICLE_DEPS)


#: Words that may open "That said," before the idiom itself.
_CONNECTIVES = frozenset("and but yet still so".split())


def _that_said(token: Token) -> bool:
    """Whether `token` is the "said" of "That said," or "This being said,": a connective
    that opens the writer's next point, nobody's statement."""
    doc = token.doc
    if token.lower_ != "said" or token.i + 1 >= len(doc) or doc[token.i + 1].text != ",":
        return False
    words = [t.lower_ for t in doc[token.sent.start : token.i] if not t.is_punct]
    while words and words[0] in _CONNECTIVES:
        words.pop(0)
    return words in (["that"], ["this"], ["that", "being"], ["this", "being"])


def _names_not_speaks(token: Token) -> bool:
    """Whether `token` gives a thing its name rather than reporting words: a participle
    after its noun with no one doing it ("a forum called “XDA Developers”", "a process
    called “photo-dissolution”": the quoted words are a name). "a plan called “reckless”
    by critics" is still their words."""
    return (
        token.dep_ == "acl"
        and token.tag_ == "VBN"
        and token.lemma_.lower() in _NAMING_VERBS
        and not any(c.dep_ == "agent" for c in token.children)
    )


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


def _urged_one(verb: Token) -> bool:
    """Whether `verb` has a person or a body for its object, whom the clause it completes
    is about ("pressed Trump [to acknowledge ...]", "urged reporters [to say ...]"), not
    a thing ("took the opportunity [to say ...]")."""
    return any(
        c.dep_ == "dobj" and (c.pos_ in ("PROPN", "PRON") or is_source_noun(c))
        for c in verb.children
    )


#: Verbs whose object is the listener, read as passive in a subjectless "when told ..."
_TOLD_VERBS = frozenset("tell ask inform warn advise notify".split())
#: Words opening a reduced adverbial clause ("when told", "if asked", "once informed").
_REDUCED_CLAUSE_OPENERS = frozenset("when if once after unless until before".split())


def _passive(verb: Token) -> bool:
    """A passive verb, also a reduced one: "Lahav hung up when told he was speaking with a
    reporter" (the tagger may read "told" as a past tense) is told to Lahav, not by him."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    return (
        verb.dep_ == "advcl"
        and verb.lemma_.lower() in _TOLD_VERBS
        and not any(c.dep_ in ("nsubj", "aux") for c in verb.children)
        and any(c.lower_ in _REDUCED_CLAUSE_OPENERS and c.i < verb.i for c in verb.children)
    )


def passive_speech(verb: Token) -> bool:
    """A passive verb of saying with no "by" phrase ("She was told that ...", "X is said
    to ..."): a report whose source the writer leaves out."""
    return (
        verb.lemma_.lower() in SPEECH_VERBS
        and _passive(verb)
        and _agent(verb) is None
        and not _says_of_its_subject(verb)
    )


def _says_of_its_subject(verb: Token) -> bool:
    """ "X is said to have asked ...", "X was reported to have insisted ...": the passive
    subject speaks in the verb of saying the passive reports."""
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in SPEECH_VERBS for c in verb.children)


def _agent(verb: Token) -> Token | None:
    """The noun of a passive verb's "by" phrase."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


#: Prepositions after which a participle's doer is the object of the verb they complete
#: ("outed Trump for claiming ...", "accused him of saying ...").
_CHARGE_PREPOSITIONS = frozenset(("for", "of"))


def _charged_object(participle: Token) -> Token | None:
    """The object of the verb a "for"/"of" participle completes: "Forbes outed Trump for
    claiming the apartment was bigger" is Trump's claim, not Forbes'."""
    prep = participle.head
    if participle.lemma_.lower() not in SPEECH_VERBS:
        return None  # "sued Adelson for causing them to “suffer”": no claim
    if participle.dep_ != "pcomp" or prep.lower_ not in _CHARGE_PREPOSITIONS:
        return None
    verb = prep.head
    if verb.pos_ not in ("VERB", "AUX") or prep.dep_ != "prep":
        return None
    return next(
        (c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("PROPN", "PRON", "NOUN")),
        None,
    )


def _name_right_before(verb: Token) -> Token | None:
    """The name ending right before a verb that has no subject in the parse ("..., former
    president Bill Clinton said his wife ...": the parser made the name an apposition of
    an earlier one); auxiliaries and adverbs may stand between ("Clinton has also said")."""
    i = verb.i - 1
    while i >= 0 and verb.doc[i].dep_ in ("aux", "neg", "advmod") and verb.doc[i].head == verb:
        i -= 1
    if i < 0 or verb.doc[i].pos_ != "PROPN" or verb.doc[i].ent_type_ in ("DATE", "TIME"):
        return None
    return verb.doc[i]


def _names_after(verb: Token) -> bool:
    """Whether `verb` modifies a name right after it, only name words between them."""
    head = verb.head
    return 0 < head.i - verb.i <= 4 and all(
        t.pos_ in ("PROPN", "NOUN") for t in verb.doc[verb.i + 1 : head.i]
    )


def has_complement(verb: Token) -> bool:
    """Whether the verb reports something of its own ("He added that ...", "He touted X")."""
    return any(map(has_complement_dep, verb.children))


def has_complement_dep(child: Token) -> bool:
    """Whether a cue's child is what it reports: a clause or an object."""
    return child.dep_ in ("ccomp", "xcomp", "dobj", "parataxis")


#: What ends a wire story's dateline: "Varanasi, Dec 14 (PTI):", "SEOUL (Reuters) -".
_DATELINE_ENDS = frozenset((":", "):", "-", "--", "—", "–"))


def quoted_one(verb: Token) -> Token | None:
    """The object of an active "quote", who speaks: "Reuters quoted Defence Minister X as
    saying ...", "Forbes quoted Jennifer Granick": not the outlet that quotes them; and of
    a "cite" that says so ("Tass cited a law enforcement source as saying ...")."""
    lemma = verb.lemma_.lower()
    if lemma not in QUOTING_VERBS or _passive(verb):
        return None
    if lemma == "cite" and not any(
        c.dep_ == "prep"
        and c.lower_ == "as"
        and any(g.tag_ == "VBG" and g.lemma_.lower() in SPEECH_VERBS for g in c.children)
        for c in verb.children
    ):
        return None  # "he cited the lockdowns as giving him time": what is cited does not speak
    quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return quoted if quoted is not None and quoted.pos_ in ("PROPN", "NOUN") else None


def _opens_a_dateline(subject: Token) -> bool:
    """Whether `subject` is the place opening a line's dateline ("Varanasi, Dec 14 (PTI):
    Prime Minister Narendra Modi on Tuesday said ...", "Mumbai: ..."): the parser takes
    the place for the subject and hangs the name after the colon on it. A place speaks
    for no one there."""
    doc = subject.doc
    first = min([c.i for c in subject.lefts if c.dep_ == "compound"], default=subject.i)
    opens_line = first == 0 or "\n" in doc[first - 1].text_with_ws
    # the model may type a place opening a line anything ("Colombo: The Indian High
    # Commission today dismissed ...", typed ORG)
    place = subject.ent_type_ in ("GPE", "LOC") or is_known_place(subject.text)
    if not opens_line or not place:
        return False
    if subject.i + 1 < len(doc) and doc[subject.i + 1].text == ":":
        return True  # "Mumbai: Maharashtra Home Minister Dilip Walse Patil on Monday said"
    window = doc[subject.i + 1 : min(len(doc), subject.i + 8)]
    return any(t.text == "(" for t in window) and any(t.text in _DATELINE_ENDS for t in window)


def _after_dateline(token: Token) -> bool:
    """Whether `token` comes after its line's dateline ends."""
    return any(t.text in _DATELINE_ENDS for t in token.doc[token.sent.start : token.i])


def _acronym_in_running_text(token: Token) -> bool:
    """Whether `token` is written in capitals in a sentence that is not ("CITES", "WARNS"
    in a headline line is a verb; in running text it is an acronym)."""
    if len(token.text) < 2 or not token.text.isupper():
        return False
    words = [t for t in token.sent if t.is_alpha]
    return sum(t.text.isupper() for t in words) * 2 < len(words)
