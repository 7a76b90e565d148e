"""The PLOVER ontology as code: event types, actor codes and sectors, and the trigger lexicon.

PLOVER (Political Language Ontology for Verifiable Event Records, openeventdata/PLOVER) codes
who did what to whom in 16 event types, each with optional modes, and codes actors by country
(ISO 3166-1 alpha-3, or a non-state code) and sector. The trigger lexicon
(``data/plover_triggers.tsv``) maps English verb and noun lemmas to a type and mode, following
the manual's definitions.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsextract.lexicons import DATA_DIR
from newsextract.lexicons.gazetteer import gazetteer

DATA = DATA_DIR
TRIGGERS_FILE = DATA / "plover_triggers.tsv"
VERB_OBJECTS_FILE = DATA / "plover_verb_objects.tsv"
SECTOR_WORDS_FILE = DATA / "sector_words.tsv"

EVENT_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})  # fmt: skip
NON_STATE_ACTOR_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "MNC", "ISM", "IMG"})
SECTORS = frozenset({
    "GOV", "MIL", "COP", "JUD", "LEG", "REB", "OPP", "PTY", "SPY", "UAF", "CVL", "BUS", "JRN",
    "MED", "REF", "REL", "ELI", "LAB", "EDU", "AGR", "CRM", "PRE", "PRM", "SOC", "UNK",
})  # fmt: skip
# When an actor phrase holds words of several sectors, the more specific wins: "opposition
# forces" are opposition, "rebel forces" rebels, "police officers" police, "party leader" party.
SECTOR_PRECEDENCE = (
    "REB", "OPP", "SPY", "COP", "JUD", "LEG", "PTY", "MED", "JRN", "REF", "REL", "LAB", "EDU",
    "AGR", "CRM", "UAF", "BUS", "MIL", "GOV", "CVL",
)  # fmt: skip
DATE_PRECISIONS = frozenset({"day", "week", "month", "year"})


@lru_cache(maxsize=1)
def actor_country_codes() -> frozenset[str]:
    """Every code an actor's country may take: ISO 3166-1 alpha-3, the non-state codes, and
    KOS (Kosovo, which has no ISO code)."""
    return frozenset(gazetteer().countries) | NON_STATE_ACTOR_CODES | {"KOS"}


@dataclass(frozen=True)
class Trigger:
    lemma: str  # "attack", or a phrasal verb's lemma and particle: "call for"
    pos: str  # VERB or NOUN
    event_type: str
    mode: str | None


def _typed_rows(path: Path) -> Iterator[tuple[dict[str, str], str, str | None]]:
    """(row, PLOVER type, mode) of a lexicon file: tab-separated with a header, ``#``
    comment lines; an unknown type is an error in the file, not a row to skip."""
    with path.open(encoding="utf-8") as lines:
        rows = csv.DictReader((line for line in lines if not line.startswith("#")), delimiter="\t")
        for row in rows:
            event_type = row["type"].strip().upper()
            if event_type not in EVENT_TYPES:
                raise ValueError(f"{path.name}: unknown PLOVER type {event_type!r}")
            yield row, event_type, (row.get("mode") or "").strip() or None


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], Trigger]:
    """(lemma, pos) → trigger, from the lexicon file."""
    table: dict[tuple[str, str], Trigger] = {}
    for row, event_type, mode in _typed_rows(TRIGGERS_FILE):
        lemma, pos = row["trigger"].strip().lower(), row["pos"].strip().upper()
        table.setdefault((lemma, pos), Trigger(lemma, pos, event_type, mode))
    return table


@lru_cache(maxsize=1)
def verb_objects() -> dict[tuple[str, str], Trigger]:
    """(verb lemma, object noun lemma) → trigger, for verbs whose type depends on what they
    act on ("send arms" is AID, "send troops" MOBILIZE), from ``plover_verb_objects.tsv``."""
    table: dict[tuple[str, str], Trigger] = {}
    for row, event_type, mode in _typed_rows(VERB_OBJECTS_FILE):
        verb, noun = row["verb"].strip().lower(), row["object"].strip().lower()
        table.setdefault((verb, noun), Trigger(f"{verb} {noun}", "VERB", event_type, mode))
    return table


@lru_cache(maxsize=1)
def sector_words() -> dict[str, str]:
    """Lower-case word or two-word phrase → PLOVER sector."""
    table = {}
    for line in SECTOR_WORDS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, sector = line.split("\t")
            table[word.strip()] = sector.strip()
    return table


# Material actions that are hostile, and those that cooperate (PLOVER's quad classes).
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"})
COOPERATIVE_TYPES = frozenset({"AID", "COOPERATE", "RETREAT", "CONCEDE", "SUPPORT"})


def stated_type(event_type: str, *, future: bool, intended: bool, conditional: bool) -> str:
    """The type of an action that is announced rather than done, as the manual codes it: a
    hostile action threatened ("will impose restrictions", "plans to attack", "will withdraw
    unless …") is THREATEN; a cooperative one promised ("will allow", "plans to send aid") is
    AGREE ("all cooperative actions reported in future tense are also taken to imply
    intentions"). A meeting announced ("will meet", "plans to hold talks") is an intent to
    meet, AGREE as in CAMEO (036, "express intent to meet or negotiate") and in the labelled
    corpus (11 of 16 such sentences), with the future mark and the mode ``consult``."""
    if not (future or intended or conditional):
        return event_type
    if event_type in HOSTILE_TYPES or (event_type in COOPERATIVE_TYPES and conditional):
        return "THREATEN"
    if event_type in COOPERATIVE_TYPES or event_type == "CONSULT":
        return "AGREE"
    return event_type
