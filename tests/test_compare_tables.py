"""``evaluation/compare_tables.py``: two data folders with the same tables, or what differs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "evaluation" / "compare_tables.py"


def compare(expected: Path, actual: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(expected), str(actual)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def copy(seeds_run: dict, tmp_path: Path) -> Path:
    return Path(shutil.copytree(seeds_run["data"], tmp_path / "copy"))


def rewrite(path: Path, change) -> None:
    pq.write_table(change(pq.read_table(path)), path)


def with_column(table: pa.Table, column: str, values: list) -> pa.Table:
    field = table.schema.field(column)
    return table.set_column(
        table.schema.get_field_index(column), field, pa.array(values, field.type)
    )


def first_changed(table: pa.Table, column: str) -> pa.Table:
    values = table[column].to_pylist()
    values[0] = "AID" if values[0] != "AID" else "SEIZE"
    return with_column(table, column, values)


def only_file(folder: Path, table: str) -> Path:
    (path,) = (folder / table).glob("*.parquet")
    return path


def test_a_copy_is_the_same(seeds_run: dict, copy: Path) -> None:
    result = compare(seeds_run["data"], copy)
    assert result.returncode == 0, result.stdout
    assert "0 differ" in result.stdout


def test_run_timestamps_do_not_count(seeds_run: dict, copy: Path) -> None:
    path = only_file(copy, "articles")
    rewrite(
        path,
        lambda table: with_column(
            table, "ingested_at", [v + timedelta(hours=1) for v in table["ingested_at"].to_pylist()]
        ),
    )
    assert compare(seeds_run["data"], copy).returncode == 0


def test_a_changed_value_rows_in_another_order_and_a_missing_file_differ(
    seeds_run: dict, copy: Path
) -> None:
    events = only_file(copy, "events")
    rewrite(events, lambda table: first_changed(table, "event_type"))
    quotes = only_file(copy, "quotes")
    rewrite(quotes, lambda t: t.take(pa.array(range(t.num_rows - 1, -1, -1))))
    only_file(copy, "entities").unlink()
    result = compare(seeds_run["data"], copy)
    assert result.returncode == 1
    out = result.stdout
    assert f"events/{events.name}: rows differ" in out
    assert f"quotes/{quotes.name}: rows differ" in out
    assert "entities/entities.parquet: only in" in out
    assert "3 differ" in out
