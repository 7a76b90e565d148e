"""The input ledger: which input files belong to which batch (Dagster partition).

A batch is a group of input files registered together. Its manifest, a small JSON file under
``<data>/_batches/``, lists each file with size, mtime and SHA-256, so any batch can be
re-materialised (backfilled) later without rescanning. Manifests are written atomically and
never edited in place.

A scan compares the input folder with the ledger: files it has not seen, or whose content
changed, go into new batches; unchanged files are left alone, which is what makes runs
incremental. When a file changes, the new batch takes it over and the batch that held the old
version is reported as stale so its tables can be rebuilt without the superseded rows.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from newsextract.readers import discover_inputs
from newsextract.readers.options import SIDECAR_SUFFIX
from newsextract.tables.ids import batch_key
from newsextract.tables.storage import atomic_write_bytes

BATCHES_DIR = "_batches"
DONE_SUFFIX = ".done"
CORPUS_TABLES_KEY = "corpus-tables"
"""Completion-record name of the tables built from every batch (``entities``,
``event_clusters``); batch keys start with ``batch-``, so it cannot clash."""


@dataclass(frozen=True)
class InputFile:
    path: str
    """Relative to the batch's input root, POSIX separators."""
    size: int
    mtime_ns: int
    sha256: str
    sidecar_sha256: str | None = None
    """SHA-256 of ``<path>.meta.json`` when present: editing a sidecar changes the file's rows."""

    def same_content(self, other: InputFile) -> bool:
        return (self.sha256, self.sidecar_sha256) == (other.sha256, other.sidecar_sha256)


@dataclass(frozen=True)
class Batch:
    key: str
    input_root: str
    """Absolute path of the input folder the files were found in."""
    registered_at: str
    """ISO-8601 UTC; later registrations of a path supersede earlier ones."""
    files: tuple[InputFile, ...]

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str) -> Batch:
        data = json.loads(raw)
        files = tuple(InputFile(**f) for f in data["files"])
        return cls(data["key"], data["input_root"], data["registered_at"], files)


@dataclass(frozen=True)
class BatchLimits:
    """How input files are grouped: a batch is the unit of a run and of a backfill."""

    # Small enough that a corpus splits into batches that run side by side on every core and
    # that a run's memory does not depend on the corpus; large enough that Dagster's cost per
    # run stays a few percent (see docs/performance.md).
    max_files: int = 500
    max_bytes: int = 4 * 1024 * 1024


@dataclass
class ScanPlan:
    new: list[Batch] = field(default_factory=list)
    """Batches holding files not seen before or changed since they were registered."""
    stale: list[str] = field(default_factory=list)
    """Keys of earlier batches that lost a file to a new batch and must be rebuilt."""
    unchanged_files: int = 0

    @property
    def keys_to_materialize(self) -> list[str]:
        return [b.key for b in self.new] + [k for k in self.stale if k not in self.new_keys]

    @property
    def new_keys(self) -> set[str]:
        return {b.key for b in self.new}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class BatchLedger:
    """Reads and writes the batch manifests of one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.dir = self.data_dir / BATCHES_DIR

    def manifest_path(self, key: str) -> Path:
        return self.dir / f"{key}.json"

    def batches(self) -> list[Batch]:
        """All registered batches, oldest registration first."""
        if not self.dir.is_dir():
            return []
        found = [Batch.from_json(p.read_text("utf-8")) for p in self.dir.glob("batch-*.json")]
        return sorted(found, key=lambda b: (b.registered_at, b.key))

    def get(self, key: str) -> Batch:
        path = self.manifest_path(key)
        if not path.is_file():
            raise KeyError(f"no batch {key!r} in {self.dir}: scan the input folder first")
        return Batch.from_json(path.read_text("utf-8"))

    def current_owners(self) -> dict[tuple[str, str], tuple[str, InputFile]]:
        """(input root, path) → (batch key, file) of the latest registration of each file."""
        owners: dict[tuple[str, str], tuple[str, InputFile]] = {}
        for batch in self.batches():
            for f in batch.files:
                owners[(batch.input_root, f.path)] = (batch.key, f)
        return owners

    def held_paths(self) -> dict[str, set[str]]:
        """Batch key → the input paths it holds now: a file registered again (changed) belongs
        to the later batch, and the earlier batch's rows read from it are stale."""
        held: dict[str, set[str]] = {}
        for (_, path), (key, _) in self.current_owners().items():
            held.setdefault(key, set()).add(path)
        return held

    def current_files(self, key: str) -> tuple[Batch, list[InputFile]]:
        """A batch and those of its files that no later batch has taken over."""
        batch = self.get(key)
        owners = self.current_owners()
        files = [f for f in batch.files if owners.get((batch.input_root, f.path), (key,))[0] == key]
        return batch, files

    def plan(
        self, input_root: Path, limits: BatchLimits = BatchLimits(), now: datetime | None = None
    ) -> ScanPlan:
        """Compare the input folder with the ledger; nothing is written."""
        root = Path(input_root).resolve()
        if not root.is_dir():
            raise FileNotFoundError(f"input folder {root} does not exist or is not a folder")
        owners = self.current_owners()
        plan = ScanPlan()
        fresh: list[InputFile] = []
        stale: set[str] = set()
        for rel in input_files(root, exclude=self.data_dir):
            size, mtime_ns, sidecar = _stat_with_sidecar(root, rel)
            known = owners.get((str(root), rel))
            if known and (known[1].size, known[1].mtime_ns) == (size, mtime_ns):
                plan.unchanged_files += 1
                continue
            current = InputFile(
                rel,
                size,
                mtime_ns,
                file_sha256(root / rel),
                file_sha256(sidecar) if sidecar else None,
            )
            if known and known[1].same_content(current):
                plan.unchanged_files += 1
                continue
            fresh.append(current)
            if known:
                stale.add(known[0])
        stamp = (now or datetime.now(UTC)).isoformat(timespec="microseconds")
        plan.new = [
            Batch(batch_key([(f.path, f.sha256) for f in group]), str(root), stamp, tuple(group))
            for group in group_files(fresh, limits)
        ]
        plan.stale = sorted(stale - plan.new_keys)
        return plan

    def register(self, batches: Iterable[Batch]) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        for batch in batches:
            atomic_write_bytes(self.manifest_path(batch.key), batch.to_json().encode("utf-8"))

    # Completion records. A batch's tables are written one by one, so a run killed in between
    # leaves some new and some old or missing; only a record written after the last of them says
    # the batch is whole, and with what settings (the model) it was built. The corpus tables
    # (built from every batch) have one record of their own.

    def done_path(self, key: str) -> Path:
        return self.dir / f"{key}{DONE_SUFFIX}"

    def mark_done(self, key: str, fingerprint: str) -> None:
        atomic_write_bytes(self.done_path(key), fingerprint.encode("utf-8"))

    def clear_done(self, key: str) -> None:
        self.done_path(key).unlink(missing_ok=True)

    def is_done(self, key: str, fingerprint: str) -> bool:
        try:
            return self.done_path(key).read_text("utf-8") == fingerprint
        except (OSError, UnicodeDecodeError):
            return False


def group_files(files: Sequence[InputFile], limits: BatchLimits) -> list[list[InputFile]]:
    """Split files, in path order, into groups within the limits (a lone big file is its own)."""
    groups: list[list[InputFile]] = []
    current: list[InputFile] = []
    size = 0
    for f in sorted(files, key=lambda f: f.path):
        if current and (len(current) >= limits.max_files or size + f.size > limits.max_bytes):
            groups.append(current)
            current, size = [], 0
        current.append(f)
        size += f.size
    if current:
        groups.append(current)
    return groups


def _stat_with_sidecar(root: Path, rel: str) -> tuple[int, int, Path | None]:
    """Size and mtime of a file and its sidecar together: a change to either is a change."""
    st = os.stat(root / rel)
    sidecar = root / f"{rel}{SIDECAR_SUFFIX}"
    try:
        side = os.stat(sidecar)
    except FileNotFoundError:
        return st.st_size, st.st_mtime_ns, None
    return st.st_size + side.st_size, max(st.st_mtime_ns, side.st_mtime_ns), sidecar


def input_files(root: Path, exclude: Path | None = None) -> list[str]:
    """The input files of a folder, without anything under ``exclude`` (a data folder placed
    inside the input folder must not be read back as input)."""
    files = discover_inputs(root)
    if exclude is None:
        return files
    try:
        inside = Path(exclude).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return files
    return [f for f in files if f != inside and not f.startswith(f"{inside}/")]


def input_fingerprint(input_root: Path, exclude: Path | None = None) -> str:
    """A cheap digest of the folder listing (paths, sizes, mtimes) to tell if anything moved."""
    root = Path(input_root)
    digest = hashlib.sha256()
    for rel in input_files(root, exclude):
        size, mtime_ns, _ = _stat_with_sidecar(root, rel)
        digest.update(f"{rel}\x1f{size}\x1f{mtime_ns}\n".encode())
    return digest.hexdigest()[:32]
