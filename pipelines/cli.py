"""``newsextract`` command line: materialise every asset for every article in a folder.

Runs go through Dagster and are recorded in the instance at ``$DAGSTER_HOME`` (default
``.dagster_home`` in the working folder), so ``make dev``'s UI shows them.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pyarrow.parquet as pq

from assets.constants import (
    ARTICLES,
    BATCH_PARTITIONS_NAME,
    ENTITIES,
    EVENT_CLUSTERS,
    REJECTED_INPUTS,
)
from newsextract.schemas import TABLES
from newsextract.tables import partition_file, partition_files

DEFAULT_DAGSTER_HOME = ".dagster_home"


def _rows(path: Path) -> int:
    return pq.ParquetFile(path).metadata.num_rows if path.is_file() else 0


def table_rows(data_dir: Path) -> dict[str, int]:
    return {name: sum(_rows(p) for p in partition_files(data_dir, name)) for name in TABLES}


def ensure_dagster_home(home: Path) -> None:
    """Create the instance folder; a new one gets telemetry off (nothing leaves the machine)."""
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text("telemetry:\n  enabled: false\n", encoding="utf-8")


def run(
    input_dir: Path,
    data_dir: Path,
    dagster_home: Path,
    *,
    log_level: str,
    model: str | None = None,
    reported_speech: bool | None = None,
) -> int:
    started = time.monotonic()
    if not input_dir.is_dir():
        print(f"error: input folder {input_dir} does not exist or is not a folder", file=sys.stderr)
        return 2
    ensure_dagster_home(dagster_home)
    os.environ["DAGSTER_HOME"] = str(dagster_home)

    # Dagster is imported late: `newsextract --help` stays instant.
    import dagster as dg

    from pipelines.batching import scan_inputs
    from pipelines.definitions import build_definitions
    from pipelines.jobs import MATERIALIZE_ALL_JOB, UPDATE_CORPUS_TABLES_JOB
    from pipelines.resources import NewsFolders

    folders = NewsFolders(input_dir=str(input_dir), data_dir=str(data_dir))
    failures = 0
    with dg.DagsterInstance.get() as instance:
        # Resolve the job inside the instance's context: Dagster loads definitions against
        # the current instance's state storage.
        defs = build_definitions(str(input_dir), str(data_dir), model, reported_speech)
        job = defs.resolve_job_def(MATERIALIZE_ALL_JOB)
        work = scan_inputs(folders, instance)
        if work.to_add:
            instance.add_dynamic_partitions(BATCH_PARTITIONS_NAME, work.to_add)
        plan = work.plan
        print(
            f"input {input_dir}: {sum(len(b.files) for b in plan.new)} new or changed files, "
            f"{plan.unchanged_files} unchanged; {len(work.to_materialize)} batches to materialise"
        )
        run_config = {"loggers": {"console": {"config": {"log_level": log_level}}}}
        for i, key in enumerate(work.to_materialize, 1):
            t0 = time.monotonic()
            result = job.execute_in_process(
                partition_key=key, instance=instance, raise_on_error=False, run_config=run_config
            )
            status = "ok" if result.success else "FAILED"
            failures += not result.success
            print(
                f"[{i}/{len(work.to_materialize)}] {key}: {status}, "
                f"{_rows(partition_file(data_dir, ARTICLES, key))} articles, "
                f"{_rows(partition_file(data_dir, REJECTED_INPUTS, key))} rejected "
                f"({time.monotonic() - t0:.1f} s, run {result.run_id[:8]})",
                flush=True,
            )
        if work.to_materialize or not all(
            partition_files(data_dir, table) for table in (ENTITIES, EVENT_CLUSTERS)
        ):
            t0 = time.monotonic()
            result = defs.resolve_job_def(UPDATE_CORPUS_TABLES_JOB).execute_in_process(
                instance=instance, raise_on_error=False, run_config=run_config
            )
            failures += not result.success
            status = "ok" if result.success else "FAILED"
            print(
                f"corpus tables (entities, event_clusters): {status} "
                f"({time.monotonic() - t0:.1f} s, run {result.run_id[:8]})",
                flush=True,
            )
    rows = table_rows(data_dir)
    print(
        f"done in {time.monotonic() - started:.1f} s: "
        + ", ".join(f"{name} {n} rows" for name, n in rows.items())
        + f" in {data_dir}"
        + (f"; {failures} runs FAILED (see the Dagster UI)" if failures else "")
    )
    return 1 if failures else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsextract", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run_p = sub.add_parser("run", help="materialise every asset for every article in a folder")
    run_p.add_argument("--input", required=True, type=Path, help="folder of input articles")
    run_p.add_argument("--data", required=True, type=Path, help="folder the tables go to")
    run_p.add_argument(
        "--dagster-home",
        type=Path,
        default=None,
        help=f"Dagster instance folder (default: $DAGSTER_HOME, else ./{DEFAULT_DAGSTER_HOME})",
    )
    run_p.add_argument(
        "--model",
        default=None,
        help="spaCy pipeline: installed name or folder (default: $NEWSEXTRACT_MODEL, else the "
        "pipeline shipped with newsextract)",
    )
    run_p.add_argument(
        "--reported-speech",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also extract reported speech without quotation marks into quotes (kind "
        "'indirect'); default: $NEWSEXTRACT_REPORTED_SPEECH, else off",
    )
    run_p.add_argument(
        "--log-level",
        default="WARNING",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="Dagster event log level on the console (default WARNING)",
    )
    args = parser.parse_args(argv)
    home = args.dagster_home or Path(os.environ.get("DAGSTER_HOME") or DEFAULT_DAGSTER_HOME)
    return run(
        args.input.expanduser().resolve(),
        args.data.expanduser().resolve(),
        home.expanduser().resolve(),
        log_level=args.log_level,
        model=args.model,
        reported_speech=args.reported_speech,
    )


if __name__ == "__main__":
    sys.exit(main())
