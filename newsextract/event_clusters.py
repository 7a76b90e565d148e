"""The same real-world event reported by several articles, grouped; every report kept.

Two event rows are reports of one event when they agree on what (type, negation), who (the
source and the target: their entity, else their country) and where (the place entity, else its
country, when both name one), and their dates are close: within the coarser of the two date
precisions (two days for days, a week, a month, a year). Rows are chained in date order, so a
run of daily reports of a week-long siege stays one cluster.

A row with neither a source nor a target key cannot be matched with any confidence and makes a
cluster of its own. The cluster ID is the ID of its earliest report (by date, then event ID),
so it does not depend on the order articles were processed in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

import pyarrow as pa

from newsextract import ids
from newsextract.schemas import EVENT_CLUSTERS

WINDOW = {
    "day": timedelta(days=2),
    "week": timedelta(days=7),
    "month": timedelta(days=31),
    "year": timedelta(days=366),
}
REPORT_COLUMNS = (
    "event_id", "article_id", "event_type", "trigger", "trigger_start", "trigger_end",
    "sentence_start", "sentence_end", "source_actor", "source_country", "target_actor",
    "target_country", "location", "location_country", "event_date", "date_precision",
    "confidence",
)  # fmt: skip


def _actor_key(row: dict, role: str) -> str | None:
    return row.get(f"{role}_entity_id") or row.get(f"{role}_country")


def _group_key(row: dict) -> tuple | None:
    source, target = _actor_key(row, "source"), _actor_key(row, "target")
    if source is None and target is None:
        return None
    return (row["event_type"], bool(row["negated"]), source, target)


def _same_place(a: dict, b: dict) -> bool:
    for column in ("location_entity_id", "location_country"):
        if a.get(column) and b.get(column):
            return a[column] == b[column]
    return True  # one of them does not say where


def _close(a: dict, b: dict) -> bool:
    if a["event_date"] is None or b["event_date"] is None:
        return a["event_date"] is None and b["event_date"] is None
    window = max(
        WINDOW.get(a["date_precision"] or "day", WINDOW["day"]),
        WINDOW.get(b["date_precision"] or "day", WINDOW["day"]),
    )
    return abs(a["event_date"] - b["event_date"]) <= window


def _order(row: dict) -> tuple[date, str]:
    return (row["event_date"] or date.max, row["event_id"])


def cluster_events(event_tables: Iterable[pa.Table]) -> pa.Table:
    """One row per report (event row) with the cluster it belongs to."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    singles: list[dict] = []
    for table in event_tables:
        for row in table.to_pylist():
            key = _group_key(row)
            (groups[key] if key is not None else singles).append(row)
    clusters: list[list[dict]] = [[row] for row in singles]
    for rows in groups.values():
        rows.sort(key=_order)
        open_clusters: list[list[dict]] = []
        for row in rows:
            home = next(
                (
                    c
                    for c in open_clusters
                    if _close(c[-1], row) and all(_same_place(r, row) for r in c)
                ),
                None,
            )
            if home is None:
                open_clusters.append([row])
            else:
                home.append(row)
        clusters.extend(open_clusters)
    out = []
    for members in clusters:
        members.sort(key=_order)
        first = members[0]
        dates = [m["event_date"] for m in members if m["event_date"] is not None]
        cluster = {
            "cluster_id": ids.cluster_id(first["event_id"]),
            "report_count": len(members),
            "article_count": len({m["article_id"] for m in members}),
            "first_date": min(dates) if dates else None,
            "last_date": max(dates) if dates else None,
        }
        for member in members:
            out.append({**cluster, **{k: member[k] for k in REPORT_COLUMNS}})
    out.sort(key=lambda r: (r["cluster_id"], r["event_id"]))
    return pa.Table.from_pylist(out, schema=EVENT_CLUSTERS)
