"""Per-article work over forked processes: the shares, and results in order."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from itertools import pairwise
from pathlib import Path

import pytest

from newsextract.nlp.forked import MIN_SHARE, map_shares, shares


@pytest.mark.parametrize(
    ("n", "processes", "weights", "expected"),
    [
        (100, 2, None, [(0, 50), (50, 100)]),
        (100, 1, None, [(0, 100)]),
        (25, 2, None, [(0, 12), (12, 25)]),
        (15, 2, None, [(0, 15)]),  # two shares would be under MIN_SHARE each
        (0, 2, None, [(0, 0)]),
        (100, 2, [1] * 50 + [3] * 50, [(0, 67), (67, 100)]),  # about half the weight each
        (30, 3, [1000] + [1] * 29, [(0, 10), (10, 20), (20, 30)]),  # never under MIN_SHARE
    ],
)
def test_shares(n, processes, weights, expected) -> None:
    assert shares(n, processes, weights) == expected


@pytest.mark.parametrize("n", [0, 5, 19, 20, 57, 200])
@pytest.mark.parametrize("processes", [1, 2, 3])
def test_shares_cover_the_range_once_in_order(n: int, processes: int) -> None:
    parts = shares(n, processes, [i % 7 + 1 for i in range(n)])
    assert parts[0][0] == 0 and parts[-1][1] == n
    assert all(a[1] == b[0] for a, b in pairwise(parts))
    assert len(parts) == 1 or all(stop - start >= MIN_SHARE for start, stop in parts)


def test_map_shares_runs_in_forked_children_and_keeps_the_order() -> None:
    big = list(range(1000))  # inherited by the children, never pickled

    def work(start: int, stop: int) -> tuple[int, list[int]]:
        time.sleep(0.3)  # long enough that each child takes one share
        return os.getpid(), [x * x for x in big[start:stop]]

    parts = map_shares(work, len(big), 2)
    assert [x for _, squares in parts for x in squares] == [x * x for x in big]
    # The first item alone in this process (it loads what the work loads on first use), the
    # rest in two children.
    assert parts[0] == (os.getpid(), [0])
    pids = {pid for pid, _ in parts[1:]}
    assert len(pids) == 2 and os.getpid() not in pids


def test_what_the_first_item_loads_is_inherited() -> None:
    loaded: list[int] = []

    def work(start: int, stop: int) -> tuple[int, int]:
        if not loaded:
            loaded.append(os.getpid())  # a lazy resource, loaded on first use
        return loaded[0], stop - start

    parts = map_shares(work, 40, 2)
    assert [owner for owner, _ in parts] == [os.getpid()] * 3
    assert sum(n for _, n in parts) == 40


def test_map_shares_stays_in_process_for_one_share() -> None:
    assert map_shares(lambda start, stop: (os.getpid(), stop - start), 15, 2) == [(os.getpid(), 15)]


def test_an_error_in_a_child_reaches_the_caller() -> None:
    def work(start: int, stop: int) -> int:
        if start >= 20:
            raise ValueError(f"bad share {start}:{stop}")
        return stop

    with pytest.raises(ValueError, match="bad share 20:40"):
        map_shares(work, 40, 2)


# Inside a Dagster run the parent's SIGTERM handler only records an interrupt; forked children
# inherit it. The script runs in its own interpreter so that a hang is a timeout, not a stuck
# test session.
_IGNORING_SIGTERM = """
import signal
from newsextract.nlp.forked import map_shares

signal.signal(signal.SIGTERM, lambda *_: None)
for _ in range(100):
    parts = map_shares(lambda a, b: list(range(a, b)), 40, 2)
    assert [x for part in parts for x in part] == list(range(40))

def fail(start, stop):
    if start:
        raise ValueError("bad share")
    return stop

for _ in range(20):
    try:
        map_shares(fail, 40, 2)
    except ValueError:
        pass
    else:
        raise AssertionError("the child's error was lost")
print("done")
"""


def test_the_children_end_when_the_parent_ignores_sigterm() -> None:
    finished = subprocess.run(
        [sys.executable, "-c", _IGNORING_SIGTERM],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.strip() == "done"
