"""Raw text for the static vectors' vocabulary: the news corpus plus EWT's training sentences.

Only training material goes in: ../shared/corpus/news.jsonl.gz (its pools are PolNeAR *train*,
VOA, Reuters 2017 and CoNLL++ *train*) and EWT train. No dev or evaluation text.

``--extra CORPUS_DIR`` adds the texts of the further training corpora: the converted GUM train,
multiNER, re3d and UNER PUD files in CORPUS_DIR (``training/corpora_extra.py``), every GMB
sentence, and the news sentences and stories of ``events/``. More names get a vector that way,
most of them from outside Western news.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from convert import open_text

EXTRA_SPACY_FILES = ("gum-train", "multiner-train", "re3d-train", "uner-pud-train")


def extra_texts(corpora: Path, corpus_dir: Path) -> Iterator[str]:
    """The texts of the further training corpora (see the module docstring)."""
    import spacy
    from spacy.tokens import DocBin

    from training.corpora_extra import read_gmb

    vocab = spacy.blank("en").vocab
    for name in EXTRA_SPACY_FILES:
        for doc in DocBin().from_disk(corpus_dir / f"{name}.spacy").get_docs(vocab):
            yield doc.text
    for sentence in read_gmb(corpora / "ner_extra" / "gmb_ner_dataset.csv.gz"):
        yield " ".join(word for word, _, _ in sentence)
    events = corpora / "events"
    for name in ("plover_sentences.jsonl", "penta_sentences.jsonl"):
        for line in (events / name).read_text(encoding="utf-8").splitlines():
            yield json.loads(line)["text"]
    for line in open_text(events / "synthetic_stories.jsonl.gz").splitlines():
        yield json.loads(line)["text"]


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
    parser.add_argument(
        "--extra", type=Path, default=None, help="also the further corpora (converted here)"
    )
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
        if args.extra is not None:
            for text in extra_texts(args.corpora, args.extra):
                emit(text)
    print(f"{args.out}: {n} texts, {words} words")


if __name__ == "__main__":
    main()
