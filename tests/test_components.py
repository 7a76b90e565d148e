"""newsextract's post-NER components, on hand-made docs (no model needed)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from newsextract.nlp.components import (
    drop_common_word_entities,
    drop_possessive_endings,
    extend_over_hyphens,
    join_double_surnames,
    lowercase_words,
    trim_hyphen_words,
    trim_organisation_products,
    trim_person_titles,
    trim_portfolio_titles,
)

NLP = spacy.blank("en")
# Ordinary lower-case words, as in the shipped list (newsextract/data/lowercase_words.txt).
WORDS = frozenset({"mediated", "backed", "well", "known", "then"})


def with_ents(text: str, ents: list[tuple[str, str]]) -> Doc:
    """A doc whose entities are the first occurrences of the given (text, label) pairs."""
    doc = NLP(text)
    spans = []
    for surface, label in ents:
        start = text.index(surface)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
    doc.ents = spans
    return doc


def texts(doc: Doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize(
    ("text", "predicted", "expected"),
    [
        (
            "Jean-Paul Laurens painted.",
            [("Paul Laurens", "PERSON")],
            [("Jean-Paul Laurens", "PERSON")],
        ),
        (
            "In Sub-Saharan Africa today.",
            [("Saharan Africa", "LOC")],
            [("Sub-Saharan Africa", "LOC")],
        ),
        ("Tsai Eng-meng spoke.", [("Tsai Eng", "PERSON")], [("Tsai Eng-meng", "PERSON")]),
        ("Khamis Al-Ghafri said.", [("Ghafri", "PERSON")], [("Al-Ghafri", "PERSON")]),
        (
            "The Russia-Ukraine war.",
            [("Russia", "LOC"), ("Ukraine", "LOC")],
            [("Russia", "LOC"), ("Ukraine", "LOC")],
        ),
        ("Bashar al-Assad fled.", [("Bashar al-Assad", "PERSON")], [("Bashar al-Assad", "PERSON")]),
        ("A well - known Smith.", [("Smith", "PERSON")], [("Smith", "PERSON")]),
        ("UN-mediated talks.", [("UN", "ORG")], [("UN", "ORG")]),
        ("The US-backed forces.", [("US", "GPE")], [("US", "GPE")]),
        ("A pro-Assad rally.", [("Assad", "PERSON")], [("Assad", "PERSON")]),
    ],
)
def test_entities_grow_to_whole_hyphenated_words(text, predicted, expected) -> None:
    assert texts(extend_over_hyphens(with_ents(text, predicted), WORDS)) == expected


@pytest.mark.parametrize(
    ("text", "predicted", "expected"),
    [
        ("The Ministry’s view.", [("Ministry’s", "ORG")], [("Ministry", "ORG")]),
        ("Assad's fall.", [("Assad's", "PERSON")], [("Assad", "PERSON")]),
        ("Bashar al-Assad fled.", [("Bashar al-Assad", "PERSON")], [("Bashar al-Assad", "PERSON")]),
    ],
)
def test_mentions_end_before_a_possessive(text, predicted, expected) -> None:
    assert texts(drop_possessive_endings(with_ents(text, predicted))) == expected


@pytest.mark.parametrize(
    ("text", "predicted", "expected"),
    [
        ("UN-mediated talks.", [("UN-mediated", "ORG")], [("UN", "ORG")]),
        ("US-backed forces.", [("US-backed", "GPE")], [("US", "GPE")]),
        ("Tsai Eng-meng spoke.", [("Tsai Eng-meng", "PERSON")], [("Tsai Eng-meng", "PERSON")]),
    ],
)
def test_ordinary_hyphenated_words_are_cut_off(text, predicted, expected) -> None:
    assert texts(trim_hyphen_words(with_ents(text, predicted), WORDS)) == expected


@pytest.mark.parametrize(
    ("text", "predicted", "expected"),
    [
        (
            "Guided by UN Security Council Resolution 2254.",
            [("UN Security Council Resolution", "ORG")],
            [("UN Security Council", "ORG")],
        ),
        ("The Acme Report said.", [("Acme Report", "ORG")], [("Acme Report", "ORG")]),
    ],
)
def test_organisation_products_end_at_the_organisation(text, predicted, expected) -> None:
    assert texts(trim_organisation_products(with_ents(text, predicted))) == expected


@pytest.mark.parametrize(
    ("text", "predicted", "expected"),
    [
        ("Ms Keenan said.", [("Ms Keenan", "PERSON")], [("Keenan", "PERSON")]),
        ("Mr. Lowe said.", [("Mr. Lowe", "PERSON")], [("Lowe", "PERSON")]),
        ("President Bashar al-Assad fled.", [("President Bashar al-Assad", "PERSON")],
         [("Bashar al-Assad", "PERSON")]),
        ("Prince Harry spoke.", [("Prince Harry", "PERSON")], [("Prince Harry", "PERSON")]),
        ("President spoke.", [("President", "PERSON")], [("President", "PERSON")]),
        ("Mr Smith Ltd said.", [("Mr Smith Ltd", "ORG")], [("Mr Smith Ltd", "ORG")]),
    ],
)  # fmt: skip
def test_person_mentions_start_after_titles(text, predicted, expected) -> None:
    assert texts(trim_person_titles(with_ents(text, predicted))) == expected


def test_span_cut_at_a_hyphen_grows_to_the_word() -> None:
    doc = NLP("Madam Brew-Hammond spoke.")
    doc.ents = [Span(doc, 0, 3, label="PERSON")]  # "Madam Brew-"
    assert texts(extend_over_hyphens(doc)) == [("Madam Brew-Hammond", "PERSON")]


def test_entity_never_ends_on_a_free_standing_dash() -> None:
    doc = NLP("They met Smith - then left.")
    doc.ents = [Span(doc, 2, 4, label="PERSON")]  # "Smith -"
    assert texts(extend_over_hyphens(doc)) == [("Smith", "PERSON")]


@pytest.mark.parametrize(
    ("text", "predicted", "expected"),
    [
        (
            "Furthermore, Kenya agreed.",
            [("Furthermore", "LOC"), ("Kenya", "LOC")],
            [("Kenya", "LOC")],
        ),
        ("Adviser Jane Doe spoke.", [("Adviser", "PERSON")], []),
        ("Kamiti Prison is old.", [("Kamiti Prison", "LOC")], [("Kamiti Prison", "LOC")]),
        ("UP police said.", [("UP", "LOC")], [("UP", "LOC")]),
    ],
)
def test_one_word_common_words_are_not_entities(text, predicted, expected) -> None:
    words = frozenset({"furthermore", "adviser", "prison", "up"})
    assert texts(drop_common_word_entities(with_ents(text, predicted), words)) == expected


def test_shipped_word_list_holds_common_words_not_names() -> None:
    words = lowercase_words()
    assert {"said", "adviser", "government"} <= words
    assert not {"kenya", "assad", "moscow", "reuters"} & words


@pytest.mark.parametrize(
    ("text", "predicted", "expected"),
    [
        (
            "Justice Raquel Montoya-Lewis wrote the opinion.",
            [("Raquel Montoya", "PERSON"), ("Lewis", "PERSON")],
            [("Raquel Montoya-Lewis", "PERSON")],
        ),
        (
            "led by Minister Kalpana Koonjoo-Shah and Teena Jugessur",
            [("Kalpana Koonjoo", "PERSON"), ("Shah", "PERSON"), ("Teena Jugessur", "PERSON")],
            [("Kalpana Koonjoo-Shah", "PERSON"), ("Teena Jugessur", "PERSON")],
        ),
        # pairs of people, and a spaced dash, stay apart
        (
            "the Biden-Harris ticket",
            [("Biden", "PERSON"), ("Harris", "PERSON")],
            [("Biden", "PERSON"), ("Harris", "PERSON")],
        ),
        (
            "a Vladimir Putin-Xi Jinping summit",
            [("Vladimir Putin", "PERSON"), ("Xi Jinping", "PERSON")],
            [("Vladimir Putin", "PERSON"), ("Xi Jinping", "PERSON")],
        ),
        (
            "said Raquel Montoya - Lewis added",
            [("Raquel Montoya", "PERSON"), ("Lewis", "PERSON")],
            [("Raquel Montoya", "PERSON"), ("Lewis", "PERSON")],
        ),
        (
            "the Bosnia Herzegovina-Serbia border",
            [("Bosnia Herzegovina", "GPE"), ("Serbia", "GPE")],
            [("Bosnia Herzegovina", "GPE"), ("Serbia", "GPE")],
        ),
    ],
)
def test_a_double_barrelled_surname_split_at_its_hyphen_is_one_person(
    text, predicted, expected
) -> None:
    assert texts(join_double_surnames(with_ents(text, predicted))) == expected


@pytest.mark.parametrize(
    ("text", "predicted", "expected"),
    [
        (
            "U.S. Secretary of State Antony Blinken arrived.",
            [("State Antony Blinken", "ORG")],
            [("Antony Blinken", "PERSON")],
        ),
        (
            "Minister of Foreign Affairs Sergei Lavrov said.",
            [("Foreign Affairs Sergei Lavrov", "ORG")],
            [("Sergei Lavrov", "PERSON")],
        ),
        (
            "Then Secretary of Defense Lloyd Austin spoke.",
            [("Secretary of Defense Lloyd Austin", "PERSON")],
            [("Lloyd Austin", "PERSON")],
        ),
        # not a title's portfolio, or nothing that looks like a name after it
        ("He met the Secretary of State.", [("State", "LOC")], [("State", "LOC")]),
        (
            "The Governor of New York State spoke.",
            [("New York State", "LOC")],
            [("New York State", "LOC")],
        ),
        (
            "The Ministry of Health Services said.",
            [("Health Services", "ORG")],
            [("Health Services", "ORG")],
        ),
        ("The Bank of State Street said.", [("State Street", "ORG")], [("State Street", "ORG")]),
    ],
)
def test_a_title_portfolio_is_cut_off_the_name_after_it(text, predicted, expected) -> None:
    assert texts(trim_portfolio_titles(with_ents(text, predicted))) == expected
