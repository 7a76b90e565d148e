"""Partitioning: one dynamic partition per input batch (see docs/architecture.md)."""

import dagster as dg

from assets.constants import BATCH_PARTITIONS_NAME

article_batches = dg.DynamicPartitionsDefinition(name=BATCH_PARTITIONS_NAME)
