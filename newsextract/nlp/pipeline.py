"""The NLP model: one loader for the shipped spaCy pipeline or any installed one.

Resolution order: an explicit name or path, then ``$NEWSEXTRACT_MODEL``, then the pipeline shipped
inside this package (``newsextract/models/en_newsextract_sm``). Nothing is ever downloaded:
``spacy.load`` of a path or an installed package name reads local files only.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

import numpy
import pyarrow as pa
import pyarrow.compute as pc
import spacy
import srsly
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span, Token
from thinc.api import NumpyOps, get_current_ops, use_ops

from newsextract.nlp.components import COMMON_WORD_FILTER, ENTITY_BOUNDARIES
from newsextract.nlp.forked import map_shares
from newsextract.nlp.memory import release_freed_memory
from newsextract.nlp.model_meta import (
    MODEL_ENV,
    SHIPPED_MODEL,
    model_location,
    tag_from_meta,
)
from newsextract.tables.schemas import ARTICLE_PARSES

R = TypeVar("R")

# What a stored parse keeps: enough for every extractor, nothing they do not read.
PARSE_ATTRS = [
    "ORTH",
    "SPACY",
    "NORM",
    "LEMMA",
    "TAG",
    "POS",
    "MORPH",
    "DEP",
    "HEAD",
    "SENT_START",
    "ENT_IOB",
    "ENT_TYPE",
]


class ModelNotFoundError(RuntimeError):
    pass


@contextmanager
def _cpu_ops() -> Iterator[None]:
    """Build models on NumPy ops without BLIS: their matrix products then go to NumPy's BLAS
    (OpenBLAS), which parsed the shipped pipeline 1.4 times as fast as thinc's BLIS on the
    benchmark machine, with identical output (docs/performance.md). GPU ops, if selected,
    are kept."""
    if type(get_current_ops()) is NumpyOps:
        with use_ops("numpy", use_blis=False):
            yield
    else:
        yield


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """Load (once per process) the configured spaCy pipeline, with newsextract's own
    post-NER components appended (see :mod:`newsextract.nlp.components`)."""
    location = model_location(name)
    try:
        with _cpu_ops():
            nlp = spacy.load(location)
    except OSError as err:
        raise ModelNotFoundError(
            f"cannot load the spaCy pipeline {location!r}: give an installed pipeline's name or a "
            f"folder path (argument, or ${MODEL_ENV}); the shipped one is {SHIPPED_MODEL}"
        ) from err
    if "ner" in nlp.pipe_names:
        for component in (ENTITY_BOUNDARIES, COMMON_WORD_FILTER):
            if component not in nlp.pipe_names:
                nlp.add_pipe(component)
    return nlp


def model_tag(nlp: Language) -> str:
    """``name-version`` of a pipeline, written into every row that depends on it."""
    return tag_from_meta(nlp.meta)


def batches_by_chars(texts: Iterable[str], max_chars: int, max_texts: int) -> Iterator[list[str]]:
    """The texts in order, in runs of at most ``max_texts`` texts and ``max_chars`` characters
    (a longer text is a run of its own). spaCy's ``minibatch_by_words`` caps words too, but
    yields an oversize text ahead of the texts before it."""
    run: list[str] = []
    chars = 0
    for text in texts:
        if run and (len(run) >= max_texts or chars + len(text) > max_chars):
            yield run
            run, chars = [], 0
        run.append(text)
        chars += len(text)
    if run:
        yield run


def parse(
    nlp: Language,
    texts: Iterable[str],
    *,
    batch_size: int = 64,
    batch_chars: int | None = None,
) -> Iterator[Doc]:
    """One parse per text, in order, in this process (:func:`parse_for_storage` spreads
    texts over forked processes).

    ``batch_chars`` also caps the characters of a spaCy batch: the parser's activations grow
    with a batch's tokens, so a batch of long articles would otherwise set a worker's memory
    peak."""
    if batch_chars is None:
        yield from nlp.pipe(texts, batch_size=batch_size)
    else:
        for run in batches_by_chars(texts, batch_chars, batch_size):
            yield from nlp.pipe(run, batch_size=len(run))
    # The parser's activations are freed by now, but glibc would keep their pages resident.
    release_freed_memory()


@dataclass(frozen=True)
class StoredParse:
    """What the ``article_parses`` table keeps of one parse."""

    doc: bytes
    """The Doc serialised with :data:`PARSE_ATTRS` (read back by :func:`doc_from_bytes`)."""
    n_tokens: int
    n_sentences: int
    text_matches: bool
    """The parse's text is the input text, character for character."""


def parse_for_storage(
    nlp: Language,
    texts: Iterable[str],
    *,
    n_process: int = 1,
    batch_size: int = 64,
    batch_chars: int | None = None,
) -> list[StoredParse]:
    """:func:`parse`, serialised as it goes, inside a spaCy memory zone: the strings and
    lexemes of the words the texts add to the vocabulary are freed afterwards, so a process
    that parses batch after batch does not grow with the corpus.

    With ``n_process`` > 1 the texts are cut into that many runs of about the same length,
    parsed and serialised in forked processes that share the loaded model: only the stored
    bytes come back (spaCy's own ``n_process`` sends every Doc back to be serialised here)."""
    texts = list(texts)

    def share(start: int, stop: int) -> list[StoredParse]:
        run = texts[start:stop]
        with nlp.memory_zone():
            docs = parse(nlp, run, batch_size=batch_size, batch_chars=batch_chars)
            return [
                StoredParse(
                    doc=doc_to_bytes(doc),
                    n_tokens=len(doc),
                    n_sentences=(
                        sum(1 for _ in doc.sents) if doc.has_annotation("SENT_START") else 0
                    ),
                    text_matches=doc.text == text,
                )
                for text, doc in zip(run, docs, strict=True)
            ]

    parts = map_shares(share, len(texts), n_process, weights=[len(t) for t in texts])
    return [stored for part in parts for stored in part]


def doc_to_bytes(doc: Doc) -> bytes:
    return DocBin(attrs=PARSE_ATTRS, docs=[doc], store_user_data=False).to_bytes()


@lru_cache(maxsize=1)
def _blank_vocab():
    # A stored parse carries its own strings, so reading one needs no model.
    return spacy.blank("en").vocab


_PARSES_SCHEMA = ARTICLE_PARSES.remove_metadata()


def reusable_parses(earlier: pa.Table, model: str) -> dict[str, dict]:
    """Rows of a batch's earlier ``article_parses`` that parsing again would only repeat, by
    article ID: the same article (its ID is a digest of its text), the same model, stored with
    the same attributes. A batch rebuilt because an article left it (a duplicate kept from an
    earlier input) or because a run was killed then parses only what is new."""
    if earlier.num_rows == 0 or earlier.schema.remove_metadata() != _PARSES_SCHEMA:
        return {}
    first = earlier.column("doc")[0].as_py()
    if DocBin().from_bytes(first).attrs != DocBin(attrs=PARSE_ATTRS).attrs:
        return {}  # written by a newsextract that stored other attributes
    same_model = earlier.filter(pc.equal(earlier.column("model"), model))
    return {row["article_id"]: row for row in same_model.to_pylist() if row["doc"] is not None}


# How DocBin stores a Doc without span groups.
_NO_SPAN_GROUPS = srsly.msgpack_dumps([])


def doc_from_bytes(data: bytes) -> Doc:
    """The Doc stored by :func:`doc_to_bytes`, in the reading vocabulary.

    Equal to ``DocBin().from_bytes(data).get_docs(vocab)``, without two costs that made reading
    a stored parse take 40% longer, paid by every extractor for every article: srsly's msgpack
    reader looks up its decoder plug-ins (package entry points) on every call, where the
    message holds no objects they decode; and ``get_docs`` makes a lexeme of every stored
    string (tags, lemmas, morphology), where the string table is enough. The tokens' own
    lexemes are made by ``Doc`` as before.
    """
    vocab = _blank_vocab()
    try:
        # Passing object_pairs_hook skips srsly's plug-in lookup; None is msgpack's default.
        msg = srsly.msgpack.loads(zlib.decompress(data), raw=False, object_pairs_hook=None)
    except zlib.error as error:
        raise ValueError("not a stored parse (spaCy DocBin bytes)") from error
    lengths = numpy.frombuffer(msg["lengths"], dtype="int32")
    if len(lengths) != 1 or msg.get("user_data"):
        (doc,) = DocBin().from_bytes(data).get_docs(vocab)  # not written by doc_to_bytes
        return doc
    attrs = msg["attrs"]
    tokens = numpy.frombuffer(msg["tokens"], dtype="uint64").reshape((-1, len(attrs)))
    for string in msg["strings"]:
        vocab.strings.add(string)
    (flags,) = msg.get("flags") or [{}]
    spaces = None if flags.get("has_unknown_spaces") else numpy.frombuffer(msg["spaces"], bool)
    doc = Doc(vocab, words=tokens[:, attrs.index(ORTH)], spaces=spaces)
    doc = doc.from_array(attrs, tokens)
    (doc.cats,) = msg["cats"]
    (span_groups,) = msg.get("span_groups") or [b""]
    if span_groups and span_groups != _NO_SPAN_GROUPS:
        doc.spans.from_bytes(span_groups)
    return doc


def stored_parses(article_parses: pa.Table) -> Iterator[tuple[str, str, Doc]]:
    """(article_id, model, Doc) for every row of an ``article_parses`` table, in order.

    The Docs live in a memory zone of the reading vocabulary, so their strings are freed when
    the iteration ends: use each Doc inside the loop and keep only what is read from it.
    """
    with _blank_vocab().memory_zone():
        for article_id, model, blob in zip(
            article_parses.column("article_id").to_pylist(),
            article_parses.column("model").to_pylist(),
            article_parses.column("doc").to_pylist(),
            strict=True,
        ):
            yield article_id, model, doc_from_bytes(blob)


def over_stored_parses(
    article_parses: pa.Table, extract: Callable[[str, str, Doc], R], processes: int = 1
) -> list[R]:
    """``extract(article_id, model, doc)`` for every row of an ``article_parses`` table, in
    order, spread over ``processes`` forked processes (:func:`newsextract.nlp.forked.map_shares`).
    ``extract`` must return plain data: the Docs do not outlive their share."""

    def share(start: int, stop: int) -> list[R]:
        rows = article_parses.slice(start, stop - start)
        return [extract(article_id, model, doc) for article_id, model, doc in stored_parses(rows)]

    parts = map_shares(share, article_parses.num_rows, processes)
    return [result for part in parts for result in part]


_TEXT_KEY = "newsextract.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token again on each access, which
    made attribution quadratic in the article's length."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def paragraph_sentence(token: Token) -> Span:
    """The token's sentence, cut at line breaks (the parser sometimes runs a sentence on
    across a paragraph break)."""
    doc, sent = token.doc, token.sent
    start, end = sent.start, sent.end
    for k in range(token.i - 1, start - 1, -1):
        if "\n" in doc[k].text:
            start = k + 1
            break
    for k in range(token.i + 1, end):
        if "\n" in doc[k].text:
            end = k
            break
    return doc[start:end]
