"""How far reported content reaches: the clause a cue governs, minus the writer's words.

"X said (that) CLAUSE" reports the clause, but the clause's parse subtree often carries
words that are the writer's again (", citing ...", "... and added"), and an attribution
set inside a sentence ("PART, X said, REST") splits it into two reported pieces.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from newsbeam.transforms.quotes.cues import SUBJECT_DEPS, Cue
from newsbeam.transforms.quotes.document import QuoteDocument
from newsbeam.transforms.quotes.verbs import FINITE_TAGS, SPEECH_VERBS

#: Prepositions that complete what a cue says of its object ("accused X of Y",
#: "criticized X for Y", "described X as Y", "defended X against Y", "mentioned X by
#: name", "endorsed X in the primary").
_OBJECT_COMPLEMENT_PREPS = frozenset("of for as against about over with to by in".split())
#: Prepositions that complete a cue's prepositional topic ("referred to X as Y").
_TOPIC_COMPLEMENT_PREPS = frozenset(("as", "by"))
#: Dependencies of the words that complete a cue's object ("called [X] [Y]").
_OBJECT_COMPLEMENT_DEPS = frozenset(("oprd", "xcomp", "ccomp", "dobj"))
#: Entity types of a phrase that dates the telling ("praised her in December").
_WHEN_ENTITIES = frozenset(("DATE", "TIME"))
#: Nouns of the occasion or medium of a telling ("praised her in an interview").
_TELLING_NOUNS = frozenset(
    "interview statement tweet post speech letter remarks email message video ad commercial "
    "debate conference op-ed column".split()
)
#: Tags of the participles that say what a cue takes its object as ("as beset by ...").
_PARTICIPLE_TAGS = frozenset(("VBG", "VBN"))
#: Words that open a non-restrictive relative clause after a comma, the writer's gloss.
_RELATIVE_WORDS = frozenset(("which", "who"))
#: Words that open a contrast or circumstance the writer adds after a comma.
_CONTRAST_MARKS = frozenset(("while", "whereas"))
#: Words opening a concession after a set-off attribution: the writer's, not the source's.
_CONCESSIONS = frozenset("though although while whereas".split())
#: Cues of findings (a poll "shows", a study "found"): their contrasts and figures after
#: a comma are findings too (", while 23 percent favored Cruz", ", with 13 percent
#: undecided").
#: Words that open an indirect question.
_QUESTION_WORDS = frozenset("how what whether why where when".split())
#: Conjunctions that coordinate a second reported clause with the first.
_CLAUSE_COORDINATORS = frozenset(("and", "but"))
#: Marks that end a sentence.
_SENTENCE_END_MARKS = frozenset(". ! ?".split())
#: Words that open a noun phrase as a thing ("the", "its"; not "no"), and list joints.
_ARTICLES = frozenset(("the", "a", "an"))
_LIST_JOINS = frozenset((",", "and", "or"))

#: Dashes that set phrases apart (a spaced "-" counts too, see `_dash`).
_DASHES = frozenset(("--", "–", "—", "―"))


def content_of(qdoc: QuoteDocument, cue: Cue, child: Token) -> tuple[int, int]:
    """Char span of the reported content hanging under `cue` through `child`; a
    subjectless clause takes back the subject the parser hung on the cue as its object
    (`stray_subject`)."""
    if cue.token.lower_ == "according":
        pieces = according_pieces(qdoc, cue.token)
        return max(pieces, key=lambda p: p[1] - p[0]) if pieces else (child.idx, child.idx)
    doc = qdoc.doc
    last = child.right_edge
    # before its cue, the clause is the speaker's to the end ("It is a file of shame,
    # cataloguing the empty pledges ..., he said"): the writer resumes only after it
    after = child.i > cue.token.i
    for token in doc[child.left_edge.i + 2 : child.right_edge.i + 1]:
        if qdoc.inside_quote(token):
            continue
        if after and _tacked_on(token):
            last = doc[token.i - 2]
            break
        if (
            after
            and _trailing_aside(token, child)
            and not any(
                qdoc.inside_quote(t) for t in doc[token.left_edge.i : child.right_edge.i + 1]
            )
        ):
            last = doc[token.left_edge.i - 2]
            break
        own = _own_report(token)
        if own is not None and own > child.left_edge.i + 1:
            last = doc[own - 1]
            while last.i > child.i and (last.dep_ == "cc" or last.is_punct):
                last = doc[last.i - 1]
            break
    subject = stray_subject(cue.token, child) if child.dep_ == "ccomp" else None
    first = child.left_edge if subject is None else subject.left_edge
    return qdoc.trimmed(first.idx, last.idx + len(last.text))


def stray_subject(cue: Token, clause: Token) -> Token | None:
    """The cue's object that is really the subject of its subjectless reported clause
    right after it ("felt [her anger in the debate] was over the top", "emphasize [that
    trade] is only one factor": the parser takes the subject for the cue's object)."""
    if any(c.dep_ in SUBJECT_DEPS for c in clause.children):
        return None
    return next(
        (
            c
            for c in cue.children
            if c.dep_ == "dobj" and c.i < clause.i and c.right_edge.i + 1 == clause.left_edge.i
        ),
        None,
    )


def elaborated(qdoc: QuoteDocument, content: tuple[int, int]) -> tuple[int, int]:
    """`content` with the rest of its sentence when a colon follows it, or a semicolon
    before words with no finite verb.

    What follows the colon spells the content out ("reiterated his campaign pledges:
    rebuilding the military, ..."; "said it is time to accept a new reality: that ..."),
    up to the end of the sentence. After a semicolon, only a verbless list of noun phrases
    spells the report out ("said it involves much material; the serving of 100
    questionnaires and the need to assess each"). A clause there, or a verbless aside
    ("; shares down 3% in early trading"), may be the writer's own, so it is left out. A
    quotation opening after the mark is a direct quote of its own, not more of the report.
    """
    doc = qdoc.doc
    after = qdoc.words_after(content[1], 1)
    if not after or after[0].text not in (":", ";") or after[0].i + 1 >= len(doc):
        return content
    last = doc[after[0].i + 1]
    if last.is_quote:
        return content
    rest = []
    for token in doc[last.i :]:
        if "\n" in token.text or token.text in _SENTENCE_END_MARKS:
            break
        rest.append(token)
    if not rest or (after[0].text == ";" and not _noun_phrase_list(rest)):
        return content
    return qdoc.trimmed(content[0], rest[-1].idx + len(rest[-1].text))


def _noun_phrase_list(words: list[Token]) -> bool:
    """Whether `words` are a list of things with no finite verb: two or more noun phrases
    each opened by a determiner ("the serving of 100 notices and the need to ..."). A
    headline-like aside ("shares down 3%", "no injuries and no damage reported") is not."""
    if any(t.tag_ in FINITE_TAGS for t in words) or not _opens_noun_phrase(words[0]):
        return False
    return any(t.lower_ in _LIST_JOINS and _opens_noun_phrase(n) for t, n in zip(words, words[1:]))


def _opens_noun_phrase(token: Token) -> bool:
    return token.lower_ in _ARTICLES or token.tag_ == "PRP$"


def with_coordinated_clause(qdoc: QuoteDocument, content: tuple[int, int]) -> tuple[int, int]:
    """`content` with a second reported clause coordinated after it: an indirect question
    ("talked about trade [and how he would improve it]", "was asked about the protests
    [and whether she would encourage them]") or another "that" clause ("believes there
    are no good options[, but that the lesser evil will do]"). The parser hangs it on the
    cue or further up, as a clause of its own."""
    after = qdoc.words_after(content[1], 3)
    if after and after[0].text == ",":
        after = after[1:]
    if len(after) < 2 or after[0].lower_ not in _CLAUSE_COORDINATORS:
        return content
    opener = after[1]
    if not (
        opener.lower_ in _QUESTION_WORDS or (opener.lower_ == "that" and opener.dep_ == "mark")
    ):
        return content
    clause = opener.head
    if clause.i <= opener.i or clause.dep_ == "relcl" or clause.sent != opener.sent:
        return content
    last = clause.right_edge
    return qdoc.trimmed(content[0], last.idx + len(last.text))


def object_content(qdoc: QuoteDocument, cue: Cue, obj: Token) -> tuple[int, int]:
    """The object of a cue with what completes it: "accused [X of Y]", "called [X Y]".

    The parser hangs the completion on the verb, beside the object (a second object,
    when it reads "calls Horgos “a mistake”" as two); adjuncts of the telling ("on
    Tuesday", "in a speech", "in December") are not part of what was said, unless a
    completion follows a bare one ("called that report Friday a lie"), but an "in" phrase
    placing the object is ("endorsed the governor in the Senate race"). An object opened
    by "that" whose subjectless verb follows is a reported clause (`_misread_clause`).
    """
    verb = _misread_clause(obj)
    if verb is not None:
        last = verb.right_edge
        while last.i > verb.i and last.is_punct and not last.is_quote:
            last = last.doc[last.i - 1]
        return qdoc.trimmed(obj.left_edge.idx, last.idx + len(last.text))
    return _completed(qdoc, cue, obj, _completes_object)


def _misread_clause(obj: Token) -> Token | None:
    """The verb of a reported clause the parser split at its complementizer: in "stressed
    that electrification, for example, was a cheap way" it reads "that electrification"
    as the object (a determiner "that") and hangs "was" elsewhere, without a subject. A
    finite verb with no subject right after the object (past its own adjuncts and
    commas) is the clause's; the object is its subject."""
    that = obj.left_edge
    if that.lower_ != "that" or that.dep_ != "det" or that.head.i != obj.i:
        return None
    sentence_end = obj.sent.end
    for token in obj.doc[obj.right_edge.i + 1 : sentence_end]:
        if token.tag_ in FINITE_TAGS:
            if any(c.dep_ in SUBJECT_DEPS for c in token.children):
                return None
            between = obj.doc[obj.right_edge.i + 1 : token.i]
            return (
                token
                if all(t.is_punct or t.head.i == token.i or _under(t, token) for t in between)
                else None
            )
    return None


def _under(token: Token, head: Token) -> bool:
    """Whether `head` is an ancestor of `token`."""
    return any(a.i == head.i for a in token.ancestors)


def topic_content(
    qdoc: QuoteDocument, cue: Cue, preposition: Token, topic: Token
) -> tuple[int, int]:
    """What a cue says through its preposition: the topic with an "as" or "by" phrase
    that completes it ("referred to [him as “a reformer”]", "[her by a nickname]"), from
    the cue's object when one comes before the preposition ("sees [him as a potential
    asset]": the object is what the view is of). Other phrases after the topic tell of
    the telling ("spoke about taxes for an hour")."""
    start, end = _completed(qdoc, cue, topic, _completes_topic)
    target = next((c for c in cue.token.children if c.dep_ == "dobj" and c.i < preposition.i), None)
    if target is not None:
        start, _ = content_of(qdoc, cue, target)
    return start, end


def _completed(
    qdoc: QuoteDocument, cue: Cue, first: Token, completes: Callable[[Token], bool]
) -> tuple[int, int]:
    """The content from `first` through the siblings after it on the cue that
    `completes` accepts, up to a punctuation mark or another adjunct."""
    last = first
    for sibling in cue.token.rights:
        if sibling.i <= first.i:
            continue
        before = qdoc.doc[sibling.left_edge.i - 1]
        if before.is_punct and not before.is_quote:
            break
        if sibling.dep_ == "npadvmod":  # "called that report Friday a lie"
            continue
        if not completes(sibling):
            break
        last = sibling
    start, _ = content_of(qdoc, cue, first)
    _, end = content_of(qdoc, cue, last)
    return start, end


def _completes_topic(token: Token) -> bool:
    """Whether a sibling of a cue's prepositional topic completes it ("as Y", "by Y", an
    infinitive)."""
    return (token.dep_ == "prep" and token.lower_ in _TOPIC_COMPLEMENT_PREPS) or _infinitive(token)


def _infinitive(token: Token) -> bool:
    """Whether a sibling of a cue's object or topic is an infinitive the parser hung on the
    cue, where it says what the object is for ("called for [the secretary to release the
    transcripts]", "praised [the efforts of Kerry to find a solution]")."""
    return token.dep_ in ("advcl", "xcomp") and token.left_edge.tag_ == "TO"


def _completes_object(token: Token) -> bool:
    """Whether a sibling of a cue's object completes what the cue says of it ("as Y",
    "of Y", a second object)."""
    if token.dep_ == "prep":
        return token.lower_ in _OBJECT_COMPLEMENT_PREPS and not (
            token.lower_ == "in" and _frames_the_telling(token)
        )
    if _infinitive(token):
        return True
    if token.dep_ == "advcl":  # "described the dinner as Washington celebrating itself"
        return token.left_edge.lower_ == "as" and token.tag_ in _PARTICIPLE_TAGS
    return token.dep_ in _OBJECT_COMPLEMENT_DEPS


def _frames_the_telling(preposition: Token) -> bool:
    """Whether a preposition's object is a date or the occasion of the telling ("praised
    her [in December]", "[in a tweet]"): when or where the cue happened, not part of what
    it says of its object."""
    return any(
        c.dep_ == "pobj" and (c.ent_type_ in _WHEN_ENTITIES or c.lemma_.lower() in _TELLING_NOUNS)
        for c in preposition.children
    )


def governed_content(qdoc: QuoteDocument, cue: Cue, child: Token) -> tuple[int, int]:
    """The content of `cue` reached through its child `child`: "dismissed [the fuss as
    “absurd”]", "blamed [the “fog of war” for the failure]" report the object with what
    completes it, wherever the quote sits in them; else the clause under `child`.

    A quoted completion reaches back to the object over the words the parser hangs on
    the verb between them, an opening mark or an adjunct ("called [his standing in the
    field “unheard of”]"), but not over a comma or dash (the object's own completion
    ends there)."""
    objects = [c for c in cue.token.children if c.dep_ == "dobj" and c.i <= child.i]
    if objects and child.dep_ != "ccomp" and _completes_object(child):
        start, end = object_content(qdoc, cue, objects[0])
        if start <= child.idx < end:
            return start, end
        between = qdoc.doc[objects[0].right_edge.i + 1 : child.left_edge.i]
        if not any(t.is_punct and not t.is_quote for t in between):
            return start, content_of(qdoc, cue, child)[1]
    return content_of(qdoc, cue, child)


def pieces_around(
    qdoc: QuoteDocument, first: int, last: int, hole: tuple[int, int]
) -> list[tuple[int, int]]:
    """Tokens `first..last` minus the tokens `hole[0]..hole[1]` (an attribution set in them).

    Each side that holds a word is a piece of what was said, however short ("Her
    countrymen, she said, should not listen ..."), as a quotation interrupted by its
    attribution gives two quotes. What a colon before the attribution opens is the
    piece, not the writer's lead-in to it ("The tax has not hurt the City: [London was
    the financial capital of the world], according to the report"); so does a dash left
    open before it ("... for that night - and [the permit], his campaign said, had been
    hard to get"), while a pair of dashes only sets off an aside. Words that end in a
    conjunction ("..., but, he said, ...") are the writer's, as are words after it that
    open with one (`writers_going_on`).
    """
    doc = qdoc.doc
    colons = [t.i for t in doc[first : hole[0]] if t.text == ":" and not qdoc.inside_quote(t)]
    if colons and any(t.is_alpha for t in doc[colons[-1] + 1 : hole[0]]):
        first = colons[-1] + 1
    dashes = [t.i for t in doc[first : hole[0]] if _dash(t) and not qdoc.inside_quote(t)]
    if len(dashes) % 2 and any(t.is_alpha for t in doc[dashes[-1] + 1 : hole[0]]):
        first = dashes[-1] + 1
    pieces = []
    for start, end in ((first, hole[0]), (hole[1] + 1, last + 1)):
        if end > start and start == first and _joins_on(doc[start:end]):
            continue
        if end > start and start > first and writers_going_on(first_word(doc[start:end])):
            continue
        if end > start:
            piece = qdoc.trimmed(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
            if qdoc.has_words(piece):
                pieces.append(piece)
    return pieces


def _joins_on(before: Span) -> bool:
    """Whether the words before an attribution end in a conjunction ("That helped reduce
    pollution, but, according to Hansen, the tradeoff ...", "But, he said, ..."): the
    writer's, joined on to the source's words after it."""
    words = [t for t in before if not (t.is_punct or t.is_space)]
    return bool(words) and words[-1].pos_ == "CCONJ"


def writers_going_on(first: Token | None) -> bool:
    """Whether the words after a set-off attribution are the writer going on, not more of
    the source's words: a concession ("..., officials say, though precisely how many is
    hard to know") or a past-tense verb joined on with no subject of its own ("The attack
    killed 35 people, officials said, and raised fears that ..."). A clause joined on
    with a subject may be the source's ("..., he says, but we are going to have some
    difficult months": a quotation that lost its marks), nor the source of the report
    ("..., Zelensky said, according to the Daily Mail")."""
    if first is None:
        return False
    if first.lower_ in _CONCESSIONS or first.lower_ == "according":
        return True
    after = first.doc[first.i + 1] if first.i + 1 < len(first.doc) else None
    return first.pos_ == "CCONJ" and after is not None and after.tag_ == "VBD"


def first_word(tokens: Span) -> Token | None:
    """The first token of `tokens` that is no punctuation or space, if any."""
    return next((t for t in tokens if not (t.is_punct or t.is_space)), None)


def _dash(token: Token) -> bool:
    """Whether `token` is a dash between phrases, not a hyphen the tokenizer split off."""
    if token.text == "-":
        return bool(token.whitespace_) and token.i > 0 and bool(token.nbor(-1).whitespace_)
    return token.text in _DASHES


def according_pieces(qdoc: QuoteDocument, according: Token) -> list[tuple[int, int]]:
    """The sentence that "according to X" sits in, without that phrase; nothing when the
    sentence reports someone's words of its own ("According to AP, Judge May said she
    hoped ..."): those are the statement, and the source only carries it."""
    verb = according.head
    children = list(verb.children)
    if (
        verb.lemma_.lower() in SPEECH_VERBS
        and any(c.dep_ in SUBJECT_DEPS and c.pos_ in ("PROPN", "NOUN") for c in children)
        and any(c.dep_ == "ccomp" for c in children)
    ):
        return []  # not "the floods have claimed 174 lives, according to a spokesperson"
    sentence = according.sent
    hole = (according.left_edge.i, according.right_edge.i)
    pieces = pieces_around(qdoc, sentence.start, sentence.end - 1, hole)
    after = according.doc[hole[1] + 1 : sentence.end]
    if len(pieces) > 1 and _describes_the_source(after):
        return pieces[:1]
    return pieces


def _describes_the_source(after: Span) -> bool:
    """Whether the words after "CLAUSE, according to X" describe X rather than go on with
    what X said: a relative clause the parse left outside the source ("..., according to
    the UN Department of Economic and Social Affairs (DESA), which supports the IGF
    Secretariat"), or words with no finite verb ("according to its spokesperson Ko Saw
    Lone, also using a pseudonym"): no statement of the source's."""
    first = first_word(after)
    return first is not None and (
        first.lower_ in _RELATIVE_WORDS or not any(t.tag_ in FINITE_TAGS for t in after)
    )


def same_words(text: str, content: tuple[int, int], inner: tuple[int, int]) -> bool:
    """Whether a content span holds nothing but the quoted words (plus marks, punctuation)."""
    outside = text[content[0] : inner[0]] + text[inner[1] : content[1]]
    words = [w for w in outside.split() if any(ch.isalnum() for ch in w)]
    return not words or (len(words) == 1 and words[0].lower() == "that")


def _tacked_on(token: Token) -> bool:
    """Where the writer's words resume inside a reported clause: a comma-led participle
    (", tapping ...") or a subjectless speech verb coordinated with the cue ("... and
    added that")."""
    if _comma_before(token) and token.tag_ == "VBG":
        return token.dep_ in ("advcl", "xcomp", "acl", "conj")
    previous = token.doc[token.i - 1]
    return (
        previous.dep_ == "cc"
        and token.dep_ == "conj"
        and token.lemma_.lower() in SPEECH_VERBS
        and not any(c.dep_ in SUBJECT_DEPS for c in token.children)
    )


def _own_report(token: Token) -> int | None:
    """Index where a coordinated report with a speaker of its own begins, if `token` is
    its verb: "... were worried, and more than 4 in 10 said ..." is a second report."""
    if token.dep_ != "conj" or token.lemma_.lower() not in SPEECH_VERBS:
        return None
    subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
    return subject.left_edge.i if subject is not None and subject.i < token.i else None


def _comma_before(token: Token) -> bool:
    """A comma right before `token`, or before the closing mark there (“...,” though)."""
    previous = token.doc[token.i - 1]
    if previous.is_quote and token.i > 1:
        previous = token.doc[token.i - 2]
    return previous.text == ","


def _trailing_aside(token: Token, child: Token) -> bool:
    """Whether `token` heads a comma-led aside that ends the clause under `child` of a
    cue: a non-restrictive relative clause or an appositive ("... the reason for
    canceling the interview, which had been in the works since the summer"), the
    writer's gloss; or a contrast or circumstance the writer adds (", while 22 percent
    said ...", ", with most of it going to security"). An aside may follow a single word
    ("criticized Comey, a Republican appointed by ...")."""
    first = token.left_edge
    return (
        (
            (token.dep_ == "relcl" and first.lower_ in _RELATIVE_WORDS)
            or (token.dep_ == "appos" and not _listed(token))
            or (token.dep_ == "advcl" and first.lower_ in _CONTRAST_MARKS)
            or (token.dep_ == "prep" and token.lower_ == "with")
        )
        and _comma_before(first)
        and first.i - 2 >= child.left_edge.i
        and token.right_edge.i >= child.right_edge.i - 1
    )


def _listed(appos: Token) -> bool:
    """Whether an "appositive" is the parser's reading of a list's second item ("differ
    on Israel, the Iranian nuclear deal and the possibility of ..."): it has items of
    its own coordinated with it, and no relative clause of a gloss ("Harold Doley, a
    banker and former official who has suggested ...")."""
    return any(c.dep_ == "conj" for c in appos.children) and not any(
        t.dep_ == "relcl" for t in appos.subtree
    )
