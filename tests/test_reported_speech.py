"""Reported speech without quotation marks (kind ``indirect``), through the shipped model."""

from __future__ import annotations

import pytest

from newsextract.quotes.marks import quoted_spans
from newsextract.quotes.reported_speech import reported_spans
from newsextract.quotes.table import article_quotes


def reported(nlp, text: str) -> list[tuple[str, str | None, str, str]]:
    """(content, speaker, cue, how) of each stretch of reported speech."""
    doc = nlp(text)
    found = reported_spans(doc, quoted_spans(text, min_words=1))
    for r in found:
        assert 0 <= r.start < r.end <= len(text)
    return [
        (text[r.start : r.end], r.speaker.text if r.speaker else None, r.cue.text, r.how)
        for r in found
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministry said it would reopen the border next week.",
         ("it would reopen the border next week", "The ministry", "said", "clause")),
        ("Local officials noted that the curfew had been lifted in most districts.",
         ("that the curfew had been lifted in most districts", "Local officials", "noted",
          "clause")),
        ("Recent shipments have sold for just above $40 a ton, he said.",
         ("Recent shipments have sold for just above $40 a ton", "he", "said", "after")),
        ("The plant will close by the end of March, said Maria Lopez, a union official.",
         ("The plant will close by the end of March", "Maria Lopez", "said", "after")),
        ("Clinton plans to visit Charlotte on Sunday, according to a campaign aide.",
         ("Clinton plans to visit Charlotte on Sunday", "a campaign aide", "according to",
          "according_to")),
        ("According to the police, the explosion went off around 8:30 p.m.",
         ("the explosion went off around 8:30 p.m.", "the police", "According to",
          "according_to")),
        ("The governor wants to raise the minimum wage to fifteen dollars.",
         ("to raise the minimum wage to fifteen dollars", "The governor", "wants", "stance")),
    ],
)  # fmt: skip
def test_reported_speech_shapes(nlp, text: str, expected: tuple) -> None:
    # The shape (how) is the parser's reading: "CONTENT, said X" comes as a ccomp or as a
    # parataxis; either way the content, speaker and cue are the same.
    [(content, speaker, cue, _how)] = reported(nlp, text)
    assert (content, speaker, cue) == expected[:3]


@pytest.mark.parametrize(
    "text",
    [
        # Spoken to, not said.
        "The minister told reporters at the airport.",
        # A fronted phrase of the telling is not its content.
        "In Honolulu last week, the president told a crowd of supporters.",
        # Content in quotation marks is a quotation, not reported speech.
        "The mayor said “we will rebuild the bridge within a year.”",
        # No reporting verb at all.
        "Heavy rain closed three roads in the north of the county on Monday.",
    ],
)
def test_no_reported_speech(nlp, text: str) -> None:
    assert reported(nlp, text) == []


TEXT = (
    "Kenya's electoral commission said on Tuesday that the vote would go ahead in August.\n"
    "“We are ready,” the commission's chairman, Wafula Chebukati, said."
)


def test_indirect_rows_only_on_request(nlp) -> None:
    doc = nlp(TEXT)
    plain = article_quotes(doc, "art", "b", "m", [], {})
    assert [r["kind"] for r in plain] == ["direct"]
    rows = article_quotes(doc, "art", "b", "m", [], {}, reported_speech=True)
    assert [r["kind"] for r in rows] == ["indirect", "direct"]
    indirect = rows[0]
    assert indirect["text"] == "that the vote would go ahead in August"
    assert TEXT[indirect["start"] : indirect["end"]] == indirect["text"]
    assert TEXT[indirect["speaker_start"] : indirect["speaker_end"]] == indirect["speaker"]
    assert TEXT[indirect["cue_start"] : indirect["cue_end"]] == indirect["cue"] == "said"
    assert "commission" in indirect["speaker"]
    assert len({r["quote_id"] for r in rows}) == len(rows)


def test_indirect_speaker_resolves_to_an_entity(nlp) -> None:
    text = (
        "Kenyan President William Ruto spoke in Nairobi on Monday. "
        "He said the government would pay teachers' arrears by June."
    )
    start = text.index("William Ruto")
    mentions = [
        {"start": start, "end": start + len("William Ruto"), "entity_id": "e1", "label": "PERSON"}
    ]
    rows = article_quotes(
        nlp(text), "art", "b", "m", mentions, {"e1": "William Ruto"}, reported_speech=True
    )
    [row] = [r for r in rows if r["kind"] == "indirect"]
    assert row["speaker"] == "He" and row["speaker_entity_id"] == "e1"
    assert row["text"].startswith("the government would pay")
