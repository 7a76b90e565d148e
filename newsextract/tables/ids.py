"""Stable identifiers: pure functions of content, never of time, machine or processing order."""

from __future__ import annotations

import hashlib

_SEP = "\x1f"  # unit separator: cannot occur ambiguously between the hashed parts


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _digest(prefix: str, *parts: object, length: int = 20) -> str:
    joined = _SEP.join("" if p is None else str(p) for p in parts)
    return prefix + hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def article_id(external_id: str | None, text: str) -> str:
    """An article is its declared id plus its text.

    The same record arriving twice (a copied file, a re-sent feed line) gets the same ID and is
    kept once; two records that declare different ids stay distinct even if their texts match.
    80 bits of SHA-256 keep the collision odds negligible at hundreds of millions of articles.
    """
    return _digest("art_", external_id, text)


def rejected_id(batch: str, input_path: str, input_record: int | None, reason_code: str) -> str:
    return _digest("rej_", batch, input_path, input_record, reason_code)


def batch_key(entries: list[tuple[str, str]]) -> str:
    """Partition key of an input batch: a digest of its (relative path, file SHA-256) pairs."""
    return _digest("batch-", *(f"{path}{_SEP}{sha}" for path, sha in sorted(entries)), length=12)


def mention_id(article: str, start: int, end: int, label: str) -> str:
    return _digest("men_", article, start, end, label)


def entity_id(key: str) -> str:
    """A canonical entity is its key (``country:SYR``, ``person:bashar al-assad``, …): the same
    thing gets the same ID in every article, batch and run."""
    return _digest("ent_", key, length=16)


def quote_id(article: str, start: int, end: int) -> str:
    return _digest("quo_", article, start, end)


def event_id(
    article: str, trigger_start: int, source_start: int | None, target_start: int | None
) -> str:
    """One event row is one source–target dyad of one trigger."""
    return _digest("evt_", article, trigger_start, source_start, target_start)


def cluster_id(first_event_id: str) -> str:
    """A cluster of reports is named by its earliest report."""
    return _digest("clu_", first_event_id)
