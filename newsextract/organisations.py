"""Well-known organisations and their abbreviations (``data/organisations.tsv``): international
bodies, seats of government used for governments ("the Kremlin"), news agencies.

Used so that "UN", "U.N." and "United Nations" are one entity in every article, with or without
the long form nearby, and so event coding can give their PLOVER actor code (UNO, EUR, IGO, NGO,
or a country) and sector.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsextract.gazetteer import fold

ORGANISATIONS_FILE = Path(__file__).resolve().parent / "data" / "organisations.tsv"


NON_STATE_CODES = frozenset({"UNO", "EUR", "IGO", "NGO", "MNC"})


@dataclass(frozen=True)
class Organisation:
    name: str
    code: str  # PLOVER actor code: UNO, EUR, IGO, NGO, or the ISO alpha-3 of a national body
    sector: str | None  # PLOVER sector when clear: GOV, MIL, MED

    @property
    def country(self) -> str | None:
        """The country of a national body ("Kremlin" → RUS); None for international ones."""
        return None if self.code in NON_STATE_CODES else self.code


@lru_cache(maxsize=1)
def _index() -> dict[str, Organisation]:
    index: dict[str, Organisation] = {}
    for line in ORGANISATIONS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, code, sector = line.split("\t")
        organisation = Organisation(name=name, code=code, sector=sector or None)
        for form in [name, *filter(None, aliases.split("|"))]:
            index.setdefault(fold(form), organisation)
    return index


def known_organisation(text: str) -> Organisation | None:
    """The organisation a name or abbreviation stands for, if it is a well-known one."""
    return _index().get(fold(text))
