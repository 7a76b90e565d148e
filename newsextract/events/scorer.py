"""The learned event model: how likely each coded event row has the right PLOVER type.

The rule coder (:mod:`newsextract.events.triggers`, :mod:`newsextract.events.table`) proposes
every event it can anchor in a trigger with an actor. Cross-validated on the labelled corpus
sentences, 57% of its rows have the sentence's type and it codes 60% of event-free statements.
The event model, trained by ``training/event_rows.py`` (model card ``docs/events_model.md``),
gives each row the probability that its type is right, from

- what the row says: its type, trigger, mode, whether its source and target have a country and
  which sector, negation and modality, how many rows its sentence has and its rank among them;
- the parse around its trigger (:class:`TriggerSyntax`): its relation, the content words that
  govern it ("claimed that they had attacked"), its objects ("rejected accusations");
- the sentence type classifier's probabilities for the row's sentence
  (:mod:`newsextract.events.type_model`): the probability of the row's type, of ``NONE``, and
  whether the row's type is the sentence's most likely one.

Rows under the model's threshold (0.3; docs/events_model.md) are dropped; the others take the
probability as ``confidence``, which is calibrated (cross-validated: of the rows given 0.9 or
more, 96% are right).

The model ships in ``newsextract/models/en_newsextract_events`` (``sentences/``: the classifier;
``rows/``: the row scorer, a spaCy bag-of-features text classifier; ``event_model.json``: the
threshold and the cross-validated figures). ``$NEWSEXTRACT_EVENT_MODEL`` names another folder,
or ``none`` to code by the rules alone.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from newsextract.events.type_model import DRAFT_ROOTS, SentenceType, sentence_types
from newsextract.nlp.model_meta import MODELS_DIR

EVENT_MODEL = MODELS_DIR / "en_newsextract_events"
EVENT_MODEL_ENV = "NEWSEXTRACT_EVENT_MODEL"
RULES_ONLY = "none"
MODEL_FILE = "event_model.json"
RIGHT, WRONG = "RIGHT", "WRONG"
# Words that stand for someone named elsewhere: an actor only once resolved.
PRONOUNS = frozenset({
    "he", "she", "it", "they", "we", "i", "his", "her", "its", "their", "our", "my", "them",
    "him", "us", "who",
})  # fmt: skip


@dataclass(frozen=True)
class EventModel:
    sentences: Language | None  # the sentence type classifier, if the row scorer reads it
    rows: Language  # the row scorer
    threshold: float  # rows scored below it are dropped
    name: str  # e.g. "en_newsextract_events-0.2.0"


def event_model_location(path: str | None = None) -> Path | None:
    """``path``, else ``$NEWSEXTRACT_EVENT_MODEL``, else the package's model; None for
    ``none`` (the rules alone)."""
    chosen = path or os.environ.get(EVENT_MODEL_ENV)
    if chosen is not None and chosen.strip().lower() == RULES_ONLY:
        return None
    return Path(chosen) if chosen else EVENT_MODEL


def load_event_model(path: str | None = None) -> EventModel | None:
    """The event model at :func:`event_model_location`; None for the rules alone, or when the
    package holds none. A folder named explicitly that holds no model is an error."""
    folder = event_model_location(path)
    if folder is None:
        return None
    explicit = bool(path or os.environ.get(EVENT_MODEL_ENV))
    return _load(folder.resolve(), explicit)


def event_model_tag(path: str | None = None) -> str:
    """The event model's name-version at :func:`event_model_location`, read without loading
    it; "none" for the rules alone. A batch built with another event model is rebuilt."""
    folder = event_model_location(path)
    meta = _settings(folder) if folder is not None else None
    return _tag(meta) if meta is not None else RULES_ONLY


def _settings(folder: Path) -> dict | None:
    """The model's ``event_model.json``, or None when the folder holds none."""
    settings = folder / MODEL_FILE
    return json.loads(settings.read_text(encoding="utf-8")) if settings.is_file() else None


def _tag(meta: dict) -> str:
    return f"{meta['name']}-{meta['version']}"


@lru_cache(maxsize=2)
def _load(folder: Path, explicit: bool) -> EventModel | None:
    meta = _settings(folder)
    if meta is None:
        if explicit:
            raise FileNotFoundError(f"no event model in {folder} ({MODEL_FILE} missing)")
        return None
    sentences = folder / "sentences"
    return EventModel(
        sentences=spacy.load(sentences) if sentences.is_dir() else None,
        rows=spacy.load(folder / "rows"),
        threshold=float(meta["threshold"]),
        name=_tag(meta),
    )


# A trigger heading a participle adjunct ("…has expressed concern, calling for all parties
# to renounce violence", "…, accusing Kyiv of …"): an event of its own, which the classifier's
# view of the whole sentence does not speak for.
ADJUNCT_CLAUSES = frozenset({"advcl", "acl"})
GOVERNORS_READ = 2  # content words above the trigger that the scorer reads
CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ"})
OBJECT_DEPS = frozenset({"obj", "dobj", "nsubj:pass"})


@dataclass(frozen=True)
class TriggerSyntax:
    """Where a row's trigger stands in the parse of its sentence: what governs it tells an
    event done ("Rebels attacked …") from one claimed, denied or demanded ("claimed that they
    had attacked …"), and what it acts on tells the senses of a verb apart."""

    dep: str | None = None  # the trigger's dependency relation
    governors: tuple[str, ...] = ()  # lemmas of the nearest content words above it
    objects: tuple[str, ...] = ()  # lemmas of its objects (or a passive's subject)
    adjunct: bool = False  # it heads a participle adjunct of its sentence


def _trigger_token(doc: Doc, row: Mapping) -> Token | None:
    span = doc.char_span(row["trigger_start"], row["trigger_end"], alignment_mode="expand")
    return None if span is None else span.root


def _heads_adjunct(token: Token) -> bool:
    return token.dep_ in ADJUNCT_CLAUSES and token.tag_ == "VBG"


def trigger_syntax(doc: Doc, row: Mapping) -> TriggerSyntax:
    """The parse around the row's trigger (:class:`TriggerSyntax`)."""
    token = _trigger_token(doc, row)
    if token is None:
        return TriggerSyntax()
    governors: list[str] = []
    node = token
    while node.head.i != node.i and len(governors) < GOVERNORS_READ:
        node = node.head
        if node.pos_ in CONTENT_POS:
            governors.append(node.lemma_.lower())
    return TriggerSyntax(
        dep=token.dep_,
        governors=tuple(governors),
        objects=tuple(c.lemma_.lower() for c in token.children if c.dep_ in OBJECT_DEPS),
        adjunct=_heads_adjunct(token),
    )


def row_features(
    row: Mapping,
    sentence: SentenceType | None,
    count: int,
    rank: int,
    syntax: TriggerSyntax = TriggerSyntax(),
) -> list[str]:
    """What the row scorer reads of one ``events`` row: one string per feature.

    ``count``: the rows of its sentence; ``rank``: its place among them by the rules'
    confidence (0 first); ``syntax``: the parse around its trigger. The sentence classifier's
    probabilities are not read for a trigger heading an adjunct clause."""
    event_type = row["event_type"]
    trigger = str(row["trigger"]).lower()
    features = [
        f"type={event_type}",
        f"trigger={trigger}",
        f"type+trigger={event_type}|{trigger}",
        f"mode={row['event_mode']}",
        f"rows={min(count, 4)}",
        f"rank={min(rank, 3)}",
        f"rules={round(float(row['confidence']), 1)}",
    ]
    for role in ("source", "target"):
        actor = row[f"{role}_actor"]
        if not isinstance(actor, str):
            features.append(f"{role}=none")
            continue
        coded = "country" if isinstance(row[f"{role}_country"], str) else "no-country"
        features += [f"{role}={coded}", f"{event_type}|{role}={coded}"]
        if isinstance(row[f"{role}_sector"], str):
            features.append(f"{role}-sector={row[f'{role}_sector']}")
        if actor.lower() in PRONOUNS:
            features.append(f"{role}=pronoun")
    for flag in ("negated", "hypothetical", "future"):
        if row[flag]:
            features += [flag, f"{event_type}|{flag}"]
    if syntax.dep is not None:
        features.append(f"dep={syntax.dep}")
    features += [f"above={lemma}" for lemma in syntax.governors]
    features += [f"object={lemma}" for lemma in syntax.objects]
    if syntax.adjunct:
        features.append("clause=adjunct")
    elif sentence is not None and sentence.scores:
        belief = int(10 * sentence.belief(event_type))
        best, _ = sentence.best
        agrees = best in (event_type, DRAFT_ROOTS.get(event_type))
        features += [
            f"belief={belief}",
            f"{event_type}|belief={belief}",
            f"none={int(10 * sentence.none)}",
            "best=same" if agrees else f"best={best}",
        ]
    return features


def ranked_by_sentence(rows: Sequence[Mapping]) -> list[tuple[int, int]]:
    """(count, rank) of every row within its sentence, by the rules' confidence, then the
    trigger's place."""
    sentences: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        sentences[(row["sentence_start"], row["sentence_end"])].append(i)
    placed = [(0, 0)] * len(rows)
    for members in sentences.values():
        ordered = sorted(members, key=lambda i: (-rows[i]["confidence"], rows[i]["trigger_start"]))
        for rank, i in enumerate(ordered):
            placed[i] = (len(members), rank)
    return placed


def row_probabilities(
    model: Language,
    rows: Sequence[Mapping],
    sentences: Sequence[SentenceType | None],
    syntaxes: Sequence[TriggerSyntax],
) -> list[float]:
    """The row scorer's probability that each row's type is right; ``sentences``: the
    classifier's output for each row's sentence; ``syntaxes``: the parse around each row's
    trigger."""
    placed = ranked_by_sentence(rows)
    docs = [
        Doc(model.vocab, words=row_features(row, sentence, count, rank, syntax))
        for row, sentence, (count, rank), syntax in zip(
            rows, sentences, placed, syntaxes, strict=True
        )
    ]
    return [doc.cats[RIGHT] for doc in model.pipe(docs, batch_size=256)]


def _sentence_types(
    classifier: Language, doc: Doc, rows: Sequence[Mapping]
) -> list[SentenceType | None]:
    keys = sorted({(row["sentence_start"], row["sentence_end"]) for row in rows})
    spans = {key: doc.char_span(*key, alignment_mode="expand") for key in keys}
    found = [(key, span) for key, span in spans.items() if span is not None]
    classified = sentence_types(classifier, [span for _, span in found])
    types = dict(zip([key for key, _ in found], classified, strict=True))
    return [types.get((row["sentence_start"], row["sentence_end"])) for row in rows]


def scored_rows(model: EventModel, doc: Doc, rows: list[dict]) -> list[dict]:
    """The rows the model keeps, with its probability as ``confidence``. Only the sentences
    that have rows are classified."""
    if not rows:
        return rows
    sentences = (
        _sentence_types(model.sentences, doc, rows) if model.sentences else [None] * len(rows)
    )
    kept = []
    syntaxes = [trigger_syntax(doc, row) for row in rows]
    probabilities = row_probabilities(model.rows, rows, sentences, syntaxes)
    for row, probability in zip(rows, probabilities, strict=True):
        if probability >= model.threshold:
            kept.append({**row, "confidence": round(max(0.05, min(probability, 0.99)), 3)})
    return kept
