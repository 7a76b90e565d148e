"""newsextract.load (pandas and DuckDB over a data folder) and the generated table reference."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import newsextract
from newsextract.tables import docs as table_docs
from newsextract.tables.schemas import TABLES
from pipelines.cli import main


@pytest.fixture(scope="module")
def seeds_data(tmp_path_factory, seeds_dir: Path) -> Path:
    root = tmp_path_factory.mktemp("loading")
    args = ["run", "--input", str(seeds_dir), "--data", str(root / "data")]
    assert main([*args, "--dagster-home", str(root / "home")]) == 0
    return root / "data"


@pytest.mark.slow
@pytest.mark.parametrize("name", list(TABLES))
def test_every_table_reads_as_pandas_and_as_a_duckdb_view(seeds_data: Path, name: str) -> None:
    tables = newsextract.load(seeds_data)
    frame = tables[name]
    expected = pd.read_parquet(seeds_data / name)
    assert list(frame.columns) == TABLES[name].names
    assert len(frame) == len(expected) > 0
    assert tables.duckdb.sql(f"select count(*) from {name}").fetchall() == [(len(expected),)]


@pytest.mark.slow
def test_the_tables_join_on_their_ids(seeds_data: Path) -> None:
    tables = newsextract.load(seeds_data)
    speakers = tables.duckdb.sql(
        "select e.name, count(*) as quotes from quotes q "
        "join entities e on q.speaker_entity_id = e.entity_id group by e.name"
    ).df()
    assert speakers["quotes"].sum() == tables.quotes["speaker_entity_id"].notna().sum() > 0
    actors = tables.events.merge(
        tables.entities, left_on="source_entity_id", right_on="entity_id", how="inner"
    )
    assert len(actors) == tables.events["source_entity_id"].notna().sum() > 0
    assert tables.events is tables["events"], "read once"


def test_a_folder_without_tables_gives_empty_ones_with_their_columns(tmp_path: Path) -> None:
    tables = newsextract.load(tmp_path)
    for name, schema in TABLES.items():
        assert list(tables[name].columns) == schema.names and tables[name].empty
        assert tables.duckdb.sql(f"select count(*) from {name}").fetchall() == [(0,)]
        assert [c[0] for c in tables.duckdb.sql(f"describe {name}").fetchall()] == schema.names


def test_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="run the pipeline first"):
        newsextract.load(tmp_path / "nowhere")
    with pytest.raises(KeyError, match="the tables are articles"):
        newsextract.load(tmp_path)["event"]


def test_the_table_reference_is_generated_from_the_schemas() -> None:
    """docs/tables.md is what the schemas give: after changing a schema, run `make docs`."""
    assert table_docs.DOC_PATH.read_text(encoding="utf-8") == table_docs.render(), (
        "docs/tables.md is stale: run `make docs`"
    )
    for name, schema in TABLES.items():
        assert f"\n## {name}\n" in table_docs.render()
        assert all(f"| `{field.name}` |" in table_docs.render() for field in schema)
