"""Plain records that flow from the readers into the tables.

Readers turn one input file into a list of :class:`ArticleRecord` and :class:`RejectedInput`;
nothing else in the pipeline touches raw files. Every input unit (a file, a JSON array element,
a JSONL line) becomes exactly one of the two, so nothing is lost silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

InputFormat = Literal["txt", "json", "jsonl", "html"]
DatePrecision = Literal["day", "month", "year", "none"]


@dataclass(frozen=True)
class ArticleRecord:
    """One article as read from its input, before IDs and derived columns are added."""

    text: str
    """The body verbatim (only ``\\r\\n``/``\\r`` turned into ``\\n``); offsets index into it."""
    input_path: str
    """Path of the input file relative to the input folder, POSIX separators."""
    input_format: InputFormat
    input_record: int | None = None
    """1-based line number in a JSONL file or element number in a JSON array; None otherwise."""
    title: str | None = None
    external_id: str | None = None
    url: str | None = None
    source: str | None = None
    published_raw: str | None = None
    """The publication date as found (JSON field, sidecar, HTML metadata or dateline)."""
    published_at: datetime | None = None
    """Timezone-aware UTC; None when no usable date was found."""
    published_precision: DatePrecision = "none"
    dateline_place: str | None = None
    """Place named by a news dateline at the start of the body, e.g. "Moscow, Russia"."""
    encoding: str = "utf-8"


@dataclass(frozen=True)
class RejectedInput:
    """An input unit that could not become an article, with a reason a person understands."""

    input_path: str
    reason_code: str
    """Short machine-readable class: empty, binary, decode_error, invalid_json, ... ."""
    reason: str
    size_bytes: int
    input_record: int | None = None


ReadResult = ArticleRecord | RejectedInput
