"""Who can be a source: people, the roles and groups they are named by, and institutions.

A speaker phrase without a name ("a senior State Department official", "the ministry",
"prosecutors") is an unnamed source when its head is a word for a person, a group of
people or a body that speaks; "the shockwave", "growth" or "climate change" never
speak, whatever verb follows them. The lexicon is general English, not any article's.
"""

from __future__ import annotations

from spacy.tokens import Token

#: Words for people by role, trade, relation or status, singular (lemmas).
PERSON_NOUNS = frozenset(
    """
    official spokesman spokeswoman spokesperson representative aide adviser advisor
    assistant secretary minister president vice chairman chairwoman chair director chief
    head leader commander general officer colonel captain lieutenant sergeant major
    admiral soldier trooper agent detective inspector investigator prosecutor attorney
    lawyer counsel solicitor barrister judge justice magistrate juror defendant plaintiff
    witness victim suspect survivor resident citizen voter taxpayer neighbour neighbor
    expert analyst economist scientist researcher professor academic scholar doctor
    physician nurse surgeon epidemiologist engineer consultant strategist historian
    source insider diplomat envoy ambassador consul lawmaker legislator senator
    congressman congresswoman congressperson representative councillor councilor
    councilman councilwoman mayor governor premier chancellor king queen prince princess
    monarch emperor pope bishop priest cleric imam rabbi pastor reverend activist
    campaigner protester demonstrator organizer organiser volunteer worker employee
    staffer manager executive ceo founder owner entrepreneur investor banker trader
    farmer fisherman teacher student pupil parent mother father son daughter brother
    sister wife husband widow widower child kid man woman person people guy girl boy
    friend relative cousin uncle aunt grandmother grandfather fan player coach athlete
    captain referee manager candidate nominee challenger incumbent critic supporter
    opponent defender proponent advocate commentator columnist editor reporter
    journalist correspondent writer author blogger host anchor presenter broadcaster
    moderator panelist panellist participant attendee delegate member partner colleague
    rival ally owner tenant landlord customer client patient passenger driver pilot
    commuter shopper tourist visitor migrant refugee immigrant pilgrim worshipper
    fighter militant rebel insurgent gunman attacker assailant hostage prisoner inmate
    guard ranger firefighter paramedic medic responder rescuer official negotiator
    mediator regulator inspector auditor controller treasurer clerk registrar marshal
    sheriff deputy commissioner superintendent principal dean provost rector chaplain
    administrator coordinator supervisor foreman steward operator developer designer
    programmer artist actor actress singer musician director producer dancer model
    comedian poet novelist photographer filmmaker chef owner boss staff personnel crew
    team squad reader forecaster commenter speaker user buyer seller holder shareholder
    stakeholder policymaker filmmaker peacekeeper observer outsider follower listener
    viewer caller lender borrower employer miner builder member teenager youngster
    villager stranger hunter researcher officer niece nephew granddaughter grandson
    stepfather stepmother stepson stepdaughter lady gentleman narrator announcer questioner
    surrogate
    """.split()
)
#: Words for bodies that speak as one: governments, agencies, firms, groups (lemmas).
BODY_NOUNS = frozenset(
    """
    government administration ministry department agency office bureau commission
    committee council board panel parliament congress senate assembly legislature cabinet
    court tribunal authority regulator police military army navy force forces command
    embassy consulate mission delegation party campaign coalition alliance union league
    federation association organisation organization group company firm corporation
    business bank lender insurer carrier airline operator manufacturer maker retailer
    developer provider utility utilities company network broadcaster newspaper outlet
    agency institute foundation charity fund university school college hospital clinic
    church mosque club team side family household state states country nation kingdom
    republic regime junta province county city town municipality village community
    service services secretariat presidency kremlin palace headquarters prosecution
    defence defense
    """.split()
)
#: Texts that have an author who speaks through them ("a statement said", "the
#: spokesman's email said"); documents of findings (reports, studies) are not here.
AUTHORED_TEXTS = frozenset(
    "statement letter email note memo release post tweet message headline invitation".split()
)
#: Endings of agent nouns ("campaigner", "negotiator", "economist", "Republican").
_AGENT_ENDINGS = ("ist", "ian", "eer", "man", "men", "woman", "women", "person", "people")


def is_source_noun(token: Token) -> bool:
    """Whether a common noun names someone who can make a statement."""
    lemma = token.lemma_.lower()
    lower = token.lower_
    if lemma in PERSON_NOUNS or lemma in BODY_NOUNS or lower in PERSON_NOUNS or lower in BODY_NOUNS:
        return True
    return lemma.endswith(_AGENT_ENDINGS) and len(lemma) > 4


def is_authored_text(token: Token) -> bool:
    return token.lemma_.lower() in AUTHORED_TEXTS
