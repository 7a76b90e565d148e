"""Collect whole person names from training corpora for the entity-swap augmentation.

    python -m training.person_names build/model/corpus/re3d-train.spacy ... \
        --gmb ../shared/corpora/ner_extra/gmb_ner_dataset.csv.gz --out names.txt

Reads the PERSON spans of the given ``.spacy`` training files (never a dev or test set), and
of the whole GMB extract with ``--gmb`` (the training files hold a sample of it), and writes
each distinct name of two to four words in Latin script, one a line, sorted. The augmentation
(``training/augment.py``) draws whole names from this list, so the renamed copies carry the
name shapes of world news that Faker's locales lack: particles ("al-", "bin", "Abu"), Somali
and Afghan patronymics, Thai and Ethiopian names.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from training.augment import is_latin
from training.corpora_extra import gmb_docs

# A word of a name: letters with inner apostrophes, hyphens or dots ("O'Neill", "al-Bahra", "J.").
NAME_WORD = re.compile(r"[^\W\d_][\w'’.\-]*\Z")


def is_clean_name(text: str) -> bool:
    """A full name worth reusing: 2-4 words, Latin letters, a capital in the first and last word."""
    words = text.split()
    if not 2 <= len(words) <= 4 or not is_latin(text):
        return False
    if not all(NAME_WORD.match(word) for word in words):
        return False
    return words[0][0].isupper() and any(ch.isupper() for ch in words[-1])


def names_in(docs: Iterable[Doc]) -> set[str]:
    """The clean PERSON names of the documents, whitespace normalised."""
    return {
        " ".join(ent.text.split())
        for doc in docs
        for ent in doc.ents
        if ent.label_ == "PERSON" and is_clean_name(ent.text)
    }


def person_names(paths: Iterable[Path], gmb: Path | None = None) -> list[str]:
    """The distinct clean PERSON names of the given DocBin files (and all of GMB), sorted."""
    nlp = spacy.blank("en")
    names: set[str] = set()
    for path in paths:
        names |= names_in(DocBin().from_disk(path).get_docs(nlp.vocab))
    if gmb is not None:
        names |= names_in(gmb_docs(gmb, nlp))
    return sorted(names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+", type=Path, help="training .spacy files")
    parser.add_argument("--gmb", type=Path, help="the GMB extract (gmb_ner_dataset.csv.gz)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    names = person_names(args.corpus, args.gmb)
    args.out.write_text("".join(f"{name}\n" for name in names), encoding="utf-8")
    print(f"{len(names)} person names → {args.out}")


if __name__ == "__main__":
    main()
