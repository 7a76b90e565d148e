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


InputPlace = tuple[str, int]
"""Where a copy of an article was read: (input path, record number, 0 for a whole file). The
copy with the smallest place is the one kept, so the tables do not depend on which batch ran
first."""


def input_place(input_path: str, input_record: int | None) -> InputPlace:
    return (input_path, input_record or 0)


def articles_outside(data_dir: Path, batch: str) -> dict[str, InputPlace]:
    """Article ID → where it was read, over the articles kept by every batch but ``batch``: the
    cross-batch duplicate guard."""
    own = partition_file(data_dir, "articles", batch)
    return _earliest(
        _article_places([p for p in partition_files(data_dir, "articles") if p != own])
    )


def batches_keeping_later_copies(data_dir: Path) -> set[str]:
    """Batches that keep an article another batch keeps too, from a later place: two batches
    that ran side by side could not see each other's copy. Rebuilt, each of them finds the
    earlier copy and rejects its own as a duplicate."""
    rows = _article_places(partition_files(data_dir, "articles"))
    earliest = _earliest(rows)
    return {batch for article_id, place, batch in rows if place != earliest[article_id]}


def _earliest(rows: list[tuple[str, InputPlace, str]]) -> dict[str, InputPlace]:
    """Article ID → the earliest place any of ``rows`` read it from."""
    earliest: dict[str, InputPlace] = {}
    for article_id, place, _ in rows:
        earliest[article_id] = min(place, earliest.get(article_id, place))
    return earliest


def _article_places(files: list[Path]) -> list[tuple[str, InputPlace, str]]:
    if not files:
        return []
    import pyarrow.dataset as ds

    table = ds.dataset([str(p) for p in files], format="parquet").to_table(
        ["article_id", "input_path", "input_record", "batch"]
    )
    return [
        (article_id, input_place(path, record), batch)
        for article_id, path, record, batch in zip(
            *(table.column(name).to_pylist() for name in table.column_names), strict=True
        )
    ]
