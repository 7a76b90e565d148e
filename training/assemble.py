"""Assemble the shipped pipeline from the separately trained parts.

The syntax pipeline (tok2vec, tagger, morphologizer, trainable lemmatizer, parser; trained on UD
English-EWT) is the base; the NER component (trained on CoNLL++ and UNER with a tok2vec of its
own) is sourced into it after its listener is replaced by a private copy of that tok2vec.
The result is saved with metadata that says what it was trained on.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import spacy

NAME = "newsextract_sm"


def assemble(syntax_dir: Path, ner_dir: Path, out: Path, version: str, scores: dict) -> None:
    nlp = spacy.load(syntax_dir)
    ner_source = spacy.load(ner_dir)
    if "tok2vec" in ner_source.pipe_names:
        # The NER listens to its own tok2vec; give it a private copy so it can move pipelines.
        ner_source.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    if ner_source.vocab.vectors.shape[0] and not nlp.vocab.vectors.shape[0]:
        # The NER was trained with static vectors: they travel with it.
        nlp.vocab.vectors = ner_source.vocab.vectors
    nlp.add_pipe("ner", source=ner_source)
    nlp.meta.update(
        {
            "name": NAME,
            "version": version,
            "description": (
                "Compact English CNN pipeline for newsextract: tagger, morphologizer, lemmatizer "
                "and dependency parser trained on UD English-EWT; NER (PERSON, ORG, LOC, MISC) "
                "trained on CoNLL++ and UNER English-EWT, re-tokenised with spaCy's tokenizer."
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
            ],
            "performance": scores,
        }
    )
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"{out}: pipeline {nlp.pipe_names}, {size / 1e6:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--syntax", type=Path, required=True)
    parser.add_argument("--ner", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--version", default="0.1.0")
    parser.add_argument("--scores", type=Path, help="JSON of measured scores to record in meta")
    args = parser.parse_args()
    scores = json.loads(args.scores.read_text()) if args.scores else {}
    # Headline figures only: per-label tables would bloat meta.json.
    scores = {k: v for k, v in scores.items() if isinstance(v, int | float)}
    assemble(args.syntax, args.ner, args.out, args.version, scores)


if __name__ == "__main__":
    main()
