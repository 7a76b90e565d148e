"""Rows of the ``quotes`` table for one parsed article."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from newsextract.nlp.pipeline import doc_text
from newsextract.quotes.attribution import (
    SCARE_QUOTE_MAX_WORDS,
    EntitySpan,
    attribute,
    quote_kind,
    speaker_entity,
)
from newsextract.quotes.marks import looks_like_title, quoted_spans
from newsextract.quotes.reported_speech import ReportedSpan, reported_spans
from newsextract.tables import ids

# An attribution found this way makes a one- or two-word quotation a quote of speech
# (a partial quote) rather than scare quotes.
ATTRIBUTED_IN_SENTENCE = frozenset({"after", "before", "according_to"})
# A quotation in title case is a name or a title ("the film “Once Upon a Time in
# Hollywood”"), kind ``title`` with no speaker, unless a speech verb or a colon beside it says
# someone said it ("“Make America Great Again,” he said").
SPOKEN_BESIDE = ATTRIBUTED_IN_SENTENCE | {"colon"}
TITLE = "title"


def article_quotes(
    doc: Doc,
    article_id: str,
    batch: str,
    model: str,
    mentions: Sequence[dict],
    entity_names: dict[str, str],
    *,
    reported_speech: bool = False,
) -> list[dict]:
    """One row per quotation of the article; ``mentions`` are its ``entity_mentions`` rows.

    A name or title in marks is kept with the kind ``title`` and no speaker. With
    ``reported_speech``, also one row (kind ``indirect``) per stretch of reported speech
    without quotation marks (:mod:`newsextract.quotes.reported_speech`)."""
    entities = [
        EntitySpan(m["start"], m["end"], m["entity_id"], m["label"], entity_names[m["entity_id"]])
        for m in mentions
    ]
    text = doc_text(doc)
    spans = quoted_spans(text, min_words=1)
    attributions = attribute(doc, spans, entities)
    sentence_starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    rows = []
    for quote, found in zip(spans, attributions, strict=True):
        words = len(text[quote.start : quote.end].split())
        if words <= SCARE_QUOTE_MAX_WORDS and found.how not in ATTRIBUTED_IN_SENTENCE:
            continue  # scare quotes: a word or two in marks that nobody is said to have said
        sentence_index = max(0, bisect_right(sentence_starts, quote.start) - 1)
        quoted = text[quote.start : quote.end]
        is_title = found.how not in SPOKEN_BESIDE and looks_like_title(quoted)
        speaker, cue = (None, None) if is_title else (found.speaker, found.cue)
        cue_start = cue.idx if cue is not None else None
        # "according to" is one cue of two words.
        last = cue.nbor() if cue is not None and found.how == "according_to" else cue
        cue_end = last.idx + len(last.text) if last is not None else None
        rows.append(
            {
                "quote_id": ids.quote_id(article_id, quote.start, quote.end),
                "article_id": article_id,
                "batch": batch,
                "start": quote.start,
                "end": quote.end,
                "text": quoted,
                "kind": TITLE
                if is_title
                else quote_kind(text, quote, sentence_starts[sentence_index]),
                **_speaker_columns(text, speaker),
                "speaker_entity_id": found.speaker_entity if speaker is not None else None,
                "cue": text[cue_start:cue_end] if cue is not None else None,
                "cue_start": cue_start,
                "cue_end": cue_end,
                "sentence_index": sentence_index,
                "confidence": found.confidence if speaker is not None else 0.3,
                "model": model,
            }
        )
    if reported_speech:
        for found in reported_spans(doc, spans):
            rows.append(
                _indirect_row(doc, found, entities, article_id, batch, model, sentence_starts)
            )
        rows.sort(key=lambda r: (r["start"], r["end"]))
    return rows


# What a speaker span never starts or ends with: quotation marks, markup residue, spaces.
SPEAKER_EDGES = '“”"‘’«»„‹›<>=/ \t\n'


def speaker_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The speaker's offsets without the quotation marks, markup residue or spaces at its edges
    ("\">Sanders"), and within the last paragraph it spans (a dateline or a time the parser
    joined to the name across a line break)."""
    start = text.rfind("\n", start, end) + 1 or start
    while start < end and text[start] in SPEAKER_EDGES:
        start += 1
    while end > start and text[end - 1] in SPEAKER_EDGES:
        end -= 1
    return start, end


def _speaker_columns(text: str, speaker: Span | None) -> dict:
    if speaker is None:
        return {"speaker": None, "speaker_start": None, "speaker_end": None}
    start, end = speaker_bounds(text, speaker.start_char, speaker.end_char)
    if start >= end:
        return {"speaker": None, "speaker_start": None, "speaker_end": None}
    return {"speaker": text[start:end], "speaker_start": start, "speaker_end": end}


def _indirect_row(
    doc: Doc,
    found: ReportedSpan,
    entities: Sequence[EntitySpan],
    article_id: str,
    batch: str,
    model: str,
    sentence_starts: Sequence[int],
) -> dict:
    speaker, cue = found.speaker, found.cue
    return {
        "quote_id": ids.quote_id(article_id, found.start, found.end),
        "article_id": article_id,
        "batch": batch,
        "start": found.start,
        "end": found.end,
        "text": doc_text(doc)[found.start : found.end],
        "kind": "indirect",
        **_speaker_columns(doc_text(doc), speaker),
        "speaker_entity_id": (
            speaker_entity(doc, speaker, entities, found.start) if speaker is not None else None
        ),
        "cue": cue.text,
        "cue_start": cue.start_char,
        "cue_end": cue.end_char,
        "sentence_index": max(0, bisect_right(sentence_starts, found.start) - 1),
        "confidence": found.confidence if speaker is not None else found.confidence / 2,
        "model": model,
    }
