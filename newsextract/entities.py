"""Entity mentions from a parsed article: typed spans with character offsets."""

from __future__ import annotations

from spacy.tokens import Doc

from newsextract import ids

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "MISC"})

# Other pipelines name the same types differently (CoNLL, OntoNotes spellings).
LABEL_ALIASES = {"PER": "PERSON", "ORGANIZATION": "ORG", "LOCATION": "LOC", "FACILITY": "FAC"}


def normalise_label(label: str) -> str | None:
    """Our label for a model's label, or None for types that are not entities here (DATE, …)."""
    label = LABEL_ALIASES.get(label.upper(), label.upper())
    return label if label in ENTITY_LABELS else None


def mentions_from_doc(doc: Doc, article_id: str, batch: str, model: str) -> list[dict]:
    """One row per named-entity span; offsets index the text the doc was parsed from."""
    has_sentences = doc.has_annotation("SENT_START")
    sentence_at = {sent.start: i for i, sent in enumerate(doc.sents)} if has_sentences else {}
    rows = []
    for ent in doc.ents:
        label = normalise_label(ent.label_)
        if label is None:
            continue
        start, end = ent.start_char, ent.end_char
        rows.append(
            {
                "mention_id": ids.mention_id(article_id, start, end, label),
                "article_id": article_id,
                "batch": batch,
                "start": start,
                "end": end,
                "text": ent.text,
                "label": label,
                "sentence_index": sentence_at[ent.sent.start] if has_sentences else 0,
                "model": model,
            }
        )
    return rows
