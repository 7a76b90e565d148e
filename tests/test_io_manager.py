"""The Parquet IO manager: atomic local writes, safe partition paths, fsspec URLs by config."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pyarrow as pa
import pytest

from pipelines.io_managers import ParquetIOManager

TABLE = pa.table({"article_id": ["art_1", "art_2"], "batch": ["b", "b"]})


def store_and_load(io_manager, key: str, asset: str = "articles") -> pa.Table:
    partitions = dg.StaticPartitionsDefinition([key])
    out = dg.build_output_context(
        asset_key=dg.AssetKey(asset), partition_key=key, asset_partitions_def=partitions
    )
    io_manager.handle_output(out, TABLE)
    upstream = dg.build_output_context(
        asset_key=dg.AssetKey(asset), partition_key=key, asset_partitions_def=partitions
    )
    inp = dg.build_input_context(
        asset_key=dg.AssetKey(asset),
        partition_key=key,
        asset_partitions_def=partitions,
        upstream_output=upstream,
    )
    return io_manager.load_input(inp)


def test_local_round_trip_leaves_no_temporary_files(tmp_path: Path) -> None:
    manager = ParquetIOManager(base_path=str(tmp_path)).create_io_manager(None)
    assert store_and_load(manager, "batch-1").equals(TABLE)
    assert sorted(p.name for p in (tmp_path / "articles").iterdir()) == ["batch-1.parquet"]


@pytest.mark.parametrize("key", ["../../escape", "/etc/passwd", "..", "a/../../b", "x\\..\\y"])
def test_hostile_partition_keys_stay_inside_the_table_folder(tmp_path: Path, key: str) -> None:
    base = tmp_path / "data"
    manager = ParquetIOManager(base_path=str(base)).create_io_manager(None)
    assert store_and_load(manager, key).equals(TABLE)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(written) == 1
    assert written[0].parent == base / "articles"


def test_object_storage_by_configuration() -> None:
    """Any fsspec URL works by configuration; the in-memory filesystem stands in for S3."""
    fsspec = pytest.importorskip("fsspec")
    manager = ParquetIOManager(base_path="memory://newsextract-test").create_io_manager(None)
    assert store_and_load(manager, "batch-1").equals(TABLE)
    assert fsspec.filesystem("memory").exists("/newsextract-test/articles/batch-1.parquet")
