"""The descriptions an article gives a person: titles, appositives, "who is" clauses.

News introduces a source by what they are, in shapes the parse shows:
- a title before the name, in the name's own noun phrase ("Secretary of State Mike
  Pompeo", "Russian lawmaker Konstantin Kosachyov", "Sen. Tom Cotton");
- an appositive after or before it ("Andrew Weiss, a Russia expert at the Carnegie
  Endowment", "a spokeswoman, Nicole Navas");
- a relative clause ("Maria Lopez, who is a professor at Yale", "..., who heads the X",
  "..., who served as ambassador", "..., who worked for" an organisation), a sentence's
  predicate ("X is senior policy advisor for Y", "named Héctor Valer as prime minister",
  "X was named finance minister", "X served as ambassador", "As U.N. ambassador, X was
  ..."), or the organisation a name is set off as "of" ("X, of Utwente University,");
- what a pronoun only that person can take says ("his role as finance minister", "she
  is a professor": `pronoun_roles`, on the pronouns `person_gender` resolves);
- later, a definite description only that person's role word fits ("the prime
  minister" after "Prime Minister Boris Johnson": `later_descriptions`).
Joined descriptions that share no words are two ("a New York Democrat and chairman of
the House Judiciary Committee"). A description counts only when its head is a word for
a person by role (`roles`, honorific titles but not "Mr."/"Mrs."): "Smith, Jones and
Brown" or "Jane Doe, 45," are no roles. Offsets are the article's: text[start:end] is the
role as written.
"""

from __future__ import annotations

import numpy
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from newsbeam.transforms.entities.names import HONORIFICS, PERSONAL_HONORIFICS
from newsbeam.transforms.entities.repairs import inner_hyphen
from newsbeam.transforms.entities.roles import PERSON_NOUNS, ROLE_ACRONYMS
from newsbeam.transforms.records import Entity, Mention

#: Titles written before a name that say a role, not only a courtesy ("Dr." and "Prof."
#: do; "Mr." and "Sir" do not).
TITLE_WORDS = (HONORIFICS - PERSONAL_HONORIFICS) | {"dr", "prof"}
#: Words for people by what they are that name no office and so are not among the
#: shared role words (whose words are cut from names): "a Buffalo native", "a New York
#: Democrat", "a Trump-backed businessman", "a Syrian army defector".
DESCRIPTION_NOUNS = frozenset(
    """
    businessman businesswoman businessperson regent defector dictator fugitive native veteran
    democrat republican tory loyalist scion heir heiress tycoon magnate billionaire servant
    warrior chairperson associate fellow lecturer showrunner
    """.split()
)
_ROLE_WORDS = PERSON_NOUNS | ROLE_ACRONYMS | TITLE_WORDS | DESCRIPTION_NOUNS
#: Courtesy titles: no role, and no part of one ("Mrs" in "the Minister, Mrs Koonjoo-Shah").
COURTESY = PERSONAL_HONORIFICS - TITLE_WORDS
#: Endings of nouns for people by trade or field ("physicist", "politician", "chairperson").
_TRADE_ENDINGS = ("ist", "ian", "person")
#: Verbs of a "who ..." clause that describe a position ("who heads the agency").
POSITION_VERBS = frozenset(
    "head lead run chair direct found co-found represent manage oversee coach serve own teach "
    "advise command".split()
)
#: Verbs that put a person in a role named after "as" ("named X as prime minister",
#: "records list X as an employee of ...").
APPOINTING_VERBS = frozenset(
    "name appoint nominate elect choose select tap install confirm hire designate "
    "reappoint swear list identify".split()
)
#: Where the person a verb of appointing names stands: its object, the subject of its
#: passive, or the complement the parser sometimes makes the name ("the president, who
#: said nothing, named X as prime minister").
_APPOINTED = frozenset(("dobj", "nsubjpass", "oprd"))
#: Verbs of holding a role named after "as" ("served as ambassador").
SERVING_VERBS = frozenset("serve work act remain".split())
_VERBS = frozenset(("VERB", "AUX"))
_SUBJECT_IDS = [get_string_id("nsubj"), get_string_id("nsubjpass")]
#: Other places a later description stands: an owner ("the congressman's office") or
#: the object of a preposition ("a meeting with the minister").
_LATER_IDS = [*_SUBJECT_IDS, get_string_id("poss"), get_string_id("pobj")]
_SUBJECTS = frozenset(("nsubj", "nsubjpass"))
#: Longest description kept, in tokens: longer ones are clauses, not roles.
MAX_ROLE_TOKENS = 20
#: Where a description is cut: a nested clause ("..., who said ...") is no part of it.
_CLAUSE_DEPS = frozenset(("relcl", "acl", "advcl", "ccomp", "parataxis"))
_LEADING_DROP = frozenset(("cc", "punct", "prep"))
#: Pre-name words that end a title: a title never spans punctuation, an appositive, a
#: verb or another person's name ("X official Eric Green and Y official Laura Cooper").
_TITLE_BREAKS = frozenset(("punct", "appos"))


def is_role_word(token: Token) -> bool:
    """A word for a person by role, trade or title ("expert", "Sen.", "CEO", "physicist");
    a description word the parser took for an adjective of a name counts too ("fugitive
    Joseph Badio")."""
    if token.pos_ == "ADJ" and token.dep_ == "amod" and token.head.pos_ == "PROPN":
        return token.lower_ in DESCRIPTION_NOUNS
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    lemma = token.lemma_.lower().rstrip(".")
    word = token.lower_.rstrip(".")
    if {lemma, word} & _ROLE_WORDS:
        return True
    return token.pos_ == "NOUN" and word.endswith(_TRADE_ENDINGS) and len(word) > 5


def _trimmed(doc_span: Span) -> Span | None:
    """The span without leading conjunctions, prepositions or punctuation, trailing
    punctuation, and anything from a nested clause on; None when nothing is left or it is
    too long to be a role."""
    doc = doc_span.doc
    start, end = doc_span.start, doc_span.end
    for token in doc_span:
        clause = token.dep_ in _CLAUSE_DEPS or (token.dep_ == "conj" and token.pos_ in _VERBS)
        if clause and token.i > start:
            end = min(end, token.left_edge.i)
    while start < end and (doc[start].dep_ in _LEADING_DROP or doc[start].is_punct):
        start += 1
    while end > start and _loose_end(doc[start:end]):
        end -= 1
    if end <= start or end - start > MAX_ROLE_TOKENS:
        return None
    return doc[start:end]


def _described(head: Token) -> list[Span]:
    """The descriptions a role noun heads, from its first word to its last: one, or one
    per conjunct when they share no words ("a New York Democrat and chairman of the
    House Judiciary Committee", "senior advisor for X and author of Y": the first has its
    own words after its head, or its own "a" and the next its own words; "IBM Chairman
    and Chief Executive Officer" is one role), and the role "in his capacity as" adds
    ("Seri Ruam Thai leader in his capacity as chairman of the committee")."""
    doc = head.doc
    found: list[Span | None] = []
    start, end = head.left_edge.i, head.right_edge.i + 1
    # A word the tokenizer split at its hyphen ("the Tory co-chair"): all of it.
    while start > 1 and doc[start - 1].text == "-" and not _spaced(doc[start - 2 : start]):
        start = doc[start - 2].left_edge.i
    conjuncts = [c for c in head.rights if c.dep_ == "conj" and is_role_word(c)]
    if conjuncts and _stands_alone(head, conjuncts[0]):
        end = min(end, conjuncts[0].left_edge.i)
        found += [_trimmed(doc[c.left_edge.i : c.right_edge.i + 1]) for c in conjuncts]
    for prep in head.rights:
        capacity = [c for c in prep.rights if c.dep_ == "pobj" and c.lemma_ == "capacity"]
        if prep.lower_ == "in" and capacity and (role := _as_role(capacity[0])) is not None:
            end = min(end, prep.i)
            found.append(role)
    return [s for s in (_trimmed(doc[start:end]), *found) if s is not None]


def _spaced(span: Span) -> bool:
    """Whether any word of a span has a space after it."""
    return any(t.whitespace_ for t in span)


def _stands_alone(head: Token, conjunct: Token) -> bool:
    """Whether a role noun's phrase shares no words with the conjunct joined to it: it has
    words of its own after its head, or its own indefinite article while the conjunct
    has words after its own head."""
    own_after = any(c.dep_ in ("prep", "acl") and c.i < conjunct.i for c in head.rights)
    article = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.lefts)
    conjunct_after = any(c.dep_ in ("prep", "acl") for c in conjunct.rights)
    return own_after or (article and conjunct_after)


def _loose_end(span: Span) -> bool:
    """Whether a span's last word is no part of a role: punctuation (not the dot of
    "Col.", nor a bracket the role opened: "(www.cfact.org)"), a conjunction, a courtesy
    title."""
    last = span[-1]
    if last.text == ")":
        return span.text.count(")") > span.text.count("(")
    return (
        (last.is_punct and last.dep_ == "punct")
        or last.text in (",", ";", ":", "(")
        or last.dep_ == "cc"
        or last.lower_.rstrip(".") in COURTESY
    )


def _other_name(token: Token) -> bool:
    """A word of another person's name before this one; a title the model took into the
    name ("Crown Prince" of "Crown Prince Mohammed bin Salman") is none."""
    return token.ent_type_ == "PERSON" and not is_role_word(token)


def prename_title(name: Span) -> Span | None:
    """The title before a name in its noun phrase ("Secretary of State" of "Secretary of
    State Mike Pompeo", "Lt. Col." of "Lt. Col. Alexander Vindman"), when it holds a role
    word. A name that modifies a noun ("President Joe Biden's agenda") takes its title
    from that noun's phrase."""
    root = name.root
    if root.dep_ in ("compound", "poss") and root.head.i > root.i:
        root = root.head
    start = name.start
    while start > root.left_edge.i:
        token = name.doc[start - 1]
        # a hyphen inside "Secretary-General" ends no title
        breaks = token.dep_ in _TITLE_BREAKS and not inner_hyphen(token)
        if breaks or token.pos_ in _VERBS or _other_name(token):
            break
        start -= 1
    title = _trimmed(name.doc[start : name.start]) if start < name.start else None
    if title is None or not any(is_role_word(t) for t in title):
        return _split_title(name)
    return title


def _abbreviated_title(token: Token) -> bool:
    """A capitalised title word that abbreviations write with a dot ("Reps", "Sens",
    "Gov"), in whatever part of speech the parser gave it."""
    word = token.lower_
    return token.is_title and (word in TITLE_WORDS or word.removesuffix("s") in TITLE_WORDS)


def _split_title(name: Span) -> Span | None:
    """A title abbreviation the parser split from the name at its dot, taking it for a
    sentence's end ("Reps. Jim Jordan and Jim Banks"): the word and its dot."""
    doc, start = name.doc, name.start
    if start < 2 or doc[start - 1].text != "." or not _abbreviated_title(doc[start - 2]):
        return None
    if doc[start - 2].idx + len(doc[start - 2]) != doc[start - 1].idx:
        return None
    return doc[start - 2 : start]


def shared_title(name: Span) -> Span | None:
    """A plural title before a list of names, for a name later in the list ("former
    ambassadors Alexander Vershbow, John Herbst and Daniel Fried", "Reps. Jim Jordan and
    Jim Banks"): a singular one is the first name's alone ("Sen. Tom Cotton and Alexey")."""
    first = name.root
    if first.dep_ != "conj":
        return None
    while first.dep_ == "conj":
        first = first.head
    start = first.i
    doc = name.doc
    while start > 0 and doc[start - 1].head == first and doc[start - 1].dep_ == "compound":
        if (
            doc[start - 1].pos_ != "PROPN"
            or doc[start - 1].is_punct
            or is_role_word(doc[start - 1])
        ):
            break
        start -= 1
    title = prename_title(doc[start : first.i + 1])
    if title is None or not any(
        _plural(t) for t in title if is_role_word(t) or _abbreviated_title(t)
    ):
        return None
    return title


def listed_role(name: Span) -> Span | None:
    """The plural role a list of names is given as examples of ("former ambassadors,
    including Alexander Vershbow, John Herbst and Daniel Fried", "experts such as X");
    "like" compares more than it lists ("oil-rich dictators like X")."""
    first = name.root
    while first.dep_ == "conj":
        first = first.head
    prep = first.head
    if first.dep_ != "pobj" or prep.dep_ != "prep":
        return None
    such = prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children)
    noun = prep.head
    if not (prep.lower_ == "including" or such) or noun.i > prep.i:
        return None
    if not is_role_word(noun) or not _plural(noun):
        return None
    return _trimmed(name.doc[noun.left_edge.i : noun.i + 1])


def _plural(token: Token) -> bool:
    word = token.lower_.rstrip(".")
    lemma = token.lemma_.lower().rstrip(".")
    return word.endswith("s") and (lemma != word or word[:-1] in TITLE_WORDS)


def appositive_roles(name: Span) -> list[Span]:
    """Role appositives of a name: after it ("Andrew Weiss, a Russia expert at the
    Carnegie Endowment") and the one it stands in apposition to ("a spokeswoman, Nicole
    Navas"). Only an appositive headed by a role word counts."""
    doc = name.doc
    root = name.root
    found = []
    comma_after = name.end < len(doc) and doc[name.end].text == ","
    for child in root.rights:
        # A role after a comma the parser joined as a conjunct ("Arvind Krishna, IBM
        # Chairman and Chief Executive Officer") is an appositive too.
        linked = child.dep_ == "appos" or (child.dep_ == "conj" and comma_after)
        if linked and child.i >= name.end and is_role_word(child):
            found += _described(child)
    before = _role_before_comma(name)
    if before is not None:
        # To the role's own last word: a title right before the name ("..., Rear Admiral
        # Jamie Sands") is the name's, not the appositive's.
        parts = [
            c for c in before.children if c.i < name.start and c.dep_ not in ("appos", "punct")
        ]
        end = max([before.i, *(c.right_edge.i for c in parts)]) + 1
        span = _trimmed(doc[before.left_edge.i : end])
        if span is not None:
            found.append(span)
    return found


def _role_before_comma(name: Span) -> Token | None:
    """The role noun a name stands in apposition to from the right ("a spokeswoman,
    Nicole Navas"; "the new Executive Chairman of EFCC, Mr. Abdulrasheed Bawa", which the
    parser makes two subjects), or None."""
    doc, root = name.doc, name.root
    if root.dep_ == "appos" and root.head.i < name.start and is_role_word(root.head):
        return root.head
    start = name.start
    while start > 0 and doc[start - 1].lower_.rstrip(".") in COURTESY:
        start -= 1
    if start < 2 or doc[start - 1].text != ",":
        return None
    head = doc[start - 2]
    while head.head.i < start - 1 and head.head.i != head.i:
        head = head.head
    if is_role_word(head) and head.dep_ == root.dep_ and head.head == root.head:
        return head
    return None


def _as_role(verb: Token) -> Span | None:
    """The role after "as" on a verb ("served as ambassador to Poland", "named X as prime
    minister"), when it is a role word."""
    for prep in verb.rights:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            for obj in prep.rights:
                if obj.dep_ == "pobj" and is_role_word(obj):
                    return _trimmed(verb.doc[obj.left_edge.i : obj.right_edge.i + 1])
    return None


def _clause_roles(clause: Token) -> list[Span]:
    """What a clause about the person says they are: the attribute of "be" ("is a
    professor at Yale"), the role after "as" ("served as ambassador"), or the position a
    verb of holding one names ("heads the agency")."""
    lemma = clause.lemma_.lower()
    if lemma == "be":
        return [d for a in clause.rights if _attribute(a) for d in _described(a)]
    if lemma in POSITION_VERBS or (lemma == "work" and _works_for_organisation(clause)):
        role = _as_role(clause) or _trimmed(clause.doc[clause.i : clause.right_edge.i + 1])
        return [role] if role is not None else []
    return []


def _attribute(token: Token) -> bool:
    """The role word "be" says its subject is ("is a professor")."""
    return token.dep_ == "attr" and is_role_word(token)


def _works_for_organisation(verb: Token) -> bool:
    """Whether a verb of working names an organisation the model found ("who once worked
    for Haiti's Ministry of Justice"): a position; "worked in the garden" is none."""
    return any(
        prep.lower_ in ("for", "at", "in") and obj.dep_ == "pobj" and obj.ent_type_ == "ORG"
        for prep in verb.rights
        for obj in prep.rights
    )


def relative_role(name: Span) -> list[Span]:
    """The descriptions of a "who" clause on the name and of the clauses joined to it
    ("who worked on ... and served as ambassador to Poland")."""
    found = []
    for clause in name.root.rights:
        if clause.dep_ != "relcl" or not any(
            c.lower_ == "who" and c.dep_.startswith("nsubj") for c in clause.lefts
        ):
            continue
        verbs = [clause, *(c for c in clause.rights if c.dep_ == "conj" and c.pos_ in _VERBS)]
        found += [role for verb in verbs for role in _clause_roles(verb)]
    return found


def predicate_roles(subject: Token) -> list[Span]:
    """What a sentence about the person (their name's head, or a pronoun that refers to
    them) says they are or were made: "Paul Driessen is senior policy advisor for ...",
    "named Héctor Valer as prime minister", "Óscar Graham was named finance minister",
    "Fried served as ambassador", "As U.N. ambassador, Albright was ..."."""
    verb, lemma = subject.head, subject.head.lemma_.lower()
    found: list[Span | None] = []
    if subject.dep_ == "nsubj" and lemma == "be":
        found += [d for a in verb.rights if _attribute(a) for d in _described(a)]
    elif subject.dep_ in _APPOINTED and lemma in APPOINTING_VERBS:
        found.append(_as_role(verb) or _complement_role(verb))
    elif subject.dep_ == "nsubj" and lemma in SERVING_VERBS:
        found.append(_as_role(verb))
    if subject.dep_ in _SUBJECTS:
        found.append(_fronted_as_role(verb, subject))
    return [span for span in found if span is not None]


def _complement_role(verb: Token) -> Span | None:
    """The role a verb of appointing names without "as" ("was named finance minister",
    "has been appointed executive director of the institute")."""
    for obj in verb.rights:
        if obj.dep_ == "oprd" and is_role_word(obj):
            return _trimmed(verb.doc[obj.left_edge.i : obj.right_edge.i + 1])
    return None


#: Prepositions of time that end a role fronted with "as" ("As U.N. ambassador during
#: Clinton's first term, ...": the term is when, not what).
_TIME_PREPOSITIONS = frozenset("during from until since between before after".split())


def _fronted_as_role(verb: Token, subject: Token) -> Span | None:
    """The role an "As ..." phrase before the subject gives it ("As U.N. ambassador,
    Albright was a thorn in the side of ..."; "As the minister said, ..." is a clause,
    no role)."""
    for prep in verb.lefts:
        if prep.dep_ != "prep" or prep.lower_ != "as" or prep.i > subject.i:
            continue
        for obj in prep.rights:
            if obj.dep_ == "pobj" and is_role_word(obj):
                times = [c.i for c in obj.rights if c.lower_ in _TIME_PREPOSITIONS]
                end = min([obj.right_edge.i + 1, *times])
                return _trimmed(verb.doc[obj.left_edge.i : end])
    return None


#: Nouns for a person's time in a role, which "as" names ("his role as finance
#: minister", "her background as a native of the Bahamas", "his tenure as mayor").
TENURE_NOUNS = frozenset(
    "role job post position capacity time tenure stint term days years career background "
    "work".split()
)


def pronoun_roles(pronoun: Token) -> list[Span]:
    """The roles a pronoun that refers to a person gives them: "his role as finance
    minister", "she is a professor at Yale"."""
    if pronoun.dep_ == "poss" and pronoun.head.lemma_.lower() in TENURE_NOUNS:
        role = _as_role(pronoun.head)
        return [role] if role is not None else []
    return predicate_roles(pronoun)


def organisation_of(name: Span) -> Span | None:
    """The organisation a name is set off as being "of" ("Diana Reckien, of Utwente
    University in the Netherlands, said"), when the model names it one: "Smith, of
    London" is a place."""
    doc = name.doc
    if name.end + 1 >= len(doc) or doc[name.end].text != ",":
        return None
    prep = doc[name.end + 1]
    if prep.lower_ != "of" or prep.head != name.root:
        return None
    if not any(c.dep_ == "pobj" and c.ent_type_ == "ORG" for c in prep.rights):
        return None
    rest = _trimmed(doc[prep.i + 1 : prep.right_edge.i + 1])
    return doc[prep.i : rest.end] if rest is not None else None


def mention_roles(name: Span) -> list[Span]:
    """Every description the article gives the person at one mention of their name."""
    found = [
        prename_title(name) or shared_title(name) or listed_role(name),
        *appositive_roles(name),
        *relative_role(name),
        *predicate_roles(name.root),
        organisation_of(name),
    ]
    return [span for span in found if span is not None]


#: Offices and the broader words a later description names their holder by ("Rep. Jane
#: Doe" ... "the lawmaker", "the congresswoman"; "President X" ... "the leader"): general
#: English, the holder still has to be the only one in reach (`later_descriptions`).
_HOUSE = ("lawmaker", "legislator", "congressman", "congresswoman", "congressperson")
BROADER_ROLES = {
    **dict.fromkeys(("representative", "congressman", "congresswoman", "congressperson"), _HOUSE),
    "rep": ("representative", *_HOUSE),
    "sen": ("senator", "lawmaker", "legislator"),
    **dict.fromkeys(
        ("senator", "mp", "mep", "mla", "assemblyman", "assemblywoman", "legislator"),
        ("lawmaker", "legislator"),
    ),
    **dict.fromkeys(("president", "premier"), ("leader",)),
}


def _head_lemma(role: Span) -> str:
    """The role word a description is about ("minister" of "Defence Minister", "rep" of
    "Rep.")."""
    words = [t for t in role if is_role_word(t)]
    if not words:
        return ""
    return (role.root if role.root in words else words[-1]).lemma_.lower().rstrip(".")


#: Offices written in two words and the acronym news writes for them later ("Chief
#: Minister Jagan Mohan Reddy" ... "the CM said").
OFFICE_ACRONYMS = {
    ("prime", "minister"): "pm",
    ("chief", "minister"): "cm",
    ("chief", "executive"): "ceo",
    ("chief", "financial"): "cfo",
}


def _holder_words(role: Span) -> tuple[str, ...]:
    """The words a later description may name the role's holder by: its head, the
    broader words of that office and its acronym."""
    head = _head_lemma(role)
    words = [t.lower_ for t in role]
    acronyms = [OFFICE_ACRONYMS.get(pair) for pair in zip(words, words[1:], strict=False)]
    return (head, *BROADER_ROLES.get(head, ()), *(a for a in acronyms if a))


def _only_holder_in_reach(doc: Doc, token: Token, owners: set[str], people) -> str | None:
    """Of several holders of a role word, the only one named in the description's
    sentence or the one before it ("Rep. Jane Doe ... Doe added. The lawmaker said"):
    two named there ("X called Y. The president said") leave it nobody's."""
    sentence = token.sent
    start = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    near = {e for e in owners if any(start <= s.start < token.i for s in people[e])}
    return next(iter(near)) if len(near) == 1 else None


def _definite(first: Token) -> bool:
    """Whether a noun phrase's first word makes it name one holder: "the", or a place or
    body owning it ("Ukraine's president"; a person's, "his wife", is someone else)."""
    if first.lower_ == "the":
        return True
    return first.dep_ == "poss" and first.pos_ == "PROPN" and first.ent_type_ != "PERSON"


def _told_before(description: Span, head: Token, roles: list[Span]) -> bool:
    """Whether every word of a description besides its article and head is in the
    person's roles: a description reached by a broader word or by nearness says nothing
    new ("the lawmaker"; not "the UK leader" of a US president, "the minister of Foreign
    Affairs" of a prime minister)."""
    known = {t.lower_.rstrip(".") for role in roles for t in role}
    return all(
        t.lower_.rstrip(".") in known for t in description if t != head and t.lower_ != "the"
    )


def later_descriptions(doc: Doc, people: dict[str, list[Span]], roles: dict[str, list[Span]]):
    """entity id -> definite descriptions that can only name that person ("the prime
    minister said", "Ukraine's president said" after "Prime Minister Boris Johnson",
    "President Volodymyr Zelensky"): subjects (owners and objects of prepositions too, when
    they say nothing new: "the congressman's office"), when the article gives no other person a
    role of that word (or only this one is named in the sentence or the one before) and
    no name hangs on the description; an office's broader words count as its own ("the
    lawmaker" after "Rep. Jane Doe": `BROADER_ROLES`). A description before the person's
    first mention, or of a role two people named near it share, is left alone."""
    holders: dict[str, set[str]] = {}
    heads: dict[str, set[str]] = {}
    for entity_id, spans in roles.items():
        for role in spans:
            heads.setdefault(_head_lemma(role), set()).add(entity_id)
            for word in _holder_words(role):
                holders.setdefault(word, set()).add(entity_id)
    first = {e: min(n.start for n in names) for e, names in people.items() if names}
    taken = {
        i
        for spans in (*people.values(), *roles.values())
        for s in spans
        for i in range(s.start, s.end)
    }
    found: dict[str, list[Span]] = {}
    # Subjects, owners and objects of prepositions, found in the parse's arrays (a Token
    # object per word costs more); an object of a preposition on a role ("an aide to the
    # president", "Assistant to the Vice President") is part of someone else's role.
    deps = doc.to_array("DEP")
    for i in numpy.flatnonzero(numpy.isin(deps, _LATER_IDS)):
        token = doc[int(i)]
        if token.i in taken or token.tag_ in ("NNS", "NNPS") or not is_role_word(token):
            continue
        if token.dep_ == "pobj" and is_role_word(token.head.head):
            continue
        lefts = list(token.lefts)
        if not lefts or not _definite(lefts[0]) or any(c.pos_ == "PROPN" for c in token.rights):
            continue
        lemma = token.lemma_.lower()
        owners = holders.get(lemma, set())
        if len(owners) == 1 and owners == heads.get(lemma) and token.dep_ in _SUBJECTS:
            (entity_id,) = owners
            loose = True
        elif len(owners) == 1:
            (entity_id,) = owners
            loose = False
        elif (holder := _only_holder_in_reach(doc, token, owners, people)) is not None:
            entity_id, loose = holder, False
        else:
            continue
        if first[entity_id] < token.i and all(t.i not in taken for t in lefts):
            end = token.i + 1 if token.dep_ == "poss" else token.right_edge.i + 1
            span = _trimmed(doc[lefts[0].i : end])
            if span is not None and (loose or _told_before(span, token, roles[entity_id])):
                found.setdefault(entity_id, []).append(span)
    return found


def person_roles(spans: list[Span], text: str) -> list[Mention]:
    """Role spans as the article's text, in text order, each span once."""
    unique = {(s.start_char, s.end_char) for s in spans}
    return [Mention(text[start:end], start, end) for start, end in sorted(unique)]


def affiliation(roles: list[Mention], entities: list[Entity]) -> str | None:
    """The organisation of the article the person's roles name most often (ties: the one
    named first), e.g. "Carnegie Endowment" for "a Russia expert at the Carnegie
    Endowment"; None when no role names one."""
    counts: dict[str, int] = {}
    for role in roles:
        for entity in entities:
            if entity.label == "ORG" and any(
                role.start <= m.start and m.end <= role.end for m in entity.mentions
            ):
                counts[entity.name] = counts.get(entity.name, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda name: counts[name])
