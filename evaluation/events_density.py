"""How many events the coder finds in ordinary news: events per 1,000 words, before and after.

    python -m evaluation.events_density --out /tmp/density --articles 400
    NEWSEXTRACT_EVENT_MODEL=build/events_model/model python -m evaluation.events_density ...

A precision check that needs no gold (issue 25, point 3): most sentences of an article state no
event, so a coder that finds many more events than before has mostly found false ones. Takes an
evenly spaced sample of ``../shared/corpus/news.jsonl.gz`` (every pool: PolNeAR US politics, VOA
world news, Reuters 2017, CoNLL++ Reuters 1996), runs the real pipeline (``newsextract run``) on
it, and reports events per 1,000 words (words split on white space), per article, the share
with a source country, and the types, overall and per pool.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

import pandas as pd

from evaluation.pipeline_run import events_of_records

REPO = Path(__file__).resolve().parents[1]
DEFAULT_NEWS = REPO.parent / "shared" / "corpus" / "news.jsonl.gz"


def sample(news: Path, articles: int) -> list[dict]:
    """``articles`` records spaced evenly through the file (deterministic)."""
    with gzip.open(news, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    step = max(1, len(rows) // articles)
    return rows[::step][:articles]


def density(records: list[dict], events: pd.DataFrame) -> dict:
    """Events per 1,000 words and per article, overall and by pool (the id's prefix)."""
    words = {r["id"]: len(r["text"].split()) for r in records}
    pools = {r["id"]: r["id"].split("/", 1)[0] for r in records}
    per_article = Counter(events["external_id"])

    def summary(ids: list[str]) -> dict:
        total_words = sum(words[i] for i in ids)
        found = sum(per_article[i] for i in ids)
        return {
            "articles": len(ids),
            "words": total_words,
            "events": found,
            "events_per_1000_words": round(1000 * found / total_words, 2) if total_words else 0,
            "events_per_article": round(found / len(ids), 2) if ids else 0,
        }

    out = {"all": summary(list(words))}
    for pool in sorted(set(pools.values())):
        out[pool] = summary([i for i in words if pools[i] == pool])
    countries = events["source_country"].notna().mean() if len(events) else 0.0
    out["all"]["with_source_country"] = round(float(countries), 3)
    out["all"]["types"] = dict(Counter(events["event_type"]).most_common())
    return out


def run_pipeline(records: list[dict], out: Path, model: str | None) -> pd.DataFrame:
    keys = ("id", "title", "published", "source", "url", "text")
    return events_of_records(({k: r[k] for k in keys} for r in records), out, model)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", type=Path, default=DEFAULT_NEWS)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--model", help="spaCy pipeline (default: shipped)")
    parser.add_argument("--out", type=Path, required=True, help="a new folder for the run")
    args = parser.parse_args()
    records = sample(args.news, args.articles)
    result = density(records, run_pipeline(records, args.out, args.model))
    (args.out / "density.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
