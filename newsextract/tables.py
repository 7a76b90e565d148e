"""Where the tables live in a data folder.

Layout: ``<data>/<table>/<batch>.parquet``, one file per batch (Dagster partition), every file
with the table's full schema and the batch key as a column, so ``pandas.read_parquet(
"<data>/<table>")`` and DuckDB's ``read_parquet('<data>/<table>/**/*.parquet')`` read the whole
table.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from newsextract.storage import safe_file_stem

if TYPE_CHECKING:
    import pyarrow as pa

# pyarrow is imported where tables are read: the CLI process that only hands out batches
# (pipelines/cli.py) uses the paths here and stays without it.

PARQUET_SUFFIX = ".parquet"


def table_dir(data_dir: Path, table: str) -> Path:
    return Path(data_dir) / table


def partition_file(data_dir: Path, table: str, batch: str) -> Path:
    return table_dir(data_dir, table) / f"{safe_file_stem(batch)}{PARQUET_SUFFIX}"


def partition_files(data_dir: Path, table: str) -> list[Path]:
    folder = table_dir(data_dir, table)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"*{PARQUET_SUFFIX}") if not p.name.startswith("."))


def column_map(table: pa.Table, key: str, value: str) -> dict:
    """``{row[key]: row[value]}`` over a table's rows."""
    return dict(zip(table.column(key).to_pylist(), table.column(value).to_pylist(), strict=True))


def article_ids_outside(data_dir: Path, batch: str) -> set[str]:
    """IDs of the articles kept by every batch but ``batch``: the cross-batch duplicate guard."""
    own = partition_file(data_dir, "articles", batch)
    others = [p for p in partition_files(data_dir, "articles") if p != own]
    if not others:
        return set()
    import pyarrow.dataset as ds

    column = ds.dataset([str(p) for p in others], format="parquet").to_table(["article_id"])
    return set(column.column("article_id").to_pylist())
