"""The parse: each article run once through the spaCy pipeline, stored for every extractor."""

import time
from collections.abc import Iterator

import dagster as dg
import pyarrow as pa

from assets import constants as c
from assets.metadata import check_result, checked_outputs, table_metadata
from assets.partitions import article_batches
from newsextract.ingest.language import in_other_language
from newsextract.nlp.pipeline import model_tag, parse_for_storage, reusable_parses
from newsextract.tables import quality, schemas
from newsextract.tables.folders import partition_file
from newsextract.tables.storage import read_parquet
from pipelines.resources import NewsFolders, SpacyPipeline


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
            description=(
                "Exactly one parse per article in the model's language (articles in another "
                "language are not parsed), and each parse's text is the article's."
            ),
        )
    ],
)
def article_parses(
    context: dg.AssetExecutionContext,
    articles: pa.Table,
    nlp_pipeline: SpacyPipeline,
    news_folders: NewsFolders,
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """Every article of the batch parsed once (tokens, tags, lemmas, dependencies, sentences,
    entities) by the configured spaCy pipeline. Extractors read these parses; none re-parses.
    An article in another language than the model's is kept in `articles` (see its
    `language`) but not parsed, so nothing is extracted from it as if it were English."""
    nlp = nlp_pipeline.load()
    model = model_tag(nlp)
    languages = articles.column("language").to_pylist()
    # `language` is the identifier's guess on the same sample: an article it already calls
    # the model's language (or could not tell) needs no second look.
    foreign = [
        language not in (None, nlp.lang) and in_other_language(text, nlp.lang)
        for language, text in zip(languages, articles.column("text").to_pylist(), strict=True)
    ]
    other_language = [
        {"article_id": article_id, "language": language}
        for article_id, language, is_foreign in zip(
            articles.column("article_id").to_pylist(), languages, foreign, strict=True
        )
        if is_foreign
    ]
    readable = articles.filter(pa.array([not f for f in foreign], pa.bool_()))
    texts = readable.column("text").to_pylist()
    ids = readable.column("article_id").to_pylist()
    # This batch's parses from an earlier build, where the data folder is local: a rebuild
    # parses only the articles it did not have.
    earlier = partition_file(news_folders.data_path, c.ARTICLE_PARSES, context.partition_key)
    reuse = nlp_pipeline.reuse_parses and earlier.is_file()
    reused = reusable_parses(read_parquet(earlier), model) if reuse else {}
    new = [(article_id, text) for article_id, text in zip(ids, texts, strict=True)
           if article_id not in reused]  # fmt: skip
    n_process = nlp_pipeline.processes_for(len(new))
    started = time.perf_counter()
    rows = []
    mismatched = []
    parses = iter(
        parse_for_storage(
            nlp,
            [text for _, text in new],
            n_process=n_process,
            batch_size=nlp_pipeline.batch_size,
            batch_chars=nlp_pipeline.batch_chars,
        )
    )
    for article_id in ids:
        if article_id in reused:
            rows.append({**reused[article_id], "batch": context.partition_key})
            continue
        parsed = next(parses)
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
        passed=not mismatched and table.num_rows == readable.num_rows,
        description=f"{table.num_rows} parses for {readable.num_rows} articles in the model's "
        f"language ({len(other_language)} in another one), {len(mismatched)} with a text that "
        "differs from the article",
        failing_rows=len(mismatched),
        examples=mismatched[: quality.MAX_EXAMPLES],
    )
    result = check_result(c.ARTICLE_PARSES, c.CHECK_PARSES_COVER_ARTICLES, outcome, blocking=True)
    parsed_ids = {article_id for article_id, _ in new}
    words = sum(
        n
        for article_id, n in zip(ids, readable.column("word_count").to_pylist(), strict=True)
        if article_id in parsed_ids
    )
    output = dg.Output(
        table,
        metadata={
            # The preview leaves out the binary parses; the column schema lists every column.
            **table_metadata(table.drop_columns(["doc"]), schemas.ARTICLE_PARSES),
            "model": model,
            "processes": n_process,
            "reused_parses": len(ids) - len(new),
            "other_language_articles": len(other_language),
            "other_language_examples": dg.MetadataValue.json(
                other_language[: quality.MAX_EXAMPLES]
            ),
            "words_per_second": round(words / seconds) if seconds else None,
        },
    )
    yield from checked_outputs([result], [output])
