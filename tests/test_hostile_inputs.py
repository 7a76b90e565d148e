"""Hostile inputs never crash a run nor stop the good articles beside them (issue 8)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from newsextract.ingest.articles import read_batch
from newsextract.readers import ReadOptions, read_input
from newsextract.readers.records import RejectedInput
from pipelines.cli import main
from tests.hostile_inputs import HOSTILE, write_inputs, write_oversize_text


@pytest.mark.parametrize(("index", "case"), list(enumerate(HOSTILE)))
def test_each_hostile_kind_is_one_rejection_with_its_reason(
    tmp_path: Path, index: int, case: tuple
) -> None:
    import random

    suffix, reason, make = case
    name = f"f{index}{suffix}"
    (tmp_path / name).write_bytes(make(random.Random(index)))
    results = read_input(tmp_path, name)
    assert len(results) == 1 and isinstance(results[0], RejectedInput), results
    assert results[0].reason_code == reason
    assert results[0].reason  # said in words


def test_html_entities_are_never_expanded(tmp_path: Path) -> None:
    # An internal "billion laughs" DTD and an external entity: neither is expanded nor fetched;
    # the bare references left are no article.
    for i, (_, _, make) in enumerate(HOSTILE):
        if make.__name__ in ("_entity_bomb", "_external_entity"):
            (tmp_path / f"{i}.html").write_bytes(make(None))
            (rejection,) = read_input(tmp_path, f"{i}.html")
            assert rejection.reason_code == "no_text"
            assert rejection.size_bytes < 1000


def test_a_50_mb_text_file_is_rejected_whole_not_truncated(tmp_path: Path) -> None:
    write_oversize_text(tmp_path / "huge.txt", megabytes=50)
    (rejection,) = read_input(tmp_path, "huge.txt")
    assert rejection.reason_code == "too_long"
    assert "2,000,000" in rejection.reason and "ReadOptions.max_article_chars" in rejection.reason
    # The limits are settings: with a smaller file limit it is not even read.
    (rejection,) = read_input(tmp_path, "huge.txt", ReadOptions(max_file_bytes=10 * 2**20))
    assert rejection.reason_code == "too_large" and "10,485,760" in rejection.reason
    # ... and with a larger article limit it is one article, every character kept.
    (article,) = read_input(tmp_path, "huge.txt", ReadOptions(max_article_chars=60 * 2**20))
    assert len(article.text) == (tmp_path / "huge.txt").stat().st_size - 1  # less the last \n


def test_a_200000_line_jsonl_gives_one_row_per_line(tmp_path: Path) -> None:
    lines = []
    for i in range(200_000):
        kind = i % 4
        if kind == 0:
            lines.append(json.dumps({"id": f"a{i}", "text": f"Report number {i} from the wire."}))
        elif kind == 1:
            lines.append('{"text": broken')
        elif kind == 2:
            lines.append(json.dumps({"title": "no text"}))
        else:
            lines.append(json.dumps([i]))
    (tmp_path / "big.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    from newsextract.ingest.batches import InputFile

    size = (tmp_path / "big.jsonl").stat().st_size
    result = read_batch(tmp_path, [InputFile("big.jsonl", size, 0, "0")], batch="batch-x")
    assert result.articles.num_rows == 50_000
    assert result.counts_by_reason == {
        "invalid_json": 50_000,
        "missing_text": 50_000,
        "wrong_type": 50_000,
    }
    records = result.rejected.column("input_record").to_pylist()
    assert sorted(records) == [i for i in range(1, 200_001) if i % 4 != 1]


@pytest.mark.slow
def test_1000_hostile_files_and_100_good_articles_in_one_run(
    tmp_path: Path, shared_dir: Path, capsys
) -> None:
    inputs = tmp_path / "in"
    expected = write_inputs(inputs, shared_dir, hostile=999, good=100, seed=8)
    write_oversize_text(inputs / "hostile-0999.txt", megabytes=50)
    expected["hostile-0999.txt"] = {"kind": "hostile", "reason": "too_long"}
    data = tmp_path / "data"
    argv = ["run", "--input", str(inputs), "--data", str(data)]
    assert main([*argv, "--dagster-home", str(tmp_path / "home")]) == 0
    assert "FAILED" not in capsys.readouterr().out
    articles = pd.read_parquet(data / "articles")
    rejected = pd.read_parquet(data / "rejected_inputs")
    assert len(articles) == 100 and len(rejected) == 1000
    assert set(articles["input_path"]) == {n for n, e in expected.items() if e["kind"] == "good"}
    want = {n: e["reason"] for n, e in expected.items() if e["kind"] == "hostile"}
    assert dict(zip(rejected["input_path"], rejected["reason_code"], strict=True)) == want
    assert rejected["reason"].str.len().min() >= len("the file is empty")
    for row in articles.itertuples():
        text = expected[row.input_path]["text"]
        if text:  # the whole text, whatever the encoding (a first line may become the title)
            assert row.text in text and len(row.text) > len(text) / 2, row.input_path
    other = articles[articles["input_path"].map(lambda p: int(p[5:8]) % 10 == 8)]
    assert len(other) == 10 and set(other["language"]) == {"fr", "es", "de"}
    # They are kept, but neither parsed nor extracted as if they were English; the rest are.
    foreign = set(other["article_id"])
    parsed = set(pd.read_parquet(data / "article_parses", columns=["article_id"])["article_id"])
    assert parsed == set(articles["article_id"]) - foreign
    for table in ("entity_mentions", "quotes", "events"):
        rows = pd.read_parquet(data / table)
        assert not foreign & set(rows["article_id"]), table
    assert len(pd.read_parquet(data / "entity_mentions")) > 1000
    pd.read_parquet(data / "entities")
