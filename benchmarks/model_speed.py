"""Parse speed of the NLP pipeline: words per second on one core, on real news text.

Reads the first N articles of ../shared/corpus/news.jsonl.gz, warms the pipeline up, then times
``nlp.pipe`` in one process (one core: BLAS threads pinned to 1). Prints and returns a JSON
result; ``--record`` appends a row to docs/performance.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared/corpus/news.jsonl.gz")
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--model", default=None)
    parser.add_argument("--record", action="store_true", help="append a row to docs/performance.md")
    args = parser.parse_args()
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")

    from newsextract.nlp.pipeline import load_pipeline, model_tag

    texts = []
    with gzip.open(args.corpus, "rt", encoding="utf-8") as handle:
        for line in handle:
            texts.append(json.loads(line)["text"])
            if len(texts) >= args.articles:
                break
    nlp = load_pipeline(args.model)
    list(nlp.pipe(texts[:20]))  # warm-up: lazy allocations, caches
    words = sum(len(t.split()) for t in texts)
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    seconds = time.perf_counter() - started
    result = {
        "date": f"{datetime.now(UTC):%Y-%m-%d}",
        "model": model_tag(nlp),
        "pipeline": nlp.pipe_names,
        "articles": len(texts),
        "words": words,
        "tokens": tokens,
        "seconds": round(seconds, 2),
        "words_per_second_one_core": round(words / seconds),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
    }
    print(json.dumps(result, indent=1))
    if args.record:
        speed = result["words_per_second_one_core"]
        row = (
            f"| {result['date']} | {result['machine']} | `python benchmarks/model_speed.py "
            f"--articles {args.articles}` | {result['model']}: {speed:,} words/s on one core "
            f"({words:,} words of news.jsonl.gz in {seconds:.1f} s) |\n"
        )
        with (REPO / "docs" / "performance.md").open("a", encoding="utf-8") as sink:
            sink.write(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
