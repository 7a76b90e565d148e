"""Atomic file writes: readers see the old file or the new one, never a half-written one."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    import pyarrow as pa


TEMP_SUFFIX = ".tmp"


def temp_sibling(path: Path) -> Path:
    # A leading dot hides the file from pyarrow/pandas dataset reads and from `*.parquet` globs.
    return path.with_name(f".{path.name}.{uuid.uuid4().hex}{TEMP_SUFFIX}")


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_sibling(path)
    try:
        with tmp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read_parquet(source: str | Path | BinaryIO, columns: list[str] | None = None) -> pa.Table:
    """One Parquet file, whole or some of its columns.

    Not ``pq.read_table``: it goes through ``pyarrow.dataset``, whose first import (pandas with
    it) costs a process 0.2-0.3 s, a few percent of an incremental run."""
    import pyarrow.parquet as pq

    return pq.ParquetFile(source).read(columns=columns)


def write_parquet_atomic(table: pa.Table, path: Path) -> None:
    import pyarrow.parquet as pq  # here: batch manifests are written without pyarrow

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_sibling(path)
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
MAX_NAME = 120


def safe_file_stem(key: str) -> str:
    """A partition key as one harmless file name: it can never leave its folder.

    Letters, digits, ``-`` and ``_`` stay; every other character (``/``, ``.``, ``\\``, NUL,
    spaces, non-ASCII) is percent-encoded, so distinct keys stay distinct and ``..`` or an
    absolute path cannot be formed. Overlong names are cut and suffixed with a digest.
    """
    import hashlib

    if not key:
        return "%empty"
    encoded = "".join(
        ch if ch in _SAFE else "".join(f"%{b:02X}" for b in ch.encode("utf-8")) for ch in key
    )
    if len(encoded) > MAX_NAME:
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
        encoded = f"{encoded[: MAX_NAME - 17]}~{digest}"
    return encoded
