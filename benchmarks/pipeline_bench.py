"""Whole-pipeline benchmark: N generated news articles through every asset, through Dagster.

    python benchmarks/pipeline_bench.py --articles 10000 [--record]

1. Builds N + 1% articles with ``../shared/corpus/make_big.py`` (``--format mixed``: JSONL,
   JSON, text and HTML files) and holds the last 1% of the single-article files back.
2. Full run: ``newsextract run`` over the N articles in a fresh data folder and Dagster
   instance, as a user runs it. Measures wall time and the peak resident memory of the whole
   process tree (the CLI and every process it starts, sampled every 0.2 s).
3. Incremental run: the held-back 1% is added to the input folder and ``newsextract run`` is
   run again over the processed corpus.
4. Reads the Dagster instance's event log for the wall time of every asset step.

Prints a JSON result, writes it to ``<work>/result-<N>.json``; ``--record`` appends a row to
``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import psutil

from newsextract.events.scorer import event_model_tag

REPO = Path(__file__).resolve().parents[1]
SINGLE_ARTICLE_SUFFIXES = (".txt", ".html", ".json")


class TreeMemory:
    """Peak summed RSS of a process and all its descendants, sampled in a thread."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.peak = 0
        self._root = psutil.Process(pid)
        self._interval = interval
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.is_set():
            try:
                procs = [self._root, *self._root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            total = 0
            for proc in procs:
                try:
                    total += proc.memory_info().rss
                except psutil.NoSuchProcess:
                    continue
            self.peak = max(self.peak, total)
            self._done.wait(self._interval)

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        return self.peak


def build_corpus(n: int, share: float, work: Path, seed: int | None) -> tuple[Path, list[Path]]:
    """``work/input`` with N articles and the held-back files of the incremental share."""
    extra = max(1, round(n * share))
    generated = work / f"generated-{n}-{extra}"
    if not generated.is_dir():
        command = [
            sys.executable,
            str(REPO.parent / "shared" / "corpus" / "make_big.py"),
            str(n + extra),
            str(generated),
            "--format",
            "mixed",
        ]
        if seed is not None:
            command += ["--seed", str(seed)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    files = sorted(p for p in generated.iterdir() if p.is_file())
    singles = [p for p in files if p.suffix in SINGLE_ARTICLE_SUFFIXES]
    held_back = singles[-extra:]
    input_dir = work / "input"
    shutil.rmtree(input_dir, ignore_errors=True)
    input_dir.mkdir(parents=True)
    for path in files:
        if path not in held_back:
            os.link(path, input_dir / path.name)
    return input_dir, held_back


def run_cli(input_dir: Path, data_dir: Path, home: Path, log: Path, extra: list[str]) -> dict:
    command = [
        str(Path(sys.executable).parent / "newsextract"),
        "run",
        "--input",
        str(input_dir),
        "--data",
        str(data_dir),
        "--dagster-home",
        str(home),
        *extra,
    ]
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as sink:
        proc = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, cwd=REPO)
        memory = TreeMemory(proc.pid)
        code = proc.wait()
    seconds = time.perf_counter() - started
    peak = memory.stop()
    if code != 0:
        raise SystemExit(f"newsextract run failed with exit code {code}: see {log}")
    return {"wall_s": round(seconds, 1), "peak_rss_mb": round(peak / 2**20)}


def step_seconds(home: Path, since: float) -> dict[str, float]:
    """Wall seconds per asset step (summed over batches) of the runs started after ``since``."""
    os.environ["DAGSTER_HOME"] = str(home)
    import dagster as dg

    totals: dict[str, float] = defaultdict(float)
    with dg.DagsterInstance.get() as instance:
        for record in instance.get_run_records():
            if record.create_timestamp.timestamp() < since:
                continue
            starts: dict[str, float] = {}
            for entry in instance.all_logs(record.dagster_run.run_id):
                event = entry.dagster_event
                if event is None or entry.step_key is None:
                    continue
                if event.event_type == dg.DagsterEventType.STEP_START:
                    starts[entry.step_key] = entry.timestamp
                elif event.event_type in (
                    dg.DagsterEventType.STEP_SUCCESS,
                    dg.DagsterEventType.STEP_FAILURE,
                ):
                    totals[entry.step_key] += entry.timestamp - starts.pop(entry.step_key)
    return {k: round(v, 1) for k, v in sorted(totals.items(), key=lambda kv: -kv[1])}


def corpus_size(data_dir: Path) -> tuple[int, int]:
    import pandas as pd

    articles = pd.read_parquet(data_dir / "articles", columns=["word_count"])
    return len(articles), int(articles["word_count"].sum())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--incremental-share", type=float, default=0.01)
    parser.add_argument("--work", type=Path, default=REPO / "build" / "bench")
    parser.add_argument("--seed", type=int, default=None, help="make_big.py seed")
    parser.add_argument("--record", action="store_true", help="append a row to docs/performance.md")
    parser.add_argument("--workers", type=int, default=None, help="newsextract run --workers")
    parser.add_argument(
        "--batch-max-files", type=int, default=None, help="newsextract run --batch-max-files"
    )
    args = parser.parse_args()
    cli_options = []
    if args.workers:
        cli_options += ["--workers", str(args.workers)]
    if args.batch_max_files:
        cli_options += ["--batch-max-files", str(args.batch_max_files)]

    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    input_dir, held_back = build_corpus(args.articles, args.incremental_share, work, args.seed)
    data_dir, home = work / "data", work / "dagster_home"
    shutil.rmtree(data_dir, ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)

    since = time.time()
    full = run_cli(input_dir, data_dir, home, work / "full.log", cli_options)
    full["steps_s"] = step_seconds(home, since)
    full["articles"], full["words"] = corpus_size(data_dir)
    full["articles_per_s"] = round(full["articles"] / full["wall_s"], 1)
    full["words_per_s"] = round(full["words"] / full["wall_s"])

    for path in held_back:
        os.link(path, input_dir / path.name)
    since = time.time()
    incremental = run_cli(input_dir, data_dir, home, work / "incremental.log", cli_options)
    incremental["steps_s"] = step_seconds(home, since)
    total_articles, _ = corpus_size(data_dir)
    incremental["new_articles"] = total_articles - full["articles"]
    incremental["share_of_full_wall"] = round(incremental["wall_s"] / full["wall_s"], 4)

    result = {
        "date": f"{datetime.now(UTC):%Y-%m-%d}",
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"{round(psutil.virtual_memory().total / 2**30)} GiB, Python {platform.python_version()}",
        "command": " ".join(
            ["python benchmarks/pipeline_bench.py --articles", str(args.articles), *cli_options]
        ),
        "commit": source_commit(),
        "event_model": event_model_tag(),
        "full": full,
        "incremental": incremental,
    }
    text = json.dumps(result, indent=1)
    print(text)
    (work / f"result-{args.articles}.json").write_text(text + "\n", encoding="utf-8")
    if args.record:
        record(result)
    return 0


def source_commit() -> str:
    """The checkout's commit, marked when files differ from it: a row says what it measured."""

    def git(*argv: str) -> str:
        return subprocess.run(
            ["git", *argv], cwd=REPO, capture_output=True, text=True, check=False
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return f"{commit}+changes" if git("status", "--porcelain", "--untracked-files=no") else commit


def record(result: dict) -> None:
    full, inc = result["full"], result["incremental"]
    steps = ", ".join(f"{k} {v:.0f} s" for k, v in full["steps_s"].items())
    row = (
        f"| {result['date']} | {result['machine']} | `{result['command']}` on "
        f"`{result.get('commit', 'unknown')}`, event model `{result.get('event_model', 'none')}` | "
        f"{full['articles']:,} articles ({full['words']:,} words) in {full['wall_s']:.0f} s: "
        f"**{full['articles_per_s']} articles/s**, {full['words_per_s']:,} words/s; "
        f"peak RSS {full['peak_rss_mb']:,} MB; steps: {steps}. Incremental: "
        f"{inc['new_articles']} new articles in {inc['wall_s']:.1f} s = "
        f"**{inc['share_of_full_wall']:.1%} of the full run**, peak RSS "
        f"{inc['peak_rss_mb']:,} MB |\n"
    )
    path = REPO / "docs" / "performance.md"
    text = path.read_text(encoding="utf-8")
    marker = "<!-- make bench rows -->\n"
    # Rows go at the end of the table, which the marker closes.
    path.write_text(text.replace(marker, row + marker) if marker in text else text + row)


if __name__ == "__main__":
    sys.exit(main())
