"""Entity assets: named-entity mentions read from the shared parse."""

from collections import Counter
from collections.abc import Iterator

import dagster as dg
import pyarrow as pa

from assets import constants as c
from assets.metadata import check_result, checked_outputs, table_metadata
from assets.partitions import article_batches
from newsextract import quality, schemas
from newsextract.entities import mentions_from_doc
from newsextract.nlp import doc_from_bytes


@dg.asset(
    name=c.ENTITY_MENTIONS,
    partitions_def=article_batches,
    group_name=c.ENTITIES_GROUP,
    kinds={"spacy", "parquet"},
    owners=[c.OWNER],
    check_specs=[
        dg.AssetCheckSpec(
            c.CHECK_MENTIONS_UNIQUE,
            asset=c.ENTITY_MENTIONS,
            blocking=True,
            description="mention_id is present and unique.",
        ),
        dg.AssetCheckSpec(
            c.CHECK_MENTIONS_SCHEMA,
            asset=c.ENTITY_MENTIONS,
            blocking=True,
            description="The table equals the declared schema.",
        ),
    ],
)
def entity_mentions(
    context: dg.AssetExecutionContext, article_parses: pa.Table
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """Every named-entity mention (PERSON, ORG, GPE, LOC, FAC, NORP, MISC) with its character
    offsets into articles.text, its sentence and the model that found it."""
    rows: list[dict] = []
    for article_id, model, blob in zip(
        article_parses.column("article_id").to_pylist(),
        article_parses.column("model").to_pylist(),
        article_parses.column("doc").to_pylist(),
        strict=True,
    ):
        rows.extend(
            mentions_from_doc(doc_from_bytes(blob), article_id, context.partition_key, model)
        )
    table = pa.Table.from_pylist(rows, schema=schemas.ENTITY_MENTIONS)
    results = [
        check_result(
            c.ENTITY_MENTIONS,
            c.CHECK_MENTIONS_UNIQUE,
            quality.unique_non_null(table, "mention_id"),
            blocking=True,
        ),
        check_result(
            c.ENTITY_MENTIONS,
            c.CHECK_MENTIONS_SCHEMA,
            quality.schema_matches(table, schemas.ENTITY_MENTIONS),
            blocking=True,
        ),
    ]
    labels = Counter(table.column("label").to_pylist())
    output = dg.Output(
        table,
        metadata={
            **table_metadata(table, schemas.ENTITY_MENTIONS),
            "mentions_by_label": dg.MetadataValue.json(dict(sorted(labels.items()))),
        },
    )
    yield from checked_outputs(results, [output])
