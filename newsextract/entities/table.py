"""Entity tables from parsed articles: typed mentions linked to canonical entities.

- :func:`article_entities` — one article's mentions (with offsets) and the entities they name
  (canonicalised by :mod:`newsextract.entities.canonical`);
- :func:`aggregate_entities` — the corpus-wide ``entities`` table from every article's entities.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime

import pyarrow as pa
import pyarrow.compute as pc
from spacy.tokens import Doc, Span

from newsextract.entities.canonical import Mention, resolve_article
from newsextract.entities.people import person_country
from newsextract.tables import ids, schemas

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "MISC"})
MAX_ALIASES = 100

# Other pipelines name the same types differently (CoNLL, OntoNotes spellings).
LABEL_ALIASES = {"PER": "PERSON", "ORGANIZATION": "ORG", "LOCATION": "LOC", "FACILITY": "FAC"}


def normalise_label(label: str) -> str | None:
    """Our label for a model's label, or None for types that are not entities here (DATE, …)."""
    label = LABEL_ALIASES.get(label.upper(), label.upper())
    return label if label in ENTITY_LABELS else None


def article_entities(
    doc: Doc,
    article_id: str,
    batch: str,
    model: str,
    published_at: datetime | None = None,
) -> tuple[list[dict], list[dict]]:
    """(mention rows, entity rows) of one parsed article; offsets index ``doc.text``."""
    has_sentences = doc.has_annotation("SENT_START")
    sentence_at = {sent.start: i for i, sent in enumerate(doc.sents)} if has_sentences else {}
    spans = [(ent, label) for ent in doc.ents if (label := normalise_label(ent.label_))]
    spans += [(span, "") for span in coordinated_candidates(doc)]
    spans.sort(key=lambda item: item[0].start)
    parsed = doc.has_annotation("DEP")
    mentions = [
        Mention(e.start_char, e.end_char, e.text, label, _coordination(e) if parsed else None)
        for e, label in spans
    ]
    resolved = resolve_article(mentions, doc.text)

    mention_rows = []
    per_entity: dict[str, dict] = {}
    aliases: dict[str, Counter[str]] = {}
    spans_of: dict[str, list[Span]] = {}
    for (ent, _), mention, entity in zip(spans, mentions, resolved, strict=True):
        if entity is None:  # a candidate that is not a listed place
            continue
        entity_id = ids.entity_id(entity.key)
        mention_rows.append(
            {
                "mention_id": ids.mention_id(article_id, mention.start, mention.end, entity.label),
                "article_id": article_id,
                "entity_id": entity_id,
                "batch": batch,
                "start": mention.start,
                "end": mention.end,
                "text": mention.text,
                "label": entity.label,
                "sentence_index": sentence_at[ent.sent.start] if has_sentences else 0,
                "model": model,
            }
        )
        row = per_entity.setdefault(
            entity_id,
            {
                "entity_id": entity_id,
                "article_id": article_id,
                "batch": batch,
                "name": entity.name,
                "label": entity.label,
                "country": entity.country,
                "latitude": entity.latitude,
                "longitude": entity.longitude,
                "mention_count": 0,
                "aliases": [],
                "published_at": published_at,
                "model": model,
            },
        )
        row["mention_count"] += 1
        aliases.setdefault(entity_id, Counter())[mention.text] += 1
        spans_of.setdefault(entity_id, []).append(ent)
    for entity_id, row in per_entity.items():
        row["aliases"] = sorted(aliases[entity_id])
        if row["label"] == "PERSON" and row["country"] is None:
            # "former Syrian President Bashar al-Assad": whose person the text says he is.
            row["country"] = person_country(doc, spans_of[entity_id], row["name"])
    return mention_rows, list(per_entity.values())


def _coordination(span: Span) -> int | None:
    """The first token of the coordination ("A, B and C") the span's head belongs to."""
    token = span.root
    if token.dep_ != "conj" and not any(c.dep_ == "conj" for c in token.children):
        return None
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token.i


def coordinated_candidates(doc: Doc) -> list[Span]:
    """Proper nouns the NER left untyped that the parse coordinates with an entity, e.g.
    "Homs" in "Aleppo, Homs, and Daraa". Canonicalisation keeps those the gazetteer knows as
    places listed with places."""
    if not doc.has_annotation("DEP") or not doc.ents:
        return []
    in_entity = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    groups = {g for ent in doc.ents if (g := _coordination(ent)) is not None}
    candidates = []
    for token in doc:
        # The tagger may call an unknown capitalised name a NOUN ("Homs"); the gazetteer
        # decides later whether it is a place.
        if token.i in in_entity or token.dep_ != "conj" or token.pos_ not in ("PROPN", "NOUN"):
            continue
        if not token.is_title or token.is_sent_start:
            continue
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head is token:
            if (start - 1) in in_entity or not doc[start - 1].is_title:
                break
            start -= 1
        span = doc[start : token.i + 1]
        if _coordination(span) in groups:
            candidates.append(span)
    return candidates


def aggregate_entities(article_tables: Iterable[pa.Table]) -> pa.Table:
    """The ``entities`` table: one row per entity over every article that mentions it.

    The name is the one most articles use (ties: alphabetical), so it does not depend on the
    order articles arrive in; counts and first/last seen times are over all articles.
    """
    tables = [t.select(schemas.ARTICLE_ENTITIES.names) for t in article_tables if t.num_rows]
    if not tables:
        return schemas.ENTITIES.empty_table()
    rows = pa.concat_tables(tables)
    # Arrow's hash aggregation, not pandas: the corpus table is rebuilt on every run, and
    # this is most of its cost. One thread keeps "first" the first in row order.
    summary = rows.group_by("entity_id", use_threads=False).aggregate(
        [
            ("country", "first"),
            ("latitude", "first"),
            ("longitude", "first"),
            ("mention_count", "sum"),
            ("article_id", "count_distinct"),
            ("published_at", "min"),
            ("published_at", "max"),
        ]
    )
    summary = summary.sort_by("entity_id")
    entity_ids = summary.column("entity_id")
    names = _most_used(rows.select(["entity_id", "name"]), entity_ids)
    labels = _most_used(rows.select(["entity_id", "label"]), entity_ids)
    spellings = pa.table(
        {
            "entity_id": pc.take(rows.column("entity_id"), pc.list_parent_indices(rows["aliases"])),
            "aliases": pc.list_flatten(rows["aliases"]),
        }
    )
    aliases = _most_used(spellings, entity_ids, limit=MAX_ALIASES)
    columns = {
        "entity_id": entity_ids,
        "name": names,
        "label": labels,
        "aliases": aliases,
        "country": summary.column("country_first"),
        "latitude": summary.column("latitude_first"),
        "longitude": summary.column("longitude_first"),
        "mention_count": summary.column("mention_count_sum"),
        "article_count": summary.column("article_id_count_distinct"),
        "first_seen": summary.column("published_at_min"),
        "last_seen": summary.column("published_at_max"),
    }
    return pa.table(
        [columns[f.name].cast(f.type) for f in schemas.ENTITIES], schema=schemas.ENTITIES
    )


def _most_used(pairs: pa.Table, entity_ids: pa.ChunkedArray, limit: int | None = None) -> pa.Array:
    """For each of ``entity_ids`` (sorted), the values ``pairs`` (entity_id, value) gives it,
    most frequent first (ties: alphabetical): the first one, or a list of at most ``limit``."""
    column = pairs.column_names[1]
    pairs = pairs.filter(pc.is_valid(pairs[column]))
    counts = pairs.group_by(["entity_id", column]).aggregate([([], "count_all")])
    ranked = counts.sort_by([("entity_id", "ascending"), ("count_all", "descending"),
                             (column, "ascending")])  # fmt: skip
    aggregation = "first" if limit is None else "list"
    per_entity = ranked.group_by("entity_id", use_threads=False).aggregate([(column, aggregation)])
    position = pc.index_in(entity_ids, per_entity["entity_id"])
    values = pc.take(per_entity[f"{column}_{aggregation}"], position)
    if limit is None:
        return values
    values = pc.list_slice(values, 0, limit)
    # An entity without spellings (not expected: every mention has one) gets an empty list.
    return pc.if_else(pc.is_null(values), pa.scalar([], values.type), values)
