"""``newsextract`` command line: materialise every asset for every article in a folder.

Runs go through Dagster and are recorded in the instance at ``$DAGSTER_HOME`` (default
``.dagster_home`` in the working folder), so ``make dev``'s UI shows them.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from assets.constants import (
    ARTICLES,
    BATCH_PARTITIONS_NAME,
    ENTITIES,
    EVENT_CLUSTERS,
    REJECTED_INPUTS,
)
from newsextract.batches import BatchLimits
from newsextract.schemas import TABLES
from newsextract.tables import partition_file, partition_files

DEFAULT_DAGSTER_HOME = ".dagster_home"
WORKERS_ENV = "NEWSEXTRACT_WORKERS"


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


BatchOutcome = tuple[str, bool, str, float]
"""(batch key, success, run id, seconds)"""


def _materialize(job, instance, key: str, run_config: dict) -> BatchOutcome:
    started = time.monotonic()
    result = job.execute_in_process(
        partition_key=key, instance=instance, raise_on_error=False, run_config=run_config
    )
    return key, result.success, result.run_id, time.monotonic() - started


@dataclass(frozen=True)
class BatchRunSettings:
    """What a worker process needs to run batches: it rebuilds the definitions itself."""

    input_dir: str
    data_dir: str
    dagster_home: str
    model: str | None
    reported_speech: bool | None
    run_config: dict


_worker_state: dict = {}


def _start_worker(settings: BatchRunSettings) -> None:
    os.environ["DAGSTER_HOME"] = settings.dagster_home
    import dagster as dg

    from pipelines.definitions import build_definitions
    from pipelines.jobs import MATERIALIZE_ALL_JOB

    instance = dg.DagsterInstance.get()
    # One batch per core: each batch parses in its own process, and the model and the
    # gazetteer load once per worker, not once per batch.
    defs = build_definitions(
        settings.input_dir,
        settings.data_dir,
        settings.model,
        settings.reported_speech,
        parse_processes=1,
    )
    _worker_state.update(instance=instance, job=defs.resolve_job_def(MATERIALIZE_ALL_JOB))
    _worker_state["run_config"] = settings.run_config


def _run_in_worker(key: str) -> BatchOutcome:
    state = _worker_state
    return _materialize(state["job"], state["instance"], key, state["run_config"])


def _materialize_in_workers(
    settings: BatchRunSettings, keys: Sequence[str], workers: int
) -> Iterator[BatchOutcome]:
    """Batches run side by side in ``workers`` processes (spawned: a fresh interpreter does
    not inherit the parent's open instance storage), each yielded as it finishes."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(settings,)
    ) as pool:
        futures = [pool.submit(_run_in_worker, key) for key in keys]
        for future in as_completed(futures):
            yield future.result()


def default_workers() -> int:
    return int(os.environ.get(WORKERS_ENV) or os.cpu_count() or 1)


def run(
    input_dir: Path,
    data_dir: Path,
    dagster_home: Path,
    *,
    log_level: str,
    model: str | None = None,
    reported_speech: bool | None = None,
    workers: int = 1,
    batch_max_files: int | None = None,
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

    folders = NewsFolders(
        input_dir=str(input_dir),
        data_dir=str(data_dir),
        **({"batch_max_files": batch_max_files} if batch_max_files else {}),
    )
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
        keys = work.to_materialize
        workers = max(1, min(workers, len(keys)))
        if workers == 1:
            runs = (
                _materialize(job, instance, key, run_config) for key in keys
            )  # one batch at a time, the parse on every core
        else:
            settings = BatchRunSettings(
                str(input_dir), str(data_dir), str(dagster_home), model, reported_speech, run_config
            )
            runs = _materialize_in_workers(settings, keys, workers)
        for i, (key, success, run_id, seconds) in enumerate(runs, 1):
            failures += not success
            print(
                f"[{i}/{len(keys)}] {key}: {'ok' if success else 'FAILED'}, "
                f"{_rows(partition_file(data_dir, ARTICLES, key))} articles, "
                f"{_rows(partition_file(data_dir, REJECTED_INPUTS, key))} rejected "
                f"({seconds:.1f} s, run {run_id[:8]})",
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
        "--workers",
        type=int,
        default=None,
        help=f"batches run side by side, one process each (default: ${WORKERS_ENV}, else one "
        "per CPU core); a single batch is parsed on every core instead",
    )
    run_p.add_argument(
        "--batch-max-files",
        type=int,
        default=None,
        help=f"input files per new batch (Dagster partition); default {BatchLimits.max_files}",
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
        workers=args.workers if args.workers is not None else default_workers(),
        batch_max_files=args.batch_max_files,
    )


if __name__ == "__main__":
    sys.exit(main())
