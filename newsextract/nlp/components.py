"""Small spaCy components that newsextract adds after any pipeline's NER.

They encode conventions of the tables, not of one model, so
:func:`newsextract.nlp.pipeline.load_pipeline` appends them to the shipped pipeline and to any
other configured one alike.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsextract.lexicons import DATA_DIR

ENTITY_BOUNDARIES = "newsextract_entity_boundaries"
COMMON_WORD_FILTER = "newsextract_common_word_filter"
LOWERCASE_WORDS = DATA_DIR / "lowercase_words.txt"
# Short all-capital tokens are acronyms ("UP" for Uttar Pradesh), not shouted common words.
ACRONYM_MAX_CHARS = 5
PERSON_LABELS = frozenset({"PERSON", "PER"})  # the shipped model's, and CoNLL-trained ones'


# Lower-case word parts that attach to a name without being part of it: "pro-Assad",
# "ex-Soviet", besides the ordinary words of LOWERCASE_WORDS ("UN-mediated", "US-backed").
HYPHEN_AFFIXES = frozenset({"pro", "anti", "ex", "non", "post", "pre", "neo", "pan", "mid"})


def _joined_by_hyphen(doc: Doc, left: int, right: int) -> bool:
    """Tokens ``left`` and ``right`` (adjacent) form one written word with a hyphen between."""
    a, b = doc[left], doc[right]
    return not a.whitespace_ and (a.text == "-" or b.text == "-" or a.text.endswith("-"))


def _name_part(text: str, words: frozenset[str]) -> bool:
    """Whether a hyphen-joined piece belongs to a name: "Paul", "al", "meng", but not "backed"."""
    piece = text.strip("-")
    if not piece.islower() or piece in HYPHEN_AFFIXES:
        return not piece.islower()
    # Two-letter particles are name parts ("Ata-ur-Rehman", "al-Assad"), whatever the list says.
    return len(piece) < 3 or piece not in words


def extend_over_hyphens(doc: Doc, words: frozenset[str] | None = None) -> Doc:
    """Grow entity spans to whole hyphenated words: "Jean-Paul Laurens", "Sub-Saharan Africa".

    spaCy splits "Jean-Paul" into three tokens, so a span can start or end inside a written
    word. A mention is a run of written words, so a boundary inside one is moved to the word's
    edge — unless that would swallow a neighbouring entity ("Russia-Ukraine" stays two) or the
    piece is an ordinary word or affix ("UN-mediated", "pro-Assad" keep "UN" and "Assad").
    """
    if not doc.ents:
        return doc
    words = lowercase_words() if words is None else words
    taken = [False] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            taken[i] = True
    spans = []
    for ent in doc.ents:
        start, end = ent.start, ent.end
        while start > 0 and not taken[start - 1] and _joined_by_hyphen(doc, start - 1, start):
            if doc[start - 1].text != "-" and not _name_part(doc[start - 1].text, words):
                break
            start -= 1
        while end < len(doc) and not taken[end] and _joined_by_hyphen(doc, end - 1, end):
            if doc[end].text != "-" and not _name_part(doc[end].text, words):
                break
            end += 1
        # Never begin or end a mention on the hyphen itself.
        while start < end and doc[start].text == "-":
            start += 1
        while end > start and doc[end - 1].text == "-":
            end -= 1
        if (start, end) != (ent.start, ent.end):
            for i in range(start, end):
                taken[i] = True
        spans.append(Span(doc, start, end, label=ent.label) if end > start else ent)
    doc.ents = spans
    return doc


def join_double_surnames(doc: Doc) -> Doc:
    """One person for a double-barrelled surname the model split at its hyphen: "Raquel
    Montoya" + "Lewis" → "Raquel Montoya-Lewis".

    Only a full name (two words or more) followed by one capitalised word, with a hyphen and no
    space on either side: "Biden-Harris" and "Trump-Kim" stay two people, since a surname
    alone before the hyphen is how news writes pairs ("the Biden-Harris ticket").
    """
    ents = list(doc.ents)
    joined, i, changed = [], 0, False
    while i < len(ents):
        left = ents[i]
        right = ents[i + 1] if i + 1 < len(ents) else None
        if (
            right is not None
            and left.label_ in PERSON_LABELS
            and right.label_ == left.label_
            and len(left) >= 2
            and len(right) == 1
            and right.start == left.end + 1
            and doc[left.end].text == "-"
            and not doc[left.end - 1].whitespace_
            and not doc[left.end].whitespace_
            and right[0].text[:1].isupper()
        ):
            joined.append(Span(doc, left.start, right.end, label=left.label))
            i, changed = i + 2, True
            continue
        joined.append(left)
        i += 1
    if changed:
        doc.ents = joined
    return doc


def _reshape(doc: Doc, bounds: Callable[[Span], tuple[int, int, str]]) -> Doc:
    """Give every entity the (start, end, label) ``bounds`` returns for it; the entities are
    set again only if one of them changed."""
    spans, changed = [], False
    for ent in doc.ents:
        start, end, label = bounds(ent)
        if (start, end, label) == (ent.start, ent.end, ent.label_):
            spans.append(ent)
        else:
            spans.append(Span(doc, start, end, label=label))
            changed = True
    if changed:
        doc.ents = spans
    return doc


POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’"})


def drop_possessive_endings(doc: Doc) -> Doc:
    """End mentions before a possessive: "the Ministry’s" names "Ministry"."""

    def bounds(ent: Span) -> tuple[int, int, str]:
        end = ent.end
        while end - 1 > ent.start and doc[end - 1].text in POSSESSIVE_TOKENS:
            end -= 1
        return ent.start, end, ent.label_

    return _reshape(doc, bounds)


# Words that follow an organisation's name to name something of it: "UN Security Council
# Resolution 2254" is a resolution, and the mention is the Council.
ORGANISATION_PRODUCTS = frozenset(
    {"resolution", "resolutions", "charter", "summit", "session", "report", "declaration"}
)


def trim_hyphen_words(doc: Doc, words: frozenset[str] | None = None) -> Doc:
    """Cut an ordinary word joined by a hyphen off a mention's end: "UN-mediated" → "UN"."""
    words = lowercase_words() if words is None else words

    def bounds(ent: Span) -> tuple[int, int, str]:
        end = ent.end
        while (
            end - ent.start >= 3
            and doc[end - 2].text == "-"
            and not doc[end - 3].whitespace_
            and not doc[end - 2].whitespace_
            and not _name_part(doc[end - 1].text, words)
        ):
            end -= 2
        return ent.start, end, ent.label_

    return _reshape(doc, bounds)


def trim_organisation_products(doc: Doc) -> Doc:
    """End an organisation mention at a known organisation's name when a word for one of its
    products follows: "UN Security Council Resolution" → "UN Security Council"."""
    from newsextract.lexicons.organisations import known_organisation

    def bounds(ent: Span) -> tuple[int, int, str]:
        if (
            ent.label_ in ("ORG", "MISC")
            and len(ent) > 1
            and ent[-1].lower_ in ORGANISATION_PRODUCTS
            and known_organisation(doc[ent.start : ent.end - 1].text) is not None
        ):
            return ent.start, ent.end - 1, "ORG"
        return ent.start, ent.end, ent.label_

    return _reshape(doc, bounds)


# Titles that name a role, not a person: left out of a PERSON mention ("Ms Keenan" → "Keenan",
# "President Bashar al-Assad" → "Bashar al-Assad"), as news NER corpora annotate. Royal and
# religious styles stay: "Prince Harry", "Sheikh Hasina" are how those people are named.
KEPT_STYLES = frozenset(
    {"king", "queen", "prince", "princess", "crown", "pope", "sir", "dame", "lord", "lady",
     "cardinal", "archbishop", "bishop", "imam", "ayatollah", "rabbi", "pastor", "father",
     "rev", "reverend"}
)  # fmt: skip


def trim_person_titles(doc: Doc) -> Doc:
    """Start a PERSON mention after leading titles and honorifics."""
    from newsextract.lexicons.titles import TITLES

    def bounds(ent: Span) -> tuple[int, int, str]:
        start = ent.start
        if ent.label_ in PERSON_LABELS:
            while start < ent.end - 1:
                word = doc[start].lower_.rstrip(".")
                if doc[start].text == "." or (word in TITLES and word not in KEPT_STYLES):
                    start += 1
                else:
                    break
        return start, ent.end, ent.label_

    return _reshape(doc, bounds)


# Portfolios in titles of the form "<title> of <portfolio> <name>": "Secretary of State Antony
# Blinken", "Minister of Foreign Affairs Sergei Lavrov". A model reads the portfolio and the name
# as one organisation ("State Antony Blinken").
PORTFOLIOS = tuple(
    tuple(words.split())
    for words in (
        "state", "defense", "defence", "commerce", "labor", "labour", "energy", "treasury",
        "agriculture", "education", "health", "transportation", "transport", "justice",
        "interior", "finance", "trade", "homeland security", "veterans affairs",
        "foreign affairs", "home affairs", "internal affairs", "economy", "housing",
        "information", "culture", "tourism", "environment", "foreign trade",
    )
)  # fmt: skip


def trim_portfolio_titles(doc: Doc) -> Doc:
    """Cut a title's portfolio off the name that follows it: "Secretary of [State Antony
    Blinken]" → "Antony Blinken", a person; also when the whole title is in the mention."""
    from newsextract.lexicons.titles import TITLES

    def bounds(ent: Span) -> tuple[int, int, str]:
        start = ent.start
        if start + 2 < ent.end and doc[start].lower_ in TITLES and doc[start + 1].lower_ == "of":
            start += 2  # "[Secretary of State Antony Blinken]"
        elif not (start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in TITLES):
            return ent.start, ent.end, ent.label_
        words = tuple(t.lower_ for t in doc[start : ent.end])
        for portfolio in PORTFOLIOS:
            name = doc[start + len(portfolio) : ent.end]
            if (
                words[: len(portfolio)] == portfolio
                and len(name) >= 2
                and all(t.is_title for t in name)
            ):
                return name.start, name.end, "PERSON"
        return ent.start, ent.end, ent.label_

    return _reshape(doc, bounds)


@Language.component(ENTITY_BOUNDARIES)
def entity_boundaries(doc: Doc) -> Doc:
    doc = join_double_surnames(trim_hyphen_words(extend_over_hyphens(doc)))
    doc = trim_portfolio_titles(drop_possessive_endings(doc))
    return trim_organisation_products(trim_person_titles(doc))


@lru_cache(maxsize=1)
def lowercase_words() -> frozenset[str]:
    """Words news text writes in lower case (built by ``training/common_words.py``)."""
    return frozenset(LOWERCASE_WORDS.read_text(encoding="utf-8").split())


def drop_common_word_entities(doc: Doc, words: frozenset[str] | None = None) -> Doc:
    """Drop one-word entities that are ordinary lower-case words capitalised by position.

    "Furthermore", "Adviser" or "Prison" at the start of a sentence are not names; a word that
    news text otherwise writes in lower case is not a name on its own. Multi-word mentions and
    short all-capital acronyms are kept.
    """
    words = lowercase_words() if words is None else words
    kept = [
        ent
        for ent in doc.ents
        if len(ent) != 1
        or ent.text.lower() not in words
        or (ent.text.isupper() and len(ent.text) <= ACRONYM_MAX_CHARS)
    ]
    if len(kept) != len(doc.ents):
        doc.ents = kept
    return doc


@Language.component(COMMON_WORD_FILTER)
def common_word_filter(doc: Doc) -> Doc:
    return drop_common_word_entities(doc)
