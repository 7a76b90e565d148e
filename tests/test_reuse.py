"""Rows a rebuilt batch keeps from its earlier build (newsextract.tables.reuse), and the CLI's
rebuild of a batch it built earlier in the same run, which keeps them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pytest

from assets.constants import EVENTS, QUOTES
from newsextract.tables.folders import partition_files
from newsextract.tables.reuse import EarlierRows, earlier_rows
from newsextract.tables.storage import read_parquet, write_parquet_atomic

SCHEMA = pa.schema([("article_id", pa.string()), ("n", pa.int64())])


def _rows(*pairs: tuple[str, int]) -> pa.Table:
    return pa.Table.from_pylist([{"article_id": a, "n": n} for a, n in pairs], schema=SCHEMA)


def _pairs(table: pa.Table) -> list[tuple[str, int]]:
    return [(r["article_id"], r["n"]) for r in table.to_pylist()]


def test_earlier_rows_of_articles_still_in_the_batch() -> None:
    earlier = _rows(("a", 1), ("a", 2), ("gone", 3), ("c", 4))
    kept = earlier_rows(earlier, SCHEMA, ["a", "b", "c"])
    assert kept.articles == {"a", "c"}
    assert _pairs(kept.table) == [("a", 1), ("a", 2), ("c", 4)]
    parses = pa.table({"article_id": ["a", "b", "c"], "doc": [b"x", b"y", b"z"]})
    assert parses.column("article_id").to_pylist() == ["a", "b", "c"]
    assert kept.still_to_extract(parses).column("article_id").to_pylist() == ["b"]


def test_a_batch_left_without_articles_keeps_nothing() -> None:
    kept = earlier_rows(_rows(("a", 1)), SCHEMA, [])
    assert kept.articles == frozenset() and kept.table.num_rows == 0


@pytest.mark.parametrize(
    "earlier",
    [None, pa.table({"article_id": ["a"], "other": [1]})],
    ids=["no earlier build", "another schema"],
)
def test_nothing_is_kept_without_a_matching_earlier_table(earlier: pa.Table | None) -> None:
    kept = earlier_rows(earlier, SCHEMA, ["a"])
    assert kept.articles == frozenset() and kept.table.num_rows == 0
    parses = pa.table({"article_id": ["a"]})
    assert kept.still_to_extract(parses).num_rows == 1
    assert _pairs(kept.with_new(_rows(("a", 9)), ["a"])) == [("a", 9)]


def test_kept_and_new_rows_come_in_the_order_of_a_whole_build() -> None:
    """By the article's place in the batch; each article's rows keep their own order, even
    where the row values would sort otherwise."""
    kept = EarlierRows(_rows(("c", 5), ("c", 1), ("a", 7), ("a", 3)), frozenset({"a", "c"}))
    new = _rows(("d", 0), ("b", 9), ("b", 2))
    merged = kept.with_new(new, ["a", "b", "c", "d"])
    assert _pairs(merged) == [("a", 7), ("a", 3), ("b", 9), ("b", 2), ("c", 5), ("c", 1), ("d", 0)]


@pytest.fixture
def rebuilt_seeds(seeds_run: dict, tmp_path: Path):
    """A copy of the seeds' data folder, and a runner that rebuilds its batch there with the
    earlier rows kept."""
    import dagster as dg

    from pipelines.runners import BatchRunSettings, InProcessRunner

    data = tmp_path / "data"
    shutil.copytree(seeds_run["data"], data)
    (key,) = [p.stem for p in partition_files(data, EVENTS)]
    inputs = Path(__file__).resolve().parents[1] / "seeds"
    settings = BatchRunSettings(str(inputs), str(data), str(tmp_path), None, None, {})
    (tmp_path / "home").mkdir()
    with dg.instance_for_test(temp_dir=str(tmp_path / "home")) as instance:
        yield data, key, InProcessRunner(settings, instance), instance


def _latest_metadata(instance, asset: str, key: str) -> dict:
    import dagster as dg

    records = instance.fetch_materializations(dg.AssetKey(asset), limit=1).records
    assert records[0].asset_materialization.partition == key
    return {k: v.value for k, v in records[0].asset_materialization.metadata.items()}


@pytest.mark.slow
def test_a_rebuild_that_keeps_earlier_rows_writes_what_a_whole_build_writes(
    seeds_run: dict, rebuilt_seeds
) -> None:
    """The seeds' batch rebuilt with its earlier rows kept: every extractor keeps the rows of
    the articles that have some, extracts the others (here: an article whose quotes and
    events were taken out of the earlier build), and writes the same tables, row for row and
    in the same order, as the whole build."""
    data, key, runner, instance = rebuilt_seeds
    events_file = data / EVENTS / f"{key}.parquet"
    events = read_parquet(events_file)
    dropped = events.column("article_id")[0].as_py()
    for table in (EVENTS, QUOTES):
        path = data / table / f"{key}.parquet"
        earlier = read_parquet(path)
        keep = [a != dropped for a in earlier.column("article_id").to_pylist()]
        write_parquet_atomic(earlier.filter(pa.array(keep)), path)
    instance.add_dynamic_partitions("article_batches", [key])
    assert runner.materialize(key, reuse_rows=True).success
    for table in ("entity_mentions", "article_entities", QUOTES, EVENTS):
        whole = read_parquet(seeds_run["data"] / table / f"{key}.parquet")
        assert read_parquet(data / table / f"{key}.parquet").equals(whole), table
    articles = read_parquet(data / "articles" / f"{key}.parquet").num_rows
    with_events = len(set(events.column("article_id").to_pylist()))
    assert _latest_metadata(instance, EVENTS, key)["articles_with_rows_kept"] == with_events - 1
    assert 0 < with_events - 1 < articles
    assert _latest_metadata(instance, QUOTES, key)["articles_with_rows_kept"] > 0
    assert _latest_metadata(instance, "entity_mentions", key)["articles_with_rows_kept"] == (
        articles
    )


def test_the_cli_keeps_rows_only_in_rebuilds_of_batches_built_in_the_same_run(
    tmp_path: Path, monkeypatch
) -> None:
    """Settling duplicates rebuilds a batch this run built (its rows are kept) and one an
    earlier run built (rebuilt whole: the settings or the code may have changed since)."""
    from newsextract.ingest.batches import BatchLedger
    from pipelines import duplicates
    from pipelines.runners import BatchOutcome

    passes = iter([({"this-run", "earlier-run"}, set()), (set(), set())])
    current: list[tuple[set[str], set[str]]] = []

    def later(data_dir, held=None) -> set[str]:
        current[:] = [next(passes)]
        return current[0][0]

    monkeypatch.setattr(duplicates, "batches_keeping_later_copies", later)
    monkeypatch.setattr(duplicates, "batches_missing_kept_copies", lambda data_dir: current[0][1])
    calls = []

    class Runner:
        def materialize_all(self, keys, reuse_rows=()):
            calls.append({key: key in reuse_rows for key in keys})
            for key in keys:
                yield BatchOutcome(key, True, "run", 0.1, 1, 0)

    ledger = BatchLedger(tmp_path)
    failures = duplicates.settle_duplicates(Runner(), tmp_path, ledger, "fp", {"this-run"})
    assert failures == 0
    assert calls == [{"earlier-run": False, "this-run": True}]
    assert ledger.is_done("this-run", "fp") and ledger.is_done("earlier-run", "fp")


@pytest.mark.parametrize("reuse", [False, True], ids=["extracted", "kept"])
def test_the_extractors_invoked_directly_write_the_batchs_tables(
    seeds_run: dict, tmp_path: Path, reuse: bool
) -> None:
    """Called as plain functions (Dagster's direct invocation, no run), with the reuse tag
    or without: the same tables as the seeds' build."""
    import dagster as dg

    from assets.events import events
    from assets.quotes import quotes
    from pipelines.resources import NewsFolders, QuoteSettings, SpacyPipeline

    data = seeds_run["data"]
    (key,) = [p.stem for p in partition_files(data, EVENTS)]
    tables = {
        name: read_parquet(data / name / f"{key}.parquet")
        for name in ("articles", "article_parses", "entity_mentions", "article_entities")
    }
    folders = NewsFolders(input_dir=str(tmp_path), data_dir=str(data))
    tags = {"newsextract/reuse_rows": "true"} if reuse else {}

    def outputs(asset, **inputs) -> list[dg.Output]:
        context = dg.build_asset_context(partition_key=key, run_tags=tags)
        results = asset(context, **inputs, nlp_pipeline=SpacyPipeline(), news_folders=folders)
        return [r for r in results if isinstance(r, dg.Output)]

    (quoted,) = outputs(quotes, **tables, quote_settings=QuoteSettings())
    (found,) = outputs(events, **tables, quotes=quoted.value)
    for name, output in ((QUOTES, quoted), (EVENTS, found)):
        assert output.value.equals(read_parquet(data / name / f"{key}.parquet")), name
        assert (output.metadata["articles_with_rows_kept"].value > 0) is reuse
