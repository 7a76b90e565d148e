"""PLOVER actor codes (country and sector) for the source or target phrase of an event.

"Syrian rebels" → SYR/REB, "the Russian Foreign Ministry" and "the Kremlin" → RUS/GOV,
"former Syrian President Bashar al-Assad" → SYR/GOV, "the UN Security Council" → UNO.

The country comes from, in order: a well-known organisation in the phrase (its PLOVER code,
which may be non-state: UNO, EUR, IGO, NGO); the country of a place or nationality entity in
the phrase; a country or nationality word the gazetteer knows ("Syrian"); for a person named
without one, the actor dictionary (:mod:`newsextract.events.actor_dictionary`). The sector comes
from the organisation, else from sector words in the phrase (``data/sector_words.tsv``, the most
specific sector winning), else GOV for a country named alone ("Russia granted …": PLOVER codes
a state acting as its government). Pronouns and descriptions ("it", "the ministry") take the
entity they refer to (:func:`newsextract.quotes.attribution.speaker_entity`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span

from newsextract.entities.people import describing_words
from newsextract.events.actor_dictionary import actor_dictionary
from newsextract.events.plover import SECTOR_PRECEDENCE, sector_words
from newsextract.lexicons.gazetteer import gazetteer
from newsextract.lexicons.organisations import known_organisation, organisation_named_in
from newsextract.quotes.attribution import EntitySpan, speaker_entity

PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})


@dataclass(frozen=True)
class ActorEntity(EntitySpan):
    """An entity mention of the article, with the country the entity tables give it."""

    country: str | None


@dataclass(frozen=True)
class ActorCode:
    entity_id: str | None
    country: str | None
    sector: str | None
    confidence: float


def sector_of(text: str) -> str | None:
    """The most specific sector named by the words of a phrase."""
    words = [w.lower() for w in re.findall(r"[\w-]+", text)]
    table = sector_words()
    found = set()
    for i, word in enumerate(words):
        singular = word[:-1] if word.endswith("s") and word[:-1] in table else word
        if singular in table:
            found.add(table[singular])
        if i + 1 < len(words) and f"{word} {words[i + 1]}" in table:
            found.add(table[f"{word} {words[i + 1]}"])
    return next((s for s in SECTOR_PRECEDENCE if s in found), None)


def code_actor(
    doc: Doc,
    phrase: Span,
    entities: Sequence[ActorEntity],
    *,
    refers_to: str | None = None,
    when: date | None = None,
) -> ActorCode:
    """Country, sector and entity of one actor phrase; ``refers_to`` is the entity a pronoun
    is already known to stand for ("we" in a quotation: its speaker); ``when``, the article's
    date, picks a dictionary person's role at the time."""
    inside = [e for e in entities if e.start < phrase.end_char and phrase.start_char < e.end]
    entity = _head_entity(phrase, inside)
    confidence = 0.8
    if entity is None and refers_to is not None:
        entity = next((e for e in entities if e.entity_id == refers_to), None)
        confidence = 0.6
    if entity is None and _refers_back(phrase):
        # A pronoun or description: the entity it refers to, if the text justifies one.
        referred = speaker_entity(doc, phrase, entities, phrase.start_char)
        entity = next((e for e in entities if e.entity_id == referred), None)
        confidence = 0.6
    if entity is None and phrase.root.lower_ in PLURAL_PRONOUNS:
        # "Bosnian Serbs said their forces had completed their withdrawal": a people named
        # earlier in the sentence.
        entity = _people_before(phrase, entities)
        confidence = 0.5
    texts = [phrase.text] + ([entity.name] if entity is not None else [])
    organisation = next(filter(None, (known_organisation(t) for t in texts)), None)
    if organisation is None and entity is not None and entity.label == "ORG":
        organisation = known_organisation(_without_article(entity.name))
    if organisation is None and (entity is None or entity.label not in PLACE_LABELS):
        # A known organisation the phrase names besides its head entity: "Osama bin Laden's
        # al-Qaeda terror network" (but "NATO-member Norway" is Norway).
        organisation = next(
            filter(None, (known_organisation(e.name) for e in inside if e.label == "ORG")), None
        )
    country = organisation.code if organisation is not None else None
    if country is None:
        country = next((e.country for e in inside if e.country and e.label in PLACE_LABELS), None)
    if country is None and entity is not None:
        country = entity.country
    if country is None and entity is not None and entity.label in PEOPLE_LABELS:
        country = gazetteer().country_named_in(entity.name)
    if country is None:
        country = gazetteer().country_named_in(phrase.text)
    if country is None:
        # What the phrase's head governs: "Iran's religious leader", "Doctors from two
        # American aid groups", "Rebels in the Ivory Coast", "King Hassan of Morocco".
        country = _country_in_subtree(doc, phrase, entities)
    sector = organisation.sector if organisation is not None else None
    if sector is None:
        sector = sector_of(phrase.text) or (sector_of(entity.name) if entity else None)
    if sector is None:
        sector = sector_of(_governed(doc, phrase).text)  # "hundreds of thousands of people"
    if entity is not None and entity.label == "PERSON" and (country is None or sector is None):
        # "Assad" alone: the title and nationality of another mention ("former Syrian
        # President Bashar al-Assad").
        profile = person_profile(doc, entity.entity_id, entities)
        country, sector = country or profile[0], sector or profile[1]
        if country is None:
            # Nothing in the text: the actor dictionary ("Putin" → RUS, GOV in 2000–2008).
            known = actor_dictionary().lookup(entity.name) or actor_dictionary().lookup_near(
                entity.name
            )
            if known is not None:
                country, sector = known.country, sector or known.sector_on(when)
    if sector is None and country and _names_a_country(entity.name if entity else phrase.text):
        sector = "GOV"
    if country is None and sector is None and entity is None:
        confidence = 0.3
    return ActorCode(entity.entity_id if entity else None, country, sector, confidence)


SUBTREE_MAX_TOKENS = 12
PLURAL_PRONOUNS = frozenset({"they", "their", "them", "theirs"})
PEOPLE_LABELS = frozenset({"NORP", "MISC"})


def _people_before(phrase: Span, entities: Sequence[ActorEntity]) -> ActorEntity | None:
    """The last people named by nationality before ``phrase`` in its sentence."""
    start = phrase.sent.start_char
    named = [
        e
        for e in entities
        if start <= e.start
        and e.end <= phrase.start_char
        and e.label in PEOPLE_LABELS
        and gazetteer().country_named_in(e.name)
    ]
    return named[-1] if named else None


def _governed(doc: Doc, phrase: Span) -> Span:
    """The phrase with what its head governs ("Leaders of the coalition", "Iran's leader"),
    not past a relative or participle clause, at most a dozen tokens; else the phrase."""
    root = phrase.root
    start, end = root.left_edge.i, root.right_edge.i + 1
    # A name's apposition describes it ("Sidhoum, Algeria's leading activist"); a clause
    # does not.
    stops = ("acl", "acl:relcl") if root.pos_ == "PROPN" else ("acl", "acl:relcl", "appos")
    for child in root.rights:
        if child.dep_ in stops or (child.is_punct and root.pos_ != "PROPN"):
            end = min(end, child.left_edge.i)
    if end - start > SUBTREE_MAX_TOKENS or end <= start:
        return phrase
    return doc[start:end]


def _country_in_subtree(doc: Doc, phrase: Span, entities: Sequence[ActorEntity]) -> str | None:
    span = _governed(doc, phrase)
    for e in entities:
        if e.country and e.label in PLACE_LABELS and span.start_char <= e.start < span.end_char:
            return e.country
    return gazetteer().country_named_in(span.text)


def _names_a_country(name: str) -> bool:
    """ "Russia", "the United States": a state acting is its government."""
    place = gazetteer().place(_without_article(name))
    return place is not None and place.kind == "country"


def person_profile(
    doc: Doc, entity_id: str, entities: Sequence[ActorEntity]
) -> tuple[str | None, str | None]:
    """(country, sector) from the words just before any mention of a person ("former Syrian
    President", "Russian opposition leader"), the first mention that has them."""
    country = sector = None
    for e in entities:
        if e.entity_id != entity_id:
            continue
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None:
            continue
        title = describing_words(doc, span)
        # The mention keeps its title: "King Hassan".
        words = doc[title.start : span.end].text
        if words:
            country = country or gazetteer().country_named_in(words)
            sector = sector or sector_of(words)
            # An office of an organisation: "Arab League Secretary-General Chedli Klibi".
            organisation = organisation_named_in(title.text) if title.text else None
            country = country or (organisation.code if organisation is not None else None)
        # "King Hassan of Morocco": what the name governs.
        country = country or _country_in_subtree(doc, span, entities)
        if country and sector:
            break
    return country, sector


def _refers_back(phrase: Span) -> bool:
    """A pronoun ("it", "they") or a definite description without a nationality ("the
    ministry"), as opposed to a self-contained phrase ("Syrian rebels")."""
    root = phrase.root
    if root.pos_ == "PRON":
        return True
    return phrase[0].lower_ in ("the", "this", "that") and not gazetteer().country_named_in(
        phrase.text
    )


def _head_entity(phrase: Span, inside: Sequence[ActorEntity]) -> ActorEntity | None:
    """The entity the phrase is about: the one holding its head word ("former Syrian
    President Bashar al-Assad" → Assad, not Syria), else the longest."""
    root = phrase.root
    for e in inside:
        if e.start <= root.idx < e.end:
            return e
    named = [e for e in inside if e.label not in ("NORP",)]
    return max(named, key=lambda e: e.end - e.start) if named else None


def _without_article(name: str) -> str:
    return re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
