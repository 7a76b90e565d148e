"""Raw text for `spacy pretrain`: the news corpus plus EWT's training sentences.

Only training material goes in: ../shared/corpus/news.jsonl.gz (its pools are PolNeAR *train*,
VOA, Reuters 2017 and CoNLL++ *train*) and EWT train. No dev or evaluation text.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

from convert import open_text


def paragraphs(text: str, max_chars: int = 2000) -> list[str]:
    """Split long articles so pretraining batches stay even."""
    out, current = [], ""
    for para in text.split("\n"):
        if current and len(current) + len(para) > max_chars:
            out.append(current)
            current = ""
        current = f"{current}\n{para}" if current else para
    if current.strip():
        out.append(current)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, required=True)
    parser.add_argument("--news", type=Path, required=True, help="news.jsonl.gz")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    n = words = 0
    with args.out.open("w", encoding="utf-8") as sink:

        def emit(text: str) -> None:
            nonlocal n, words
            for chunk in paragraphs(text):
                sink.write(json.dumps({"text": chunk}) + "\n")
                n += 1
                words += len(chunk.split())

        with gzip.open(args.news, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                emit(f"{record.get('title') or ''}\n{record['text']}".strip())
        for line in open_text(args.corpora / "en_ewt-ud-train.conllu.gz").splitlines():
            if line.startswith("# text = "):
                emit(line[len("# text = ") :])
    print(f"{args.out}: {n} texts, {words} words")


if __name__ == "__main__":
    main()
