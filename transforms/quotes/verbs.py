"""Lexicon of attribution cues: the verbs that introduce what someone said, wrote or holds.

Lemmas (spaCy's lower-case lemma). `SPEECH_VERBS` mark a quotation on their own;
`OPINION_VERBS` (believe, think, ...) and `INTENT_VERBS` (vow, refuse, ...) attribute a
reported clause but never a direct quote next to them.
"""

from __future__ import annotations

SPEECH_VERBS = frozenset(
    """
    accuse acknowledge add admit advise affirm agree allege announce answer apologise apologize
    argue ask assert assure attack attest beg berate blast blog boast brag call caution certify
    challenge charge chide chuckle cite claim clarify comment complain concede conclude concur
    condemn confirm conjecture contend contest continue counter criticise criticize declare
    decry defend demand denounce deny describe disagree disclose dismiss dispute echo elaborate
    email emphasise emphasize estimate exclaim explain find forecast groan grumble guarantee
    guess gush highlight hint hypothesize implore imply indicate inform insist instruct
    interject joke lament laugh maintain marvel mention mock muse mutter note notify object
    observe order outline plead pledge point posit post praise predict proclaim promise propose
    protest question quip quote reaffirm reassure rebuke rebut recall recite reckon recommend
    recount refute reiterate reject remark repeat reply report reprimand respond retort retweet
    reveal say scoff scold scream shout show sigh signal slam specify speculate state stipulate
    stress suggest summarise summarize surmise swear tell testify text theorise theorize
    threaten tout tweet underline underscore urge vow warn whisper wonder write yell
    chant bellow roar thunder snap fume rail gripe bemoan opine aver inquire enquire intone
    taunt sneer murmur stammer rant preach pronounce counsel demur bark snarl growl hiss
    boom advocate flag
    """.split()
)

OPINION_VERBS = frozenset(
    """
    believe think feel hope fear worry expect know doubt suspect assume suppose consider
    imagine understand realize realise recognize recognise want wish prefer learn
    """.split()
)

#: Verbs that report a stance or statement through their object ("endorsed Clinton",
#: "blamed the media", "expressed concern"); standing next to a quotation does not make
#: them its cue. Chosen on PolNeAR's train split: verbs with a subject and an object that
#: annotators marked as attribution cues at least half the time, less those whose
#: reports were right under a third of the time (release, promote, publish; "tweet" as
#: an object cue went for the same reason: "tweeted a photo").
STANCE_VERBS = frozenset(
    """
    applaud blame compare congratulate deem discuss endorse express invoke issue list
    oppose portray reference thank voice
    """.split()
)

#: Verbs of having, getting, doing and meaning: their subject is credited with no words
#: a quotation in their object holds ("got a spot for his "scathing" piece", "earning the
#: nickname "mkono wa damu"", "presided as the "chief justice""), whatever its shape.
NO_WORDS_VERBS = frozenset(
    """
    get take have make give put place start begin include earn win adopt use mean
    preside hold keep bring run play wear
    """.split()
)

#: Nouns that attribute the clause they introduce to their possessor ("Trump's claim
#: that Mexico will pay", "her promise to fight on"): the nouns of speech and stance.
#: Nouns of a belief or an intent ("his desire to expand", "her decision to run") are
#: no statement (QUOTES-GUIDE.md), though PolNeAR annotates them.
NOMINAL_CUES = frozenset(
    """
    claim statement suggestion assertion remark promise pledge warning argument accusation
    charge insistence comment criticism contention allegation declaration announcement vow
    threat demand complaint concern admission denial assessment conclusion prediction
    insinuation reminder
    """.split()
)

#: Nouns of speech or stance and the prepositions that introduce what they are about,
#: attributed to their possessor ("Trump's attacks on Clinton", "her call for a ban").
#: Chosen on PolNeAR's train split: pairs whose object annotators marked as attributed
#: content about half the time or more.
NOMINAL_PREPOSITION_CUES = {
    "attack": ("on",),
    "call": ("for",),
    "plea": ("for",),
    "appeal": ("for",),
    "endorsement": ("of",),
    "criticism": ("of",),
    "opposition": ("to",),
    "support": ("for",),
}

#: Verb and particle pairs that cue speech ("she went on: “...”", "Rubio fired back"), and
#: verbs with the fixed object of an idiom of speech ("as Ridge put it, “...”").
PHRASAL_CUES = frozenset(
    {
        ("go", "on"),
        ("fire", "back"),
        ("shoot", "back"),
        ("hit", "back"),
        ("lash", "out"),
        ("chime", "in"),
        ("weigh", "in"),
        ("spell", "out"),
        ("sum", "up"),
        ("cry", "out"),
        ("point", "out"),
        ("put", "it"),
    }
)

#: Verbs that report an intention or stance through their infinitive ("vowed to fight
#: on", "declined to comment"), never a quotation by standing next to it.
INTENT_VERBS = frozenset(
    "agree decide decline hope offer plan pledge promise refuse seek threaten vow want".split()
)

#: Cues whose topic follows a preposition ("called for a ban", "talked about taxes").
#: The pairs from "speak" on were chosen on PolNeAR's train split (objects marked as
#: attributed content over half the time; each one raised train's all-speech F1).
PREPOSITION_CUES = {
    "call": ("for",),
    "talk": ("about", "of"),
    "refer": ("to",),
    "warn": ("of", "about", "against"),
    "complain": ("about", "of"),
    "comment": ("on",),
    "argue": ("for", "against"),
    "ask": ("about", "for"),
    "write": ("about", "of"),
    "joke": ("about",),
    "boast": ("about", "of"),
    "brag": ("about",),
    "push": ("for",),
    "speak": ("about", "of"),
    "agree": ("with", "on"),
    "think": ("about",),
    "believe": ("in",),
    "see": ("as",),
    "view": ("as",),
    "focus": ("on",),
    "lash": ("at",),
    "respond": ("to",),
    "point": ("to",),
}

#: Cues whose direct object is the statement or its target ("announced his candidacy",
#: "criticized the deal"): the object is reported content when there is no clause. "say"
#: joined on PolNeAR's train split ("says racist things", "said the same of Sanders":
#: half of its objects are marked content; tell, write, ask and find lowered F1).
OBJECT_CUES = (
    frozenset(
        """
    acknowledge affirm announce blast cite condemn confirm criticise criticize decry denounce
    dismiss echo emphasise emphasize explain highlight mention mock note outline post praise
    propose question reaffirm recount reiterate reject repeat stress tout
    accuse call defend describe reveal report show charge deny dispute predict promise
    recall suggest slam blast claim disclose attack say advocate flag
    """.split()
    )
    | STANCE_VERBS
)

#: Penn Treebank tags of finite verbs (and modals): words holding one make a clause that
#: can state something.
FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP", "MD"))

#: Verbs whose object is the one whose words follow ("Reuters quoted X as saying ...",
#: "Forbes quoted Jennifer Granick"), not the outlet that quotes them.
QUOTING_VERBS = frozenset(("quote", "cite"))

#: Verbs that attribute only when they govern a clause ("polls show that ..."), never by
#: adjacency to a quote: too many non-speech uses otherwise ("call a meeting").
CLAUSE_ONLY_VERBS = frozenset("show find call point".split())

#: Verbs that cue a quotation only when they stand right next to it ("”, the sign
#: read"): governing one ("she read “War and Peace”") is not speech.
ADJACENT_ONLY_VERBS = frozenset({"read"})

#: Pronouns that may name a speaker ("he said"); resolution decides who they are.
PERSON_PRONOUNS = frozenset("he she him her his".split())
#: Pronouns that may stand for someone quoted, as the subject of a verb.
SPEAKER_PRONOUNS = frozenset("he she they we i".split())
