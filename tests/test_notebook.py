"""notebooks/explore.ipynb runs top to bottom on the seeds' tables and saves its plots as PNG.

The notebook is executed as a user's Jupyter would (nbclient, a Python 3 kernel). A cell the
test appends reports what the notebook computed, which is checked against the tables read
here. The executed notebook and its figures are kept in ``build/notebook/``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "explore.ipynb"
KEPT = REPO / "build" / "notebook"
FIGURES = ("events_per_day.png", "top_speakers.png")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

REPORT = """
import json
print(json.dumps({
    "per_day": {d.strftime("%Y-%m-%d"): int(n) for d, n in per_day.sum(axis=1).items()},
    "speakers": {name: int(n) for name, n in speakers.items()},
    "dyads": len(dyads),
}))
"""


def test_notebook_is_committed_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, cell.source[:80]


def test_notebook_runs_and_saves_its_plots(seeds_run: dict, tmp_path: Path, monkeypatch) -> None:
    figures = tmp_path / "figures"
    monkeypatch.setenv("NEWSEXTRACT_DATA", str(seeds_run["data"]))
    monkeypatch.setenv("NEWSEXTRACT_FIGURES", str(figures))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(REPORT))
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError, with the traceback, if any cell fails

    KEPT.mkdir(parents=True, exist_ok=True)
    report = json.loads(notebook.cells.pop().outputs[0]["text"])
    nbformat.write(notebook, KEPT / NOTEBOOK.name)
    for name in FIGURES:
        png = figures / name
        assert png.read_bytes()[:8] == PNG_MAGIC, name
        assert png.stat().st_size > 10_000, f"{name} looks empty"
        shutil.copy(png, KEPT / name)
    shown = [
        output
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    ]
    assert len(shown) == len(FIGURES)

    events = pd.read_parquet(seeds_run["data"] / "events")
    quotes = pd.read_parquet(seeds_run["data"] / "quotes")
    entities = pd.read_parquet(seeds_run["data"] / "entities").set_index("entity_id")
    assert report["dyads"] == len(events)  # the joins neither drop nor repeat events
    by_day = (
        events[events["date_precision"] == "day"]
        .groupby(pd.to_datetime(events["event_date"]))
        .size()
        .tail(60)
    )
    assert report["per_day"] == {d.strftime("%Y-%m-%d"): int(n) for d, n in by_day.items()}
    assert sum(report["per_day"].values()) > 100
    # The ten most-quoted speakers, whatever order ties at the tenth place come in.
    counts = quotes["speaker_entity_id"].value_counts().rename(index=entities["name"])
    assert len(report["speakers"]) == 10
    for name, n in report["speakers"].items():
        assert counts[name] == n, name
    assert counts.drop(list(report["speakers"])).max() <= min(report["speakers"].values())
