"""Child processes of a run end when the process that started them dies.

A run is killed outright (SIGKILL, the OOM killer) with no chance to stop its children. A batch
worker would then finish its batch and write it while the next run, which now holds the data
folder's lock, writes the same batch; spaCy's parse processes would block on their queues for
ever, holding a model each. Every child of a run therefore watches its parent and exits as soon
as it is gone (it is re-parented, so ``os.getppid()`` changes).
"""

from __future__ import annotations

import os
import threading

__all__ = ["exit_with_parent", "guard_forked_children"]

POLL_SECONDS = 0.5


def exit_with_parent(parent: int, poll_seconds: float = POLL_SECONDS) -> None:
    """Start a daemon thread that ends this process once ``parent``, the pid of the process
    that started it, is no longer its parent.

    The caller passes the pid it had before the start, not ``os.getppid()`` read here: a parent
    killed before this line runs would already have been replaced by its reaper."""

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(poll_seconds)
        # The parent is gone: nobody will read what this process produces, and flushing
        # buffers or running atexit handlers could write after the next run has started.
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


_guarded = False
_forking_pid = 0


def _before_fork() -> None:
    global _forking_pid
    _forking_pid = os.getpid()


def _after_fork_in_child() -> None:
    exit_with_parent(_forking_pid)  # the parent's pid, recorded in the parent before the fork


def guard_forked_children() -> None:
    """Make every process later forked from this one (the parse and extraction processes of
    :mod:`newsextract.nlp.forked`) call :func:`exit_with_parent`. Idempotent."""
    global _guarded
    if not _guarded:
        os.register_at_fork(before=_before_fork, after_in_child=_after_fork_in_child)
        _guarded = True
