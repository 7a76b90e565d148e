"""Whether two data folders hold the same tables: every Parquet file, its schema and its rows in
order, the run timestamps aside.

For changes meant to leave every output as it was (a move, a speed-up): run the pipeline on the
same input before and after, into two folders, and compare them::

    python evaluation/compare_tables.py build/before/seeds build/after/seeds

Exit 0 when they are the same, 1 with a line per file that differs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import pyarrow.parquet as pq

RUN_TIMES = frozenset({"ingested_at", "rejected_at"})
"""When a run read or rejected an input: the only columns that differ between two runs."""


def differences(expected: Path, actual: Path) -> list[str]:
    """What differs between the Parquet files under two folders; empty when nothing does."""
    want = {p.relative_to(expected) for p in expected.rglob("*.parquet")}
    got = {p.relative_to(actual) for p in actual.rglob("*.parquet")}
    found = [f"{path}: only in {expected}" for path in sorted(want - got)]
    found += [f"{path}: only in {actual}" for path in sorted(got - want)]
    for path in sorted(want & got):
        a, b = pq.read_table(expected / path), pq.read_table(actual / path)
        if a.schema != b.schema or a.schema.metadata != b.schema.metadata:
            found.append(f"{path}: schemas differ")
            continue
        kept = [name for name in a.column_names if name not in RUN_TIMES]
        if not a.select(kept).equals(b.select(kept)):
            found.append(f"{path}: rows differ ({a.num_rows} against {b.num_rows} rows)")
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("expected", type=Path, help="data folder before the change")
    parser.add_argument("actual", type=Path, help="data folder after the change")
    args = parser.parse_args(argv)
    files = len(list(args.expected.rglob("*.parquet")))
    if files == 0:
        print(f"no Parquet files under {args.expected}", file=sys.stderr)
        return 2
    found = differences(args.expected, args.actual)
    for line in found:
        print(line)
    print(f"{files} files compared, {len(found)} differ")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
