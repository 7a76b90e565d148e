"""Well-known international organisations and their abbreviations (``data/organisations.tsv``).

Used so that "UN", "U.N." and "United Nations" are one entity in every article, with or without
the long form nearby, and so event coding can give their PLOVER actor code (UNO, EUR, IGO, NGO).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsextract.gazetteer import fold

ORGANISATIONS_FILE = Path(__file__).resolve().parent / "data" / "organisations.tsv"


@dataclass(frozen=True)
class Organisation:
    name: str
    code: str  # PLOVER actor code: UNO, EUR, IGO or NGO


@lru_cache(maxsize=1)
def _index() -> dict[str, Organisation]:
    index: dict[str, Organisation] = {}
    for line in ORGANISATIONS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, code = line.split("\t")
        organisation = Organisation(name=name, code=code)
        for form in [name, *filter(None, aliases.split("|"))]:
            index.setdefault(fold(form), organisation)
    return index


def known_organisation(text: str) -> Organisation | None:
    """The organisation a name or abbreviation stands for, if it is a well-known one."""
    return _index().get(fold(text))
