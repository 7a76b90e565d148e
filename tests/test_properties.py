"""Property-based tests (hypothesis): readers and extractors on generated inputs.

For any input: nothing raises, every offset indexes the article's text and gives the row's text,
and the same input gives the same output.
"""

from __future__ import annotations

import json
import tempfile
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsextract.entities.table import article_entities
from newsextract.events.actors import ActorEntity
from newsextract.events.table import article_events
from newsextract.nlp.pipeline import doc_from_bytes, load_pipeline, parse_for_storage
from newsextract.quotes.table import article_quotes
from newsextract.readers import ReadOptions, read_input
from newsextract.readers.records import ArticleRecord, RejectedInput

READER_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
EXTRACTOR_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# -- readers ---------------------------------------------------------------------------------


def _read(name: str, content: bytes) -> list:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / name).write_bytes(content)
        return read_input(Path(folder), name, ReadOptions(max_article_chars=5_000))


def _check_results(name: str, results: list) -> None:
    assert results, "every file gives at least one article or rejection"
    for result in results:
        assert isinstance(result, ArticleRecord | RejectedInput)
        assert result.input_path == name
        if isinstance(result, RejectedInput):
            # read_error is the catch-all for a reader's own exceptions: a bug, not an input.
            assert result.reason_code != "read_error", result.reason
            assert result.reason
        else:
            assert result.text.strip() and "\r" not in result.text
            assert len(result.text) <= 5_000


# Pieces of pages and documents that readers must survive in any order.
MARKUP = [
    "<html>", "<head>", "<title>", "</title>", "<body>", "<article>", "</article>", "<p>",
    "</p>", "<script>", "</script>", "<!DOCTYPE html>", '<!DOCTYPE x [<!ENTITY a "aaaa">]>',
    "&a;", "&amp;", "&#0;", "&#x110000;", "<meta charset='latin-1'>", '<meta charset="bogus">',
    "<", ">", '"', "{", "}", "[", "]", ":", ",", '"text"', '"id"', "\n", "\r\n", "\x00",
    "\ufeff", "The minister said on Tuesday that talks would resume in Geneva. ",
    "Élysée Zürich ", "“quoted words”", "\u202e", "null", "1e999",
]  # fmt: skip


@READER_SETTINGS
@given(
    content=st.one_of(
        st.binary(max_size=3_000),
        st.text(max_size=3_000).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(st.sampled_from(MARKUP), max_size=200).map(lambda parts: "".join(parts).encode()),
    ),
    suffix=st.sampled_from([".txt", ".json", ".jsonl", ".html", ".htm"]),
)
def test_any_bytes_become_articles_or_rejections(content: bytes, suffix: str) -> None:
    name = f"input{suffix}"
    results = _read(name, content)
    _check_results(name, results)
    assert _read(name, content) == results


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=10,
)


@READER_SETTINGS
@given(
    text=st.text(min_size=1, max_size=2_000),
    external_id=st.one_of(st.text(max_size=30), st.integers()),
    extra=st.dictionaries(
        st.sampled_from(["title", "url", "published", "source", "x"]), JSON_VALUES, max_size=4
    ),
)
def test_a_json_text_field_is_kept_verbatim(text: str, external_id, extra: dict) -> None:
    """The contract: ``articles.text`` is the JSON ``text`` field as written (``\\r\\n`` and
    ``\\r`` become ``\\n``), and the ``id`` is kept; whatever the other fields hold."""
    record = {**extra, "id": external_id, "text": text}
    content = json.dumps(record).encode("utf-8", "surrogatepass")
    for name, payload in (("a.json", content), ("a.jsonl", content + b"\n")):
        (result,) = _read(name, payload)
        if not text.strip():
            assert result.reason_code == "missing_text"
        elif isinstance(result, ArticleRecord):
            assert result.text == text.replace("\r\n", "\n").replace("\r", "\n")
            # A blank id is no id; any other is kept exactly, numbers as written.
            kept = str(external_id) if str(external_id).strip() else None
            assert result.external_id == kept
        else:
            assert result.reason_code in {"too_long", "wrong_type", "binary"}, result.reason


# -- extractors ------------------------------------------------------------------------------

# Words, marks and characters that the extractors treat specially, space-separated.
VOCABULARY = (
    "the minister said on Tuesday that Russia and Ukraine would meet in Geneva . "
    "President Biden told reporters \u201cwe will not back down\u201d , adding that NATO "
    "troops attacked protesters near Kyiv after talks with the United Nations collapsed . "
    "she 's said he \" ' \u2018 \u2019 \u201c \u201d ( ) : ; - \u2014 , . ? ! 1996 12 "
    "Mr. Dr. U.S. al-Assad O'Neill Beijing China Chinese police arrested demonstrators "
    "according to sources \n \n\n \u200b \u202e \ufeff \u00e9t\u00e9 Z\u00fcrich"
)
WORDS = VOCABULARY.split(" ")
ARTICLE_TEXT = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=120).map(" ".join),
    st.lists(
        st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=6)),
        min_size=1,
        max_size=60,
    ).map(" ".join),
)


@lru_cache(maxsize=1)
def _nlp():
    return load_pipeline()


def _extract(text: str) -> tuple[list[dict], list[dict], list[dict], list[dict]]:
    """Every extractor over one parse of ``text``, wired as the assets wire them."""
    nlp = _nlp()
    (stored,) = parse_for_storage(nlp, [text])
    doc = doc_from_bytes(stored.doc)
    mentions, entities = article_entities(doc, "article-1", "batch-1", "model")
    names = {e["entity_id"]: e["name"] for e in entities}
    quotes = article_quotes(doc, "article-1", "batch-1", "model", mentions, names,
                            reported_speech=True)  # fmt: skip
    known = {e["entity_id"]: e for e in entities}
    actors = [
        ActorEntity(m["start"], m["end"], m["entity_id"], m["label"],
                    known[m["entity_id"]]["name"], known[m["entity_id"]]["country"])
        for m in mentions
    ]  # fmt: skip
    places = {e: (row["latitude"], row["longitude"]) for e, row in known.items()}
    events = article_events(doc, "article-1", "batch-1", "model", actors, quotes, None, places)
    return mentions, entities, quotes, events


def _assert_span(text: str, row: dict, start: str, end: str, value: str) -> None:
    if row[start] is None:
        assert row[end] is None and not row.get(value)
        return
    assert 0 <= row[start] < row[end] <= len(text), (row[start], row[end], len(text))
    assert text[row[start] : row[end]] == row[value]


@EXTRACTOR_SETTINGS
@given(text=ARTICLE_TEXT)
def test_extractors_give_valid_offsets_and_the_same_rows_twice(text: str) -> None:
    mentions, entities, quotes, events = _extract(text)
    for m in mentions:
        _assert_span(text, m, "start", "end", "text")
    assert {m["entity_id"] for m in mentions} == {e["entity_id"] for e in entities}
    for q in quotes:
        _assert_span(text, q, "start", "end", "text")
        _assert_span(text, q, "speaker_start", "speaker_end", "speaker")
    for e in events:
        _assert_span(text, e, "trigger_start", "trigger_end", "trigger")
        _assert_span(text, e, "source_start", "source_end", "source_actor")
        _assert_span(text, e, "target_start", "target_end", "target_actor")
    assert len({m["mention_id"] for m in mentions}) == len(mentions)
    assert len({q["quote_id"] for q in quotes}) == len(quotes)
    assert len({e["event_id"] for e in events}) == len(events)
    assert _extract(text) == (mentions, entities, quotes, events)
