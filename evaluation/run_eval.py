"""`make eval`: run the pipeline on the dev sets in ../shared/eval and print the scores.

Each set goes through the real pipeline (``newsextract run`` via the kit's ``run.sh``) into a
fresh folder under ``build/eval/<set>``, with its own Dagster instance there, and is scored by
the kit's ``score.py``. The summary is printed as Markdown rows for ``docs/quality.md`` and
written to ``build/eval/summary.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Kinds whose tables the pipeline produces so far; later tables add their kinds here.
PRODUCED_KINDS = ("ner", "quotes", "events")


def run_set(kit: Path, set_dir: Path, out: Path, model: str | None, extra: str = "") -> dict:
    cli = Path(sys.executable).parent / "newsextract"
    command = f"{cli} run --input {{input}} --data {{data}} --dagster-home {out}/dagster_home"
    if model:
        command += f" --model {model}"
    command += extra
    env = {**os.environ, "NEWS_RUN_CMD": command, "PYTHON": sys.executable}
    started = datetime.now(UTC)
    proc = subprocess.run(
        ["bash", str(kit / "run.sh"), str(set_dir), str(out)],
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = (datetime.now(UTC) - started).total_seconds()
    if proc.returncode != 0:
        raise RuntimeError(
            f"{set_dir.name}: run.sh exited {proc.returncode}\n"
            + proc.stdout[-3000:]
            + proc.stderr[-3000:]
        )
    score = json.loads((out / "score.json").read_text())
    score["seconds"] = round(seconds, 1)
    print((out / "score.txt").read_text())
    return score


REPORTED_SPEECH_VARIANT = "(--no-reported-speech)"


def has_reported_speech_gold(set_dir: Path) -> bool:
    """Whether the set's gold quotes include reported speech (``"direct": false``)."""
    if (set_dir / "kind").read_text().strip() != "quotes":
        return False
    with (set_dir / "gold.jsonl").open(encoding="utf-8") as lines:
        return any(
            quote.get("direct") is False for line in lines for quote in json.loads(line)["quotes"]
        )


def summary_row(name: str, score: dict) -> str:
    m = score["metrics"]
    if score["kind"] == "ner":
        exact, per = m["exact"], m["per_type"]
        types = ", ".join(f"{t} {per[t]['f1']:.3f}" for t in ("PER", "ORG", "LOC"))
        return (
            f"| {name} | exact F1 {exact['f1']:.3f} (P {exact['precision']:.3f}, "
            f"R {exact['recall']:.3f}); {types}; untyped {m['untyped_exact']['f1']:.3f} "
            f"| {score['seconds']} s |"
        )
    if score["kind"] == "quotes":
        low, high = m["iou_0.3"], m["iou_0.8"]
        speaker = m["speaker_accuracy"]["accuracy"]
        cue = m["cue_accuracy"]["accuracy"]
        return (
            f"| {name} | F1 {low['f1']:.3f} @0.3 (P {low['precision']:.3f}, R {low['recall']:.3f}),"
            f" {high['f1']:.3f} @0.8; speaker accuracy {speaker:.3f}; cue accuracy {cue:.3f} "
            f"| {score['seconds']} s |"
        )
    if score["kind"] == "events":
        kind, source = m["type"], m["source_country_accuracy"]["accuracy"]
        return (
            f"| {name} | type F1 {kind['f1']:.3f} (P {kind['precision']:.3f}, "
            f"R {kind['recall']:.3f}); top-1 type {m['top1_type_accuracy']['accuracy']}; "
            f"source country {source}; target country "
            f"{m['target_country_accuracy']['accuracy']} | {score['seconds']} s |"
        )
    return f"| {name} | {json.dumps(m)[:200]} | {score['seconds']} s |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kit", type=Path, default=REPO.parent / "shared" / "eval")
    parser.add_argument("--out", type=Path, default=REPO / "build" / "eval")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: shipped)")
    parser.add_argument("--sets", nargs="*", help="set names (default: every produced kind)")
    args = parser.parse_args()
    dev = args.kit / "dev"
    if not dev.is_dir():
        print(f"error: no evaluation kit at {args.kit}", file=sys.stderr)
        return 2
    sets = sorted(
        d
        for d in dev.iterdir()
        if (d / "kind").is_file()
        and (
            (args.sets and d.name in args.sets)
            or (not args.sets and (d / "kind").read_text().strip() in PRODUCED_KINDS)
        )
    )
    results = {}
    for d in sets:
        results[d.name] = run_set(args.kit, d, args.out / d.name, args.model)
        if has_reported_speech_gold(d):
            # The set also scores reported speech, which the pipeline extracts by default:
            # the quotations in marks alone, for comparison.
            results[f"{d.name} {REPORTED_SPEECH_VARIANT}"] = run_set(
                args.kit,
                d,
                args.out / f"{d.name}-reported_speech",
                args.model,
                " --no-reported-speech",
            )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "summary.json").write_text(json.dumps(results, indent=1))
    print(f"\n| set ({datetime.now(UTC):%Y-%m-%d}) | scores | wall |\n|---|---|---|")
    for name, score in results.items():
        print(summary_row(name, score))
    return 0


if __name__ == "__main__":
    sys.exit(main())
