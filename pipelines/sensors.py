"""Sensor: new or changed files in the input folder start runs for their batches."""

import dagster as dg

from assets.partitions import article_batches
from newsextract.ingest.batches import input_fingerprint
from pipelines.batching import scan_unless_busy
from pipelines.jobs import CORPUS_ASSETS, materialize_all_job
from pipelines.resources import NewsFolders

INPUT_SENSOR = "input_folder_sensor"


@dg.sensor(
    name=INPUT_SENSOR,
    job=materialize_all_job,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description=(
        "Watches the input folder. The cursor is a digest of the folder listing (paths, sizes, "
        "modification times): when it moves, new or changed files are registered as a batch "
        "and that batch is materialised."
    ),
)
def input_folder_sensor(
    context: dg.SensorEvaluationContext, news_folders: NewsFolders
) -> dg.SensorResult | dg.SkipReason:
    folder = news_folders.input_path
    if not folder.is_dir():
        return dg.SkipReason(f"input folder {folder} does not exist")
    fingerprint = input_fingerprint(folder, exclude=news_folders.data_path)
    if context.cursor == fingerprint:
        return dg.SkipReason(f"no new or changed files in {folder}")
    work = scan_unless_busy(news_folders, context.instance)
    if isinstance(work, str):
        return dg.SkipReason(work)  # the cursor stays: the next evaluation scans again
    if not work.to_materialize:
        return dg.SensorResult(
            skip_reason=dg.SkipReason(
                f"{work.plan.unchanged_files} files in {folder}, none new or changed in content"
            ),
            cursor=fingerprint,
            dynamic_partitions_requests=[article_batches.build_add_request(work.to_add)]
            if work.to_add
            else [],
        )
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(partition_key=key, run_key=f"{key}:{fingerprint}")
            for key in work.to_materialize
        ],
        dynamic_partitions_requests=[article_batches.build_add_request(work.to_add)]
        if work.to_add
        else [],
        cursor=fingerprint,
    )


CORPUS_TABLES_SENSOR = "corpus_tables_automation"

# Evaluates the corpus-wide assets' automation conditions (entities and event_clusters: after a
# batch's entities or events change). On by default, like the input sensor: Dagster's default
# automation sensor is off until someone turns it on in the UI.
corpus_tables_sensor = dg.AutomationConditionSensorDefinition(
    CORPUS_TABLES_SENSOR,
    target=CORPUS_ASSETS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=30,
    description="Rebuilds corpus-wide tables (entities, event_clusters) after batches change.",
)
