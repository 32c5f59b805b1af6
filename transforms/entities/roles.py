"""Words for people by the role they hold: shared by entity names and quote sources.

A name is often written after its holder's role ("Werugha MCA Jason Tuja", "Buffalo
Mayor Bryon Brown", "demonstrator Aime Birba"): the role and what stands before it are
no part of the person's name. The quote stage reads the same words as heads of
unnamed sources ("a senior official", "the spokeswoman"). General English, not any
article's.
"""

from __future__ import annotations

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
    surrogate beekeeper headteacher headmaster headmistress shopkeeper vendor herder
    shepherd influencer redditor tiktoker youtuber instagrammer vlogger streamer podcaster
    """.split()
)

#: Acronyms of offices written before their holder's name ("MP Jane Smith", "MCA Jason
#: Tuja", "CEO Tim Cook"): members of parliaments and assemblies, ministers, executives.
#: Acronyms that also name places or organisations ("MD", "GM", "SP") are left out.
ROLE_ACRONYMS = frozenset(
    "mp mps mla mlas mlc mca mcas mep meps mpp msp mna mhk td pm cm ceo cfo coo cto cio".split()
)

#: Role words that also open the names of things as adjectives or collective nouns
#: ("General Data Protection Regulation", "People Data Graphs", "Special Forces Command"):
#: a span the model did not type PERSON is no person's name after one of them.
MODIFIER_ROLES = frozenset(
    "general chief vice major special state people head deputy senior prime crown staff team "
    "crew member user partner fan".split()
)

#: Words that name a government portfolio or a corporate function, and with a role word
#: make an office ("Defence Minister", "Secretary of State", "minister of Foreign
#: Affairs", "Executive Chairman"): beside a role they name the office, not a body.
PORTFOLIO_WORDS = frozenset(
    """
    defence defense finance interior foreign home state justice health education trade
    commerce industry energy environment agriculture labour labor transport transportation
    treasury economy economic culture tourism information communications housing
    immigration security veterans fisheries mines mining petroleum water works planning
    development welfare social sports youth women family science technology digital public
    service services external internal homeland affairs relations and executive
    """.split()
)
