"""Publication dates: parse what inputs give us into a UTC datetime plus an honest precision.

Inputs state dates in many ways ("2024-12-09", "2024-12", "Dec. 9, 2024", RFC 2822 headers,
"December 2024"). We keep the *precision* the input actually had instead of inventing a day:
"2024-12" is month precision stored as the 1st of the month, "2024" is year precision stored as
1 January. ISO forms are parsed without dateparser because they are by far the most common
and dateparser costs about a millisecond per call; everything else goes through one shared
offline English ``DateDataParser``.

A value without a year ("December 9", as in news datelines) is *not* parsed here, because
dateparser would silently pick a year; :func:`combine_with_year` completes such a value with the
year of another date when the caller has one.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from newsextract.readers.records import DatePrecision

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

__all__ = ["combine_with_year", "has_year", "parse_published"]

_ISO_YEAR = re.compile(r"\d{4}")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_YEAR_IN_TEXT = re.compile(r"(?<!\d)\d{4}(?!\d)")

_BASE_SETTINGS: dict[str, object] = {
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TO_TIMEZONE": "UTC",
    # Values without a zone are read as UTC so results do not depend on the machine.
    "TIMEZONE": "UTC",
    # A month-only value means the month, stored as its first day (not "today's" day number).
    "PREFER_DAY_OF_MONTH": "first",
    # Never let dateparser invent the year of "December 9"; see combine_with_year.
    "REQUIRE_PARTS": ["year"],
}


@lru_cache(maxsize=8)
def _parser(relative_base: datetime | None) -> DateDataParser:
    """One parser per relative base, built once: construction and first use are the slow part."""
    from dateparser.date import DateDataParser

    settings = dict(_BASE_SETTINGS)
    if relative_base is not None:
        settings["RELATIVE_BASE"] = relative_base
    return DateDataParser(languages=["en"], settings=settings)


def has_year(value: str) -> bool:
    """True when the text names a four-digit year (as ISO dates and most full dates do)."""
    return _YEAR_IN_TEXT.search(value) is not None


def parse_published(
    value: str | None, *, reference: datetime | None = None
) -> tuple[datetime | None, DatePrecision]:
    """Parse a publication date into (UTC-aware datetime, precision).

    ``reference`` is "now": relative phrases ("yesterday") count from it, and a date after it
    is unusable (an article cannot be published in the future), giving ``(None, "none")``.
    It defaults to the current time. Unparseable or empty values give ``(None, "none")``.
    """
    if value is None:
        return None, "none"
    text = value.strip()
    if not text:
        return None, "none"
    now = _as_utc(reference) if reference is not None else datetime.now(UTC)
    if _looks_iso(text):
        parsed = _parse_iso(text)  # an invalid ISO date (month 13) is not re-read as free text
    else:
        parsed = _parse_free_text(text, None if reference is None else now)
    if parsed is None:
        return None, "none"
    when, precision = parsed
    if when > now:
        return None, "none"
    return when, precision


def combine_with_year(date_text: str, year: int) -> datetime | None:
    """Complete a day-and-month date such as "December 9" or "9 Dec." with ``year``.

    Used for datelines, which rarely state the year: the year has to come from another date
    of the same article. Returns midnight UTC of that day, or None if it does not parse
    (including 29 February in a non-leap year).
    """
    if not date_text.strip() or has_year(date_text):
        return None
    result = _parse_free_text(f"{date_text.strip().rstrip(',.')} {year}", None)
    if result is None or result[1] != "day" or result[0].year != year:
        return None
    return result[0].replace(hour=0, minute=0, second=0, microsecond=0)


def _looks_iso(text: str) -> bool:
    return bool(
        _ISO_DAY.fullmatch(text)
        or _ISO_MONTH.fullmatch(text)
        or _ISO_YEAR.fullmatch(text)
        or _ISO_TIMESTAMP.match(text)
    )


def _parse_iso(text: str) -> tuple[datetime, DatePrecision] | None:
    """Fast path for ISO 8601 dates; None when the date is invalid (month 13, bad offset)."""
    try:
        if _ISO_DAY.fullmatch(text):
            return datetime.fromisoformat(text).replace(tzinfo=UTC), "day"
        if m := _ISO_MONTH.fullmatch(text):
            return datetime(int(m.group(1)), int(m.group(2)), 1, tzinfo=UTC), "month"
        if _ISO_YEAR.fullmatch(text):
            return datetime(int(text), 1, 1, tzinfo=UTC), "year"
        if _ISO_TIMESTAMP.match(text):
            when = datetime.fromisoformat(text)
            return _as_utc(when), "day"
    except ValueError:
        return None  # e.g. month 13: let the caller report it as unusable
    return None


def _parse_free_text(
    text: str, relative_base: datetime | None
) -> tuple[datetime, DatePrecision] | None:
    base = None if relative_base is None else relative_base.replace(tzinfo=None)
    data = _parser(base).get_date_data(text)
    when = data.date_obj
    if when is None:
        return None
    when = _as_utc(when)
    period = data.period or "day"
    if period == "year":
        # dateparser reads "12" as the year 2012; accept a year only when one is written out.
        if not has_year(text):
            return None
        return datetime(when.year, 1, 1, tzinfo=UTC), "year"
    if period == "month":
        return datetime(when.year, when.month, 1, tzinfo=UTC), "month"
    return when, "day"  # "day", "week" and "time" all pin a day


def _as_utc(when: datetime) -> datetime:
    """Naive datetimes are taken as UTC; aware ones are converted."""
    if when.tzinfo is None:
        return when.replace(tzinfo=UTC)
    return when.astimezone(UTC)
