"""Turn one batch of input files into the ``articles`` and ``rejected_inputs`` tables.

This is the only place raw input files are read. Every input unit ends up in exactly one of the
two tables: an article, or a rejected row saying why (unreadable, malformed, or a duplicate of
an article already kept).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa

from newsextract.ingest.batches import InputFile
from newsextract.ingest.language import detect_language
from newsextract.readers import ReadOptions, read_input
from newsextract.readers.records import ArticleRecord, RejectedInput
from newsextract.tables import ids, schemas
from newsextract.tables.folders import (
    KEPT_IN_ANOTHER_BATCH,
    InputPlace,
    duplicate_reason,
    input_place,
)


@dataclass
class IngestResult:
    articles: pa.Table
    rejected: pa.Table
    files_read: int = 0
    counts_by_reason: dict[str, int] = field(default_factory=dict)


def read_batch(
    input_root: Path,
    files: Sequence[InputFile],
    *,
    batch: str,
    kept_elsewhere: Callable[[], Mapping[str, InputPlace]] | Mapping[str, InputPlace] | None = None,
    options: ReadOptions | None = None,
    now: datetime | None = None,
) -> IngestResult:
    """Read every file of a batch, in path order, into the two tables.

    ``kept_elsewhere`` maps the articles other batches keep to where they read them. Of two
    copies of an article (same ID: same ``id`` and text) the one read from the earlier place
    (input path, then record number) is kept and the other rejected as a duplicate, within
    the batch and across batches, whichever batch runs first. A copy kept here that another
    batch keeps from a later place makes that batch stale
    (:func:`newsextract.tables.folders.batches_keeping_later_copies`); so does a copy rejected here
    whose kept copy is gone (:func:`newsextract.tables.folders.batches_missing_kept_copies`).
    """
    stamp = now or datetime.now(UTC)
    root = Path(input_root)
    articles: list[dict] = []
    rejected: list[dict] = []
    kept: dict[str, ArticleRecord] = {}
    elsewhere = (kept_elsewhere() if callable(kept_elsewhere) else kept_elsewhere) or {}
    results: list[ArticleRecord | RejectedInput] = []
    for f in sorted(files, key=lambda f: f.path):
        if not (root / f.path).is_file():
            results.append(
                RejectedInput(
                    f.path,
                    "missing",
                    f"the file was registered in batch {batch} but no longer exists in {root}",
                    f.size,
                )
            )
            continue
        results.extend(read_input(root, f.path, options))
    for item in results:
        if isinstance(item, RejectedInput):
            rejected.append(_rejected_row(item, batch, stamp))
            continue
        aid = ids.article_id(item.external_id, item.text)
        first = kept.get(aid)
        earlier = elsewhere.get(aid)
        if earlier is not None and earlier > input_place(item.input_path, item.input_record):
            earlier = None  # this copy comes first: kept here, the other batch is rebuilt
        if first is not None or earlier is not None:
            # Across batches the place is not named: a later input may take the article over,
            # and this row must not depend on when it was written.
            where = (
                f"{first.input_path}{_record_suffix(first.input_record)}"
                if first is not None
                else KEPT_IN_ANOTHER_BATCH
            )
            rejected.append(
                _rejected_row(
                    RejectedInput(
                        item.input_path,
                        "duplicate",
                        duplicate_reason(aid, where),
                        len(item.text.encode("utf-8")),
                        item.input_record,
                    ),
                    batch,
                    stamp,
                )
            )
            continue
        kept[aid] = item
        articles.append(_article_row(item, aid, batch, stamp))
    reasons: dict[str, int] = {}
    for row in rejected:
        reasons[row["reason_code"]] = reasons.get(row["reason_code"], 0) + 1
    return IngestResult(
        articles=pa.Table.from_pylist(articles, schema=schemas.ARTICLES),
        rejected=pa.Table.from_pylist(rejected, schema=schemas.REJECTED_INPUTS),
        files_read=len(files),
        counts_by_reason=reasons,
    )


def _record_suffix(record: int | None) -> str:
    return "" if record is None else f"#{record}"


def _article_row(rec: ArticleRecord, aid: str, batch: str, stamp: datetime) -> dict:
    return {
        "article_id": aid,
        "batch": batch,
        "external_id": rec.external_id,
        "source": rec.source,
        "url": rec.url,
        "title": rec.title,
        "published_at": rec.published_at,
        "published_precision": rec.published_precision,
        "published_raw": rec.published_raw,
        "dateline_place": rec.dateline_place,
        "language": detect_language(rec.text),
        "text": rec.text,
        "word_count": len(rec.text.split()),
        "content_sha256": ids.sha256_text(rec.text),
        "input_path": rec.input_path,
        "input_record": rec.input_record,
        "input_format": rec.input_format,
        "encoding": rec.encoding,
        "ingested_at": stamp,
    }


def _rejected_row(rej: RejectedInput, batch: str, stamp: datetime) -> dict:
    return {
        "rejected_id": ids.rejected_id(batch, rej.input_path, rej.input_record, rej.reason_code),
        "batch": batch,
        "input_path": rej.input_path,
        "input_record": rej.input_record,
        "size_bytes": rej.size_bytes,
        "reason_code": rej.reason_code,
        "reason": rej.reason,
        "rejected_at": stamp,
    }
