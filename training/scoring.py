"""Training-time helpers registered with spaCy (passed to ``spacy train`` with ``--code``).

The joint training corpus mixes EWT documents (tags, lemmas, dependencies) with CoNLL++ and
UNER documents (entities only). spaCy's stock dependency scorer keeps the set of "missing"
token indices across examples, so an entity-only document before an EWT document hides that
document's arcs and UAS reads 0. This scorer hands it only the documents with a parse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import spacy
from spacy.pipeline.dep_parser import parser_score
from spacy.training import Example

PARSER_SCORER = "newsextract.parser_scorer.v1"


@spacy.registry.scorers(PARSER_SCORER)
def make_parser_scorer() -> Callable[..., dict[str, Any]]:
    def score(examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        parsed = [eg for eg in examples if eg.reference.has_annotation("DEP")]
        return parser_score(parsed, **kwargs)

    return score
