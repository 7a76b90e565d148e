"""Run ``newsextract run`` on records written for the occasion, and read its events back.

Shared by the checks that code events in text that is not a dev set (the labelled corpus
sentences, ordinary news): each record becomes one article of a JSON-lines input file, and the
events come back with the record's ``id`` as ``external_id``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pandas as pd


def events_of_records(records: Iterable[dict], out: Path, model: str | None) -> pd.DataFrame:
    """The ``events`` table of a fresh run on ``records`` in ``out`` (a new folder), joined to
    each article's ``external_id``."""
    inputs = out / "input"
    inputs.mkdir(parents=True, exist_ok=True)
    with (inputs / "records.jsonl").open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record) + "\n")
    command = [
        str(Path(sys.executable).parent / "newsextract"), "run",
        "--input", str(inputs), "--data", str(out / "data"),
        "--dagster-home", str(out / "dagster_home"),
    ]  # fmt: skip
    if model:
        command += ["--model", model]
    subprocess.run(command, check=True, capture_output=True, text=True)
    articles = pd.read_parquet(out / "data" / "articles", columns=["article_id", "external_id"])
    return pd.read_parquet(out / "data" / "events").merge(articles, on="article_id")
