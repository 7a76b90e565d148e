"""Well-known organisations and their abbreviations (``data/organisations.tsv``): international
bodies, seats of government used for governments ("the Kremlin"), news agencies.

Used so that "UN", "U.N." and "United Nations" are one entity in every article, with or without
the long form nearby, and so event coding can give their PLOVER actor code (UNO, EUR, IGO, NGO,
or a country) and sector.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsextract.lexicons import DATA_DIR
from newsextract.lexicons.gazetteer import fold, word_runs

ORGANISATIONS_FILE = DATA_DIR / "organisations.tsv"


NON_STATE_CODES = frozenset({"UNO", "EUR", "IGO", "NGO", "MNC", "IMG"})


@dataclass(frozen=True)
class Organisation:
    name: str
    # PLOVER actor code: UNO, EUR, IGO, NGO, IMG (an international militarised group), or the
    # ISO alpha-3 of a national body
    code: str
    sector: str | None  # PLOVER sector when clear: GOV, MIL, JRN (news media)

    @property
    def country(self) -> str | None:
        """The country of a national body ("Kremlin" → RUS); None for international ones."""
        return None if self.code in NON_STATE_CODES else self.code


def _acronym(form: str) -> str | None:
    """ "U.N." → "UN"; None for a form that is not written in capitals."""
    letters = form.replace(".", "").replace(" ", "")
    return letters if letters.isupper() and len(letters) <= 8 else None


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Organisation], dict[str, Organisation]]:
    """(folded names, acronyms as written): a short acronym matches only in capitals, so
    "who" is not the WHO and "un" is not the UN."""
    names: dict[str, Organisation] = {}
    acronyms: dict[str, Organisation] = {}
    for line in ORGANISATIONS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, code, sector = line.split("\t")
        organisation = Organisation(name=name, code=code, sector=sector or None)
        for form in [name, *filter(None, aliases.split("|"))]:
            acronym = _acronym(form)
            if acronym is not None:
                acronyms.setdefault(acronym, organisation)
            # Long acronyms are also written as words ("Nato", "Unicef"); short ones are
            # words of their own ("who", "un", "ec") in lower case.
            if acronym is None or len(acronym) >= 4:
                names.setdefault(fold(form), organisation)
    return names, acronyms


def known_organisation(text: str) -> Organisation | None:
    """The organisation a name or abbreviation stands for, if it is a well-known one."""
    names, acronyms = _index()
    acronym = _acronym(text.strip())
    if acronym is not None and acronym in acronyms:
        return acronyms[acronym]
    return names.get(fold(text))


LONGEST_NAME_WORDS = 5


def organisation_named_in(text: str) -> Organisation | None:
    """The first well-known organisation named by a run of words inside ``text``, longest
    first ("Arab League Secretary-General" → Arab League, "the Taliban's spokesman" → Taliban)."""
    for phrase in word_runs(text.split(), longest=LONGEST_NAME_WORDS):
        found = known_organisation(phrase)
        if found is not None:
            return found
    return None
