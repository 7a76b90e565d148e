"""The events-per-1,000-words check on ordinary news (evaluation/events_density.py)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd

from evaluation.events_density import density, sample


def test_sample_spaces_articles_evenly(tmp_path: Path) -> None:
    news = tmp_path / "news.jsonl.gz"
    with gzip.open(news, "wt", encoding="utf-8") as out:
        for i in range(10):
            out.write(json.dumps({"id": f"voa/{i}", "text": "a b"}) + "\n")
    assert [r["id"] for r in sample(news, 3)] == ["voa/0", "voa/3", "voa/6"]


def test_density_counts_events_per_thousand_words_and_pool() -> None:
    records = [
        {"id": "voa/1", "text": " ".join(["word"] * 500)},
        {"id": "voa/2", "text": " ".join(["word"] * 500)},
        {"id": "reuters2017/1", "text": " ".join(["word"] * 1000)},
    ]
    events = pd.DataFrame(
        {
            "external_id": ["voa/1", "voa/1", "reuters2017/1"],
            "event_type": ["ASSAULT", "ACCUSE", "ASSAULT"],
            "source_country": ["SYR", None, "USA"],
        }
    )
    out = density(records, events)
    assert out["all"]["events_per_1000_words"] == 1.5  # 3 events in 2,000 words
    assert out["voa"] == {
        "articles": 2, "words": 1000, "events": 2, "events_per_1000_words": 2.0,
        "events_per_article": 1.0,
    }  # fmt: skip
    assert out["reuters2017"]["events_per_article"] == 1.0
    assert out["all"]["with_source_country"] == 0.667
    assert out["all"]["types"] == {"ASSAULT": 2, "ACCUSE": 1}
