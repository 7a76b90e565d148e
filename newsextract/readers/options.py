"""Reader settings and the file types the readers accept."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from newsextract.readers.records import InputFormat

SUPPORTED_SUFFIXES: Final = (".txt", ".json", ".jsonl", ".html", ".htm")

SIDECAR_SUFFIX: Final = ".meta.json"
"""``<file>.meta.json`` holds metadata for ``<file>``; see :mod:`newsextract.readers.sidecar`."""

FORMAT_BY_SUFFIX: Final[dict[str, InputFormat]] = {
    ".txt": "txt",
    ".json": "json",
    ".jsonl": "jsonl",
    ".html": "html",
    ".htm": "html",
}


@dataclass(frozen=True)
class ReadOptions:
    """Limits that keep one odd input from exhausting memory or flooding the tables.

    Both limits reject rather than truncate: a cut-off article would be wrong data that looks
    right, while a rejected row tells the user what to fix.
    """

    max_file_bytes: int = 64 * 1024 * 1024
    """Files larger than this are rejected ('too_large') without being read."""
    max_article_chars: int = 2_000_000
    """Articles whose text is longer than this are rejected ('too_long')."""
