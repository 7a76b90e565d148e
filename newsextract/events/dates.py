"""When an event happened: date expressions in its sentence, resolved against publication.

News dates events relative to the day of publication ("on Sunday", "last week", "in March").
:func:`event_date` finds the expression nearest the trigger and resolves it with dateparser
(offline, ``RELATIVE_BASE`` = publication date, ``PREFER_DATES_FROM='past'``), avoiding two
traps: a day and month without a year ("December 9") takes the publication year, or the year
before when that would put it after publication; and a month alone ("in March") is a month,
stored as its first day with month precision, never the reference's day of the month.
A weekday is the most recent such day on or before publication ("on Sunday" in Monday's
paper is the day before; "last Monday" in Monday's paper is a week before).

An event that is not future or hypothetical never takes a date after publication ("cancelled
the talks planned for next month" happened before publication, not next month). Without an
expression the publication date stands, with ``date_text`` null.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"

# Most specific first: the first pattern that matches at a position wins.
DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("iso", rf"\b{_YEAR}-\d{{2}}-\d{{2}}\b"),
        ("full", rf"\b(?:{_MONTHS})\.? {_DAY},? {_YEAR}\b|\b{_DAY} (?:{_MONTHS})\.?,? {_YEAR}\b"),
        ("day_month", rf"\b(?:{_MONTHS})\.? {_DAY}\b(?!,? {_YEAR})|\b{_DAY} (?:{_MONTHS})\b"),
        ("month_year", rf"\b(?:{_MONTHS})\.?,? {_YEAR}\b"),
        ("weekday", rf"\b(?:(?:last|this|on|early|late) )?(?:{'|'.join(_WEEKDAYS)})\b"),
        ("relative_day", r"\b(?:yesterday|today|tonight|the day before)\b"),
        (
            "recent",
            r"\b(?:in )?(?:recent|the past|the last|the previous|past|last) "
            r"(?:few |several |two |three )?(?:weeks?|months?|days)\b",
        ),
        ("relative_week", r"\b(?:last|this|next|earlier this|later this) week\b"),
        ("relative_month", r"\b(?:last|this|next|earlier this|later this) month\b"),
        ("named_month", rf"\b(?:next|last|this|coming|this coming) (?:{_MONTHS})\b(?! \d)"),
        ("month", rf"\b(?:in|since|during|by|until|early|late|mid-?) ?(?:{_MONTHS})\b(?! \d)"),
        ("relative_year", r"\b(?:last|this|next|earlier this) year\b"),
        ("year", rf"\b(?:in|since|during|by) {_YEAR}\b"),
    )
)
# "may" is a month only with a preposition or a day: never the modal verb.
_MODAL_MAY = re.compile(r"^(?:in|since|during|by|until|early|late|mid-?) ?may$", re.IGNORECASE)


@dataclass(frozen=True)
class EventDate:
    when: datetime  # UTC midnight of the day (first day of the week, month or year)
    precision: str  # day, week, month, year
    text: str | None  # the evidence; None when the publication date was used
    start: int | None = None  # offsets of the evidence in the text searched
    end: int | None = None


@lru_cache(maxsize=64)
def _parser(base: datetime) -> DateDataParser:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )


def find_date_expressions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every date expression, not overlapping, in text order."""
    taken: list[tuple[int, int, str]] = []
    for kind, pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            word = match.group(0)
            if kind == "month" and word.lower().endswith("may") and not _MODAL_MAY.match(word):
                continue
            if any(s < end and start < e for s, e, _ in taken):
                continue
            taken.append((start, end, kind))
    return sorted(taken)


def _midnight(when: datetime) -> datetime:
    return datetime(when.year, when.month, when.day, tzinfo=UTC)


def resolve(
    expression: str, kind: str, published: datetime, *, future: bool = False
) -> tuple[datetime, str] | None:
    """(date, precision) of one expression relative to the publication date; a ``future``
    event ("will meet on Friday", "talks in March") takes the next such day or month."""
    base = _midnight(published).replace(tzinfo=None)
    low = expression.lower()
    if kind == "weekday":
        day = next(d for d in _WEEKDAYS if d in low)
        if future:
            ahead = (_WEEKDAYS.index(day) - base.weekday()) % 7 or 7
            return _midnight(base + timedelta(days=ahead)), "day"
        back = (base.weekday() - _WEEKDAYS.index(day)) % 7
        if back == 0 and "last" in low:
            back = 7
        return _midnight(base - timedelta(days=back)), "day"
    if kind == "relative_day":
        back = 1 if ("yesterday" in low or "day before" in low) else 0
        return _midnight(base - timedelta(days=back)), "day"
    if kind == "recent":
        if "month" in low:
            return datetime(base.year, base.month, 1, tzinfo=UTC), "month"
        if "day" in low:
            return _midnight(base - timedelta(days=3)), "week"
        start = base - timedelta(days=base.weekday() + 7)  # the week before publication's
        return _midnight(start), "week"
    if kind == "relative_week":
        weeks = -1 if "last" in low else (1 if "next" in low else 0)
        start = base - timedelta(days=base.weekday()) + timedelta(weeks=weeks)
        return _midnight(start), "week"
    if kind == "relative_month":
        month = base.month + (-1 if "last" in low else (1 if "next" in low else 0))
        year = base.year + (month - 1) // 12
        return datetime(year, (month - 1) % 12 + 1, 1, tzinfo=UTC), "month"
    if kind == "relative_year":
        year = base.year + (-1 if "last" in low else (1 if "next" in low else 0))
        return datetime(year, 1, 1, tzinfo=UTC), "year"
    if kind == "named_month":
        return _named_month(low, base), "month"
    if kind == "year":
        return datetime(int(re.search(_YEAR, expression).group(0)), 1, 1, tzinfo=UTC), "year"
    cleaned = re.sub(r"^(?:in|since|during|by|until|early|late|mid-?|on) ?", "", low).strip()
    cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", cleaned)
    data = _parser(base).get_date_data(cleaned)
    if data.date_obj is None:
        return None
    parsed = data.date_obj
    if kind in ("month", "month_year"):
        year = parsed.year
        if kind == "month" and not future and datetime(year, parsed.month, 1) > base:
            year -= 1  # "in March" written in January: last March
        if kind == "month" and future and (year, parsed.month) < (base.year, base.month):
            year += 1  # "talks in March" written in December: next March
        return datetime(year, parsed.month, 1, tzinfo=UTC), "month"
    if kind == "day_month":
        step = 1 if future else -1
        when = _day_in_year(base.year, parsed.month, parsed.day, step)
        if not future and when > base + timedelta(days=1):
            # "December 9" read in January
            when = _day_in_year(when.year - 1, parsed.month, parsed.day, step)
        if future and when < base:
            # "will meet on January 9" in December
            when = _day_in_year(when.year + 1, parsed.month, parsed.day, step)
        return _midnight(when), "day"
    return _midnight(parsed), "day"


def _named_month(expression: str, base: datetime) -> datetime:
    """ "next June" is the first June after the publication month, "last June" the last one
    before it, "this June" this year's, whatever the event's tense."""
    name = expression.split()[-1][:3]
    month = next(i for i, m in enumerate(_MONTHS.split("|")[:12], start=1) if m.startswith(name))
    year = base.year
    if expression.startswith(("next", "coming", "this coming")) and month <= base.month:
        year += 1
    elif expression.startswith("last") and month >= base.month:
        year -= 1
    return datetime(year, month, 1, tzinfo=UTC)


def _day_in_year(year: int, month: int, day: int, step: int) -> datetime:
    """That day of that year; February 29 in a common year moves ``step`` years at a time
    to a leap year (back for a past event, forward for a future one)."""
    while True:
        try:
            return datetime(year, month, day)
        except ValueError:
            if (month, day) != (2, 29):
                raise
            year += step


def event_date(
    sentence: str,
    published: datetime | None,
    anchor: int,
    *,
    offset: int = 0,
    future: bool = False,
    attached: Callable[[int, int], bool] | None = None,
) -> EventDate | None:
    """The date of an event whose trigger is at ``anchor`` (an offset into ``sentence``).

    An expression ``attached`` to the trigger (by the parse: "seized the town on Sunday",
    not "after talks in March") wins over the others; among equals the nearest wins.
    ``offset`` is added to the evidence offsets (the sentence's start in the article). None
    when there is neither an expression that resolves nor a publication date.
    """
    if published is None:
        return None
    found = []
    for start, end, kind in find_date_expressions(sentence):
        resolved = resolve(sentence[start:end], kind, published, future=future)
        if resolved is not None and not future and resolved[0] > _midnight(published):
            # "cancelled the talks planned for next month": the date is not the event's.
            resolved = None
        if resolved is not None:
            distance = min(abs(anchor - start), abs(anchor - end))
            detached = attached is not None and not attached(start, end)
            found.append(((detached, distance), start, end, resolved))
    if not found:
        return EventDate(_midnight(published), "day", None)
    _, start, end, (when, precision) = min(found, key=lambda f: f[0])
    return EventDate(when, precision, sentence[start:end], start + offset, end + offset)
