"""Convert the further open corpora in ../shared/corpora into spaCy DocBin files for training.

Annotation a corpus lacks is **missing** (``ent_iob_ == ""``), never ``O``: a token the corpus
did not (or could not) label must not teach the model that it is outside every entity.

- UD English-GUM (CoNLL-U) → tagger, morphologizer, lemmatizer and parser data through
  :func:`training.convert.ewt_docs` (no NER layer: every token's entity annotation is missing);
  dev also one sentence a doc, and dev's news (Wikinews) documents alone, for scoring.
- GMB (Voice of America, machine-tagged) → PERSON/ORG/LOC/MISC with the fixes in
  :func:`gmb_sentence_tags`; deterministic subsample with :func:`gmb_docs`'s ``max_sentences``.
- re3d (defence and security documents) → PERSON/ORG/LOC/MISC from character offsets; types
  outside the scheme, pronouns, common nouns and overlaps lost to a longer entity are missing.
- multiNER (Sri Lankan government reports) → PERSON/ORG/LOC; its MISC is a catch-all (numbers,
  dates, roles) and is missing, and so is every token that could be CoNLL MISC
  (:func:`possible_misc`).
- UNER English-PUD (IOB2, through :func:`training.convert.uner_docs`) → PERSON/ORG/LOC, with
  :func:`possible_misc` tokens missing; :func:`uner_docs_without_misc` does the same for the UNER
  English-EWT files.

Labels: PERSON, ORG, LOC, MISC (CoNLL: countries and cities are LOC; nationalities, events and
works are MISC). Text rebuilt from tokens is joined with single spaces and sentences with ``\\n``,
re-tokenised with the pipeline's own tokenizer, entities kept as character spans (as
:func:`training.convert.conll03_docs` does).

    python -m training.corpora_extra --corpora ../shared/corpora --out build/corpus_extra
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gzip
import io
import itertools
import json
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

from newsextract.lexicons.titles import TITLES
from training.convert import (
    LABELS,
    _bio_spans,
    conll03_documents,
    ewt_docs,
    join_tokens,
    open_text,
    uner_docs,
)

MISSING = "-"  # token-level tag of this module: entity annotation unknown
NER_LABELS = ("PERSON", "ORG", "LOC", "MISC")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Lower-case words that belong inside names ("bin Laden", "al-Qaida", "Vincent van Gogh").
PARTICLES = _word_set(
    "al el ad ar as ash at az bin ben ibn bint abu abd da de del della der di do dos du la le "
    "van von"
)
# Name suffixes: "Martin Luther King Jr." is not "Jr." with the title "King".
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Ranks and posts that the product's title list lacks (it is tuned to news text, not to
# military press releases): "Brig. Gen.", "Spc.", "Petty Officer", "Special Advisor".
EXTRA_TITLES = _word_set(
    "brig spc pfc pvt cpt ltc cdr commodore petty officer airman seaman ensign warrant staff "
    "special advisor adviser"
)
TITLE_AFFIXES = frozenset({"elect", "designate", "general"})
# Honorifics are always followed by a person's name, whatever GMB's tagger made of it.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame"})
PRONOUNS = _word_set(
    "i me my mine we us our ours you your yours he him his she her hers it its they them their "
    "theirs this that these those here there who whom whose which what myself ourselves "
    "himself herself itself themselves one everyone everybody someone somebody anyone"
)
# Capitalised words that are never CoNLL MISC: CoNLL tags neither the pronoun nor dates.
NEVER_MISC = _word_set(
    "I Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December"
)
# Nationality, ethnic and religious words the gazetteer's country demonyms lack: CoNLL MISC.
EXTRA_NATIONALITIES = _word_set(
    "african africans american americans arab arabs arabic asian asians european europeans "
    "korean koreans latin kurd kurds kurdish serb serbs croat croats bosniak bosniaks pashtun "
    "pashtuns tamil tamils sinhalese sinhala yazidi yazidis chechen chechens tibetan tibetans "
    "uighur uighurs uyghur uyghurs uzbek uzbeks kashmiri kashmiris baloch balochi druze alawite "
    "alawites muslim muslims christian christians jewish jew jews hindu hindus buddhist "
    "buddhists sikh sikhs catholic catholics protestant protestants sunni sunnis shia shiite "
    "shiites islamic islamist islamists western westerners"
)
# "U.S." and "U.N." are tagged inconsistently in GMB (O among geo/org/per): unknown, not O.
GMB_INCONSISTENT = frozenset({"U.S.", "U.S", "US", "U.N.", "UN"})
GMB_UN = frozenset({"U.N.", "UN"})
GMB_UNKNOWN = frozenset({"art", "eve", "nat"})  # works, events, phenomena: CoNLL MISC or O
RE3D_LABELS = {
    "Organisation": "ORG",
    "Location": "LOC",
    "Person": "PERSON",
    "Nationality": "MISC",
}
# re3d's "text" field straightens quotes and flattens newlines that its offsets keep.
_NORMALISE = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_SENTENCE_END = frozenset({".", "!", "?"})
_NAME_PUNCT = re.compile(r"^[.\-'’\"“”]+$")
# GMB's CSV was saved by Excel: 2**20 rows in all, so its last sentence is cut off.
_EXCEL_ROWS = 2**20


# -- shared rules --------------------------------------------------------------------------
def _is_title(word: str) -> bool:
    # Invisible format characters (a left-to-right mark after "Minister") are not the word.
    key = "".join(ch for ch in word.lower() if unicodedata.category(ch) != "Cf").replace(".", "")
    if key in TITLES or key in EXTRA_TITLES:
        return True
    # "President-elect", "Secretary-General", "Minister-designate" are titles too.
    parts = key.split("-")
    return (
        len(parts) > 1
        and parts[0] in TITLES
        and all(p in TITLES or p in TITLE_AFFIXES for p in parts[1:])
    )


def _is_lower(word: str) -> bool:
    # A lower-case common word, not a name particle ("bin", "al") nor "al-Qaida".
    return word.islower() and word.lower() not in PARTICLES


def person_name_bounds(words: Sequence[str]) -> tuple[int, int, list[int]]:
    """Where the name lies in a person span: ``(start, end, unknown)``, no name when
    ``start == end``; ``unknown`` tokens are neither name nor O.

    - leading titles ("President", "Mr.", "Prime Minister") are outside the name, as in CoNLL;
      a span of titles only has no name, and its titles are O;
    - after a title that follows other words ("U.S. Trade Representative Susan Schwab",
      "Jordanian King Abdullah") the name is what follows the last title, and the words before
      it are unknown (a country is LOC, "Trade" is O: not guessed);
    - a span that ends in a title ("Iraqi Foreign Minister", "Martin Luther King") is unknown
      throughout: a description or a name, words alone cannot tell."""
    n = len(words)
    titles = [
        _is_title(w) or (w == "." and i > 0 and _is_title(words[i - 1]))  # "Lt" "." in spaCy
        for i, w in enumerate(words)
    ]
    start = 0
    while start < n and titles[start]:
        start += 1
    if start == n:
        return n, n, []
    if titles[-1]:
        return n, n, list(range(n))
    last = max((i for i in range(start, n - 1) if titles[i] and not titles[i + 1]), default=None)
    unknown: list[int] = []
    suffixes_only = last is not None and all(
        w.lower().replace(".", "") in NAME_SUFFIXES for w in words[last + 1 :]
    )
    if last is not None and not suffixes_only:
        unknown = [i for i in range(start, last + 1) if not titles[i]]
        start = last + 1
    return start, n, unknown


def named_bounds(words: Sequence[str]) -> tuple[int, int] | None:
    """The name inside an annotated span, or None when the span is not a name: a pronoun
    ("we", "they"), a description headed by a common noun ("the city", "the Iraqi people",
    "an ISIL tactical unit") or not capitalised ("eastern"). A leading "the" and lower-case
    modifiers are outside the name ("the UK" → "UK", "eastern Aleppo" → "Aleppo"), as in
    CoNLL."""
    if not words:
        return None
    low = [w.lower() for w in words]
    # "US" and "IT" in capitals are names, not the pronouns "us" and "it".
    pronoun = low[0] in PRONOUNS and not (len(words[0]) > 1 and words[0].isupper())
    if pronoun or low[0] in ("a", "an"):
        return None
    start = 0
    while start < len(words) and (low[start] == "the" or _is_lower(words[start])):
        start += 1
    if start == len(words) or _is_lower(words[-1]):
        return None
    if not any(ch.isupper() or ch.isdigit() for ch in words[start]):
        return None
    return start, len(words)


def is_nationality(word: str) -> bool:
    """A nationality, ethnic or religious word ("Syrian", "Iraqis", "Kurdish", "Shiite")."""
    key = word.lower().replace("’", "'")
    if key in EXTRA_NATIONALITIES:
        return True
    gaz = _gazetteer()
    # The gazetteer's plurals stop at demonyms ending in -i or -ese: "Iraqis" is "Iraqi" + s.
    return any(gaz.demonym(form) for form in {word, word[:-1] if word.endswith("s") else word})


def possible_misc(doc: Doc) -> list[int]:
    """Tokens outside every entity that could be CoNLL MISC, for corpora without a MISC layer:

    - nationality, ethnic and religious words (:func:`is_nationality`), anywhere;
    - any capitalised token that is not its sentence's first word and not in ``NEVER_MISC``.

    A sentence starts at the document's start, after ``.``/``!``/``?`` and after a line break;
    its first word is its first token with a letter (an opening quote does not count)."""
    initial: set[int] = set()
    expect = True
    for token in doc:
        if token.is_sent_start:
            expect = True
        if expect and any(ch.isalpha() for ch in token.text):
            initial.add(token.i)
            expect = False
        if token.text in _SENTENCE_END or "\n" in token.text:
            expect = True
    found = []
    for token in doc:
        if token.ent_iob_ in ("I", "B"):
            continue
        text = token.text
        capitalised = text[:1].isupper() and text not in NEVER_MISC
        if is_nationality(text) or (capitalised and token.i not in initial):
            found.append(token.i)
    return found


def mark_possible_misc_missing(doc: Doc) -> Doc:
    """Set :func:`possible_misc` tokens to missing: a corpus without MISC never saw them as O."""
    indices = [i for i in possible_misc(doc) if doc[i].ent_iob_ == "O"]
    _set_missing(doc, indices)
    return doc


def uner_docs_without_misc(path: Path, nlp: spacy.Language) -> list[Doc]:
    """:func:`training.convert.uner_docs` with :func:`possible_misc` tokens missing (UNER has
    only PER/ORG/LOC: its O covers nationalities and events that CoNLL tags MISC)."""
    return [mark_possible_misc_missing(doc) for doc in uner_docs(path, nlp)]


def _set_missing(doc: Doc, indices: Iterable[int]) -> None:
    # "unmodified": the entities and the O tokens around them stay as they are.
    spans = [doc[i : i + 1] for i in sorted(set(indices))]
    if spans:
        doc.set_ents([], missing=spans, default="unmodified")


def _annotate(
    doc: Doc, ents: Iterable[tuple[int, int, str]], missing: Iterable[tuple[int, int]] = ()
) -> Doc:
    """Entities and missing character ranges on ``doc``; everything else O. An entity whose
    ends are not token boundaries is missing (a wrong offset must not become a wrong name)."""
    spans: list[Span] = []
    unknown: set[int] = set()
    for start, end, label in ents:
        span = doc.char_span(start, end, label=label)
        if span is None:
            loose = doc.char_span(start, end, alignment_mode="expand")
            if loose is not None:
                unknown.update(range(loose.start, loose.end))
            continue
        spans.append(span)
    spans = spacy.util.filter_spans(spans)  # IOB spans never overlap: a no-op, kept as a guard
    for start, end in missing:
        loose = doc.char_span(start, end, alignment_mode="expand")
        if loose is not None:
            unknown.update(range(loose.start, loose.end))
    inside = {i for span in spans for i in range(span.start, span.end)}
    doc.set_ents(spans, missing=[doc[i : i + 1] for i in sorted(unknown - inside)])
    return doc


def _join(
    sentences: Sequence[Sequence[str]], tag_lists: Sequence[Sequence[str]]
) -> tuple[str, list[tuple[int, int, str]], list[tuple[int, int]]]:
    """Text (tokens joined by spaces, sentences by newlines), entities and missing ranges from
    token tags (IOB2 over the output labels, ``O`` or ``MISSING``)."""
    text, token_starts = join_tokens(sentences)
    ents: list[tuple[int, int, str]] = []
    missing: list[tuple[int, int]] = []
    for words, tags, starts in zip(sentences, tag_lists, token_starts, strict=True):
        iob = ["O" if tag == MISSING else tag for tag in tags]
        for first, end, label in _bio_spans(iob):
            ents.append((starts[first], starts[end - 1] + len(words[end - 1]), label))
        missing.extend(
            (starts[i], starts[i] + len(words[i])) for i, tag in enumerate(tags) if tag == MISSING
        )
    return text, ents, missing


def _iob(labels: Sequence[str | None]) -> list[str]:
    """Per-token labels (None: O; MISSING) → IOB2; a new entity starts at each label change
    and wherever ``labels`` holds a ``B:`` marker."""
    tags = []
    prev = None
    for label in labels:
        if label is None or label == MISSING:
            tags.append("O" if label is None else MISSING)
            prev = None
            continue
        begin = label.startswith("B:")
        kind = label.removeprefix("B:")
        tags.append(f"{'B' if begin or kind != prev else 'I'}-{kind}")
        prev = kind
    return tags


@lru_cache(maxsize=1)
def _gazetteer():
    # Imported on first use: it takes about a second to load, and GUM needs none of it.
    from newsextract.lexicons.gazetteer import gazetteer

    return gazetteer()


def _is_country(text: str) -> bool:
    # The gazetteer finds "Thai" and "Montenegrin" as countries: a demonym is never one.
    place = _gazetteer().place(text)
    return place is not None and place.kind == "country" and _gazetteer().demonym(text) is None


# -- GUM -----------------------------------------------------------------------------------
def gum_docs(path: Path, n_sents: int = 10) -> list[Doc]:
    """Parser and tagger data (no NER: every token's entity annotation is missing)."""
    # spaCy's converter prints a grouping notice on stdout, which would break the CLI's table.
    with contextlib.redirect_stdout(io.StringIO()):
        return ewt_docs(path, n_sents=n_sents)


def gum_documents(path: Path) -> list[tuple[str, int]]:
    """(``newdoc id``, number of sentences) of each document, in file order. A document starts
    at a ``# newdoc id = GUM_<genre>_<name>`` comment; sentences are blank-line separated."""
    documents: list[tuple[str, int]] = []
    for block in open_text(path).strip().split("\n\n"):
        for line in block.splitlines():
            if line.startswith("# newdoc id"):
                documents.append((line.split("=", 1)[1].strip(), 0))
        if not documents:
            raise ValueError(f"{path}: the first sentence has no # newdoc id")
        name, count = documents[-1]
        documents[-1] = (name, count + 1)
    return documents


def gum_genre(doc_id: str) -> str:
    """ "GUM_news_iodine" → "news"."""
    return doc_id.split("_")[1]


def gum_genre_docs(path: Path, genres: Iterable[str] = ("news",), n_sents: int = 10) -> list[Doc]:
    """Only the documents of ``genres``, ``n_sents`` sentences a doc, never across documents."""
    wanted = set(genres)
    sentences = gum_docs(path, n_sents=1)
    documents = gum_documents(path)
    total = sum(count for _, count in documents)
    if total != len(sentences):  # a sentence lost or split would shift every later document
        raise ValueError(f"{path}: {total} sentences by newdoc, {len(sentences)} converted")
    docs = []
    position = 0
    for doc_id, count in documents:
        if gum_genre(doc_id) in wanted:
            own = sentences[position : position + count]
            docs.extend(Doc.from_docs(own[i : i + n_sents]) for i in range(0, count, n_sents))
        position += count
    return docs


# -- GMB -----------------------------------------------------------------------------------
GmbToken = tuple[str, str, str]  # word, POS, tag


def _fix_cp1252(word: str) -> str:
    # The file is Windows-1252 read as Latin-1: C1 controls are curly quotes and dashes.
    if any("\x80" <= ch <= "\x9f" for ch in word):
        try:
            return word.encode("latin-1").decode("cp1252")
        except UnicodeDecodeError:
            return word
    return word


def read_gmb(path: Path, limit: int | None = None) -> list[list[GmbToken]]:
    """Sentences of (word, POS, tag). ``Sentence #`` is filled only on a sentence's first row;
    ``limit``: read only the first sentences (tests)."""
    opener = gzip.open if path.suffix == ".gz" else open
    sentences: list[list[GmbToken]] = []
    rows = 0
    with opener(path, "rt", encoding="latin-1", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for number, word, pos, tag in reader:
            rows += 1
            if number:
                if limit is not None and len(sentences) == limit:
                    return sentences
                sentences.append([])
            sentences[-1].append((_fix_cp1252(word), pos, tag))
    if rows + 1 == _EXCEL_ROWS and sentences:
        sentences.pop()  # cut off by the spreadsheet's row limit: half a sentence
    return sentences


def _demonym_not_place(word: str) -> bool:
    return is_nationality(word) and _gazetteer().place(word) is None


def _gmb_place(tokens: Sequence[GmbToken], kind: str) -> str:
    """LOC or MISC for a geo or gpe span, by its head: the last word that is not "of"/"the"
    ("Democratic Republic of Congo")."""
    heads = [(w, p) for w, p, _ in tokens if p not in ("IN", "DT")] or [tokens[-1][:2]]
    word, pos = heads[-1]
    if _demonym_not_place(word):
        return "MISC"  # a nationality is MISC in CoNLL, also where GMB says geo ("Kurdish city")
    if kind == "geo" or pos in ("NNP", "NNPS"):
        return "LOC"  # a country or city ("Nepal", "United States", "Bahamas")
    return "MISC"  # gpe demonyms: adjectives "Iraqi", nouns "Iraqis", "Briton", "Sri Lankan"


def gmb_sentence_tags(sentence: Sequence[GmbToken]) -> list[str]:
    """IOB2 tags over PERSON/ORG/LOC/MISC, ``O`` or ``MISSING`` for one GMB sentence.

    - per → PERSON without its titles (:func:`person_name_bounds`): CoNLL leaves titles out;
      the name after a lone honorific ("Mr./B-per Maliki/B-geo") is PERSON: an honorific is
      always followed by a person, GMB's other tag there is its tagger's error;
    - org → ORG, or LOC for a country name: CoNLL tags countries LOC even as actors;
    - a lone nationality or religion word is MISC whatever its tag ("Muslim/org"), as in CoNLL;
    - geo → LOC; gpe → LOC for proper nouns, MISC for demonyms (:func:`_gmb_place`): GMB's gpe
      mixes countries and nationality adjectives, which CoNLL splits;
    - tim → O: CoNLL tags no dates;
    - art, eve, nat → missing: works and events are CoNLL MISC but diseases and storms are O,
      and GMB's tags do not tell which;
    - two spans of different types with nothing between them and no title at the seam →
      missing: the tagger cut one name in two ("Sri/per Lanka/geo");
    - leading lower-case words of a span ("southern Afghanistan", "the Netherlands") → O:
      CoNLL names start at the name;
    - "U.S."/"US"/"U.N."/"UN" tagged O, U.N. tagged as a place or person, U.S. as a person →
      missing: GMB tags them inconsistently, so neither O nor its label can be trusted.
    """
    words = [w for w, _, _ in sentence]
    labels: list[str | None] = [None] * len(sentence)
    for i, (word, _, tag) in enumerate(sentence):
        if tag == "O" and word in GMB_INCONSISTENT:
            labels[i] = MISSING
    spans = [list(span) for span in _bio_spans([t for _, _, t in sentence])]
    for here, after in itertools.pairwise(spans):
        lone_honorific = (
            here[2] == "per"
            and all(map(_is_title, words[here[0] : here[1]]))
            and words[here[1] - 1].lower().rstrip(".") in HONORIFICS
        )
        if lone_honorific and after[0] == here[1] and after[2] in ("org", "geo", "gpe"):
            after[2] = "per"
    split = set()
    for i, (here, after) in enumerate(itertools.pairwise(spans)):
        # Two names of different types with nothing between them are one name the tagger cut
        # ("Sri/per Lanka/geo", "Czech/gpe Republic/geo", "North/geo Korean/gpe"); a title
        # between them is a real boundary ("Venezuelan President Hugo Chavez"), and so is the
        # end of a title phrase ("Secretary of State/org Condoleezza Rice/per").
        kinds = {here[2], after[2]}
        if (
            here[1] == after[0]
            and here[2] != after[2]
            and not kinds & ({"tim"} | GMB_UNKNOWN)
            and not _is_title(words[here[1] - 1])
            and not _is_title(words[after[0]])
            and not (here[0] > 1 and words[here[0] - 1] == "of" and _is_title(words[here[0] - 2]))
        ):
            split.update((i, i + 1))
    for n, (first, end, kind) in enumerate(spans):
        span_words = words[first:end]
        if kind in GMB_UNKNOWN or n in split:
            labels[first:end] = [MISSING] * (end - first)
            continue
        if kind == "tim":
            continue
        if end - first == 1 and span_words[0] in GMB_INCONSISTENT:
            word = span_words[0]
            if kind == "per" or (word in GMB_UN and kind in ("geo", "gpe")):
                labels[first] = MISSING
                continue
        while first < end and (words[first].lower() == "the" or _is_lower(words[first])):
            first += 1  # "southern", "the": CoNLL names start at the name
        if first == end:
            continue
        if end - first == 1 and _demonym_not_place(words[first]):
            label = "MISC"  # "Muslim/org", "Muslim/per": a religion or nationality, CoNLL MISC
        elif kind == "per":
            start, stop, unknown = person_name_bounds(words[first:end])
            for i in unknown:
                labels[first + i] = MISSING
            if start == stop:
                continue
            labels[first + start] = "B:PERSON"
            labels[first + start + 1 : first + stop] = ["PERSON"] * (stop - start - 1)
            continue
        elif kind in ("geo", "gpe"):
            label = _gmb_place(sentence[first:end], kind)
        elif kind != "org":
            continue  # no other GMB tag names an entity
        elif _is_country(" ".join(words[first:end])):
            label = "LOC"
        else:
            label = "ORG"
        labels[first] = f"B:{label}"
        labels[first + 1 : end] = [label] * (end - first - 1)
    return _iob(labels)


def gmb_docs(
    path: Path,
    nlp: spacy.Language,
    *,
    max_sentences: int | None = None,
    seed: int = 0,
    doc_sents: int = 10,
    sentences: list[list[GmbToken]] | None = None,
) -> list[Doc]:
    """GMB as docs of ``doc_sents`` consecutive sentences (neighbours come from the same VOA
    story). ``max_sentences``: a deterministic (``seed``) sample of whole docs, in file order,
    so that machine-tagged GMB does not drown the hand-annotated sets."""
    sentences = read_gmb(path) if sentences is None else sentences
    chunks = [sentences[i : i + doc_sents] for i in range(0, len(sentences), doc_sents)]
    if max_sentences is not None and max_sentences < len(sentences):
        wanted = -(-max_sentences // doc_sents)
        chosen = sorted(random.Random(seed).sample(range(len(chunks)), wanted))
        chunks = [chunks[i] for i in chosen]
    docs = []
    for chunk in chunks:
        text, ents, missing = _join(
            [[w for w, _, _ in s] for s in chunk], [gmb_sentence_tags(s) for s in chunk]
        )
        docs.append(_annotate(nlp.make_doc(text), ents, missing))
    return docs


# -- re3d ----------------------------------------------------------------------------------
def read_re3d(folder: Path) -> list[dict]:
    """Every document of every ``*.jsonl.gz`` source, sorted by file name."""
    documents = []
    for path in sorted(folder.glob("*.jsonl.gz")):
        for line in open_text(path).splitlines():
            if line.strip():
                documents.append(json.loads(line))
    return documents


def re3d_doc(document: dict, nlp: spacy.Language, stats: Counter | None = None) -> Doc:
    """One re3d document. Overlapping annotations, of any type: the longest wins and the others
    are missing (the same span under two types is missing: "June" as Person and Temporal). A
    winner keeps its label when the type is in the scheme and the span is a name
    (:func:`named_bounds`; people also :func:`person_name_bounds`), else it is missing.
    ``stats`` counts what was dropped and why."""
    stats = Counter() if stats is None else stats
    text = document["text"]
    doc = nlp.make_doc(text)
    spans: dict[tuple[int, int], set[str]] = {}
    unknown: set[int] = set()

    def drop(start: int, end: int, reason: str) -> None:
        stats[reason] += 1
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            unknown.update(range(span.start, span.end))

    for entity in document["entities"]:
        start, end = entity["start"], entity["end"]
        surface = text[start:end]
        start += len(surface) - len(surface.lstrip())
        end -= len(surface) - len(surface.rstrip())
        if end <= start:
            continue
        # Offsets must find the annotated words (the text field has straight quotes and spaces).
        if " ".join(text[start:end].translate(_NORMALISE).split()) != " ".join(
            entity["text"].translate(_NORMALISE).split()
        ):
            drop(start, end, "offset does not match text")
            continue
        if "\n" in text[start:end]:
            drop(start, end, "crosses a line break")  # "Boris Johnson\nA Foreign Office…"
            continue
        span = doc.char_span(start, end)
        if span is None:
            drop(start, end, "not on token boundaries")  # "Jan" in "Jan.", "st ISIL"
            continue
        spans.setdefault((span.start, span.end), set()).add(entity["label"])
    kept: list[Span] = []
    taken: set[int] = set()
    for (start, end), types in sorted(spans.items(), key=lambda s: (s[0][0] - s[0][1], s[0][0])):
        tokens = set(range(start, end))
        if tokens & taken:
            stats["overlaps a longer annotation"] += 1
            unknown.update(tokens)
            continue
        taken.update(tokens)
        labels = {_re3d_label(t, doc[start:end]) for t in types}
        if len(labels) > 1:
            stats["one span, two types"] += 1
            unknown.update(tokens)
            continue
        label = labels.pop()
        if label is None:
            stats[f"type {next(iter(types))}"] += 1
            unknown.update(tokens)
            continue
        names = _re3d_names(doc[start:end], label, unknown)
        if not names:
            stats["not a name"] += 1
            unknown.update(tokens)
            continue
        kept.extend(Span(doc, name.start, name.end, label=label) for name in names)
    inside = {i for span in kept for i in range(span.start, span.end)}
    doc.set_ents(kept, missing=[doc[i : i + 1] for i in sorted(unknown - inside)])
    return doc


def _re3d_label(kind: str, span: Span) -> str | None:
    label = RE3D_LABELS.get(kind)
    named = named_bounds([t.text for t in span])
    text = span[named[0] : named[1]].text if named else span.text
    if label in ("ORG", "LOC") and _demonym_not_place(text):
        return "MISC"  # "Syrians" annotated as an organisation: CoNLL MISC
    if label == "ORG" and _is_country(text):
        return "LOC"  # CoNLL tags a country LOC even when it acts ("France struck")
    return label


def _re3d_names(span: Span, label: str, unknown: set[int]) -> list[Span]:
    """The names inside an annotated span (tokens around them are O), or none."""
    if label == "LOC" and any(t.text == "," for t in span):
        # "Palmyra, Syria" is two places in CoNLL: each part must be a name.
        parts, begin = [], 0
        for i, token in enumerate([*span, None]):
            if token is None or token.text == ",":
                parts.append(span[begin:i])
                begin = i + 1
        names = [_re3d_names(part, label, unknown) if len(part) else [] for part in parts]
        return [n for found in names for n in found] if all(names) else []
    words = [t.text for t in span]
    bounds = named_bounds(words)
    if bounds is None:
        return []
    start, end = bounds
    if label != "PERSON":
        return [span[start:end]]
    # Names hold no lower-case words but particles, and no commas: a description otherwise
    # ("commander of U.S. Central Command", "the Prime Minister-designate, Haider al-Abadi").
    for word in words[start:end]:
        if _is_lower(word) or not (any(ch.isalnum() for ch in word) or _NAME_PUNCT.match(word)):
            return []
    first, stop, titled = person_name_bounds(words[start:end])
    if first == stop:
        return []
    unknown.update(span.start + start + i for i in titled)
    return [span[start + first : start + stop]]


def re3d_docs(folder: Path, nlp: spacy.Language, stats: Counter | None = None) -> list[Doc]:
    return [re3d_doc(document, nlp, stats) for document in read_re3d(folder)]


# -- multiNER ------------------------------------------------------------------------------
def multiner_tags(sentence: Sequence[tuple[str, str]]) -> list[str]:
    """IOB2 over PERSON/ORG/LOC, ``O`` or ``MISSING``: PER→PERSON, ORG, LOC when the span is a
    name (:func:`named_bounds`; "management corporations" is not); MISC → missing (it tags
    numbers, dates and roles, not CoNLL's MISC)."""
    words = [w for w, _ in sentence]
    labels: list[str | None] = [None] * len(sentence)
    for first, end, kind in _bio_spans([t for _, t in sentence]):
        if kind == "MISC" or kind not in LABELS:
            labels[first:end] = [MISSING] * (end - first)
            continue
        bounds = named_bounds(words[first:end])
        if bounds is None:
            labels[first:end] = [MISSING] * (end - first)
            continue
        start, stop = first + bounds[0], first + bounds[1]
        labels[start] = f"B:{LABELS[kind]}"
        labels[start + 1 : stop] = [LABELS[kind]] * (stop - start - 1)
    return _iob(labels)


def multiner_docs(path: Path, nlp: spacy.Language, doc_sents: int = 10) -> list[Doc]:
    """Segments (blank-line separated, CRLF) grouped ``doc_sents`` a doc, then
    :func:`possible_misc` tokens missing."""
    segments = [s for document in conll03_documents(path) for s in document]
    docs = []
    for i in range(0, len(segments), doc_sents):
        chunk = segments[i : i + doc_sents]
        text, ents, missing = _join(
            [[w for w, _ in s] for s in chunk], [multiner_tags(s) for s in chunk]
        )
        docs.append(mark_possible_misc_missing(_annotate(nlp.make_doc(text), ents, missing)))
    return docs


# -- UNER PUD ------------------------------------------------------------------------------
def uner_pud_docs(path: Path, nlp: spacy.Language) -> list[Doc]:
    """One doc a sentence, PERSON/ORG/LOC, :func:`possible_misc` tokens missing."""
    return uner_docs_without_misc(path, nlp)


# -- CLI -----------------------------------------------------------------------------------
def count(docs: Sequence[Doc]) -> dict[str, int | str]:
    """Docs, sentences (gold ones, else lines), tokens, entities per label and tokens whose
    entity annotation is missing."""
    labels = Counter(ent.label_ for doc in docs for ent in doc.ents)
    sentences = sum(
        len(list(doc.sents)) if doc.has_annotation("SENT_START") else doc.text.count("\n") + 1
        for doc in docs
    )
    row: dict[str, int | str] = {
        "docs": len(docs),
        "sentences": sentences,
        "tokens": sum(len(doc) for doc in docs),
    }
    row.update({label: labels.get(label, 0) for label in NER_LABELS})
    row["missing"] = sum(1 for doc in docs for token in doc if token.ent_iob == 0)
    return row


def save(docs: Sequence[Doc], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)


def build(
    corpora: Path,
    out: Path,
    nlp: spacy.Language,
    *,
    gmb_max_sentences: int | None = 10_000,
    gmb_seed: int = 0,
    uner_ewt: bool = False,
) -> dict[str, dict[str, int | str]]:
    """Write every file; the counts table, by file name."""
    table: dict[str, dict[str, int | str]] = {}

    def write(name: str, docs: list[Doc], sentences: str | None = None) -> None:
        save(docs, out / f"{name}.spacy")
        table[name] = count(docs)
        if sentences is not None:
            table[name]["sentences"] = sentences

    gum = corpora / "gum"
    for split in ("train", "dev", "test"):
        write(f"gum-{split}", gum_docs(gum / f"en_gum-{split}.conllu.gz"))
    dev = gum / "en_gum-dev.conllu.gz"
    # One sentence a doc: the parser scored with gold sentence boundaries, as ewt-dev-sent.
    write("gum-dev-sent", gum_docs(dev, n_sents=1))
    # Wikinews alone: the parser's score on news, the genre the product reads.
    write("gum-dev-news", gum_genre_docs(dev, ("news",)))
    write("gum-dev-news-sent", gum_genre_docs(dev, ("news",), n_sents=1))
    extra = corpora / "ner_extra"
    write(
        "gmb-train",
        gmb_docs(
            extra / "gmb_ner_dataset.csv.gz", nlp, max_sentences=gmb_max_sentences, seed=gmb_seed
        ),
    )
    re3d = re3d_docs(extra / "re3d", nlp)
    # re3d has no sentence boundaries: the sentencizer's count, for the table only.
    sentencizer = spacy.blank("en")
    sentencizer.add_pipe("sentencizer")
    estimate = sum(len(list(sentencizer(d.text).sents)) for d in re3d)
    write("re3d-train", re3d, f"~{estimate}")
    write("multiner-train", multiner_docs(extra / "multiner_en.txt.gz", nlp))
    write("uner-pud-train", uner_pud_docs(extra / "uner_en_pud.iob2", nlp))
    if uner_ewt:
        docs = [
            doc
            for split in ("dev", "test")
            for doc in uner_docs_without_misc(corpora / f"en_ewt-ud-{split}.iob2", nlp)
        ]
        write("uner-train-nomisc", docs)
    return table


def format_table(table: dict[str, dict[str, int | str]]) -> str:
    columns = ["docs", "sentences", "tokens", *NER_LABELS, "missing"]
    width = max(len(name) for name in table)
    lines = [f"{'file':<{width}} " + " ".join(f"{c:>9}" for c in columns)]
    for name, row in table.items():
        lines.append(f"{name:<{width}} " + " ".join(f"{row[c]!s:>9}" for c in columns))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, required=True, help="../shared/corpora")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--gmb-max-sentences",
        type=int,
        default=10_000,
        help="GMB sample size in sentences (0: all); machine-tagged, so kept below CoNLL++",
    )
    parser.add_argument("--gmb-seed", type=int, default=0)
    parser.add_argument(
        "--uner-ewt",
        action="store_true",
        help="also write uner-train-nomisc.spacy: UNER EWT dev+test with possible MISC missing",
    )
    args = parser.parse_args(argv)
    table = build(
        args.corpora,
        args.out,
        spacy.blank("en"),
        gmb_max_sentences=args.gmb_max_sentences or None,
        gmb_seed=args.gmb_seed,
        uner_ewt=args.uner_ewt,
    )
    print(format_table(table))


if __name__ == "__main__":
    main()
