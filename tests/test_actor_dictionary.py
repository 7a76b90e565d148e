"""The Phoenix actor dictionary: parsing its codes, reading its entries, coding people the text
gives no nationality."""

from __future__ import annotations

from datetime import date

import pytest

from newsextract.events.actor_dictionary import ActorDictionary, Role, actor_dictionary, parse_code
from newsextract.events.actors import ActorEntity, code_actor
from newsextract.events.plover import actor_country_codes

COUNTRIES = frozenset({"AFG", "RUS", "SRB", "TLS", "NZL"})


@pytest.mark.parametrize(
    ("code", "role"),
    [
        ("AFGGOVBUS 031001-041231", Role("AFG", "GOV", date(2003, 10, 1), date(2004, 12, 31))),
        ("AFGELI 19280101-710609", Role("AFG", "ELI", date(1928, 1, 1), date(1971, 6, 9))),
        ("AFGGOV >011222", Role("AFG", "GOV", date(2001, 12, 22), None)),
        ("KWTGOV <900802", Role("KWT", "GOV", None, date(1990, 8, 2))),
        ("UKRGOV > 20140607", Role("UKR", "GOV", date(2014, 6, 7), None)),
        ("AFGELI", Role("AFG", "ELI", None, None)),
        ("NPLGOVHLH 090401-090630", Role("NPL", "GOV", date(2009, 4, 1), date(2009, 6, 30))),
        ("NPLHLH", Role("NPL", "MED", None, None)),  # CAMEO's health is PLOVER's MED
        ("NPLMED", Role("NPL", "JRN", None, None)),  # and CAMEO's media PLOVER's JRN
        ("TMPGOV", Role("TLS", "GOV", None, None)),  # East Timor's CAMEO code
        ("YUGSRB <920427", Role("SRB", None, None, date(1992, 4, 27))),
        ("---", None),
    ],
)
def test_codes(code: str, role: Role | None) -> None:
    assert parse_code(code) == role


LINES = [
    "# a comment",
    "AFGHANISTAN\tAFGHAN;KABUL\tAFG",  # a country block: not a person
    "HAMID_KARZAI\tKARZAI;PRESIDENT_KARZAI\tAFGELI 750101-000101;AFGGOV >011222;AFGELI",
    "MIKHAIL_GORBACHEV\t\t",  # no codes: a synonym of the next coded entry
    "GORBACHEV\t\t",
    "GENERAL_SECRETARY_GORBACHEV\t\tUSRGOV 850311-911225;RUSELI",
    "JOHN_SMITH\t\tNZLGOV 030101-050831",
    "JOHN_SMITH\t\tAFGGOV 030101-050831",  # the same name in two countries: ambiguous
]


def test_entries_synonyms_and_ambiguity() -> None:
    dictionary = ActorDictionary(LINES, COUNTRIES | {"USR"})
    karzai = dictionary.lookup("Karzai")
    assert karzai is not None and karzai.country == "AFG"
    assert dictionary.lookup("President Karzai") is karzai
    assert karzai.sector_on(date(2005, 3, 1)) == "GOV"
    assert karzai.sector_on(date(1990, 3, 1)) == "ELI"
    assert dictionary.lookup("Mikhail Gorbachev").country == "RUS"  # the Soviet Union's heir
    assert dictionary.lookup("Gorbachev").sector_on(date(1988, 1, 1)) == "GOV"
    assert dictionary.lookup("John Smith") is None
    assert dictionary.lookup("Kabul") is None and dictionary.lookup("Afghan") is None


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Mikhail Gorbachov", "RUS"),  # one letter replaced
        ("Hamid Karzaii", "AFG"),  # one inserted
        ("Mikhail Grbachev", "RUS"),  # one deleted
        ("Karzaii", None),  # one word: too little to go on
        ("Hamid Karzoo", None),  # two letters away
        ("John Smyth", None),  # near an ambiguous name
    ],
)
def test_a_misspelt_full_name_is_near_one_actor(name: str, country: str | None) -> None:
    dictionary = ActorDictionary([*LINES, "HAMID_KARZAI\t\tAFGGOV >011222"], COUNTRIES | {"USR"})
    assert dictionary.lookup(name) is None
    near = dictionary.lookup_near(name)
    assert (near.country if near else None) == country


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Vladimir Putin", "RUS"),
        ("Putin", "RUS"),
        ("Yoweri Museveni", "UGA"),
        ("Laurent Gbagbo", "CIV"),
        ("Bashar al-Assad", "SYR"),
        ("Hosni Mubarak", "EGY"),
        ("Kiwi", None),  # New Zealand's nickname, from its country block
        ("John Smith", None),
    ],
)
def test_the_shipped_dictionary(name: str, country: str | None) -> None:
    known = actor_dictionary().lookup(name)
    assert (known.country if known else None) == country


def test_shipped_countries_are_valid_codes() -> None:
    valid = actor_country_codes()
    assert len(actor_dictionary()) > 20_000
    assert all(a.country in valid for a in actor_dictionary()._actors.values())


def test_a_person_named_without_a_nationality_is_coded_from_the_dictionary(nlp) -> None:
    text = "On September 29, Putin offered to negotiate with the president of Armenia."
    doc = nlp(text)
    start = text.index("Putin")
    putin = ActorEntity(start, start + 5, "ent_putin", "PERSON", "Putin", None)
    span = doc.char_span(start, start + 5)
    code = code_actor(doc, span, [putin], when=date(2005, 9, 30))
    assert (code.country, code.sector) == ("RUS", "GOV")
    # The text's own evidence comes first: a nationality at a mention is not overridden.
    text = "The Ukrainian businessman Vladimir Putin opened a shop."
    doc = nlp(text)
    start = text.index("Vladimir Putin")
    namesake = ActorEntity(start, start + 14, "ent_v", "PERSON", "Vladimir Putin", None)
    code = code_actor(doc, doc.char_span(start, start + 14), [namesake])
    assert code.country == "UKR"


def test_a_misspelt_person_is_coded_from_the_dictionary(nlp) -> None:
    text = "President Francois Mitterand gave a warm welcome to the visitors on Thursday."
    doc = nlp(text)
    start = text.index("Francois")
    name = ActorEntity(start, start + 18, "ent_m", "PERSON", "Francois Mitterand", None)
    code = code_actor(doc, doc.char_span(start, start + 18), [name], when=date(1990, 5, 3))
    assert (code.country, code.sector) == ("FRA", "GOV")
