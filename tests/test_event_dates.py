"""Event dates resolved against the publication date (pure functions, no model)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from newsextract.events.dates import event_date, find_date_expressions

MONDAY = datetime(2024, 12, 9, 15, 30, tzinfo=UTC)  # the Moscow article's publication


@pytest.mark.parametrize(
    ("sentence", "future", "expected", "precision", "evidence"),
    [
        ("Rebels seized the capital, Damascus, on Sunday.", False, date(2024, 12, 8), "day",
         "on Sunday"),
        ("The army withdrew last Monday.", False, date(2024, 12, 2), "day", "last Monday"),
        ("They captured Aleppo, Homs and Daraa in recent weeks.", False, date(2024, 12, 2),
         "week", "in recent weeks"),
        ("Talks were held in March.", False, date(2024, 3, 1), "month", "in March"),
        ("Talks will be held in March.", True, date(2025, 3, 1), "month", "in March"),
        ("They will hold a summit next June.", True, date(2025, 6, 1), "month", "next June"),
        ("The talks failed last June.", False, date(2024, 6, 1), "month", "last June"),
        ("The talks failed last December.", False, date(2023, 12, 1), "month", "last December"),
        ("A summit is planned for this coming March.", True, date(2025, 3, 1), "month",
         "this coming March"),
        ("Assad arrived on December 9.", False, date(2024, 12, 9), "day", "December 9"),
        ("He left on December 12.", False, date(2023, 12, 12), "day", "December 12"),
        ("The deal was signed in May 2023.", False, date(2023, 5, 1), "month", "May 2023"),
        ("Troops crossed the border yesterday.", False, date(2024, 12, 8), "day", "yesterday"),
        ("The war began in 2011.", False, date(2011, 1, 1), "year", "in 2011"),
        ("Protests grew earlier this month.", False, date(2024, 12, 1), "month",
         "earlier this month"),
        ("The ministers will meet on Friday.", True, date(2024, 12, 13), "day", "on Friday"),
    ],
)  # fmt: skip
def test_dates_resolve_against_publication(sentence, future, expected, precision, evidence):
    found = event_date(sentence, MONDAY, 0, future=future)
    assert (found.when.date(), found.precision, found.text) == (expected, precision, evidence)
    assert sentence[found.start : found.end] == evidence


def test_december_9_is_not_pushed_into_next_year() -> None:
    # dateparser's PREFER_DATES_FROM='future' trap: the publication day itself stays.
    found = event_date("Russia granted asylum on December 9.", MONDAY, 0)
    assert found.when.date() == date(2024, 12, 9)


@pytest.mark.parametrize(
    ("published", "future", "expected"),
    [
        (datetime(2025, 1, 20, tzinfo=UTC), False, date(2024, 2, 29)),  # last leap day
        (datetime(2025, 6, 1, tzinfo=UTC), False, date(2024, 2, 29)),
        (datetime(2025, 6, 1, tzinfo=UTC), True, date(2028, 2, 29)),  # the next one
        (datetime(2024, 12, 9, tzinfo=UTC), False, date(2024, 2, 29)),
    ],
)
def test_february_29_is_a_leap_day(published, future, expected) -> None:
    # A crash found by `make bench` on generated articles: February 29 in a common year.
    found = event_date("The vote took place on February 29.", published, 0, future=future)
    assert (found.when.date(), found.precision) == (expected, "day")


def test_a_month_alone_never_borrows_the_reference_day() -> None:
    found = event_date("Fighting resumed in March.", MONDAY, 0)
    assert (found.when.day, found.precision) == (1, "month")


def test_without_an_expression_the_publication_date_stands() -> None:
    found = event_date("Russia granted asylum to Assad.", MONDAY, 0)
    assert (found.when.date(), found.precision, found.text) == (date(2024, 12, 9), "day", None)
    assert event_date("Russia granted asylum to Assad.", None, 0) is None


def test_a_past_event_never_takes_a_later_date() -> None:
    found = event_date("The minister cancelled the talks planned for next month.", MONDAY, 15)
    assert found.text is None and found.when.date() == date(2024, 12, 9)


def test_an_expression_attached_to_the_trigger_wins_then_the_nearest() -> None:
    sentence = "After talks in March, rebels seized the town on Sunday."
    anchor = sentence.index("seized")
    assert event_date(sentence, MONDAY, anchor).text == "in March"  # nearer
    on_sunday = sentence.index("on Sunday")
    found = event_date(sentence, MONDAY, anchor, attached=lambda start, _end: start == on_sunday)
    assert found.text == "on Sunday"


@pytest.mark.parametrize("text", ["Russia may grant asylum.", "It may be too late."])
def test_the_modal_may_is_not_a_month(text: str) -> None:
    assert find_date_expressions(text) == []
