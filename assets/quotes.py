"""Quote asset: quotations with their speakers and cues, read from the shared parse."""

from collections import Counter
from collections.abc import Iterator

import dagster as dg
import pyarrow as pa
from spacy.tokens import Doc

from assets import constants as c
from assets.metadata import check_result, checked_outputs, table_metadata
from assets.partitions import article_batches
from assets.reuse import KEPT_ARTICLES, extracted_rows
from newsextract.quotes.table import article_quotes
from newsextract.tables import quality, schemas
from newsextract.tables.folders import column_map, maps_by_article
from pipelines.resources import NewsFolders, QuoteSettings, SpacyPipeline

QUOTE_CHECKS = [
    (c.CHECK_QUOTES_UNIQUE, "quote_id is present and unique."),
    (c.CHECK_QUOTES_SCHEMA, "The table equals the declared schema."),
    (c.CHECK_QUOTE_OFFSETS, "For every quote, articles.text[start:end] == text."),
    (
        c.CHECK_SPEAKER_OFFSETS,
        "Where a speaker is given, articles.text[speaker_start:speaker_end] == speaker.",
    ),
    (c.CHECK_SPEAKER_ENTITIES, "Every speaker_entity_id is in entities."),
]


@dg.asset(
    name=c.QUOTES,
    partitions_def=article_batches,
    group_name=c.QUOTES_GROUP,
    kinds={"spacy", "parquet"},
    owners=[c.OWNER],
    check_specs=[
        dg.AssetCheckSpec(name, asset=c.QUOTES, blocking=True, description=description)
        for name, description in QUOTE_CHECKS
    ],
)
def quotes(
    context: dg.AssetExecutionContext,
    article_parses: pa.Table,
    entity_mentions: pa.Table,
    article_entities: pa.Table,
    articles: pa.Table,
    quote_settings: QuoteSettings,
    nlp_pipeline: SpacyPipeline,
    news_folders: NewsFolders,
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """Every quotation (direct, or partial: a quoted fragment inside reported speech) with
    its speaker as written, the canonical entity who spoke (through pronouns and
    descriptions), the reporting cue, offsets into articles.text and a confidence; a name or
    title in marks is kept as kind title, with no speaker. With the quote_settings resource's
    reported_speech on, also reported speech without marks (indirect)."""
    # Each article's own entity rows: an entity's name can differ between articles, and an
    # article's quotes must not depend on which articles share its batch.
    names_in = maps_by_article(article_entities, "entity_id", "name")
    by_article: dict[str, list[dict]] = {}
    for row in entity_mentions.to_pylist():
        by_article.setdefault(row["article_id"], []).append(row)

    def extract(article_id: str, model: str, doc: Doc) -> list[dict]:
        return article_quotes(
            doc,
            article_id,
            context.partition_key,
            model,
            by_article.get(article_id, []),
            names_in.get(article_id, {}),
            reported_speech=quote_settings.reported_speech,
        )

    table, kept_articles = extracted_rows(
        context, news_folders, nlp_pipeline, article_parses, c.QUOTES, schemas.QUOTES, extract
    )
    outcomes = {
        c.CHECK_QUOTES_UNIQUE: quality.unique_non_null(table, "quote_id"),
        c.CHECK_QUOTES_SCHEMA: quality.schema_matches(table, schemas.QUOTES),
        c.CHECK_QUOTE_OFFSETS: quality.offsets_match_text(table, articles),
        c.CHECK_SPEAKER_OFFSETS: quality.offsets_match_text(
            table, articles, start="speaker_start", end="speaker_end", text="speaker"
        ),
        c.CHECK_SPEAKER_ENTITIES: quality.references_exist(
            table, "speaker_entity_id", article_entities.column("entity_id").to_pylist(), "entities"
        ),
    }
    results = [
        check_result(c.QUOTES, name, outcomes[name], blocking=True) for name, _ in QUOTE_CHECKS
    ]
    kinds = Counter(table.column("kind").to_pylist())
    speakers = Counter(s for s in table.column("speaker_entity_id").to_pylist() if s)
    names = column_map(article_entities, "entity_id", "name")
    output = dg.Output(
        table,
        metadata={
            **table_metadata(table, schemas.QUOTES),
            "quotes_by_kind": dg.MetadataValue.json(dict(sorted(kinds.items()))),
            "with_speaker_entity": sum(speakers.values()),
            "top_speakers": dg.MetadataValue.md(
                "\n".join(f"- {names[e]}: {n}" for e, n in speakers.most_common(10))
                or "_no linked speakers_"
            ),
            KEPT_ARTICLES: kept_articles,
        },
    )
    yield from checked_outputs(results, [output])
