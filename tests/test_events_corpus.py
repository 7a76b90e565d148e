"""``evaluation/events_corpus.py``: scoring the event coder on the labelled corpus sentences."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from evaluation.events_corpus import Sentence, gold_types, read_sentences, score


def events(*rows: tuple) -> pd.DataFrame:
    columns = ["external_id", "event_type", "confidence", "trigger_start"]
    columns += ["source_start", "source_end", "target_start", "target_end"]
    padded = [row + (None,) * (len(columns) - len(row)) for row in rows]
    return pd.DataFrame(padded, columns=columns)


SENTENCES = [
    Sentence("a", "Rebels attacked the town.", "ASSAULT", (0, 6), (16, 24)),
    Sentence("b", "The army withdrew.", "YIELD", None),
    Sentence("c", "Talks were held.", "CONSULT", None),
    Sentence("s", "The weather was fine.", None, None),
]


@pytest.mark.parametrize(
    ("label", "types"),
    [("ASSAULT", {"ASSAULT"}), ("YIELD", {"CONCEDE", "RETREAT"})],
)
def test_gold_types_split_the_draft_yield_root(label: str, types: set[str]) -> None:
    assert gold_types(label) == types


def test_score_ranks_by_confidence_and_counts_misses_as_wrong() -> None:
    result = score(
        SENTENCES,
        events(
            ("a", "ASSAULT", 0.9, 7, 0, 6, 20, 24),  # right type, source and target overlap
            ("a", "ACCUSE", 0.5, 0, None, None),
            ("b", "RETREAT", 0.4, 9, 0, 8),  # YIELD matches RETREAT
            ("b", "ASSAULT", 0.8, 9, 0, 8),  # ... but the top-1 is this one
            ("s", "CONSULT", 0.3, 0, None, None),  # an event on a statement
        ),
    )
    assert result["labelled"] == 3
    assert result["top1_type"] == round(1 / 3, 4)
    assert result["any_type"] == round(2 / 3, 4)
    assert result["coverage"] == round(2 / 3, 4)  # "c" has no event
    assert result["source_overlap"] == 1.0
    assert result["target_overlap"] == 1.0
    assert result["statements_with_event"] == 1.0


def test_score_source_that_misses_the_gold_span() -> None:
    result = score(SENTENCES[:1], events(("a", "ASSAULT", 0.9, 7, 12, 20)))
    assert result["top1_type"] == 1.0
    assert result["source_overlap"] == 0.0
    assert result["target_overlap"] == 0.0  # no target at all


def test_read_sentences_takes_every_labelled_sentence_and_the_statements(shared_dir: Path) -> None:
    sentences = read_sentences(shared_dir / "corpora" / "events")
    labelled = [s for s in sentences if s.gold_type is not None]
    assert len(labelled) == 1744
    assert len(sentences) - len(labelled) == 292
    assert len({s.id for s in sentences}) == len(sentences)
    marked = next(s for s in labelled if s.source is not None)
    assert marked.text[marked.source[0] : marked.source[1]].strip()
    targeted = next(s for s in labelled if s.target is not None)
    assert targeted.text[targeted.target[0] : targeted.target[1]].strip()
