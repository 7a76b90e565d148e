"""Convert the open corpora in ../shared/corpora into spaCy DocBin files for training.

- UD English-EWT (CoNLL-U) → tagger, morphologizer, lemmatizer and parser data, 10 sentences a doc
  (so the parser learns sentence boundaries); EWT dev also one sentence a doc, for scoring.
- CoNLL++ (CoNLL-2003 columns) → NER data, one doc per ``-DOCSTART-`` document. The text is
  rebuilt as the evaluation sets build it (tokens joined by single spaces, sentences by ``\\n``)
  and **re-tokenised with the pipeline's own tokenizer**, entities kept as character spans. CoNLL
  keeps "al-Assad" as one token while spaCy splits it in three; training on CoNLL's tokens taught
  the model to break hyphenated Arab names apart.
- UNER English-EWT (IOB2) → extra NER data from web text (PER/ORG/LOC only), aligned to each
  sentence's original text.

Labels: PER→PERSON, ORG, LOC, MISC.
"""

from __future__ import annotations

import argparse
import gzip
from collections.abc import Iterator, Sequence
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training.converters import conllu_to_docs

LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}


def open_text(path: Path) -> str:
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return handle.read()
    return path.read_text(encoding="utf-8")


def ewt_docs(path: Path, n_sents: int = 10) -> list[Doc]:
    return list(conllu_to_docs(open_text(path), n_sents=n_sents, merge_subtokens=False))


def _bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first token, end token, label) of each IOB/IOB2 entity."""
    spans: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        if start is not None and (prefix in ("O", "B") or kind != label):
            spans.append((start, i, label))
            start, label = None, None
        if prefix in ("B", "I") and start is None:
            start, label = i, kind
    return spans


def conll03_documents(path: Path) -> Iterator[list[list[tuple[str, str]]]]:
    """Documents as lists of sentences of (token, NER tag)."""
    doc: list[list[tuple[str, str]]] = []
    sent: list[tuple[str, str]] = []
    for line in open_text(path).splitlines():
        if line.startswith("-DOCSTART-"):
            if sent:
                doc.append(sent)
            if doc:
                yield doc
            doc, sent = [], []
        elif not line.strip():
            if sent:
                doc.append(sent)
            sent = []
        else:
            parts = line.split()
            sent.append((parts[0], parts[-1]))
    if sent:
        doc.append(sent)
    if doc:
        yield doc


def join_tokens(sentences: Sequence[Sequence[str]]) -> tuple[str, list[list[int]]]:
    """The text the evaluation sets build from tokens (joined by single spaces, sentences by
    ``\n``) and, per sentence, each token's character offset in it."""
    pieces: list[str] = []
    starts: list[list[int]] = []
    offset = 0
    for s_i, words in enumerate(sentences):
        if s_i:
            pieces.append("\n")
            offset += 1
        starts.append([])
        for t_i, word in enumerate(words):
            if t_i:
                pieces.append(" ")
                offset += 1
            starts[-1].append(offset)
            pieces.append(word)
            offset += len(word)
    return "".join(pieces), starts


def conll03_docs(path: Path, nlp: spacy.Language) -> list[Doc]:
    docs = []
    for sentences in conll03_documents(path):
        text, starts = join_tokens([[token for token, _ in sent] for sent in sentences])
        ents = [
            (at[first], at[end - 1] + len(sent[end - 1][0]), LABELS[label])
            for sent, at in zip(sentences, starts, strict=True)
            for first, end, label in _bio_spans([tag for _, tag in sent])
        ]
        docs.append(_with_entities(nlp.make_doc(text), ents))
    return docs


def uner_docs(path: Path, nlp: spacy.Language) -> list[Doc]:
    docs = []
    text, tokens = None, []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("# text = "):
            text = line[len("# text = ") :]
        elif line.startswith("#"):
            continue
        elif not line.strip():
            if text is not None and tokens:
                docs.append(_uner_doc(text, tokens, nlp))
            text, tokens = None, []
        else:
            cols = line.split("\t")
            tokens.append((cols[1], cols[2]))
    return docs


def _uner_doc(text: str, tokens: list[tuple[str, str]], nlp: spacy.Language) -> Doc:
    # Find each token in the original sentence text to get character offsets.
    starts, pos = [], 0
    for token, _ in tokens:
        found = text.find(token, pos)
        if found < 0:  # tokenisation differs from the text (rare): fall back to joined tokens
            return _uner_doc(" ".join(t for t, _ in tokens), tokens, nlp)
        starts.append(found)
        pos = found + len(token)
    ents = [
        (starts[first], starts[end - 1] + len(tokens[end - 1][0]), LABELS[label])
        for first, end, label in _bio_spans([tag for _, tag in tokens])
    ]
    return _with_entities(nlp.make_doc(text), ents)


def _with_entities(doc: Doc, ents: list[tuple[int, int, str]]) -> Doc:
    spans = []
    for start, end, label in ents:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.ents = spacy.util.filter_spans(spans)
    return doc


def save(docs: list[Doc], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    print(f"{path}: {len(docs)} docs, {sum(len(d) for d in docs)} tokens")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, required=True, help="../shared/corpora")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    nlp = spacy.blank("en")
    c = args.corpora
    for split in ("train", "dev"):
        save(ewt_docs(c / f"en_ewt-ud-{split}.conllu.gz"), args.out / f"ewt-{split}.spacy")
    # EWT dev one sentence a doc: the usual parser score with gold sentence boundaries.
    save(ewt_docs(c / "en_ewt-ud-dev.conllu.gz", n_sents=1), args.out / "ewt-dev-sent.spacy")
    save(conll03_docs(c / "conllpp_train.txt.gz", nlp), args.out / "conll-train.spacy")
    save(conll03_docs(c / "conllpp_dev.txt", nlp), args.out / "conll-dev.spacy")
    uner = uner_docs(c / "en_ewt-ud-dev.iob2", nlp) + uner_docs(c / "en_ewt-ud-test.iob2", nlp)
    save(uner, args.out / "uner-train.spacy")


if __name__ == "__main__":
    main()
