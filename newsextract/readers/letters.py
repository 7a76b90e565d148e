"""How much of a text is letters: too few is no prose to keep, nor enough to tell its language.

Shared by the readers (an HTML page whose main text has fewer letters is rejected) and by
language identification (:mod:`newsextract.ingest.language`), so both draw the line alike.
"""

from __future__ import annotations

MIN_LETTERS = 20


def enough_letters(text: str, minimum: int = MIN_LETTERS) -> bool:
    """``text`` holds at least ``minimum`` letters: fewer is too little to be prose, or to tell
    its language."""
    return sum(ch.isalpha() for ch in text) >= minimum
