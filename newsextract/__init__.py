"""newsextract: raw news articles → linked tables of events, entities and quotes.

The domain library: readers, extractors, schemas and table helpers. It has no Dagster imports
and works on its own; the Dagster assets in ``assets/`` and ``pipelines/`` wrap it.
"""

__version__ = "0.1.0"
