"""Quotations in article text: where the quoted words are (first part of the quote extractor).

:func:`quoted_spans` finds the words between quotation marks, robust to what real news text
does with them:

- straight ``"`` and typographic ``“ ”``, ``« »``, ``„ “`` double marks, and ``‘ ’`` single
  marks used as the outer marks (British style); single marks *inside* a double-quoted span are
  nested quotes and stay part of it;
- a quotation never runs past the end of its paragraph: a paragraph that ends inside a quote
  either continues it (the next paragraph opens with a quotation mark, the newspaper
  convention) or was left unbalanced, and the quote stops there either way;
- an apostrophe (``don’t``, ``the Taliban’s``) is not a closing single mark, and a closing
  mark typed at the start of a paragraph (``”We need …”``) opens a quotation;
- one or two quoted words are scare quotes ("so-called “peace plan”"), not speech: left out
  unless ``min_words`` says otherwise;
- :func:`looks_like_title` tells a name in marks (a film, a book, a law, a slogan: "the film
  “Once Upon a Time in Hollywood”") from quoted speech, which is almost never in title case.

Offsets are into the text as given, end-exclusive, without the marks and without the spaces
just inside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPENERS = {"“": "”", "«": "»", "„": "“", '"': '"'}
SINGLE_OPENER, SINGLE_CLOSER = "‘", "’"
# Any of these closes a double-quoted span, whatever opened it: messy text mixes styles.
DOUBLE_CLOSERS = frozenset({"”", "»", '"', "“"})
_BEFORE_OPENING = frozenset(" \t\n([{-—–/:;,")
MIN_WORDS = 3


@dataclass(frozen=True)
class QuotedSpan:
    start: int
    end: int
    closed: bool  # a closing mark was found (False: stopped at the paragraph's end)
    continues: bool = False  # the next paragraph carries on the same quotation


def _opens(text: str, i: int) -> bool:
    """Whether the mark at ``i`` can open a quotation (straight marks are ambiguous)."""
    mark = text[i]
    if mark != '"':
        return True
    return (
        (i == 0 or text[i - 1] in _BEFORE_OPENING)
        and i + 1 < len(text)
        and not text[i + 1].isspace()
    )


def _misturned_opener(text: str, i: int) -> bool:
    """A closing mark typed where a paragraph opens a quotation: ”We need … .”"""
    return (
        text[i] == "”"
        and (i == 0 or text[i - 1] == "\n")
        and i + 1 < len(text)
        and text[i + 1].isalnum()
    )


def _closes_single(text: str, i: int) -> bool:
    """A ’ closes a single-quoted span unless it is an apostrophe (a letter follows)."""
    return i + 1 >= len(text) or not text[i + 1].isalpha()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def quoted_spans(text: str, min_words: int = MIN_WORDS) -> list[QuotedSpan]:
    """Every quotation of at least ``min_words`` words, in text order."""
    spans: list[QuotedSpan] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        single = ch == SINGLE_OPENER
        if not (ch in DOUBLE_OPENERS or single or _misturned_opener(text, i)):
            i += 1
            continue
        if not _opens(text, i):
            i += 1
            continue
        start = i + 1
        j = start
        closed_at = None
        while j < n and text[j] != "\n":
            c = text[j]
            if single:
                if c == SINGLE_CLOSER and _closes_single(text, j):
                    closed_at = j
                    break
            elif c in DOUBLE_CLOSERS and (c != '"' or not _opens(text, j) or j + 1 == n):
                closed_at = j
                break
            j += 1
        end = closed_at if closed_at is not None else j
        s, e = _trimmed(text, start, end)
        continues = closed_at is None and _next_paragraph_opens(text, j)
        if e > s and len(text[s:e].split()) >= min_words:
            spans.append(QuotedSpan(s, e, closed=closed_at is not None, continues=continues))
        i = (closed_at + 1) if closed_at is not None else j
    return spans


# Words a title leaves in lower case ("Once Upon a Time in Hollywood").
TITLE_SMALL_WORDS = frozenset({
    "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "with",
    "by", "from", "as", "vs", "into", "upon", "over", "de", "la", "le", "du", "von", "van",
})  # fmt: skip
TITLE_MAX_WORDS = 10
_SENTENCE_PUNCTUATION = re.compile(r"[.!?;:,]\W*$|[.!?;]\s")
_WORD_EDGES = "()[]'\"‘’“”-—–"


def looks_like_title(quoted: str) -> bool:
    """A title or a name in quotation marks: at most ten words, every word but the small ones
    capitalised (or a number), not all capitals, and no sentence punctuation."""
    words = quoted.split()
    if not 2 <= len(words) <= TITLE_MAX_WORDS or _SENTENCE_PUNCTUATION.search(quoted):
        return False
    content = [w.strip(_WORD_EDGES) for w in words]
    content = [w for w in content if w and w.lower() not in TITLE_SMALL_WORDS]
    if len(content) < 2 or all(w.isupper() for w in content):
        return False
    return all(w[0].isupper() or w[0].isdigit() for w in content)


_PARAGRAPH_OPENING = re.compile(r"\n\s*[“«„\"‘]")


def _next_paragraph_opens(text: str, newline: int) -> bool:
    """Whether the paragraph after the line break at ``newline`` opens with a quotation mark."""
    return _PARAGRAPH_OPENING.match(text, newline) is not None
