"""JSON parsing that keeps numbers exactly as written, and typed field access.

IDs often arrive as JSON numbers (``"id": 8011117``). Converting through ``int``/``float``
could change them (``1e3``, ``12.50``, very long numbers), so numbers are kept as their literal
text in a ``str`` subclass and turned into plain strings only where a string is wanted.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["FieldError", "JsonNumber", "describe_error", "loads_exact", "string_field"]


class JsonNumber(str):
    """A JSON number, kept as its literal text."""

    __slots__ = ()


class FieldError(ValueError):
    """A field has the wrong type; ``reason_code`` is always 'wrong_type'."""

    reason_code = "wrong_type"


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def loads_exact(text: str) -> Any:
    """``json.loads`` with numbers as :class:`JsonNumber` and NaN/Infinity refused."""
    return json.loads(
        text,
        parse_int=JsonNumber,
        parse_float=JsonNumber,
        parse_constant=_reject_constant,
    )


def describe_error(exc: ValueError) -> str:
    """A message with line and column for parser errors, for the rejected-inputs table."""
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
    return f"invalid JSON: {exc}"


def type_name(value: Any) -> str:
    if isinstance(value, JsonNumber):
        return "a number"
    return {
        str: "a string",
        bool: "a boolean",
        list: "an array",
        dict: "an object",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def string_field(
    obj: dict[str, Any], key: str, *, allow_number: bool = False, strip: bool = True
) -> str | None:
    """The field as a string, or None when absent, null or blank.

    Numbers are accepted (as their literal text) only where ``allow_number``; any other type
    raises :class:`FieldError`. ``strip`` trims surrounding whitespace; IDs are kept exactly.
    """
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, JsonNumber):
        if not allow_number:
            raise FieldError(f"field '{key}' must be a string, not a number")
        return str.__str__(value)
    if not isinstance(value, str):
        expected = "a string or a number" if allow_number else "a string"
        raise FieldError(f"field '{key}' must be {expected}, not {type_name(value)}")
    if not value.strip():
        return None
    return value.strip() if strip else value
