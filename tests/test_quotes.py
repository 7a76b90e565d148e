"""Finding quotations: marks, paragraphs, nesting, scare quotes, unbalanced text."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsextract.quotes import quoted_spans

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def quotes(text: str, **kwargs) -> list[str]:
    return [text[q.start : q.end] for q in quoted_spans(text, **kwargs)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will not leave this city" on Monday.', ["we will not leave this city"]),
        ("He said “we will not leave this city” on Monday.", ["we will not leave this city"]),
        ("Il a dit « nous ne partirons pas » hier.", ["nous ne partirons pas"]),
        ("The minister said ‘we will stay the course’ today.", ["we will stay the course"]),
        (
            "“We are ready,” he said, “and we will win.”",
            ["We are ready,", "and we will win."],
        ),
        ("She called it a “peace plan” and left.", []),  # scare quotes
        ("It was “a very bad idea”, he said.", ["a very bad idea"]),
    ],
)
def test_marks(text: str, expected: list[str]) -> None:
    assert quotes(text) == expected


def test_nested_single_quotes_stay_inside() -> None:
    text = "“He told me ‘never again’ and walked out,” she said."
    assert quotes(text) == ["He told me ‘never again’ and walked out,"]


def test_apostrophes_do_not_close_a_single_quote() -> None:
    text = "He wrote ‘the Taliban’s men don’t leave’ in his report."
    assert quotes(text) == ["the Taliban’s men don’t leave"]


def test_a_quote_continued_in_the_next_paragraph() -> None:
    text = (
        "“We are following events closely.\n\n“We urge all sides to refrain from violence,” "
        "it said."
    )
    spans = quoted_spans(text)
    assert [text[q.start : q.end] for q in spans] == [
        "We are following events closely.",
        "We urge all sides to refrain from violence,",
    ]
    assert spans[0].continues and not spans[0].closed
    assert spans[1].closed and not spans[1].continues


def test_an_unbalanced_mark_never_runs_away() -> None:
    text = "He said “this will end badly and left.\n\nThe next paragraph is plain text here."
    spans = quoted_spans(text)
    assert [text[q.start : q.end] for q in spans] == ["this will end badly and left."]
    assert not spans[0].closed and not spans[0].continues


@pytest.mark.parametrize(
    "text",
    ['"', "“", "”", '""', "“”", 'a " b', "‘", "’s", "\n“\n", "“ ” “ ”", "x" * 10 + "“"],
)
def test_odd_marks_never_crash_and_offsets_are_valid(text: str) -> None:
    for q in quoted_spans(text, min_words=1):
        assert 0 <= q.start <= q.end <= len(text)


def test_moscow_seed_quotations() -> None:
    text = (SEEDS / "assad-asylum-moscow.txt").read_text(encoding="utf-8")
    found = quotes(text, min_words=1)
    assert len(found) == 5
    assert "humanitarian considerations." in found  # punctuation inside the marks is quoted
    assert "free of Bashar al-Assad." in found
    assert any(q.startswith("Russia has consistently advocated") for q in found)
    assert any(q.startswith("We are following") for q in found)
    assert any(q.startswith("The tyrant Bashar al-Assad has fled") for q in found)
