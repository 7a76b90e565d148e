"""The data-quality rules pass on good tables and fail, with examples, on corrupted ones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyarrow as pa
import pytest

from newsextract.tables import quality, schemas

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def article(**overrides) -> dict:
    row = {
        "article_id": "art_1",
        "batch": "batch-1",
        "external_id": None,
        "source": None,
        "url": None,
        "title": None,
        "published_at": NOW - timedelta(days=1),
        "published_precision": "day",
        "published_raw": "2025-12-31",
        "dateline_place": None,
        "language": "en",
        "text": "Some words.",
        "word_count": 2,
        "content_sha256": "0" * 64,
        "input_path": "a.txt",
        "input_record": None,
        "input_format": "txt",
        "encoding": "utf-8",
        "ingested_at": NOW,
    }
    row.update(overrides)
    return row


def table(*rows: dict) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=schemas.ARTICLES)


def rejected(*rows: dict) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=schemas.REJECTED_INPUTS)


def test_good_table_passes_every_rule() -> None:
    t = table(article(), article(article_id="art_2", input_path="b.txt"))
    assert quality.unique_non_null(t, "article_id").passed
    assert quality.schema_matches(t, schemas.ARTICLES).passed
    assert quality.not_in_future(t, "published_at", now=NOW).passed
    assert quality.non_empty_text(t).passed
    assert quality.inputs_accounted(["a.txt", "b.txt"], t, rejected()).passed


def test_duplicate_and_null_keys_fail_with_examples() -> None:
    t = table(article(), article(input_path="b.txt"), article(article_id=None, input_path="c.txt"))
    outcome = quality.unique_non_null(t, "article_id")
    assert not outcome.passed
    assert outcome.failing_rows == 2
    assert {e["input_path"] for e in outcome.examples} == {"b.txt", "c.txt"}


def test_key_seen_in_another_batch_fails() -> None:
    outcome = quality.unique_non_null(table(article()), "article_id", also_seen={"art_1"})
    assert not outcome.passed and outcome.failing_rows == 1


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda t: t.drop_columns(["language"]),
        lambda t: t.set_column(
            t.schema.get_field_index("word_count"), "word_count", pa.array([2], pa.int64())
        ),
        lambda t: t.rename_columns([*t.column_names[:-1], "ingested"]),
        lambda t: t.select(list(reversed(t.column_names))),
    ],
    ids=["missing-column", "wrong-type", "renamed", "reordered"],
)
def test_schema_rule_fails_on_corrupted_schema(corrupt) -> None:
    outcome = quality.schema_matches(corrupt(table(article())), schemas.ARTICLES)
    assert not outcome.passed
    assert outcome.description != "schema matches"


def test_schema_rule_fails_on_nulls_in_required_column() -> None:
    loose = pa.schema([f.with_nullable(True) for f in schemas.ARTICLES])
    t = pa.Table.from_pylist([article(text=None)], schema=loose)
    outcome = quality.schema_matches(t, schemas.ARTICLES)
    assert not outcome.passed and "text" in outcome.description


def test_future_publication_date_fails() -> None:
    t = table(article(), article(article_id="art_2", published_at=NOW + timedelta(days=3)))
    outcome = quality.not_in_future(t, "published_at", now=NOW)
    assert not outcome.passed and outcome.failing_rows == 1
    assert outcome.examples[0]["article_id"] == "art_2"


def test_null_publication_date_is_allowed() -> None:
    t = table(article(published_at=None, published_precision="none"))
    assert quality.not_in_future(t, "published_at", now=NOW).passed


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_empty_text_fails(text: str) -> None:
    outcome = quality.non_empty_text(table(article(), article(article_id="art_2", text=text)))
    assert not outcome.passed and outcome.failing_rows == 1


def test_unaccounted_input_and_double_count_fail() -> None:
    t = table(article())
    r = rejected(
        {
            "rejected_id": "rej_1",
            "batch": "batch-1",
            "input_path": "a.txt",
            "input_record": None,
            "size_bytes": 1,
            "reason_code": "empty",
            "reason": "empty",
            "rejected_at": NOW,
        }
    )
    missing = quality.inputs_accounted(["a.txt", "lost.txt"], t, rejected())
    assert not missing.passed and missing.examples == [{"input_path": "lost.txt"}]
    doubled = quality.inputs_accounted(["a.txt"], t, r)
    assert not doubled.passed and "1 input units counted twice" in doubled.description
