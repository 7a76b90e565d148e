"""Rows a rebuilt batch keeps from its earlier build instead of extracting them again.

An article's rows in ``entity_mentions``, ``article_entities``, ``quotes`` and ``events`` are a
function of the article alone (its text, its metadata and its parse, never the other articles
of its batch), so a batch rebuilt only to drop or add an article can keep the rows it built
for the others, when nothing else changed in between: the same input files, model, settings
and code. Which rebuilds qualify is the caller's decision (the CLI: a batch it built earlier in
the same run). An article with no earlier rows is extracted again, since it may be new, or
may simply have had none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc


@dataclass(frozen=True)
class EarlierRows:
    """An earlier build's rows of the articles still in the batch, and which articles they
    cover."""

    table: pa.Table
    articles: frozenset[str]

    @classmethod
    def none(cls, schema: pa.Schema) -> EarlierRows:
        return cls(schema.empty_table(), frozenset())

    def still_to_extract(self, table: pa.Table) -> pa.Table:
        """The rows of ``table`` (an ``article_id`` column) of articles these do not cover."""
        if not self.articles:
            return table
        covered = pc.is_in(table.column("article_id"), pa.array(sorted(self.articles), pa.string()))
        return table.filter(pc.invert(covered))

    def with_new(self, new: pa.Table, article_ids: Sequence[str]) -> pa.Table:
        """These rows and the newly extracted ones as one table, in the order a build of every
        article at once writes them: by the article's place in ``article_ids``, each article's
        rows in their own order."""
        if not self.articles:
            return new
        table = pa.concat_tables([self.table, new.cast(self.table.schema)])
        place = {article_id: i for i, article_id in enumerate(article_ids)}
        order = pa.array([place[a] for a in table.column("article_id").to_pylist()], pa.int64())
        return table.take(pc.sort_indices(order))  # a stable sort


def earlier_rows(
    earlier: pa.Table | None, schema: pa.Schema, article_ids: Sequence[str]
) -> EarlierRows:
    """The rows of ``earlier`` (a batch's table as an earlier build wrote it) that belong to
    ``article_ids``; none when there is no earlier table or it has another schema (written by
    another version)."""
    if earlier is None or earlier.schema.remove_metadata() != schema.remove_metadata():
        return EarlierRows.none(schema)
    kept = earlier.filter(
        pc.is_in(earlier.column("article_id"), pa.array(list(article_ids), pa.string()))
    )
    return EarlierRows(kept.cast(schema), frozenset(kept.column("article_id").to_pylist()))
