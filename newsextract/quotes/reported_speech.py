"""Reported speech without quotation marks: rows of kind ``indirect`` in the quote table.

"The ministry said it would reopen the border" attributes *it would reopen the border* to the
ministry, as surely as a quotation would, but without marks. Three shapes are read from the
shared parse:

1. a reporting verb with a clausal complement (``ccomp``): "X said (that) CONTENT", "the data
   show CONTENT"; stance verbs ("want", "call for", "reject") also take an object or an
   infinitive as their content: "Trump wants to junk personal exemptions";
2. the reporting clause after its content, set off by a comma: "CONTENT, he said." and "CONTENT,
   said Batchelder." (the content is the sentence before the comma), or inside it: "But to
   prevent problems, he said, local officials should be vigilant" (the whole sentence);
3. "according to X" at either end of a sentence: "CONTENT, according to a campaign aide" and
   "According to Ham, CONTENT".

Content that overlaps a quotation is left to the quotation: it is a direct or partial quote.
Spans are bounded by the sentence and the paragraph, and trimmed of punctuation and spaces.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsextract.nlp.pipeline import paragraph_sentence
from newsextract.quotes.attribution import (
    SPEECH_VERBS,
    cue_subject,
    inside_quote,
    inverted_subject,
    noun_phrase,
)
from newsextract.quotes.marks import QuotedSpan

# Verbs whose clause complement is attributed content, besides the speech verbs: evidence
# ("the poll shows …") and belief ("he believes …").
CLAUSE_VERBS = SPEECH_VERBS | frozenset({
    "show", "find", "believe", "know", "estimate", "indicate", "reveal", "mention",
    "contend", "charge", "propose", "pledge", "question", "hint", "signal", "caution",
    "demand", "recommend", "agree",
})  # fmt: skip
# Stance verbs: their object or infinitive is the content ("wants to junk exemptions",
# "disputes the idea that …").
STANCE_VERBS = frozenset({
    "want", "call", "cite", "agree", "decline", "refuse", "urge",
    "criticize", "criticise", "attack", "question", "propose", "pledge", "promise", "vow",
    "demand", "defend", "reject", "dispute", "accuse", "blame", "praise", "expect", "hope",
    "fear", "discuss", "acknowledge",
})  # fmt: skip
# Verbs whose object is not what is said: who is spoken to ("told reporters"), a phrase
# ("said a prayer", "added a line") or an aspect ("continued to campaign").
REPORTING_VERBS = CLAUSE_VERBS | STANCE_VERBS
NO_CONTENT_OBJECT = frozenset({
    "tell", "told", "ask", "warn", "urge", "remind", "inform", "call", "say", "add", "continue",
})  # fmt: skip
COMPLEMENTISERS = frozenset({"that", "whether", "if"})
MIN_CONTENT_TOKENS = 3
# How sure each shape is, measured on quotes_polnear_all (share of rows matching gold at
# IoU 0.3: about 0.77 for speech-verb clauses, 0.6 for stance objects).
CONFIDENCE = {"clause": 0.7, "stance": 0.5, "after": 0.7, "according_to": 0.75}


@dataclass(frozen=True)
class ReportedSpan:
    start: int  # character offsets of the content
    end: int
    cue: Span
    speaker: Span | None
    how: str  # clause, stance, after, according_to
    confidence: float


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def _overlaps_quote(doc: Doc, start: int, end: int, quotes: Sequence[QuotedSpan]) -> bool:
    first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    # The marks sit just outside a quotation's offsets.
    return any(q.start - 1 <= last and first <= q.end + 1 for q in quotes)


def _speaker(doc: Doc, cue: Token) -> Span | None:
    subject = cue_subject(cue)
    return noun_phrase(doc, subject) if subject is not None else None


def _complements(doc: Doc, cue: Token, lemma: str) -> list[tuple[Token, str]]:
    found = []
    for child in cue.children:
        # The clause may come first: "CONTENT, he said" is often parsed with CONTENT as the
        # verb's ccomp.
        if child.dep_ == "ccomp" and lemma in CLAUSE_VERBS:
            # Not a verbless fragment or an adjunct clause ("as reported by") misread as one.
            first = child.left_edge
            adjunct = first.pos_ == "ADP" or (
                first.pos_ == "SCONJ" and first.lower_ not in COMPLEMENTISERS
            )
            if not adjunct and any(t.pos_ in ("VERB", "AUX") for t in child.subtree):
                found.append((child, "clause"))
        elif child.dep_ in ("xcomp", "obj", "dobj") and child.i > cue.i:
            takes_object = lemma in STANCE_VERBS or (
                lemma in CLAUSE_VERBS and lemma not in NO_CONTENT_OBJECT
            )
            # "announcing on social media", "stated, as reported by": misread adjuncts; and
            # without a subject the noun after the verb is the speaker ("…,” stated an
            # announcement), not what was said.
            if (
                takes_object
                and child.left_edge.pos_ not in ("ADP", "SCONJ")
                and cue_subject(cue) is not None
            ):
                found.append((child, "stance"))
    return found


def _reporting_clause_after(
    doc: Doc, cue: Token, lo: int, hi: int
) -> tuple[tuple[int, int], Span] | None:
    """(content, speaker) of "CONTENT, he said." (the sentence before the comma) or "A, he
    said, B" (the whole sentence), when the reporting clause is just the subject, the verb and
    its auxiliaries or adverbs."""
    subject = cue_subject(cue) if cue.dep_ in ("parataxis", "conj", "ccomp", "ROOT") else None
    if subject is None or subject.head.i != cue.i:
        subject = inverted_subject(cue)
    if subject is None:
        return None
    phrase = noun_phrase(doc, subject)
    start, end = min(phrase.start, cue.i), max(phrase.end, cue.i + 1)
    while (
        start > lo and doc[start - 1].head.i == cue.i and doc[start - 1].dep_ in ("aux", "advmod")
    ):
        start -= 1
    between = [t for t in doc[start:end] if t.i not in range(phrase.start, phrase.end)]
    if any(
        t.i != cue.i and not (t.head.i == cue.i and t.dep_ in ("aux", "advmod")) for t in between
    ):
        return None
    if start <= lo or doc[start - 1].text != ",":
        return None
    # What follows may describe the speaker or the telling: ", said Brian Baker, a political
    # adviser.", ", Graham told The Huffington Post on Thursday."
    if all(t.is_punct or t.is_space or cue.is_ancestor(t) for t in doc[end:hi]):
        if any(cue.is_ancestor(t) for t in doc[lo : start - 1]):
            return None  # a fronted phrase of the telling: "In Honolulu last week, he told …"
        return _trimmed(doc, lo, start - 1), phrase
    if end < hi and doc[end].text == ",":
        return _trimmed(doc, lo, hi), phrase
    return None


def _according_to(doc: Doc, token: Token, lo: int, hi: int) -> tuple[int, int] | None:
    source = token.head if token.head.i != token.i else doc[min(token.i + 2, hi - 1)]
    start, end = token.i, max(source.right_edge.i + 1, token.i + 2)
    while end > token.i + 2 and doc[end - 1].is_punct:
        end -= 1  # the parser hangs the comma off the source
    if end >= hi - 1 and start > lo and doc[start - 1].text == ",":
        return _trimmed(doc, lo, start - 1)
    if start == lo and end < hi and doc[end].text == ",":
        return _trimmed(doc, end + 1, hi)
    return None


def reported_spans(doc: Doc, quotes: Sequence[QuotedSpan]) -> list[ReportedSpan]:
    """Every stretch of reported speech outside quotation marks, in text order."""
    found: dict[tuple[int, int], ReportedSpan] = {}

    def add(start: int, end: int, cue: Span, speaker: Span | None, how: str) -> None:
        if end - start < MIN_CONTENT_TOKENS or _overlaps_quote(doc, start, end, quotes):
            return
        key = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        if key not in found:
            found[key] = ReportedSpan(*key, cue, speaker, how, CONFIDENCE[how])

    for token in doc:
        lemma = token.lemma_.lower()
        according = (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        )
        reporting = token.pos_ in ("VERB", "AUX") and lemma in REPORTING_VERBS
        if not (according or reporting) or inside_quote(token, quotes):
            continue
        sentence = paragraph_sentence(token)
        lo, hi = sentence.start, sentence.end
        if according and token.i + 1 < hi:
            span = _according_to(doc, token, lo, hi)
            if span is not None:
                head = token.head if token.head.i != token.i else None
                speaker = noun_phrase(doc, head) if head is not None else None
                add(*span, doc[token.i : token.i + 2], speaker, "according_to")
            continue
        if not reporting:
            continue
        complements = _complements(doc, token, lemma)
        for child, how in complements:
            start, end = _trimmed(doc, max(child.left_edge.i, lo), min(child.right_edge.i + 1, hi))
            add(start, end, doc[token.i : token.i + 1], _speaker(doc, token), how)
        if not complements and lemma in CLAUSE_VERBS:
            after = _reporting_clause_after(doc, token, lo, hi)
            if after is not None:
                add(*after[0], doc[token.i : token.i + 1], after[1], "after")
    return sorted(found.values(), key=lambda r: (r.start, r.end))
