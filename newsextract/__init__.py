"""newsextract: raw news articles → linked tables of events, entities and quotes.

The domain library, one package per stage of the flow: :mod:`~newsextract.readers` →
:mod:`~newsextract.ingest` → :mod:`~newsextract.nlp` → :mod:`~newsextract.entities` →
:mod:`~newsextract.quotes` → :mod:`~newsextract.events`, over the bundled lookups in
:mod:`~newsextract.lexicons` and the table shapes, storage and checks in
:mod:`~newsextract.tables`. A stage imports only those before it (``docs/architecture.md``).
It has no Dagster imports and works on its own; the Dagster assets in ``assets/`` and
``pipelines/`` wrap it.
"""

__version__ = "0.1.0"


def load(data_dir="data"):
    """The tables of a data folder: ``load("data").events`` (pandas) and
    ``load("data").duckdb.sql("select ...")``. See :class:`newsextract.tables.loading.Tables`."""
    # Imported here: every module of the package imports this one, and most need no pandas.
    from newsextract.tables.loading import load as load_tables

    return load_tables(data_dir)
