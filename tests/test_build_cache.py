"""The build cache: entries are reused, never stale, and a cache that fails costs only time."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsextract import build_cache
from newsextract.build_cache import CACHE_ENV, cached_build
from newsextract.lexicons.gazetteer import ALIASES_FILE, GAZETTEER_PACKAGES, Gazetteer


class Builder:
    """A build function that counts its calls."""

    def __init__(self, value: object) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def test_an_entry_is_built_once_then_read(cache: Path) -> None:
    build = Builder({"a": [1, 2]})
    assert cached_build("thing", build, packages=["pyarrow"]) == {"a": [1, 2]}
    assert cached_build("thing", build, packages=["pyarrow"]) == {"a": [1, 2]}
    assert build.calls == 1
    assert len(list(cache.glob("thing-*.pickle"))) == 1


def test_a_changed_source_file_rebuilds_and_replaces_the_entry(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "source.tsv"
    source.write_text("one\n", encoding="utf-8")
    first = Builder("from one")
    assert cached_build("thing", first, data_files=[source]) == "from one"
    source.write_text("two\n", encoding="utf-8")
    second = Builder("from two")
    assert cached_build("thing", second, data_files=[source]) == "from two"
    assert (first.calls, second.calls) == (1, 1)
    assert len(list(cache.glob("thing-*.pickle"))) == 1, "the stale entry is removed"


def test_a_write_abandoned_by_a_killed_process_is_cleaned_up(cache: Path) -> None:
    """A temporary file an hour old is a dead writer's and goes with the next write; a fresh
    one may be another process's write in progress and stays."""
    cache.mkdir()
    abandoned = cache / "thing-0123456789abcdef0123.pickle.4242.tmp"
    in_progress = cache / "thing-0123456789abcdef0123.pickle.4343.tmp"
    other = cache / "other-0123456789abcdef0123.pickle.4242.tmp"
    for left in (abandoned, in_progress, other):
        left.write_bytes(b"partial")
    old = time.time() - 2 * 3600
    os.utime(abandoned, (old, old))
    os.utime(other, (old, old))
    assert cached_build("thing", Builder("value")) == "value"
    assert not abandoned.exists()
    assert in_progress.exists() and other.exists()


def test_the_digest_covers_package_versions_and_newsextract_code(tmp_path: Path) -> None:
    assert build_cache.build_digest("x", [], ["pyarrow"]) != build_cache.build_digest(
        "x", [], ["pandas"]
    )
    assert build_cache.build_digest("x", [], []) != build_cache.build_digest("y", [], [])
    code = tmp_path / "code"
    code.mkdir()
    (code / "module.py").write_text("A = 1\n", encoding="utf-8")
    before = _digest_of_package(code)
    (code / "module.py").write_text("A = 2\n", encoding="utf-8")
    assert _digest_of_package(code) != before


def test_the_digest_covers_modules_of_stage_packages_and_where_they_are(tmp_path: Path) -> None:
    # Entries pickle classes by module path: a module changed or moved inside a stage package
    # must name another entry, or a stale pickle would be read (or fail to load).
    code = tmp_path / "code"
    (code / "stage").mkdir(parents=True)
    (code / "other").mkdir()
    module = code / "stage" / "module.py"
    module.write_text("A = 1\n", encoding="utf-8")
    before = _digest_of_package(code)
    module.write_text("A = 2\n", encoding="utf-8")
    changed = _digest_of_package(code)
    assert changed != before
    module.rename(code / "other" / "module.py")
    assert _digest_of_package(code) not in (before, changed)


def _digest_of_package(folder: Path) -> str:
    saved = build_cache.PACKAGE_DIR
    build_cache.PACKAGE_DIR = folder
    try:
        return build_cache.build_digest("x", [], [])
    finally:
        build_cache.PACKAGE_DIR = saved


def test_an_unreadable_entry_is_rebuilt(cache: Path, caplog: pytest.LogCaptureFixture) -> None:
    cached_build("thing", Builder("good"))
    (entry,) = cache.glob("thing-*.pickle")
    entry.write_bytes(b"\x80\x05 truncated")
    rebuilt = Builder("good")
    assert cached_build("thing", rebuilt) == "good"
    assert rebuilt.calls == 1
    assert "unreadable" in caplog.text


def test_an_unwritable_cache_only_costs_the_build(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    build = Builder([1])
    assert cached_build("thing", build) == [1]
    assert cached_build("thing", build) == [1]
    assert build.calls == 2
    assert not list(tmp_path.glob("**/*.tmp"))


def test_an_empty_setting_switches_caching_off(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(CACHE_ENV, "")
    monkeypatch.chdir(tmp_path)
    build = Builder("fresh")
    cached_build("thing", build)
    cached_build("thing", build)
    assert build.calls == 2
    assert not list(tmp_path.iterdir())


def test_a_cached_gazetteer_is_the_built_one(cache: Path) -> None:
    """The real entry: read back, the gazetteer's indexes equal a fresh build's."""
    kwargs = {"data_files": [ALIASES_FILE], "packages": GAZETTEER_PACKAGES}
    stored = cached_build("gazetteer", Gazetteer, **kwargs)
    read_back = cached_build("gazetteer", Gazetteer, **kwargs)
    assert read_back is not stored
    assert read_back.__dict__ == Gazetteer().__dict__
    assert read_back.place("Damascus").country == "SYR"


def test_a_process_exits_without_the_final_collection() -> None:
    """skip_collection_at_exit: garbage still in reference cycles at exit is left to the
    operating system (its finalizer never runs); without it CPython collects it."""
    program = (
        "import sys\n"
        "from newsextract.nlp.memory import skip_collection_at_exit\n"
        "class Node:\n"
        "    def __del__(self):\n"
        "        print('collected', flush=True)\n"
        "if sys.argv[1] == 'skip':\n"
        "    skip_collection_at_exit()\n"
        "node = Node()\n"
        "node.me = node\n"
        "KEEP = [node]\n"
    )
    ran = {
        mode: subprocess.run(
            [sys.executable, "-c", program, mode], capture_output=True, text=True, check=True
        ).stdout
        for mode in ("skip", "collect")
    }
    assert ran == {"skip": "", "collect": "collected\n"}
