"""Train and cross-validate the sentence-level PLOVER type classifier, the first step of
``make events-model`` (the event model's ``sentences/``; ``training/event_rows.py`` is the second):

    python -m training.event_types --corpus ../shared/corpora/events \\
        --vectors newsextract/models/en_newsextract_sm \\
        --out build/events_model/sentences --report build/events_model/sentences_cv.json \\
        --predictions build/events_model/sentences_oof.jsonl

Data (``../shared/corpora/events``, never a dev or held-out record): the 1,744 news sentences
with a human PLOVER root type, and the ``statement`` sentences of ``penta_sentences.jsonl`` as
the class ``NONE`` (a sentence that states no event). The corpus's draft root ``YIELD`` is kept
as one class; the event coder splits it into CONCEDE or RETREAT by the trigger it finds.

The penta class ``statement`` is CAMEO's roots 01 (make a public statement) and 02 (appeal),
and PLOVER codes an appeal as REQUEST: "Turkey renewed an appeal to Belgium to extradite …",
"Moi urged Uganda to repatriate …". The 90 statements with a word of appeal
(:data:`APPEALS`) are no negatives and are left out; 202 remain.

The model is spaCy's exclusive ``textcat`` (``configs/event_types.cfg``). Before the model that is
shipped is trained on every sentence, the same recipe is scored by stratified k-fold
cross-validation: accuracy, macro-F1, per-type precision / recall / F1, the confusion matrix,
the share of statements given a type, and the calibration of the top probability (the
``confidence`` of an event row). Training is deterministic for a seed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import minibatch

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "configs" / "event_types.cfg"
NONE = "NONE"
VERSION = "0.1.0"
NAME = "newsextract_events"
# Prune the static vectors to the most frequent words (the rest map to their nearest kept
# neighbour): the classifier ships its own copy, so that it runs beside any main pipeline.
VECTOR_ROWS = 20_000


@dataclass(frozen=True)
class Sentence:
    text: str
    label: str


# CAMEO 02, appeals (PLOVER REQUEST), which the penta class "statement" includes.
APPEALS = re.compile(
    r"\b(urg(e|es|ed|ing)|appeal(s|ed|ing)?|call(s|ed|ing)?\s+(on|for|upon)|"
    r"ask(s|ed|ing)?|demand(s|ed|ing)?|seek(s|ing)?|sought|request(s|ed|ing)?|"
    r"press(es|ed|ing)?\s+for|plead(s|ed|ing)?|implor(e|es|ed|ing)|invit(e|es|ed|ing))\b",
    re.IGNORECASE,
)


def is_appeal(text: str) -> bool:
    return APPEALS.search(text) is not None


def read_sentences(corpus: Path) -> list[Sentence]:
    """The typed sentences, then the statements that are no appeals as NONE, in file order."""
    sentences = []
    with (corpus / "plover_sentences.jsonl").open(encoding="utf-8") as lines:
        sentences += [Sentence(row["text"], row["plover_type"]) for row in map(json.loads, lines)]
    with (corpus / "penta_sentences.jsonl").open(encoding="utf-8") as lines:
        sentences += [
            Sentence(row["text"], NONE)
            for row in map(json.loads, lines)
            if row["penta"] == "statement" and not is_appeal(row["text"])
        ]
    return sentences


def stratified_folds(sentences: Sequence[Sentence], k: int, seed: int) -> list[list[int]]:
    """k lists of indices; each class is dealt round-robin after a seeded shuffle."""
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, sentence in enumerate(sentences):
        by_label[sentence.label].append(i)
    rng = random.Random(seed)
    folds: list[list[int]] = [[] for _ in range(k)]
    dealt = 0
    for label in sorted(by_label):
        indices = by_label[label]
        rng.shuffle(indices)
        for index in indices:
            folds[dealt % k].append(index)
            dealt += 1
    return [sorted(fold) for fold in folds]


def make_nlp(labels: Sequence[str], vectors: str | None, config: Path = CONFIG) -> Language:
    cfg = spacy.util.load_config(config, overrides={"paths.vectors": vectors}, interpolate=False)
    nlp = spacy.util.load_model_from_config(cfg, auto_fill=True, validate=True)
    textcat = nlp.get_pipe("textcat")
    for label in labels:
        textcat.add_label(label)
    return nlp


def train(
    sentences: Sequence[Sentence],
    labels: Sequence[str],
    vectors: str | None,
    seed: int = 0,
    config: Path = CONFIG,
) -> Language:
    """A classifier trained on the sentences with the config's epochs, batch size and dropout."""
    spacy.util.fix_random_seed(seed)
    nlp = make_nlp(labels, vectors, config)
    settings = spacy.util.load_config(config, interpolate=True)["training"]
    examples = [
        Example.from_dict(
            nlp.make_doc(s.text), {"cats": {label: float(label == s.label) for label in labels}}
        )
        for s in sentences
    ]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(settings["max_epochs"]):
        rng.shuffle(examples)
        for batch in minibatch(examples, settings["batch_size"]):
            nlp.update(batch, sgd=optimizer, drop=settings["dropout"])
    _keep_averages(nlp, optimizer.averages or {})
    return nlp


def _keep_averages(nlp: Language, averages: dict) -> None:
    """Make the parameter averages the weights (what ``spacy train`` saves)."""
    for node in nlp.get_pipe("textcat").model.walk():
        for name in node.param_names:
            if (node.id, name) in averages:
                node.set_param(name, averages[(node.id, name)])


def predict(nlp: Language, texts: Sequence[str]) -> list[dict[str, float]]:
    return [dict(doc.cats) for doc in nlp.pipe(texts, batch_size=64)]


def cross_validate(
    sentences: Sequence[Sentence],
    vectors: str | None,
    k: int = 5,
    seed: int = 0,
    config: Path = CONFIG,
) -> list[dict[str, float]]:
    """Out-of-fold probabilities for every sentence, in input order."""
    labels = sorted({s.label for s in sentences})
    out: list[dict[str, float] | None] = [None] * len(sentences)
    for fold in stratified_folds(sentences, k, seed):
        held = set(fold)
        nlp = train(
            [s for i, s in enumerate(sentences) if i not in held], labels, vectors, seed, config
        )
        for index, cats in zip(fold, predict(nlp, [sentences[i].text for i in fold]), strict=True):
            out[index] = cats
    return [cats for cats in out if cats is not None]


def top_predictions(
    sentences: Sequence[Sentence], probabilities: Sequence[dict[str, float]]
) -> list[tuple[str, str, float]]:
    """(gold, predicted, probability) of each sentence's most likely label."""
    out = []
    for sentence, cats in zip(sentences, probabilities, strict=True):
        best = max(cats, key=cats.__getitem__)
        out.append((sentence.label, best, cats[best]))
    return out


def report(predictions: Sequence[tuple[str, str, float]], bins: int = 10) -> dict:
    """Accuracy, macro-F1 over the event types, per-type scores, confusions, statements given a
    type, and calibration (mean probability against accuracy per probability bin; ECE)."""
    labels = sorted({g for g, _, _ in predictions} | {p for _, p, _ in predictions})
    hits = Counter(g for g, p, _ in predictions if g == p)
    gold = Counter(g for g, _, _ in predictions)
    guessed = Counter(p for _, p, _ in predictions)
    per_type = {}
    for label in labels:
        precision = hits[label] / guessed[label] if guessed[label] else 0.0
        recall = hits[label] / gold[label] if gold[label] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_type[label] = {
            "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "support": gold[label],
        }  # fmt: skip
    types = [label for label in labels if label != NONE and gold[label]]
    statements = [(g, p) for g, p, _ in predictions if g == NONE]
    events = [(g, p) for g, p, _ in predictions if g != NONE]
    cells, ece = calibration_bins([(c, g == p) for g, p, c in predictions], bins)
    calibration = [
        {"bin": f"{cell.low:.1f}-{cell.high:.1f}", "n": cell.n,
         "confidence": round(cell.confidence, 3), "accuracy": round(cell.accuracy, 3)}
        for cell in cells
        if cell.n
    ]  # fmt: skip
    confusion = Counter((g, p) for g, p, _ in predictions)
    return {
        "sentences": len(predictions),
        "accuracy": round(sum(hits.values()) / len(predictions), 3),
        "event_sentence_accuracy": round(sum(g == p for g, p in events) / len(events), 3),
        "macro_f1_types": round(sum(per_type[t]["f1"] for t in types) / len(types), 3),
        "statements_given_a_type": round(sum(p != NONE for _, p in statements) / len(statements), 3)
        if statements
        else None,
        "events_given_none": round(sum(p == NONE for _, p in events) / len(events), 3),
        "per_type": per_type,
        "confusion": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items()) if g != p},
        "calibration": calibration,
        "expected_calibration_error": round(ece, 3),
    }


@dataclass(frozen=True)
class CalibrationBin:
    low: float
    high: float
    n: int
    confidence: float  # the mean probability in the bin (0 when empty)
    accuracy: float  # the share right in the bin (0 when empty)


def calibration_bins(
    predictions: Sequence[tuple[float, bool]], bins: int = 10
) -> tuple[list[CalibrationBin], float]:
    """Every probability bin (probability, right) pairs fall in, and the expected calibration
    error: the gap between mean probability and share right, weighted by the bins' sizes."""
    cells = []
    ece = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [
            (c, ok) for c, ok in predictions if low <= c < high or (b == bins - 1 and c == 1.0)
        ]
        n = len(inside)
        confidence = sum(c for c, _ in inside) / n if n else 0.0
        accuracy = sum(ok for _, ok in inside) / n if n else 0.0
        ece += n / len(predictions) * abs(confidence - accuracy) if n else 0.0
        cells.append(CalibrationBin(low, high, n, confidence, accuracy))
    return cells, ece


def save(nlp: Language, out: Path, cv: dict, vectors: str | None) -> None:
    if nlp.vocab.vectors.shape[0] > VECTOR_ROWS:
        nlp.vocab.prune_vectors(VECTOR_ROWS)
    nlp.meta.update(
        {
            "name": NAME,
            "version": VERSION,
            "description": (
                "Sentence-level PLOVER root type (or NONE) for newsextract's event coder: spaCy "
                "textcat ensemble (bag of n-grams + CNN with static vectors), trained on the "
                "Zero-Shot-PLOVER sentences and ConfliBERT statements in ../shared/corpora/events."
            ),
            "author": "newsextract developers",
            "license": "weights only; see docs/events_model.md for the data's terms",
            "performance": {"cross_validation": {k: v for k, v in cv.items() if k != "confusion"}},
            "vectors_from": str(vectors) if vectors else None,
        }
    )
    nlp.to_disk(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="../shared/corpora/events")
    parser.add_argument("--vectors", help="a pipeline or vectors folder (the shipped model's)")
    parser.add_argument("--out", type=Path, help="save the model trained on every sentence here")
    parser.add_argument("--report", type=Path, required=True, help="cross-validation report (json)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument(
        "--predictions", type=Path, help="write the out-of-fold probabilities here (jsonl)"
    )
    args = parser.parse_args(argv)
    for path in (args.report, args.predictions, args.out):
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
    sentences = read_sentences(args.corpus)
    probabilities = cross_validate(sentences, args.vectors, args.folds, args.seed, args.config)
    if args.predictions:
        with args.predictions.open("w", encoding="utf-8") as out:
            for sentence, cats in zip(sentences, probabilities, strict=True):
                out.write(
                    json.dumps({"text": sentence.text, "label": sentence.label, "cats": cats})
                    + "\n"
                )
    cv = report(top_predictions(sentences, probabilities))
    args.report.write_text(json.dumps(cv, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: cv[k] for k in list(cv)[:6]}))
    if args.out:
        labels = sorted({s.label for s in sentences})
        save(
            train(sentences, labels, args.vectors, args.seed, args.config),
            args.out,
            cv,
            args.vectors,
        )


if __name__ == "__main__":
    main()
