"""Tables: the ground under every stage, what the tables are and where they live.

Takes the rows the stages make; gives them a shape and a place. Nothing here knows how a row is
extracted, so every stage may import from here and this package imports none of them.

- :mod:`~newsextract.tables.schemas` — the pyarrow schema of every table (the one place);
- :mod:`~newsextract.tables.ids` — stable IDs, pure functions of content;
- :mod:`~newsextract.tables.storage` — atomic writes of files and Parquet;
- :mod:`~newsextract.tables.folders` — ``<data>/<table>/<batch>.parquet`` and the places of
  input units that duplicate settling compares;
- :mod:`~newsextract.tables.quality` — data-quality rules, the asset checks' pure functions;
- :mod:`~newsextract.tables.reuse` — rows a rebuilt batch keeps from its earlier build;
- :mod:`~newsextract.tables.data_lock` — one run at a time per data folder;
- :mod:`~newsextract.tables.loading` — ``newsextract.load``: pandas and DuckDB for notebooks;
- :mod:`~newsextract.tables.docs` — ``docs/tables.md``, generated from the schemas.
"""
