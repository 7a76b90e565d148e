"""Compare the tables of two data folders row by row."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

# Each table's row key.
TABLE_KEYS = {
    "articles": ["article_id"],
    "rejected_inputs": ["input_path", "input_record", "reason_code"],
    "article_parses": ["article_id"],
    "entity_mentions": ["mention_id"],
    "article_entities": ["entity_id", "article_id"],
    "entities": ["entity_id"],
    "quotes": ["quote_id"],
    "events": ["event_id"],
    "event_clusters": ["cluster_id"],
}
RUN_TIMES = ["ingested_at", "rejected_at"]
"""When a run read or rejected an input: the only columns that differ between two runs over the
same inputs into the same batches."""
BATCH_DEPENDENT = ["batch", "rejected_id", *RUN_TIMES]
"""Columns that also differ when the same inputs are grouped into other batches."""


def assert_same_tables(expected: Path, actual: Path, ignore: Sequence[str] = RUN_TIMES) -> None:
    """Every table has the same rows in both folders (in any order), columns ``ignore`` aside."""
    for table, key in TABLE_KEYS.items():
        want = pd.read_parquet(expected / table)
        got = pd.read_parquet(actual / table)
        assert len(want) == len(got) > 0, f"{table}: {len(want)} rows against {len(got)}"
        differ = [c for c in ignore if c in want.columns]
        pd.testing.assert_frame_equal(
            want.drop(columns=differ).sort_values(key).reset_index(drop=True),
            got.drop(columns=differ).sort_values(key).reset_index(drop=True),
            obj=table,
        )
