"""Lookup structures built from bundled data, kept on disk between processes.

The gazetteer, the actor dictionary and the language identifier each take 0.3-1 s to build
from their packages' data, in every process that extracts: the CLI, each batch worker, the UI's
runs. Read back from a pickle they take a fraction of that, which is most of what an
incremental run of a few new articles spends besides parsing them.

An entry's file name carries a digest of everything the structure is built from: newsextract's
own modules, the data files named by the caller, and the versions of the packages named by the
caller. Any change to one of them names another file, so a stale entry is never read; older
entries of the same name are removed when a new one is written. The cache lives in the user's
cache folder (``platformdirs``), or in ``$NEWSEXTRACT_CACHE_DIR``; set that to an empty string
to build every time. A cache that cannot be written (a read-only home) only costs the build.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from newsextract.tables.storage import TEMP_SUFFIX

CACHE_ENV = "NEWSEXTRACT_CACHE_DIR"
ABANDONED_AFTER_S = 3600
PACKAGE_DIR = Path(__file__).resolve().parent
T = TypeVar("T")
log = logging.getLogger(__name__)


def cache_dir() -> Path | None:
    """Where entries are kept; None when caching is switched off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured).expanduser() if configured.strip() else None
    import platformdirs

    return Path(platformdirs.user_cache_dir("newsextract"))


def build_digest(name: str, data_files: Iterable[Path], packages: Iterable[str]) -> str:
    """Digest of what an entry is built from: newsextract's modules, ``data_files`` and the
    installed versions of ``packages``."""
    digest = hashlib.sha256(name.encode())
    # Every module of every stage package, named by its place in the package: a pickled entry
    # names the classes it holds by module path, so a moved module must name another entry.
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    for path in sorted(Path(p) for p in data_files):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for package in sorted(packages):
        digest.update(f"{package}=={metadata.version(package)}".encode())
    return digest.hexdigest()[:20]


@contextmanager
def _collector_paused() -> Iterator[None]:
    # Building or reading an entry creates hundreds of thousands of objects that all stay
    # alive; the cyclic collector would traverse them again and again (3-4x the load time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def cached_build(
    name: str,
    build: Callable[[], T],
    *,
    data_files: Iterable[Path] = (),
    packages: Iterable[str] = (),
) -> T:
    """``build()``'s result, read from the cache when an entry built from the same sources is
    there, else built and stored."""
    folder = cache_dir()
    if folder is None:
        with _collector_paused():
            return build()
    path = folder / f"{name}-{build_digest(name, data_files, packages)}.pickle"
    with _collector_paused():
        try:
            return pickle.loads(path.read_bytes())
        except OSError:  # not there yet, or no cache folder to be had
            pass
        except Exception as error:  # a truncated or foreign file: build it again
            log.warning("rebuilding %s: cache entry %s unreadable (%s)", name, path, error)
        value = build()
    _store(path, name, value)
    return value


def _store(path: Path, name: str, value: object) -> None:
    temp = path.with_name(f"{path.name}.{os.getpid()}{TEMP_SUFFIX}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temp, path)
        for older in path.parent.glob(f"{name}-*.pickle"):
            if older != path:
                older.unlink(missing_ok=True)
        # A process killed while writing leaves its temporary file (tens of MB): gone once it
        # is older than any write takes, so another process's write in progress is spared.
        for left in path.parent.glob(f"{name}-*.pickle.*{TEMP_SUFFIX}"):
            with suppress(OSError):
                if time.time() - left.stat().st_mtime > ABANDONED_AFTER_S:
                    left.unlink()
    except OSError as error:
        with suppress(OSError):
            temp.unlink(missing_ok=True)
        log.info("not caching %s in %s: %s", name, path.parent, error)
