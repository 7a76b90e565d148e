"""Score the event coder on the labelled training sentences in ``../shared/corpora/events``.

The 100-record dev set moves by 0.01-0.03 type F1 when two or three sentences change, which is
less than the difference between two parsers. The 1,744 PLOVER-labelled news sentences (one
human root type each, source and target spans where marked) and the 292 event-free
``statement`` sentences of ``penta_sentences.jsonl`` are larger, and none of them is a dev or
held-out record (the corpora README). They are not training data of the rule coder, so they
measure it fairly; once a learned coder trains on them, use cross-validation instead.

    python -m evaluation.events_corpus --model build/m04/hand/model --out /tmp/ec_hand

Each sentence becomes one article; the real pipeline (``newsextract run``) codes them, and the
``events`` table is scored per sentence:

- ``top-1 type``: the event with the highest confidence (then the earliest) has the gold type;
  a sentence without events counts as wrong. ``YIELD`` (the draft PLOVER root of this corpus)
  matches ``CONCEDE`` or ``RETREAT``.
- ``any type``: some event of the sentence has the gold type.
- ``coverage``: sentences with at least one event.
- ``source overlap`` / ``target overlap``: of the sentences whose top-1 event has the gold
  type and whose gold source (target) span is marked, the share whose source (target) span
  overlaps it. The corpus marks the object phrase as the target even where it is no actor
  ("condemned a U.S. Supreme Court decision").
- ``statements with an event``: of the event-free sentences, the share given any event (lower
  is better); ``statements without appeals``: the same share over the statements with no word
  of appeal (the penta class ``statement`` holds CAMEO's appeals, which PLOVER codes REQUEST:
  :func:`training.event_types.is_appeal`).

With the shipped event model on, the labelled sentences are its training data: these figures
are then in-sample. Its cross-validated figures are in ``docs/events_model.md``; set
``NEWSEXTRACT_EVENT_MODEL=none`` to score the rules alone.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from evaluation.pipeline_run import events_of_records
from training.event_types import is_appeal

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "events"
# The corpus's draft root YIELD was split into these two in the current PLOVER ontology.
TYPE_ALIASES = {"YIELD": frozenset({"CONCEDE", "RETREAT"})}


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    gold_type: str | None  # None: an event-free statement
    source: tuple[int, int] | None
    target: tuple[int, int] | None = None


def gold_types(gold_type: str) -> frozenset[str]:
    return TYPE_ALIASES.get(gold_type, frozenset({gold_type}))


def read_sentences(corpus: Path) -> list[Sentence]:
    sentences = []
    with (corpus / "plover_sentences.jsonl").open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            row = json.loads(line)
            source, target = row.get("source"), row.get("target")
            sentences.append(
                Sentence(
                    f"plover-{number:05d}",
                    row["text"],
                    row["plover_type"],
                    (source["start"], source["end"]) if source else None,
                    (target["start"], target["end"]) if target else None,
                )
            )
    with (corpus / "penta_sentences.jsonl").open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            row = json.loads(line)
            if row["penta"] == "statement":
                sentences.append(Sentence(f"statement-{number:05d}", row["text"], None, None))
    return sentences


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(sentences: list[Sentence], events: pd.DataFrame) -> dict[str, float | int]:
    """Score ``events`` (with an ``external_id`` column) against ``sentences``."""
    by_article = {key: rows for key, rows in events.groupby("external_id")}
    counts: Counter[str] = Counter()
    for sentence in sentences:
        rows = by_article.get(sentence.id)
        if sentence.gold_type is None:
            counts["statements"] += 1
            counts["statements_with_event"] += rows is not None
            if not is_appeal(sentence.text):
                counts["plain_statements"] += 1
                counts["plain_statements_with_event"] += rows is not None
            continue
        counts["labelled"] += 1
        if rows is None:
            continue
        counts["covered"] += 1
        wanted = gold_types(sentence.gold_type)
        counts["any_type"] += bool(wanted & set(rows["event_type"]))
        ranked = rows.assign(_conf=rows["confidence"].fillna(0.0)).sort_values(
            ["_conf", "trigger_start"], ascending=[False, True]
        )
        top = ranked.iloc[0]
        if top["event_type"] in wanted:
            counts["top1"] += 1
            for role, gold in (("source", sentence.source), ("target", sentence.target)):
                if gold is not None:
                    counts[f"{role}_marked"] += 1
                    start, end = top[f"{role}_start"], top[f"{role}_end"]
                    if pd.notna(start) and overlaps((int(start), int(end)), gold):
                        counts[f"{role}_overlap"] += 1
    labelled = max(counts["labelled"], 1)
    return {
        "labelled": counts["labelled"],
        "top1_type": round(counts["top1"] / labelled, 4),
        "any_type": round(counts["any_type"] / labelled, 4),
        "coverage": round(counts["covered"] / labelled, 4),
        "source_overlap": round(counts["source_overlap"] / max(counts["source_marked"], 1), 4),
        "target_overlap": round(counts["target_overlap"] / max(counts["target_marked"], 1), 4),
        "statements": counts["statements"],
        "statements_with_event": round(
            counts["statements_with_event"] / max(counts["statements"], 1), 4
        ),
        "statements_without_appeals": counts["plain_statements"],
        "statements_without_appeals_with_event": round(
            counts["plain_statements_with_event"] / max(counts["plain_statements"], 1), 4
        ),
        "events_per_sentence": round(len(events) / max(len(sentences), 1), 3),
    }


def run_pipeline(sentences: list[Sentence], out: Path, model: str | None) -> pd.DataFrame:
    return events_of_records(({"id": s.id, "text": s.text} for s in sentences), out, model)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, required=True, help="a new folder for the run")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: shipped)")
    args = parser.parse_args()
    sentences = read_sentences(args.corpus)
    events = run_pipeline(sentences, args.out, args.model)
    result = score(sentences, events)
    (args.out / "score.json").write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
