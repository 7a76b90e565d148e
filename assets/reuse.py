"""The earlier rows a rebuilt batch may keep (:mod:`newsextract.reuse`), when its run asks."""

from collections.abc import Sequence

import dagster as dg
import pyarrow as pa

from assets import constants as c
from newsextract.reuse import EarlierRows, earlier_rows
from newsextract.storage import read_parquet
from newsextract.tables import partition_file
from pipelines.resources import NewsFolders

# Materialisation metadata: the articles whose rows came from the earlier build.
KEPT_ARTICLES = "articles_with_rows_kept"


def rows_to_keep(
    context: dg.AssetExecutionContext,
    news_folders: NewsFolders,
    table: str,
    schema: pa.Schema,
    article_ids: Sequence[str],
) -> EarlierRows:
    """This batch's rows of ``table`` from its earlier build, for the articles still in it,
    if the run is tagged :data:`assets.constants.REUSE_ROWS_TAG` (the CLI tags the rebuild
    of a batch it built earlier in the same run) and the data folder is local; else none."""
    if context.run.tags.get(c.REUSE_ROWS_TAG) != "true":
        return EarlierRows.none(schema)
    earlier = partition_file(news_folders.data_path, table, context.partition_key)
    return earlier_rows(read_parquet(earlier) if earlier.is_file() else None, schema, article_ids)
