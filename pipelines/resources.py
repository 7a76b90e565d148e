"""Resources: where inputs come from and where tables go, set by configuration or environment."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg
from pydantic import Field

from newsextract.ingest.batches import BatchLedger, BatchLimits, ScanPlan
from newsextract.readers import ReadOptions

INPUT_ENV = "NEWSEXTRACT_INPUT"
DATA_ENV = "NEWSEXTRACT_DATA"
DEFAULT_INPUT = "seeds"
DEFAULT_DATA = "data"
REPORTED_SPEECH_ENV = "NEWSEXTRACT_REPORTED_SPEECH"


def env_or_default(name: str, default: str) -> str:
    """Read at run time, never at import: relative paths resolve against the working folder."""
    return os.environ.get(name) or default


FALSE_WORDS = ("0", "false", "no", "off")


def env_flag(name: str, default: bool = False) -> bool:
    """A switch in the environment: 1/true/yes/on or 0/false/no/off; unset or empty, the
    default."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value not in FALSE_WORDS


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


class SpacyPipeline(dg.ConfigurableResource):
    """The spaCy pipeline every extractor's parse comes from.

    ``model`` is an installed pipeline's name (``en_core_web_trf``) or a folder; empty means
    ``$NEWSEXTRACT_MODEL``, else the pipeline shipped in ``newsextract/models``.
    """

    model: str = Field(default="", description="Installed pipeline name or folder; empty: default.")
    n_process: int = Field(
        default=0,
        ge=0,
        description="Forked processes per batch for the parse and the extractors (entities, "
        "quotes, events); 0 means one per CPU core, up to 2. The CLI sets 1 when batches run "
        "side by side.",
    )
    # A spaCy batch: at most batch_size articles and batch_chars characters.
    # The parser's activations grow with the tokens of a batch: 16 articles of 1,000 from
    # news.jsonl.gz peaked 260 MB above the loaded model, runs of 32,000 characters (about ten
    # articles) 145 MB, with the same parses and 2.5% fewer tokens/s (docs/performance.md).
    batch_size: int = Field(default=32, ge=1)
    batch_chars: int = Field(default=32_000, ge=1)
    # The processes are forked: they share the loaded model and the step's inputs, so a
    # second one pays from about 20 articles (100 parsed in 2.7 s on two cores against 4.2 s
    # on one; docs/performance.md).
    min_texts_per_process: int = Field(
        default=20,
        ge=1,
        description="Below this many articles a batch is parsed and read in-process.",
    )

    reuse_parses: bool = Field(
        default=True,
        description="A rebuilt batch keeps its earlier parses of the same articles with the same "
        "model (`newsextract run --reprocess` turns this off: newsextract's own pipeline "
        "components may have changed).",
    )

    def load(self):
        from threadpoolctl import threadpool_limits

        from newsextract.nlp.pipeline import load_pipeline

        # One BLAS thread per process: cores are shared out by processes (batches side by
        # side, the forked processes of a batch that runs alone, Dagster's multiprocess
        # executor); BLAS threads on top would fight them for the same cores.
        threadpool_limits(limits=1, user_api="blas")
        return load_pipeline(self.model or None)

    def processes_for(self, n_texts: int) -> int:
        wanted = self.n_process or min(2, os.cpu_count() or 1)
        return max(1, min(wanted, n_texts // self.min_texts_per_process))


class QuoteSettings(dg.ConfigurableResource):
    """What the ``quotes`` table holds.

    Quotations in marks (kinds ``direct`` and ``partial``, and names or titles in marks as
    ``title``) always; reported speech without marks (kind ``indirect``: "the ministry said it
    would reopen the border") while ``reported_speech`` is on, as it is by default (issue 26):
    who said what is mostly reported speech. It is the less precise kind (about 0.7 of its rows
    match a gold attribution, against 0.9 for quotations; ``docs/quality.md``): filter on
    ``kind`` to count quotations, or turn it off.
    """

    reported_speech: bool = Field(
        default=True,
        description="Also extract reported speech without quotation marks (kind 'indirect').",
    )
