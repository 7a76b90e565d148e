"""``docs/tables.md``, generated from the schemas so that it cannot drift from them.

``python -m newsextract.tables.docs`` (``make docs``) rewrites the file; a test fails when the
committed file differs from what the schemas give.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyarrow as pa

from newsextract.tables.schemas import REFERENCES, TABLE_SUMMARIES, TABLES, column_descriptions

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "tables.md"

HEADER = """\
# Table reference

<!-- Generated from newsextract/tables/schemas.py by `make docs`; do not edit by hand. -->

Every table is a folder of Parquet files, one per input batch, under the data folder:
`pandas.read_parquet("data/<table>")` or DuckDB's `read_parquet('data/<table>/*.parquet')`
reads it whole, and `newsextract.load("data")` gives all of them (pandas and DuckDB views).
`start`/`end` columns are character offsets into `articles.text`, end-exclusive.
"""


def type_name(data_type: pa.DataType) -> str:
    """A column type as analysts read it."""
    if pa.types.is_timestamp(data_type):
        return f"timestamp ({data_type.tz})" if data_type.tz else "timestamp"
    if pa.types.is_list(data_type):
        return f"list of {type_name(data_type.value_type)}"
    return str(data_type)


def render() -> str:
    """The whole of ``docs/tables.md``."""
    parts = [HEADER, "\n| table | rows |\n|---|---|\n"]
    parts += [f"| [`{name}`](#{name}) | {TABLE_SUMMARIES[name]} |\n" for name in TABLES]
    for name, schema in TABLES.items():
        parts.append(f"\n## {name}\n\n{TABLE_SUMMARIES[name]}\n\n")
        parts.append("| column | type | null | description |\n|---|---|---|---|\n")
        descriptions = column_descriptions(schema)
        for field in schema:
            target = REFERENCES.get((name, field.name))
            joins = f" Joins `{target[0]}.{target[1]}`." if target else ""
            null = "yes" if field.nullable else "no"
            text = f"{descriptions[field.name]}{joins}".replace("|", "\\|")
            parts.append(f"| `{field.name}` | {type_name(field.type)} | {null} | {text} |\n")
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    path = Path(argv[0]) if argv else DOC_PATH
    path.write_text(render(), encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
