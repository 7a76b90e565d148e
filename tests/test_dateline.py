"""News dateline recognition: the usual wire forms fire, ordinary sentences do not."""

from __future__ import annotations

import pytest

from newsextract.readers.dateline import Dateline, parse_dateline


@pytest.mark.parametrize(
    ("text", "place", "date_text", "story_starts"),
    [
        (
            "Moscow, Russia – December 9: In a dramatic turn of events",
            "Moscow, Russia",
            "December 9",
            "In a dramatic",
        ),
        ("WASHINGTON (Reuters) - The U.S. Senate voted", "WASHINGTON", None, "The U.S."),
        ("KABUL, Afghanistan — Taliban fighters entered", "KABUL, Afghanistan", None, "Taliban"),
        ("LONDON, March 3 (Reuters) - Shares fell", "LONDON", "March 3", "Shares"),
        ("BEIJING, Jan 5 (AP) — China said", "BEIJING", "Jan 5", "China"),
        ("WASHINGTON—The president said", "WASHINGTON", None, "The president"),
        ("NEW YORK, Dec. 9, 2024 (AP) — Stocks rose", "NEW YORK", "Dec. 9, 2024", "Stocks"),
        ("PARIS (AFP) - France will", "PARIS", None, "France"),
        ("Rio de Janeiro, Brazil - Police said", "Rio de Janeiro, Brazil", None, "Police"),
        ("The Hague, Netherlands — Judges ruled", "The Hague, Netherlands", None, "Judges"),
        ("LONDON: Prime Minister Keir Starmer", "LONDON", None, "Prime"),
        ("GAZA CITY, Gaza Strip -- Residents fled", "GAZA CITY, Gaza Strip", None, "Residents"),
        ("SÃO PAULO, Brazil — “We are ready,” she said", "SÃO PAULO, Brazil", None, "“We"),
        ("\n\nKYIV, Ukraine (AP) — Russia launched", "KYIV, Ukraine", None, "Russia"),
        # CoNLL / Reuters corpus: the dateline is a line of its own and must carry a date.
        ("LONDON 1996-08-30\nWest Indian all-rounder", "LONDON", "1996-08-30", "West Indian"),
        ("KHASAVYURT , Russia 1996-08-31\nRussian", "KHASAVYURT , Russia", "1996-08-31", "Russian"),
        ("THE HAGUE 1996-08-30\nThe court", "THE HAGUE", "1996-08-30", "The court"),
        ("ROCHESTER , N.H. 1996-08-30\nTwo", "ROCHESTER , N.H.", "1996-08-30", "Two"),
    ],
)
def test_datelines(text: str, place: str, date_text: str | None, story_starts: str) -> None:
    found = parse_dateline(text)
    assert found is not None
    assert found.place == place
    assert found.date_text == date_text
    assert text[found.end :].startswith(story_starts)
    assert text[found.start : found.start + len(place)] == place  # offsets index the text


@pytest.mark.parametrize(
    "text",
    [
        "Russia has granted asylum to former Syrian President Bashar al-Assad and his family.",
        "In a dramatic turn - the government fell.",
        "The President - said nothing.",
        "Russia - which granted asylum - said nothing.",
        "He said that the plan, which was agreed last week by all of the parties in Doha - and "
        "signed - would hold.",
        "Syrian rebels seized the capital, Damascus, on Sunday – effectively ending his rule.",
        "CRICKET - LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY .",
        "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .",
        "Larisa Sayenko\nMINSK 1996-08-30",  # a byline line has no date
        "LONDON -",
        "LONDON - \nThe rest",
        "Title\n- a list item",
        "Can Africa's Opposition Parties Be Liberated?\n\nBeing in opposition",
        "UPDATE - Markets fell sharply",
        "Warning: Graphic content follows",
        "Boxing-Bruno quits on doctor 's advice .",
        "Long Place Name Number One, Second Long Place Name, Third Long Place Name, Fourth - X",
        "",
        "   \n  ",
    ],
)
def test_not_datelines(text: str) -> None:
    assert parse_dateline(text) is None


def test_parse_from_a_position() -> None:
    text = "SOCCER - SHEARER NAMED AS ENGLAND CAPTAIN .\nLONDON 1996-08-30\nThe new coach"
    found = parse_dateline(text, text.index("\n") + 1)
    assert found == Dateline("LONDON", "1996-08-30", text.index("The new"), text.index("LONDON"))


def test_only_the_start_counts() -> None:
    assert parse_dateline("Reports said. WASHINGTON (Reuters) - The U.S.") is None
