"""Jobs: one for an input batch (a partition of article_batches), one for corpus-wide tables."""

import dagster as dg

from assets.constants import ENTITIES, EVENT_CLUSTERS

MATERIALIZE_ALL_JOB = "materialize_all"
UPDATE_CORPUS_TABLES_JOB = "update_corpus_tables"

# Assets that summarise every batch: not partitioned, so they run in a job of their own.
CORPUS_ASSETS = dg.AssetSelection.assets(ENTITIES, EVENT_CLUSTERS)

materialize_all_job = dg.define_asset_job(
    MATERIALIZE_ALL_JOB,
    selection=dg.AssetSelection.all() - CORPUS_ASSETS,
    description="Every per-batch asset and check for one input batch, from raw files to tables.",
)

update_corpus_tables_job = dg.define_asset_job(
    UPDATE_CORPUS_TABLES_JOB,
    selection=CORPUS_ASSETS,
    description="Corpus-wide tables (entities, event_clusters) rebuilt from every batch's tables.",
)
