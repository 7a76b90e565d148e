"""The parse: each article run once through the spaCy pipeline, stored for every extractor."""

import time
from collections.abc import Iterator

import dagster as dg
import pyarrow as pa

from assets import constants as c
from assets.metadata import check_result, checked_outputs, table_metadata
from assets.partitions import article_batches
from newsextract import quality, schemas
from newsextract.nlp import model_tag, parse_for_storage
from pipelines.resources import SpacyPipeline


@dg.asset(
    name=c.ARTICLE_PARSES,
    partitions_def=article_batches,
    group_name=c.NLP_GROUP,
    kinds={"spacy", "parquet"},
    owners=[c.OWNER],
    check_specs=[
        dg.AssetCheckSpec(
            c.CHECK_PARSES_COVER_ARTICLES,
            asset=c.ARTICLE_PARSES,
            blocking=True,
            description="Exactly one parse per article, and each parse's text is the article's.",
        )
    ],
)
def article_parses(
    context: dg.AssetExecutionContext, articles: pa.Table, nlp_pipeline: SpacyPipeline
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """Every article of the batch parsed once (tokens, tags, lemmas, dependencies, sentences,
    entities) by the configured spaCy pipeline. Extractors read these parses; none re-parses."""
    nlp = nlp_pipeline.load()
    model = model_tag(nlp)
    texts = articles.column("text").to_pylist()
    ids = articles.column("article_id").to_pylist()
    n_process = nlp_pipeline.processes_for(len(texts))
    started = time.perf_counter()
    rows = []
    mismatched = []
    parses = parse_for_storage(
        nlp,
        texts,
        n_process=n_process,
        batch_size=nlp_pipeline.batch_size,
        batch_chars=nlp_pipeline.batch_chars,
    )
    for article_id, parsed in zip(ids, parses, strict=True):
        if not parsed.text_matches:
            mismatched.append({"article_id": article_id})
        rows.append(
            {
                "article_id": article_id,
                "batch": context.partition_key,
                "model": model,
                "n_tokens": parsed.n_tokens,
                "n_sentences": parsed.n_sentences,
                "doc": parsed.doc,
            }
        )
    seconds = time.perf_counter() - started
    table = pa.Table.from_pylist(rows, schema=schemas.ARTICLE_PARSES)
    outcome = quality.CheckOutcome(
        passed=not mismatched and table.num_rows == articles.num_rows,
        description=f"{table.num_rows} parses for {articles.num_rows} articles, "
        f"{len(mismatched)} with a text that differs from the article",
        failing_rows=len(mismatched),
        examples=mismatched[: quality.MAX_EXAMPLES],
    )
    result = check_result(c.ARTICLE_PARSES, c.CHECK_PARSES_COVER_ARTICLES, outcome, blocking=True)
    words = sum(articles.column("word_count").to_pylist())
    output = dg.Output(
        table,
        metadata={
            # The preview leaves out the binary parses; the column schema lists every column.
            **table_metadata(table.drop_columns(["doc"]), schemas.ARTICLE_PARSES),
            "model": model,
            "processes": n_process,
            "words_per_second": round(words / seconds) if seconds else None,
        },
    )
    yield from checked_outputs([result], [output])
