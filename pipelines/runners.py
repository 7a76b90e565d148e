"""How ``newsextract run`` executes batches through Dagster: one after another in this process,
or side by side in worker processes; either way each batch is one run of the materialise-all
job, and the corpus tables one run of their own job.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Collection, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from assets.constants import ARTICLES, REJECTED_INPUTS, REUSE_ROWS_TAG
from newsextract.ingest.batches import BatchLedger
from newsextract.nlp.memory import release_freed_memory, skip_collection_at_exit
from newsextract.tables.folders import partition_file
from pipelines.instance import run_tags
from pipelines.summary import batch_line, parquet_rows

# A worker process is replaced after this many batches. Its Python heap stays flat (the parse
# runs in a spaCy memory zone), but the C heap fragments: a worker's peak rises by 30-60 MB
# with every batch of 500 articles even after trimming. A fresh process costs about 7 s before
# its first batch is warm; at 10,000 articles, replacing after 2 batches peaked at 1,923 MB and
# after 3 at 2,097 (docs/performance.md).
BATCHES_PER_WORKER = 2
WORKER_DIED = "its worker process died (killed, or out of memory)"


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
            articles=parquet_rows(partition_file(self._data_dir, ARTICLES, key)),
            rejected=parquet_rows(partition_file(self._data_dir, REJECTED_INPUTS, key)),
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
                    outcome = lost_batch(key, started, WORKER_DIED)
                    done_by_worker = BATCHES_PER_WORKER
                except Exception as error:  # the worker lives on; the batch failed
                    outcome = lost_batch(key, started, f"{type(error).__name__}: {error}")
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


def lost_batch(key: str, started: float, error: str) -> BatchOutcome:
    return BatchOutcome(key, False, "", time.monotonic() - started, 0, 0, error=error)


Runner = InProcessRunner | WorkerPoolRunner


def materialize_batches(
    runner: Runner,
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
        print(batch_line(done, i, len(keys)), flush=True)
    return failures
