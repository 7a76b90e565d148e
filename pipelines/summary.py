"""What ``newsextract run`` prints: a line per batch, the corpus tables' line and the closing
count of rows in every table."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from newsextract.tables.folders import partition_files

if TYPE_CHECKING:
    from pipelines.runners import BatchOutcome


def parquet_rows(path: Path) -> int:
    """Rows of one Parquet file; 0 when there is none."""
    # pyarrow is imported here, not at the top: the process that hands batches to workers
    # never loads it (about 90 MB).
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows if path.is_file() else 0


def table_rows(data_dir: Path) -> dict[str, int]:
    from newsextract.tables.schemas import TABLES

    return {name: sum(parquet_rows(p) for p in partition_files(data_dir, name)) for name in TABLES}


def batch_line(done: BatchOutcome, position: int, total: int) -> str:
    """``[3/12] batch-…: ok, 500 articles, 2 rejected (41.0 s, run 1a2b3c4d)``."""
    what = (
        f"{done.articles} articles, {done.rejected} rejected "
        f"({done.seconds:.1f} s, run {done.run_id[:8]})"
        if done.error is None
        else f"{done.error} ({done.seconds:.1f} s); the next run rebuilds it"
    )
    status = "ok" if done.success else "FAILED"
    return f"[{position}/{total}] {done.key}: {status}, {what}"


def corpus_tables_line(success: bool, run_id: str, seconds: float) -> str:
    return (
        f"corpus tables (entities, event_clusters): {'ok' if success else 'FAILED'} "
        f"({seconds:.1f} s, run {run_id[:8]})"
    )


def done_line(seconds: float, data_dir: Path, failures: int) -> str:
    """The closing line: time, rows of every table, and the failures if any."""
    rows = table_rows(data_dir)
    return (
        f"done in {seconds:.1f} s: "
        + ", ".join(f"{name} {n} rows" for name, n in rows.items())
        + f" in {data_dir}"
        + (f"; {failures} FAILED (see above and the Dagster UI)" if failures else "")
    )
