"""End to end through Dagster: real inputs materialised into temporary folders by the CLI."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest

from assets.constants import ARTICLES, CHECK_TEXT_NOT_EMPTY, REJECTED_INPUTS
from pipelines import runners
from pipelines.cli import main
from pipelines.jobs import MATERIALIZE_ALL_JOB
from tests.table_compare import BATCH_DEPENDENT, assert_same_tables

pytestmark = pytest.mark.slow


REPO = Path(__file__).resolve().parents[1]


def run_cli(input_dir: Path, data_dir: Path, home: Path) -> int:
    return main(
        ["run", "--input", str(input_dir), "--data", str(data_dir), "--dagster-home", str(home)]
    )


def test_seeds_materialise_every_article(seeds_run: dict, seeds_dir: Path) -> None:
    articles = pd.read_parquet(seeds_run["data"] / "articles")
    assert len(articles) == 20
    assert articles["article_id"].is_unique
    assert set(articles["input_format"]) == {"txt", "jsonl", "html"}
    assert (articles["language"] == "en").all()
    assert articles["published_at"].notna().all()  # from JSON, HTML metadata or sidecars
    assert articles["text"].str.strip().str.len().gt(200).all()
    jsonl = [json.loads(line) for line in (seeds_dir / "articles.jsonl").open(encoding="utf-8")]
    by_id = articles.set_index("external_id")
    for record in jsonl:
        assert by_id.loc[record["id"], "text"] == record["text"]
        assert by_id.loc[record["id"], "url"] == record["url"]


def test_moscow_article_dateline_and_date(seeds_run: dict, seeds_dir: Path) -> None:
    articles = pd.read_parquet(seeds_run["data"] / "articles")
    moscow = articles[articles["input_path"] == "assad-asylum-moscow.txt"].iloc[0]
    assert moscow["dateline_place"] == "Moscow, Russia"
    assert moscow["published_at"] == pd.Timestamp("2024-12-09", tz="UTC")
    assert moscow["published_precision"] == "day"
    assert moscow["title"] == "Russia grants asylum to Bashar al-Assad"
    raw = (seeds_dir / "assad-asylum-moscow.txt").read_text(encoding="utf-8")
    assert moscow["text"] == raw


def test_seed_readme_is_accounted_for_as_rejected(seeds_run: dict) -> None:
    rejected = pd.read_parquet(seeds_run["data"] / "rejected_inputs")
    assert list(rejected["input_path"]) == ["README.md"]
    assert rejected["reason"].iloc[0]


def test_tables_read_with_duckdb_and_carry_the_batch(seeds_run: dict) -> None:
    duckdb = pytest.importorskip("duckdb")
    glob = str(seeds_run["data"] / "articles" / "**" / "*.parquet")
    with duckdb.connect() as con:
        count, batches = con.execute(
            f"select count(*), count(distinct batch) from read_parquet('{glob}')"
        ).fetchone()
    assert count == 20 and batches >= 1


def test_runs_and_checks_are_recorded_in_the_instance(seeds_run: dict) -> None:
    with dg.DagsterInstance.from_config(str(seeds_run["home"])) as instance:
        runs = instance.get_runs()
        assert runs and all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs)
        assert instance.get_materialized_partitions(dg.AssetKey(ARTICLES))
        record = instance.fetch_materializations(dg.AssetKey(ARTICLES), limit=1).records[0]
        metadata = record.asset_materialization.metadata
        assert metadata["dagster/row_count"].value == 20
        assert "dagster/column_schema" in metadata and "preview" in metadata


def test_a_new_instance_stores_no_debug_lines(seeds_run: dict) -> None:
    """The instance the CLI creates keeps log records from INFO up (each stored record is a
    write); Dagster's own events are stored whatever their level."""
    with dg.DagsterInstance.from_config(str(seeds_run["home"])) as instance:
        assert instance.python_log_level == "INFO"
        for run in instance.get_runs():
            records = instance.all_logs(run.run_id)
            assert any(r.is_dagster_event and r.level == logging.DEBUG for r in records)
            assert any(not r.is_dagster_event for r in records)  # the steps' INFO lines
            debug_lines = [r for r in records if r.level < logging.INFO and not r.is_dagster_event]
            assert not debug_lines


def test_materialisations_carry_summaries_for_the_ui(seeds_run: dict) -> None:
    """Per materialisation: a Markdown preview, column descriptions, and a small summary (rows
    per type, the top entities and speakers) that agree with the tables."""
    data = seeds_run["data"]
    with dg.DagsterInstance.from_config(str(seeds_run["home"])) as instance:

        def latest(asset: str) -> dict:
            records = instance.fetch_materializations(dg.AssetKey(asset), limit=1).records
            return records[0].asset_materialization.metadata

        events, entities = latest("events"), latest("entities")
        quotes, mentions = latest("quotes"), latest("entity_mentions")
    table = pd.read_parquet(data / "events")
    assert events["events_by_type"].value == table["event_type"].value_counts().to_dict()
    assert "| event_id" in events["preview"].value
    columns = events["dagster/column_schema"].value.columns
    assert [c.name for c in columns] == list(table.columns)
    assert all(c.description for c in columns)
    top = pd.read_parquet(data / "entities").nlargest(1, "mention_count").iloc[0]
    assert f"- {top['name']} ({top['label']}): {top['mention_count']} mentions" in (
        entities["top_entities"].value
    )
    kinds = pd.read_parquet(data / "quotes")["kind"].value_counts().to_dict()
    assert quotes["quotes_by_kind"].value == kinds
    assert quotes["top_speakers"].value.startswith("- ")
    labels = pd.read_parquet(data / "entity_mentions")["label"].value_counts().to_dict()
    assert mentions["mentions_by_label"].value == labels


def test_second_run_is_incremental_and_identical(seeds_run: dict, seeds_dir: Path, capsys) -> None:
    data = seeds_run["data"]
    before = pd.read_parquet(data / "articles")
    files = {p: p.stat().st_mtime_ns for p in (data / "articles").glob("*.parquet")}
    assert run_cli(seeds_dir, data, seeds_run["home"]) == 0
    assert "0 batches to materialise" in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in (data / "articles").glob("*.parquet")} == files
    pd.testing.assert_frame_equal(before, pd.read_parquet(data / "articles"))


def test_batches_side_by_side_give_the_tables_of_one_batch(
    seeds_run: dict, seeds_dir: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    # Three batches in two worker processes, each worker replaced after one batch: the same
    # rows and IDs as one batch in-process, and no run lost to a worker's replacement.
    monkeypatch.setattr(runners, "BATCHES_PER_WORKER", 1)
    data = tmp_path / "data"
    argv = ["run", "--input", str(seeds_dir), "--data", str(data)]
    argv += ["--dagster-home", str(tmp_path / "home"), "--workers", "2", "--batch-max-files", "6"]
    assert main(argv) == 0
    assert "3 batches to materialise" in capsys.readouterr().out
    assert_same_tables(seeds_run["data"], data, ignore=BATCH_DEPENDENT)


def test_new_and_changed_files_reprocess_only_what_moved(tmp_path: Path, seeds_dir: Path) -> None:
    inputs, data, home = tmp_path / "in", tmp_path / "data", tmp_path / "home"
    shutil.copytree(seeds_dir, inputs)
    assert run_cli(inputs, data, home) == 0
    first_files = {p.name: p.stat().st_mtime_ns for p in (data / "articles").glob("*.parquet")}
    (inputs / "extra.txt").write_text("Extra headline\n\nA new article arrived today.", "utf-8")
    assert run_cli(inputs, data, home) == 0
    second = pd.read_parquet(data / "articles")
    assert len(second) == 21
    for name, mtime in first_files.items():
        assert (data / "articles" / name).stat().st_mtime_ns == mtime
    # An edited file replaces its old version's rows instead of duplicating them.
    (inputs / "extra.txt").write_text(
        "Extra headline\n\nA corrected article arrived today.", "utf-8"
    )
    assert run_cli(inputs, data, home) == 0
    third = pd.read_parquet(data / "articles")
    assert len(third) == 21
    extra = third[third["input_path"] == "extra.txt"]
    assert list(extra["text"]) == ["A corrected article arrived today."]


def test_conll_dev_articles_come_through_exactly(tmp_path: Path, shared_dir: Path) -> None:
    source = shared_dir / "eval" / "dev" / "ner_conllpp" / "articles.jsonl"
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(source, inputs / "articles.jsonl")
    assert run_cli(inputs, tmp_path / "data", tmp_path / "home") == 0
    articles = pd.read_parquet(tmp_path / "data" / "articles")
    records = [json.loads(line) for line in source.open(encoding="utf-8")]
    assert len(articles) == len(records) == 216
    got = dict(zip(articles["external_id"], articles["text"], strict=False))
    assert got == {r["id"]: r["text"] for r in records}
    # The input has no dates; the wire datelines ("LONDON 1996-08-30") give most of them one.
    dated = articles["published_at"].dropna()
    assert len(dated) > 180
    assert dated.dt.year.eq(1996).all()
    assert len(pd.read_parquet(tmp_path / "data" / "rejected_inputs")) == 0


def test_bad_inputs_are_rejected_and_good_ones_land(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("Good headline\n\nThe good article body is here.", "utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (inputs / "broken.json").write_text('{"text": "unterminated', "utf-8")
    (inputs / "feed.jsonl").write_text(
        json.dumps({"id": "f1", "text": "A fine line of news from the feed."})
        + "\n{not json\n"
        + json.dumps({"id": "f2", "text": "Another fine line of news."})
        + "\n",
        "utf-8",
    )
    data = tmp_path / "data"
    assert run_cli(inputs, data, tmp_path / "home") == 0
    articles = pd.read_parquet(data / "articles")
    assert sorted(articles["input_path"]) == ["feed.jsonl", "feed.jsonl", "good.txt"]
    rejected = pd.read_parquet(data / "rejected_inputs")
    got = {
        (r.input_path, r.input_record if pd.notna(r.input_record) else None): r.reason_code
        for r in rejected.itertuples()
    }
    assert got == {
        ("empty.txt", None): "empty",
        ("binary.txt", None): "binary",
        ("broken.json", None): "invalid_json",
        ("feed.jsonl", 2): "invalid_json",
    }
    assert rejected["reason"].str.len().gt(10).all()
    assert (rejected["size_bytes"] >= 0).all()


def test_any_publication_year_and_undated_articles(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    rows = [
        {"id": "old", "published": "1996-08-22", "text": "An article from the last century."},
        {"id": "new", "published": "2026-01-02", "text": "An article from this year, dated."},
        {"id": "none", "published": None, "text": "An article with no date at all here."},
    ]
    (inputs / "mixed.jsonl").write_text("\n".join(json.dumps(r) for r in rows), "utf-8")
    assert run_cli(inputs, tmp_path / "data", tmp_path / "home") == 0
    articles = pd.read_parquet(tmp_path / "data" / "articles").set_index("external_id")
    assert articles.loc["old", "published_at"] == pd.Timestamp("1996-08-22", tz="UTC")
    assert articles.loc["new", "published_at"] == pd.Timestamp("2026-01-02", tz="UTC")
    assert pd.isna(articles.loc["none", "published_at"])
    assert articles.loc["none", "published_precision"] == "none"


def test_blocking_check_failure_writes_nothing(tmp_path: Path, monkeypatch) -> None:
    """A failing blocking check stops the step before the IO manager runs."""
    import assets.ingestion as ingestion
    from newsextract.ingest.articles import read_batch

    def corrupted(*args, **kwargs):
        result = read_batch(*args, **kwargs)
        texts = result.articles.column("text").to_pylist()
        texts[0] = "   "
        idx = result.articles.schema.get_field_index("text")
        result.articles = result.articles.set_column(
            idx, result.articles.schema.field(idx), __import__("pyarrow").array(texts)
        )
        return result

    monkeypatch.setattr(ingestion, "read_batch", corrupted)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Headline\n\nBody of the article.", "utf-8")
    data, home = tmp_path / "data", tmp_path / "home"
    assert run_cli(inputs, data, home) == 1
    assert not list((data / "articles").glob("*.parquet")) if (data / "articles").exists() else True
    with dg.DagsterInstance.from_config(str(home)) as instance:
        (run,) = instance.get_runs(dg.RunsFilter(job_name=MATERIALIZE_ALL_JOB))
        assert run.status == dg.DagsterRunStatus.FAILURE
        evaluations = [
            e.dagster_event.event_specific_data
            for e in instance.all_logs(run.run_id)
            if e.dagster_event and e.dagster_event.event_type_value == "ASSET_CHECK_EVALUATION"
        ]
        failed = {ev.check_name: ev for ev in evaluations if not ev.passed}
        assert set(failed) == {CHECK_TEXT_NOT_EMPTY}
        # The failing rows are in the check's metadata, for the UI.
        metadata = failed[CHECK_TEXT_NOT_EMPTY].metadata
        assert metadata["failing_rows"].value == 1
        (example,) = metadata["examples"].value
        assert example["input_path"] == "a.txt"


def test_published_at_never_in_future(seeds_run: dict) -> None:
    articles = pd.read_parquet(seeds_run["data"] / "articles")
    assert (articles["published_at"].dropna() <= pd.Timestamp(datetime.now(UTC))).all()
    assert set(pd.read_parquet(seeds_run["data"] / REJECTED_INPUTS)["batch"]) <= set(
        articles["batch"]
    )


def test_same_article_twice_appears_once(tmp_path: Path, seeds_dir: Path) -> None:
    inputs, data, home = tmp_path / "in", tmp_path / "data", tmp_path / "home"
    inputs.mkdir()
    line = (seeds_dir / "articles.jsonl").read_text("utf-8").splitlines()[0]
    (inputs / "feed-a.jsonl").write_text(line + "\n", "utf-8")
    (inputs / "feed-b.jsonl").write_text(line + "\n", "utf-8")  # same batch
    assert run_cli(inputs, data, home) == 0
    (inputs / "later.jsonl").write_text(line + "\n", "utf-8")  # a later batch
    assert run_cli(inputs, data, home) == 0
    articles = pd.read_parquet(data / "articles")
    assert list(articles["input_path"]) == ["feed-a.jsonl"]
    rejected = pd.read_parquet(data / "rejected_inputs").sort_values("input_path")
    assert list(rejected["input_path"]) == ["feed-b.jsonl", "later.jsonl"]
    assert set(rejected["reason_code"]) == {"duplicate"}
    assert "feed-a.jsonl#1" in rejected["reason"].iloc[0]
    assert articles["article_id"].iloc[0] in rejected["reason"].iloc[1]


def _copies_of_one_article(inputs: Path, seeds_dir: Path, names: list[str]) -> None:
    inputs.mkdir(exist_ok=True)
    line = (seeds_dir / "articles.jsonl").read_text("utf-8").splitlines()[0]
    for name in names:
        (inputs / name).write_text(line + "\n", "utf-8")


def test_a_duplicate_in_batches_side_by_side_is_kept_from_its_earliest_file(
    tmp_path: Path, seeds_dir: Path, capsys
) -> None:
    """Batches that run at the same time cannot see each other's copy; whichever finishes
    first, the copy from the first file in path order is kept, and a later file that comes
    first in path order takes it over: the tables equal a fresh run's."""
    inputs = tmp_path / "in"
    _copies_of_one_article(inputs, seeds_dir, ["m.jsonl", "n.jsonl", "o.jsonl", "p.jsonl"])
    data = tmp_path / "data"
    args = ["run", "--input", str(inputs), "--data", str(data), "--batch-max-files", "1"]
    assert main([*args, "--dagster-home", str(tmp_path / "home"), "--workers", "2"]) == 0
    articles = pd.read_parquet(data / "articles")
    assert list(articles["input_path"]) == ["m.jsonl"]
    rejected = pd.read_parquet(data / "rejected_inputs")
    assert sorted(rejected["input_path"]) == ["n.jsonl", "o.jsonl", "p.jsonl"]
    assert set(rejected["reason_code"]) == {"duplicate"}
    assert all(articles["article_id"][0] in reason for reason in rejected["reason"])
    # A new file that sorts first: its batch keeps the article, m.jsonl's batch is rebuilt.
    _copies_of_one_article(inputs, seeds_dir, ["a.jsonl"])
    capsys.readouterr()
    assert main([*args, "--dagster-home", str(tmp_path / "home")]) == 0
    out = capsys.readouterr().out
    assert "rebuilding 1 batches for duplicate articles (1 keep a copy read from a later" in out
    assert list(pd.read_parquet(data / "articles")["input_path"]) == ["a.jsonl"]
    fresh = tmp_path / "fresh"
    assert main([*args[:4], str(fresh), "--batch-max-files", "1",
                 "--dagster-home", str(tmp_path / "home2")]) == 0  # fmt: skip
    assert_same_tables(fresh, data)


def test_a_duplicate_whose_kept_copy_is_replaced_comes_back(
    tmp_path: Path, seeds_dir: Path, capsys
) -> None:
    """n.jsonl's and o.jsonl's copies were rejected because m.jsonl's batch kept the article;
    once m.jsonl holds another article, both batches are rebuilt (side by side, so both keep
    their copy at first) until n.jsonl's copy alone is kept: nothing is lost, and the tables
    equal a fresh run's."""
    inputs = tmp_path / "in"
    _copies_of_one_article(inputs, seeds_dir, ["m.jsonl", "n.jsonl", "o.jsonl"])
    data = tmp_path / "data"
    args = ["run", "--input", str(inputs), "--data", str(data), "--batch-max-files", "1"]
    args += ["--dagster-home", str(tmp_path / "home")]
    assert main(args) == 0
    assert list(pd.read_parquet(data / "articles")["input_path"]) == ["m.jsonl"]
    other = (seeds_dir / "articles.jsonl").read_text("utf-8").splitlines()[1]
    (inputs / "m.jsonl").write_text(other + "\n", "utf-8")
    capsys.readouterr()
    assert main([*args, "--workers", "2"]) == 0
    out = capsys.readouterr().out
    assert "(0 keep a copy read from a later place than another batch's, 2 rejected" in out
    articles = pd.read_parquet(data / "articles").sort_values("input_path")
    assert list(articles["input_path"]) == ["m.jsonl", "n.jsonl"]
    rejected = pd.read_parquet(data / "rejected_inputs")
    assert list(zip(rejected["input_path"], rejected["reason_code"], strict=True)) == [
        ("o.jsonl", "duplicate")
    ]
    fresh = tmp_path / "fresh"
    assert main([*args[:4], str(fresh), "--batch-max-files", "1",
                 "--dagster-home", str(tmp_path / "home2")]) == 0  # fmt: skip
    assert_same_tables(fresh, data, ignore=BATCH_DEPENDENT)


def test_a_file_registered_again_keeps_its_articles(tmp_path: Path, seeds_dir: Path) -> None:
    """A file whose sidecar changed moves to a new batch with the same article: the new batch
    must not take the old batch's rows, about to be rebuilt without that file, as the kept
    copy (it did, and the article was lost)."""
    inputs, data, home = tmp_path / "in", tmp_path / "data", tmp_path / "home"
    inputs.mkdir()
    names = sorted(p.name for p in seeds_dir.glob("voa-*.txt"))[:3]
    for name in names:
        shutil.copy(seeds_dir / name, inputs / name)
        shutil.copy(seeds_dir / f"{name}.meta.json", inputs / f"{name}.meta.json")
    assert run_cli(inputs, data, home) == 0
    before = pd.read_parquet(data / "articles").set_index("input_path")
    sidecar = inputs / f"{names[1]}.meta.json"
    meta = json.loads(sidecar.read_text("utf-8"))
    sidecar.write_text(json.dumps({**meta, "source": "VOA (corrected)"}), "utf-8")
    assert run_cli(inputs, data, home) == 0
    after = pd.read_parquet(data / "articles").set_index("input_path")
    assert sorted(after.index) == names
    assert after.loc[names[1], "source"] == "VOA (corrected)"
    assert (after["article_id"] == before.loc[after.index, "article_id"]).all()
    assert len(pd.read_parquet(data / "rejected_inputs")) == 0


def test_one_parse_per_article_and_mentions_point_into_the_text(seeds_run: dict) -> None:
    data = seeds_run["data"]
    articles = pd.read_parquet(data / "articles").set_index("article_id")
    parses = pd.read_parquet(data / "article_parses")
    assert sorted(parses["article_id"]) == sorted(articles.index)
    assert parses["model"].str.startswith("en_newsextract_sm-").all()
    mentions = pd.read_parquet(data / "entity_mentions")
    assert len(mentions) > 200
    assert mentions["mention_id"].is_unique
    assert (mentions["model"] == parses["model"].iloc[0]).all()
    for row in mentions.itertuples():
        assert articles.loc[row.article_id, "text"][row.start : row.end] == row.text
    moscow_id = articles.index[articles["input_path"] == "assad-asylum-moscow.txt"][0]
    moscow = mentions[mentions["article_id"] == moscow_id]
    people = set(moscow.loc[moscow["label"] == "PERSON", "text"])
    assert {"Bashar al-Assad", "Hadi al-Bahra"} <= people


def test_entities_link_mentions_across_the_seed_articles(seeds_run: dict) -> None:
    data = seeds_run["data"]
    mentions = pd.read_parquet(data / "entity_mentions")
    per_article = pd.read_parquet(data / "article_entities")
    entities = pd.read_parquet(data / "entities").set_index("entity_id")
    assert entities.index.is_unique
    assert set(mentions["entity_id"]) == set(entities.index)  # none missing, none unmentioned
    assert set(per_article["entity_id"]) == set(entities.index)
    assert (entities["mention_count"] >= 1).all()
    assert entities["mention_count"].sum() == len(mentions)
    by_name = entities.reset_index().set_index("name")
    assad = by_name.loc["Bashar al-Assad"]
    assert assad["label"] == "PERSON" and assad["article_count"] >= 2
    assert {"Assad", "Bashar al-Assad"} <= set(assad["aliases"])
    damascus = by_name.loc["Damascus"]
    assert damascus["country"] == "SYR" and 33 < damascus["latitude"] < 34
    assert by_name.loc["Syria", "article_count"] >= 3
    assert by_name.loc["United States", "country"] == "USA"
    assert pd.notna(assad["first_seen"]) and assad["first_seen"] <= assad["last_seen"]


def test_moscow_quotes_with_speakers_and_cues(seeds_run: dict) -> None:
    data = seeds_run["data"]
    articles = pd.read_parquet(data / "articles")
    quotes = pd.read_parquet(data / "quotes")
    entities = pd.read_parquet(data / "entities").set_index("entity_id")
    moscow_id = articles.loc[articles["input_path"] == "assad-asylum-moscow.txt", "article_id"]
    moscow = quotes[quotes["article_id"] == moscow_id.iloc[0]].sort_values("start")
    # Its five quotations in marks; any further rows are reported speech (issue 26).
    assert set(moscow["kind"]) <= {"direct", "partial", "indirect"}
    moscow = moscow[moscow["kind"] != "indirect"]
    assert len(moscow) == 5
    texts = articles.set_index("article_id").loc[moscow_id.iloc[0], "text"]
    for row in moscow.itertuples():
        assert texts[row.start : row.end] == row.text
        if isinstance(row.speaker, str):
            assert texts[int(row.speaker_start) : int(row.speaker_end)] == row.speaker
    first, second, third, fourth, fifth = moscow.itertuples()
    assert first.text.startswith("humanitarian considerations") and first.cue == "confirmed"
    assert second.text.startswith("Russia has consistently advocated")
    assert (second.speaker, second.cue) == ("the source", "stated")
    assert entities.loc[second.speaker_entity_id, "name"] == "Kremlin"  # the Kremlin source
    assert third.text.startswith("We are following") and third.cue == "read"
    assert entities.loc[third.speaker_entity_id, "name"] == "Russian Foreign Ministry"
    assert (fourth.speaker, fourth.cue, fourth.kind) == (
        "Opposition leaders",
        "declared",
        "partial",
    )
    assert fifth.cue == "stated" and "announcement" in fifth.speaker


def test_quotes_hold_reported_speech_by_default(seeds_run: dict) -> None:
    """Issue 26 point 2: reported speech is on by default."""
    quotes = pd.read_parquet(seeds_run["data"] / "quotes")
    assert set(quotes["kind"]) <= {"direct", "partial", "indirect", "title"}
    assert (quotes["kind"] == "indirect").sum() > 0


def test_moscow_reported_speech(seeds_run: dict) -> None:
    data = seeds_run["data"]
    articles = pd.read_parquet(data / "articles").set_index("article_id")
    moscow_id = articles.index[articles["input_path"] == "assad-asylum-moscow.txt"][0]
    quotes = pd.read_parquet(data / "quotes")
    entities = pd.read_parquet(data / "entities").set_index("entity_id")
    indirect = quotes[(quotes["article_id"] == moscow_id) & (quotes["kind"] == "indirect")]
    text = articles.loc[moscow_id, "text"]
    for row in indirect.itertuples():
        assert text[row.start : row.end] == row.text
    calling = indirect[indirect["text"].str.startswith("to renounce violence")]
    assert list(calling["cue"]) == ["calling"]
    assert entities.loc[calling["speaker_entity_id"].iloc[0], "name"] == "Russian Foreign Ministry"


def test_no_reported_speech_on_request(tmp_path: Path, seeds_dir: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("assad-asylum-moscow.txt", "assad-asylum-moscow.txt.meta.json"):
        shutil.copy(seeds_dir / name, inputs / name)
    data = tmp_path / "data"
    argv = ["run", "--input", str(inputs), "--data", str(data)]
    assert main([*argv, "--dagster-home", str(tmp_path / "home"), "--no-reported-speech"]) == 0
    quotes = pd.read_parquet(data / "quotes")
    assert list(quotes["kind"]).count("indirect") == 0 and len(quotes) == 5


def test_moscow_events(seeds_run: dict) -> None:
    """Issue 6's acceptance list for the Moscow seed article."""
    data = seeds_run["data"]
    articles = pd.read_parquet(data / "articles")
    moscow_id = articles.loc[articles["input_path"] == "assad-asylum-moscow.txt", "article_id"]
    events = pd.read_parquet(data / "events")
    moscow = events[events["article_id"] == moscow_id.iloc[0]]
    text = articles.set_index("article_id").loc[moscow_id.iloc[0], "text"]
    for row in moscow.itertuples():
        assert text[row.trigger_start : row.trigger_end] == row.trigger
    day = pd.Timestamp("2024-12-09").date()

    def one(query: str) -> pd.Series:
        found = moscow.query(query)
        assert len(found) >= 1, query
        return found.iloc[0]

    asylum = one("event_type == 'AID' and source_country == 'RUS' and target_country == 'SYR'")
    assert asylum["event_date"] <= day and asylum["location"] == "Moscow"
    seized = one("source_country == 'SYR' and source_sector in ('REB', 'OPP')")
    assert seized["location"] == "Damascus"
    assert seized["event_date"] == pd.Timestamp("2024-12-08").date()
    captured = one("location == 'Aleppo'")
    assert captured["date_precision"] in ("week", "month")
    stepped_down = one("event_type in ('CONCEDE', 'RETREAT') and source_country == 'SYR'")
    assert isinstance(stepped_down["quote_id"], str)  # stated in the Ministry's quotation
    calls = one("event_type == 'REQUEST' and source_country == 'RUS'")
    assert calls["source_sector"] == "GOV"
    # "has expressed deep concern" is no event.
    assert not moscow["trigger"].str.contains("concern|expressed").any()


def test_two_reports_of_one_event_cluster(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    reports = {
        "wire-a.json": ("2024-12-09", "Syrian rebels seized the city of Homs on Sunday, "
                        "residents said."),
        "wire-b.json": ("2024-12-10", "Residents said on Tuesday that Syrian rebels had seized "
                        "the city of Homs on Sunday after a week of fighting."),
    }  # fmt: skip
    for name, (published, text) in reports.items():
        record = {"id": name, "published": published, "title": "Homs", "text": text}
        (inputs / name).write_text(json.dumps(record), encoding="utf-8")
    data = tmp_path / "data"
    assert run_cli(inputs, data, tmp_path / "home") == 0
    events = pd.read_parquet(data / "events")
    clusters = pd.read_parquet(data / "event_clusters")
    assert sorted(clusters["event_id"]) == sorted(events["event_id"])  # nothing discarded
    seized = clusters[clusters["trigger"] == "seized"]
    assert len(seized) == 2 and seized["cluster_id"].nunique() == 1
    assert set(seized["article_count"]) == {2}
    assert set(seized["event_date"].astype(str)) == {"2024-12-08"}


def test_the_process_that_hands_out_batches_loads_neither_pyarrow_nor_spacy() -> None:
    # Side by side, the CLI process only scans and hands out batch keys: what it imports
    # counts once more in the peak memory of the run (about 90 MB for pyarrow and pandas).
    code = (
        "import sys, pipelines.cli, pipelines.batching, pipelines.resources\n"
        "print(sorted(m for m in ('pyarrow', 'pandas', 'spacy') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.strip() == "[]"


def test_an_articles_rows_do_not_depend_on_the_other_articles_of_its_batch(
    tmp_path: Path,
) -> None:
    """Two articles name one place differently ("New York", "NEW YORK"); the first article's
    rows are the same whether it is processed alone or in a batch with the second."""
    articles = {
        "a.json": ("2024-12-09", "Police arrested dozens of protesters in New York on Sunday, "
                   "officials said."),
        "b.json": ("2024-12-10", "NEW YORK (AP) — Police in NEW YORK detained 40 protesters "
                   "on Monday, the mayor said."),
    }  # fmt: skip
    tables = {}
    for run, names in (("alone", ["a.json"]), ("together", ["a.json", "b.json"])):
        inputs = tmp_path / run / "in"
        inputs.mkdir(parents=True)
        for name in names:
            published, text = articles[name]
            record = {"id": name, "published": published, "title": name, "text": text}
            (inputs / name).write_text(json.dumps(record), encoding="utf-8")
        data = tmp_path / run / "data"
        assert run_cli(inputs, data, tmp_path / run / "home") == 0
        first = pd.read_parquet(data / "articles").query("external_id == 'a.json'")
        (article_id,) = first["article_id"]
        tables[run] = {}
        for table in ("entity_mentions", "article_entities", "quotes", "events"):
            rows = pd.read_parquet(data / table)
            rows = rows[rows["article_id"] == article_id].reset_index(drop=True)
            tables[run][table] = rows.drop(columns=BATCH_DEPENDENT, errors="ignore")
    assert list(tables["together"]["events"]["location"]) == ["New York"]
    for table, alone in tables["alone"].items():
        pd.testing.assert_frame_equal(alone, tables["together"][table], obj=table)
