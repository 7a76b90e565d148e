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

_COUNTRY = (
    "ISO 3166-1 alpha-3 country of a place, nationality or national organisation, or of a "
    'person as the words before a mention describe them ("Syrian President ...").'
)
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
            "speech), indirect (reported speech without marks) or title (a name or title in "
            "marks, no speech: no speaker).",
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


def _actor_fields(role: str, example: str) -> list[pa.Field]:
    return [
        _field(f"{role}_actor", pa.string(), f"The {role} as written, e.g. {example}."),
        _field(f"{role}_start", pa.int32(), f"Offset of the {role} in articles.text."),
        _field(f"{role}_end", pa.int32(), f"End of the {role} (exclusive)."),
        _field(
            f"{role}_entity_id",
            pa.string(),
            f"The {role}'s canonical entity (entities.entity_id), through pronouns and "
            "descriptions where the text supports it; else null.",
        ),
        _field(
            f"{role}_country",
            pa.string(),
            "PLOVER actor country: ISO 3166-1 alpha-3, or IGO, UNO, EUR, NGO, MNC.",
        ),
        _field(f"{role}_sector", pa.string(), "PLOVER actor sector: GOV, MIL, REB, OPP, …"),
        _field(f"{role}_confidence", pa.float32(), f"How sure the {role} and its codes are, 0–1."),
    ]


EVENTS = pa.schema(
    [
        _field("event_id", pa.string(), "Stable ID: article, trigger and dyad.", nullable=False),
        ARTICLE_ID_FIELD,
        BATCH_FIELD,
        _field("event_type", pa.string(), "PLOVER event type (AGREE … ASSAULT).", nullable=False),
        _field("event_mode", pa.string(), "PLOVER mode of the type, e.g. 'seize', 'aerial'."),
        _field("trigger", pa.string(), "The word that states the event, as written.",
               nullable=False),
        _field("trigger_start", pa.int32(), "Offset of the trigger in articles.text.",
               nullable=False),
        _field("trigger_end", pa.int32(), "End of the trigger (exclusive).", nullable=False),
        _field("sentence_start", pa.int32(), "Offset of the trigger's sentence.", nullable=False),
        _field("sentence_end", pa.int32(), "End of the sentence (exclusive).", nullable=False),
        *_actor_fields("source", "'Syrian rebels'"),
        *_actor_fields("target", "'the capital, Damascus'"),
        _field("location", pa.string(), "Where it happened, as written (or the dateline place)."),
        _field("location_entity_id", pa.string(), "The place's canonical entity."),
        _field("location_country", pa.string(), "ISO 3166-1 alpha-3 of the place."),
        _field("latitude", pa.float64(), "Latitude (WGS84) of the place, from the gazetteer."),
        _field("longitude", pa.float64(), "Longitude (WGS84) of the place."),
        _field("location_confidence", pa.float32(), "How sure the place is, 0–1."),
        _field("event_date", pa.date32(), "When it happened (first day of the week, month or "
               "year at coarser precision); null when the article has no date."),
        _field("date_precision", pa.string(), "day, week, month or year."),
        _field("date_text", pa.string(), "The date expression used, e.g. 'on Sunday'; null when "
               "the publication date was used."),
        _field("date_confidence", pa.float32(), "How sure the date is, 0–1."),
        _field("negated", pa.bool_(), "Stated as not having happened ('did not grant').",
               nullable=False),
        _field("hypothetical", pa.bool_(), "Possible, conditional or intended ('may grant', "
               "'plans to attack').", nullable=False),
        _field("future", pa.bool_(), "Stated as going to happen ('will grant').", nullable=False),
        _field("quote_id", pa.string(), "The quotation the event is stated in (quotes.quote_id)."),
        _field("confidence", pa.float32(),
               "How sure the event's type is, 0–1: the event model's calibrated probability "
               "(the rules' weighing with NEWSEXTRACT_EVENT_MODEL=none).",
               nullable=False),
        MODEL_FIELD,
    ]
)  # fmt: skip


EVENT_CLUSTERS = pa.schema(
    [
        _field(
            "cluster_id",
            pa.string(),
            "One real-world event: the ID of its earliest report (stable across runs).",
            nullable=False,
        ),
        _field("report_count", pa.int32(), "Event rows (reports) in the cluster.", nullable=False),
        _field("article_count", pa.int32(), "Articles reporting it.", nullable=False),
        _field("first_date", pa.date32(), "Earliest event_date of its reports."),
        _field("last_date", pa.date32(), "Latest event_date of its reports."),
        *[
            EVENTS.field(name)
            for name in (
                "event_id", "article_id", "event_type", "trigger", "trigger_start",
                "trigger_end", "sentence_start", "sentence_end", "source_actor",
                "source_country", "target_actor", "target_country", "location",
                "location_country", "event_date", "date_precision", "confidence",
            )
        ],
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
    "events": EVENTS,
    "event_clusters": EVENT_CLUSTERS,
}


# One line per table, for docs/tables.md and the loader; the assets' descriptions say more.
TABLE_SUMMARIES: dict[str, str] = {
    "articles": "One row per article kept: its text (the input body verbatim) and metadata.",
    "rejected_inputs": "One row per input unit that did not become an article, with the reason.",
    "article_parses": "The spaCy parse of every article in the model's language, serialised.",
    "entity_mentions": "Every named-entity mention, with offsets into articles.text.",
    "article_entities": "Each canonical entity an article names, with its per-article facts.",
    "entities": "One row per canonical entity across every article.",
    "quotes": "Every quotation with its speaker, cue and offsets.",
    "events": "One row per source-target dyad of every PLOVER-coded event.",
    "event_clusters": "Every event row with the cluster of reports of the same event.",
}
# How the tables join: (table, column) → (table, column) it refers to.
REFERENCES: dict[tuple[str, str], tuple[str, str]] = {
    ("article_parses", "article_id"): ("articles", "article_id"),
    ("entity_mentions", "article_id"): ("articles", "article_id"),
    ("entity_mentions", "entity_id"): ("entities", "entity_id"),
    ("article_entities", "article_id"): ("articles", "article_id"),
    ("article_entities", "entity_id"): ("entities", "entity_id"),
    ("quotes", "article_id"): ("articles", "article_id"),
    ("quotes", "speaker_entity_id"): ("entities", "entity_id"),
    ("events", "article_id"): ("articles", "article_id"),
    ("events", "source_entity_id"): ("entities", "entity_id"),
    ("events", "target_entity_id"): ("entities", "entity_id"),
    ("events", "location_entity_id"): ("entities", "entity_id"),
    ("events", "quote_id"): ("quotes", "quote_id"),
    ("event_clusters", "event_id"): ("events", "event_id"),
    ("event_clusters", "article_id"): ("articles", "article_id"),
}


def column_descriptions(schema: pa.Schema) -> dict[str, str]:
    """Field name → description, for UIs and generated docs."""
    return {f.name: (f.metadata or {}).get(DESCRIPTION, b"").decode() for f in schema}
