"""Reading a data folder in a notebook: every table as pandas, and DuckDB views over them."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from newsextract.tables.folders import partition_files, table_dir
from newsextract.tables.schemas import TABLES

if TYPE_CHECKING:
    import duckdb
    import pandas as pd


class Tables:
    """The tables of one data folder.

    ``tables["events"]`` or ``tables.events`` is a pandas DataFrame, read on first use (so the
    large ``article_parses`` is only read when asked for); ``tables.duckdb`` is an in-memory
    DuckDB connection with one view per table, over the Parquet files themselves. A table the
    folder does not hold yet is empty, with its columns and types.
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        if not self.data_dir.is_dir():
            raise FileNotFoundError(f"no data folder at {self.data_dir}: run the pipeline first")
        self._frames: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in TABLES:
            raise KeyError(f"no table {name!r}; the tables are {', '.join(TABLES)}")
        if name not in self._frames:
            self._frames[name] = self.arrow(name).to_pandas()
        return self._frames[name]

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name in TABLES:
            return self[name]
        raise AttributeError(name)

    def arrow(self, name: str):
        """The table as a pyarrow Table with its declared schema."""
        import pyarrow.dataset as ds

        files = partition_files(self.data_dir, name)
        if not files:
            return TABLES[name].empty_table()
        return ds.dataset([str(p) for p in files], schema=TABLES[name]).to_table()

    @cached_property
    def duckdb(self) -> duckdb.DuckDBPyConnection:
        import duckdb

        connection = duckdb.connect()
        for name, schema in TABLES.items():
            if partition_files(self.data_dir, name):
                glob = str(table_dir(self.data_dir, name) / "*.parquet").replace("'", "''")
                connection.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{glob}')")
            else:
                connection.register(f"_{name}_empty", schema.empty_table())
                connection.execute(f"CREATE VIEW {name} AS SELECT * FROM _{name}_empty")
        return connection

    def __repr__(self) -> str:
        return f"Tables({str(self.data_dir)!r}: {', '.join(TABLES)})"


def load(data_dir: str | Path = "data") -> Tables:
    """The tables of a data folder written by ``newsextract run``: pandas and DuckDB."""
    return Tables(Path(data_dir))
