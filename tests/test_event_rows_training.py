"""The event model's row scorer recipe (training/event_rows.py): labels, thresholds, calibration,
and a real small training."""

from __future__ import annotations

import pytest

from evaluation.events_corpus import Sentence
from training import event_rows as er


@pytest.mark.parametrize(
    ("event_type", "mode", "wanted", "right"),
    [
        ("ASSAULT", None, {"ASSAULT"}, True),
        ("ACCUSE", None, {"ASSAULT"}, False),
        # The corpus codes a seizure of territory ASSAULT; PLOVER's table COERCE seize.
        ("COERCE", "seize", {"ASSAULT"}, True),
        ("COERCE", "arrest", {"ASSAULT"}, False),
        ("RETREAT", None, {"CONCEDE", "RETREAT"}, True),  # the draft root YIELD
        ("REQUEST", None, set(), False),  # a statement
    ],
)
def test_a_row_is_right_in_either_convention(event_type, mode, wanted, right) -> None:
    record = {"event_type": event_type, "event_mode": mode}
    assert er.is_right(record, frozenset(wanted)) is right


SENTENCES = [
    Sentence("a", "Rebels attacked the town.", "ASSAULT", None),
    Sentence("b", "Talks were held.", "CONSULT", None),
    Sentence("s", "The weather was fine.", None, None),
]
ROWS = [
    er.Row("a", ["type=ASSAULT"], True),
    er.Row("a", ["type=ACCUSE"], False),
    er.Row("b", ["type=REJECT"], False),
    er.Row("s", ["type=CONSULT"], False),
]


def test_outcome_of_a_threshold() -> None:
    probabilities = [0.9, 0.95, 0.3, 0.15]
    every = er.outcome(SENTENCES, ROWS, probabilities, 0.0)
    assert every == {
        "threshold": 0.0,
        "top1_type": 0.0,  # "a": the wrong row is the more probable
        "statements_with_event": 1.0,
        "rows_kept": 4,
        "precision": 0.25,
    }
    strict = er.outcome(SENTENCES, ROWS, [0.9, 0.1, 0.3, 0.15], 0.2)
    assert (strict["top1_type"], strict["statements_with_event"], strict["rows_kept"]) == (
        0.5,
        0.0,
        2,
    )


def test_calibration_and_the_threshold_for_the_statements() -> None:
    result = er.calibration(ROWS, [0.95, 0.05, 0.05, 0.05], bins=10)
    assert result["ece"] == pytest.approx((0.05 + 0.05 * 3) / 4, abs=1e-4)
    assert result["bins"][9] == {"from": 0.9, "rows": 1, "right": 1.0}
    outcomes = [
        {"threshold": 0.0, "statements_with_event": 0.6},
        {"threshold": 0.1, "statements_with_event": 0.2},
        {"threshold": 0.2, "statements_with_event": 0.08},
    ]
    assert er.choose_threshold(outcomes, 0.10) == 0.2
    assert er.choose_threshold(outcomes, 0.01) == 0.2  # none meets it: the strictest


def test_a_small_scorer_learns_its_rows() -> None:
    rows = [er.Row(f"s{i}", ["type=ASSAULT", "source=country"], True) for i in range(100)]
    rows += [er.Row(f"t{i}", ["type=ASSAULT", "source=none"], False) for i in range(100)]
    model = er.train(rows, seed=0)
    right, wrong = er.predict(model, [rows[0], rows[-1]])
    assert right > 0.5 > wrong  # eight epochs of 200 rows: the direction, not the size
    assert er.predict(er.train(rows, seed=0), rows[:3]) == er.predict(model, rows[:3])  # seeded
