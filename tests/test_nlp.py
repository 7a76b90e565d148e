"""The NLP model: shipped and loaded offline by default, alternatives honoured by configuration."""

from __future__ import annotations

import platform
import socket
from pathlib import Path

import pyarrow as pa
import pytest
import spacy
from thinc.api import use_ops

from newsextract.entities.table import article_entities, normalise_label
from newsextract.nlp import pipeline as nlp_module
from newsextract.nlp.memory import release_freed_memory
from newsextract.nlp.pipeline import (
    MODEL_ENV,
    SHIPPED_MODEL,
    ModelNotFoundError,
    batches_by_chars,
    doc_from_bytes,
    doc_to_bytes,
    load_pipeline,
    model_tag,
    over_stored_parses,
    parse,
    parse_for_storage,
    stored_parses,
)
from pipelines.resources import SpacyPipeline

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access attempted in an offline test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def fresh_loader(monkeypatch):
    load_pipeline.cache_clear()
    monkeypatch.delenv(MODEL_ENV, raising=False)
    yield
    load_pipeline.cache_clear()


@pytest.fixture
def alternative_model(tmp_path: Path) -> Path:
    """A different, tiny pipeline: a rule-based NER that knows one name."""
    alt = spacy.blank("en")
    ruler = alt.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Zed Alternative"}])
    alt.meta["name"] = "alternative_test"
    alt.meta["version"] = "9.9.9"
    path = tmp_path / "alt_model"
    alt.to_disk(path)
    return path


def test_shipped_model_loads_offline_without_environment(no_network, fresh_loader) -> None:
    nlp = load_pipeline()
    assert Path(nlp.path) == SHIPPED_MODEL
    assert {"tagger", "parser", "ner"} <= set(nlp.pipe_names)
    assert model_tag(nlp).startswith("en_newsextract_sm-")
    size = sum(p.stat().st_size for p in SHIPPED_MODEL.rglob("*") if p.is_file())
    assert size <= 30 * 1024 * 1024


def test_environment_variable_chooses_another_pipeline(
    monkeypatch, fresh_loader, alternative_model: Path
) -> None:
    monkeypatch.setenv(MODEL_ENV, str(alternative_model))
    nlp = load_pipeline()
    assert model_tag(nlp) == "en_alternative_test-9.9.9"
    doc = nlp("They met Zed Alternative today.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Zed Alternative", "PERSON")]


def test_resource_model_overrides_environment(
    monkeypatch, fresh_loader, alternative_model: Path
) -> None:
    monkeypatch.setenv(MODEL_ENV, "/nonexistent/model")
    resource = SpacyPipeline(model=str(alternative_model))
    assert model_tag(resource.load()) == "en_alternative_test-9.9.9"


def test_missing_model_names_what_to_do(fresh_loader) -> None:
    with pytest.raises(ModelNotFoundError, match=MODEL_ENV):
        load_pipeline("/nonexistent/model")


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "Russia has granted asylum to former Syrian President Bashar al-Assad.",
            "Bashar al-Assad",
        ),
        (
            "Opposition leaders, including Hadi al-Bahra, declared the capital free.",
            "Hadi al-Bahra",
        ),
        (
            "Iraqi Prime Minister Mohammed Shia al-Sudani shared the news.",
            "Mohammed Shia al-Sudani",
        ),
    ],
)
def test_hyphenated_arab_names_are_one_person(fresh_loader, sentence: str, name: str) -> None:
    doc = load_pipeline()(sentence)
    assert (name, "PERSON") in [(e.text, e.label_) for e in doc.ents]


def test_stored_parse_round_trips_without_the_model(fresh_loader) -> None:
    nlp = load_pipeline()
    text = "Moscow, Russia – December 9: Russia has granted asylum to Bashar al-Assad.\nNext."
    doc = nlp(text)
    back = doc_from_bytes(doc_to_bytes(doc))
    assert back.text == text
    assert [t.dep_ for t in back] == [t.dep_ for t in doc]
    assert [t.head.i for t in back] == [t.head.i for t in doc]
    assert [(e.start_char, e.end_char, e.label_) for e in back.ents] == [
        (e.start_char, e.end_char, e.label_) for e in doc.ents
    ]
    assert len(list(back.sents)) == len(list(doc.sents))


@pytest.mark.parametrize("user_data", [False, True])
def test_a_stored_parse_reads_back_as_spacy_reads_it(
    shared_dir: Path, fresh_loader, user_data: bool
) -> None:
    """``doc_from_bytes`` skips parts of spaCy's ``DocBin`` reader; every token attribute, the
    entities and the sentences come back the same. A Doc stored with user data (which
    ``doc_to_bytes`` never writes) is read by spaCy's own reader."""
    import gzip
    import json

    from spacy.tokens import DocBin

    with gzip.open(shared_dir / "corpus" / "news.jsonl.gz", "rt", encoding="utf-8") as lines:
        texts = [json.loads(next(lines))["text"] for _ in range(20)]
    texts.append("Short.\r\n  Two  spaces, \u201cquoted\u201d – and a dash.")
    nlp = load_pipeline()
    for doc in parse(nlp, texts):
        if user_data:
            doc.user_data["note"] = "kept"
        stored = DocBin(
            attrs=nlp_module.PARSE_ATTRS, docs=[doc], store_user_data=user_data
        ).to_bytes()
        ours = doc_from_bytes(stored)
        (spacys,) = DocBin().from_bytes(stored).get_docs(ours.vocab)
        assert ours.to_bytes() == spacys.to_bytes()
        assert ours.text == doc.text
        assert [(e.start_char, e.end_char, e.label_) for e in ours.ents] == [
            (e.start_char, e.end_char, e.label_) for e in doc.ents
        ]
        assert ours.user_data == ({"note": "kept"} if user_data else {})


def test_parses_for_storage_match_the_parse_and_leave_the_vocabulary_as_it_was(
    fresh_loader,
) -> None:
    nlp = load_pipeline()
    texts = [
        "Zorbulakh Quembridge told Vyxantia's parliament on Tuesday that talks had failed.",
        "Officials in Tralkenport said 4,317 people had fled the Oshquarrie valley.",
    ]
    strings_before = len(nlp.vocab.strings)
    stored = list(parse_for_storage(nlp, texts))
    # A memory zone frees the strings of the new words: a long-running worker stays flat.
    assert len(nlp.vocab.strings) == strings_before
    docs = list(parse(nlp, texts))
    assert [s.doc for s in stored] == [doc_to_bytes(d) for d in docs]
    assert [s.n_tokens for s in stored] == [len(d) for d in docs]
    assert [s.n_sentences for s in stored] == [len(list(d.sents)) for d in docs]
    assert all(s.text_matches for s in stored)
    table = pa.table(
        {"article_id": ["a1", "a2"], "model": ["m", "m"], "doc": [s.doc for s in stored]}
    )
    read_back = [(i, doc.text, [e.text for e in doc.ents]) for i, _, doc in stored_parses(table)]
    assert read_back == [
        (i, d.text, [e.text for e in d.ents]) for i, d in zip(["a1", "a2"], docs, strict=True)
    ]


def test_parses_in_forked_processes_equal_one_process(shared_dir: Path) -> None:
    """Two forked processes, each a run of about half the characters: the same bytes, in the
    same order, as one process; and the same rows from the extractors' spread reading."""
    import gzip
    import json

    with gzip.open(shared_dir / "corpus" / "news.jsonl.gz", "rt", encoding="utf-8") as lines:
        texts = [json.loads(next(lines))["text"] for _ in range(30)]
    nlp = load_pipeline()
    one = parse_for_storage(nlp, texts, n_process=1, batch_chars=32_000)
    two = parse_for_storage(nlp, texts, n_process=2, batch_chars=32_000)
    assert [s.doc for s in two] == [s.doc for s in one]
    assert [(s.n_tokens, s.n_sentences, s.text_matches) for s in two] == [
        (s.n_tokens, s.n_sentences, s.text_matches) for s in one
    ]
    table = pa.table(
        {
            "article_id": [f"a{i}" for i in range(len(texts))],
            "model": ["m"] * len(texts),
            "doc": [s.doc for s in one],
        }
    )

    def ents(article_id: str, model: str, doc) -> tuple[str, list[tuple[int, int, str]]]:
        return article_id, [(e.start_char, e.end_char, e.label_) for e in doc.ents]

    assert over_stored_parses(table, ents, 2) == over_stored_parses(table, ents, 1)
    assert [a for a, _ in over_stored_parses(table, ents, 2)] == table["article_id"].to_pylist()


@pytest.mark.parametrize(
    ("lengths", "max_chars", "max_texts", "expected"),
    [
        ([], 10, 4, []),
        ([3, 3, 3], 10, 4, [[3, 3, 3]]),
        ([3, 3, 3, 3], 10, 4, [[3, 3, 3], [3]]),  # characters cap the run
        ([1, 1, 1, 1, 1], 100, 2, [[1, 1], [1, 1], [1]]),  # texts cap the run
        ([2, 25, 2], 10, 4, [[2], [25], [2]]),  # a long text runs alone, in its place
        ([10, 10], 10, 4, [[10], [10]]),
    ],
)
def test_batches_by_chars_keep_order_within_both_caps(
    lengths: list[int], max_chars: int, max_texts: int, expected: list[list[int]]
) -> None:
    texts = [f"{i}" * n for i, n in enumerate(lengths)]
    runs = list(batches_by_chars(texts, max_chars, max_texts))
    assert [[len(t) for t in run] for run in runs] == expected
    assert [t for run in runs for t in run] == texts


def test_batches_capped_by_characters_parse_as_batches_of_documents(fresh_loader) -> None:
    """How the texts are batched sets the memory peak, never a single annotation."""
    nlp = load_pipeline()
    texts = [path.read_text(encoding="utf-8") for path in sorted((REPO / "seeds").glob("*.txt"))]
    assert len(texts) >= 5 and max(map(len, texts)) > 3000
    by_docs = [doc_to_bytes(d) for d in parse(nlp, texts, batch_size=16)]
    by_chars = [doc_to_bytes(d) for d in parse(nlp, texts, batch_size=16, batch_chars=3000)]
    assert by_chars == by_docs


def test_models_use_numpy_blas_and_parse_as_thinc_blis_does(fresh_loader) -> None:
    """The speed-up of NumPy's BLAS over thinc's BLIS must not change a single annotation."""
    nlp = load_pipeline()
    models = {name: pipe.model for name, pipe in nlp.pipeline if hasattr(pipe, "model")}
    assert models and all(m.ops.use_blis is False for m in models.values())
    with use_ops("numpy", use_blis=True):
        blis_nlp = spacy.load(SHIPPED_MODEL)
    assert blis_nlp.get_pipe("tok2vec").model.ops.use_blis is True
    texts = [
        path.read_text(encoding="utf-8")[:3000]
        for path in sorted((REPO / "seeds").glob("*.txt"))[:3]
    ]
    assert texts

    def annotations(pipeline) -> list:
        return [
            [
                (t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
                for t in doc
            ]
            for doc in pipeline.pipe(texts)
        ]

    # The shipped pipeline plus newsextract's post-NER components, against the bare one.
    bare = [name for name in nlp.pipe_names if name in blis_nlp.pipe_names]
    with nlp.select_pipes(enable=bare):
        assert annotations(nlp) == annotations(blis_nlp)


def test_one_blas_thread_per_process_once_the_resource_loads_the_model(fresh_loader) -> None:
    from threadpoolctl import threadpool_info, threadpool_limits

    with threadpool_limits(limits=None):
        SpacyPipeline().load()
        blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
        assert blas and all(pool["num_threads"] == 1 for pool in blas)


def test_freed_memory_goes_back_to_the_system_on_glibc() -> None:
    released = release_freed_memory()
    if platform.system() == "Linux" and platform.libc_ver()[0] == "glibc":
        assert released is True
    else:
        assert released is False


def test_mentions_carry_offsets_into_the_text(fresh_loader) -> None:
    text = "Opposition leaders, including Hadi al-Bahra, entered Damascus."
    doc = load_pipeline()(text)
    rows, entities = article_entities(doc, "art_x", "batch-x", "m-1")
    assert rows and all(text[r["start"] : r["end"]] == r["text"] for r in rows)
    assert len({r["mention_id"] for r in rows}) == len(rows)
    assert {r["entity_id"] for r in rows} == {e["entity_id"] for e in entities}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("PER", "PERSON"),
        ("person", "PERSON"),
        ("GPE", "GPE"),
        ("DATE", None),
        ("ORGANIZATION", "ORG"),
    ],
)
def test_label_normalisation(given: str, expected: str | None) -> None:
    assert normalise_label(given) == expected


def test_processes_scale_with_batch_size() -> None:
    resource = SpacyPipeline(n_process=2, min_texts_per_process=100)
    assert resource.processes_for(10) == 1
    assert resource.processes_for(250) == 2
    assert nlp_module.PARSE_ATTRS  # the stored parse keeps attributes at all


def test_reusable_parses_need_the_same_model_and_stored_attributes() -> None:
    import pyarrow as pa
    from spacy.tokens import DocBin

    from newsextract.nlp.pipeline import reusable_parses
    from newsextract.tables import schemas

    nlp = load_pipeline()
    (parsed,) = parse_for_storage(nlp, ["The minister said talks would resume."])
    row = {"article_id": "a", "batch": "b", "model": "m-1", "n_tokens": parsed.n_tokens,
           "n_sentences": parsed.n_sentences, "doc": parsed.doc}  # fmt: skip
    table = pa.Table.from_pylist([row], schema=schemas.ARTICLE_PARSES)
    assert reusable_parses(table, "m-1") == {"a": row}
    assert reusable_parses(table, "m-2") == {}, "another model parses again"
    other = DocBin(attrs=["ORTH"], docs=[nlp("Other attributes.")]).to_bytes()
    older = pa.Table.from_pylist([{**row, "doc": other}], schema=schemas.ARTICLE_PARSES)
    assert reusable_parses(older, "m-1") == {}, "parses stored with other attributes"
    assert reusable_parses(schemas.ARTICLE_PARSES.empty_table(), "m-1") == {}
