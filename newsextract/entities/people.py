"""What an article says of a person in the words just before a mention, and the country they name.

"former Syrian President Bashar al-Assad", "Russian opposition leader Alexei Navalny", "Syria's
Assad", "U.S. Secretary of State Antony Blinken": the person's name is kept without those words
(:func:`newsextract.entities.canonical.clean_name`), but they still say whose person it is. The
entity row takes the country they name; event coding reads the same words for the person's
sector (:mod:`newsextract.events.actors`).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from newsextract.lexicons.gazetteer import gazetteer

PROFILE_WINDOW = 5
"""Words before a name that can describe the person."""
# Where a description ends, reading back from the name: "met Syrian President Assad" stops at
# "met", "the Syrian President" at "the", "in Damascus, President Assad" at the comma.
STOPPING_PARTS_OF_SPEECH = frozenset({"VERB", "AUX", "ADP", "DET"})


def describing_words(doc: Doc, span: Span, *, through: Iterable[str] = ()) -> Span:
    """The words just before ``span`` that can describe it: at most :data:`PROFILE_WINDOW`,
    not past punctuation, a verb, a preposition or a determiner, except the words in
    ``through`` ("of" in "Secretary of State")."""
    passable = frozenset(through)
    start = span.start
    words = 0
    while start > 0 and words < PROFILE_WINDOW:
        token = doc[start - 1]
        if _joins_a_word(token):
            start -= 1  # "Secretary-General", "Vice-President": one word of the title
            continue
        if token.is_punct or token.is_space:
            break
        if token.pos_ in STOPPING_PARTS_OF_SPEECH and token.lower_ not in passable:
            break
        start -= 1
        words += 1
    # A description does not start with the word it passed through ("of Syria's Assad").
    while start < span.start and doc[start].lower_ in passable:
        start += 1
    return doc[start : span.start]


def _joins_a_word(token: Token) -> bool:
    """A hyphen written inside a word, between two words of it."""
    doc = token.doc
    return (
        token.text == "-"
        and 0 < token.i < len(doc) - 1
        and not token.whitespace_
        and not doc[token.i - 1].whitespace_
        and doc[token.i - 1].is_alpha
        and doc[token.i + 1].is_alpha
    )


def person_country(doc: Doc, mentions: Iterable[Span], name: str) -> str | None:
    """The country named by the words describing any mention of a person, the first mention
    that has one; ``name`` is the person's canonical name, whatever a mention holds besides it
    ("Syrian President Bashar al-Assad" as one mention) describes the person too. The name
    itself never counts: "Michael Jordan" is no Jordanian."""
    gaz = gazetteer()
    for mention in mentions:
        before = describing_words(doc, mention, through=("of",)).text
        own = mention.text.find(name)
        if own > 0:
            before = f"{before} {mention.text[:own]}"
        country = gaz.country_named_in(before) if before.strip() else None
        if country is not None:
            return country
    return None
