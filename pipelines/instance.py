"""The Dagster instance that ``newsextract run`` records its runs in, and the runs it tags.

``make dev`` creates the same instance (``Makefile``: ``ensure_dagster_home``), so the UI shows
the CLI's runs.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_DAGSTER_HOME = ".dagster_home"

# A new instance's dagster.yaml. Telemetry off: nothing leaves the machine. Python log records
# from INFO up: Dagster stores every record a run logs as an event, one SQLite write each, and
# the IO manager logs a DEBUG line per partition it reads (the corpus tables read every batch):
# a third of a 100-article incremental run's events, about 0.4 s (docs/performance.md).
# Dagster's own events (materialisations, checks, step outputs) are stored at any level.
DEFAULT_INSTANCE_CONFIG = """\
telemetry:
  enabled: false
python_logs:
  python_log_level: INFO
"""


def ensure_dagster_home(home: Path) -> None:
    """Create the instance folder; a new one gets :data:`DEFAULT_INSTANCE_CONFIG`."""
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(DEFAULT_INSTANCE_CONFIG, encoding="utf-8")


DATA_DIR_TAG = "newsextract/data_dir"


def run_tags(data_dir: str) -> dict[str, str]:
    """Tags of every Dagster run the CLI starts: the data folder names the runs a crash left
    behind (:func:`fail_orphaned_runs`)."""
    return {DATA_DIR_TAG: str(data_dir)}


def fail_orphaned_runs(instance, data_dir: Path) -> int:
    """Mark as failed the CLI's runs on ``data_dir`` that the instance still shows as starting
    or started: while we hold the folder's lock no other CLI run is writing to it, so they are
    runs whose process was killed. Returns how many."""
    import dagster as dg

    stuck = instance.get_runs(
        filters=dg.RunsFilter(
            statuses=[dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING],
            tags=run_tags(str(data_dir)),
        )
    )
    for orphan in stuck:
        instance.report_run_failed(
            orphan, "the newsextract run that started this run was killed before it finished"
        )
    return len(stuck)
