"""Giving freed heap memory back to the operating system.

spaCy's parser allocates hundreds of megabytes of activations for every batch of documents.
When they are freed, glibc keeps the pages: after the first large free it raises its mmap
threshold, so later large arrays come from the heap, whose free pages stay resident. A worker
then holds its parse high-water mark through every later step and batch. ``malloc_trim`` hands
the free pages back; elsewhere than glibc this is a no-op.
"""

from __future__ import annotations

import atexit
import ctypes
import gc
import sys
from collections.abc import Callable
from functools import lru_cache


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # musl or another C library: nothing to call
        return None
    return getattr(libc, "malloc_trim", None)


def release_freed_memory() -> bool:
    """Return the heap's free pages to the operating system; True if the C library could."""
    trim = _malloc_trim()
    return bool(trim(0)) if trim is not None else False


def skip_collection_at_exit() -> None:
    """Have this process exit without the last garbage collection over everything it holds.

    At exit CPython collects every object still tracked: 1-1.5 s for a process that holds a
    spaCy model, the gazetteer and a batch's tables, spent on memory the operating system takes
    back anyway. Frozen objects are out of the collector's sight; freezing in an ``atexit``
    handler means only the exit skips them. Objects still close their files and connections
    when their references go, and the caller flushes what it writes before it returns.
    """
    atexit.register(gc.freeze)
