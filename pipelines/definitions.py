"""The one Definitions object that workspace.yaml loads. Nothing is read or scanned at import."""

from __future__ import annotations

import dagster as dg

from assets.entities import entities, entity_mentions
from assets.events import event_clusters, events
from assets.ingestion import ingest_articles
from assets.nlp import article_parses
from assets.quotes import quotes
from pipelines.io_managers import ParquetIOManager
from pipelines.jobs import materialize_all_job, update_corpus_tables_job
from pipelines.resources import (
    DATA_ENV,
    DEFAULT_DATA,
    DEFAULT_INPUT,
    INPUT_ENV,
    REPORTED_SPEECH_ENV,
    NewsFolders,
    QuoteSettings,
    SpacyPipeline,
    env_flag,
    env_or_default,
)
from pipelines.schedules import daily_ingest_schedule
from pipelines.sensors import corpus_tables_sensor, input_folder_sensor


def build_definitions(
    input_dir: str | None = None,
    data_dir: str | None = None,
    model: str | None = None,
    reported_speech: bool | None = None,
    parse_processes: int = 0,
    reuse_parses: bool = True,
) -> dg.Definitions:
    """Definitions for one input folder, one data folder and one NLP model (defaults: the
    environment, then ``seeds``, ``data`` and the shipped model); ``reported_speech`` adds
    reported speech to ``quotes`` (default: ``$NEWSEXTRACT_REPORTED_SPEECH``, else on);
    ``parse_processes``: spaCy processes per batch (0: one per core, up to 2);
    ``reuse_parses``: a rebuilt batch keeps its earlier parses of the same articles."""
    input_dir = input_dir or env_or_default(INPUT_ENV, DEFAULT_INPUT)
    data_dir = data_dir or env_or_default(DATA_ENV, DEFAULT_DATA)
    return dg.Definitions(
        assets=[
            ingest_articles,
            article_parses,
            entity_mentions,
            entities,
            quotes,
            events,
            event_clusters,
        ],
        jobs=[materialize_all_job, update_corpus_tables_job],
        sensors=[input_folder_sensor, corpus_tables_sensor],
        schedules=[daily_ingest_schedule],
        resources={
            "news_folders": NewsFolders(input_dir=input_dir, data_dir=data_dir),
            "io_manager": ParquetIOManager(base_path=data_dir),
            "nlp_pipeline": SpacyPipeline(
                model=model or "", n_process=parse_processes, reuse_parses=reuse_parses
            ),
            "quote_settings": QuoteSettings(
                reported_speech=(
                    env_flag(REPORTED_SPEECH_ENV, default=True)
                    if reported_speech is None
                    else reported_speech
                )
            ),
        },
    )


defs = build_definitions()
