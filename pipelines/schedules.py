"""Daily schedule: the catch-up run that needs no daemon-side sensor."""

import dagster as dg

from assets.constants import BATCH_PARTITIONS_NAME
from pipelines.batching import scan_unless_busy
from pipelines.jobs import materialize_all_job
from pipelines.resources import NewsFolders

DAILY_SCHEDULE = "daily_ingest_schedule"


@dg.schedule(
    name=DAILY_SCHEDULE,
    job=materialize_all_job,
    cron_schedule="0 5 * * *",
    execution_timezone="UTC",
    description=(
        "Every day at 05:00 UTC: registers new or changed input files as batches and "
        "materialises them, plus any batch whose tables are missing (e.g. after a failed run)."
    ),
)
def daily_ingest_schedule(
    context: dg.ScheduleEvaluationContext, news_folders: NewsFolders
) -> list[dg.RunRequest] | dg.SkipReason:
    if not news_folders.input_path.is_dir():
        return dg.SkipReason(f"input folder {news_folders.input_path} does not exist")
    work = scan_unless_busy(news_folders, context.instance)
    if isinstance(work, str):
        return dg.SkipReason(work)
    if work.to_add:
        # Schedules cannot return partition requests, so the partitions are added here.
        context.instance.add_dynamic_partitions(BATCH_PARTITIONS_NAME, work.to_add)
    if not work.to_materialize:
        return dg.SkipReason("every batch is up to date")
    day = (
        context.scheduled_execution_time.strftime("%Y-%m-%d")
        if context.scheduled_execution_time
        else "manual"
    )
    return [dg.RunRequest(partition_key=key, run_key=f"{day}:{key}") for key in work.to_materialize]
