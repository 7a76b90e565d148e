"""Rule events weighed by the sentence type model: which are kept, with which type, how sure.

The rule coder (:mod:`newsextract.events.triggers`) finds triggers and their sources and
targets; the classifier (:mod:`newsextract.events.type_model`) says which PLOVER root each
sentence states, or none. Cross-validated on the labelled corpus sentences, the classifier
alone types sentences better than the trigger lexicon (0.73 against 0.61 top-1) and knows
event-free statements (which the rules code 62% of the time), while the rules know where the
event is and who acts. So, per sentence:

- a sentence the classifier believes states no event (``NONE`` ≥ ``veto``) keeps no event;
- a rule event keeps its trigger and arguments; its ``belief`` is the classifier's
  probability of its type (as stated: "will attack" is THREATEN);
- when the classifier is sure of a type (≥ ``retype``) that no rule event of the sentence has,
  the sentence's main rule event takes that type, and its other events go;
- a sentence with no rule event, whose type the classifier is sure of (≥ ``fill``), gets
  one event at its main verb, if that verb's subject is an actor (a name or a group such as
  "police"; not "the shelling", "this").

The thresholds are chosen on the cross-validated corpus predictions (docs/events_model.md).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newsextract.events.actors import sector_of
from newsextract.events.plover import Trigger, stated_type
from newsextract.events.triggers import EventMention, event_mention
from newsextract.events.type_model import NONE, SentenceType

# Verbs that only report: the event is in their clause ("officials said troops withdrew").
NEUTRAL_REPORTING = frozenset({
    "say", "tell", "state", "add", "note", "report", "explain", "write", "comment", "confirm",
    "describe", "observe", "remark", "recall", "continue", "conclude", "reiterate", "tweet",
    "post", "believe", "think", "know", "announce", "declare", "indicate", "show", "reveal",
})  # fmt: skip
# The corpus's draft root YIELD is RETREAT for these verbs, else CONCEDE.
RETREAT_LEMMAS = frozenset({
    "withdraw", "retreat", "pull", "leave", "evacuate", "flee", "demobilize", "demobilise",
    "disband", "abandon", "vacate", "exit",
})  # fmt: skip
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "MISC"})


REPORTED_CLAUSES = frozenset({"ccomp", "parataxis"})


@dataclass(frozen=True)
class Thresholds:
    veto: float = 0.8
    retype: float = 0.9
    fill: float = 0.5


@dataclass(frozen=True)
class BelievedEvent:
    mention: EventMention
    belief: float | None  # the classifier's probability of the event's type; None: no model


def event_type_of(mention: EventMention) -> str:
    """The mention's type as stated (a hostile act announced is THREATEN)."""
    m = mention.modality
    return stated_type(
        mention.definition.event_type,
        future=m.future,
        intended=m.intended,
        conditional=m.conditional,
    )


def root_type(label: str, verb: Token) -> str:
    """A PLOVER root for a classifier label: the draft YIELD by the verb."""
    if label != "YIELD":
        return label
    return "RETREAT" if verb.lemma_.lower() in RETREAT_LEMMAS else "CONCEDE"


def clause_depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def main_verb(sentence: Span) -> Token | None:
    """The sentence's main predicate, through neutral reporting verbs to what they report
    ("Officials said [troops withdrew]", "an aide said Israel [is opposed] to …"); None
    when that is only a reporting verb."""
    roots = [
        t for t in sentence if t.head.i == t.i or not sentence.start <= t.head.i < sentence.end
    ]
    if not roots:
        return None
    verb = roots[0]
    for _ in range(3):
        if verb.lemma_.lower() not in NEUTRAL_REPORTING:
            break
        clause = next((c for c in verb.children if c.dep_ in REPORTED_CLAUSES), None)
        if clause is None:
            return None
        verb = clause
    if verb.lemma_.lower() in NEUTRAL_REPORTING:
        return None
    return (
        verb
        if verb.pos_ in ("VERB", "ADJ") or any(c.dep_ == "nsubj" for c in verb.children)
        else None
    )


def _retyped(mention: EventMention, label: str) -> EventMention:
    definition = mention.definition
    new_type = root_type(label, mention.verb)
    return replace(mention, definition=Trigger(definition.lemma, definition.pos, new_type, None))


def _filled(sentence: Span, label: str) -> EventMention | None:
    verb = main_verb(sentence)
    if verb is None:
        return None
    new_type = root_type(label, verb)
    mention = event_mention(verb, verb, Trigger(verb.lemma_.lower(), verb.pos_, new_type, None))
    return mention if mention.sources and all(map(is_actor, mention.sources)) else None


def is_actor(phrase: Span) -> bool:
    """A phrase that can act: it names someone (an entity or a proper noun) or a group of a
    sector ("police", "rebels"); not "shelling", "this" or "calm"."""
    return any(t.ent_type_ in ACTOR_LABELS or t.pos_ == "PROPN" for t in phrase) or (
        sector_of(phrase.text) is not None
    )


def believed_events(
    doc: Doc,
    mentions: Sequence[EventMention],
    sentences: Sequence[Span],
    types: Sequence[SentenceType],
    thresholds: Thresholds = Thresholds(),
) -> list[BelievedEvent]:
    """The mentions kept, retyped or added, sentence by sentence, in text order.

    ``sentences`` are the article's sentences (cut at line breaks) and ``types`` their
    classifier outputs; a mention belongs to the sentence that holds its trigger."""
    out: list[BelievedEvent] = []
    by_sentence: dict[int, list[EventMention]] = {}
    starts = [s.start for s in sentences]
    for mention in mentions:
        index = _sentence_index(sentences, starts, mention.trigger.start)
        by_sentence.setdefault(index, []).append(mention)
    for index, (sentence, kind) in enumerate(zip(sentences, types, strict=True)):
        found = by_sentence.get(index, [])
        label, probability = kind.best
        if kind.none >= thresholds.veto:
            found = []
        sure = label != NONE and probability >= thresholds.retype
        if sure and found and all(kind.belief(event_type_of(m)) < probability for m in found):
            main = min(found, key=lambda m: (clause_depth(m.verb), m.trigger.start))
            found = [_retyped(main, label)]
        if not found and label != NONE and probability >= thresholds.fill:
            filled = _filled(sentence, label)
            found = [filled] if filled is not None else []
        out += [BelievedEvent(m, kind.belief(event_type_of(m))) for m in found]
    # Mentions outside every classified sentence keep their rule type, unweighed.
    out += [BelievedEvent(m, None) for m in by_sentence.get(-1, [])]
    return sorted(out, key=lambda b: b.mention.trigger.start)


def _sentence_index(sentences: Sequence[Span], starts: list[int], token_i: int) -> int:
    """The index of the sentence holding the token (``starts``: the sentences' first token
    indices), or -1 (a line-break token)."""
    index = bisect_right(starts, token_i) - 1
    return index if index >= 0 and token_i < sentences[index].end else -1
