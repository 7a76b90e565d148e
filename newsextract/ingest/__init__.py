"""Ingest: input files in, the ``articles`` and ``rejected_inputs`` tables out.

Takes an input folder; gives batches (the Dagster partitions) and, for each batch, one article
row per readable input unit, with its language, and one rejection row, with its reason, for
everything else. The only stage that reads input files, through :mod:`newsextract.readers`.

- :mod:`~newsextract.ingest.batches` — the input ledger: which files belong to which batch;
- :mod:`~newsextract.ingest.articles` — one batch's files into the two tables, duplicates settled;
- :mod:`~newsextract.ingest.language` — language identification, offline.
"""
