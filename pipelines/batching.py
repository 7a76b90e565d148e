"""Scanning the input folder into batches: shared by the CLI, the sensor and the schedule."""

from __future__ import annotations

from dataclasses import dataclass

import dagster as dg

from assets.constants import ARTICLES, BATCH_PARTITIONS_NAME
from newsextract.batches import ScanPlan
from newsextract.tables import partition_file
from pipelines.resources import NewsFolders


@dataclass(frozen=True)
class BatchWork:
    plan: ScanPlan
    to_add: list[str]
    """Batch keys the Dagster instance does not know as partitions yet."""
    to_materialize: list[str]
    """New and stale batches, plus registered ones whose tables are missing (a failed run)."""


def scan_inputs(folders: NewsFolders, instance: dg.DagsterInstance) -> BatchWork:
    """Register new or changed input files as batches and say what must be (re)built.

    Writes batch manifests to the data folder; the caller adds the partitions to Dagster (the
    sensor through a request, the CLI and the schedule directly).
    """
    plan = folders.plan_scan()
    ledger = folders.ledger
    ledger.register(plan.new)
    known = set(instance.get_dynamic_partitions(BATCH_PARTITIONS_NAME))
    all_keys = [b.key for b in ledger.batches()]
    to_add = [k for k in all_keys if k not in known]
    wanted = list(plan.keys_to_materialize)
    wanted += [
        k
        for k in all_keys
        if k not in wanted and not partition_file(folders.data_path, ARTICLES, k).is_file()
    ]
    return BatchWork(plan=plan, to_add=to_add, to_materialize=wanted)
