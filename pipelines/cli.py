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
from collections.abc import Collection, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from assets.constants import (
    ARTICLES,
    BATCH_PARTITIONS_NAME,
    ENTITIES,
    EVENT_CLUSTERS,
    REJECTED_INPUTS,
    REUSE_ROWS_TAG,
)
from newsextract.ingest.batches import CORPUS_TABLES_KEY, BatchLedger, BatchLimits
from newsextract.nlp.memory import release_freed_memory, skip_collection_at_exit
from newsextract.tables.data_lock import DataFolderBusy, DataFolderLock, remove_stale_temp_files
from newsextract.tables.folders import (
    batches_keeping_later_copies,
    batches_missing_kept_copies,
    partition_file,
    partition_files,
)

DEFAULT_DAGSTER_HOME = ".dagster_home"
WORKERS_ENV = "NEWSEXTRACT_WORKERS"
# A worker process is replaced after this many batches. Its Python heap stays flat (the parse
# runs in a spaCy memory zone), but the C heap fragments: a worker's peak rises by 30-60 MB
# with every batch of 500 articles even after trimming. A fresh process costs about 7 s before
# its first batch is warm; at 10,000 articles, replacing after 2 batches peaked at 1,923 MB and
# after 3 at 2,097 (docs/performance.md).
BATCHES_PER_WORKER = 2
WORKER_DIED = "its worker process died (killed, or out of memory)"


def _rows(path: Path) -> int:
    # pyarrow is imported here, not at the top: the process that hands batches to workers
    # never loads it (about 90 MB).
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows if path.is_file() else 0


def table_rows(data_dir: Path) -> dict[str, int]:
    from newsextract.tables.schemas import TABLES

    return {name: sum(_rows(p) for p in partition_files(data_dir, name)) for name in TABLES}


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


@dataclass(frozen=True)
class BatchOutcome:
    key: str
    success: bool
    run_id: str
    seconds: float
    articles: int
    rejected: int
    error: str | None = None
    """Why the batch has no Dagster run outcome (its worker process died)."""


RunOutcome = tuple[bool, str, float]
"""(success, run id, seconds) of the corpus-tables run"""


@dataclass(frozen=True)
class BatchRunSettings:
    """What runs batches needs: a worker process rebuilds the definitions from it."""

    input_dir: str
    data_dir: str
    dagster_home: str
    model: str | None
    reported_speech: bool | None
    run_config: dict
    reuse_parses: bool = True


class InProcessRunner:
    """Batches one after another in this process; a batch's parse takes every core."""

    def __init__(self, settings: BatchRunSettings, instance, parse_processes: int = 0) -> None:
        from pipelines.definitions import build_definitions
        from pipelines.jobs import MATERIALIZE_ALL_JOB, UPDATE_CORPUS_TABLES_JOB

        # Resolve the jobs inside the instance's context: Dagster loads definitions against
        # the current instance's state storage.
        defs = build_definitions(
            settings.input_dir,
            settings.data_dir,
            settings.model,
            settings.reported_speech,
            parse_processes=parse_processes,
            reuse_parses=settings.reuse_parses,
        )
        self._instance = instance
        self._data_dir = Path(settings.data_dir)
        self._run_config = settings.run_config
        self._tags = run_tags(settings.data_dir)
        self._batch_job = defs.resolve_job_def(MATERIALIZE_ALL_JOB)
        self._corpus_job = defs.resolve_job_def(UPDATE_CORPUS_TABLES_JOB)

    def materialize(self, key: str, reuse_rows: bool = False) -> BatchOutcome:
        started = time.monotonic()
        result = self._batch_job.execute_in_process(
            partition_key=key,
            instance=self._instance,
            raise_on_error=False,
            run_config=self._run_config,
            tags={**self._tags, REUSE_ROWS_TAG: "true"} if reuse_rows else self._tags,
        )
        # The batch's tables are garbage now; without this glibc keeps their pages.
        release_freed_memory()
        return BatchOutcome(
            key,
            result.success,
            result.run_id,
            time.monotonic() - started,
            articles=_rows(partition_file(self._data_dir, ARTICLES, key)),
            rejected=_rows(partition_file(self._data_dir, REJECTED_INPUTS, key)),
        )

    def materialize_all(
        self, keys: Sequence[str], reuse_rows: Collection[str] = ()
    ) -> Iterator[BatchOutcome]:
        for key in keys:
            yield self.materialize(key, key in reuse_rows)

    def update_corpus_tables(self) -> RunOutcome:
        started = time.monotonic()
        result = self._corpus_job.execute_in_process(
            instance=self._instance,
            raise_on_error=False,
            run_config=self._run_config,
            tags=self._tags,
        )
        return result.success, result.run_id, time.monotonic() - started

    def close(self) -> None:
        """Nothing to release: the instance belongs to the caller."""


_worker: dict[str, InProcessRunner] = {}


def _start_worker(settings: BatchRunSettings, parent: int) -> None:
    from pipelines.process_guard import exit_with_parent, guard_forked_children

    exit_with_parent(parent)
    guard_forked_children()
    # A worker is replaced every BATCHES_PER_WORKER batches: the next starts when it has exited.
    skip_collection_at_exit()
    os.environ["DAGSTER_HOME"] = settings.dagster_home
    import dagster as dg

    # Side by side, each batch parses in its own process on one core; the model and the
    # gazetteer load once per worker, not once per batch.
    _worker["runner"] = InProcessRunner(settings, dg.DagsterInstance.get(), parse_processes=1)


def _materialize_in_worker(key: str, reuse_rows: bool) -> BatchOutcome:
    return _worker["runner"].materialize(key, reuse_rows)


def _update_corpus_tables_in_worker() -> RunOutcome:
    return _worker["runner"].update_corpus_tables()


class WorkerPoolRunner:
    """Batches side by side in spawned worker processes (a fresh interpreter does not inherit
    this process's open instance storage). This process only hands out work, so it never
    loads the model.

    Each worker is an executor of one process, replaced after :data:`BATCHES_PER_WORKER`
    batches, and replaced too when its process dies (the OOM killer): that batch is reported
    failed and the run goes on. A ``multiprocessing.Pool`` would wait for ever for the dead
    worker's batch, and ``ProcessPoolExecutor``'s own ``max_tasks_per_child`` can hang when it
    replaces a worker (CPython gh-115634, unfixed in 3.11)."""

    def __init__(self, settings: BatchRunSettings, workers: int) -> None:
        self._settings = settings
        self._context = multiprocessing.get_context("spawn")
        self._workers = workers
        self._live: list[ProcessPoolExecutor] = []

    def _new_worker(self) -> ProcessPoolExecutor:
        worker = ProcessPoolExecutor(
            1,
            mp_context=self._context,
            initializer=_start_worker,
            initargs=(self._settings, os.getpid()),
        )
        self._live.append(worker)
        return worker

    def _retire(self, worker: ProcessPoolExecutor) -> None:
        # Waiting for it to exit keeps an old and a new worker from holding memory at once.
        worker.shutdown(wait=True)
        self._live.remove(worker)

    def materialize_all(
        self, keys: Sequence[str], reuse_rows: Collection[str] = ()
    ) -> Iterator[BatchOutcome]:
        waiting = list(reversed(keys))  # popped from the end: in the order given
        # future → (its worker, batch key, start time, batches that worker has done)
        running: dict[Future, tuple[ProcessPoolExecutor, str, float, int]] = {}

        def hand_out(worker: ProcessPoolExecutor, done_by_worker: int) -> None:
            key = waiting.pop()
            try:
                future = worker.submit(_materialize_in_worker, key, key in reuse_rows)
            except BrokenProcessPool:  # it died idle, between two batches
                self._retire(worker)
                worker, done_by_worker = self._new_worker(), 0
                future = worker.submit(_materialize_in_worker, key, key in reuse_rows)
            running[future] = (worker, key, time.monotonic(), done_by_worker)

        for _ in range(min(self._workers, len(waiting))):
            hand_out(self._new_worker(), 0)
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                worker, key, started, done_by_worker = running.pop(future)
                try:
                    outcome = future.result()
                    done_by_worker += 1
                except BrokenProcessPool:
                    outcome = _lost(key, started, WORKER_DIED)
                    done_by_worker = BATCHES_PER_WORKER
                except Exception as error:  # the worker lives on; the batch failed
                    outcome = _lost(key, started, f"{type(error).__name__}: {error}")
                    done_by_worker += 1
                if done_by_worker >= BATCHES_PER_WORKER or not waiting:
                    self._retire(worker)
                    worker, done_by_worker = (self._new_worker(), 0) if waiting else (None, 0)
                if worker is not None:
                    hand_out(worker, done_by_worker)
                yield outcome

    def update_corpus_tables(self) -> RunOutcome:
        # The corpus tables read every batch, so their memory grows with the corpus: they run
        # alone, in a fresh process, once the batch workers have exited.
        self.close()
        worker = self._new_worker()
        started = time.monotonic()
        try:
            return worker.submit(_update_corpus_tables_in_worker).result()
        except BrokenProcessPool:
            print(f"corpus tables: {WORKER_DIED}", flush=True)
            return False, "", time.monotonic() - started
        finally:
            self._retire(worker)

    def close(self) -> None:
        for worker in list(self._live):
            self._retire(worker)


def _lost(key: str, started: float, error: str) -> BatchOutcome:
    return BatchOutcome(key, False, "", time.monotonic() - started, 0, 0, error=error)


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


def build_fingerprint(model: str | None, reported_speech: bool | None) -> str:
    """What a finished batch records besides its inputs: the settings its tables depend on.
    A run whose fingerprint differs from a batch's record rebuilds that batch."""
    from newsextract.nlp.model_meta import model_tag_without_loading
    from pipelines.resources import REPORTED_SPEECH_ENV, env_flag

    speech = env_flag(REPORTED_SPEECH_ENV) if reported_speech is None else reported_speech
    return f"model={model_tag_without_loading(model)};reported_speech={str(speech).lower()}"


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
            runner: InProcessRunner | WorkerPoolRunner = WorkerPoolRunner(settings, workers)
        else:
            runner = InProcessRunner(settings, instance)
        try:
            failures += _materialize(runner, keys, ledger, fingerprint)
            if keys:
                built = {key for key in keys if ledger.is_done(key, fingerprint)}
                failures += _settle_duplicates(runner, data_dir, ledger, fingerprint, built)
            if not ledger.is_done(CORPUS_TABLES_KEY, fingerprint) or not all(
                partition_files(data_dir, table) for table in (ENTITIES, EVENT_CLUSTERS)
            ):
                success, run_id, seconds = runner.update_corpus_tables()
                failures += not success
                if success and not failures:
                    ledger.mark_done(CORPUS_TABLES_KEY, fingerprint)
                print(
                    f"corpus tables (entities, event_clusters): {'ok' if success else 'FAILED'} "
                    f"({seconds:.1f} s, run {run_id[:8]})",
                    flush=True,
                )
        finally:
            runner.close()
    rows = table_rows(data_dir)
    print(
        f"done in {time.monotonic() - started:.1f} s: "
        + ", ".join(f"{name} {n} rows" for name, n in rows.items())
        + f" in {data_dir}"
        + (f"; {failures} FAILED (see above and the Dagster UI)" if failures else "")
    )
    return 1 if failures else 0


# Each pass moves every duplicate article's kept copy to an earlier place; more than one pass is
# needed only when several batches rejected copies of an article whose kept copy is gone.
MAX_DUPLICATE_PASSES = 3


def _settle_duplicates(
    runner: InProcessRunner | WorkerPoolRunner,
    data_dir: Path,
    ledger: BatchLedger,
    fingerprint: str,
    built: set[str],
) -> int:
    """Rebuild the batches whose duplicate articles are kept from the wrong place; returns the
    failed batches. ``built``: the batches this run has built so far; their rebuilds keep the
    rows of the articles they still hold (:mod:`newsextract.tables.reuse`), from the same files,
    settings and code minutes before.

    Batches side by side cannot see each other's copy of a duplicate article: the copy read
    from the later place is dropped by rebuilding its batch, so the tables do not depend on
    which batch ran first. A batch that rejected its copy because another batch kept one,
    which that batch no longer does (its input changed, or was deleted and its batch rebuilt),
    is rebuilt to keep its own.
    """
    failures = 0
    for _ in range(MAX_DUPLICATE_PASSES):
        later = batches_keeping_later_copies(data_dir, ledger.held_paths())
        lost = batches_missing_kept_copies(data_dir)
        stale = sorted(later | lost)
        if not stale:
            break
        print(
            f"rebuilding {len(stale)} batches for duplicate articles ({len(later)} keep "
            f"a copy read from a later place than another batch's, {len(lost)} "
            "rejected a copy no batch keeps now)",
            flush=True,
        )
        for key in stale:
            ledger.clear_done(key)
        failures += _materialize(runner, stale, ledger, fingerprint, reuse_rows=built)
        if failures:
            break
        built.update(stale)
    return failures


def _materialize(
    runner: InProcessRunner | WorkerPoolRunner,
    keys: Sequence[str],
    ledger: BatchLedger,
    fingerprint: str,
    reuse_rows: Collection[str] = (),
) -> int:
    """Materialise the batches, recording each finished one; returns how many failed.
    Batches in ``reuse_rows`` keep their earlier rows of the articles they still hold."""
    failures = 0
    for i, done in enumerate(runner.materialize_all(keys, reuse_rows), 1):
        failures += not done.success
        if done.success:
            ledger.mark_done(done.key, fingerprint)
        what = (
            f"{done.articles} articles, {done.rejected} rejected "
            f"({done.seconds:.1f} s, run {done.run_id[:8]})"
            if done.error is None
            else f"{done.error} ({done.seconds:.1f} s); the next run rebuilds it"
        )
        status = "ok" if done.success else "FAILED"
        print(f"[{i}/{len(keys)}] {done.key}: {status}, {what}", flush=True)
    return failures


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
