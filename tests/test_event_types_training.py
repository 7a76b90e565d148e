"""The event type classifier's recipe: folds, the cross-validation report, a real small training."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import spacy

from newsextract.nlp.model_meta import SHIPPED_MODEL
from training import event_types as et

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "events"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpora/events missing")


def sentences(labels: str) -> list[et.Sentence]:
    return [et.Sentence(f"sentence {i}", label) for i, label in enumerate(labels.split())]


def test_folds_partition_every_sentence_and_spread_each_class() -> None:
    data = sentences("A A A A A B B B B B C C C NONE NONE")
    folds = et.stratified_folds(data, k=5, seed=0)
    assert sorted(i for fold in folds for i in fold) == list(range(len(data)))
    for fold in folds:
        assert Counter(data[i].label for i in fold)["A"] <= 1  # 5 As over 5 folds: one each
    assert et.stratified_folds(data, 5, 0) == folds  # seeded


def test_report_scores_types_statements_and_calibration() -> None:
    predictions = [
        ("ACCUSE", "ACCUSE", 0.95),
        ("ACCUSE", "REJECT", 0.55),
        ("REJECT", "REJECT", 0.85),
        ("NONE", "NONE", 0.75),
        ("NONE", "ACCUSE", 0.45),
    ]
    out = et.report(predictions, bins=10)
    assert out["accuracy"] == 0.6
    assert out["event_sentence_accuracy"] == pytest.approx(2 / 3, abs=0.001)
    assert out["statements_given_a_type"] == 0.5
    assert out["per_type"]["ACCUSE"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    # REJECT: P 1/2, R 1 → F1 0.667; macro over ACCUSE and REJECT only (NONE is not a type)
    assert out["macro_f1_types"] == pytest.approx((0.5 + 0.667) / 2, abs=0.001)
    assert out["confusion"] == {"ACCUSE->REJECT": 1, "NONE->ACCUSE": 1}
    assert [b["n"] for b in out["calibration"]] == [1, 1, 1, 1, 1]
    # every bin holds one prediction: ECE is the mean |confidence - right|
    assert out["expected_calibration_error"] == pytest.approx(
        (0.05 + 0.55 + 0.15 + 0.25 + 0.45) / 5, abs=0.001
    )


@needs_corpus
def test_corpus_reads_typed_sentences_and_statements() -> None:
    data = et.read_sentences(CORPUS)
    counts = Counter(s.label for s in data)
    assert counts["NONE"] == 202 and sum(counts.values()) == 1744 + 202  # 90 appeals left out
    assert "YIELD" in counts and "RETREAT" not in counts


@pytest.mark.parametrize(
    ("text", "appeal"),
    [
        ("Kenyan President Daniel Arap Moi on Monday urged Uganda to repatriate criminals.", True),
        ("Turkey renewed an appeal to Belgium to extradite a militant.", True),
        ("The opposition called on the government to resign.", True),
        ("The European Union said it hoped the lifting of martial law would help.", False),
        ("The ministry expressed concern about the situation.", False),
    ],
)
def test_appeals_are_told_from_statements(text: str, appeal: bool) -> None:
    assert et.is_appeal(text) is appeal


@needs_corpus
def test_a_small_training_learns_and_round_trips(tmp_path: Path) -> None:
    data = et.read_sentences(CORPUS)
    small = [s for s in data if s.label in ("ASSAULT", "AGREE", "NONE")][:300]
    labels = sorted({s.label for s in small})
    nlp = et.train(small, labels, vectors=str(SHIPPED_MODEL))
    texts = [s.text for s in small]
    predicted = [max(c, key=c.get) for c in et.predict(nlp, texts)]
    # It fits what it was trained on (a model that learned nothing guesses the commonest class).
    assert sum(p == s.label for p, s in zip(predicted, small, strict=True)) / len(small) > 0.8
    et.save(nlp, tmp_path / "model", {"accuracy": 0.0}, None)
    loaded = spacy.load(tmp_path / "model")
    assert loaded.meta["name"] == et.NAME and set(loaded.get_pipe("textcat").labels) == set(labels)
    assert loaded(texts[0]).cats == pytest.approx(nlp(texts[0]).cats, abs=1e-5)


def test_main_writes_report_predictions_and_model_into_new_folders(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = [("Troops shelled the town.", "ASSAULT"), ("Leaders signed a deal.", "AGREE")] * 5
    with (corpus / "plover_sentences.jsonl").open("w") as out:
        for text, label in rows:
            out.write(json.dumps({"text": text, "plover_type": label}) + "\n")
    with (corpus / "penta_sentences.jsonl").open("w") as out:
        for _ in range(5):
            out.write(json.dumps({"text": "He said it was fine.", "penta": "statement"}) + "\n")
    build = tmp_path / "build" / "events_model"  # none of it exists yet
    et.main(
        [
            "--corpus", str(corpus), "--vectors", str(SHIPPED_MODEL), "--folds", "2",
            "--report", str(build / "cv.json"), "--predictions", str(build / "oof.jsonl"),
            "--out", str(build / "model"),
        ]
    )  # fmt: skip
    assert json.loads((build / "cv.json").read_text())["sentences"] == 15
    assert len((build / "oof.jsonl").read_text().splitlines()) == 15
    assert (build / "model" / "meta.json").is_file()
