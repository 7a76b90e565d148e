"""Data-quality rules over tables, as pure functions.

Dagster's asset checks call these; so do the tests, on deliberately corrupted tables. Each rule
returns a :class:`CheckOutcome` with a few failing rows as examples, so a failed check in the
UI shows what to look at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from newsextract.tables.folders import column_map

MAX_EXAMPLES = 5


@dataclass(frozen=True)
class CheckOutcome:
    passed: bool
    description: str
    failing_rows: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)


def _examples(table: pa.Table, mask: pa.Array, columns: Iterable[str]) -> list[dict[str, Any]]:
    cols = [c for c in columns if c in table.column_names]
    picked = table.filter(mask).select(cols).slice(0, MAX_EXAMPLES).to_pylist()
    return [{k: _short(v) for k, v in row.items()} for row in picked]


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 80:
        return value[:77] + "..."
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _failing(
    table: pa.Table, mask: pa.Array, describe: Callable[[int], str], columns: list[str]
) -> CheckOutcome:
    """The outcome of a row rule: ``mask`` marks the failing rows, ``describe`` says how many
    failed, and a few of them become examples."""
    bad = pc.sum(mask).as_py() or 0
    return CheckOutcome(
        passed=bad == 0,
        description=describe(bad),
        failing_rows=bad,
        examples=_examples(table, mask, columns) if bad else [],
    )


def unique_non_null(
    table: pa.Table, key: str, *, also_seen: set[str] | None = None
) -> CheckOutcome:
    """Every value of ``key`` is present and unique (also against ``also_seen``, other batches)."""
    column = table.column(key)
    nulls = pc.is_null(column)
    n_null = pc.sum(nulls).as_py() or 0
    values = column.to_pylist()
    seen: set[str] = set()
    dup_mask = []
    for v in values:
        dup = v is not None and (v in seen or (also_seen is not None and v in also_seen))
        dup_mask.append(dup)
        if v is not None:
            seen.add(v)
    n_dup = sum(dup_mask)
    failing = pc.or_(nulls, pa.array(dup_mask, pa.bool_())) if len(values) else nulls
    bad = n_null + n_dup
    return CheckOutcome(
        passed=bad == 0,
        description=f"{key}: {n_null} null, {n_dup} duplicated of {table.num_rows} rows",
        failing_rows=bad,
        examples=_examples(table, failing, [key, "input_path", "input_record"]) if bad else [],
    )


def schema_matches(table: pa.Table, expected: pa.Schema) -> CheckOutcome:
    """Column names, order, types and nullability equal the declared schema."""
    actual = table.schema
    problems: list[str] = []
    if actual.names != expected.names:
        missing = [n for n in expected.names if n not in actual.names]
        extra = [n for n in actual.names if n not in expected.names]
        problems.append(f"columns differ: missing {missing}, unexpected {extra}")
    for f in expected:
        if f.name in actual.names:
            got = actual.field(f.name)
            if not got.type.equals(f.type):
                problems.append(f"{f.name}: type {got.type}, expected {f.type}")
            if got.nullable != f.nullable:
                problems.append(f"{f.name}: nullable={got.nullable}, expected {f.nullable}")
    for f in expected:
        if not f.nullable and f.name in actual.names:
            n = table.column(f.name).null_count
            if n:
                problems.append(f"{f.name}: {n} nulls in a non-null column")
    return CheckOutcome(
        passed=not problems,
        description="schema matches" if not problems else "; ".join(problems),
        failing_rows=0,
    )


def not_in_future(table: pa.Table, column: str, *, now: datetime | None = None) -> CheckOutcome:
    limit = pa.scalar(now or datetime.now(UTC), table.schema.field(column).type)
    mask = pc.fill_null(pc.greater(table.column(column), limit), False)
    return _failing(
        table,
        mask,
        lambda bad: f"{bad} rows with {column} after {limit.as_py().isoformat()}",
        ["article_id", column, "input_path"],
    )


def non_empty_text(table: pa.Table, column: str = "text") -> CheckOutcome:
    col = table.column(column)
    stripped = pc.utf8_trim_whitespace(pc.fill_null(col, ""))
    mask = pc.equal(pc.utf8_length(stripped), 0)
    return _failing(
        table,
        mask,
        lambda bad: f"{bad} rows with empty or whitespace-only {column}",
        ["article_id", "input_path", "input_record"],
    )


def inputs_accounted(
    expected_paths: Iterable[str], articles: pa.Table, rejected: pa.Table
) -> CheckOutcome:
    """Every input file of the batch is an article or a rejected row; no input unit is both."""
    expected = set(expected_paths)
    units = _input_units(articles) + _input_units(rejected)
    # Sidecar rejections (bad <file>.meta.json) name a path outside the manifest: fine.
    missing = sorted(expected - {path for path, _ in units})
    doubled = len(units) - len(set(units))
    ok = not missing and doubled == 0
    return CheckOutcome(
        passed=ok,
        description=(
            f"{len(expected)} input files: {len(missing)} unaccounted for, "
            f"{doubled} input units counted twice"
        ),
        failing_rows=len(missing) + doubled,
        examples=[{"input_path": p} for p in missing[:MAX_EXAMPLES]],
    )


def _input_units(table: pa.Table) -> list[tuple[str, int | None]]:
    paths = table.column("input_path").to_pylist()
    records = table.column("input_record").to_pylist()
    return list(zip(paths, records, strict=True))


def offsets_match_text(
    spans: pa.Table,
    articles: pa.Table,
    *,
    start: str = "start",
    end: str = "end",
    text: str = "text",
) -> CheckOutcome:
    """For every row, ``articles.text[start:end] == text`` of its article (nulls skipped)."""
    bodies = column_map(articles, "article_id", "text")
    failing = []
    for article_id, s, e, written in zip(
        spans.column("article_id").to_pylist(),
        spans.column(start).to_pylist(),
        spans.column(end).to_pylist(),
        spans.column(text).to_pylist(),
        strict=True,
    ):
        if s is None and e is None and written is None:
            failing.append(False)
            continue
        body = bodies.get(article_id)
        ok = (
            body is not None
            and s is not None
            and e is not None
            and 0 <= s <= e <= len(body)
            and body[s:e] == written
        )
        failing.append(not ok)
    return _failing(
        spans,
        pa.array(failing, pa.bool_()),
        lambda bad: (
            f"{bad} of {spans.num_rows} rows whose {text} is not articles.text[{start}:{end}]"
        ),
        ["article_id", start, end, text],
    )


def references_exist(
    table: pa.Table, column: str, known: Iterable[str], target: str
) -> CheckOutcome:
    """Every non-null value of ``column`` is a key of ``target`` (given as ``known``)."""
    values = table.column(column)
    known_ids = pa.array(sorted(set(known)), pa.string())
    # A null is no reference (a quote without a speaker entity), not a broken one.
    mask = pc.and_(pc.is_valid(values), pc.invert(pc.is_in(values, value_set=known_ids)))
    return _failing(
        table,
        mask,
        lambda bad: f"{bad} of {table.num_rows} rows whose {column} is not in {target}",
        [column, "article_id", "text", "name"],
    )


def values_allowed(
    table: pa.Table, column: str, allowed: Iterable[str], *, allow_null: bool = False
) -> CheckOutcome:
    """Every value of ``column`` is one of ``allowed`` (nulls count as not allowed unless
    ``allow_null``)."""
    allowed = sorted(set(allowed))
    values = table.column(column)
    mask = pc.invert(pc.is_in(values, value_set=pa.array(allowed)))  # a null is never "in"
    if allow_null:
        mask = pc.and_(mask, pc.is_valid(values))
    return _failing(
        table,
        mask,
        lambda bad: (
            f"{bad} of {table.num_rows} rows with {column} outside "
            + (f"{allowed}" if len(allowed) <= 30 else f"the {len(allowed)} allowed codes")
        ),
        [column, "article_id", "text", "name"],
    )


def at_least(table: pa.Table, column: str, minimum: int) -> CheckOutcome:
    """Every value of ``column`` is at least ``minimum`` (e.g. no entity without mentions)."""
    mask = pc.invert(pc.fill_null(pc.greater_equal(table.column(column), minimum), False))
    return _failing(
        table,
        mask,
        lambda bad: f"{bad} of {table.num_rows} rows with {column} below {minimum}",
        ["entity_id", "name", column],
    )


def dated_by_publication(events: pa.Table, articles: pa.Table) -> CheckOutcome:
    """No event is dated after its article's publication unless it is stated as future or
    hypothetical."""
    published = column_map(articles, "article_id", "published_at")
    failing = []
    for article_id, day, future, hypothetical in zip(
        events.column("article_id").to_pylist(),
        events.column("event_date").to_pylist(),
        events.column("future").to_pylist(),
        events.column("hypothetical").to_pylist(),
        strict=True,
    ):
        when = published.get(article_id)
        late = day is not None and when is not None and day > when.date()
        failing.append(late and not (future or hypothetical))
    return _failing(
        events,
        pa.array(failing, pa.bool_()),
        lambda bad: (
            f"{bad} of {events.num_rows} events dated after publication but not future or "
            "hypothetical"
        ),
        ["article_id", "event_type", "trigger", "event_date", "date_text"],
    )


def same_keys(table: pa.Table, column: str, expected: Iterable[str], source: str) -> CheckOutcome:
    """``column`` holds each of ``expected`` exactly once: no row of ``source`` lost,
    duplicated or invented."""
    expected = list(expected)
    values = table.column(column).to_pylist()
    missing = set(expected) - set(values)
    extra = set(values) - set(expected)
    duplicated = len(values) - len(set(values))
    bad = len(missing) + len(extra) + duplicated
    return CheckOutcome(
        passed=bad == 0,
        description=(
            f"{len(values)} rows for {len(expected)} {source} rows: {len(missing)} missing, "
            f"{len(extra)} unknown, {duplicated} duplicated"
        ),
        failing_rows=bad,
        examples=[{column: v} for v in sorted(missing | extra)[:MAX_EXAMPLES]],
    )


def all_of(outcomes: list[CheckOutcome]) -> CheckOutcome:
    """One outcome for several rules of one check: passed if all passed, else the failures
    with their counts and examples."""
    failing = [o for o in outcomes if not o.passed]
    if not failing:
        return CheckOutcome(True, "; ".join(o.description for o in outcomes))
    return CheckOutcome(
        False,
        "; ".join(o.description for o in failing),
        sum(o.failing_rows for o in failing),
        [e for o in failing for e in o.examples][:MAX_EXAMPLES],
    )
