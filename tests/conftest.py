"""Shared fixtures: the repository, the shared data folder beside it, temporary folders."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"the shared data folder {SHARED} is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def dagster_instance(tmp_path: Path):
    import dagster as dg

    home = tmp_path / "dagster_home"
    home.mkdir()
    with dg.instance_for_test(temp_dir=str(home)) as instance:
        yield instance


@pytest.fixture(scope="session")
def seeds_run(tmp_path_factory, seeds_dir: Path) -> dict:
    """``seeds/`` materialised once by the CLI: {"data", "home", "root"} folders."""
    from pipelines.cli import main

    root = tmp_path_factory.mktemp("seeds_run")
    data, home = root / "data", root / "home"
    argv = ["run", "--input", str(seeds_dir), "--data", str(data), "--dagster-home", str(home)]
    assert main(argv) == 0
    return {"data": data, "home": home, "root": root}


@pytest.fixture(scope="session")
def nlp():
    """The shipped pipeline, loaded once for every test that parses text."""
    from newsextract.nlp.pipeline import load_pipeline

    return load_pipeline()
