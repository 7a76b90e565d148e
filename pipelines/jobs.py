"""Jobs: one that materialises every asset for one input batch (partition of article_batches)."""

import dagster as dg

MATERIALIZE_ALL_JOB = "materialize_all"

materialize_all_job = dg.define_asset_job(
    MATERIALIZE_ALL_JOB,
    selection=dg.AssetSelection.all(),
    description="Every asset and check for one input batch, from raw files to tables.",
)
