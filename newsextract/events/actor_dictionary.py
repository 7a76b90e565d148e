"""Who is who: the Phoenix country-actors dictionary (people and institutions, with dated roles).

News often names a person without a nationality ("Putin offered to negotiate"). Event coders
have always used an actor dictionary for that; ours is the Open Event Data Alliance's
``Phoenix.Countries.actors.txt`` (PETRARCH2, MIT licence, built from CountryInfo.txt, 2014),
transcribed into ``data/phoenix_actors.tsv``: one entry per line, ``NAME<TAB>ALIASES<TAB>CODES``.

A code is a CAMEO actor code with an optional date range: ``RUSGOV 000507-080507`` is Russia,
government, from 7 May 2000 to 7 May 2008; ``>011222`` means from that day, ``<900802`` until
it. Two-digit years below 30 are 20xx. The country is the code's first three letters, the
sector the first PLOVER sector among the next groups of three (``AFGGOVBUS`` → AFG, GOV;
CAMEO's media, MED, is PLOVER's JRN, and its health, HLH, PLOVER's MED).

As PETRARCH reads the file, consecutive names without codes are synonyms of the next entry
that has codes ("MIKHAIL_GORBACHEV", "GORBACHEV", … then the codes).

Names are matched whole (case, accents, dots, underscores and hyphens aside), on the entry's
name and its aliases ("PUTIN" is an alias of "VLADIMIR_PUTIN"). A name listed under two
countries is ambiguous and matches nothing. Country blocks ("NEW_ZEALAND [NZL]" with its cities
and nicknames) are left out: places are the gazetteer's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from newsextract.build_cache import cached_build
from newsextract.events.plover import SECTORS, actor_country_codes
from newsextract.lexicons import DATA_DIR
from newsextract.lexicons.gazetteer import ALIASES_FILE, GAZETTEER_PACKAGES, fold

DICTIONARY_FILE = DATA_DIR / "phoenix_actors.tsv"

# CAMEO country codes that are not ISO 3166-1 alpha-3 (or that name states that no longer
# exist) → the code PLOVER uses; the others that no current code fits are dropped.
CAMEO_COUNTRIES = {
    "TMP": "TLS",  # East Timor
    "KSV": "KOS",  # Kosovo
    "YUG": "SRB",  # Yugoslavia, Serbia and Montenegro: Serbia continues it
    "SCG": "SRB",
    "FRY": "SRB",
    "USR": "RUS",  # the Soviet Union: Russia continues it
    "SUN": "RUS",
}
# CAMEO's MED is news media and HLH health; PLOVER calls them JRN and MED.
CAMEO_SECTORS = {"MED": "JRN", "HLH": "MED"}
_DATE = re.compile(r"^(\d{6}|\d{8})$")


@dataclass(frozen=True)
class Role:
    country: str
    sector: str | None
    start: date | None
    end: date | None

    def holds_on(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True)
class KnownActor:
    name: str
    roles: tuple[Role, ...]

    @property
    def country(self) -> str:
        """The country of most of the actor's roles (the first listed on a tie)."""
        countries = [r.country for r in self.roles]
        return max(dict.fromkeys(countries), key=countries.count)

    def sector_on(self, when: date | None) -> str | None:
        """The sector of the role held on ``when`` (a dated role before an undated one);
        without a date, or outside every dated role, the undated role's, else the last's."""
        dated = [r for r in self.roles if r.start is not None or r.end is not None]
        undated = [r for r in self.roles if r not in dated]
        if when is not None:
            held = [r for r in dated if r.holds_on(when)]
            if held:
                return held[0].sector
        if undated:
            return undated[0].sector
        return self.roles[-1].sector if self.roles else None


def _parse_day(text: str) -> date | None:
    if not _DATE.match(text):
        return None
    if len(text) == 6:
        yy = int(text[:2])
        text = f"{2000 + yy if yy < 30 else 1900 + yy}{text[2:]}"
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def parse_code(code: str) -> Role | None:
    """One ``[...]`` code: ``AFGGOVBUS 031001-041231`` → Role(AFG, GOV, 2003-10-01, 2004-12-31)."""
    actor, _, dates = code.strip().partition(" ")
    actor = actor.upper()
    if len(actor) < 3 or not actor[:3].isalpha():
        return None
    country = CAMEO_COUNTRIES.get(actor[:3], actor[:3])
    groups = [
        CAMEO_SECTORS.get(g, g) for g in (actor[i : i + 3] for i in range(3, len(actor) - 2, 3))
    ]
    sector = next((g for g in groups if g in SECTORS), None)
    dates = dates.replace(" ", "")
    start = end = None
    if dates.startswith(">"):
        start = _parse_day(dates[1:])
    elif dates.startswith("<"):
        end = _parse_day(dates[1:])
    elif "-" in dates:
        first, _, last = dates.partition("-")
        start, end = _parse_day(first), _parse_day(last)
    return Role(country, sector, start, end)


def name_key(name: str) -> str:
    """ "VLADIMIR_PUTIN_", "Vladimir Putin", "al-Assad" → one lookup key."""
    return " ".join(fold(re.sub(r"[_\-'’`]", " ", name)).split())


class ActorDictionary:
    def __init__(self, lines: list[str], valid_countries: frozenset[str]) -> None:
        found: dict[str, set[KnownActor]] = defaultdict(set)
        waiting: list[str] = []  # names without codes: synonyms of the next coded entry
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            name, aliases, codes = [*line.rstrip("\n").split("\t"), "", ""][:3]
            names = [name, *[a for a in aliases.split(";") if a]]
            roles = tuple(
                r
                for r in (parse_code(c) for c in codes.split(";") if c.strip())
                if r is not None and r.country in valid_countries
            )
            if not codes.strip():
                waiting += names
                continue
            if not any(r.sector for r in roles):
                # A country's own block ("NEW_ZEALAND [NZL]" with its cities and nicknames:
                # "KIWI"): places are the gazetteer's business, not a person's.
                waiting = []
                continue
            actor = KnownActor(name, roles)
            # Whole names only: shortening "JOHN_HILARY_SMITH" (Kiribati) to "John Smith"
            # would code every John Smith in the news.
            for key in (name_key(n) for n in waiting + names):
                if key:
                    found[key].add(actor)
            waiting = []
        self._actors = {
            key: next(iter(actors))
            for key, actors in found.items()
            if len({a.country for a in actors}) == 1
        }

    def __len__(self) -> int:
        return len(self._actors)

    def lookup(self, name: str) -> KnownActor | None:
        return self._actors.get(name_key(name))

    def lookup_near(self, name: str) -> KnownActor | None:
        """The one actor whose full name is a letter away from ``name`` (wire copy misspells:
        "Francois Mitterand", "Juvenal Habyariman"); only for names of two words or more and
        at least :data:`NEAR_MIN_LETTERS` letters, and None when the near names differ in
        country."""
        key = name_key(name)
        if not _near_enough(key):
            return None
        index = self._near_index()
        candidates = {k for variant in _deletions(key) | {key} for k in index.get(variant, ())}
        actors = [self._actors[k] for k in candidates if k != key and _one_edit(key, k)]
        return actors[0] if actors and len({a.country for a in actors}) == 1 else None

    def _near_index(self) -> dict[str, tuple[str, ...]]:
        """Each long name and each of its one-letter deletions → the names (built on first
        use, not cached with the dictionary: most runs never need it)."""
        if getattr(self, "_near", None) is None:
            index: dict[str, list[str]] = defaultdict(list)
            for key in self._actors:
                if _near_enough(key):
                    for variant in _deletions(key) | {key}:
                        index[variant].append(key)
            self._near = {k: tuple(v) for k, v in index.items()}
        return self._near


NEAR_MIN_LETTERS = 10


def _near_enough(key: str) -> bool:
    return " " in key and len(key.replace(" ", "")) >= NEAR_MIN_LETTERS


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key)) if key[i] != " "}


def _one_edit(a: str, b: str) -> bool:
    """One letter inserted, deleted or replaced (word boundaries kept)."""
    if a.count(" ") != b.count(" "):
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return len(long) - len(short) == 1 and any(
        long[:i] + long[i + 1 :] == short for i in range(len(long))
    )


def _build_actor_dictionary() -> ActorDictionary:
    lines = DICTIONARY_FILE.read_text(encoding="utf-8").splitlines()
    return ActorDictionary(lines, actor_country_codes())


@lru_cache(maxsize=1)
def actor_dictionary() -> ActorDictionary:
    """The process's actor dictionary, read from the build cache when it is there."""
    # Valid countries come from the gazetteer: its sources are this entry's sources too.
    return cached_build(
        "actor_dictionary",
        _build_actor_dictionary,
        data_files=[DICTIONARY_FILE, ALIASES_FILE],
        packages=GAZETTEER_PACKAGES,
    )
