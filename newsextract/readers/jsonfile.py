"""JSON and JSON Lines articles.

A ``.json`` file holds one article object or an array of them; a ``.jsonl`` file one object per
line. Fields: ``text`` (required, a non-blank string, kept exactly apart from ``\\r\\n`` to
``\\n``), and optional ``id`` (string or number; a number keeps its literal text, so ``8011117``
becomes ``"8011117"``), ``title``, ``url``, ``source``, ``published``. Other fields are ignored.

Each array element / line is its own input unit: a bad one becomes a RejectedInput with its
1-based number (``input_record``) while its neighbours still become articles. Blank JSONL lines
are not units and are skipped. A ``.json`` file that does not parse is one RejectedInput
('invalid_json') naming the parser's message, line and column.
"""

from __future__ import annotations

import json
from typing import Any

from newsextract.readers.article import Draft
from newsextract.readers.encoding import normalize_newlines
from newsextract.readers.jsonvalues import (
    FieldError,
    JsonNumber,
    describe_error,
    loads_exact,
    string_field,
    type_name,
)

__all__ = ["Problem", "read_json", "read_jsonl"]

Problem = tuple[str, str, int, int | None]
"""(reason_code, reason, size_bytes, input_record) of a unit that is not an article."""

_BOMLESS = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}


def read_json(text: str, encoding: str, size_bytes: int) -> list[Draft | Problem]:
    """Articles and problems of a ``.json`` file, in document order."""
    try:
        doc = loads_exact(text)
    except ValueError as exc:
        return [("invalid_json", describe_error(exc), size_bytes, None)]
    if isinstance(doc, dict):
        return [_article(doc, size_bytes, None)]
    if not isinstance(doc, list):
        reason = f"expected an object or an array of objects, found {type_name(doc)}"
        return [("wrong_type", reason, size_bytes, None)]
    if not doc:
        return [("empty", "the JSON array has no elements", size_bytes, None)]
    spans = _element_spans(text)
    results: list[Draft | Problem] = []
    for number, (element, (start, end)) in enumerate(zip(doc, spans, strict=True), start=1):
        size = byte_len(text[start:end], encoding)
        if isinstance(element, dict):
            results.append(_article(element, size, number))
        else:
            reason = f"array element {number} is {type_name(element)}, not an article object"
            results.append(("wrong_type", reason, size, number))
    return results


def read_jsonl(text: str, encoding: str) -> list[Draft | Problem]:
    """Articles and problems of a ``.jsonl`` file; ``input_record`` is the 1-based line number."""
    results: list[Draft | Problem] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        size = byte_len(line, encoding)
        try:
            obj = loads_exact(line)
        except ValueError as exc:
            reason = describe_error(exc).replace(" at line 1 column ", " at column ")
            results.append(("invalid_json", f"line {number}: {reason}", size, number))
            continue
        if not isinstance(obj, dict):
            reason = f"line {number} is {type_name(obj)}, not an article object"
            results.append(("wrong_type", reason, size, number))
            continue
        results.append(_article(obj, size, number))
    return results


def byte_len(text: str, encoding: str) -> int:
    """Length of ``text`` in the file's encoding (without a BOM)."""
    try:
        return len(text.encode(_BOMLESS.get(encoding, encoding)))
    except (UnicodeEncodeError, LookupError):
        return len(text.encode("utf-8"))


def _article(obj: dict[str, Any], size: int, record: int | None) -> Draft | Problem:
    where = "" if record is None else f"record {record}: "
    try:
        text = obj.get("text")
        if text is None or (isinstance(text, str) and not text.strip()):
            state = "missing" if "text" not in obj else "null" if text is None else "blank"
            return ("missing_text", f"{where}field 'text' is {state}", size, record)
        if isinstance(text, JsonNumber) or not isinstance(text, str):
            raise FieldError(f"field 'text' must be a string, not {type_name(text)}")
        return Draft(
            text=normalize_newlines(text),
            size_bytes=size,
            input_record=record,
            title=string_field(obj, "title"),
            external_id=string_field(obj, "id", allow_number=True, strip=False),
            url=string_field(obj, "url"),
            source=string_field(obj, "source"),
            published=string_field(obj, "published", allow_number=True),
        )
    except FieldError as exc:
        return (exc.reason_code, f"{where}{exc}", size, record)


def _element_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of each top-level array element, for their byte sizes.

    Only called on text that already parsed as an array, so the scan cannot fail.
    """
    decoder = json.JSONDecoder(parse_int=str, parse_float=str)  # no int() digit limit
    spans: list[tuple[int, int]] = []
    pos = text.index("[") + 1
    while True:
        pos = _skip_space(text, pos)
        if text[pos] == "]":
            return spans
        if text[pos] == ",":
            pos = _skip_space(text, pos + 1)
        _, end = decoder.raw_decode(text, pos)
        spans.append((pos, end))
        pos = end


def _skip_space(text: str, pos: int) -> int:
    while text[pos] in " \t\n\r":
        pos += 1
    return pos
