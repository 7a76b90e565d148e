"""HTML pages: main text and metadata via trafilatura.

Boilerplate removal (navigation, related stories, footers) is trafilatura's job; we only pass it
the decoded page and read back text, title, date, URL and site name. Paragraphs come back one
per line (joined by ``\\n``). When the extracted text begins with a line equal to the title (the
page's ``<h1>``), that line is dropped, because the title has its own column and the body should
start where the story starts (which is also where a dateline sits).

Safety: trafilatura parses with lxml's HTML parser, which neither resolves external entities nor
fetches anything, and we never pass a URL, so reading a page makes no network access.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from newsextract.build_cache import cached_build
from newsextract.readers.article import Draft
from newsextract.readers.letters import MIN_LETTERS, enough_letters

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

__all__ = [
    "declared_charset",
    "english_date_parser",
    "month_words",
    "read_html",
    "use_english_date_parser",
]

# htmldate's own settings for its free-text date search (htmldate.extractors.get_external_parser);
# a test checks that they still match the installed htmldate.
HTMLDATE_PARSER_SETTINGS: dict[str, object] = {
    "NORMALIZE": True,
    "PARSERS": ["custom-formats", "absolute-time"],
    "PREFER_DATES_FROM": "past",
    "PREFER_LOCALE_DATE_ORDER": True,
    "RETURN_AS_TIMEZONE_AWARE": False,
    "STRICT_PARSING": True,
}

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)


def declared_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` a page declares in its first 4 KiB, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


@cache
def english_date_parser() -> DateDataParser:
    """htmldate's dateparser for dates in running text, with htmldate's settings, in English.

    htmldate builds it with every language dateparser knows, and the first page without a
    machine-readable date then loads all ~200 locales: 1.6-2 s in every process that reads
    HTML, which is most of a small incremental run's ingest. The pipeline reads English news
    (other languages are flagged, and :mod:`newsextract.readers.dates` is English-only too); on
    1,502 pages the dates came out identical. A page in another language whose only date is written
    out in its running text gets no ``published``."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=HTMLDATE_PARSER_SETTINGS)


@cache
def month_words() -> frozenset[str]:
    """htmldate's ``month_words()``, the month names of every dateparser locale, which decide
    whether a string is worth a date search: the same set, read from the build cache, where
    htmldate loads all ~200 locales to make it (0.13 s in every process that reads HTML)."""
    import htmldate.extractors

    build = _htmldate_own.get("month_words", htmldate.extractors.month_words)
    return cached_build("htmldate_month_words", build, packages=["htmldate", "dateparser"])


# htmldate's functions that use_english_date_parser replaced, by name.
_htmldate_own: dict[str, Callable] = {}


@cache
def use_english_date_parser() -> Callable[[], DateDataParser]:
    """Make htmldate use :func:`english_date_parser`, and :func:`month_words` from the build
    cache; returns htmldate's own factory."""
    import htmldate.extractors

    # htmldate looks both up in its module at each call, so replacing them there is enough.
    original = htmldate.extractors.get_external_parser
    htmldate.extractors.get_external_parser = english_date_parser
    _htmldate_own["month_words"] = htmldate.extractors.month_words
    htmldate.extractors.month_words = month_words
    return original


def read_html(page: str, size_bytes: int) -> Draft | None:
    """The article of a decoded page, or None when trafilatura finds no main text."""
    import trafilatura

    use_english_date_parser()
    doc = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        deduplicate=False,
    )
    if doc is None:
        return None
    text = (doc.text or "").strip()
    title = (doc.title or "").strip() or None
    if title:
        first, _, rest = text.partition("\n")
        if first.strip() == title and rest.strip():
            text = rest.lstrip("\n")
    if not enough_letters(text[: MIN_LETTERS * 10]):
        # What trafilatura falls back on in a page without a story (a menu item, an
        # unexpanded entity reference) is not an article: 'no_text'.
        return None
    return Draft(
        text=text,
        size_bytes=size_bytes,
        title=title,
        url=(doc.url or "").strip() or None,
        source=(doc.sitename or "").strip() or None,
        published=(doc.date or "").strip() or None,
    )
