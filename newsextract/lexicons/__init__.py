"""Lexicons: the bundled lookups that the parse and every later stage consult.

Takes nothing from the flow; gives places and nationalities (countries, cities and regions with
codes and coordinates), well-known organisations and their abbreviations, and the titles that
precede names. They sit under the stages because the parse's own entity-boundary component
(:mod:`newsextract.nlp.components`) needs organisations and titles, as do canonicalisation
(entities) and actor coding (events). Built from packages' data and ``newsextract/data/``;
nothing is downloaded.

- :mod:`~newsextract.lexicons.gazetteer` — places and nationalities, and :func:`fold`, the
  lookup key every lexicon shares;
- :mod:`~newsextract.lexicons.organisations` — international bodies, seats of government,
  news agencies;
- :mod:`~newsextract.lexicons.titles` — titles and honorifics.
"""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
"""``newsextract/data``: the bundled word lists and tables every lexicon is read from."""
