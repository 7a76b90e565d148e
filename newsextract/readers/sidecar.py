"""Sidecar metadata: ``<file>.meta.json`` next to any input file.

A sidecar is a JSON object with any of ``published``, ``url``, ``source``, ``title`` and ``id``.
Its values **win** over values found in the file itself (JSON fields, HTML metadata), for every
article of that file: a sidecar is written by a person or an upstream system on purpose, so it
is the most deliberate statement about the file. Other keys are ignored, so sidecars can carry
extra notes.

One exception: ``id`` is applied only when the file yields exactly one article. Giving the same
external ID to every line of a JSONL file would make distinct articles look like duplicates.

An invalid sidecar (unreadable, not JSON, not an object, a field of the wrong type) must not cost
the article: the file is read as if there were no sidecar, and one extra
``RejectedInput(reason_code='invalid_sidecar')`` whose ``input_path`` is the sidecar's path
tells the user their metadata was not applied.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from newsextract.readers.discover import is_inside
from newsextract.readers.encoding import DecodeError, decode_bytes
from newsextract.readers.jsonvalues import (
    FieldError,
    describe_error,
    loads_exact,
    string_field,
    type_name,
)
from newsextract.readers.options import SIDECAR_SUFFIX
from newsextract.readers.records import RejectedInput

__all__ = ["Sidecar", "load_sidecar"]


@dataclass(frozen=True)
class Sidecar:
    published: str | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    external_id: str | None = None


def load_sidecar(
    root: Path, rel_path: str, max_bytes: int
) -> tuple[Sidecar | None, RejectedInput | None]:
    """The sidecar of ``rel_path``, or a rejection saying why it cannot be used.

    ``(None, None)`` when the file has no sidecar.
    """
    rel_sidecar = rel_path + SIDECAR_SUFFIX
    path = Path(root, rel_sidecar)
    if not path.is_file():
        return None, None
    size = 0
    if not is_inside(path, os.path.realpath(root)):
        return None, _invalid(rel_sidecar, "it is a link to outside the input folder", size)
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            why = f"{size:,} bytes, over the {max_bytes:,} byte limit"
            return None, _invalid(rel_sidecar, why, size)
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
        obj = loads_exact(decode_bytes(data).text)
    except DecodeError as exc:
        return None, _invalid(rel_sidecar, exc.reason, size)
    except ValueError as exc:
        return None, _invalid(rel_sidecar, describe_error(exc), size)
    except OSError as exc:
        return None, _invalid(rel_sidecar, f"cannot read it: {exc}", size)
    if not isinstance(obj, dict):
        return None, _invalid(rel_sidecar, f"must be a JSON object, not {type_name(obj)}", size)
    try:
        sidecar = Sidecar(
            published=string_field(obj, "published", allow_number=True),
            url=string_field(obj, "url"),
            source=string_field(obj, "source"),
            title=string_field(obj, "title"),
            external_id=string_field(obj, "id", allow_number=True, strip=False),
        )
    except FieldError as exc:
        return None, _invalid(rel_sidecar, str(exc), size)
    return sidecar, None


def _invalid(rel_sidecar: str, why: str, size: int) -> RejectedInput:
    return RejectedInput(
        input_path=rel_sidecar,
        reason_code="invalid_sidecar",
        reason=f"sidecar metadata not applied: {why}",
        size_bytes=size,
    )
