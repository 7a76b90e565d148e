"""The earlier rows a rebuilt batch may keep (:mod:`newsextract.tables.reuse`), when its run
asks."""

from collections.abc import Callable, Sequence

import dagster as dg
import pyarrow as pa
from spacy.tokens import Doc

from assets import constants as c
from newsextract.nlp.pipeline import over_stored_parses
from newsextract.tables.folders import partition_file
from newsextract.tables.reuse import EarlierRows, earlier_rows
from newsextract.tables.storage import read_parquet
from pipelines.resources import NewsFolders, SpacyPipeline

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
    # The op context's tags, not context.run's: an asset invoked directly has no run.
    if context.op_execution_context.run_tags.get(c.REUSE_ROWS_TAG) != "true":
        return EarlierRows.none(schema)
    earlier = partition_file(news_folders.data_path, table, context.partition_key)
    return earlier_rows(read_parquet(earlier) if earlier.is_file() else None, schema, article_ids)


def extracted_rows(
    context: dg.AssetExecutionContext,
    news_folders: NewsFolders,
    nlp_pipeline: SpacyPipeline,
    article_parses: pa.Table,
    table: str,
    schema: pa.Schema,
    extract: Callable[[str, str, Doc], list[dict]],
) -> tuple[pa.Table, int]:
    """``table`` for the batch: ``extract(article_id, model, doc)``'s rows for every parse,
    spread over the pipeline's processes, except for the articles whose earlier rows are kept
    (:func:`rows_to_keep`); and how many articles kept theirs."""
    ids = article_parses.column("article_id").to_pylist()
    kept = rows_to_keep(context, news_folders, table, schema, ids)
    to_read = kept.still_to_extract(article_parses)
    per_article = over_stored_parses(to_read, extract, nlp_pipeline.processes_for(to_read.num_rows))
    rows = [row for article_rows in per_article for row in article_rows]
    return kept.with_new(pa.Table.from_pylist(rows, schema=schema), ids), len(kept.articles)
