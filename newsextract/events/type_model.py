"""The learned sentence type: which PLOVER root a sentence states, if any.

A spaCy text classifier (``newsextract/models/en_newsextract_events``, trained by
``training/event_types.py``, model card ``docs/events_model.md``) gives every sentence a
probability for each PLOVER root and for ``NONE`` (no event). The rule coder
(:mod:`newsextract.events.triggers`) finds triggers and their arguments; the classifier says
which type the sentence's event has and how sure that is (:mod:`newsextract.events.beliefs`).

The classifier reads the parse's own tokens (a ``Doc`` built from them in its vocabulary,
nothing re-tokenised or re-parsed), so it runs beside any main pipeline. It carries its own
static vectors.

Not shipped yet: ``make events-model`` trains one into ``build/events_model/model``, and
``$NEWSEXTRACT_EVENT_MODEL`` (a folder) switches it on; without it the coder keeps to its rules.
docs/events_model.md has the measurements and why it is not the default.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsextract.nlp.model_meta import MODELS_DIR

EVENTS_MODEL = MODELS_DIR / "en_newsextract_events"
EVENT_MODEL_ENV = "NEWSEXTRACT_EVENT_MODEL"
NONE = "NONE"
# The training corpus's draft root: the current ontology's CONCEDE or RETREAT.
DRAFT_ROOTS = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}


@dataclass(frozen=True)
class SentenceType:
    """A sentence's probabilities: PLOVER root (or the draft YIELD) → probability, and NONE."""

    scores: dict[str, float] = field(default_factory=dict)

    def belief(self, event_type: str) -> float:
        """How likely the sentence states an event of this type (CONCEDE and RETREAT share
        the draft root's probability)."""
        return self.scores.get(event_type, self.scores.get(DRAFT_ROOTS.get(event_type, ""), 0.0))

    @property
    def best(self) -> tuple[str, float]:
        """The most likely label (NONE included) and its probability."""
        if not self.scores:
            return NONE, 0.0
        label = max(self.scores, key=self.scores.__getitem__)
        return label, self.scores[label]

    @property
    def none(self) -> float:
        return self.scores.get(NONE, 0.0)


def type_model_location(path: str | None = None) -> Path:
    """``path``, else ``$NEWSEXTRACT_EVENT_MODEL``, else the package's model folder."""
    return Path(path or os.environ.get(EVENT_MODEL_ENV) or EVENTS_MODEL)


def load_type_model(path: str | None = None) -> Language | None:
    """The classifier at :func:`type_model_location`, or None when no model is there (a
    folder named explicitly or by the environment that holds none is an error)."""
    return _load(type_model_location(path), explicit=bool(path or os.environ.get(EVENT_MODEL_ENV)))


@lru_cache(maxsize=2)
def _load(folder: Path, explicit: bool) -> Language | None:
    if not (folder / "meta.json").is_file():
        if explicit:
            raise FileNotFoundError(f"no event type model in {folder} (meta.json missing)")
        return None
    return spacy.load(folder)


def sentence_types(model: Language, sentences: Sequence[Span]) -> list[SentenceType]:
    """Each sentence's type probabilities, from its tokens as parsed."""
    docs = [
        Doc(model.vocab, words=[t.text for t in s], spaces=[bool(t.whitespace_) for t in s])
        for s in sentences
    ]
    return [SentenceType(dict(doc.cats)) for doc in model.pipe(docs, batch_size=64)]
