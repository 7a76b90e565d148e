"""The input-folder sensor and the daily schedule, evaluated with Dagster's test utilities."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import dagster as dg

from assets.constants import BATCH_PARTITIONS_NAME
from newsextract.tables.data_lock import DataFolderLock
from pipelines.resources import NewsFolders
from pipelines.schedules import daily_ingest_schedule
from pipelines.sensors import input_folder_sensor


def folders(tmp_path: Path) -> NewsFolders:
    inputs = tmp_path / "in"
    inputs.mkdir(exist_ok=True)
    return NewsFolders(input_dir=str(inputs), data_dir=str(tmp_path / "data"))


def evaluate_sensor(instance, news: NewsFolders, cursor: str | None):
    context = dg.build_sensor_context(
        instance=instance, cursor=cursor, resources={"news_folders": news}
    )
    return input_folder_sensor(context), context


def test_sensor_requests_runs_for_new_files_then_skips(tmp_path: Path, dagster_instance) -> None:
    news = folders(tmp_path)
    (news.input_path / "a.txt").write_text("Title\n\nBody one.", "utf-8")
    result, _ = evaluate_sensor(dagster_instance, news, None)
    assert isinstance(result, dg.SensorResult)
    assert len(result.run_requests) == 1
    key = result.run_requests[0].partition_key
    assert key.startswith("batch-")
    assert result.dynamic_partitions_requests[0].partition_keys == [key]
    assert (news.data_path / "_batches" / f"{key}.json").is_file()

    # Same folder, same cursor: nothing to do, and the sensor says why.
    skipped, _ = evaluate_sensor(dagster_instance, news, result.cursor)
    assert isinstance(skipped, dg.SkipReason)
    assert "no new or changed files" in skipped.skip_message


def test_sensor_picks_up_only_the_new_file(tmp_path: Path, dagster_instance) -> None:
    news = folders(tmp_path)
    (news.input_path / "a.txt").write_text("Title\n\nBody one.", "utf-8")
    first, _ = evaluate_sensor(dagster_instance, news, None)
    dagster_instance.add_dynamic_partitions(
        BATCH_PARTITIONS_NAME, first.dynamic_partitions_requests[0].partition_keys
    )
    (news.input_path / "b.txt").write_text("Title\n\nBody two.", "utf-8")
    second, _ = evaluate_sensor(dagster_instance, news, first.cursor)
    new_keys = second.dynamic_partitions_requests[0].partition_keys
    assert len(new_keys) == 1 and new_keys[0] != first.run_requests[0].partition_key
    # The first batch has no tables yet (its run never happened), so it is requested again.
    assert {r.partition_key for r in second.run_requests} == {
        new_keys[0],
        first.run_requests[0].partition_key,
    }


def test_sensor_and_schedule_wait_while_a_cli_run_holds_the_data_folder(
    tmp_path: Path, dagster_instance
) -> None:
    """Their scan would register the same new files as the run's: they skip, register
    nothing, and keep their cursor, so the next evaluation scans again."""
    news = folders(tmp_path)
    (news.input_path / "a.txt").write_text("Title\n\nBody one.", "utf-8")
    with DataFolderLock(news.data_path):
        skipped, _ = evaluate_sensor(dagster_instance, news, None)
        context = dg.build_schedule_context(
            instance=dagster_instance,
            resources={"news_folders": news},
            scheduled_execution_time=datetime(2026, 1, 2, 5, tzinfo=UTC),
        )
        scheduled = daily_ingest_schedule(context)
    for result in (skipped, scheduled):
        assert isinstance(result, dg.SkipReason), result
        assert "is in use by another newsextract run" in result.skip_message
    assert not (news.data_path / "_batches").exists()
    result, _ = evaluate_sensor(dagster_instance, news, None)
    assert len(result.run_requests) == 1


def test_sensor_skips_missing_folder(tmp_path: Path, dagster_instance) -> None:
    news = NewsFolders(input_dir=str(tmp_path / "nope"), data_dir=str(tmp_path / "data"))
    result, _ = evaluate_sensor(dagster_instance, news, None)
    assert isinstance(result, dg.SkipReason) and "does not exist" in result.skip_message


def test_schedule_registers_batches_and_requests_runs(tmp_path: Path, dagster_instance) -> None:
    news = folders(tmp_path)
    (news.input_path / "a.txt").write_text("Title\n\nBody one.", "utf-8")
    when = datetime(2026, 11, 24, 5, tzinfo=UTC)
    context = dg.build_schedule_context(
        instance=dagster_instance, scheduled_execution_time=when, resources={"news_folders": news}
    )
    requests = daily_ingest_schedule(context)
    assert isinstance(requests, list) and len(requests) == 1
    key = requests[0].partition_key
    assert dagster_instance.get_dynamic_partitions(BATCH_PARTITIONS_NAME) == [key]
    assert requests[0].run_key == f"2026-11-24:{key}"


def test_schedule_skips_when_up_to_date(tmp_path: Path, dagster_instance) -> None:
    news = folders(tmp_path)
    context = dg.build_schedule_context(
        instance=dagster_instance,
        scheduled_execution_time=datetime(2026, 11, 24, 5, tzinfo=UTC),
        resources={"news_folders": news},
    )
    result = daily_ingest_schedule(context)
    assert isinstance(result, dg.SkipReason)


def test_entities_rebuild_after_a_batch_changes_even_with_batches_missing(
    tmp_path: Path, dagster_instance
) -> None:
    from assets.constants import ARTICLE_ENTITIES, ENTITIES
    from pipelines.definitions import build_definitions

    defs = build_definitions(str(tmp_path / "in"), str(tmp_path / "data"))
    dagster_instance.add_dynamic_partitions(BATCH_PARTITIONS_NAME, ["batch-a", "batch-b"])
    entities = dg.AssetKey(ENTITIES)

    def requested(cursor=None):
        result = dg.evaluate_automation_conditions(
            defs=defs, instance=dagster_instance, cursor=cursor
        )
        return result.get_num_requested(entities), result.cursor

    n, cursor = requested()
    assert n == 0  # nothing upstream yet
    # batch-a's entities land; batch-b never ran (missing): the corpus table still rebuilds.
    dagster_instance.report_runless_asset_event(
        dg.AssetMaterialization(ARTICLE_ENTITIES, partition="batch-a")
    )
    n, cursor = requested(cursor)
    assert n == 1
    dagster_instance.report_runless_asset_event(dg.AssetMaterialization(ENTITIES))
    n, cursor = requested(cursor)
    assert n == 0  # handled: no new batch since
