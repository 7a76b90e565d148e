"""Events in a parsed article: PLOVER triggers with their source, target, place and modality.

A trigger is a verb (or a phrasal verb: "call for", "step down") or a noun that the PLOVER
lexicon (:mod:`newsextract.events.plover`) types. A noun counts only as the object of a light verb
("granted asylum", "launched airstrikes") or with its own agent ("Russia's asylum"), so that
mere mentions of a protest or an attack elsewhere are not coded again.

- source: the trigger's subject (through conjoined, controlled and adverbial verbs; the noun a
  relative or participle clause hangs off: "forces, who captured …", "rebels seizing …"), or
  the "by" agent of a passive;
- target: the object (the subject of a passive), else the noun after "to", "against", "with",
  "on" or "for"; each conjoined source or target makes its own dyad; where none of these is
  an actor with a country, the nearest person or place with one further into the clause
  (``reached``: "rejected North Korea's demand", "threatened to shell Iraqi towns");
- place: a place entity in a phrase of place ("in", "at", "near" …); for a seizure or an
  attack on a place, the place itself;
- modality: negated ("did not grant"), hypothetical (a modal, "if", or a verb of intention:
  "may grant", "plans to attack"), future ("will grant").

A trigger inside the clause of another trigger ("agreed to cooperate") is part of that event,
not one of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsextract.events.actors import sector_of
from newsextract.events.plover import Trigger, triggers, verb_objects
from newsextract.lexicons.gazetteer import gazetteer
from newsextract.quotes.attribution import (
    SPEECH_VERBS,
    TIME_WORDS,
    cue_subject,
    noun_phrase,
    wordlike,
)

LIGHT_VERBS = frozenset({
    "grant", "give", "offer", "provide", "launch", "carry", "stage", "hold", "impose", "send",
    "extend", "deliver", "conduct", "mount", "make", "issue", "announce", "lift", "level",
    "tighten", "intensify", "escalate", "expand", "step",
})  # fmt: skip
INTENTION_VERBS = frozenset({
    "plan", "intend", "want", "seek", "hope", "expect", "consider", "propose", "aim",
    "prepare", "wish", "threaten", "vow", "promise", "pledge", "offer",
})  # fmt: skip
MODALS = frozenset({"may", "might", "could", "would", "should", "can", "must"})
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
TARGET_CASES = ("to", "against", "with", "on", "for", "at", "into", "from")
PLACE_CASES = frozenset({"in", "at", "near", "outside", "inside", "across", "into", "around"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Types whose object, when it is a place, is also where it happened ("seized Damascus").
PLACE_OBJECT_TYPES = frozenset({"COERCE", "ASSAULT", "RETREAT", "MOBILIZE", "PROTEST"})


@dataclass(frozen=True)
class Modality:
    negated: bool = False  # "did not grant"
    hypothetical: bool = False  # a modal, a condition or an intention: "may grant"
    future: bool = False  # "will grant"
    intended: bool = False  # governed by a verb of intention: "plans to impose"
    conditional: bool = False  # "if …", "unless …"


@dataclass(frozen=True)
class EventMention:
    trigger: Span
    verb: Token  # the trigger, or the light verb of a noun trigger ("granted" asylum)
    definition: Trigger
    sources: tuple[Span, ...]
    targets: tuple[Span, ...]
    places: tuple[Span, ...]  # phrases of place ("in Damascus"), nearest first
    modality: Modality
    embedded: bool  # inside a clause of another verb (reported or intended), less certain
    # People and places further into the event's clause, nearest first: who the event is
    # done to when the object is no actor ("rejected North Korea's demand").
    reached: tuple[Span, ...] = ()


def _lemmas(token: Token) -> list[str]:
    """The lemma, and repairs of what a small lemmatiser gets wrong ("seizing" → "seiz")."""
    lemma, word = token.lemma_.lower(), token.lower_
    found = [lemma, lemma + "e"]
    if token.pos_ == "ADJ":
        found.append(word)  # "opposed" is an adjective's entry; the lemmatiser gives "oppose"
    if word.endswith("ies"):
        found.append(word[:-3] + "y")  # "rallies"
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            found += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                found.append(stem[:-1])  # "banned" → "ban"
    return found


def _noun_forms(token: Token) -> list[str]:
    """The lemma and the written form, singular too (a small lemmatiser keeps "troops")."""
    forms = {token.lemma_.lower(), token.lower_, token.lower_.removesuffix("s")}
    return sorted(forms)


def _compound_forms(token: Token) -> list[str]:
    """The noun a compound names its head by ("ended mediation efforts", "provided an aid
    package"): the pattern's object when the head itself matches none."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is None or before.dep_ != "compound" or before.head.i != token.i:
        return []
    return _noun_forms(before)


AMOUNT_WORDS = frozenset({"million", "billion", "trillion", "thousand", "hundred"})


def _amount_forms(token: Token) -> list[str]:
    """What an amount is of ("provided $1.7 billion in humanitarian assistance", "sent 20
    tonnes of food"): the noun after "in" or "of" that the amount governs."""
    if not (token.like_num or token.lower_ in AMOUNT_WORDS or token.tag_ == "$"):
        return []
    # Under the amount, or beside it under the verb: "provided $2 million in assistance".
    for child in [*token.subtree, *token.head.children]:
        if child.dep_ in ("nmod", "obl") and any(
            c.dep_ == "case" and c.lower_ in ("in", "of") for c in child.children
        ):
            return _noun_forms(child)
    return []


def _with_noun_mode(found: Trigger, noun: Token) -> Trigger:
    """ "granted asylum": the pattern's type, with the noun's own mode (asylum) if it has one."""
    if found.mode is not None:
        return found
    own = triggers().get((noun.lemma_.lower(), "NOUN"))
    if own is not None and own.event_type == found.event_type and own.mode:
        return Trigger(found.lemma, found.pos, found.event_type, own.mode)
    return found


def _lookup(token: Token) -> Trigger | None:
    pos = {"VERB": "VERB", "NOUN": "NOUN", "ADJ": "ADJ"}.get(token.pos_)
    if pos is None:
        return None
    if pos == "ADJ" and not _complemented(token):
        return None  # "ready to contribute", "opposed to mediation"; not "ready-made"
    if pos == "VERB":
        # "Israel is opposed to mediation", "is prepared to send": parsers read these as
        # adjective or as passive; the adjective's entry holds either way. The lexicon lookup
        # comes first: it is cheap and almost always empty.
        adjective = triggers().get((token.lower_, "ADJ"))
        if adjective is not None and _complemented(token) and is_passive(token):
            return adjective
    for lemma in _lemmas(token):
        found = _lookup_lemma(token, lemma, pos)
        if found is not None:
            if pos == "VERB" and " " not in found.lemma and _has_particle(token):
                return None  # "shell out", "hit back": a phrasal verb the lexicon lacks
            return found
    return None


def _complemented(token: Token) -> bool:
    return any(c.dep_ in ("xcomp", "obl") for c in token.children)


def _has_particle(token: Token) -> bool:
    return any(
        c.dep_ in ("compound:prt", "prt") and not _bounds_a_number(c) for c in token.children
    )


def _bounds_a_number(particle: Token) -> bool:
    """ "will allow up to 13,000 refugees": "up to" bounds a number; the parser's particle is
    none."""
    doc, i = particle.doc, particle.i
    return (
        i + 2 < len(doc)
        and doc[i + 1].lower_ == "to"
        and (doc[i + 2].like_num or doc[i + 2].pos_ == "NUM")
    )


@lru_cache(maxsize=1)
def _entry_words() -> frozenset[str]:
    """The first and last word of every lexicon entry and every verb of a verb-object pair.

    A lemma without a space matches an entry only as its first word (a verb's particle,
    preposition or object follows it: "call for", "opened fire") or its last (a noun's
    modifier precedes it: "air strike"); most tokens are neither, and are passed over without
    walking their children (an eighth of the events step before).
    """
    words: set[str] = set()
    for entry in [lemma for lemma, _ in triggers()] + [verb for verb, _ in verb_objects()]:
        words.update((entry.split(" ")[0], entry.split(" ")[-1]))
    return frozenset(words)


def _lookup_lemma(token: Token, lemma: str, pos: str) -> Trigger | None:
    if lemma not in _entry_words() and " " not in lemma:
        return None
    table = triggers()
    if pos == "NOUN":
        # "air strike", "hunger strike", "martial law": the modifier before the noun.
        for child in token.lefts:
            if child.dep_ in ("compound", "amod") and child.i == token.i - 1:
                found = table.get((f"{child.lower_} {lemma}", pos))
                if found:
                    return found
    if pos == "VERB":
        pairs = verb_objects()
        particles = [c.lower_ for c in token.children if c.dep_ in ("compound:prt", "prt")]
        for child in token.children:
            if child.dep_ in ("obj", "dobj") and pairs:
                for verb in [f"{lemma} {p}" for p in particles] + [lemma]:
                    nouns = [*_noun_forms(child), *_compound_forms(child), *_amount_forms(child)]
                    for noun in nouns:
                        found = pairs.get((verb, noun))
                        if found:
                            return _with_noun_mode(found, child)  # "sent arms"
        for child in token.children:
            if child.dep_ in ("obj", "dobj") and child.i == token.i + 1:
                found = table.get((f"{lemma} {child.lower_}", pos))  # "opened fire"
                if found:
                    return found
            if child.dep_ in ("compound:prt", "prt"):
                found = table.get((f"{lemma} {child.lower_}", pos))
                if found:
                    return found
            if child.dep_ in ("obl", "obj", "iobj"):
                for case in child.children:
                    if case.dep_ == "case" and case.i > token.i:
                        found = table.get((f"{lemma} {case.lower_}", pos))
                        if found:
                            return found
    return table.get((lemma, pos))


def _is_light_verb(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return lemma in LIGHT_VERBS or (lemma.startswith("re") and lemma[2:] in LIGHT_VERBS)


def _conjuncts(head: Token) -> list[Token]:
    """Each coordinated actor ("Russia and Iran"); a name after a common noun with no "and"
    is an apposition, the more specific of the two ("the capital, Damascus")."""
    conj = [
        t
        for t in head.conjuncts
        if t.i > head.i and t.pos_ in ("NOUN", "PROPN") and t.lower_ not in TIME_WORDS
    ]
    coordinated = any(c.dep_ == "cc" for t in conj for c in t.children)
    if conj and not coordinated and head.pos_ == "NOUN" and conj[0].pos_ == "PROPN":
        return [conj[0]]
    return [head, *conj]


def _phrase(doc: Doc, head: Token) -> Span:
    """The actor phrase of a head noun; an apposed name is more specific ("the capital,
    Damascus" → Damascus)."""
    for child in head.children if head.pos_ == "NOUN" else ():
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.lower_ not in TIME_WORDS:
            return noun_phrase(doc, child)
    return noun_phrase(doc, head)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj:pass", "aux:pass") for c in verb.children)


def _source_head(verb: Token) -> Token | None:
    if is_passive(verb):  # "by X" is the agent only of a passive ("was seized by rebels")
        for child in verb.children:
            if child.dep_ == "obl:agent":
                return child
    if any(c.dep_ == "nsubj:pass" for c in verb.children):
        return None
    subject = cue_subject(verb)
    if subject is not None and subject.lower_ in TIME_WORDS:
        subject = None  # "Arafat Wednesday rejected": the parser took the day for the subject
    if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "acl:relcl":
        head = verb.head
        if subject.lower_ == "who":
            # "who" is people: "the advances of opposition forces, who captured …".
            owner = [c for c in head.children if c.dep_ == "nmod" and c.i < verb.i]
            if owner and not _is_people(head):
                return owner[-1]
        return head
    if (
        subject is None
        and verb.dep_ == "parataxis"
        and verb.head.i < verb.i
        and (verb.head.pos_ == "PROPN")
    ):
        # A broken parse of "Sidhoum, Algeria's leading activist, staged …".
        subject = verb.head
    if subject is None:
        subject = _name_before(verb)
    if (
        subject is None
        and verb.dep_ in ("acl", "acl:relcl")
        and verb.head.pos_ in ("NOUN", "PROPN")
        and verb.tag_ != "VBN"  # "persons accused of …" are accused, not accusers
    ):
        return verb.head  # "Syrian rebels seizing the capital"
    return subject


def _name_before(verb: Token) -> Token | None:
    """A named entity just before the clause's verb that the parser failed to make its
    subject ("After negotiations, Bashar al-Assad decided to step down")."""
    head = verb
    while head.dep_ in ("xcomp", "conj") and head.head.i != head.i:
        head = head.head
    i = head.i - 1
    while i >= 0 and (
        head.doc[i].dep_ in ("aux", "advmod", "neg", "aux:pass", "obl:tmod")
        or head.doc[i].lower_ in TIME_WORDS
    ):
        i -= 1
    if i < 0 or not head.doc[i].ent_type_ or head.doc[i].ent_type_ in ("DATE", "MISC"):
        return None
    ent = next((e for e in head.doc.ents if e.start <= i < e.end), None)
    return ent.root if ent is not None and ent.end == i + 1 else None


def _is_people(token: Token) -> bool:
    return (
        token.pos_ == "PROPN"
        or token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or (sector_of(token.text) is not None)
    )


def _target_head(verb: Token) -> Token | None:
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "persons accused of human rights violations"
    for child in verb.children:
        if child.dep_ in ("obj", "dobj", "nsubj:pass", "iobj") and child.lower_ not in TIME_WORDS:
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "acl:relcl":
                return verb.head  # "the suspect, who was arrested by police": the suspect
            return child
    for case_word in TARGET_CASES:
        for child in verb.children:
            if child.dep_ == "obl" and any(
                c.dep_ == "case" and c.lower_ == case_word for c in child.children
            ):
                return child
    return None


CLAUSES = frozenset({"ccomp", "advcl", "acl", "acl:relcl", "xcomp", "parataxis", "conj"})


# Heads of phrases of place that are not names: "at a jail in East Timor's capital Dili".
PLACE_NOUNS = frozenset({
    "city", "town", "village", "capital", "jail", "prison", "camp", "border", "street",
    "square", "province", "region", "district", "area", "port", "base", "airport", "territory",
    "stronghold", "country", "zone", "strip", "peninsula", "island", "coast", "neighbourhood",
    "neighborhood", "suburb", "state", "county", "compound", "building", "office", "embassy",
    "headquarters", "parliament", "palace", "hospital", "school", "market", "mosque", "church",
})  # fmt: skip


def is_place_phrase(head: Token) -> bool:
    return head.ent_type_ in ("GPE", "LOC", "FAC") or head.lemma_.lower() in PLACE_NOUNS


def _place_heads(verb: Token) -> list[Token]:
    """Phrases of place in the verb's own clause, nearest first: "rioted at a jail",
    "blocked streets in Hong Kong" — not "in a dramatic turn of events … in Syria"."""
    found = []
    stack = [(c, 1) for c in verb.children if c.dep_ not in CLAUSES]
    while stack:
        token, depth = stack.pop()
        if (
            token.dep_ in ("obl", "obl:tmod", "nmod")
            and is_place_phrase(token)
            and any(c.dep_ == "case" and c.lower_ in PLACE_CASES for c in token.children)
        ):
            found.append((depth, token.i, token))
        # Descend only into the object ("streets in Hong Kong") and places ("a jail in
        # Dili"), not into any phrase that happens to contain a place.
        if depth < 3 and (token.dep_ in ("obj", "dobj") or is_place_phrase(token)):
            stack.extend((c, depth + 1) for c in token.children if c.dep_ not in CLAUSES)
    return [t for _, _, t in sorted(found)]


def _modality(verb: Token) -> Modality:
    negated = any(c.dep_ in ("neg", "advmod") and c.lower_ in NEGATIONS for c in verb.children)
    auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "aux:pass")]
    conditional = any(
        c.dep_ == "mark" and c.lower_ in ("if", "unless") and c.head.head.i == verb.i
        for c in verb.subtree
    )
    head = verb.head
    # "plans to attack", and the noun: "its plan to attack", "a threat to strike".
    intended = verb.dep_ in ("xcomp", "acl") and head.lemma_.lower() in INTENTION_VERBS
    if intended:
        negated = negated or any(
            c.dep_ in ("neg", "advmod") and c.lower_ in NEGATIONS for c in head.children
        )
    # "said they would boycott": "would" in reported speech is the future of the past.
    reported_would = "would" in auxes and verb.dep_ == "ccomp" and head.pos_ == "VERB"
    # "will meet in June to sign the agreement": a purpose clause shares its verb's future.
    purpose = verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "to" for c in verb.children
    )
    future = (
        any(a in FUTURE_AUX for a in auxes)
        or reported_would
        or (
            (verb.dep_ == "xcomp" or purpose) and any(c.lower_ in FUTURE_AUX for c in head.children)
        )
    )
    hypothetical = (
        (any(a in MODALS for a in auxes) and not reported_would) or conditional or intended
    )
    return Modality(negated, hypothetical, future, intended, conditional)


def _governed_by_trigger(token: Token) -> bool:
    """Inside the clause or complement of another trigger: "agreed to cooperate"."""
    node = token
    while node.dep_ in ("xcomp", "ccomp", "conj", "acl") and node.head.i != node.i:
        if node.dep_ != "conj" and _lookup(node.head) is not None:
            return True
        node = node.head
    return False


def _anchor(token: Token) -> tuple[Trigger, Token] | None:
    """(definition, verb) when the token states an event of its own. The verb carries the
    arguments: the trigger itself, or the light verb of a noun trigger ("granted asylum").
    A noun with its own agent ("Russia's asylum") is its own anchor."""
    definition = _lookup(token)
    if definition is None:
        return None
    if token.pos_ != "NOUN":
        # Not a participle used as an adjective: "a threatened assault".
        if token.dep_ == "amod" or _governed_by_trigger(token):
            return None
        if _other_sense(token):
            return None
        return definition, token
    if token.dep_ in ("obj", "dobj") and _is_light_verb(token.head):
        # Unless the verb is a trigger of its own, which then stands for both.
        return None if _lookup(token.head) is not None else (definition, token.head)
    if any(c.dep_ == "nmod:poss" for c in token.children):
        return definition, token
    return None


# Verbs of demonstrating that mean something else with an object or a clause: "the analysis
# demonstrates that …", "demonstrated its capability", "rallied support" (the lexicon's notes);
# verbs of rejecting that deny an accusation; verbs of allowing with no one allowing.
DEMONSTRATION_VERBS = frozenset({"demonstrate", "rally", "march"})


# Denying an accusation ("rejected accusations of genocide", "denied charges that …") is
# CAMEO's 016 "deny responsibility", a public statement that PLOVER does not code; rejecting a
# demand, a proposal or an offer is REJECT.
DENIAL_VERBS = frozenset({"reject", "deny", "dismiss", "refute", "rebut"})
ACCUSATION_NOUNS = frozenset({
    "accusation", "allegation", "charge", "claim", "criticism", "suggestion", "report",
    "rumour", "rumor", "assertion", "insinuation",
})  # fmt: skip


# Verbs that yield only when someone does the yielding: "Turkey will allow refugees to
# return" is a concession; "the bill would allow companies to deduct …", "the program allows
# citizens to travel …" (most uses in ordinary news) are no event.
AGENT_VERBS = frozenset({"allow", "permit"})
PERSONAL_SUBJECTS = frozenset({"he", "she", "they", "we", "i", "who"})


def _someone(subject: Token) -> bool:
    """A subject that names someone: people (a name, an entity, a word of a sector: "the
    minister", "troops") or a pronoun of people."""
    return _is_people(subject) or subject.lower_ in PERSONAL_SUBJECTS


def _other_sense(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in AGENT_VERBS:
        if is_passive(verb):  # "were allowed by the government to …"
            subject = next((c for c in verb.children if c.dep_ == "obl:agent"), None)
        else:
            subject = cue_subject(verb)
        return subject is None or not _someone(subject)
    if lemma in DEMONSTRATION_VERBS:
        return any(c.dep_ in ("obj", "dobj", "ccomp") for c in verb.children)
    if lemma in DENIAL_VERBS:
        # The object, or the subject of a passive; with no object, an oblique, which the
        # parser makes of an object after an adjunct ("denied on Thursday charges that …").
        roles = {"obj", "dobj", "nsubj:pass"}
        if not any(c.dep_ in roles for c in verb.children):
            roles.add("obl")
        return any(c.dep_ in roles and c.lemma_.lower() in ACCUSATION_NOUNS for c in verb.children)
    return False


def _noun_arguments(noun: Token) -> tuple[Token | None, Token | None]:
    """(agent, recipient) of a noun trigger: "Russia's asylum for Assad"."""
    agent = next((c for c in noun.children if c.dep_ == "nmod:poss"), None)
    recipient = next(
        (
            c
            for c in noun.children
            if c.dep_ == "nmod"
            and any(k.lower_ in ("for", "to", "against", "on") for k in c.children)
        ),
        None,
    )
    return agent, recipient


def find_events(doc: Doc) -> list[EventMention]:
    """Every coded event of a parsed article, in text order."""
    found: list[EventMention] = []
    for trigger in doc:
        anchored = _anchor(trigger)
        if anchored is not None:
            definition, verb = anchored
            found.append(event_mention(trigger, verb, definition))
    return found


def event_mention(trigger: Token, verb: Token, definition: Trigger) -> EventMention:
    """The event a trigger states, with the arguments of its verb (the trigger itself, or the
    light verb of a noun trigger)."""
    doc = trigger.doc
    if verb.pos_ == "NOUN":
        source, target = _noun_arguments(verb)
        places: list[Token] = []
        modality = Modality()
    else:
        source = _source_head(verb)
        if verb.i != trigger.i:
            target = _light_verb_target(verb, trigger)
        else:
            target = _target_head(verb)
            if target is not None and _says_what(target, definition):
                # "sent arms to Pakistan": the object says what, "to" says to whom.
                target = _light_verb_target(verb, target)
        places = _place_heads(verb)
        modality = _modality(verb)
    if target is not None and (target.i == trigger.i or not wordlike(target)):
        target = None
    if source is not None and not wordlike(source):
        source = None  # a line break the parser took for an argument
    if source is not None and _names_a_time(source):
        source = None  # "Wednesday's assault": a day is never an actor
    # "This will threaten …", "You must release …", "your support": no one to code.
    source = None if source is not None and _not_an_actor(source) else source
    target = None if target is not None and _not_an_actor(target) else target
    speaker = _demanded_by(verb) if verb.pos_ != "NOUN" else None
    if speaker is not None:
        # "Straw said the Sudanese government must reach an agreement": Straw's demand of the
        # government (the manual's REQUEST), not the government's agreement.
        definition = Trigger(definition.lemma, definition.pos, "REQUEST", None)
        source, target, modality = speaker, source, Modality()
    sources = tuple(_phrase(doc, h) for h in _conjuncts(source)) if source is not None else ()
    targets = tuple(_phrase(doc, h) for h in _conjuncts(target)) if target is not None else ()
    return EventMention(
        trigger=doc[trigger.i : trigger.i + 1],
        verb=verb,
        definition=definition,
        sources=sources,
        targets=targets,
        places=tuple(noun_phrase(doc, p) for p in places),
        modality=modality,
        # Reported events ("…, officials said") are the norm in news: a ccomp is not
        # less certain; a purpose, participle or relative clause is.
        embedded=verb.dep_ in ("xcomp", "advcl", "acl", "acl:relcl"),
        reached=tuple(
            _phrase(doc, h) for h in reached_actors(verb, trigger, sources) if h.i != trigger.i
        ),
    )


OBLIGATION_AUX = frozenset({"must", "should"})
FIRST_PERSON_SUBJECTS = frozenset({"i", "we"})


def _demanded_by(verb: Token) -> Token | None:
    """The speaker who says that someone else must act ("X said Y must …", "Y must …, X
    said"), or None."""
    if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in verb.children):
        return None
    subject = cue_subject(verb)
    if subject is None or subject.lower_ in FIRST_PERSON_SUBJECTS:
        return None  # "we must defend ourselves": a resolve, not a demand of another
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH_VERBS:
        speech = verb.head
    else:
        speech = next(
            (
                c
                for c in verb.children
                if c.dep_ == "parataxis" and c.lemma_.lower() in SPEECH_VERBS
            ),
            None,
        )
    return cue_subject(speech) if speech is not None else None


NOT_ACTORS = frozenset({
    "this", "that", "these", "those", "you", "your", "yours", "yourself", "yourselves",
})  # fmt: skip


def _not_an_actor(head: Token) -> bool:
    """A demonstrative, the second person (the reader, or someone addressed in a quotation),
    or a word that is no noun ("calm", "more") cannot be coded as an actor."""
    return head.lower_ in NOT_ACTORS or head.pos_ in ("ADJ", "ADV", "DET", "SCONJ", "CCONJ")


def _says_what(obj: Token, definition: Trigger) -> bool:
    """The object is part of the event's name (a trigger noun, or the noun of a verb–object
    pattern), not who it is done to."""
    words = definition.lemma.split()
    named = len(words) > 1 and words[-1] in _noun_forms(obj)
    return named or _lookup(obj) is not None


def _light_verb_target(verb: Token, noun: Token) -> Token | None:
    """Who receives what a light verb gives: "granted asylum to Assad", "gave Kyiv aid"."""
    for child in verb.children:
        if child.dep_ == "iobj":
            return child
    for child in [*verb.children, *noun.children]:
        if child.lower_ in TIME_WORDS:
            continue
        if child.dep_ in ("obl", "nmod") and any(
            c.dep_ == "case" and c.lower_ in ("to", "for", "against", "on") for c in child.children
        ):
            return child
    return None


# How far into the event's clause a target is sought, and along which dependencies: its
# objects and phrases, what they govern ("the withdrawal of Serbian forces"), nationalities
# ("an Australian ultimatum") and the clauses it takes ("threatened to shell Iraqi towns",
# "demanded that the Sudanese government end …").
REACH_DEPTH = 4
REACH_DEPS = frozenset({
    "obj", "dobj", "iobj", "obl", "nmod", "nmod:poss", "amod", "compound", "appos", "xcomp",
    "ccomp", "advcl", "acl", "nsubj", "nsubj:pass", "nsubj:xsubj", "obl:agent",
})  # fmt: skip
# The verb's own subject is its source; its conjoined verbs and "…, officials said" are
# events and speech of their own.
OWN_DEPS = frozenset({"nsubj", "nsubj:pass", "csubj", "obl:agent", "conj", "parataxis"})


def reached_actors(verb: Token, trigger: Token, sources: tuple[Span, ...]) -> list[Token]:
    """Heads of the people and places within the event's clause, nearest first (by depth,
    then by distance from the verb), outside its source: the candidates, in the PLOVER
    coders' order, for a target when the object is no actor."""
    taken = {t.i for s in sources for t in s}
    found: list[tuple[int, int, Token]] = []
    seen = {verb.i}
    frontier = [c for c in verb.children if c.dep_ not in OWN_DEPS or (verb.pos_ == "NOUN")]
    if trigger.i != verb.i:
        frontier.extend(trigger.children)
    depth = 1
    while frontier and depth <= REACH_DEPTH:
        following = []
        for token in frontier:
            if token.i in seen or token.i in taken:
                continue
            seen.add(token.i)
            if token.dep_ not in REACH_DEPS and token.head.i not in (verb.i, trigger.i):
                continue
            if _is_reached_actor(token):
                found.append((depth, abs(token.i - verb.i), token))
            following.extend(c for c in token.children if c.dep_ in REACH_DEPS)
        frontier = following
        depth += 1
    return [t for _, _, t in sorted(found, key=lambda f: (f[0], f[1]))]


def _names_a_time(token: Token) -> bool:
    return token.lower_ in TIME_WORDS or token.ent_type_ in ("DATE", "TIME")


def _is_reached_actor(token: Token) -> bool:
    if _names_a_time(token) or token.ent_type_ == "CARDINAL":
        return False
    if token.pos_ == "ADJ":
        # A nationality: "an Australian ultimatum".
        return token.ent_type_ in ("NORP", "GPE") or gazetteer().demonym(token.text) is not None
    return token.pos_ in ("NOUN", "PROPN") and (_is_people(token) or is_place_phrase(token))
