"""Plain-text articles.

Layout: an optional title line, separated from the body by at least one blank line. A first
line counts as a title only when a blank line follows it, it is at most
:data:`MAX_TITLE_CHARS` long (a long first paragraph followed by a blank line is body text, not a
headline) and some body follows. Otherwise the whole file is the body.

What is stripped: blank lines before the title/body, and trailing whitespace at the end of the
file. Nothing else: the body runs verbatim from the start of its first non-blank line (leading
spaces on that line kept) to its last non-whitespace character.
"""

from __future__ import annotations

import re

from newsextract.readers.article import Draft

__all__ = ["MAX_TITLE_CHARS", "read_txt"]

MAX_TITLE_CHARS = 300

_LEADING_BLANK_LINES = re.compile(r"(?:[ \t\f\v]*\n)*")
_TITLE = re.compile(r"([^\n]*)\n[ \t\f\v]*\n")


def read_txt(text: str, size_bytes: int) -> Draft:
    """Split decoded, newline-normalised text into title and body."""
    start = _LEADING_BLANK_LINES.match(text).end()
    m = _TITLE.match(text, start)
    if m is not None and m.group(1).strip() and len(m.group(1).strip()) <= MAX_TITLE_CHARS:
        body_start = _LEADING_BLANK_LINES.match(text, m.end()).end()
        body = text[body_start:].rstrip()
        if body:
            return Draft(text=body, size_bytes=size_bytes, title=m.group(1).strip())
    return Draft(text=text[start:].rstrip(), size_bytes=size_bytes)
