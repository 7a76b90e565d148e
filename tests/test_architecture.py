"""The layer contract of ``pyproject.toml`` ([tool.importlinter]): the library's stages import
downward only, and the library imports neither Dagster nor the layers that wrap it.

``make test`` runs ``lint-imports`` on the tree itself; these tests show that the contract holds
there and that it fails when an upward import is planted in a copy of the tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
PACKAGES = ("newsextract", "assets", "pipelines")
# The contracts' names, as lint-imports reports them.
STAGES = "newsextract's stages import downward only"
NO_DAGSTER = "newsextract imports neither Dagster nor the assets and pipelines that wrap it"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` with ``root``'s pyproject.toml, resolving the packages in ``root``."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree_copy(tmp_path: Path) -> Path:
    """The three packages' Python files and pyproject.toml, copied."""
    for package in PACKAGES:
        shutil.copytree(
            REPO / package,
            tmp_path / package,
            ignore=lambda folder, names: [
                n for n in names if not n.endswith(".py") and not (Path(folder) / n).is_dir()
            ],
        )
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def plant(tree: Path, module: str, line: str) -> None:
    path = tree / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = tree / module.replace(".", "/") / "__init__.py"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_tree_keeps_every_contract() -> None:
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_copy_keeps_every_contract_before_anything_is_planted(tree_copy: Path) -> None:
    # The copy is what the planted tests break: it must pass on its own, or they prove nothing.
    result = lint_imports(tree_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Analyzed" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        # the ground importing the top stage
        ("newsextract.tables.ids", "from newsextract.events import plover", STAGES),
        # a stage importing the next one up
        ("newsextract.readers.dates", "import newsextract.ingest.language", STAGES),
        ("newsextract.nlp.components", "from newsextract.entities import canonical", STAGES),
        (
            "newsextract.quotes.marks",
            "from newsextract.events.plover import triggers",
            STAGES,
        ),
        # inside a function, as the library imports what it needs late
        (
            "newsextract.lexicons.gazetteer",
            "def f():\n    import newsextract.quotes.table",
            STAGES,
        ),
        # the library wrapped by Dagster, never wrapping it
        ("newsextract.entities.table", "import dagster", NO_DAGSTER),
        ("newsextract.tables.quality", "from assets import constants", NO_DAGSTER),
    ],
)
def test_a_planted_upward_import_breaks_the_contract(
    tree_copy: Path, module: str, line: str, broken: str
) -> None:
    plant(tree_copy, module, line)
    result = lint_imports(tree_copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{broken} BROKEN" in result.stdout
    assert module in result.stdout, "the report names the importing module"
