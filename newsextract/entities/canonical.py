"""Canonical entities: which mentions of an article name the same real-world thing, and its key.

Within an article (:func:`resolve_article`):

1. a mention's name loses titles and honorifics ("President Bashar al-Assad" → "Bashar
   al-Assad") and a trailing possessive ("Assad's" → "Assad");
2. one sense per discourse: every mention of the same name gets the type most of them have;
3. places are looked up in the gazetteer (:mod:`newsextract.lexicons.gazetteer`): countries,
   cities and regions become GPE with their country and coordinates; a name the model typed as a
   person or organisation but that is a country ("Chad", "Bolivia") becomes GPE; nationality words
   ("Syrian", "Russians") become NORP with their country;
4. a short person name joins the full name it ends ("Assad" → "Bashar al-Assad"); when two
   full names share it ("Kim Jong Un", "Kim Yo Jong") it joins the nearest one before it, never
   both, and two different full names are never merged;
5. an abbreviation joins the organisation whose initials it spells ("OPCW" … "Organisation for
   the Prohibition of Chemical Weapons"), and well-known organisations share one name everywhere
   (:mod:`newsextract.lexicons.organisations`: "UN" = "United Nations").

Across articles the key is the same whenever the canonical thing is: a gazetteer entry's id, or
the type and folded canonical name. It never depends on other articles, so IDs do not change
with the order or batching of the input.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsextract.entities.organisation_cues import company_context, has_org_head
from newsextract.lexicons.gazetteer import Gazetteer, Place, fold, gazetteer
from newsextract.lexicons.organisations import known_organisation
from newsextract.lexicons.titles import TITLES
from newsextract.readers.dateline import parse_dateline

POSSESSIVE = re.compile(r"['’]s?$")
COUNTRY_POSSESSIVE = re.compile(r"^(?P<owner>.+?)['’]s\s+(?P<name>\S.*)$")
ACRONYM_STOPWORDS = frozenset({"of", "the", "for", "and", "on", "de", "du", "des", "la", "le", "&"})
# Types a one-word mention may have and still be a person's surname.
RELINKED_TO_PEOPLE = frozenset({"PERSON", "LOC", "MISC"})
# Cities this big are unlikely to be a person's name when the model says PERSON.
PERSON_TO_CITY_MIN_POPULATION = 1_000_000


@dataclass(frozen=True)
class Mention:
    """An entity mention as the NER found it, or (``label == ""``) a candidate: a proper noun
    the NER left untyped that the parse coordinates with mentions ("Aleppo, Homs, and Daraa").
    ``group`` names the coordination (list) the mention is part of, if any."""

    start: int
    end: int
    text: str
    label: str
    group: int | None = None


@dataclass(frozen=True)
class Resolved:
    """What a mention refers to."""

    key: str  # stable identity: country:SYR, city:170654, person:bashar al-assad, …
    label: str
    name: str  # canonical name in this article
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None


def clean_name(text: str, label: str) -> str:
    """The name without a trailing possessive and, for people, without leading titles,
    nationalities or owner ("Syria's Assad" → "Assad")."""
    name = " ".join(text.split())
    if len(name) > 3:
        name = POSSESSIVE.sub("", name)
    if label != "PERSON":
        return name[4:] if name.lower().startswith("the ") else name
    owned = COUNTRY_POSSESSIVE.match(name)
    if owned:
        name = owned.group("name")
    words = name.split()
    # Titles and the nationality in them: "former Syrian President Bashar al-Assad".
    while len(words) > 1 and (
        words[0].lower().rstrip(".") in TITLES or gazetteer().demonym(words[0]) is not None
    ):
        words = words[1:]
    return " ".join(words)


def _name_words(name: str) -> list[str]:
    """Words of a person's name, with hyphenated parts too ("al-Assad" gives "Assad")."""
    words = [fold(w) for w in name.split()]
    parts = [p for w in words for p in w.split("-") if p and "-" in w]
    return words + parts


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in ACRONYM_STOPWORDS]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


# Head words of names of things that are neither organisations nor places nor people.
THING_HEADS = frozenset({
    "act", "acts", "constitution", "index", "festival", "day", "treaty", "accord", "accords",
    "declaration", "games", "cup", "award", "awards", "prize", "strategy", "scheme", "initiative",
    "policy", "agenda", "doctrine", "olympics", "championship", "championships", "open",
    "rebellion", "consensus", "derby",
})  # fmt: skip


def _named_thing(name: str) -> bool:
    words = name.split()
    if len(words) < 2:
        return False
    if fold(words[0]) == "treaty":  # "Treaty Six", "Treaty of Versailles"
        return True
    return fold(words[-1]) in THING_HEADS and words[-1][:1].isupper()


# Head words of news outlets' names: "Kaieteur News", "The Hindu Times", "Jakarta Post" are
# organisations whatever the model reads them as.
OUTLET_HEADS = frozenset({
    "news", "times", "post", "herald", "gazette", "tribune", "journal", "telegraph",
    "chronicle", "observer", "guardian", "express", "mirror", "inquirer", "dispatch",
})  # fmt: skip


def _outlet(name: str) -> bool:
    words = name.split()
    return len(words) > 1 and fold(words[-1]) in OUTLET_HEADS and words[-1][:1].isupper()


# A name right after one of these is the title of a work ("the Netflix series Fleabag", "his
# 2019 film Joker"), not a person or a place. A determiner must lead, so that "the polls show
# Biden" or "Federer will play Nadal" stay verbs and people; "show" and "play" are left out.
_WORK_CUE = re.compile(
    r"\b(?:the|a|an|his|her|their|its|this|that)\s+(?:[\w'’-]+\s+){0,2}"
    r"(?:film|movie|series|miniseries|sitcom|drama|documentary|novel|book|memoir|album|"
    r"song|musical|opera|podcast|tv show|talk show)s?,?\s+[“\"‘'«]?$",
    re.IGNORECASE,
)
_OPENING_QUOTES = "\"“‘«„'"
_CLOSING_QUOTES = "\"”’»“'"
WORK_CUE_CHARS = 60  # how far back a work's cue is looked for


def _titled_work(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is a title: the whole of a quotation
    (“Parasite”) or right after a word for a work ("the film Joker").

    Not a title: a name after "so-called", a possessive after the name (“Guzmán Blanco’s
    favourite artist”), or a nickname between a person's names (Joaquín “El Chapo” Guzmán,
    “Che” Guevara)."""
    quoted = (
        start > 0
        # A scare quote marks a disputed name, not a title: the so-called “Islamic State”.
        and not text[max(0, start - 11) : start - 1].lower().endswith("so-called ")
        and end < len(text)
        and text[start - 1] in _OPENING_QUOTES
        and text[end] in _CLOSING_QUOTES
        and not text.startswith(("’s", "'s"), end)
        and not text[end + 1 : end + 3].lstrip()[:1].isupper()
    )
    return quoted or _WORK_CUE.search(text, max(0, start - WORK_CUE_CHARS), start) is not None


def _in_dateline(text: str) -> tuple[int, int] | None:
    """Where the place of the article's dateline is ("LOS ANGELES (Reuters) -"), if it has one."""
    dateline = parse_dateline(text)
    if dateline is None or not dateline.place:
        return None
    return dateline.start, dateline.start + len(dateline.place)


def _known_place(name: str, gaz: Gazetteer) -> bool:
    """A country's code or abbreviation ("USA", "UAE", "DRC") or a place under its own name
    ("NABLUS" in a dateline), not an alternative spelling that happens to match ("LATAM")."""
    place = gaz.place(name, primary_only=True)
    return place is not None


def _shouted(text: str, offset: int) -> bool:
    """Whether the line around ``offset`` has no lower-case letters (a headline in capitals)."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start : end if end >= 0 else len(text)]
    return not any(ch.islower() for ch in line)


def _acronym(name: str) -> str | None:
    letters = name.replace(".", "")
    return letters if 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper() else None


def resolve_article(
    mentions: Sequence[Mention], text: str, gaz: Gazetteer | None = None
) -> list[Resolved | None]:
    """Resolve every mention of one article (in text order; offsets into ``text``) to a
    canonical entity. Candidates (untyped) come back as places when listed with places, else
    None."""
    gaz = gaz or gazetteer()
    names = [clean_name(m.text, m.label) or m.text for m in mentions]
    folded = [fold(n) for n in names]

    # One sense per discourse: a clear majority type (two thirds of the mentions of a name)
    # wins; a split vote (a city and its sports team in a results table) keeps the model's.
    votes: dict[str, Counter[str]] = {}
    for key, mention in zip(folded, mentions, strict=True):
        if mention.label:
            votes.setdefault(key, Counter())[mention.label] += 1
    labels = [
        (_majority(votes[key]) or mention.label) if mention.label else ""
        for key, mention in zip(folded, mentions, strict=True)
    ]

    person_words = {
        w
        for name, label in zip(names, labels, strict=True)
        if label == "PERSON" and len(name.split()) > 1
        for w in _name_words(name)
    }
    context = frozenset(
        place.country
        for name, label in zip(names, labels, strict=True)
        if label in ("LOC", "GPE") and (place := gaz.place(name)) is not None
    )

    # Laws, events, awards and documents are not organisations or places: "Digital Security
    # Act", "Garma Festival", "World Cup", "Treaty Six" (its head word decides).
    labels = [
        "MISC" if label in ("ORG", "LOC", "GPE", "PERSON", "FAC") and _named_thing(name) else label
        for name, label in zip(names, labels, strict=True)
    ]
    # An acronym is not a person's name ("TIGI", "NIWA"), unless the whole line is in capitals
    # (headlines and results tables write names that way: "TARANGO").
    # Nor, unless the gazetteer knows it as a country, a place's ("INEC", "LATAM").
    labels = [
        "ORG"
        if label in ("PERSON", "LOC", "GPE")
        and _acronym(name)
        and len(name) > 2
        and not _shouted(text, m.start)
        and not _known_place(name, gaz)
        else label
        for name, label, m in zip(names, labels, mentions, strict=True)
    ]
    # Titles of films, shows and books are works, not people or places ("Joker", “Parasite”),
    # unless the gazetteer knows the name as a place; a news outlet is an organisation.
    labels = [
        "MISC"
        if label in ("PERSON", "ORG", "LOC", "GPE", "FAC")
        and _titled_work(text, m.start, m.end)
        and gaz.place(name) is None
        else "ORG"
        if label in ("PERSON", "LOC", "GPE", "MISC") and _outlet(name)
        else label
        for name, label, m in zip(names, labels, mentions, strict=True)
    ]
    # A name with an organisation's head word ("Addis Ababa University") or spoken of as a
    # company anywhere in the article ("a subsidiary of Smoore") is an organisation, unless the
    # gazetteer knows it as a place.
    companies = {
        key
        for key, m in zip(folded, mentions, strict=True)
        if m.label and company_context(text, m.start, m.end)
    }
    labels = [
        "ORG"
        if label in ("PERSON", "LOC", "GPE", "FAC", "MISC")
        and (has_org_head(name) or key in companies)
        and gaz.place(name) is None
        else label
        for name, key, label in zip(names, folded, labels, strict=True)
    ]
    # The place of a dateline is a place, however the model typed it ("LOS ANGELES" as an
    # organisation: capitals read as an acronym's), when the gazetteer knows it: a headline
    # such as "Jeans Mate Corp - 6mth forecast" has a dateline's shape too.
    dateline = _in_dateline(text)
    if dateline is not None:
        labels = [
            "GPE"
            if label in ("ORG", "PERSON", "MISC", "FAC")
            and dateline[0] <= m.start
            and m.end <= dateline[1]
            and _known_place(name, gaz)
            else label
            for name, label, m in zip(names, labels, mentions, strict=True)
        ]
    resolved = [
        _typed(name, key, label, gaz, context, person_words)
        for name, key, label in zip(names, folded, labels, strict=True)
    ]
    _places_in_lists(mentions, names, text, resolved, gaz, context)
    _qualify_organisations(mentions, text, resolved)
    _link_people(mentions, names, resolved)
    _link_abbreviations(names, resolved)
    _link_organisation_short_forms(mentions, names, resolved)
    return [r if r.label else None for r in resolved]


def _typed(
    name: str,
    key: str,
    label: str,
    gaz: Gazetteer,
    context: frozenset[str],
    person_words: set[str],
) -> Resolved:
    if not label:
        return Resolved(f"candidate:{key}", "", name)
    known = known_organisation(name) if label != "PERSON" else None
    if known is not None and not (label in ("LOC", "GPE") and gaz.is_country_code(name)):
        # "World Bank" typed as a place is still the World Bank; "AU" typed as a place is
        # Australia, typed as an organisation the African Union.
        return Resolved(f"org:{fold(known.name)}", "ORG", known.name, known.country)
    if label in ("LOC", "GPE", "FAC", "PERSON", "ORG"):
        place = gaz.place(name, context, codes=label in ("LOC", "GPE"))
        if place is not None and _is_place(place, label, key, person_words):
            return _from_place(place, name)
    if label in ("MISC", "NORP"):
        country = gaz.demonym(name)
        if country is not None:
            return Resolved(f"norp:{country}", "NORP", name, country)
        if label == "NORP":
            return Resolved(f"norp:{key}", "NORP", name)
    if label == "ORG":
        return Resolved(f"org:{key}", "ORG", name, gaz.country_named_in(name))
    if label == "GPE":
        label = "LOC"  # a GPE the gazetteer does not know: still a place
    return Resolved(f"{label.lower()}:{key}", label, name)


def _majority(votes: Counter[str]) -> str | None:
    (label, n), total = votes.most_common(1)[0], sum(votes.values())
    return label if 3 * n >= 2 * total else None


LIST_SEPARATORS = frozenset({", ", " and ", ", and ", " or ", ", or "})


def _places_in_lists(
    mentions: Sequence[Mention],
    names: list[str],
    text: str,
    resolved: list[Resolved],
    gaz: Gazetteer,
    context: frozenset[str],
) -> None:
    """A name listed with places is a place: "Aleppo, Homs and Daraa" when the model read
    "Homs" and "Daraa" as people or missed them. Listed means next to a place with a comma or
    "and" between, or in the same coordination of the parse (``Mention.group``). Only names
    the gazetteer knows, in a country the article names (or a country, or a big city)."""
    changed = True
    while changed:
        changed = False
        for i, r in enumerate(resolved):
            if r.label not in ("PERSON", "") or len(r.name.split()) > 1:  # a linked full name
                continue
            place = gaz.place(names[i], context, codes=False)
            if place is None or not (
                place.country in context
                or place.kind == "country"
                or place.population >= PERSON_TO_CITY_MIN_POPULATION
            ):
                continue
            if any(
                resolved[j].label == "GPE" and _listed_together(mentions, text, i, j)
                for j in range(len(resolved))
                if j != i
            ):
                resolved[i] = _from_place(place, names[i])
                changed = True


def _listed_together(mentions: Sequence[Mention], text: str, i: int, j: int) -> bool:
    group = mentions[i].group
    if group is not None and mentions[j].group == group:
        return True
    if abs(i - j) != 1:
        return False
    a, b = sorted((i, j))
    return text[mentions[a].end : mentions[b].start] in LIST_SEPARATORS


def _is_place(place: Place, label: str, key: str, person_words: set[str]) -> bool:
    """Whether a gazetteer hit overrides the model's type."""
    if label in ("LOC", "GPE"):
        return True
    if label == "FAC":
        return False  # a facility named after a place ("Damascus Gate") stays a facility
    if key in person_words:
        return False  # "Jordan" in an article about Michael Jordan
    if label == "PERSON":
        return place.kind == "country" or place.population >= PERSON_TO_CITY_MIN_POPULATION
    # ORG: "Russia" as a state actor. A city or a region stays an organisation: sports teams
    # are named after them ("NEW YORK 5 PITTSBURGH 3", "Derbyshire beat Kent").
    return place.kind == "country"


def _from_place(place: Place, name: str) -> Resolved:
    display = place.name if place.kind == "country" else name
    return Resolved(place.key, "GPE", display, place.country, place.latitude, place.longitude)


def _link_people(mentions: Sequence[Mention], names: list[str], resolved: list[Resolved]) -> None:
    """Short person names join the nearest full name they end (before, else after)."""
    anchors = [
        i for i, r in enumerate(resolved) if r.label == "PERSON" and len(names[i].split()) > 1
    ]
    for i, r in enumerate(resolved):
        # The model often types a surname alone as a place ("Kishida" after "Fumio Kishida");
        # organisations keep their type ("Tata" the company after "Ratan Tata"). The price:
        # a place inside a mis-read full name ("Lebed Chechnya") becomes that person too.
        if r.label not in RELINKED_TO_PEOPLE or len(names[i].split()) > 1:
            continue
        short = fold(names[i])
        matches = [a for a in anchors if short in _name_words(names[a])[1:]]
        if not matches:
            continue
        before = [a for a in matches if mentions[a].start < mentions[i].start]
        anchor = max(before) if before else min(matches)
        resolved[i] = resolved[anchor]


def _link_abbreviations(names: list[str], resolved: list[Resolved]) -> None:
    """An all-capitals ORG mention joins the ORG whose initials it spells."""
    long_forms: dict[str, Resolved] = {}
    for i, r in enumerate(resolved):
        if r.label == "ORG" and len(names[i].split()) > 1:
            long_forms.setdefault(_initials(r.name), r)
    for i, r in enumerate(resolved):
        if r.label != "ORG":
            continue
        acronym = _acronym(names[i])
        if acronym and acronym in long_forms and long_forms[acronym].key != r.key:
            resolved[i] = long_forms[acronym]


def _qualify_organisations(
    mentions: Sequence[Mention], text: str, resolved: list[Resolved]
) -> None:
    """An organisation written right after a nationality or country ("Russian Foreign
    Ministry", "Japan's Foreign Ministry") is that country's: its key and name say so."""
    for i in range(1, len(resolved)):
        org, owner = resolved[i], resolved[i - 1]
        if org.label != "ORG" or org.country or owner.country is None:
            continue
        if owner.label not in ("NORP", "GPE") or known_organisation(org.name):
            continue
        between = text[mentions[i - 1].end : mentions[i].start]
        if between not in (" ", "'s ", "’s "):
            continue
        written = text[mentions[i - 1].start : mentions[i - 1].end]
        resolved[i] = Resolved(
            f"org:{owner.country}:{fold(org.name)}", "ORG", f"{written}{between}{org.name}",
            owner.country,
        )  # fmt: skip


def _link_organisation_short_forms(
    mentions: Sequence[Mention], names: list[str], resolved: list[Resolved]
) -> None:
    """A bare "Foreign Ministry" joins the qualified one of the same article (nearest before,
    else after)."""
    qualified = [i for i, r in enumerate(resolved) if r.label == "ORG" and r.key.count(":") == 2]
    for i, r in enumerate(resolved):
        if r.label != "ORG" or r.key.count(":") == 2:
            continue
        # "Foreign Ministry" or just "Ministry" after "Russian Foreign Ministry".
        matches = [
            q
            for q in qualified
            if r.key == f"org:{fold(names[q])}" or fold(names[i]) == fold(names[q].split()[-1])
        ]
        if matches:
            before = [q for q in matches if mentions[q].start < mentions[i].start]
            resolved[i] = resolved[max(before) if before else min(matches)]
