"""Titles and honorifics that precede a name without being part of it (``data/titles.txt``).

Read by the parse's entity-boundary component (a PERSON mention starts after them) and by
canonicalisation (a person's name loses them: "President Bashar al-Assad" → "Bashar al-Assad").
"""

from __future__ import annotations

from newsextract.lexicons import DATA_DIR

TITLES_FILE = DATA_DIR / "titles.txt"
# Words that precede a name without being part of it (lower-cased, dots removed).
TITLES = frozenset(
    line.strip()
    for line in TITLES_FILE.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
