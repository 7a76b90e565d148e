"""Duplicate articles across batches, settled after the batches of a run are built.

Batches that run side by side cannot see each other's copies of one article; the rule that the
copy from the earliest input place is kept is enforced here, by rebuilding batches.
"""

from __future__ import annotations

from pathlib import Path

from newsextract.ingest.batches import BatchLedger
from newsextract.tables.folders import batches_keeping_later_copies, batches_missing_kept_copies
from pipelines.runners import Runner, materialize_batches

# Each pass moves every duplicate article's kept copy to an earlier place; more than one pass is
# needed only when several batches rejected copies of an article whose kept copy is gone.
MAX_DUPLICATE_PASSES = 3


def settle_duplicates(
    runner: Runner,
    data_dir: Path,
    ledger: BatchLedger,
    fingerprint: str,
    built: set[str],
) -> int:
    """Rebuild the batches whose duplicate articles are kept from the wrong place; returns the
    failed batches. ``built``: the batches this run has built so far; their rebuilds keep the
    rows of the articles they still hold (:mod:`newsextract.tables.reuse`), from the same files,
    settings and code minutes before.

    Batches side by side cannot see each other's copy of a duplicate article: the copy read
    from the later place is dropped by rebuilding its batch, so the tables do not depend on
    which batch ran first. A batch that rejected its copy because another batch kept one,
    which that batch no longer does (its input changed, or was deleted and its batch rebuilt),
    is rebuilt to keep its own.
    """
    failures = 0
    for _ in range(MAX_DUPLICATE_PASSES):
        later = batches_keeping_later_copies(data_dir, ledger.held_paths())
        lost = batches_missing_kept_copies(data_dir)
        stale = sorted(later | lost)
        if not stale:
            break
        print(
            f"rebuilding {len(stale)} batches for duplicate articles ({len(later)} keep "
            f"a copy read from a later place than another batch's, {len(lost)} "
            "rejected a copy no batch keeps now)",
            flush=True,
        )
        for key in stale:
            ledger.clear_done(key)
        failures += materialize_batches(runner, stale, ledger, fingerprint, reuse_rows=built)
        if failures:
            break
        built.update(stale)
    return failures
