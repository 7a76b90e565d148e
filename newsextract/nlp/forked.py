"""Per-article work spread over forked processes, for a batch that has the machine to itself.

Batches that run side by side already use every core, one each; a batch that runs alone (an
incremental run of a few new files, a sensor's run) would leave the other cores idle in every
step but the parse. The children are forked, so they inherit what the parent has loaded (the
model, the gazetteer, the step's inputs) and only the results travel back, pickled.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import accumulate, pairwise
from typing import TypeVar

R = TypeVar("R")

# Below this many items a share is not worth a process.
MIN_SHARE = 10

_work: Callable[[int, int], object] | None = None


def shares(n: int, processes: int, weights: Sequence[int] | None = None) -> list[tuple[int, int]]:
    """``range(n)`` cut into at most ``processes`` contiguous (start, stop) shares of about the
    same total weight (default: one per item), none of fewer than :data:`MIN_SHARE` items
    unless there is only one."""
    count = max(1, min(processes, n // MIN_SHARE))
    if weights is None:
        bounds = [n * i // count for i in range(count + 1)]
    else:
        cumulative = list(accumulate(weights))
        total = cumulative[-1] if cumulative else 0
        bounds = [0]
        for i in range(1, count):
            cut = bisect_left(cumulative, total * i / count) + 1
            # Every share keeps at least MIN_SHARE items, whatever the weights.
            cut = max(bounds[-1] + MIN_SHARE, min(cut, n - MIN_SHARE * (count - i)))
            bounds.append(cut)
        bounds.append(n)
    return list(pairwise(bounds))


def map_shares(
    work: Callable[[int, int], R],
    n: int,
    processes: int,
    weights: Sequence[int] | None = None,
) -> list[R]:
    """``work(start, stop)`` for each share of ``range(n)`` (:func:`shares`), in order; in
    forked processes when there is more than one share, else in this one.

    ``work`` may be a closure over large inputs: forked children inherit it, nothing of it is
    pickled. Its results are.

    Before forking, the first item runs here on its own (its result is the first part): what
    ``work`` loads on first use (the gazetteer, dateparser's patterns, a reading vocabulary) is
    then loaded once and inherited by the children, and by those of the steps after, instead
    of loaded in every child.
    """
    global _work
    parts = shares(n, processes, weights)
    if len(parts) == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [work(start, stop) for start, stop in parts]
    first = work(0, 1)
    parts = [(max(start, 1), stop) for start, stop in parts]
    _work = work
    # Objects the children inherit move out of the collector's reach first: a collection in a
    # child would otherwise write to every inherited object's header and copy the parent's
    # heap page by page (Python's documented way to fork without exec).
    gc.freeze()
    try:
        pool = multiprocessing.get_context("fork").Pool(len(parts), initializer=_child_defaults)
        try:
            return [first, *pool.starmap(_run_share, parts, chunksize=1)]
        except BaseException as error:
            if not isinstance(error, Exception):
                pool.terminate()  # interrupted: stop the children now, not when they finish
            raise
        finally:
            # The children end when the queue runs dry, not by Pool.terminate's SIGTERM (see
            # _child_defaults): a child's error leaves the others to finish their shares first.
            pool.close()
            pool.join()
    finally:
        _work = None
        gc.unfreeze()


def _child_defaults() -> None:
    """A child inherits the parent's Python signal handlers. Inside a Dagster run the parent's
    SIGTERM handler only records an interrupt, so a child blocked on the pool's queue survived
    ``Pool.terminate`` and the parent waited for it for ever."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run_share(start: int, stop: int) -> object:
    assert _work is not None, "map_shares sets the work before forking"
    return _work(start, stop)
