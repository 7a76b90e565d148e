"""Scanning the input folder into batches: shared by the CLI, the sensor and the schedule."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import dagster as dg

from assets.constants import ARTICLES, BATCH_PARTITIONS_NAME
from newsextract.ingest.batches import Batch, BatchLedger, ScanPlan
from newsextract.readers.options import FORMAT_BY_SUFFIX
from newsextract.tables.data_lock import DataFolderBusy, DataFolderLock
from newsextract.tables.folders import partition_file
from pipelines.resources import NewsFolders


@dataclass(frozen=True)
class BatchWork:
    plan: ScanPlan
    to_add: list[str]
    """Batch keys the Dagster instance does not know as partitions yet."""
    to_materialize: list[str]
    """New and stale batches, plus registered ones whose tables are missing (a failed run)."""
    registered: list[str]
    """Every batch key in the ledger, oldest registration first."""


def scan_unless_busy(folders: NewsFolders, instance: dg.DagsterInstance) -> BatchWork | str:
    """:func:`scan_inputs` for the sensor and the schedule, under the data folder's lock: while
    a ``newsextract run`` holds the folder they must not register batches (both scans would
    register the same new files). Returns why it skipped instead when the folder is busy."""
    try:
        with DataFolderLock(folders.data_path, wait=False):
            return scan_inputs(folders, instance)
    except DataFolderBusy as busy:
        return f"{busy}; looking again at the next evaluation"


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
    return BatchWork(plan=plan, to_add=to_add, to_materialize=wanted, registered=all_keys)


def estimated_articles(batch: Batch) -> int:
    """Articles a batch will hold, guessed without parsing them: a JSONL file's lines (the
    readers' suffix rule), one for any other file. Bytes are a poor guess: an HTML page is
    mostly markup."""
    total = 0
    for f in batch.files:
        if FORMAT_BY_SUFFIX.get(PurePosixPath(f.path).suffix.lower()) == "jsonl":
            try:
                with (Path(batch.input_root) / f.path).open("rb") as handle:
                    total += sum(
                        chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b"")
                    )
            except OSError:  # gone since the scan: the run will report it
                total += 1
        else:
            total += 1
    return total


def largest_first(keys: list[str], ledger: BatchLedger) -> list[str]:
    """Batch keys, the most articles first: when batches run side by side, a big batch started
    last would leave the other cores idle while it finishes."""
    size = {key: estimated_articles(ledger.get(key)) for key in keys}
    return sorted(keys, key=lambda key: (-size[key], key))
