"""News datelines: the "PLACE, date (Agency) -" opener of a wire story.

Recognised forms (at the very start of the body, after blank lines):

* ``Moscow, Russia – December 9: In a dramatic ...``   place, dash, date, colon
* ``WASHINGTON (Reuters) - ...``                         place, agency, dash
* ``KABUL, Afghanistan — ...`` / ``WASHINGTON—The ...``  place, dash
* ``LONDON, March 3 (Reuters) -`` / ``BEIJING, Jan 5 (AP) —``  place, date, agency, dash
* ``KHASAVYURT , Russia 1996-08-31`` on a line of its own (CoNLL/Reuters corpus style): place
  and a date ending the line; here the date is required, since a line holding only names is a
  byline or a headline rather than a dateline.

The pattern is deliberately narrow, because a false dateline puts a wrong place on an article:
the place is one to four comma-separated parts made of capitalised words (with the usual
lowercase particles such as "de" or "of"), at most 60 characters before the separator; it may
not start with a word that begins ordinary sentences ("The", "In", "He", ...); a colon right after
the place needs an all-capitals or multi-part place or a date ("Warning: Graphic" is a label);
the separator must be followed by a capital, digit or quote, not a lowercase word; and an
all-capitals remainder ("SOCCER - JAPAN GET LUCKY WIN") marks a headline, not a dateline.

The dateline stays in the text. :func:`parse_dateline` only reports what it found and where it
ends, so callers can fill ``dateline_place`` and, failing a better source, a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Dateline", "parse_dateline"]

MAX_PREFIX_CHARS = 60
"""Longest dateline (place, date and agency) before the separator."""

_WINDOW = 300
_BLANK = re.compile(r"\s*")
_H = r"[ \t\u00a0]"  # horizontal whitespace: a dateline never spans lines
_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?i:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:{_WEEKDAY}{_H}+)?"
    rf"(?:{_MONTH}{_H}+{_DAY}(?:,?{_H}+\d{{4}})?"
    rf"|{_DAY}{_H}+{_MONTH}(?:,?{_H}+\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2})"
)
_WORD = r"[A-Z\u00c0-\u00de][A-Za-z\u00c0-\u024f.'’\-]{0,40}"
_PARTICLE = (
    r"(?:de|da|do|dos|das|del|della|di|du|des|la|le|el|al|of|am|der|den|van|von|upon|sur|en)"
)
_PART = rf"(?!{_MONTH}{_H}+\d)(?:{_WORD}(?:{_H}+(?:{_PARTICLE}{_H}+)?{_WORD}){{0,4}})"
_PLACE = rf"(?P<place>{_PART}(?:{_H}?,{_H}*{_PART}){{0,3}})"
_AGENCY = rf"(?:{_H}*\((?P<agency>[A-Za-z][A-Za-z.&'’/ \-]{{0,40}})\))"
_DASH = r"(?:--|[-–—])"

_INLINE = re.compile(
    rf"""
    {_PLACE}
    (?:(?:{_H}?,{_H}*|{_H}+)(?P<date>{_DATE}))?
    {_AGENCY}?
    (?P<sep>{_H}*{_DASH}{_H}+|{_H}*[–—](?=\S)|{_H}*:{_H}+)
    (?:(?P<date2>{_DATE}){_H}*(?:{_DASH}|:){_H}+)?
    """,
    re.VERBOSE,
)
_OWN_LINE = re.compile(rf"{_PLACE}(?:{_H}?,{_H}*|{_H}+)(?P<date>{_DATE}){_AGENCY}?{_H}*(?P<sep>\n)")

# fmt: off
_SENTENCE_STARTERS = frozenset({
    "a", "an", "and", "as", "at", "after", "before", "breaking", "but", "by", "dr", "editor",
    "for", "from", "he", "her", "his", "i", "if", "in", "it", "its", "mr", "mrs", "ms", "note",
    "on", "or", "our", "photo", "she", "since", "sir", "that", "the", "their", "there", "these",
    "they", "this", "those", "update", "updated", "we", "when", "while", "you",
})
# fmt: on


@dataclass(frozen=True)
class Dateline:
    """A dateline found at the start of a text; offsets index that text."""

    place: str | None
    """The place verbatim, e.g. "Moscow, Russia" or "KHASAVYURT , Russia"."""
    date_text: str | None
    """The date as written, e.g. "December 9" or "1996-08-31"; None when absent."""
    end: int
    """Offset just past the separator (and its following spaces): where the story begins."""
    start: int = 0
    """Offset of the first character of the place."""


def parse_dateline(text: str, pos: int = 0) -> Dateline | None:
    """The news dateline at ``text[pos:]`` (after any blank lines), or None if there is none."""
    # Only the first few hundred characters can hold a dateline; bounding the match keeps a
    # pathological text (one 100 kB "word") from costing more than a normal one.
    start = _BLANK.match(text, pos).end()
    for pattern in (_OWN_LINE, _INLINE):
        m = pattern.match(text, start, start + _WINDOW)
        if m is not None and _plausible(m, text):
            date = m.groupdict().get("date") or m.groupdict().get("date2")
            return Dateline(m.group("place"), date, m.end(), m.start("place"))
    return None


def _plausible(m: re.Match[str], text: str) -> bool:
    place = m.group("place")
    if m.start("sep") - m.start("place") > MAX_PREFIX_CHARS:
        return False
    first = place.split()[0].rstrip(".,").casefold()
    if first in _SENTENCE_STARTERS and not place.casefold().startswith("the hague"):
        return False
    sep = m.group("sep")
    if sep == "\n":
        return True
    if sep.strip() == ":" and not (m.group("date") or "," in place or place.isupper()):
        return False  # "Warning: Graphic content" is a label, "LONDON: The ..." a dateline
    newline = text.find("\n", m.end(), m.end() + 200)
    rest_of_line = text[m.end() : newline if newline != -1 else m.end() + 200]
    if not rest_of_line.strip():
        return False  # "PLACE -" then nothing: a heading or a list item
    if rest_of_line[0].islower():
        return False  # "Russia - which ..." continues a sentence
    letters = [c for c in rest_of_line[:80] if c.isalpha()]
    shouting = len(letters) >= 3 and sum(c.isupper() for c in letters) > 0.8 * len(letters)
    return not shouting  # "SOCCER - JAPAN GET LUCKY WIN" is a headline, not a dateline
