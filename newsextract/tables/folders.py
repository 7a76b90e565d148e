"""Where the tables live in a data folder.

Layout: ``<data>/<table>/<batch>.parquet``, one file per batch (Dagster partition), every file
with the table's full schema and the batch key as a column, so ``pandas.read_parquet(
"<data>/<table>")`` and DuckDB's ``read_parquet('<data>/<table>/**/*.parquet')`` read the whole
table.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from newsextract.tables.storage import read_parquet, safe_file_stem

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


def maps_by_article(table: pa.Table, key: str, value: str | None = None) -> dict[str, dict]:
    """``{article_id: {row[key]: row[value]}}`` over a table's rows, the whole row where
    ``value`` is None: each article's own rows of things other articles name too (an entity's
    name as that article gives it)."""
    maps: dict[str, dict] = {}
    if value is None:
        for row in table.to_pylist():
            maps.setdefault(row["article_id"], {})[row[key]] = row
        return maps
    for article_id, k, v in zip(
        table.column("article_id").to_pylist(),
        table.column(key).to_pylist(),
        table.column(value).to_pylist(),
        strict=True,
    ):
        maps.setdefault(article_id, {})[k] = v
    return maps


InputPlace = tuple[str, int]
"""Where a copy of an article was read: (input path, record number, 0 for a whole file). The
copy with the smallest place is the one kept, so the tables do not depend on which batch ran
first."""


def input_place(input_path: str, input_record: int | None) -> InputPlace:
    return (input_path, input_record or 0)


HeldPaths = Mapping[str, Collection[str]]
"""Batch key → the input paths the batch holds now (:meth:`BatchLedger.held_paths`)."""

KEPT_IN_ANOTHER_BATCH = "an input that comes first in path order, in another batch"
_DUPLICATE_REASON = "same id and text as article {article_id}, already kept from {kept_from}"
_KEPT_ELSEWHERE = re.compile(
    re.escape(_DUPLICATE_REASON)
    .replace(re.escape("{article_id}"), r"(?P<article_id>\S+)")
    .replace(re.escape("{kept_from}"), re.escape(KEPT_IN_ANOTHER_BATCH))
)


def duplicate_reason(article_id: str, kept_from: str) -> str:
    """``rejected_inputs.reason`` of a duplicate; ``kept_from`` is the kept copy's place in the
    same batch, or :data:`KEPT_IN_ANOTHER_BATCH`."""
    return _DUPLICATE_REASON.format(article_id=article_id, kept_from=kept_from)


def articles_outside(
    data_dir: Path, batch: str, held: HeldPaths | None = None
) -> dict[str, InputPlace]:
    """Article ID → where it was read, over the articles kept by every batch but ``batch``: the
    cross-batch duplicate guard. With ``held``, rows a batch read from a file it no longer
    holds do not count: that batch is rebuilt without them."""
    own = partition_file(data_dir, "articles", batch)
    rows = _article_places([p for p in partition_files(data_dir, "articles") if p != own])
    return _earliest(_still_held(rows, held))


def batches_keeping_later_copies(data_dir: Path, held: HeldPaths | None = None) -> set[str]:
    """Batches that keep an article another batch keeps too, from a later place: two batches
    that ran side by side could not see each other's copy. Rebuilt, each of them finds the
    earlier copy and rejects its own as a duplicate."""
    rows = _still_held(_article_places(partition_files(data_dir, "articles")), held)
    earliest = _earliest(rows)
    return {batch for article_id, place, batch in rows if place != earliest[article_id]}


def batches_missing_kept_copies(data_dir: Path) -> set[str]:
    """Batches that rejected an article as kept by another batch that no longer keeps it (its
    input changed, or was deleted and its batch rebuilt). Rebuilt, they keep their own copy."""
    files = partition_files(data_dir, "rejected_inputs")
    if not files:
        return set()
    wanted: dict[str, set[str]] = {}
    for path in files:
        rejected = read_parquet(path, ["reason_code", "reason", "batch"])
        for code, reason, batch in zip(*(c.to_pylist() for c in rejected.columns), strict=True):
            match = _KEPT_ELSEWHERE.fullmatch(reason or "") if code == "duplicate" else None
            if match:
                wanted.setdefault(match["article_id"], set()).add(batch)
    if not wanted:
        return set()
    kept = {
        article_id for article_id, _, _ in _article_places(partition_files(data_dir, "articles"))
    }
    return {
        batch
        for article_id, batches in wanted.items()
        if article_id not in kept
        for batch in batches
    }


def _still_held(
    rows: list[tuple[str, InputPlace, str]], held: HeldPaths | None
) -> list[tuple[str, InputPlace, str]]:
    if held is None:
        return rows
    return [row for row in rows if row[1][0] in held.get(row[2], ())]


def _earliest(rows: list[tuple[str, InputPlace, str]]) -> dict[str, InputPlace]:
    """Article ID → the earliest place any of ``rows`` read it from."""
    earliest: dict[str, InputPlace] = {}
    for article_id, place, _ in rows:
        earliest[article_id] = min(place, earliest.get(article_id, place))
    return earliest


def _article_places(files: list[Path]) -> list[tuple[str, InputPlace, str]]:
    places = []
    for file in files:
        table = read_parquet(file, ["article_id", "input_path", "input_record", "batch"])
        places += [
            (article_id, input_place(path, record), batch)
            for article_id, path, record, batch in zip(
                *(table.column(name).to_pylist() for name in table.column_names), strict=True
            )
        ]
    return places
