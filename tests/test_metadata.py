"""The Markdown preview every table materialisation records (pure function)."""

from __future__ import annotations

import pyarrow as pa

from assets.metadata import PREVIEW_CELL_CHARS, PREVIEW_ROWS, markdown_preview

LONG = "Troops crossed\nthe river " + "at dawn " * 40


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def test_the_preview_shows_the_first_rows_with_long_texts_cut() -> None:
    n = PREVIEW_ROWS + 3
    table = pa.table(
        {
            "article_id": [f"art_{i}" for i in range(n)],
            "text": [LONG, "Short text."] + [LONG] * (n - 2),
            "aliases": [["UN", "United Nations"]] * n,
            "latitude": [None] + [33.5] * (n - 1),
        }
    )
    header, _, first, second, *rest = markdown_preview(table).splitlines()
    assert cells(header) == table.column_names
    assert len(rest) == PREVIEW_ROWS - 2  # only the first rows
    article_id, text, aliases, latitude = cells(first)
    assert article_id == "art_0"
    assert text == " ".join(LONG.split())[: PREVIEW_CELL_CHARS - 1] + "…"
    assert "UN" in aliases and "United Nations" in aliases
    assert latitude == ""
    assert cells(second)[1:4:2] == ["Short text.", "33.5"]


def test_an_empty_table_says_so() -> None:
    assert markdown_preview(pa.table({"a": pa.array([], pa.string())})) == "_no rows_"
