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
    sentence_of_token: dict[int, int] = {}
    if doc.has_annotation("SENT_START"):
        for s_i, sent in enumerate(doc.sents):
            for token in sent:
                sentence_of_token[token.i] = s_i
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
                "sentence_index": sentence_of_token.get(ent.start, 0),
                "model": model,
            }
        )
    return rows
