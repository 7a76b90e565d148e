"""The batch ledger: incremental scans, changed files, grouping, manifests."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsextract.ingest.batches import (
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


# --- duplicates across batches ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kept_elsewhere_at", "kept_here"),
    [
        (None, True),  # nobody else has it
        (("a.jsonl", 0), False),  # an earlier file keeps it
        (("b.jsonl", 1), False),  # record 1 of the same file comes before record 3
        (("z.jsonl", 0), True),  # a later file keeps it: this copy wins
    ],
)
def test_a_copy_is_kept_unless_an_earlier_place_keeps_it(
    tmp_path: Path, kept_elsewhere_at, kept_here: bool
) -> None:
    from newsextract.ingest.articles import read_batch
    from newsextract.ingest.batches import InputFile
    from newsextract.tables.ids import article_id

    lines = [json.dumps({"id": f"x{i}", "text": f"Report {i} from the wire."}) for i in range(3)]
    (tmp_path / "b.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    size = (tmp_path / "b.jsonl").stat().st_size
    third = article_id("x2", "Report 2 from the wire.")
    elsewhere = {third: kept_elsewhere_at} if kept_elsewhere_at else {}
    result = read_batch(
        tmp_path, [InputFile("b.jsonl", size, 0, "0")], batch="b", kept_elsewhere=elsewhere
    )
    kept = set(result.articles.column("article_id").to_pylist())
    assert (third in kept) is kept_here
    assert result.rejected.num_rows == (0 if kept_here else 1)


def test_batches_keeping_later_copies(tmp_path: Path) -> None:
    import pyarrow as pa

    from newsextract.tables import schemas
    from newsextract.tables.folders import batches_keeping_later_copies, partition_file
    from newsextract.tables.storage import write_parquet_atomic

    def write(batch: str, rows: list[tuple[str, str, int | None]]) -> None:
        table = pa.Table.from_pylist(
            [
                {"article_id": a, "input_path": p, "input_record": r, "batch": batch}
                for a, p, r in rows
            ],
            schema=pa.schema([schemas.ARTICLES.field(n) for n in
                              ("article_id", "input_path", "input_record", "batch")]),
        )  # fmt: skip
        write_parquet_atomic(table, partition_file(tmp_path, "articles", batch))

    write("b1", [("A", "m.json", None), ("B", "feed.jsonl", 2)])
    write("b2", [("A", "a.json", None), ("C", "c.json", None)])
    write("b3", [("B", "feed.jsonl", 1), ("A", "z.json", None)])
    # A: a.json (b2) is first, so b1 and b3 are stale; B: record 1 (b3) is first, so b1.
    assert batches_keeping_later_copies(tmp_path) == {"b1", "b3"}
    write("b1", [("B", "feed.jsonl", 2)])
    write("b3", [("B", "feed.jsonl", 1)])
    assert batches_keeping_later_copies(tmp_path) == {"b1"}


def _write_places(data: Path, batch: str, rows: list[tuple[str, str, int | None]]) -> None:
    import pyarrow as pa

    from newsextract.tables import schemas
    from newsextract.tables.folders import partition_file
    from newsextract.tables.storage import write_parquet_atomic

    columns = ("article_id", "input_path", "input_record", "batch")
    table = pa.Table.from_pylist(
        [{"article_id": a, "input_path": p, "input_record": r, "batch": batch} for a, p, r in rows],
        schema=pa.schema([schemas.ARTICLES.field(n) for n in columns]),
    )
    write_parquet_atomic(table, partition_file(data, "articles", batch))


def test_rows_from_a_file_another_batch_took_over_are_not_kept_copies(tmp_path: Path) -> None:
    from newsextract.tables.folders import articles_outside, batches_keeping_later_copies

    # b1 read a.json before it changed; b2 holds a.json now and has not run yet.
    _write_places(tmp_path, "b1", [("A", "a.json", None), ("B", "b.json", None)])
    _write_places(tmp_path, "b3", [("A", "z.json", None)])
    held = {"b1": {"b.json"}, "b2": {"a.json"}, "b3": {"z.json"}}
    assert articles_outside(tmp_path, "b2") == {"A": ("a.json", 0), "B": ("b.json", 0)}
    assert articles_outside(tmp_path, "b2", held) == {"A": ("z.json", 0), "B": ("b.json", 0)}
    assert batches_keeping_later_copies(tmp_path) == {"b3"}
    assert batches_keeping_later_copies(tmp_path, held) == set()


def test_batches_missing_kept_copies(tmp_path: Path) -> None:
    import pyarrow as pa

    from newsextract.tables import schemas
    from newsextract.tables.folders import (
        KEPT_IN_ANOTHER_BATCH,
        batches_missing_kept_copies,
        duplicate_reason,
        partition_file,
    )
    from newsextract.tables.storage import write_parquet_atomic

    def reject(batch: str, reasons: list[tuple[str, str]]) -> None:
        table = pa.Table.from_pylist(
            [{"reason_code": code, "reason": reason, "batch": batch} for code, reason in reasons],
            schema=pa.schema([schemas.REJECTED_INPUTS.field(n) for n in ("reason_code", "reason",
                                                                          "batch")]),
        )  # fmt: skip
        write_parquet_atomic(table, partition_file(tmp_path, "rejected_inputs", batch))

    _write_places(tmp_path, "b1", [("art_kept", "a.json", None)])
    reject("b2", [("duplicate", duplicate_reason("art_kept", KEPT_IN_ANOTHER_BATCH))])
    reject("b3", [("duplicate", duplicate_reason("art_gone", KEPT_IN_ANOTHER_BATCH))])
    # Within one batch, the kept copy is in the same batch's articles: never stale.
    reject("b4", [("duplicate", duplicate_reason("art_gone", "feed.jsonl#2"))])
    reject("b5", [("empty", "the file is empty")])
    assert batches_missing_kept_copies(tmp_path) == {"b3"}
