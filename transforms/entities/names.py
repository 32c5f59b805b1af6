"""Name normalisation for entity merging: keys, titles, aliases and acronyms.

Two mentions of one entity rarely match character for character ("the U.S." / "United
States", "Apple Inc." / "Apple", "President Trump" / "Trump"). The merging stage compares
the keys built here instead of raw strings.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

from newsbeam.transforms.entities.gazetteer import OTHER_PLACE_SPELLINGS
from newsbeam.transforms.entities.roles import ROLE_ACRONYMS

#: Words that precede a person's name without being part of it (lower case, no dots).
#: Kept to titles that are not also common first names ("Dean", "Earl" are absent).
HONORIFICS = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady madam mme mlle monsieur herr
    president vice prime minister premier chancellor secretary senator sen rep representative
    congressman congresswoman gov governor lt lieutenant mayor judge justice chief officer
    gen general col colonel maj major capt captain cmdr commander adm admiral sgt sergeant
    cpl pvt rev reverend father pope cardinal bishop archbishop rabbi imam sheikh ayatollah
    king queen prince princess emperor empress sultan emir crown ambassador envoy chairman
    chairwoman chair ceo director coach detective inspector sheriff deputy attorney special
    counsel speaker leader commissioner superintendent state shri smt shrimati vp svp evp cfo
    coo cto
    """.split()
)

#: Honorifics only a person takes ("Mr Somchai" is a person whatever the model typed).
PERSONAL_HONORIFICS = frozenset(
    "mr mrs ms miss mx dr sir dame madam madame mme mlle monsieur herr".split()
)

#: Corporate form words that mark an organisation's legal suffix ("Apple Inc." is "Apple").
CORPORATE_SUFFIXES = frozenset(
    "inc incorporated corp corporation co company ltd limited llc llp plc ag sa nv gmbh bv "
    "spa oyj ab asa kk pty holdings".split()
)

#: Last words that make a name an organisation's, not a person's ("Flydubai Airlines",
#: "Dagens Nyheter" has none: its votes decide). Media, teams, parties, firms, bodies.
ORG_HEADS = frozenset(
    """
    airline airlines airways air bank bancorp group holdings partners capital ventures
    motors energy oil gas petroleum pharmaceuticals pharma technologies technology tech lab labs
    systems solutions networks network media news times post journal herald tribune gazette
    telegraph guardian observer press radio tv television channel magazine daily weekly
    party union league federation association council committee commission agency authority
    department ministry bureau office institute university college school academy hospital
    clinic foundation trust fund society club fc united rovers wanderers athletic team
    army navy force forces police court parliament assembly congress senate government
    service institution endowment organization organisation directorate secretariat
    """.split()
)

#: Last words that make a name a law, an event, a building's, a product's or a town's rather
#: than an organisation's ("General Data Protection Regulation", "Syrian Civil War", "Al-Aqsa
#: Mosque", a brand and its product: "Acme Data Cloud", "Acme Game Pass", "Acme Pay";
#: "Chino Hills", "Palm Springs", "Sioux Falls").
#: Heads that also end names of bodies are left out: "Environment Programme", "Catholic
#: Church", "Evening Standard", "Atlantic Coast Conference", "Chicago Fire", "Human Rights
#: Watch", "Acme Studios", "Acme Store" (a shop).
THING_HEADS: dict[str, str] = {
    **dict.fromkeys(
        "act law regulation regulations directive treaty accord accords agreement convention "
        "standards principles amendment".split(),
        "LAW",
    ),
    **dict.fromkeys("war summit festival earthquake hurricane day glaciation".split(), "EVENT"),
    **dict.fromkeys(
        "mosque cathedral station airport bridge stadium temple synagogue".split(), "FAC"
    ),
    **dict.fromkeys("cloud pass pay app suite browser console".split(), "PRODUCT"),
    **dict.fromkeys("hills heights springs falls beach".split(), "GPE"),
}

#: Head words that make "X <head>" a thing named after X rather than X itself.
GENERIC_HEADS = frozenset(
    """
    organization organisation foundation group administration campaign family tower towers
    hotel institute center centre company trust fund estate museum library hall
    """.split()
)

#: Keys of diseases news names like proper nouns ("COVID-19", "Ebola"): no entity of the
#: table's kinds, whatever label the model gives them.
DISEASES = frozenset(
    {
        "covid 19",
        "covid19",
        "covid",
        "sars cov 2",
        "sars",
        "mers",
        "coronavirus",
        "ebola",
        "zika",
        "mpox",
        "monkeypox",
        "h1n1",
        "h5n1",
        "omicron",
    }
)

#: Name suffixes that are not a surname ("Martin Luther King Jr." has surname "King").
NAME_SUFFIXES = frozenset("jr sr ii iii iv phd md esq".split())
#: Letters after a person's full name (rank, honour, degree), no part of it: "Peter Hall
#: QC", "Jane Smith MP". Written as here, and only after two name words: "Gagan KC" is a
#: Nepali surname.
POSTNOMINALS = frozenset("SC QC KC MP MEP MSP MD PhD OBE CBE MBE KBE".split())
#: Abbreviations of "saint" (lower case, no dots): never a given name. A name they open is
#: a saint's, a street's or a place's ("St John the Baptist parish") or one surname ("Dr.
#: Alexander St. John", later "St. John"), so no given name and surname. "Ste" is also a
#: British short form of Stephen ("Ste Hay"): such a name loses its person key, a recall
#: cost taken for precision, since "Ste-Anne" and "Ste. Genevieve" are places far more often.
SAINT_WORDS = frozenset({"st", "ste"})

#: Words left out when spelling an acronym from an expansion ("Bank of England" -> "BOE"/"BE").
ACRONYM_SKIP = frozenset("of and the for in on at to de la du des der von y &".split())

#: Normalised key -> key of the entity it names. US states take their AP abbreviations.
ALIASES: dict[str, str] = {
    "us": "united states",
    "usa": "united states",
    "u s": "united states",
    "united states of america": "united states",
    "america": "united states",
    "uk": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "un": "united nations",
    "eu": "european union",
    "ussr": "soviet union",
    "uae": "united arab emirates",
    "dprk": "north korea",
    "prc": "china",
    "peoples republic of china": "china",
    "nyc": "new york city",
    "gop": "republican party",
    "republican national committee": "republican national committee",
    "dnc": "democratic national committee",
    "rnc": "republican national committee",
    "democratic party": "democratic party",
    "lib dems": "liberal democrats",
    "lib dem": "liberal democrats",
    "liberal democrat": "liberal democrats",
    "tories": "conservative party",
    "tory party": "conservative party",
    "labour": "labour party",
    "nato": "nato",
    "north atlantic treaty organization": "nato",
    "who": "world health organization",
    "imf": "international monetary fund",
    "fbi": "federal bureau of investigation",
    "cia": "central intelligence agency",
    "us congress": "congress",
    "u s congress": "congress",
    "dc": "washington dc",
    "washington d c": "washington dc",
    "ala": "alabama",
    "ariz": "arizona",
    "ark": "arkansas",
    "calif": "california",
    "colo": "colorado",
    "conn": "connecticut",
    "del": "delaware",
    "fla": "florida",
    "ga": "georgia",
    "ill": "illinois",
    "ind": "indiana",
    "kan": "kansas",
    "ky": "kentucky",
    "la": "louisiana",
    "md": "maryland",
    "mass": "massachusetts",
    "mich": "michigan",
    "minn": "minnesota",
    "miss": "mississippi",
    "mo": "missouri",
    "mont": "montana",
    "neb": "nebraska",
    "nev": "nevada",
    "nh": "new hampshire",
    "nj": "new jersey",
    "nm": "new mexico",
    "ny": "new york",
    "nc": "north carolina",
    "nd": "north dakota",
    "okla": "oklahoma",
    "ore": "oregon",
    "pa": "pennsylvania",
    "ri": "rhode island",
    "sc": "south carolina",
    "sd": "south dakota",
    "tenn": "tennessee",
    "vt": "vermont",
    "va": "virginia",
    "wash": "washington",
    "wva": "west virginia",
    "wis": "wisconsin",
    "wyo": "wyoming",
    **OTHER_PLACE_SPELLINGS,
}

#: How an alias target is written ("united states" -> "United States"): the canonical name of
#: every entity whose mentions hold one of its aliases, whatever the article's wording.
ALIAS_NAMES: dict[str, str] = {
    target: " ".join(
        w if w in ("of", "and", "the") else (w.upper() if w in ("dc", "nato") else w.capitalize())
        for w in target.split()
    )
    for target in set(ALIASES.values())
}
ALIAS_NAMES["washington dc"] = "Washington, D.C."

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_POSSESSIVE = re.compile(r"(?:'s|')$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
#: "State of Texas" and "City of Houston" are Texas and Houston.
_GPE_PREFIX = re.compile(r"^(?:state|city|commonwealth|province|county) of (?=\w)")


#: Names kept by the name-parsing caches: merging asks about the same few dozen names of
#: an article many times; 65,536 entries held ~30 MB by the end of a large run.
_NAME_CACHE = 4096


def clean_words(text: str) -> list[str]:
    """The words of a name with quotes unified and a possessive ending dropped."""
    return list(_clean_words(text))


@functools.lru_cache(maxsize=_NAME_CACHE)
def _clean_words(text: str) -> tuple[str, ...]:
    """Cached: merging compares every pair of an article's mentions, asking this each time."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    words = _SPACES.split(text.strip())
    if words and words[-1] in ("'s", "'"):
        words.pop()
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1]) or words[-1]
    return tuple(w for w in words if w)


def _bare(word: str) -> str:
    """Lower case without dots: 'U.S.' -> 'us', 'Inc.' -> 'inc'."""
    return word.replace(".", "").casefold()


def strip_honorifics(words: list[str]) -> list[str]:
    """Drop leading titles ("Secretary of State Michael Pompeo" -> "Michael Pompeo"), and
    an office's acronym written in capitals ("PM Modi", "CM Mann", "MP Jane Smith"): the
    name is the person's, the office is not part of it.

    Stops before the last word, so a bare "President" or "Pope Francis" keeps a name.
    """
    i = 0
    while i < len(words) - 1 and (
        _bare(words[i]) in HONORIFICS
        or words[i].islower()
        or (words[i].isupper() and _bare(words[i]) in ROLE_ACRONYMS)
    ):
        i += 1
    return words[i:]


def strip_postnominals(words: list[str]) -> list[str]:
    """Drop the letters after a full name of two words or more ("Declan Doyle SC", "Jane
    Smith MP"): rank, honour or degree, no part of the name (see POSTNOMINALS)."""
    while len(words) > 2 and words[-1].strip(".,") in POSTNOMINALS:
        words = words[:-1]
    return words


def strip_corporate_suffix(words: list[str]) -> list[str]:
    """Drop trailing legal forms ("Apple Inc." -> "Apple"), keeping at least one word."""
    while len(words) > 1 and _bare(words[-1].rstrip(",")) in CORPORATE_SUFFIXES:
        words = words[:-1]
    if words and words[-1].endswith(","):
        words = [*words[:-1], words[-1].rstrip(",")]
    return words


@functools.lru_cache(maxsize=_NAME_CACHE)
def name_key(text: str, label: str) -> str:
    """Comparison key of a mention: no "the", title, possessive, dots or legal suffix; aliased."""
    words = clean_words(text)
    if words and words[0].casefold() == "the" and len(words) > 1:
        words = words[1:]
    if label == "PERSON":
        words = strip_honorifics(words)
    else:
        words = strip_corporate_suffix(words)
    key = " ".join(_bare(w).replace("-", " ") for w in words if w not in ("'s", "'"))
    key = _SPACES.sub(" ", key).strip()
    if label in ("GPE", "LOC"):
        key = _GPE_PREFIX.sub("", key)
    return ALIASES.get(key, key)


@functools.lru_cache(maxsize=_NAME_CACHE)
def person_parts(text: str) -> tuple[str, str] | None:
    """(first, last) keys of a full personal name, or None when it is a single word.

    Middle names and initials are ignored so "Michael R. Pompeo" and "Michael Pompeo" agree.
    """
    words = strip_honorifics(clean_words(text))
    while len(words) > 1 and _bare(words[-1].rstrip(",")) in NAME_SUFFIXES:
        words = words[:-1]
    words = strip_postnominals(words)
    if len(words) < 2:
        return None
    return _bare(words[0]), _bare(words[-1])


def opens_with_saint(text: str) -> bool:
    """True when a name's first word is "St"/"St." ("St John"): see SAINT_WORDS."""
    words = clean_words(text)
    return bool(words) and _bare(words[0]) in SAINT_WORDS


def given_name(text: str) -> str | None:
    """The given name of a full personal name ("Michael" of "Sen. Michael R. Pompeo"), else None."""
    words = strip_honorifics(clean_words(text))
    parts = person_parts(text)
    return words[0] if parts is not None and words else None


@functools.lru_cache(maxsize=_NAME_CACHE)
def acronyms(text: str) -> frozenset[str]:
    """Acronyms an expansion may be abbreviated to ("National Security Council" -> {"nsc"}).

    Both with and without the initials of function words, and hyphenated words giving one
    initial per part, since house styles differ ("Intermediate-Range Nuclear Forces" -> "inf").
    Cached: an article names its organisations many times, and merging asks for each.
    """
    words = [w for w in clean_words(text) if any(c.isalpha() for c in w)]
    if words and words[0].casefold() == "the":
        words = words[1:]
    words = strip_corporate_suffix(words)
    if len(words) < 2:
        return frozenset()
    words = [w for w in words if w[0].isalnum()]
    content = [w for w in words if w.casefold() not in ACRONYM_SKIP]
    variants = {
        "".join(w[0] for w in content),
        "".join(w[0] for w in words),
        "".join(p[0] for w in content for p in w.split("-") if p),
        "".join(w[0] for w in content[:-1]),
    }
    return frozenset(v.casefold() for v in variants if len(v) >= 2)


def is_acronym(text: str) -> bool:
    """A single word written in capitals, dotted or not ("NSC", "U.N.")."""
    words = clean_words(text)
    if len(words) != 1:
        return False
    letters = [c for c in words[0] if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


#: An acronym in brackets after what it abbreviates, "additional chief secretary (ACS)", or
#: after "i.e.": "total payments value, i.e., TPV". Two patterns: the second's word
#: boundary, in one alternation, kept the engine from skipping to each "(" (7 times slower).
_BRACKETED_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")
_IE_ACRONYM = re.compile(r"\bi\.e\.,?\s+([A-Z][A-Za-z]{1,7})\b")
_WORD = re.compile(r"[\w'’-]+")


def common_noun_acronyms(text: str) -> set[str]:
    """Case-folded acronyms the text spells out in lower-case words: "environmental, social,
    and governance (ESG)", "additional chief secretary (ACS)", "Total payments value, i.e.,
    TPV" (the first word may carry a capital: a sentence's start or a writer's emphasis;
    a name capitalises its other words too, "Bank of America (BofA)"). They abbreviate
    common nouns, not names, so they are no entity however the model typed them."""
    found = set()
    said_ie = _IE_ACRONYM.finditer(text) if "i.e." in text else ()
    for match in itertools.chain(_BRACKETED_ACRONYM.finditer(text), said_ie):
        acronym = match[1].casefold()
        words = _WORD.findall(text[max(0, match.start() - 20 * len(acronym)) : match.start()])
        for size in range(len(acronym), 2 * len(acronym) + 1):
            expansion = words[-size:]
            if len(expansion) < size or not expansion[0].casefold().startswith(acronym[0]):
                continue
            rest_lower = all(w[:1].islower() for w in expansion[1:])
            if rest_lower and acronym in acronyms(" ".join(expansion)):
                found.add(acronym)
                break
    return found
