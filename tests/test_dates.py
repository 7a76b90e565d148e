"""Publication date parsing: ISO fast path, free text, precision, future dates, yearless dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsextract.readers import dates
from newsextract.readers.dates import combine_with_year, has_year, parse_published

REF = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
"""A fixed "now" so the tests do not depend on the clock."""


@pytest.mark.parametrize(
    ("value", "expected", "precision"),
    [
        ("2024-12-09", datetime(2024, 12, 9, tzinfo=UTC), "day"),
        ("2024-12", datetime(2024, 12, 1, tzinfo=UTC), "month"),
        ("2024", datetime(2024, 1, 1, tzinfo=UTC), "year"),
        ("  2024-12-09 ", datetime(2024, 12, 9, tzinfo=UTC), "day"),
        ("1996-08-30", datetime(1996, 8, 30, tzinfo=UTC), "day"),
        ("2026-01-15", datetime(2026, 1, 15, tzinfo=UTC), "day"),
        ("2024-12-09T10:30:00Z", datetime(2024, 12, 9, 10, 30, tzinfo=UTC), "day"),
        ("2024-12-09T01:00:00+03:00", datetime(2024, 12, 8, 22, 0, tzinfo=UTC), "day"),
        ("2024-12-09 10:00", datetime(2024, 12, 9, 10, 0, tzinfo=UTC), "day"),
    ],
)
def test_iso_forms(value: str, expected: datetime, precision: str) -> None:
    assert parse_published(value, reference=REF) == (expected, precision)


@pytest.mark.parametrize(
    ("value", "expected", "precision"),
    [
        ("December 9, 2024", datetime(2024, 12, 9, tzinfo=UTC), "day"),
        ("Dec. 9, 2024", datetime(2024, 12, 9, tzinfo=UTC), "day"),
        ("9 December 1996", datetime(1996, 12, 9, tzinfo=UTC), "day"),
        ("Mon, 09 Dec 2024 10:00:00 +0300", datetime(2024, 12, 9, 7, 0, tzinfo=UTC), "day"),
        ("December 2024", datetime(2024, 12, 1, tzinfo=UTC), "month"),
        ("Dec 2024", datetime(2024, 12, 1, tzinfo=UTC), "month"),
        ("yesterday", datetime(2026, 5, 31, 12, 0, tzinfo=UTC), "day"),
    ],
)
def test_free_text(value: str, expected: datetime, precision: str) -> None:
    assert parse_published(value, reference=REF) == (expected, precision)


@pytest.mark.parametrize(
    "value",
    [None, "", "   ", "garbage", "not a date at all", "December 9", "12", "2024-13-01"],
)
def test_unparseable_gives_none(value: str | None) -> None:
    assert parse_published(value, reference=REF) == (None, "none")


def test_future_dates_are_unusable() -> None:
    assert parse_published("2026-07-01", reference=REF) == (None, "none")
    assert parse_published("2027", reference=REF) == (None, "none")
    assert parse_published("2026-07-01", reference=datetime(2026, 8, 1, tzinfo=UTC))[1] == "day"


def test_default_reference_is_now() -> None:
    assert parse_published("2999-01-01") == (None, "none")
    when, precision = parse_published("2024-12-09")
    assert (when, precision) == (datetime(2024, 12, 9, tzinfo=UTC), "day")


def test_results_are_utc_aware() -> None:
    for value in ["2024-12-09", "2024-12-09T10:30:00-05:00", "December 9, 2024", "Dec 2024"]:
        when, _ = parse_published(value, reference=REF)
        assert when is not None and when.utcoffset() is not None
        assert when.tzinfo == UTC


def test_iso_fast_path_does_not_use_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(_base: object) -> None:
        raise AssertionError("dateparser used for an ISO date")

    monkeypatch.setattr(dates, "_parser", boom)
    assert parse_published("2024-12-09")[1] == "day"
    assert parse_published("2024-12")[1] == "month"
    assert parse_published("2024-12-09T10:00:00+01:00")[1] == "day"


@pytest.mark.parametrize(
    ("date_text", "year", "expected"),
    [
        ("December 9", 2024, datetime(2024, 12, 9, tzinfo=UTC)),
        ("9 Dec.", 2024, datetime(2024, 12, 9, tzinfo=UTC)),
        ("Jan 5", 1996, datetime(1996, 1, 5, tzinfo=UTC)),
        ("March 3,", 2025, datetime(2025, 3, 3, tzinfo=UTC)),
        ("Feb 29", 2024, datetime(2024, 2, 29, tzinfo=UTC)),
        ("Feb 29", 2023, None),
        ("December 9, 2024", 2023, None),  # already has a year
        ("", 2024, None),
        ("soon", 2024, None),
    ],
)
def test_combine_with_year(date_text: str, year: int, expected: datetime | None) -> None:
    assert combine_with_year(date_text, year) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1996-08-30", True), ("Dec 9, 2024", True), ("December 9", False), ("12345", False)],
)
def test_has_year(text: str, expected: bool) -> None:
    assert has_year(text) is expected
