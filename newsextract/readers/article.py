"""From what a format reader found to an :class:`ArticleRecord`: sidecar, dateline, dates.

Format readers only say what is in the file (:class:`Draft`). The rules that combine sources
live here once, so every format behaves the same:

* Sidecar values win over the file's own title, URL, source, ID and date (see ``sidecar``).
* The publication date is the first *usable* one of: sidecar ``published``, the file's own date
  (JSON ``published``, HTML metadata), the dateline's date if it states a year. A value that
  does not parse or lies in the future is skipped; if none is usable, ``published_raw`` still
  keeps the highest-priority value found so a person can see what was there.
* A dateline date without a year ("December 9") cannot make a date by itself, but it refines a
  chosen date of year or month precision when it agrees with it ("2024" + "December 9" gives
  2024-12-09, precision day). ``published_raw`` stays the value the year came from.
* The dateline is looked for at the start of the text, or just after the first line when that
  line repeats the title (CoNLL/Reuters texts start with their headline).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from newsextract.readers.dateline import Dateline, parse_dateline
from newsextract.readers.dates import combine_with_year, has_year, parse_published
from newsextract.readers.options import ReadOptions
from newsextract.readers.records import ArticleRecord, DatePrecision, InputFormat, RejectedInput
from newsextract.readers.sidecar import Sidecar

__all__ = ["Draft", "find_dateline", "finish", "resolve_published"]


@dataclass(frozen=True)
class Draft:
    """An article as found in the file, before sidecar values and date resolution."""

    text: str
    size_bytes: int
    """Bytes of the input unit (file, array element or line), for a 'too_long' rejection."""
    input_record: int | None = None
    title: str | None = None
    external_id: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    """The file's own date for the article (JSON field or HTML metadata)."""


def finish(
    draft: Draft,
    *,
    input_path: str,
    input_format: InputFormat,
    encoding: str,
    sidecar: Sidecar | None,
    single_article: bool,
    options: ReadOptions,
) -> ArticleRecord | RejectedInput:
    """Apply the sidecar, dateline and date rules; reject texts over the length limit."""
    if len(draft.text) > options.max_article_chars:
        return RejectedInput(
            input_path=input_path,
            reason_code="too_long",
            reason=(
                f"the article text has {len(draft.text):,} characters, over the limit of "
                f"{options.max_article_chars:,} (ReadOptions.max_article_chars)"
            ),
            size_bytes=draft.size_bytes,
            input_record=draft.input_record,
        )
    side = sidecar or Sidecar()
    title = side.title or draft.title
    dateline = find_dateline(draft.text, draft.title, side.title)
    raw, when, precision = resolve_published([side.published, draft.published], dateline)
    external_id = draft.external_id
    if side.external_id is not None and single_article:
        external_id = side.external_id
    return ArticleRecord(
        text=draft.text,
        input_path=input_path,
        input_format=input_format,
        input_record=draft.input_record,
        title=title,
        external_id=external_id,
        url=side.url or draft.url,
        source=side.source or draft.source,
        published_raw=raw,
        published_at=when,
        published_precision=precision,
        dateline_place=dateline.place if dateline else None,
        encoding=encoding,
    )


def find_dateline(text: str, *titles: str | None) -> Dateline | None:
    """The dateline at the start of ``text``, skipping a first line that repeats a title."""
    start = len(text) - len(text.lstrip())
    newline = text.find("\n", start)
    first_line = (text[start:newline] if newline != -1 else text[start:]).strip()
    if any(title and first_line == title.strip() for title in titles):
        return parse_dateline(text, newline + 1) if newline != -1 else None
    return parse_dateline(text, start)


def resolve_published(
    candidates: list[str | None], dateline: Dateline | None
) -> tuple[str | None, datetime | None, DatePrecision]:
    """(published_raw, published_at, precision) from candidates in priority order."""
    first_raw: str | None = None
    for raw in candidates:
        if raw is None or not raw.strip():
            continue
        first_raw = first_raw or raw
        when, precision = parse_published(raw)
        if when is not None:
            return raw, *_refine(when, precision, dateline)
    date_text = dateline.date_text if dateline else None
    if date_text and has_year(date_text):
        when, precision = parse_published(date_text)
        if when is not None:
            return date_text, when, precision
    return first_raw, None, "none"


def _refine(
    when: datetime, precision: DatePrecision, dateline: Dateline | None
) -> tuple[datetime, DatePrecision]:
    """Sharpen a year/month date with a yearless dateline date that agrees with it."""
    date_text = dateline.date_text if dateline else None
    if precision not in ("year", "month") or not date_text or has_year(date_text):
        return when, precision
    day = combine_with_year(date_text, when.year)
    if day is None or (precision == "month" and day.month != when.month):
        return when, precision
    refined, refined_precision = parse_published(day.date().isoformat())  # refuses the future
    if refined is None:
        return when, precision
    return refined, refined_precision
