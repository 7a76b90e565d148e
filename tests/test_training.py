"""The training recipe's own pieces: entity-swap augmentation and the mixed-corpus parser scorer."""

from __future__ import annotations

import random

import pytest
import spacy
from spacy.tokens import Doc
from spacy.training import Example

from training.augment import NamePools, is_latin, missing_runs, swap_entities, swapped_reference
from training.person_names import is_clean_name
from training.scoring import make_parser_scorer

POOLS = NamePools(
    people=((("Amara",), ("Okoro",)), (("Nguyen",), ("Thi",))),
    places=("Cumilla",),
)


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.blank("en")


def entity_doc(nlp, text: str, ents: list[tuple[str, str]]) -> Doc:
    doc = nlp.make_doc(text)
    spans = []
    for surface, label in ents:
        start = 0
        while (start := text.find(surface, start)) >= 0:
            spans.append(doc.char_span(start, start + len(surface), label=label))
            start += len(surface)
    doc.ents = spacy.util.filter_spans(spans)
    return doc


def test_swap_renames_people_and_places_with_consistent_surnames(nlp) -> None:
    text = "Hendrix sold . Jimi Hendrix of Reuters lived in London . Hendrix died ."
    doc = entity_doc(nlp, text, [("Jimi Hendrix", "PERSON"), ("Reuters", "ORG"), ("London", "LOC")])
    doc.ents = [*doc.ents, doc.char_span(0, 7, label="PERSON"), doc.char_span(57, 64, "PERSON")]
    swapped = swap_entities(doc, POOLS, random.Random(0), share=1.0)
    assert swapped is not None
    new_text, ents = swapped.text, swapped.ents
    surfaces = [(new_text[s:e], label) for s, e, label in ents]
    people = [s for s, label in surfaces if label == "PERSON"]
    full = next(p for p in people if " " in p)
    surname = full.split()[-1]
    assert people == [surname, full, surname]  # "Hendrix" follows "Jimi Hendrix"
    assert ("Reuters", "ORG") in surfaces  # organisations are never swapped
    assert ("Cumilla", "LOC") in surfaces
    assert new_text.endswith(" died .") and " sold . " in new_text


@pytest.mark.parametrize("share", [0.0])
def test_swap_returns_none_when_nothing_changes(nlp, share: float) -> None:
    doc = entity_doc(
        nlp, "Kofi Annan visited Accra .", [("Kofi Annan", "PERSON"), ("Accra", "LOC")]
    )
    assert swap_entities(doc, POOLS, random.Random(0), share=share) is None


def test_swap_keeps_capitals_of_headlines(nlp) -> None:
    doc = entity_doc(nlp, "LONDON 1996-08-22", [("LONDON", "LOC")])
    swapped = swap_entities(doc, POOLS, random.Random(0), share=1.0)
    assert swapped.text == "CUMILLA 1996-08-22"
    assert swapped.ents == [(0, 7, "LOC")]


def test_swap_keeps_unannotated_tokens_missing(nlp) -> None:
    # A set without MISC leaves "Syrian" unknown: the renamed copy must not make it "O".
    doc = nlp.make_doc("Syrian envoy Hadi al-Bahra met Lavrov in Moscow .")
    doc.set_ents(
        [doc.char_span(13, 26, "PERSON"), doc.char_span(41, 47, "LOC")],
        missing=[doc[0:1]],
        default="outside",
    )
    assert missing_runs(doc) == [(0, 6)]
    swapped = swap_entities(doc, POOLS, random.Random(0), share=1.0)
    assert swapped.missing == [(0, 6)]
    gold = swapped_reference(nlp, swapped)
    assert gold[0].text == "Syrian" and gold[0].ent_iob_ == ""
    assert gold[1].ent_iob_ == "O"  # "envoy" stays outside
    assert [(e.text, e.label_) for e in gold.ents] == [
        (swapped.text[s:e], label) for s, e, label in swapped.ents
    ]


def test_swap_draws_whole_names_from_the_corpus_pool(nlp) -> None:
    pools = NamePools(
        people=POOLS.people, places=POOLS.places, full_names=("Hadi al-Bahra",), full_name_share=1.0
    )
    doc = entity_doc(
        nlp, "Kofi Annan spoke . Annan left .", [("Kofi Annan", "PERSON"), ("Annan", "PERSON")]
    )
    swapped = swap_entities(doc, pools, random.Random(0), share=1.0)
    assert swapped.text == "Hadi al-Bahra spoke . al-Bahra left ."


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("Hadi al-Bahra", True),
        ("Abu Bakr al-Baghdadi", True),
        ("Madonna", False),  # one word: no surname to keep consistent
        ("the Prophet Mohammed", False),
        ("Bill Clinton 's", False),
        ("Louis XIV", True),
        ("蔡 建平", False),
        ("A B C D E", False),
    ],
)
def test_is_clean_name(name: str, clean: bool) -> None:
    assert is_clean_name(name) is clean


@pytest.mark.parametrize(
    ("text", "latin"), [("Okechukwu", True), ("Nguyễn", True), ("Ryazan’", True), ("蔡建平", False)]
)
def test_is_latin(text: str, latin: bool) -> None:
    assert is_latin(text) is latin


def test_parser_scorer_ignores_documents_without_a_parse(nlp) -> None:
    words = ["She", "left", "early", "."]
    parsed = Doc(
        nlp.vocab, words=words, heads=[1, 1, 1, 1], deps=["nsubj", "ROOT", "advmod", "punct"]
    )
    predicted = Doc(
        nlp.vocab, words=words, heads=[1, 1, 1, 1], deps=["nsubj", "ROOT", "advmod", "punct"]
    )
    entities_only = Doc(nlp.vocab, words=["Kofi", "Annan", "spoke", "at", "length", "."],
                        ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O"])  # fmt: skip
    examples = [
        Example(nlp.make_doc(entities_only.text), entities_only),
        Example(predicted, parsed),
    ]
    scores = make_parser_scorer()(examples)
    assert scores["dep_uas"] == 1.0
    assert scores["dep_las"] == 1.0


@pytest.mark.parametrize(
    ("entry", "whole"),
    [
        ("netflix", True),
        ("kabul", True),
        ("##ab", False),
        ("[unused3]", False),
        ("a", False),
        ("1990", False),
        ("é", False),
        ("zürich", True),
    ],
)
def test_minilm_whole_words_are_letters_only(entry: str, whole: bool) -> None:
    from training.minilm_vectors import WHOLE_WORD

    assert bool(WHOLE_WORD.fullmatch(entry)) is whole


def test_model_sources_follow_the_training_files() -> None:
    from training.assemble import MINILM, description, sources

    listed = sources(("ewt-train", "gum-train", "conll-train", "uner-train-nomisc", "gmb-train"))
    names = [entry["name"] for entry in listed]
    assert names[0] == "UD English-EWT" and names[-1] == MINILM["name"]
    assert sum(n == "UNER English-EWT" for n in names) == 1
    assert any("Groningen" in n for n in names) and not any("PUD" in n for n in names)
    text = description(("ewt-train", "gum-train", "conll-train"))
    assert "UD English-EWT and UD English-GUM" in text and "CoNLL++" in text
