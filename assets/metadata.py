"""Materialisation metadata every table asset records: row count, column schema, preview."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import dagster as dg
import pyarrow as pa

from newsextract.tables.quality import CheckOutcome
from newsextract.tables.schemas import column_descriptions

PREVIEW_ROWS = 5
PREVIEW_CELL_CHARS = 60


def column_schema(schema: pa.Schema) -> dg.TableSchema:
    descriptions = column_descriptions(schema)
    return dg.TableSchema(
        columns=[
            dg.TableColumn(
                name=f.name,
                type=str(f.type),
                description=descriptions.get(f.name) or None,
                constraints=dg.TableColumnConstraints(nullable=f.nullable),
            )
            for f in schema
        ]
    )


def markdown_preview(table: pa.Table, rows: int = PREVIEW_ROWS) -> str:
    """The first rows as a Markdown table, long texts cut (pandas' ``to_markdown`` without
    pandas, which the pipeline does not otherwise import)."""
    if table.num_rows == 0:
        return "_no rows_"
    from tabulate import tabulate

    cells = [[_cell(v) for v in row.values()] for row in table.slice(0, rows).to_pylist()]
    return tabulate(cells, headers=table.column_names, tablefmt="pipe")


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        flat = " ".join(value.split())
        return flat if len(flat) <= PREVIEW_CELL_CHARS else flat[: PREVIEW_CELL_CHARS - 1] + "…"
    return value


def table_metadata(table: pa.Table, schema: pa.Schema) -> dict[str, Any]:
    return {
        "dagster/row_count": table.num_rows,
        "dagster/column_schema": column_schema(schema),
        "preview": dg.MetadataValue.md(markdown_preview(table)),
    }


def check_result(
    asset: str, name: str, outcome: CheckOutcome, *, blocking: bool
) -> dg.AssetCheckResult:
    metadata: dict[str, Any] = {"failing_rows": outcome.failing_rows}
    if outcome.examples:
        metadata["examples"] = dg.MetadataValue.json(outcome.examples)
    return dg.AssetCheckResult(
        asset_key=asset,
        check_name=name,
        passed=outcome.passed,
        severity=dg.AssetCheckSeverity.ERROR if blocking else dg.AssetCheckSeverity.WARN,
        description=outcome.description,
        metadata=metadata,
    )


def checked_outputs(
    results: list[dg.AssetCheckResult], outputs: list[dg.Output]
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """Yield the outputs, then their check results — or, if a blocking (ERROR) check failed,
    record the results and fail the step before any output reaches the IO manager."""
    failed = [r for r in results if not r.passed and r.severity == dg.AssetCheckSeverity.ERROR]
    if failed:
        yield from results
        raise dg.Failure(
            description="blocking checks failed; nothing was written: "
            + "; ".join(f"{r.check_name}: {r.description}" for r in failed)
        )
    yield from outputs
    yield from results
