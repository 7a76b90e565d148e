"""The pyarrow schemas of every table the pipeline writes: the one place they are declared.

Column descriptions live in the field metadata under ``description`` so that the Dagster UI
(``dagster/column_schema``) and ``docs/tables.md`` show the same words as the code.
"""

from __future__ import annotations

import pyarrow as pa

DESCRIPTION = b"description"

UTC_TIMESTAMP = pa.timestamp("us", tz="UTC")


def _field(name: str, type_: pa.DataType, description: str, *, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={DESCRIPTION: description.encode()})


BATCH_FIELD = _field(
    "batch",
    pa.string(),
    "Input batch (the Dagster partition key) the row was produced from.",
    nullable=False,
)

INPUT_PATH_FIELD = _field(
    "input_path", pa.string(), "Input file, relative to the input folder.", nullable=False
)
INPUT_RECORD_FIELD = _field(
    "input_record",
    pa.int32(),
    "1-based JSONL line or JSON array element number; null for a whole file.",
)

ARTICLES = pa.schema(
    [
        _field(
            "article_id",
            pa.string(),
            "Stable ID from the declared id and the text: the same input gives the same ID.",
            nullable=False,
        ),
        BATCH_FIELD,
        _field("external_id", pa.string(), "The input's own id (JSON `id`), kept as given."),
        _field("source", pa.string(), "Publisher or feed, from the input or its sidecar."),
        _field("url", pa.string(), "Canonical URL, from the input, its sidecar or HTML metadata."),
        _field("title", pa.string(), "Headline."),
        _field("published_at", UTC_TIMESTAMP, "Publication time in UTC; null when unknown."),
        _field(
            "published_precision",
            pa.string(),
            "How much of published_at is known: day, month, year or none.",
            nullable=False,
        ),
        _field(
            "published_raw",
            pa.string(),
            "The publication date as found in the input, before parsing.",
        ),
        _field("dateline_place", pa.string(), "Place of a news dateline, e.g. 'Moscow, Russia'."),
        _field("language", pa.string(), "ISO 639-1 code of the detected language of the text."),
        _field(
            "text",
            pa.string(),
            "The article body verbatim (line endings normalised to \\n); all offsets index it.",
            nullable=False,
        ),
        _field("word_count", pa.int32(), "Whitespace-separated words in text.", nullable=False),
        _field("content_sha256", pa.string(), "SHA-256 of text encoded as UTF-8.", nullable=False),
        INPUT_PATH_FIELD,
        INPUT_RECORD_FIELD,
        _field("input_format", pa.string(), "txt, json, jsonl or html.", nullable=False),
        _field("encoding", pa.string(), "Character encoding the file was decoded with."),
        _field("ingested_at", UTC_TIMESTAMP, "When the batch was read (UTC).", nullable=False),
    ]
)

REJECTED_INPUTS = pa.schema(
    [
        _field(
            "rejected_id",
            pa.string(),
            "Stable ID of the rejected input unit (file, or line/element within it).",
            nullable=False,
        ),
        BATCH_FIELD,
        INPUT_PATH_FIELD,
        INPUT_RECORD_FIELD,
        _field(
            "size_bytes", pa.int64(), "Size of the rejected file or line in bytes.", nullable=False
        ),
        _field(
            "reason_code",
            pa.string(),
            "Class of the problem: empty, binary, invalid_json, duplicate, ...",
            nullable=False,
        ),
        _field(
            "reason", pa.string(), "What was wrong, in words a person understands.", nullable=False
        ),
        _field("rejected_at", UTC_TIMESTAMP, "When the input was rejected (UTC).", nullable=False),
    ]
)

MODEL_FIELD = _field(
    "model", pa.string(), "The NLP pipeline that made the row, as name-version.", nullable=False
)
ARTICLE_ID_FIELD = _field(
    "article_id", pa.string(), "The article (articles.article_id).", nullable=False
)

ENTITY_ID_FIELD = _field(
    "entity_id",
    pa.string(),
    "The canonical entity (entities.entity_id): stable across articles, batches and runs.",
    nullable=False,
)
ENTITY_LABEL_FIELD = _field(
    "label",
    pa.string(),
    "Entity type: PERSON, ORG, GPE (countries, cities, regions), LOC, FAC, NORP "
    "(nationalities) or MISC.",
    nullable=False,
)

ARTICLE_PARSES = pa.schema(
    [
        ARTICLE_ID_FIELD,
        BATCH_FIELD,
        MODEL_FIELD,
        _field(
            "n_tokens", pa.int32(), "Tokens in the parse (whitespace included).", nullable=False
        ),
        _field("n_sentences", pa.int32(), "Sentences found by the parser.", nullable=False),
        _field(
            "doc",
            pa.binary(),
            "The spaCy Doc (tokens, tags, lemmas, dependencies, sentences, entities) as DocBin "
            "bytes: the one parse every extractor reads.",
            nullable=False,
        ),
    ]
)

ENTITY_MENTIONS = pa.schema(
    [
        _field(
            "mention_id",
            pa.string(),
            "Stable ID of the mention: article, offsets and label.",
            nullable=False,
        ),
        ARTICLE_ID_FIELD,
        ENTITY_ID_FIELD,
        BATCH_FIELD,
        _field(
            "start", pa.int32(), "Offset of the first character in articles.text.", nullable=False
        ),
        _field(
            "end", pa.int32(), "Offset just past the last character (exclusive).", nullable=False
        ),
        _field(
            "text", pa.string(), "The mention as written: articles.text[start:end].", nullable=False
        ),
        ENTITY_LABEL_FIELD,
        _field("sentence_index", pa.int32(), "0-based sentence of the article.", nullable=False),
        MODEL_FIELD,
    ]
)

_COUNTRY = "ISO 3166-1 alpha-3 country of a place, nationality or national organisation."
_LATITUDE = "Latitude (WGS84) of a place from the bundled gazetteer; country centre for countries."
_LONGITUDE = "Longitude (WGS84), as latitude."

ARTICLE_ENTITIES = pa.schema(
    [
        ENTITY_ID_FIELD,
        ARTICLE_ID_FIELD,
        BATCH_FIELD,
        _field("name", pa.string(), "Canonical name in this article.", nullable=False),
        ENTITY_LABEL_FIELD,
        _field("country", pa.string(), _COUNTRY),
        _field("latitude", pa.float64(), _LATITUDE),
        _field("longitude", pa.float64(), _LONGITUDE),
        _field(
            "mention_count", pa.int32(), "Mentions of the entity in the article.", nullable=False
        ),
        _field(
            "aliases",
            pa.list_(pa.string()),
            "Distinct spellings of its mentions in the article.",
            nullable=False,
        ),
        _field("published_at", UTC_TIMESTAMP, "The article's publication time (UTC), if known."),
        MODEL_FIELD,
    ]
)

ENTITIES = pa.schema(
    [
        ENTITY_ID_FIELD,
        _field(
            "name",
            pa.string(),
            "Canonical name: the gazetteer's for countries, else the form most articles use.",
            nullable=False,
        ),
        ENTITY_LABEL_FIELD,
        _field(
            "aliases",
            pa.list_(pa.string()),
            "Distinct spellings of its mentions across all articles (at most 100, most used "
            "first).",
            nullable=False,
        ),
        _field("country", pa.string(), _COUNTRY),
        _field("latitude", pa.float64(), _LATITUDE),
        _field("longitude", pa.float64(), _LONGITUDE),
        _field("mention_count", pa.int64(), "Mentions in all articles.", nullable=False),
        _field("article_count", pa.int64(), "Articles that mention it.", nullable=False),
        _field("first_seen", UTC_TIMESTAMP, "Earliest publication time of those articles."),
        _field("last_seen", UTC_TIMESTAMP, "Latest publication time of those articles."),
    ]
)

QUOTES = pa.schema(
    [
        _field("quote_id", pa.string(), "Stable ID: article and offsets.", nullable=False),
        ARTICLE_ID_FIELD,
        BATCH_FIELD,
        _field("start", pa.int32(), "First quoted character in articles.text (no mark).",
               nullable=False),
        _field("end", pa.int32(), "Just past the last quoted character (exclusive).",
               nullable=False),
        _field("text", pa.string(), "The quoted words: articles.text[start:end].", nullable=False),
        _field(
            "kind",
            pa.string(),
            "direct (a quoted sentence or clause), partial (a quoted fragment inside reported "
            "speech) or indirect (reported speech without marks).",
            nullable=False,
        ),
        _field("speaker", pa.string(), "The speaker as written, e.g. 'the source'."),
        _field("speaker_start", pa.int32(), "Offset of the speaker in articles.text."),
        _field("speaker_end", pa.int32(), "End of the speaker (exclusive)."),
        _field(
            "speaker_entity_id",
            pa.string(),
            "The canonical entity who spoke (entities.entity_id), through pronouns and "
            "descriptions ('he', 'the source') where the text supports it; else null.",
        ),
        _field("cue", pa.string(), "The reporting verb or phrase, e.g. 'said', 'according to'."),
        _field("cue_start", pa.int32(), "Offset of the cue in articles.text."),
        _field("cue_end", pa.int32(), "End of the cue (exclusive)."),
        _field("sentence_index", pa.int32(), "0-based sentence where the quotation starts.",
               nullable=False),
        _field("confidence", pa.float32(), "How sure the attribution is, 0–1.", nullable=False),
        MODEL_FIELD,
    ]
)  # fmt: skip

TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "rejected_inputs": REJECTED_INPUTS,
    "article_parses": ARTICLE_PARSES,
    "entity_mentions": ENTITY_MENTIONS,
    "article_entities": ARTICLE_ENTITIES,
    "entities": ENTITIES,
    "quotes": QUOTES,
}


def column_descriptions(schema: pa.Schema) -> dict[str, str]:
    """Field name → description, for UIs and generated docs."""
    return {f.name: (f.metadata or {}).get(DESCRIPTION, b"").decode() for f in schema}
