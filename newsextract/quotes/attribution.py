"""Who said it: the cue (reporting verb) and speaker of each quotation, from the shared parse.

For each quotation (:func:`newsextract.quotes.marks.quoted_spans`) the cue is searched, in order:

1. after the quotation, in the rest of its sentence (“…,” the source stated);
2. before it, in its sentence (He told reporters: “…”; the Ministry said “…”);
3. "according to X" in the sentence;
4. a cue whose sentence ends with a colon just before the quotation;
5. a quoted fragment in a clause whose verb is no speech verb: that verb's subject
   ("Gingrich dismissed Estonia as being in the “suburbs”");
6. for a quotation paragraph with no cue, the speaker of the quotation just before it, when
   that one ends the previous paragraph (news runs a speaker's quotes on).

The speaker is the cue's subject (or the object of "according to"), extended to its noun
phrase. It is linked to an entity: a mention inside it; for a pronoun, the nearest earlier
person (he, she) or organisation or place (it, they); for a description ("the source", "the
Ministry"), the nearest earlier phrase with the same head word that names an entity, or an
entity whose name contains the head word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsextract.nlp.pipeline import doc_text
from newsextract.quotes.marks import QuotedSpan

SPEECH_VERBS = frozenset({
    "say", "tell", "state", "add", "confirm", "declare", "announce", "write", "read", "note",
    "insist", "explain", "claim", "warn", "ask", "argue", "respond", "reply", "stress",
    "emphasize", "emphasise", "urge", "describe", "acknowledge", "admit", "deny", "predict",
    "promise", "vow", "tweet", "post", "comment", "observe", "remark", "suggest", "recall",
    "quip", "joke", "continue", "conclude", "complain", "concede", "assert", "allege",
    "maintain", "testify", "report", "told", "call", "dub", "label", "brand", "term",
    "boast", "brag", "demand", "shout", "yell", "scream", "chant", "plead", "lament", "muse",
    "retort", "counter", "exclaim", "proclaim", "recount", "assure", "reiterate", "mock",
    "tout", "whisper", "wonder", "opine", "scoff", "sneer", "rail", "caution", "charge",
})  # fmt: skip
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"it", "they", "them", "we", "its", "their", "us", "our"})
SCARE_QUOTE_MAX_WORDS = 2


@dataclass(frozen=True)
class Attribution:
    cue: Token | None
    speaker: Span | None
    speaker_entity: str | None
    how: str  # after, before, according_to, colon, governing, previous, none
    confidence: float


@dataclass(frozen=True)
class EntitySpan:
    start: int
    end: int
    entity_id: str
    label: str
    name: str


def inside_quote(token: Token, quotes: Sequence[QuotedSpan]) -> bool:
    return any(q.start <= token.idx < q.end for q in quotes)


def is_cue(token: Token, quotes: Sequence[QuotedSpan]) -> bool:
    verb = token.pos_ in ("VERB", "AUX") or token.lemma_ in ("say", "tell")
    return verb and token.lemma_.lower() in SPEECH_VERBS and not inside_quote(token, quotes)


def cue_subject(cue: Token) -> Token | None:
    subjects = [
        c for c in cue.children if c.dep_ in ("nsubj", "nsubj:pass", "csubj") and wordlike(c)
    ]
    # Two subjects are a broken parse of a name and a description of it ("Human rights
    # organization Amnesty International demanded", "Montenegro Municipality Association (AKK)
    # officials demanded"): the name is the more specific.
    before = [s for s in subjects if s.i < cue.i]
    if len(subjects) > 1 and before:
        names = [s for s in before if s.pos_ == "PROPN"]
        return (names or before)[-1]
    if subjects:
        return subjects[0]
    # "…," said the minister: the subject may hang off a conjoined or governing verb.
    if cue.dep_ in ("conj", "xcomp", "advcl") and cue.head.i != cue.i:
        return cue_subject(cue.head)
    return None


def wordlike(token: Token) -> bool:
    return not token.is_space and not token.is_punct


def inverted_subject(cue: Token) -> Token | None:
    """The speaker after a cue that directly follows the quotation ("…," said the minister),
    which parsers often attach as the cue's object."""
    for child in cue.rights:
        if child.dep_ in ("obj", "dobj", "nsubj", "attr", "obl") and child.pos_ in (
            "NOUN",
            "PROPN",
        ):
            return child
    return None


def noun_phrase(doc: Doc, head: Token) -> Span:
    """The head's phrase without clauses and appositions hanging off it."""
    left = head.i
    for child in head.lefts:
        if child.dep_ in ("det", "amod", "compound", "nmod:poss", "flat", "nummod"):
            left = min(left, child.left_edge.i)
    right = head.i
    for child in head.rights:
        if child.dep_ in ("flat", "compound"):
            right = max(right, child.right_edge.i)
    # A day next to a name is when, not who: "Yasser Arafat Wednesday rejected" parsed with
    # the day inside the name.
    while left < head.i and (not wordlike(doc[left]) or doc[left].lower_ in TIME_WORDS):
        left += 1
    while right > head.i and (not wordlike(doc[right]) or doc[right].lower_ in TIME_WORDS):
        right -= 1
    return doc[left : right + 1]


def _according_to(doc: Doc, start: int, end: int) -> tuple[Token, Token] | None:
    """("according" token, head of the phrase after "to")."""
    for token in doc[start:end]:
        if (
            token.lower_ == "according"
            and token.i + 2 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            for t in doc[token.i + 2 : min(end + 6, len(doc))]:
                if t.pos_ in ("PROPN", "NOUN", "PRON"):
                    return token, (t.head if t.dep_ in ("compound", "flat") else t)
    return None


def attribute(
    doc: Doc,
    quotes: Sequence[QuotedSpan],
    entities: Sequence[EntitySpan],
) -> list[Attribution]:
    """An attribution for every quotation, in order."""
    out: list[Attribution] = []
    for n, quote in enumerate(quotes):
        found = _attribute_one(doc, quote, quotes)
        if found.speaker is None and n and _runs_on(doc, quotes[n - 1], quote):
            prev = out[-1]
            if prev.speaker is not None:
                found = Attribution(prev.cue, prev.speaker, None, "previous", 0.7)
        if found.speaker is not None:
            found = Attribution(
                found.cue,
                found.speaker,
                speaker_entity(doc, found.speaker, entities, quote.start),
                found.how,
                found.confidence,
            )
        out.append(found)
    return out


# A sentence ends inside the text between two quotations: "said X. Y disagreed."
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z“\"‘]")
ATTRIBUTION_MAX_CHARS = 120
OPENING_MARKS = ' \t“"‘«„'


def _runs_on(doc: Doc, previous: QuotedSpan, quote: QuotedSpan) -> bool:
    """The quotation carries on the previous one: in the same paragraph (“A,” said Caddell.
    “B.”), or opening the paragraph right after the one the previous quotation ended, or right
    after a paragraph that holds only the previous quotation and its attribution (“A,” said
    the mayor on Monday. ¶ “B.”: the newspaper's continuation paragraph)."""
    between = doc_text(doc)[previous.end : quote.start]
    if previous.continues or "\n" not in between:
        return True
    if len(between.strip()) <= 3:
        return True
    rest, _, opening = between.rpartition("\n")
    rest = rest.strip()
    if opening.strip(OPENING_MARKS) or "\n" in rest:
        return False  # the quotation does not open its paragraph, or a paragraph lies between
    return len(rest) <= ATTRIBUTION_MAX_CHARS and not _SENTENCE_BREAK.search(rest)


def _after_window(doc: Doc, span: Span, quotes: Sequence[QuotedSpan]) -> list[Token]:
    """Tokens after the quotation up to the end of the sentence that carries it on, within
    the paragraph and before the next quotation ("…,” Trump said, looking on. “…")."""
    text = doc_text(doc)
    end = text.find("\n", span.end_char)
    end = len(text) if end < 0 else end
    nxt = [q.start for q in quotes if q.start > span.end_char]
    end = min([end, *[n - 1 for n in nxt]])
    window = []
    for token in doc[span.end :]:
        if token.idx >= end:
            break
        window.append(token)
        if token.text in (".", "!", "?") and len(window) > 1:
            break
    return window


TIME_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "tonight", "tomorrow", "week", "month", "year", "morning", "evening",
    "afternoon", "night",
})  # fmt: skip
DASHES = frozenset({"―", "—", "–", "--", "-"})


def _dash_signature(doc: Doc, after: list[Token]) -> tuple[Token, Span] | None:
    """(dash, name) when a quotation is signed with a dash and a capitalised name."""
    marks = '”"’»'
    tokens = [t for t in after if not t.is_space and t.text.strip(marks)]
    # The tokenizer may glue the dash to the closing mark: "”―".
    if len(tokens) < 2 or tokens[0].text.strip(marks) not in DASHES:
        return None
    name = []
    for token in tokens[1:]:
        if token.is_title or (token.text in (".", "-") and name):
            name.append(token)
        else:
            break
    while name and not name[-1].is_alpha:
        name.pop()
    if not name:
        return None
    return tokens[0], doc[name[0].i : name[-1].i + 1]


def _before_window(doc: Doc, span: Span) -> list[Token]:
    """Tokens of the text before the opening mark, back to the start of its paragraph or the
    end of the sentence before (by punctuation, not the parser's boundaries, which often
    break at the mark: "He says, “…")."""
    text = doc_text(doc)
    para = text.rfind("\n", 0, span.start_char) + 1
    start = para
    for match in re.finditer(r"[.!?][”\"’]?\s", text[para : span.start_char]):
        start = para + match.end()
    first = doc.char_span(start, span.start_char, alignment_mode="expand")
    return [t for t in first if not t.is_space] if first is not None else []


def _previous_paragraph_colon(doc: Doc, span: Span) -> list[Token]:
    """The paragraph before, when the quotation opens its paragraph and that one ends with a
    colon ("Caddell continued:")."""
    text = doc_text(doc)
    para_start = text.rfind("\n", 0, span.start_char) + 1
    if text[para_start : span.start_char].strip(' “"«‘'):
        return []
    before = text[:para_start].rstrip()
    if not before.endswith(":"):
        return []
    prev_start = before.rfind("\n") + 1
    prev = doc.char_span(prev_start, len(before), alignment_mode="expand")
    return list(prev) if prev is not None else []


def _after(
    doc: Doc, span: Span, after: list[Token], quotes: Sequence[QuotedSpan]
) -> Attribution | None:
    """“…,” the source stated."""
    for n, token in enumerate(after):
        if not is_cue(token, quotes):
            continue
        subject = cue_subject(token)
        if subject is not None and inside_quote(subject, quotes):
            subject = None  # the parser took a word of the quotation for the subject
        if subject is not None and subject.lower_ in TIME_WORDS:
            # “…,” Rep. Gwen Moore said Friday: the name before the cue, not the day.
            names = [t for t in after[:n] if t.pos_ == "PROPN" and not inside_quote(t, quotes)]
            subject = names[-1] if names else None
        if subject is None and n <= 3:
            subject = inverted_subject(token)  # “…,” stated an announcement from …
        if subject is not None:
            return Attribution(token, noun_phrase(doc, subject), None, "after", 0.9)
        if n <= 3:
            name = _names_after(doc, token, quotes)
            if name is not None:
                return Attribution(token, name, None, "after", 0.8)
    return None


def _names_after(doc: Doc, cue: Token, quotes: Sequence[QuotedSpan]) -> Span | None:
    """The proper names right after a cue that has no subject: the parser breaks “…,” said
    Mayor Ana Ruiz on Monday into three sentences, and the name is still the speaker."""
    end = cue.i + 1
    while (
        end < len(doc)
        and doc[end].pos_ == "PROPN"
        and doc[end].lower_ not in TIME_WORDS
        and not inside_quote(doc[end], quotes)
    ):
        end += 1
    return doc[cue.i + 1 : end] if end > cue.i + 1 else None


def _before(doc: Doc, before: list[Token], quotes: Sequence[QuotedSpan]) -> Attribution | None:
    """The Ministry said: “…”"""
    for token in reversed(before):
        subject = cue_subject(token) if is_cue(token, quotes) else None
        if subject is not None and not inside_quote(subject, quotes):
            return Attribution(token, noun_phrase(doc, subject), None, "before", 0.85)
    return None


def _attribute_one(doc: Doc, quote: QuotedSpan, quotes: Sequence[QuotedSpan]) -> Attribution:
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None or not len(span):
        return Attribution(None, None, None, "none", 0.0)
    after = _after_window(doc, span, quotes)
    # 0. a dash and a name after the closing mark: “…” ― Martha Aguilar
    dashed = _dash_signature(doc, after)
    if dashed is not None:
        return Attribution(dashed[0], dashed[1], None, "after", 0.85)
    # A quotation that ends its own sentence (“… today.”) is more often introduced by what
    # precedes it; one that ends with a comma (“…,” she said) by what follows.
    ends_sentence = doc_text(doc)[quote.start : quote.end].rstrip().endswith((".", "!", "?"))
    before = _before_window(doc, span)
    found = _before(doc, before, quotes) if ends_sentence else None
    if found is None:
        found = _after(doc, span, after, quotes) or _before(doc, before, quotes)
    if found is not None:
        return found
    # 3. according to
    window = before + after
    if window:
        according = _according_to(doc, window[0].i, window[-1].i + 1)
        if according is not None and not inside_quote(according[1], quotes):
            cue, head = according
            return Attribution(cue, noun_phrase(doc, head), None, "according_to", 0.8)
    # 4. a paragraph ending with a colon just before: Caddell continued: / “…”
    for token in reversed(_previous_paragraph_colon(doc, span)):
        if is_cue(token, quotes) and (subject := cue_subject(token)) is not None:
            return Attribution(token, noun_phrase(doc, subject), None, "colon", 0.75)
    # 5. a quoted fragment inside a clause whose verb is not a speech verb ("Gingrich
    # dismissed Estonia as being in the “suburbs”"): the subject of the verb governing it.
    governing = _governing_verb(span, quotes)
    subject = cue_subject(governing) if governing is not None else None
    if (
        subject is not None
        and not inside_quote(subject, quotes)
        and subject.lower_ not in TIME_WORDS
    ):
        return Attribution(governing, noun_phrase(doc, subject), None, "governing", 0.5)
    return Attribution(None, None, None, "none", 0.0)


def _governing_verb(span: Span, quotes: Sequence[QuotedSpan]) -> Token | None:
    """The nearest verb outside the quotation that the quoted words hang off."""
    node = span.root
    for _ in range(6):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ == "VERB" and not inside_quote(node, quotes):
            return node
    return None


def speaker_entity(
    doc: Doc, speaker: Span, entities: Sequence[EntitySpan], before: int
) -> str | None:
    inside = [e for e in entities if e.start < speaker.end_char and speaker.start_char < e.end]
    if not inside:
        # "Opposition leaders, including Hadi al-Bahra": a named member of the speaking group.
        whole = doc[speaker.root.left_edge.i : speaker.root.right_edge.i + 1]
        if len(whole) <= 15:
            inside = [e for e in entities if e.start < whole.end_char and whole.start_char < e.end]
    if inside:
        return max(inside, key=lambda e: e.end - e.start).entity_id
    earlier = [e for e in entities if e.end <= min(before, speaker.start_char)]
    head = speaker.root
    word = head.lower_
    if word in PERSON_PRONOUNS:
        people = [e for e in earlier if e.label == "PERSON"]
        return people[-1].entity_id if people else None
    if word in GROUP_PRONOUNS:
        groups = [e for e in earlier if e.label in ("ORG", "GPE", "NORP")]
        return groups[-1].entity_id if groups else None
    if head.pos_ in ("NOUN", "PROPN"):
        # "the source": an earlier phrase with the same head that names an entity
        # ("a Kremlin source"); "the Ministry": an entity with that word in its name.
        for token in reversed(doc[: speaker.start]):
            if token.lemma_.lower() == head.lemma_.lower() and token.pos_ in ("NOUN", "PROPN"):
                phrase = noun_phrase(doc, token)
                named = [
                    e for e in entities if e.start < phrase.end_char and phrase.start_char < e.end
                ]
                if named:
                    return named[0].entity_id
        for entity in reversed(earlier):
            if entity.label in ("ORG", "PERSON") and word in entity.name.lower().split():
                return entity.entity_id
    return None


def quote_kind(text: str, quote: QuotedSpan, sentence_start: int) -> str:
    """direct: the quotation is a sentence or clause of its own (at the start of its sentence,
    or after a colon or comma); partial: a fragment inside reported speech ("declared the
    capital “free of Bashar al-Assad”")."""
    opener = quote.start - 1
    paragraph_start = text.rfind("\n", 0, max(opener, 0)) + 1
    before = text[max(sentence_start, paragraph_start) : opener].rstrip()
    return "direct" if not before or before[-1] in ":,—–-" else "partial"
