"""Rule events weighed by the sentence type classifier (newsextract.events.beliefs), with given
classifier outputs on real parses, and the shipped classifier on short real-looking sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsextract.events.beliefs import Thresholds, believed_events, main_verb, root_type
from newsextract.events.table import article_events
from newsextract.events.triggers import find_events
from newsextract.events.type_model import (
    EVENT_MODEL_ENV,
    SentenceType,
    load_type_model,
    sentence_types,
)
from newsextract.nlp.model_meta import SHIPPED_MODEL
from newsextract.nlp.pipeline import paragraph_sentence, paragraph_sentences


@pytest.fixture(scope="module")
def nlp():
    from newsextract.nlp.pipeline import load_pipeline

    return load_pipeline()


def believed(nlp, text: str, scores: dict[str, float]):
    doc = nlp(text)
    sentences = paragraph_sentences(doc)
    types = [SentenceType(scores) for _ in sentences]
    return believed_events(doc, find_events(doc), sentences, types, Thresholds())


def test_a_sentence_without_an_event_keeps_none_of_the_rules_events(nlp) -> None:
    text = "Russia condemned the attack on the embassy."
    assert [e.definition.event_type for e in find_events(nlp(text))]  # the rules code it
    assert believed(nlp, text, {"NONE": 0.85, "ACCUSE": 0.1}) == []


def test_a_rule_event_of_the_believed_type_keeps_its_trigger_and_gets_the_belief(nlp) -> None:
    out = believed(nlp, "Russia condemned the attack on the embassy.", {"ACCUSE": 0.8, "NONE": 0.1})
    assert [(b.mention.trigger.text, b.mention.definition.event_type) for b in out] == [
        ("condemned", "ACCUSE")
    ]
    assert out[0].belief == 0.8
    assert [s.text for s in out[0].mention.sources] == ["Russia"]


def test_a_sure_type_that_no_rule_event_has_retypes_the_main_one(nlp) -> None:
    text = "Police arrested dozens of protesters in Nairobi on Monday."
    rules = {e.definition.event_type for e in find_events(nlp(text))}
    assert rules and "ASSAULT" not in rules
    out = believed(nlp, text, {"ASSAULT": 0.95, "COERCE": 0.03})
    assert [(b.mention.trigger.text, b.mention.definition.event_type) for b in out] == [
        ("arrested", "ASSAULT")
    ]
    assert [s.text for s in out[0].mention.sources] == ["Police"]


def test_an_unsure_type_leaves_the_rule_type(nlp) -> None:
    out = believed(nlp, "Police arrested dozens of protesters.", {"ASSAULT": 0.4, "COERCE": 0.35})
    assert [b.mention.definition.event_type for b in out] == ["COERCE"]
    assert out[0].belief == 0.35


@pytest.mark.parametrize(
    ("text", "trigger", "source"),
    [
        ("Ethiopian jets pummelled Tigrayan positions overnight.", "pummelled", "Ethiopian jets"),
        # through a verb that only reports what happened
        ("Officials said Ethiopian jets pummelled the town.", "pummelled", "Ethiopian jets"),
    ],
)
def test_a_sure_type_fills_a_sentence_the_rules_missed(nlp, text, trigger, source) -> None:
    assert not find_events(nlp(text))
    out = believed(nlp, text, {"ASSAULT": 0.9})
    assert [(b.mention.trigger.text, b.mention.definition.event_type) for b in out] == [
        (trigger, "ASSAULT")
    ]
    assert [s.text for s in out[0].mention.sources] == [source]


@pytest.mark.parametrize(
    "text",
    [
        "Pummelled overnight, the town burned.",  # no subject
        "Shelling of the town continued overnight.",  # a subject that is not an actor
    ],
)
def test_no_event_is_filled_without_an_actor_as_subject(nlp, text: str) -> None:
    assert believed(nlp, text, {"ASSAULT": 0.9}) == []


def test_no_event_is_filled_below_the_threshold(nlp) -> None:
    assert believed(nlp, "Ethiopian jets pummelled the town.", {"ASSAULT": 0.45, "NONE": 0.3}) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Troops withdrew from the town.", "RETREAT"), ("The junta freed 40 prisoners.", "CONCEDE")],
)
def test_the_draft_root_yield_is_split_by_the_verb(nlp, text: str, expected: str) -> None:
    verb = main_verb(nlp(text)[:])
    assert root_type("YIELD", verb) == expected
    assert root_type("AID", verb) == "AID"


def test_paragraph_sentences_are_the_sentences_paragraph_sentence_gives(nlp) -> None:
    doc = nlp("Talks resumed in Doha. Hamas agreed.\nIsrael Withdraws\nTroops left Gaza on Monday.")
    sentences = paragraph_sentences(doc)
    for sentence in sentences:
        for token in sentence:
            assert paragraph_sentence(token) == sentence
    assert all("\n" not in s.text for s in sentences)
    assert sum(len(s) for s in sentences) == sum(1 for t in doc if "\n" not in t.text)


@pytest.fixture(scope="module")
def small_type_model(tmp_path_factory):
    """A classifier trained here, on the corpus's ASSAULT, AGREE and statement sentences."""
    from training import event_types as et

    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "events"
    if not corpus.is_dir():
        pytest.skip("../shared/corpora/events missing")
    data = [s for s in et.read_sentences(corpus) if s.label in ("ASSAULT", "AGREE", "NONE")]
    model = et.train(data, ["AGREE", "ASSAULT", "NONE"], vectors=str(SHIPPED_MODEL))
    folder = tmp_path_factory.mktemp("types") / "model"
    et.save(model, folder, {"accuracy": 0.0}, None)
    return folder


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Syrian government troops shelled rebel positions near Aleppo on Sunday.", "ASSAULT"),
        ("Israel and Hamas agreed to a ceasefire on Sunday.", "AGREE"),
        ("The minister said the economy grew by 3 percent last year.", "NONE"),
    ],
)
def test_a_trained_classifier_codes_article_events(
    nlp, small_type_model, monkeypatch, sentence: str, expected: str
) -> None:
    monkeypatch.setenv(EVENT_MODEL_ENV, str(small_type_model))
    model = load_type_model()
    (kind,) = sentence_types(model, [nlp(sentence)[:]])
    assert kind.best[0] == expected
    rows = article_events(nlp(sentence), "a", "b", "m", [], [], None, {}, type_model=model)
    if expected == "NONE":
        assert rows == []
        return
    assert rows and rows[0]["event_type"] == expected
    assert rows[0]["confidence"] == pytest.approx(kind.best[1], abs=0.1)


def test_an_event_model_folder_named_but_empty_is_an_error(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(EVENT_MODEL_ENV, str(tmp_path))
    with pytest.raises(FileNotFoundError, match="no event type model"):
        load_type_model()
