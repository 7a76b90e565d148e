"""Resources: where inputs come from and where tables go, set by configuration or environment."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg
from pydantic import Field

from newsextract.batches import BatchLedger, BatchLimits, ScanPlan
from newsextract.readers import ReadOptions

INPUT_ENV = "NEWSEXTRACT_INPUT"
DATA_ENV = "NEWSEXTRACT_DATA"
DEFAULT_INPUT = "seeds"
DEFAULT_DATA = "data"


def env_or_default(name: str, default: str) -> str:
    """Read at run time, never at import: relative paths resolve against the working folder."""
    return os.environ.get(name) or default


class NewsFolders(dg.ConfigurableResource):
    """The input folder of article files and the data folder that receives the tables.

    The data folder also keeps the batch ledger (``_batches/``): which input files each batch
    (partition) holds.
    """

    input_dir: str = Field(description="Folder of input articles (txt, json, jsonl, html).")
    data_dir: str = Field(description="Folder the Parquet tables and the batch ledger go to.")
    batch_max_files: int = Field(default=BatchLimits.max_files, ge=1)
    batch_max_bytes: int = Field(default=BatchLimits.max_bytes, ge=1)
    max_file_bytes: int = Field(default=ReadOptions.max_file_bytes, ge=1)
    max_article_chars: int = Field(default=ReadOptions.max_article_chars, ge=1)

    @property
    def input_path(self) -> Path:
        return Path(self.input_dir).expanduser().resolve()

    @property
    def data_path(self) -> Path:
        return Path(self.data_dir).expanduser().resolve()

    @property
    def ledger(self) -> BatchLedger:
        return BatchLedger(self.data_path)

    @property
    def read_options(self) -> ReadOptions:
        return ReadOptions(
            max_file_bytes=self.max_file_bytes, max_article_chars=self.max_article_chars
        )

    def plan_scan(self) -> ScanPlan:
        return self.ledger.plan(
            self.input_path, BatchLimits(self.batch_max_files, self.batch_max_bytes)
        )
