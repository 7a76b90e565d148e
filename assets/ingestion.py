"""Ingestion assets: input files of one batch → ``articles`` and ``rejected_inputs``."""
# No `from __future__ import annotations`: Dagster reads the context type hints at definition time.

from collections.abc import Iterator
from datetime import UTC, datetime

import dagster as dg

from assets import constants as c
from assets.metadata import check_result, checked_outputs, table_metadata
from assets.partitions import article_batches
from newsextract.ingest.articles import read_batch
from newsextract.tables import quality, schemas
from newsextract.tables.folders import articles_outside
from pipelines.resources import NewsFolders

# (asset, check name, blocking). Blocking checks guard what flows downstream: they run on the
# tables in memory before anything is written, and a failure stops the step, so bad rows never
# land in the data folder.
INGESTION_CHECKS: list[tuple[str, str, bool, str]] = [
    (
        c.ARTICLES,
        c.CHECK_UNIQUE_ARTICLE_ID,
        True,
        "article_id is present and unique across batches.",
    ),
    (c.ARTICLES, c.CHECK_ARTICLES_SCHEMA, True, "The table equals the declared pyarrow schema."),
    (
        c.ARTICLES,
        c.CHECK_INPUTS_ACCOUNTED,
        True,
        "Every input file is an article or a rejected row.",
    ),
    (c.ARTICLES, c.CHECK_PUBLISHED_NOT_FUTURE, True, "No published_at lies in the future."),
    (c.ARTICLES, c.CHECK_TEXT_NOT_EMPTY, True, "No article has empty or whitespace-only text."),
    (c.REJECTED_INPUTS, c.CHECK_UNIQUE_REJECTED_ID, True, "rejected_id is present and unique."),
    (c.REJECTED_INPUTS, c.CHECK_REJECTED_SCHEMA, True, "The table equals the declared schema."),
]


@dg.multi_asset(
    outs={
        c.ARTICLES: dg.AssetOut(
            description=(
                "One row per article read from the input folder: text verbatim, title, source, "
                "URL, publication date (UTC, with its precision), dateline place, language. "
                "The same article arriving twice appears once."
            ),
            group_name=c.INGESTION_GROUP,
            kinds={"python", "parquet"},
            owners=[c.OWNER],
        ),
        c.REJECTED_INPUTS: dg.AssetOut(
            description=(
                "Every input file, JSON element or JSONL line that could not become an article, "
                "with its size and the reason: nothing is dropped silently."
            ),
            group_name=c.INGESTION_GROUP,
            kinds={"python", "parquet"},
            owners=[c.OWNER],
        ),
    },
    partitions_def=article_batches,
    check_specs=[
        dg.AssetCheckSpec(name, asset=asset, blocking=blocking, description=description)
        for asset, name, blocking, description in INGESTION_CHECKS
    ],
)
def ingest_articles(
    context: dg.AssetExecutionContext, news_folders: NewsFolders
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """Read the input files of one batch (partition) into articles and rejected inputs."""
    key = context.partition_key
    batch, files = news_folders.ledger.current_files(key)
    now = datetime.now(UTC)
    result = read_batch(
        batch.input_root,
        files,
        batch=key,
        kept_elsewhere=lambda: articles_outside(
            news_folders.data_path, key, news_folders.ledger.held_paths()
        ),
        options=news_folders.read_options,
        now=now,
    )
    articles, rejected = result.articles, result.rejected
    outcomes = {
        c.CHECK_UNIQUE_ARTICLE_ID: quality.unique_non_null(articles, "article_id"),
        c.CHECK_ARTICLES_SCHEMA: quality.schema_matches(articles, schemas.ARTICLES),
        c.CHECK_INPUTS_ACCOUNTED: quality.inputs_accounted(
            [f.path for f in files], articles, rejected
        ),
        c.CHECK_PUBLISHED_NOT_FUTURE: quality.not_in_future(articles, "published_at", now=now),
        c.CHECK_TEXT_NOT_EMPTY: quality.non_empty_text(articles),
        c.CHECK_UNIQUE_REJECTED_ID: quality.unique_non_null(rejected, "rejected_id"),
        c.CHECK_REJECTED_SCHEMA: quality.schema_matches(rejected, schemas.REJECTED_INPUTS),
    }
    results = [
        check_result(asset, name, outcomes[name], blocking=blocking)
        for asset, name, blocking, _ in INGESTION_CHECKS
    ]
    context.log.info(
        f"batch {key}: {len(files)} files -> {articles.num_rows} articles, "
        f"{rejected.num_rows} rejected {result.counts_by_reason or ''}"
    )
    outputs = [
        dg.Output(
            articles,
            output_name=c.ARTICLES,
            metadata={
                **table_metadata(articles, schemas.ARTICLES),
                "input_files": len(files),
                "input_root": batch.input_root,
            },
        ),
        dg.Output(
            rejected,
            output_name=c.REJECTED_INPUTS,
            metadata={
                **table_metadata(rejected, schemas.REJECTED_INPUTS),
                "reasons": dg.MetadataValue.json(result.counts_by_reason),
            },
        ),
    ]
    yield from checked_outputs(results, outputs)
