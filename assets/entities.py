"""Entity assets: mentions read from the shared parse, linked to canonical entities.

Per batch, ``entity_mentions`` (every mention) and ``article_entities`` (each entity an article
names, with its per-article name, type, country and coordinates); over all batches,
``entities`` (one row per canonical entity, with counts and first/last seen times).
"""

from collections import Counter
from collections.abc import Iterator

import dagster as dg
import pyarrow as pa

from assets import constants as c
from assets.metadata import check_result, checked_outputs, table_metadata
from assets.partitions import article_batches
from assets.reuse import KEPT_ARTICLES, rows_to_keep
from newsextract.entities.table import ENTITY_LABELS, aggregate_entities, article_entities
from newsextract.nlp.pipeline import over_stored_parses
from newsextract.tables import quality, schemas
from newsextract.tables.folders import column_map
from newsextract.tables.reuse import EarlierRows
from pipelines.resources import NewsFolders, SpacyPipeline

MENTION_CHECKS = [
    (c.ENTITY_MENTIONS, c.CHECK_MENTIONS_UNIQUE, "mention_id is present and unique."),
    (c.ENTITY_MENTIONS, c.CHECK_MENTIONS_SCHEMA, "The table equals the declared schema."),
    (
        c.ENTITY_MENTIONS,
        c.CHECK_MENTION_OFFSETS,
        "For every mention, articles.text[start:end] == text.",
    ),
    (c.ENTITY_MENTIONS, c.CHECK_MENTION_ARTICLES, "Every article_id is in articles."),
    (
        c.ENTITY_MENTIONS,
        c.CHECK_MENTION_ENTITIES,
        "Every entity_id is in article_entities (and so in entities).",
    ),
    (c.ENTITY_MENTIONS, c.CHECK_MENTION_LABELS, f"label is one of {sorted(ENTITY_LABELS)}."),
    (c.ARTICLE_ENTITIES, c.CHECK_ARTICLE_ENTITIES_SCHEMA, "The table equals the declared schema."),
    (
        c.ARTICLE_ENTITIES,
        c.CHECK_ARTICLE_ENTITIES_MENTIONED,
        "Every entity of an article has at least one mention in entity_mentions.",
    ),
]
ENTITY_CHECKS = [
    (c.CHECK_ENTITIES_UNIQUE, "entity_id is present and unique."),
    (c.CHECK_ENTITIES_SCHEMA, "The table equals the declared schema."),
    (
        c.CHECK_ENTITIES_MENTIONED,
        "No entity without mentions: mention_count and article_count ≥ 1.",
    ),
    (c.CHECK_ENTITY_LABELS, f"label is one of {sorted(ENTITY_LABELS)}."),
]

# Recompute the corpus-wide table whenever a batch's entities change, even while other batches
# are missing (a failed batch must not freeze it); never while a batch is still running.
ENTITIES_AUTOMATION = (
    (
        dg.AutomationCondition.newly_missing() | dg.AutomationCondition.any_deps_updated()
    ).since_last_handled()
    & ~dg.AutomationCondition.any_deps_in_progress()
    & ~dg.AutomationCondition.in_progress()
).with_label("eager, tolerating missing batches")


@dg.multi_asset(
    outs={
        c.ENTITY_MENTIONS: dg.AssetOut(
            description=(
                "Every named-entity mention (PERSON, ORG, GPE, LOC, FAC, NORP, MISC) with its "
                "character offsets into articles.text, its sentence, the canonical entity it "
                "names (entity_id) and the model that found it."
            ),
            group_name=c.ENTITIES_GROUP,
            kinds={"spacy", "parquet"},
            owners=[c.OWNER],
        ),
        c.ARTICLE_ENTITIES: dg.AssetOut(
            description=(
                "Each canonical entity an article names: its name and type in that article, "
                "country, coordinates, mention count and spellings. The per-batch input of "
                "`entities`, and a handy article × entity table."
            ),
            group_name=c.ENTITIES_GROUP,
            kinds={"python", "parquet"},
            owners=[c.OWNER],
        ),
    },
    partitions_def=article_batches,
    check_specs=[
        dg.AssetCheckSpec(name, asset=asset, blocking=True, description=description)
        for asset, name, description in MENTION_CHECKS
    ],
)
def entity_mentions(
    context: dg.AssetExecutionContext,
    article_parses: pa.Table,
    articles: pa.Table,
    nlp_pipeline: SpacyPipeline,
    news_folders: NewsFolders,
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """Read the batch's parses into entity mentions and link them to canonical entities."""
    published = column_map(articles, "article_id", "published_at")
    ids = article_parses.column("article_id").to_pylist()
    kept_mentions = rows_to_keep(
        context, news_folders, c.ENTITY_MENTIONS, schemas.ENTITY_MENTIONS, ids
    )
    # An article's entities come from its mentions: the same articles have earlier rows.
    kept_entities = rows_to_keep(
        context, news_folders, c.ARTICLE_ENTITIES, schemas.ARTICLE_ENTITIES, ids
    )
    if kept_entities.articles != kept_mentions.articles:
        kept_mentions = EarlierRows.none(schemas.ENTITY_MENTIONS)
        kept_entities = EarlierRows.none(schemas.ARTICLE_ENTITIES)
    to_read = kept_mentions.still_to_extract(article_parses)
    per_article = over_stored_parses(
        to_read,
        lambda article_id, model, doc: article_entities(
            doc, article_id, context.partition_key, model, published[article_id]
        ),
        nlp_pipeline.processes_for(to_read.num_rows),
    )
    mention_rows = [row for mentions, _ in per_article for row in mentions]
    entity_rows = [row for _, entities in per_article for row in entities]
    mentions_table = kept_mentions.with_new(
        pa.Table.from_pylist(mention_rows, schema=schemas.ENTITY_MENTIONS), ids
    )
    entities_table = kept_entities.with_new(
        pa.Table.from_pylist(entity_rows, schema=schemas.ARTICLE_ENTITIES), ids
    )
    entity_keys = set(entities_table.column("entity_id").to_pylist())
    mentioned = set(mentions_table.column("entity_id").to_pylist())
    outcomes = {
        c.CHECK_MENTIONS_UNIQUE: quality.unique_non_null(mentions_table, "mention_id"),
        c.CHECK_MENTIONS_SCHEMA: quality.schema_matches(mentions_table, schemas.ENTITY_MENTIONS),
        c.CHECK_MENTION_OFFSETS: quality.offsets_match_text(mentions_table, articles),
        c.CHECK_MENTION_ARTICLES: quality.references_exist(
            mentions_table, "article_id", published, "articles"
        ),
        c.CHECK_MENTION_ENTITIES: quality.references_exist(
            mentions_table, "entity_id", entity_keys, "article_entities"
        ),
        c.CHECK_MENTION_LABELS: quality.values_allowed(mentions_table, "label", ENTITY_LABELS),
        c.CHECK_ARTICLE_ENTITIES_SCHEMA: quality.schema_matches(
            entities_table, schemas.ARTICLE_ENTITIES
        ),
        c.CHECK_ARTICLE_ENTITIES_MENTIONED: quality.references_exist(
            entities_table, "entity_id", mentioned, "entity_mentions"
        ),
    }
    results = [
        check_result(asset, name, outcomes[name], blocking=True)
        for asset, name, _ in MENTION_CHECKS
    ]
    labels = Counter(mentions_table.column("label").to_pylist())
    outputs = [
        dg.Output(
            mentions_table,
            output_name=c.ENTITY_MENTIONS,
            metadata={
                **table_metadata(mentions_table, schemas.ENTITY_MENTIONS),
                "mentions_by_label": dg.MetadataValue.json(dict(sorted(labels.items()))),
                KEPT_ARTICLES: len(kept_mentions.articles),
            },
        ),
        dg.Output(
            entities_table,
            output_name=c.ARTICLE_ENTITIES,
            metadata=table_metadata(entities_table, schemas.ARTICLE_ENTITIES),
        ),
    ]
    yield from checked_outputs(results, outputs)


@dg.asset(
    name=c.ENTITIES,
    ins={c.ARTICLE_ENTITIES: dg.AssetIn(metadata={"allow_missing_partitions": True})},
    group_name=c.ENTITIES_GROUP,
    kinds={"pandas", "parquet"},
    owners=[c.OWNER],
    automation_condition=ENTITIES_AUTOMATION,
    check_specs=[
        dg.AssetCheckSpec(name, asset=c.ENTITIES, blocking=True, description=description)
        for name, description in ENTITY_CHECKS
    ],
)
def entities(
    context: dg.AssetExecutionContext, article_entities: dict[str, pa.Table]
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """One row per canonical entity across every article: canonical name, type, spellings,
    country (ISO alpha-3), coordinates of places, mention and article counts, first and last
    seen. The same thing has the same entity_id in every batch and run."""
    table = aggregate_entities(article_entities.values())
    context.log.info(f"{table.num_rows} entities from {len(article_entities)} batches")
    counts = quality.at_least(table, "mention_count", 1)
    articles_counted = quality.at_least(table, "article_count", 1)
    outcomes = {
        c.CHECK_ENTITIES_UNIQUE: quality.unique_non_null(table, "entity_id"),
        c.CHECK_ENTITIES_SCHEMA: quality.schema_matches(table, schemas.ENTITIES),
        c.CHECK_ENTITIES_MENTIONED: counts if not counts.passed else articles_counted,
        c.CHECK_ENTITY_LABELS: quality.values_allowed(table, "label", ENTITY_LABELS),
    }
    results = [
        check_result(c.ENTITIES, name, outcomes[name], blocking=True) for name, _ in ENTITY_CHECKS
    ]
    top = table.sort_by([("mention_count", "descending")]).slice(0, 10)
    output = dg.Output(
        table,
        metadata={
            **table_metadata(table, schemas.ENTITIES),
            "entities_by_label": dg.MetadataValue.json(
                dict(sorted(Counter(table.column("label").to_pylist()).items()))
            ),
            "top_entities": dg.MetadataValue.md(
                "\n".join(
                    f"- {row['name']} ({row['label']}): {row['mention_count']} mentions"
                    for row in top.select(["name", "label", "mention_count"]).to_pylist()
                )
                or "_no entities_"
            ),
        },
    )
    yield from checked_outputs(results, [output])
