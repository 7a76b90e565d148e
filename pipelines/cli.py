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

from assets.constants import BATCH_PARTITIONS_NAME, ENTITIES, EVENT_CLUSTERS
from newsextract.ingest.batches import CORPUS_TABLES_KEY, BatchLimits
from newsextract.nlp.memory import skip_collection_at_exit
from newsextract.tables.data_lock import DataFolderBusy, DataFolderLock, remove_stale_temp_files
from newsextract.tables.folders import partition_files
from pipelines.duplicates import settle_duplicates
from pipelines.instance import DEFAULT_DAGSTER_HOME, ensure_dagster_home, fail_orphaned_runs
from pipelines.runners import (
    BatchRunSettings,
    InProcessRunner,
    Runner,
    WorkerPoolRunner,
    materialize_batches,
)
from pipelines.summary import corpus_tables_line, done_line

WORKERS_ENV = "NEWSEXTRACT_WORKERS"


def build_fingerprint(model: str | None, reported_speech: bool | None) -> str:
    """What a finished batch records besides its inputs: the settings its tables depend on.
    A run whose fingerprint differs from a batch's record rebuilds that batch."""
    from newsextract.events.scorer import event_model_tag
    from newsextract.nlp.model_meta import model_tag_without_loading
    from pipelines.resources import REPORTED_SPEECH_ENV, env_flag

    speech = (
        env_flag(REPORTED_SPEECH_ENV, default=True) if reported_speech is None else reported_speech
    )
    return (
        f"model={model_tag_without_loading(model)};events={event_model_tag()};"
        f"reported_speech={str(speech).lower()}"
    )


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
    wait: bool = True,
    reprocess: bool = False,
) -> int:
    started = time.monotonic()
    if not input_dir.is_dir():
        print(f"error: input folder {input_dir} does not exist or is not a folder", file=sys.stderr)
        return 2
    ensure_dagster_home(dagster_home)
    os.environ["DAGSTER_HOME"] = str(dagster_home)
    try:
        with DataFolderLock(data_dir, wait=wait, on_wait=_say):
            return _run_locked(
                input_dir,
                data_dir,
                started,
                log_level=log_level,
                model=model,
                reported_speech=reported_speech,
                workers=workers,
                batch_max_files=batch_max_files,
                reprocess=reprocess,
            )
    except DataFolderBusy as busy:
        print(f"error: {busy}; run again when it has finished", file=sys.stderr)
        return 3


def _say(message: str) -> None:
    print(message, flush=True)


def _run_locked(
    input_dir: Path,
    data_dir: Path,
    started: float,
    *,
    log_level: str,
    model: str | None,
    reported_speech: bool | None,
    workers: int,
    batch_max_files: int | None,
    reprocess: bool,
) -> int:
    # Dagster is imported late: `newsextract --help` stays instant.
    import dagster as dg

    from pipelines.batching import largest_first, scan_inputs
    from pipelines.process_guard import guard_forked_children
    from pipelines.resources import NewsFolders

    # spaCy's parse processes are forked from this one when a batch runs here alone.
    guard_forked_children()
    leftovers = remove_stale_temp_files(data_dir)
    folders = NewsFolders(
        input_dir=str(input_dir),
        data_dir=str(data_dir),
        **({"batch_max_files": batch_max_files} if batch_max_files else {}),
    )
    run_config = {"loggers": {"console": {"config": {"log_level": log_level}}}}
    settings = BatchRunSettings(
        str(input_dir),
        str(data_dir),
        os.environ["DAGSTER_HOME"],
        model,
        reported_speech,
        run_config,
        reuse_parses=not reprocess,
    )
    fingerprint = build_fingerprint(model, reported_speech)
    ledger = folders.ledger
    failures = 0
    with dg.DagsterInstance.get() as instance:
        orphans = fail_orphaned_runs(instance, data_dir)
        if orphans or leftovers:
            print(
                f"a previous run on {data_dir} was interrupted: {orphans} of its Dagster runs "
                f"marked failed, {leftovers} temporary files removed; its batches are rebuilt"
            )
        work = scan_inputs(folders, instance)
        if work.to_add:
            instance.add_dynamic_partitions(BATCH_PARTITIONS_NAME, work.to_add)
        plan = work.plan
        keys = list(work.to_materialize)
        # Batches a killed run left half-written, or built with other settings (a new model).
        keys += [
            key
            for key in work.registered
            if key not in keys and (reprocess or not ledger.is_done(key, fingerprint))
        ]
        print(
            f"input {input_dir}: {sum(len(b.files) for b in plan.new)} new or changed files, "
            f"{plan.unchanged_files} unchanged; {len(keys)} batches to materialise"
        )
        if keys:
            ledger.clear_done(CORPUS_TABLES_KEY)
        for key in keys:
            ledger.clear_done(key)
        workers = max(1, min(workers, len(keys)))
        if workers > 1:
            # Order matters only side by side (and costs a read of every JSONL file).
            keys = largest_first(keys, ledger)
            runner: Runner = WorkerPoolRunner(settings, workers)
        else:
            runner = InProcessRunner(settings, instance)
        try:
            failures += materialize_batches(runner, keys, ledger, fingerprint)
            if keys:
                built = {key for key in keys if ledger.is_done(key, fingerprint)}
                failures += settle_duplicates(runner, data_dir, ledger, fingerprint, built)
            if not ledger.is_done(CORPUS_TABLES_KEY, fingerprint) or not all(
                partition_files(data_dir, table) for table in (ENTITIES, EVENT_CLUSTERS)
            ):
                success, run_id, seconds = runner.update_corpus_tables()
                failures += not success
                if success and not failures:
                    ledger.mark_done(CORPUS_TABLES_KEY, fingerprint)
                print(corpus_tables_line(success, run_id, seconds), flush=True)
        finally:
            runner.close()
    print(done_line(time.monotonic() - started, data_dir, failures))
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
        help="reported speech without quotation marks in quotes (kind 'indirect'); "
        "--no-reported-speech leaves it out (default: $NEWSEXTRACT_REPORTED_SPEECH, else on)",
    )
    run_p.add_argument(
        "--workers",
        type=int,
        default=None,
        help=f"batches run side by side, one process each (default: ${WORKERS_ENV}, else one "
        "per CPU core); a batch that runs alone is parsed and read on every core instead",
    )
    run_p.add_argument(
        "--batch-max-files",
        type=int,
        default=None,
        help=f"input files per new batch (Dagster partition); default {BatchLimits.max_files}",
    )
    run_p.add_argument(
        "--wait",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="when another run is using the data folder, wait for it (default) or stop at once",
    )
    run_p.add_argument(
        "--reprocess",
        action="store_true",
        help="rebuild and parse again every batch, not only new, changed or unfinished ones "
        "(after upgrading newsextract; a new model or setting is noticed without it)",
    )
    run_p.add_argument(
        "--log-level",
        default="WARNING",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="Dagster event log level on the console (default WARNING)",
    )
    args = parser.parse_args(argv)
    skip_collection_at_exit()
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
        wait=args.wait,
        reprocess=args.reprocess,
    )


if __name__ == "__main__":
    sys.exit(main())
