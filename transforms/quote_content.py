"""How far reported content reaches: the clause a cue governs, minus the writer's words.

"X said (that) CLAUSE" reports the clause, but the clause's parse subtree often carries
words that are the writer's again (", citing ...", "... and added"), and an attribution
set inside a sentence ("PART, X said, REST") splits it into two reported pieces.
"""

from __future__ import annotations

from spacy.tokens import Token

from transforms.quote_cues import SUBJECT_DEPS, Cue
from transforms.quote_document import QuoteDocument
from transforms.speech_verbs import SPEECH_VERBS

#: Prepositions that complete what a cue says of its object ("accused X of Y",
#: "criticized X for Y", "described X as Y", "defended X against Y").
_OBJECT_COMPLEMENT_PREPS = frozenset("of for as against about over with to".split())
#: Dependencies of the words that complete a cue's object ("called [X] [Y]").
_OBJECT_COMPLEMENT_DEPS = frozenset(("oprd", "xcomp", "ccomp", "dobj"))
#: Words that open a contrast or circumstance the writer adds after a comma.
_CONTRAST_MARKS = frozenset(("while", "whereas"))


def content_of(qdoc: QuoteDocument, cue: Cue, child: Token) -> tuple[int, int]:
    """Char span of the reported content hanging under `cue` through `child`."""
    if cue.token.lower_ == "according":
        pieces = according_pieces(qdoc, cue.token)
        return max(pieces, key=lambda p: p[1] - p[0]) if pieces else (child.idx, child.idx)
    doc = qdoc.doc
    last = child.right_edge
    for token in doc[child.left_edge.i + 2 : child.right_edge.i + 1]:
        if qdoc.inside_quote(token):
            continue
        if _tacked_on(token):
            last = doc[token.i - 2]
            break
        if _trailing_aside(token, child) and not any(
            qdoc.inside_quote(t) for t in doc[token.left_edge.i : child.right_edge.i + 1]
        ):
            last = doc[token.left_edge.i - 2]
            break
        own = _own_report(token)
        if own is not None and own > child.left_edge.i + 1:
            last = doc[own - 1]
            while last.i > child.i and (last.dep_ == "cc" or last.is_punct):
                last = doc[last.i - 1]
            break
    return qdoc.trimmed(child.left_edge.idx, last.idx + len(last.text))


def object_content(qdoc: QuoteDocument, cue: Cue, obj: Token) -> tuple[int, int]:
    """The object of a cue with what completes it: "accused [X of Y]", "called [X Y]".

    The parser hangs the completion on the verb, beside the object (a second object,
    when it reads "calls Horgos “a mistake”" as two); adjuncts of time and place ("on
    Tuesday", "in a speech") are not part of what was said, unless a completion follows
    a bare one ("called that report Friday a lie").
    """
    last = obj
    for sibling in cue.token.rights:
        if sibling.i <= obj.i:
            continue
        before = qdoc.doc[sibling.left_edge.i - 1]
        if before.is_punct and not before.is_quote:
            break
        if sibling.dep_ == "npadvmod":  # "called that report Friday a lie"
            continue
        if not _completes_object(sibling):
            break
        last = sibling
    start, _ = content_of(qdoc, cue, obj)
    _, end = content_of(qdoc, cue, last)
    return start, end


def _completes_object(token: Token) -> bool:
    """Whether a sibling of a cue's object completes what the cue says of it ("as Y",
    "of Y", a second object)."""
    return token.dep_ in _OBJECT_COMPLEMENT_DEPS or (
        token.dep_ == "prep" and token.lower_ in _OBJECT_COMPLEMENT_PREPS
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
    attribution gives two quotes.
    """
    doc = qdoc.doc
    pieces = []
    for start, end in ((first, hole[0]), (hole[1] + 1, last + 1)):
        if end > start:
            piece = qdoc.trimmed(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
            if qdoc.has_words(piece):
                pieces.append(piece)
    return pieces


def according_pieces(qdoc: QuoteDocument, according: Token) -> list[tuple[int, int]]:
    """The sentence that "according to X" sits in, without that phrase."""
    sentence = according.sent
    hole = (according.left_edge.i, according.right_edge.i)
    return pieces_around(qdoc, sentence.start, sentence.end - 1, hole)


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
    """Whether `token` heads a comma-led aside that ends the clause under `child`: a
    non-restrictive relative clause or an appositive ("... the reason for canceling the
    interview, which had been in the works since the summer"), the writer's gloss; or a
    contrast or circumstance the writer adds (", while 22 percent said ...", ", with
    most of it going to security")."""
    first = token.left_edge
    return (
        (
            (token.dep_ == "relcl" and first.lower_ in ("which", "who"))
            or token.dep_ == "appos"
            or (token.dep_ == "advcl" and first.lower_ in _CONTRAST_MARKS)
            or (token.dep_ == "prep" and token.lower_ == "with")
        )
        and _comma_before(first)
        and first.i - 2 > child.left_edge.i
        and token.right_edge.i >= child.right_edge.i - 1
    )
