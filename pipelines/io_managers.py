"""Parquet IO manager on Dagster's UPathIOManager: local folders or object storage by config."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dagster as dg
import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import Field
from upath import UPath

from newsextract.tables.folders import PARQUET_SUFFIX
from newsextract.tables.storage import read_parquet, safe_file_stem, write_parquet_atomic


class ParquetUPathIOManager(dg.UPathIOManager):
    """One Parquet file per table and partition: ``<base>/<table>/<partition>.parquet``
    (``<base>/<table>/<table>.parquet`` for a table that is not partitioned)."""

    extension = PARQUET_SUFFIX

    def get_asset_relative_path(self, context: dg.InputContext | dg.OutputContext) -> UPath:
        # A table is always a folder (pandas.read_parquet("<data>/<table>") reads it whole):
        # an unpartitioned one is its single file <table>/<table>.parquet.
        path = UPath(*context.asset_key.path)
        return path if context.has_asset_partitions else path / context.asset_key.path[-1]

    def make_safe_partition_path(self, base_path: UPath, partition: str) -> UPath:
        return base_path / safe_file_stem(partition)

    def dump_to_path(self, context: dg.OutputContext, obj: pa.Table, path: UPath) -> None:
        if not isinstance(obj, pa.Table):
            raise TypeError(
                f"{context.asset_key} returned {type(obj).__name__}, not a pyarrow Table"
            )
        if path.protocol in ("", "file", "local"):
            write_parquet_atomic(obj, Path(path.path))
            return
        # Object stores publish an object only when its upload completes: already atomic.
        with path.open("wb") as handle:
            pq.write_table(obj, handle, compression="zstd")

    def load_input(self, context: dg.InputContext) -> Any:
        # An input annotated as dict[str, Table] (every batch of a table) is always a dict,
        # also with zero or one batch: Dagster's base class hands back the bare table then.
        loaded = super().load_input(context)
        if not _wants_dict(context) or isinstance(loaded, dict):
            return loaded
        if loaded is None:
            return {}
        return {context.asset_partition_keys[0]: loaded}

    def load_from_path(self, context: dg.InputContext, path: UPath) -> pa.Table:
        with path.open("rb") as handle:
            return read_parquet(handle)


def _wants_dict(context: dg.InputContext) -> bool:
    try:
        typing_type = context.dagster_type.typing_type
    except dg.DagsterInvariantViolationError:  # a context built without a type (tests, tools)
        return False
    return typing_type is dict or getattr(typing_type, "__origin__", None) is dict


class ParquetIOManager(dg.ConfigurableIOManagerFactory):
    """Writes each table partition atomically as Parquet under ``base_path``.

    ``base_path`` is a local folder or any fsspec URL (``s3://bucket/news``, ``gs://...``), with
    credentials and options in ``storage_options``.
    """

    base_path: str = Field(description="Folder or fsspec URL the tables are written under.")
    storage_options: dict[str, Any] = Field(default_factory=dict)

    def create_io_manager(self, context: dg.InitResourceContext) -> ParquetUPathIOManager:
        base = self.base_path
        if "://" not in base:
            base = str(Path(base).expanduser().resolve())
        return ParquetUPathIOManager(base_path=UPath(base, **self.storage_options))
