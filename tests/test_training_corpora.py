"""training/corpora_extra.py: the further corpora as spaCy training data, missing not negative.

Hand-written examples pin each rule; small excerpts of the real files (../shared/corpora) check
the readers, the character offsets and the DocBin round trip.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin

from training import corpora_extra as ce

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.blank("en")


@pytest.fixture(scope="module")
def corpora(shared_dir: Path) -> Path:
    if not CORPORA.is_dir():
        pytest.skip(f"the training corpora folder {CORPORA} is not there")
    return CORPORA


def iob(doc: Doc) -> list[str]:
    """Token tags: B-X / I-X / O, and "-" for missing."""
    return [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else (t.ent_iob_ or "-") for t in doc]


def round_trip(docs: list[Doc], nlp) -> list[Doc]:
    data = DocBin(docs=docs, store_user_data=False).to_bytes()
    return list(DocBin().from_bytes(data).get_docs(nlp.vocab))


def gmb(text: str) -> list[tuple[str, str, str]]:
    """ "word/POS/tag ..." → GMB rows."""
    return [tuple(item.rsplit("/", 2)) for item in text.split()]


# -- shared rules ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("President George Bush", (1, 3, [])),
        ("Prime Minister Tony Blair", (2, 4, [])),
        ("Mr. Maliki", (1, 2, [])),
        ("Lt . Gen. Stephen Townsend", (3, 5, [])),  # spaCy splits "Lt."
        ("President-elect Barack Obama", (1, 3, [])),
        ("U.S. Trade Representative Susan Schwab", (3, 5, [0, 1])),
        ("Jordanian King Abdullah", (2, 3, [0])),
        ("Martin Luther King Jr.", (0, 4, [])),
        ("President", (1, 1, [])),
        ("Iraqi Foreign Minister", (3, 3, [0, 1, 2])),
        ("Hugo Chavez", (0, 2, [])),
    ],
)
def test_person_name_bounds(words: str, expected) -> None:
    assert ce.person_name_bounds(words.split()) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Syria", (0, 1)),
        ("the UK", (1, 2)),
        ("The United States", (1, 3)),
        ("eastern Aleppo", (1, 2)),
        ("al-Qaida", (0, 1)),
        ("US", (0, 1)),  # capitals: the country, not the pronoun
        ("Islamic State of Iraq and the Levant", (0, 7)),
        ("we", None),
        ("They", None),
        ("our partners", None),
        ("the city", None),
        ("the Iraqi people", None),
        ("an ISIL tactical unit", None),
        ("U.S. service members", None),
        ("indigenous", None),
    ],
)
def test_named_bounds(words: str, expected) -> None:
    assert ce.named_bounds(words.split()) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Syrian", True), ("Iraqis", True), ("Kurdish", True), ("Shiite", True), ("Syria", False)],
)
def test_is_nationality(word: str, expected: bool) -> None:
    assert ce.is_nationality(word) is expected


def test_possible_misc_rule(nlp) -> None:
    text = "Syrian troops entered the Kurdish town , Reuters said on Monday .\n“ Christmas came .”"
    doc = nlp.make_doc(text)
    doc.set_ents([doc.char_span(text.index("Reuters"), text.index(" said"), label="ORG")])
    marked = [doc[i].text for i in ce.possible_misc(doc)]
    # Nationality words anywhere, even first; capitalised non-initial words; never "Monday",
    # nor a sentence's first word after a quote ("Christmas"), nor a word inside an entity.
    assert marked == ["Syrian", "Kurdish"]
    ce.mark_possible_misc_missing(doc)
    tags = dict(zip([t.text for t in doc], iob(doc), strict=True))
    assert tags["Syrian"] == tags["Kurdish"] == "-"
    assert tags["Reuters"] == "B-ORG"
    assert tags["Monday"] == tags["troops"] == tags["Christmas"] == "O"

    doc = nlp.make_doc("Officials met the Olympic committee in Athens .")
    doc.set_ents([])
    assert [doc[i].text for i in ce.possible_misc(doc)] == ["Olympic", "Athens"]


# -- GMB -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # Titles are O, the name is PERSON.
        ("President/NNP/B-per George/NNP/I-per Bush/NNP/I-per said/VBD/O", "O B-PERSON I-PERSON O"),
        (
            "prime/JJ/B-per Minister/NNP/I-per Tony/NNP/I-per Blair/NNP/I-per",
            "O O B-PERSON I-PERSON",
        ),
        # A lone honorific: the name after it is a person whatever GMB tagged it.
        ("But/CC/O Mr./NNP/B-per Maliki/NNP/B-geo said/VBD/O", "O O B-PERSON O"),
        # A country before the title is unknown; U.S. as a person alone too.
        (
            "U.S./NNP/B-per President/NNP/I-per Barack/NNP/I-per Obama/NNP/I-per",
            "- O B-PERSON I-PERSON",
        ),
        ("the/DT/O U.S./NNP/B-per said/VBD/O", "O - O"),
        # gpe: demonyms (JJ, NNS, NN) are MISC, proper nouns LOC.
        ("British/JJ/B-gpe troops/NNS/O", "B-MISC O"),
        ("Iraqis/NNS/B-gpe voted/VBD/O", "B-MISC O"),
        ("a/DT/O Briton/NN/B-gpe", "O B-MISC"),
        ("Nepal/NNP/B-gpe 's/POS/O", "B-LOC O"),
        ("the/DT/O United/NNP/B-gpe States/NNPS/I-gpe", "O B-LOC I-LOC"),
        ("Sri/NNP/B-gpe Lankan/JJ/I-gpe army/NN/O", "B-MISC I-MISC O"),
        # A nationality tagged geo or org is MISC; a country tagged org is LOC.
        ("the/DT/O Kurdish/JJ/B-geo city/NN/O", "O B-MISC O"),
        ("Muslim/NNP/B-org leaders/NNS/O", "B-MISC O"),
        ("U.S./NNP/B-org military/JJ/O", "B-LOC O"),
        ("Hamas/NNP/B-org won/VBD/O", "B-ORG O"),
        ("southern/JJ/B-geo Afghanistan/NNP/I-geo", "O B-LOC"),
        # Dates are O (CoNLL tags none); works, events and phenomena are unknown.
        ("on/IN/O Monday/NNP/B-tim", "O O"),
        ("the/DT/O Nobel/NNP/B-art Prize/NNP/I-art", "O - -"),
        ("World/NNP/B-eve Cup/NNP/I-eve", "- -"),
        ("Hurricane/NNP/B-nat Katrina/NNP/I-nat hit/VBD/O", "- - O"),
        # U.S. and U.N. tagged O are unknown (GMB is inconsistent); U.N. as a place too.
        ("U.S./NNP/O officials/NNS/O", "- O"),
        ("the/DT/O US/NNP/O dollar/NN/O", "O - O"),
        ("U.N./NNP/B-geo personnel/NNS/O", "- O"),
        ("the/DT/O U.N./NNP/B-org said/VBD/O", "O B-ORG O"),
        # Two types with nothing between: one name the tagger cut.
        ("in/IN/O Sri/NNP/B-per Lanka/NNP/B-geo", "O - -"),
        (
            "Venezuelan/JJ/B-gpe President/NNP/B-per Hugo/NNP/I-per Chavez/NNP/I-per",
            "B-MISC O B-PERSON I-PERSON",
        ),
        (
            "Secretary/NNP/O of/IN/O State/NNP/B-org Condoleezza/NNP/B-per Rice/NNP/I-per",
            "O O B-ORG B-PERSON I-PERSON",
        ),
    ],
)
def test_gmb_sentence_tags(rows: str, expected: str) -> None:
    assert ce.MISSING == "-"
    assert ce.gmb_sentence_tags(gmb(rows)) == expected.split()


def test_gmb_doc_has_missing_and_outside(nlp) -> None:
    sentence = gmb("Mr./NNP/B-per Bush/NNP/I-per visited/VBD/O U.S./NNP/O troops/NNS/O on/IN/O")
    sentence += gmb("Monday/NNP/B-tim after/IN/O Hurricane/NNP/B-nat Katrina/NNP/I-nat ././O")
    (doc,) = ce.gmb_docs(None, nlp, sentences=[sentence, gmb("Iraqi/JJ/B-gpe forces/NNS/O")])
    assert doc.text == (
        "Mr. Bush visited U.S. troops on Monday after Hurricane Katrina .\nIraqi forces"
    )
    expected = "O B-PERSON O - O O O O - - O O B-MISC O"
    assert iob(doc) == expected.split()
    (back,) = round_trip([doc], nlp)
    assert iob(back) == iob(doc)


def test_gmb_excerpt_entities_match_source_words(corpora: Path, nlp) -> None:
    sentences = ce.read_gmb(corpora / "ner_extra" / "gmb_ner_dataset.csv.gz", limit=200)
    assert len(sentences) == 200
    assert [w for w, _, _ in sentences[0][:3]] == ["Thousands", "of", "demonstrators"]
    docs = ce.gmb_docs(None, nlp, sentences=sentences)
    assert len(docs) == 20
    expected, found = Counter(), Counter()
    for sentence in sentences:
        words = [w for w, _, _ in sentence]
        tags = ce.gmb_sentence_tags(sentence)
        iob2 = ["O" if t == ce.MISSING else t for t in tags]
        for first, end, label in ce._bio_spans(iob2):
            expected[(label, " ".join(words[first:end]))] += 1
    for doc in docs:
        for ent in doc.ents:
            assert ent.text == doc.text[ent.start_char : ent.end_char]
            found[(ent.label_, ent.text)] += 1
    assert found == expected
    assert {"PERSON", "ORG", "LOC", "MISC"} <= {label for label, _ in found}


def test_gmb_subsample_is_deterministic(corpora: Path, nlp) -> None:
    sentences = ce.read_gmb(corpora / "ner_extra" / "gmb_ner_dataset.csv.gz", limit=300)
    kwargs = {"sentences": sentences, "max_sentences": 100}
    first = [d.text for d in ce.gmb_docs(None, nlp, seed=1, **kwargs)]
    again = [d.text for d in ce.gmb_docs(None, nlp, seed=1, **kwargs)]
    other = [d.text for d in ce.gmb_docs(None, nlp, seed=2, **kwargs)]
    assert first == again
    assert first != other
    assert sum(t.count("\n") + 1 for t in first) == 100
    whole = [d.text for d in ce.gmb_docs(None, nlp, sentences=sentences)]
    assert [whole.index(t) for t in first] == sorted(whole.index(t) for t in first)


def test_gmb_reader_drops_the_sentence_cut_by_the_row_limit(corpora: Path) -> None:
    path = corpora / "ner_extra" / "gmb_ner_dataset.csv.gz"
    with gzip.open(path, "rt", encoding="latin-1") as handle:
        rows = sum(1 for _ in handle)
    sentences = ce.read_gmb(path)
    assert rows == 2**20  # Excel's limit: the file stops mid-sentence
    assert len(sentences) == 47_958  # 47,959 started, the last one cut off
    assert sentences[-1][-1][0] in {".", "!", "?", '"'}
    # Windows-1252 punctuation read as Latin-1 comes back as curly quotes, not C1 controls.
    assert not any("\x80" <= ch <= "\x9f" for s in sentences for w, _, _ in s for ch in w)


# -- re3d ------------------------------------------------------------------------------------
def re3d_document(text: str, *entities: tuple[str, str]) -> dict:
    """A re3d record: (surface, type) pairs, found in order in ``text``."""
    found, position = [], 0
    for surface, kind in entities:
        start = text.index(surface, position)
        found.append({"start": start, "end": start + len(surface), "label": kind, "text": surface})
        position = start
    return {"id": "x", "source": "test", "text": text, "entities": found}


def test_re3d_rules(nlp) -> None:
    text = (
        "We said the city of Raqqa was hit on Jan. 8 by Syrian Democratic Forces with a "
        "Hellfire missile . The UK backed Iraq ."
    )
    document = re3d_document(
        text,
        ("We", "Organisation"),
        ("the city", "Location"),
        ("Raqqa", "Location"),
        ("Jan", "Person"),
        ("Syrian Democratic Forces", "Organisation"),
        ("Syrian", "Nationality"),
        ("Hellfire missile", "Weapon"),
        ("The UK", "Organisation"),
        ("Iraq", "Organisation"),
        ("Iraq", "Location"),
    )
    stats = Counter()
    doc = ce.re3d_doc(document, nlp, stats)
    tags = dict(zip([t.text for t in doc], iob(doc), strict=True))
    assert tags["We"] == "-"  # a pronoun
    assert tags["city"] == tags["the"] == "-"  # a common noun
    assert tags["Raqqa"] == "B-LOC"
    assert tags["Jan."] == "-"  # the offset cuts a token
    assert [t for t in iob(doc) if t.endswith("ORG")] == ["B-ORG", "I-ORG", "I-ORG"]
    assert tags["Hellfire"] == tags["missile"] == "-"  # a type outside the scheme
    assert tags["The"] == "O" and tags["UK"] == "B-LOC"  # a country is LOC, "The" is not it
    assert tags["Iraq"] == "B-LOC"  # Location and Organisation agree once a country is LOC
    assert tags["hit"] == tags["said"] == "O"
    assert stats["not a name"] == 2 and stats["not on token boundaries"] == 1
    assert stats["overlaps a longer annotation"] == 1 and stats["type Weapon"] == 1


@pytest.mark.parametrize(
    ("text", "entities", "expected"),
    [
        # Same span, two types: unknown.
        ("on 25 June in Sousse", [("June", "Person"), ("June", "Temporal")], "O O - O O"),
        # A person inside a longer date: the longest wins, the name is unknown.
        ("since May 6 .", [("May 6", "Temporal"), ("May", "Person")], "O - - O"),
        # Titles out, the name in.
        (
            "said Lt. Gen. Stephen Townsend .",
            [("Lt. Gen. Stephen Townsend", "Person")],
            "O O O O B-PERSON I-PERSON O",
        ),
        # A person description: unknown.
        (
            "the Iraqi Foreign Minister said",
            [("the Iraqi Foreign Minister", "Person")],
            "- - - - O",
        ),
        # Two places with a comma are two LOCs.
        ("in Palmyra , Syria .", [("Palmyra , Syria", "Location")], "O B-LOC O B-LOC O"),
        # A plain name.
        ("met Boris Johnson .", [("Boris Johnson", "Person")], "O B-PERSON I-PERSON O"),
    ],
)
def test_re3d_cases(nlp, text: str, entities, expected: str) -> None:
    doc = ce.re3d_doc(re3d_document(text, *entities), nlp)
    assert iob(doc) == expected.split()


def test_re3d_offset_mismatch_is_missing(nlp) -> None:
    document = re3d_document("met Boris Johnson today .", ("Boris Johnson", "Person"))
    document["entities"][0]["start"] += 1  # "oris Johnson " no longer the annotated words
    document["entities"][0]["end"] += 1
    stats = Counter()
    doc = ce.re3d_doc(document, nlp, stats)
    assert not doc.ents and stats["offset does not match text"] == 1
    assert iob(doc) == ["O", "-", "-", "O", "O"]


def test_re3d_real_documents(corpora: Path, nlp) -> None:
    documents = ce.read_re3d(corpora / "ner_extra" / "re3d")
    assert len(documents) == 90
    stats = Counter()
    docs = [ce.re3d_doc(d, nlp, stats) for d in documents]
    in_scheme = set(ce.RE3D_LABELS)
    for document, doc in zip(documents, docs, strict=True):
        assert doc.text == document["text"]
        ranges = [(e["start"], e["end"]) for e in document["entities"] if e["label"] in in_scheme]
        for ent in doc.ents:
            # Every entity lies inside an annotation of a type in the scheme, on its own words.
            assert any(s <= ent.start_char and ent.end_char <= e for s, e in ranges), ent.text
            assert any(ch.isupper() or ch.isdigit() for ch in ent.text), ent.text
            assert ent.text.lower() not in ce.PRONOUNS or (ent.text.isupper() and len(ent.text) > 1)
    labels = Counter(ent.label_ for doc in docs for ent in doc.ents)
    assert set(labels) == {"PERSON", "ORG", "LOC", "MISC"}
    assert stats["offset does not match text"] <= 5  # curly quotes, newlines: normalised away
    assert stats["not a name"] > 100 and stats["type Weapon"] > 0
    (back,) = round_trip(docs[:1], nlp)
    assert iob(back) == iob(docs[0]) and "-" in iob(back)


# -- multiNER, UNER --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("Ministry/B-ORG of/I-ORG Justice/I-ORG", "B-ORG I-ORG I-ORG"),
        ("in/O Galle/B-LOC District/I-LOC", "O B-LOC I-LOC"),
        ("Mahinda/B-PER Deshapriya/I-PER", "B-PERSON I-PERSON"),
        ("in/O 2015/B-MISC", "O -"),  # multiNER's MISC is numbers, dates, roles: unknown
        ("the/O management/B-ORG corporations/I-ORG", "O - -"),  # not a name
    ],
)
def test_multiner_tags(rows: str, expected: str) -> None:
    tokens = [tuple(item.rsplit("/", 1)) for item in rows.split()]
    assert [("-" if t == ce.MISSING else t) for t in ce.multiner_tags(tokens)] == expected.split()


def test_multiner_real_file(corpora: Path, nlp) -> None:
    path = corpora / "ner_extra" / "multiner_en.txt.gz"
    docs = ce.multiner_docs(path, nlp)
    counts = ce.count(docs)
    assert counts["sentences"] == 3836  # segments, blank-line separated (CRLF)
    assert counts["MISC"] == 0 and counts["ORG"] > 1000 and counts["PERSON"] > 100
    first = docs[0]
    head = "NATIONAL HUMAN RESOURCES DEVELOPMENT COUNCIL OF SRI LANKA"
    assert first.text.startswith(f"{head} ANNUAL REPORT 2013 Ministry of Youth Affairs")
    assert (first.ents[0].text, first.ents[0].label_) == (head, "ORG")
    assert (first[10].text, iob(first)[10]) == ("2013", "-")  # tagged MISC upstream
    assert iob(first)[8:10] == ["-", "-"]  # "ANNUAL REPORT": capitalised, could be MISC


def test_pud_without_misc(corpora: Path, nlp) -> None:
    path = corpora / "ner_extra" / "uner_en_pud.iob2"
    docs = ce.uner_pud_docs(path, nlp)
    assert len(docs) == 1000
    texts = re.findall(r"^# text = (.*)$", path.read_text(encoding="utf-8"), re.M)
    assert [d.text for d in docs] == texts
    counts = ce.count(docs)
    assert (counts["PERSON"], counts["ORG"], counts["LOC"], counts["MISC"]) == (414, 235, 426, 0)
    first = docs[0]
    tags = dict(zip([t.text for t in first], iob(first), strict=False))
    assert tags["Kori"] == "B-PERSON" and tags["United"] == "B-LOC"
    assert tags["Monday"] == "O" and tags["While"] == "O"  # never MISC; sentence-initial
    marked = Counter(t.text for d in docs for t in d if t.ent_iob == 0)
    assert marked["American"] > 0 and marked["the"] == 0
    back = round_trip(docs[:50], nlp)
    assert [iob(d) for d in back] == [iob(d) for d in docs[:50]]


def test_uner_ewt_without_misc_is_an_option(corpora: Path, nlp) -> None:
    plain = ce.uner_docs(corpora / "en_ewt-ud-dev.iob2", nlp)[:200]
    marked = ce.uner_docs_without_misc(corpora / "en_ewt-ud-dev.iob2", nlp)[:200]
    assert [d.text for d in plain] == [d.text for d in marked]
    assert [[e.text for e in d.ents] for d in plain] == [[e.text for e in d.ents] for d in marked]
    assert sum(t.ent_iob == 0 for d in plain for t in d) == 0
    assert sum(t.ent_iob == 0 for d in marked for t in d) > 0


# -- GUM -------------------------------------------------------------------------------------
def gum_sentences(path: Path) -> dict[str, list[str]]:
    """Sentence texts (no spaces) by document id, read straight from the file."""
    by_doc: dict[str, list[str]] = {}
    current = None
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("# newdoc id = "):
                current = line.split("=", 1)[1].strip()
                by_doc[current] = []
            elif line.startswith("# text = "):
                by_doc[current].append("".join(line[len("# text = ") :].split()))
    return by_doc


def test_gum_news_dev_holds_only_news(corpora: Path) -> None:
    path = corpora / "gum" / "en_gum-dev.conllu.gz"
    by_doc = gum_sentences(path)
    news = [s for doc_id, sents in by_doc.items() if doc_id.startswith("GUM_news_") for s in sents]
    other = {
        s for doc_id, sents in by_doc.items() if not doc_id.startswith("GUM_news_") for s in sents
    }
    assert len(news) > 20 and len(by_doc) == 16
    for n_sents in (1, 10):
        docs = ce.gum_genre_docs(path, ("news",), n_sents=n_sents)
        found = ["".join(s.text.split()) for d in docs for s in d.sents]
        assert found == news
        assert not set(found) & (other - set(news))
        assert all(len(list(d.sents)) <= n_sents for d in docs)
    assert ce.gum_documents(path)[6] == (
        "GUM_news_homeopathic",
        len(by_doc["GUM_news_homeopathic"]),
    )


def test_gum_docs_are_parsed_and_ner_missing(corpora: Path, nlp) -> None:
    docs = ce.gum_docs(corpora / "gum" / "en_gum-dev.conllu.gz")
    assert sum(len(list(d.sents)) for d in docs) == 873
    assert sum(len(d) for d in docs) == 14_411  # syntactic words, as the README counts
    back = round_trip(docs[:5], nlp)
    for doc in back:
        assert doc.has_annotation("DEP") and doc.has_annotation("TAG")
        assert all(t.ent_iob == 0 for t in doc)


# -- CLI -------------------------------------------------------------------------------------
def test_cli_writes_every_file(corpora: Path, nlp, tmp_path: Path, capsys) -> None:
    """The CLI over small excerpts of every corpus: one DocBin per corpus and split, a table."""
    mini = tmp_path / "corpora"
    (mini / "gum").mkdir(parents=True)
    (mini / "ner_extra" / "re3d").mkdir(parents=True)
    with gzip.open(corpora / "gum" / "en_gum-dev.conllu.gz", "rt", encoding="utf-8") as handle:
        blocks = handle.read().split("\n\n")
    # Two documents and the start of a third: interview, news, news.
    start = next(i for i, b in enumerate(blocks) if "newdoc id = GUM_interview_gaming" in b)
    news = next(i for i, b in enumerate(blocks) if "newdoc id = GUM_news_homeopathic" in b)
    chosen = blocks[start : news + 33]
    excerpt = "\n\n".join(chosen) + "\n\n"
    for split in ("train", "dev", "test"):
        with gzip.open(mini / "gum" / f"en_gum-{split}.conllu.gz", "wt", encoding="utf-8") as out:
            out.write(excerpt)
    extra = corpora / "ner_extra"
    with gzip.open(extra / "gmb_ner_dataset.csv.gz", "rt", encoding="latin-1") as handle:
        gmb_lines = [next(handle) for _ in range(400)]
    with gzip.open(mini / "ner_extra" / "gmb_ner_dataset.csv.gz", "wt", encoding="latin-1") as out:
        out.writelines(gmb_lines)
    source = extra / "re3d" / "australian_department_of_foreign_affairs.jsonl.gz"
    (mini / "ner_extra" / "re3d" / source.name).write_bytes(source.read_bytes())
    with gzip.open(extra / "multiner_en.txt.gz", "rt", encoding="utf-8", newline="") as handle:
        multiner = handle.read()[:20_000].rsplit("\r\n\r\n", 1)[0]
    with gzip.open(mini / "ner_extra" / "multiner_en.txt.gz", "wt", encoding="utf-8") as out:
        out.write(multiner)
    pud = (extra / "uner_en_pud.iob2").read_text(encoding="utf-8").split("\n\n")[:20]
    (mini / "ner_extra" / "uner_en_pud.iob2").write_text("\n\n".join(pud) + "\n", "utf-8")

    ce.main(["--corpora", str(mini), "--out", str(tmp_path / "out"), "--gmb-max-sentences", "0"])
    table = capsys.readouterr().out.splitlines()
    rows = {line.split()[0]: line.split()[1:] for line in table[1:]}
    names = [
        "gum-train", "gum-dev", "gum-test", "gum-dev-sent", "gum-dev-news", "gum-dev-news-sent",
        "gmb-train", "re3d-train", "multiner-train", "uner-pud-train",
    ]  # fmt: skip
    assert list(rows) == names
    assert table[0].split() == ["file", "docs", "sentences", "tokens", *ce.NER_LABELS, "missing"]
    assert rows["gum-dev-sent"][:2] == [str(len(chosen))] * 2
    assert rows["gum-dev-news-sent"][:2] == ["33", "33"]
    assert rows["gum-dev-news"][:2] == ["4", "33"]  # 23 + 10 sentences, 10 a doc per document
    assert rows["uner-pud-train"][:2] == ["20", "20"]
    for name in names:
        docs = list(DocBin().from_disk(tmp_path / "out" / f"{name}.spacy").get_docs(nlp.vocab))
        assert len(docs) == int(rows[name][0]) > 0
        assert sum(len(d) for d in docs) == int(rows[name][2])
        assert sum(t.ent_iob == 0 for d in docs for t in d) == int(rows[name][-1])
