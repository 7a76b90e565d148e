"""One run at a time per data folder, and the clean-up after a run that was killed.

Two runs writing the same batch could interleave their tables (one batch's ``articles`` from
one run, its ``events`` from the other), and both would write the Dagster instance at once. A run
therefore holds an exclusive ``flock`` on ``<data>/.newsextract.lock`` from its scan to its last
write. The kernel drops the lock when the holder dies, even by SIGKILL, so a killed run never
leaves the folder locked; the file stays and says who held it last.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import socket
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from newsextract.tables.storage import TEMP_SUFFIX

__all__ = ["LOCK_NAME", "DataFolderBusy", "DataFolderLock", "remove_stale_temp_files"]

LOCK_NAME = ".newsextract.lock"


class DataFolderBusy(RuntimeError):
    """Another run holds the data folder and the caller chose not to wait."""


class DataFolderLock:
    """Exclusive lock on a data folder; a context manager.

    ``wait=True`` blocks until the other run ends, after calling ``on_wait`` once with a message
    that names it; ``wait=False`` raises :class:`DataFolderBusy` with that message instead.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        wait: bool = True,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.path = Path(data_dir) / LOCK_NAME
        self.wait = wait
        self.on_wait = on_wait
        self._fd: int | None = None

    def __enter__(self) -> DataFolderLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                message = f"{self.path.parent} is in use by {self.holder()}"
                if not self.wait:
                    raise DataFolderBusy(message) from None
                if self.on_wait:
                    self.on_wait(f"{message}; waiting for it to finish")
                fcntl.flock(fd, fcntl.LOCK_EX)
            holder = {
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "since": datetime.now(UTC).isoformat(timespec="seconds"),
            }
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(holder).encode("utf-8"), 0)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None

    def holder(self) -> str:
        """Who holds (or last held) the lock, as the lock file says."""
        try:
            info = json.loads(self.path.read_text("utf-8"))
            who = f"pid {info['pid']} on {info['host']}, since {info['since']}"
            return f"another newsextract run ({who})"
        except (OSError, ValueError, KeyError, TypeError):
            return "another newsextract run"


def remove_stale_temp_files(data_dir: Path) -> int:
    """Delete the temporary files a killed run left behind; returns how many.

    Tables are written to a hidden temporary file and renamed into place, so a run killed
    mid-write leaves only such a file, which no reader sees. Call this only while holding
    :class:`DataFolderLock`: a running writer's temporary files look the same.
    """
    removed = 0
    root = Path(data_dir)
    if not root.is_dir():
        return 0
    for folder in [root, *(p for p in root.iterdir() if p.is_dir())]:
        for path in folder.glob(f".*{TEMP_SUFFIX}"):
            path.unlink(missing_ok=True)
            removed += 1
    return removed
