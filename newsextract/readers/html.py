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

from newsextract.readers.article import Draft

__all__ = ["declared_charset", "read_html"]

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)


def declared_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` a page declares in its first 4 KiB, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def read_html(page: str, size_bytes: int) -> Draft | None:
    """The article of a decoded page, or None when trafilatura finds no main text."""
    import trafilatura

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
    if not text:
        return None
    return Draft(
        text=text,
        size_bytes=size_bytes,
        title=title,
        url=(doc.url or "").strip() or None,
        source=(doc.sitename or "").strip() or None,
        published=(doc.date or "").strip() or None,
    )
