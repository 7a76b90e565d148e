"""The batch ledger: incremental scans, changed files, grouping, manifests."""

from __future__ import annotations

import os
from pathlib import Path

from newsextract.batches import (
    Batch,
    BatchLedger,
    BatchLimits,
    InputFile,
    group_files,
    input_fingerprint,
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_first_scan_registers_everything_then_nothing(tmp_path: Path) -> None:
    inputs, data = tmp_path / "in", tmp_path / "data"
    write(inputs, "a.txt", "Alpha body text.")
    write(inputs, "sub/b.txt", "Beta body text.")
    ledger = BatchLedger(data)
    plan = ledger.plan(inputs)
    assert [f.path for b in plan.new for f in b.files] == ["a.txt", "sub/b.txt"]
    ledger.register(plan.new)
    again = ledger.plan(inputs)
    assert again.new == [] and again.stale == [] and again.unchanged_files == 2


def test_new_file_goes_to_a_new_batch_without_touching_old_ones(tmp_path: Path) -> None:
    inputs, data = tmp_path / "in", tmp_path / "data"
    write(inputs, "a.txt", "Alpha.")
    ledger = BatchLedger(data)
    first = ledger.plan(inputs)
    ledger.register(first.new)
    write(inputs, "c.txt", "Gamma.")
    second = ledger.plan(inputs)
    assert [f.path for b in second.new for f in b.files] == ["c.txt"]
    assert second.stale == []
    assert second.new[0].key != first.new[0].key


def test_changed_file_moves_to_new_batch_and_marks_old_stale(tmp_path: Path) -> None:
    inputs, data = tmp_path / "in", tmp_path / "data"
    write(inputs, "a.txt", "Alpha.")
    write(inputs, "b.txt", "Beta.")
    ledger = BatchLedger(data)
    first = ledger.plan(inputs)
    ledger.register(first.new)
    old_key = first.new[0].key
    path = write(inputs, "b.txt", "Beta, corrected.")
    os.utime(path, ns=(1, 1))
    second = ledger.plan(inputs)
    ledger.register(second.new)
    assert [f.path for b in second.new for f in b.files] == ["b.txt"]
    assert second.stale == [old_key]
    assert second.keys_to_materialize == [second.new[0].key, old_key]
    _, remaining = ledger.current_files(old_key)
    assert [f.path for f in remaining] == ["a.txt"]


def test_touched_but_identical_file_is_unchanged(tmp_path: Path) -> None:
    inputs, data = tmp_path / "in", tmp_path / "data"
    path = write(inputs, "a.txt", "Alpha.")
    ledger = BatchLedger(data)
    ledger.register(ledger.plan(inputs).new)
    os.utime(path, ns=(10**18, 10**18))
    plan = ledger.plan(inputs)
    assert plan.new == [] and plan.unchanged_files == 1


def test_batch_keys_depend_on_content_not_on_time_or_machine(tmp_path: Path) -> None:
    for name in ("one", "two"):
        write(tmp_path / name, "a.txt", "Alpha.")
    key_one = BatchLedger(tmp_path / "d1").plan(tmp_path / "one").new[0].key
    key_two = BatchLedger(tmp_path / "d2").plan(tmp_path / "two").new[0].key
    assert key_one == key_two


def test_grouping_respects_limits() -> None:
    files = [InputFile(f"{i:03}.txt", 10, 0, str(i)) for i in range(7)]
    groups = group_files(files, BatchLimits(max_files=3, max_bytes=10**6))
    assert [len(g) for g in groups] == [3, 3, 1]
    groups = group_files(files, BatchLimits(max_files=100, max_bytes=25))
    assert [len(g) for g in groups] == [2, 2, 2, 1]
    big = [InputFile("big.txt", 1000, 0, "x")]
    assert group_files(big, BatchLimits(max_files=5, max_bytes=10)) == [big]


def test_manifest_round_trip_and_unknown_key(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write(inputs, "a.txt", "Alpha.")
    ledger = BatchLedger(tmp_path / "data")
    plan = ledger.plan(inputs)
    ledger.register(plan.new)
    assert ledger.get(plan.new[0].key) == plan.new[0]
    try:
        ledger.get("batch-nope")
    except KeyError as err:
        assert "scan the input folder first" in str(err)
    else:  # pragma: no cover
        raise AssertionError("unknown batch must raise")


def test_fingerprint_moves_with_the_listing(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Alpha.")
    before = input_fingerprint(tmp_path)
    assert before == input_fingerprint(tmp_path)
    write(tmp_path, "b.txt", "Beta.")
    assert input_fingerprint(tmp_path) != before


def test_editing_a_sidecar_counts_as_a_change(tmp_path: Path) -> None:
    inputs, data = tmp_path / "in", tmp_path / "data"
    write(inputs, "a.txt", "Alpha.")
    ledger = BatchLedger(data)
    ledger.register(ledger.plan(inputs).new)
    before = input_fingerprint(inputs)
    write(inputs, "a.txt.meta.json", '{"published": "2024-12-09"}')
    assert input_fingerprint(inputs) != before
    plan = ledger.plan(inputs)
    assert [f.path for b in plan.new for f in b.files] == ["a.txt"]
    assert plan.new[0].files[0].sidecar_sha256 is not None


def test_a_data_folder_inside_the_input_folder_is_not_input(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write(inputs, "a.txt", "Alpha.")
    ledger = BatchLedger(inputs / "out")
    ledger.register(ledger.plan(inputs).new)
    write(inputs, "out/articles/batch-x.parquet", "not an input")
    before = input_fingerprint(inputs, exclude=inputs / "out")
    write(inputs, "out/articles/batch-y.parquet", "still not an input")
    assert input_fingerprint(inputs, exclude=inputs / "out") == before
    plan = ledger.plan(inputs)
    assert plan.new == [] and plan.unchanged_files == 1


def test_batches_with_most_articles_run_first(tmp_path: Path) -> None:
    from pipelines.batching import largest_first

    inputs, data = tmp_path / "in", tmp_path / "data"
    write(inputs, "a.txt", "One article.")
    write(inputs, "b.html", "<html><body><p>" + "Mostly markup. " * 200 + "</p></body></html>")
    write(inputs, "c.jsonl", "".join(f'{{"text": "Article {i}."}}\n' for i in range(3)))
    write(inputs, "d.jsonl", '{"text": "One line."}\n')
    ledger = BatchLedger(data)
    plan = ledger.plan(inputs, BatchLimits(max_files=2))
    ledger.register(plan.new)
    by_first = {b.files[0].path: b.key for b in plan.new}  # {a, b.html} and {c, d}
    assert largest_first(list(by_first.values()), ledger) == [
        by_first["c.jsonl"],
        by_first["a.txt"],
    ]


def test_article_estimate_follows_the_readers_suffix_rule(tmp_path: Path) -> None:
    from pipelines.batching import estimated_articles

    write(tmp_path, "upper.JSONL", '{"text": "A."}\n{"text": "B."}\n')
    write(tmp_path, "page.html", "<html><body><p>One.</p><p>Two.</p></body></html>\n\n\n")
    files = tuple(InputFile(name, 1, 0, "0" * 64) for name in ("upper.JSONL", "page.html"))
    assert estimated_articles(Batch("batch-x", str(tmp_path), "2026-01-01", files)) == 3
