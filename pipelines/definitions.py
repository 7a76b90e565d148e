"""The one Definitions object that workspace.yaml loads. Nothing is read or scanned at import."""

from __future__ import annotations

import dagster as dg

from assets.ingestion import ingest_articles
from pipelines.io_managers import ParquetIOManager
from pipelines.jobs import materialize_all_job
from pipelines.resources import (
    DATA_ENV,
    DEFAULT_DATA,
    DEFAULT_INPUT,
    INPUT_ENV,
    NewsFolders,
    env_or_default,
)
from pipelines.schedules import daily_ingest_schedule
from pipelines.sensors import input_folder_sensor


def build_definitions(input_dir: str | None = None, data_dir: str | None = None) -> dg.Definitions:
    """Definitions for one input folder and one data folder (defaults: environment, then
    ``seeds`` and ``data`` in the working folder)."""
    input_dir = input_dir or env_or_default(INPUT_ENV, DEFAULT_INPUT)
    data_dir = data_dir or env_or_default(DATA_ENV, DEFAULT_DATA)
    return dg.Definitions(
        assets=[ingest_articles],
        jobs=[materialize_all_job],
        sensors=[input_folder_sensor],
        schedules=[daily_ingest_schedule],
        resources={
            "news_folders": NewsFolders(input_dir=input_dir, data_dir=data_dir),
            "io_manager": ParquetIOManager(base_path=data_dir),
        },
    )


defs = build_definitions()
