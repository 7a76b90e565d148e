"""Event asset: PLOVER-coded events with actors, dates, places and modality, from the parse."""

from collections import Counter
from collections.abc import Iterable, Iterator

import dagster as dg
import pyarrow as pa
from spacy.tokens import Doc

from assets import constants as c
from assets.entities import ENTITIES_AUTOMATION as CORPUS_TABLE_AUTOMATION
from assets.metadata import check_result, checked_outputs, table_metadata
from assets.partitions import article_batches
from assets.reuse import KEPT_ARTICLES, extracted_rows
from newsextract.events.actors import ActorEntity
from newsextract.events.clusters import cluster_events
from newsextract.events.plover import DATE_PRECISIONS, EVENT_TYPES, SECTORS, actor_country_codes
from newsextract.events.scorer import load_event_model
from newsextract.events.table import article_events
from newsextract.tables import quality, schemas
from newsextract.tables.folders import maps_by_article
from newsextract.tables.quality import CheckOutcome
from pipelines.resources import NewsFolders, SpacyPipeline

EVENT_CHECKS = [
    (c.CHECK_EVENTS_UNIQUE, "event_id is present and unique."),
    (c.CHECK_EVENTS_SCHEMA, "The table equals the declared schema."),
    (
        c.CHECK_EVENT_OFFSETS,
        "Trigger, source and target offsets give their text in articles.text.",
    ),
    (
        c.CHECK_EVENT_CODES,
        "event_type is a PLOVER type; countries are ISO alpha-3 or PLOVER non-state codes; "
        "sectors and date precisions are allowed values.",
    ),
    (c.CHECK_EVENT_REFERENCES, "Entity ids exist in entities and quote ids in quotes."),
    (
        c.CHECK_EVENT_DATES,
        "No event is dated after its article's publication unless future or hypothetical.",
    ),
]


def event_check_outcomes(
    table: pa.Table, articles: pa.Table, entity_ids: Iterable[str], quote_ids: Iterable[str]
) -> dict[str, CheckOutcome]:
    """The outcome of every event check, by check name."""
    return {
        c.CHECK_EVENTS_UNIQUE: quality.unique_non_null(table, "event_id"),
        c.CHECK_EVENTS_SCHEMA: quality.schema_matches(table, schemas.EVENTS),
        c.CHECK_EVENT_OFFSETS: quality.all_of(
            [
                quality.offsets_match_text(
                    table, articles, start="trigger_start", end="trigger_end", text="trigger"
                ),
                quality.offsets_match_text(
                    table, articles, start="source_start", end="source_end", text="source_actor"
                ),
                quality.offsets_match_text(
                    table, articles, start="target_start", end="target_end", text="target_actor"
                ),
            ]
        ),
        c.CHECK_EVENT_CODES: quality.all_of(
            [
                quality.values_allowed(table, "event_type", EVENT_TYPES),
                quality.values_allowed(
                    table, "source_country", actor_country_codes(), allow_null=True
                ),
                quality.values_allowed(
                    table, "target_country", actor_country_codes(), allow_null=True
                ),
                quality.values_allowed(table, "source_sector", SECTORS, allow_null=True),
                quality.values_allowed(table, "target_sector", SECTORS, allow_null=True),
                quality.values_allowed(table, "date_precision", DATE_PRECISIONS, allow_null=True),
            ]
        ),
        c.CHECK_EVENT_REFERENCES: quality.all_of(
            [
                quality.references_exist(table, column, entity_ids, "entities")
                for column in ("source_entity_id", "target_entity_id", "location_entity_id")
            ]
            + [quality.references_exist(table, "quote_id", quote_ids, "quotes")]
        ),
        c.CHECK_EVENT_DATES: quality.dated_by_publication(table, articles),
    }


@dg.asset(
    name=c.EVENTS,
    partitions_def=article_batches,
    group_name=c.EVENTS_GROUP,
    kinds={"spacy", "parquet"},
    owners=[c.OWNER],
    check_specs=[
        dg.AssetCheckSpec(name, asset=c.EVENTS, blocking=True, description=description)
        for name, description in EVENT_CHECKS
    ],
)
def events(
    context: dg.AssetExecutionContext,
    article_parses: pa.Table,
    entity_mentions: pa.Table,
    article_entities: pa.Table,
    quotes: pa.Table,
    articles: pa.Table,
    nlp_pipeline: SpacyPipeline,
    news_folders: NewsFolders,
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """Who did what to whom, when and where: one row per source–target dyad of every event,
    coded in PLOVER (16 types with modes; actors by country and sector), with the trigger's
    offsets, the date resolved against publication ("on Sunday"), the place (with gazetteer
    coordinates), negation, hypothetical and future marks, the quotation it is stated in, and
    confidences. The rule coder proposes the rows; the event model keeps those whose type it
    believes, its probability as `confidence` (docs/events_model.md)."""
    # Each article's own entity rows: an entity's name can differ between articles, and an
    # article's events must not depend on which articles share its batch.
    known = maps_by_article(article_entities, "entity_id")
    by_article: dict[str, list[ActorEntity]] = {}
    for m in entity_mentions.to_pylist():
        entity = known.get(m["article_id"], {}).get(m["entity_id"], {})
        by_article.setdefault(m["article_id"], []).append(
            ActorEntity(
                m["start"],
                m["end"],
                m["entity_id"],
                m["label"],
                entity.get("name", m["text"]),
                entity.get("country"),
            )
        )
    places = {
        article_id: {e: (row["latitude"], row["longitude"]) for e, row in rows.items()}
        for article_id, rows in known.items()
    }
    quotes_by_article: dict[str, list[dict]] = {}
    for q in quotes.select(["quote_id", "article_id", "start", "end"]).to_pylist():
        quotes_by_article.setdefault(q["article_id"], []).append(q)
    info = {
        row["article_id"]: row
        for row in articles.select(["article_id", "published_at", "dateline_place"]).to_pylist()
    }

    event_model = load_event_model()

    def extract(article_id: str, model: str, doc: Doc) -> list[dict]:
        article = info.get(article_id, {})
        return article_events(
            doc,
            article_id,
            context.partition_key,
            # The rows are the parse's and the event model's work.
            f"{model}+{event_model.name}" if event_model is not None else model,
            by_article.get(article_id, []),
            quotes_by_article.get(article_id, []),
            article.get("published_at"),
            places.get(article_id, {}),
            article.get("dateline_place"),
            event_model,
        )

    table, kept_articles = extracted_rows(
        context, news_folders, nlp_pipeline, article_parses, c.EVENTS, schemas.EVENTS, extract
    )
    outcomes = event_check_outcomes(
        table,
        articles,
        article_entities.column("entity_id").to_pylist(),
        quotes.column("quote_id").to_pylist(),
    )
    results = [
        check_result(c.EVENTS, name, outcomes[name], blocking=True) for name, _ in EVENT_CHECKS
    ]
    types = Counter(table.column("event_type").to_pylist())
    output = dg.Output(
        table,
        metadata={
            **table_metadata(table, schemas.EVENTS),
            "events_by_type": dg.MetadataValue.json(dict(sorted(types.items()))),
            "with_source_country": sum(1 for v in table.column("source_country").to_pylist() if v),
            KEPT_ARTICLES: kept_articles,
        },
    )
    yield from checked_outputs(results, [output])


CLUSTER_CHECKS = [
    (c.CHECK_CLUSTERS_SCHEMA, "The table equals the declared schema."),
    (
        c.CHECK_CLUSTERS_KEEP_EVERY_REPORT,
        "Every event row of every batch is a report of exactly one cluster: nothing discarded.",
    ),
]


@dg.asset(
    name=c.EVENT_CLUSTERS,
    ins={c.EVENTS: dg.AssetIn(metadata={"allow_missing_partitions": True})},
    group_name=c.EVENTS_GROUP,
    kinds={"pandas", "parquet"},
    owners=[c.OWNER],
    automation_condition=CORPUS_TABLE_AUTOMATION,
    check_specs=[
        dg.AssetCheckSpec(name, asset=c.EVENT_CLUSTERS, blocking=True, description=description)
        for name, description in CLUSTER_CHECKS
    ],
)
def event_clusters(
    context: dg.AssetExecutionContext, events: dict[str, pa.Table]
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """The same real-world event reported by several articles, grouped: one row per report
    (every event row of every batch, with its article and offsets), carrying its cluster's
    ID, report and article counts and date range. Reports match on type, negation, source
    and target (entity, else country), place and dates within the coarser precision."""
    table = cluster_events(events.values())
    event_ids = [e for t in events.values() for e in t.column("event_id").to_pylist()]
    clusters = len(set(table.column("cluster_id").to_pylist()))
    context.log.info(f"{table.num_rows} reports in {clusters} clusters")
    outcomes = {
        c.CHECK_CLUSTERS_SCHEMA: quality.schema_matches(table, schemas.EVENT_CLUSTERS),
        c.CHECK_CLUSTERS_KEEP_EVERY_REPORT: quality.same_keys(
            table, "event_id", event_ids, "events"
        ),
    }
    results = [
        check_result(c.EVENT_CLUSTERS, name, outcomes[name], blocking=True)
        for name, _ in CLUSTER_CHECKS
    ]
    output = dg.Output(
        table,
        metadata={
            **table_metadata(table, schemas.EVENT_CLUSTERS),
            "clusters": clusters,
            "clusters_with_several_articles": len(
                {
                    cid
                    for cid, n in zip(
                        table.column("cluster_id").to_pylist(),
                        table.column("article_count").to_pylist(),
                        strict=True,
                    )
                    if n > 1
                }
            ),
        },
    )
    yield from checked_outputs(results, [output])
