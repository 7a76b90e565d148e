"""Find the input files under an input folder.

Every regular file is returned, including ones with unsupported suffixes: the reader rejects
those with a reason, so every file a user drops in is accounted for in the tables. Skipped:
dot-files and dot-directories (editor swap files, ``.git``), sidecars ``<file>.meta.json`` whose
``<file>`` exists (they are metadata, read together with their file), and symbolic links that
lead outside the folder or to something that is not a regular file. Directory symlinks are
never descended into, so a link cannot make the walk loop or leave the folder.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from newsextract.readers.options import SIDECAR_SUFFIX

__all__ = ["discover_inputs", "is_inside"]


def discover_inputs(root: Path) -> list[str]:
    """All input files under ``root``, as sorted POSIX paths relative to ``root``."""
    root = Path(root)
    real_root = os.path.realpath(root)
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        regular = {
            name
            for name in filenames
            if not name.startswith(".") and _is_regular_inside(Path(dirpath, name), real_root)
        }
        rel_dir = Path(dirpath).relative_to(root)
        for name in regular:
            if name.endswith(SIDECAR_SUFFIX) and name[: -len(SIDECAR_SUFFIX)] in regular:
                continue
            found.append((rel_dir / name).as_posix())
    return sorted(found)


def is_inside(path: Path, real_root: str) -> bool:
    """True when ``path``, with every symlink resolved, lies within ``real_root``."""
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _is_regular_inside(path: Path, real_root: str) -> bool:
    try:
        st = path.lstat()
        if stat.S_ISLNK(st.st_mode):
            if not is_inside(path, real_root):
                return False
            st = path.stat()
    except OSError:
        return False  # vanished or dangling link
    return stat.S_ISREG(st.st_mode)
