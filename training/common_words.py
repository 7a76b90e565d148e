"""Build ``newsextract/data/lowercase_words.txt``: words that news text writes in lower case.

A word goes in when, away from the start of a sentence, it appears in lower case at least
``--min-count`` times and capitalised at most ``--max-capital-share`` of that. Such words
("furthermore", "adviser", "prison") are not names on their own, so a one-word entity made of
one is dropped (:mod:`newsextract.nlp.components`). Source: the news corpus (training pools only).
"""

from __future__ import annotations

import argparse
import collections
import gzip
import itertools
import json
import re
from pathlib import Path

TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|[.!?:;\"“”]")
BOUNDARY = set('.!?:;"“”')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--max-capital-share", type=float, default=0.05)
    args = parser.parse_args()
    lower: collections.Counter[str] = collections.Counter()
    capital: collections.Counter[str] = collections.Counter()
    with gzip.open(args.news, "rt", encoding="utf-8") as handle:
        for line in handle:
            tokens = TOKEN.findall(json.loads(line)["text"])
            for prev, token in itertools.pairwise(tokens):
                if prev in BOUNDARY:
                    continue
                if token.islower():
                    lower[token] += 1
                elif token[0].isupper():
                    capital[token.lower()] += 1
    words = sorted(
        w
        for w, n in lower.items()
        if n >= args.min_count and capital[w] <= args.max_capital_share * n
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(words)} words")


if __name__ == "__main__":
    main()
