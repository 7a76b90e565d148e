"""Runs that are killed, run twice, or run at the same time over one data folder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from newsextract.ingest.batches import BatchLedger
from newsextract.nlp.model_meta import SHIPPED_MODEL, model_tag_without_loading
from newsextract.tables.data_lock import (
    LOCK_NAME,
    DataFolderBusy,
    DataFolderLock,
    remove_stale_temp_files,
)
from newsextract.tables.schemas import TABLES
from newsextract.tables.storage import temp_sibling
from pipelines.cli import build_fingerprint, main
from tests.table_compare import assert_same_tables

REPO = Path(__file__).resolve().parents[1]
NEWSEXTRACT = str(Path(sys.executable).parent / "newsextract")


def run_args(input_dir: Path, data: Path, home: Path, *extra: str) -> list[str]:
    base = ["run", "--input", str(input_dir), "--data", str(data), "--dagster-home", str(home)]
    return [*base, *extra]


# --- the data folder's lock ---------------------------------------------------------------------


def test_the_lock_is_exclusive_and_names_its_holder(tmp_path: Path) -> None:
    with (
        DataFolderLock(tmp_path),
        pytest.raises(DataFolderBusy, match=rf"pid {os.getpid()} on "),
        DataFolderLock(tmp_path, wait=False),
    ):
        pass
    with DataFolderLock(tmp_path, wait=False):  # released on exit
        pass


def test_a_killed_holder_leaves_the_folder_unlocked(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from newsextract.tables.data_lock import DataFolderLock\n"
            f"with DataFolderLock({str(tmp_path)!r}):\n"
            "    print('locked', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert holder.stdout.readline().strip() == "locked"
    with pytest.raises(DataFolderBusy, match=f"pid {holder.pid} "):
        DataFolderLock(tmp_path, wait=False).__enter__()
    holder.send_signal(signal.SIGKILL)
    holder.wait(10)
    with DataFolderLock(tmp_path, wait=False):
        pass


def test_temporary_files_of_a_killed_write_are_removed(tmp_path: Path) -> None:
    table = tmp_path / "articles"
    table.mkdir()
    kept = table / "batch-1.parquet"
    kept.write_bytes(b"PAR1")
    left = [temp_sibling(kept), temp_sibling(tmp_path / "_batches" / "batch-1.json")]
    for path in left:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"half")
    assert remove_stale_temp_files(tmp_path) == 2
    assert [p.name for p in sorted(tmp_path.rglob("*")) if p.is_file()] == ["batch-1.parquet"]
    assert remove_stale_temp_files(tmp_path / "missing") == 0


def test_completion_records(tmp_path: Path) -> None:
    ledger = BatchLedger(tmp_path)
    assert not ledger.is_done("batch-1", "model=a")
    ledger.mark_done("batch-1", "model=a")
    assert ledger.is_done("batch-1", "model=a")
    assert not ledger.is_done("batch-1", "model=b")  # built with other settings
    ledger.clear_done("batch-1")
    ledger.clear_done("batch-1")  # clearing twice is fine
    assert not ledger.is_done("batch-1", "model=a")
    assert ledger.batches() == []  # records are not manifests


# --- the model's tag without loading it ---------------------------------------------------------


def copy_model(target: Path, version: str) -> Path:
    import shutil

    shutil.copytree(SHIPPED_MODEL, target)
    meta = json.loads((target / "meta.json").read_text("utf-8"))
    meta["version"] = version
    (target / "meta.json").write_text(json.dumps(meta), "utf-8")
    return target


def test_model_tag_without_loading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsextract.nlp.pipeline import load_pipeline, model_tag

    monkeypatch.delenv("NEWSEXTRACT_MODEL", raising=False)
    assert model_tag_without_loading() == model_tag(load_pipeline(None))
    other = copy_model(tmp_path / "model", "9.9.9")
    assert model_tag_without_loading(str(other)).endswith("-9.9.9")
    assert model_tag_without_loading("no_such_pipeline") == "no_such_pipeline"
    monkeypatch.setenv("NEWSEXTRACT_REPORTED_SPEECH", "1")
    monkeypatch.delenv("NEWSEXTRACT_EVENT_MODEL", raising=False)
    shipped = build_fingerprint(str(other), None)
    assert "-9.9.9;events=en_newsextract_events-" in shipped
    assert shipped.endswith(";reported_speech=true")
    assert build_fingerprint(None, False).endswith(";reported_speech=false")
    # The rules alone are other settings: the batches are rebuilt.
    monkeypatch.setenv("NEWSEXTRACT_EVENT_MODEL", "none")
    assert ";events=none;" in build_fingerprint(str(other), None) != shipped


# --- children die with the run ------------------------------------------------------------------

ORPHAN_SCRIPT = textwrap.dedent(
    """
    import multiprocessing, sys, time
    from pipelines.process_guard import guard_forked_children

    def sleep():
        time.sleep(60)

    if __name__ == "__main__":
        guard_forked_children()
        child = multiprocessing.get_context("fork").Process(target=sleep)
        child.start()
        print(child.pid, flush=True)
        time.sleep(60)
    """
)


def test_forked_children_exit_when_the_run_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(ORPHAN_SCRIPT, "utf-8")
    parent = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    child = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait(10)
    assert wait_gone([child], 10), "the forked child outlived its killed parent"


def test_a_child_whose_parent_died_before_it_looked_exits_too() -> None:
    # The parent is killed before the child starts watching: the child is told its parent's
    # pid, so finding another parent (the reaper) already is enough to exit.
    code = "import time; from pipelines.process_guard import exit_with_parent\n"
    code += "exit_with_parent(parent=-1); time.sleep(60)"
    child = subprocess.run([sys.executable, "-c", code], cwd=REPO, timeout=30)
    assert child.returncode == 1


def wait_gone(pids: list[int], seconds: float) -> bool:
    import psutil

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = [p for p in pids if psutil.pid_exists(p) and not _zombie(p)]
        if not alive:
            return True
        time.sleep(0.1)
    return False


def _zombie(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


# --- whole runs ---------------------------------------------------------------------------------


def visible_tables_read_whole(data: Path) -> None:
    """What a reader sees: every table file complete, with its table's schema."""
    for name, schema in TABLES.items():
        folder = data / name
        for path in folder.glob("*.parquet") if folder.is_dir() else []:
            assert not path.name.startswith(".")
            assert pq.read_schema(path).remove_metadata().equals(schema.remove_metadata()), path
            pq.read_table(path)  # every page decodes


@pytest.fixture(scope="module")
def reference(tmp_path_factory, seeds_dir: Path) -> Path:
    """The seeds in batches of five files, run once without interruption."""
    root = tmp_path_factory.mktemp("reference")
    args = run_args(seeds_dir, root / "data", root / "home", "--batch-max-files", "5")
    assert main(args) == 0
    return root / "data"


@pytest.mark.slow
def test_a_busy_folder_is_refused_without_waiting(tmp_path: Path, seeds_dir: Path, capsys) -> None:
    data = tmp_path / "data"
    with DataFolderLock(data):
        assert main(run_args(seeds_dir, data, tmp_path / "home", "--no-wait")) == 3
    err = capsys.readouterr().err
    assert f"{data} is in use by another newsextract run (pid {os.getpid()}" in err
    assert not (data / "articles").exists()


@pytest.mark.slow
def test_two_runs_at_once_wait_for_each_other(
    tmp_path: Path, seeds_dir: Path, reference: Path
) -> None:
    data, home = tmp_path / "data", tmp_path / "home"
    argv = [NEWSEXTRACT, *run_args(seeds_dir, data, home, "--batch-max-files", "5")]
    runs = [
        subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=600)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    waited = [out for out in outputs if "waiting for it to finish" in out]
    assert len(waited) == 1, outputs
    # The run that waited found everything done by the other.
    assert "0 batches to materialise" in waited[0]
    visible_tables_read_whole(data)
    assert_same_tables(reference, data)


@pytest.mark.slow
def test_a_new_model_rebuilds_every_batch_in_place(
    tmp_path: Path, seeds_dir: Path, reference: Path, capsys
) -> None:
    import shutil

    data, home = tmp_path / "data", tmp_path / "home"
    shutil.copytree(reference, data)
    model = copy_model(tmp_path / "model", "0.3.0-retrained")
    assert main(run_args(seeds_dir, data, home, "--batch-max-files", "5")) == 0
    assert "0 batches to materialise" in capsys.readouterr().out
    assert main(run_args(seeds_dir, data, home, "--model", str(model))) == 0
    batches = len(BatchLedger(data).batches())
    assert f"{batches} batches to materialise" in capsys.readouterr().out
    parses = pd.read_parquet(data / "article_parses")
    assert set(parses["model"]) == {"en_newsextract_sm-0.3.0-retrained"}
    # Replaced, not added: the same articles and IDs, once each.
    assert_same_tables(reference, data, ignore=["ingested_at", "rejected_at", "model"])


@pytest.mark.reliability
def test_killed_runs_never_leave_corrupt_tables_and_the_next_run_converges(
    tmp_path: Path, seeds_dir: Path, reference: Path
) -> None:
    """SIGKILL the CLI at moments spread over a whole run, again and again, on one data folder:
    readers never see a partial table file, no child process outlives the run, and a last
    uninterrupted run gives exactly the reference tables."""
    import random

    import psutil

    data, home = tmp_path / "data", tmp_path / "home"
    rng = random.Random(int(os.environ.get("NEWSEXTRACT_KILL_SEED", "8")))
    kills = int(os.environ.get("NEWSEXTRACT_KILLS", "10"))
    log: list[tuple[float, str, str]] = []
    # A run that finishes before its kill does not count: go on until `kills` runs were killed.
    for i in range(4 * kills):
        if sum(1 for *_, what in log if what == "killed") == kills:
            break
        workers = "2" if i % 3 == 2 else "1"  # batches side by side in spawned workers too
        argv = [NEWSEXTRACT, *run_args(seeds_dir, data, home, "--batch-max-files", "5")]
        run = subprocess.Popen(
            [*argv, "--workers", workers], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        delay = rng.uniform(0.5, 15.0)
        try:
            run.wait(delay)
        except subprocess.TimeoutExpired:
            children = [c.pid for c in psutil.Process(run.pid).children(recursive=True)]
            run.send_signal(signal.SIGKILL)
            run.wait(10)
            assert wait_gone(children, 15), f"kill {i}: children outlived the run"
            log.append((round(delay, 1), workers, "killed"))
        else:
            log.append((round(delay, 1), workers, f"finished ({run.returncode})"))
            if (data / "entities").is_dir():
                # The run got to the end: start over, so the next kills land mid-run again.
                import shutil

                shutil.rmtree(data)
        if data.is_dir():
            visible_tables_read_whole(data)
    assert sum(1 for *_, what in log if what == "killed") == kills, log
    assert main(run_args(seeds_dir, data, home, "--batch-max-files", "5")) == 0
    visible_tables_read_whole(data)
    assert_same_tables(reference, data)
    assert not list(data.rglob("*.tmp")), "temporary files left behind"
    assert (data / LOCK_NAME).exists()
    print(log)


@pytest.mark.reliability
def test_a_worker_killed_on_its_own_fails_its_batch_and_the_run_goes_on(
    tmp_path: Path, seeds_dir: Path, reference: Path
) -> None:
    """The OOM killer takes one batch worker, not the run: the run reports that batch failed
    (exit code 1) instead of waiting for it for ever, finishes the others, and the next run
    rebuilds the lost batch."""
    import psutil

    data, home = tmp_path / "data", tmp_path / "home"
    argv = [NEWSEXTRACT, *run_args(seeds_dir, data, home, "--batch-max-files", "5")]
    run = subprocess.Popen(
        [*argv, "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    victim = None
    deadline = time.monotonic() + 60
    while victim is None and time.monotonic() < deadline:
        workers = [
            child
            for child in psutil.Process(run.pid).children()
            if "spawn_main" in " ".join(child.cmdline())
        ]
        victim = workers[0] if workers else None
        time.sleep(0.05)
    assert victim is not None, "no worker process started"
    victim.send_signal(signal.SIGKILL)
    output = run.communicate(timeout=600)[0]
    assert run.returncode == 1, output
    failed = [line for line in output.splitlines() if line.startswith("[") and "FAILED" in line]
    assert len(failed) == 1 and "worker process died" in failed[0], output
    assert "corpus tables (entities, event_clusters): ok" in output
    assert main(run_args(seeds_dir, data, home, "--batch-max-files", "5")) == 0
    visible_tables_read_whole(data)
    assert_same_tables(reference, data)


def _reused_parses(home: Path) -> int:
    import dagster as dg

    os.environ["DAGSTER_HOME"] = str(home)
    with dg.DagsterInstance.get() as instance:
        event = instance.get_latest_materialization_event(dg.AssetKey("article_parses"))
        return event.asset_materialization.metadata["reused_parses"].value


@pytest.mark.slow
def test_a_rebuilt_batch_keeps_its_parses_unless_reprocessed(
    tmp_path: Path, seeds_dir: Path, reference: Path, capsys, monkeypatch
) -> None:
    """A batch rebuilt after a kill (or to drop a duplicate) parses only what it did not have;
    `--reprocess` parses everything again. The tables are the same either way."""
    import shutil

    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "unused"))
    data, home = tmp_path / "data", tmp_path / "home"
    shutil.copytree(reference, data)
    ledger = BatchLedger(data)
    key = max(ledger.batches(), key=lambda b: len(b.files)).key
    articles = pq.read_table(data / "articles" / f"{key}.parquet").num_rows
    ledger.clear_done(key)  # as a run killed before the batch's last table leaves it
    assert main(run_args(seeds_dir, data, home, "--batch-max-files", "5")) == 0
    assert "1 batches to materialise" in capsys.readouterr().out
    assert _reused_parses(home) == articles > 0
    assert_same_tables(reference, data)
    assert main(run_args(seeds_dir, data, home, "--reprocess")) == 0
    assert _reused_parses(home) == 0
    assert_same_tables(reference, data)
