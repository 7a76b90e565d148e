"""The learned sentence type: which PLOVER root a sentence states, if any.

A spaCy text classifier (``sentences/`` of the event model, trained by
``training/event_types.py``, model card ``docs/events_model.md``) gives a sentence a
probability for each PLOVER root and for ``NONE`` (no event). The rule coder
(:mod:`newsextract.events.triggers`) finds triggers and their arguments; the event model's row
scorer (:mod:`newsextract.events.scorer`) reads these probabilities to judge each row.

The classifier reads the parse's own tokens (a ``Doc`` built from them in its vocabulary,
nothing re-tokenised or re-parsed), so it runs beside any main pipeline. It carries its own
static vectors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

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


def sentence_types(model: Language, sentences: Sequence[Span]) -> list[SentenceType]:
    """Each sentence's type probabilities, from its tokens as parsed."""
    docs = [
        Doc(model.vocab, words=[t.text for t in s], spaces=[bool(t.whitespace_) for t in s])
        for s in sentences
    ]
    return [SentenceType(dict(doc.cats)) for doc in model.pipe(docs, batch_size=64)]
