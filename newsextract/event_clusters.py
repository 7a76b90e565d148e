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
from dataclasses import dataclass
from datetime import date, timedelta

import pyarrow as pa

from newsextract import ids
from newsextract.schemas import EVENT_CLUSTERS, EVENTS

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


# The columns clustering reads, besides REPORT_COLUMNS' event_id, article_id and dates.
_KEY_COLUMNS = (
    "event_id", "article_id", "event_type", "negated", "source_entity_id", "source_country",
    "target_entity_id", "target_country", "location_entity_id", "location_country",
    "event_date", "date_precision",
)  # fmt: skip
# No window is wider: a cluster whose last report is older than this can take no later report.
_WIDEST = max(WINDOW.values())


@dataclass
class _Report:
    """What clustering needs of one event row (``index``: its row in the concatenated input)."""

    index: int
    event_id: str
    article_id: str
    event_date: date | None
    window: timedelta
    place: tuple[str | None, str | None]  # location entity, location country

    @property
    def order(self) -> tuple[date, str]:
        return (self.event_date or date.max, self.event_id)


def _close(a: _Report, b: _Report) -> bool:
    if a.event_date is None or b.event_date is None:
        return a.event_date is None and b.event_date is None
    return abs(a.event_date - b.event_date) <= max(a.window, b.window)


def _same_place(a: _Report, b: _Report) -> bool:
    for mine, theirs in zip(a.place, b.place, strict=True):
        if mine and theirs:
            return mine == theirs
    return True  # one of them does not say where


def _chain(reports: list[_Report]) -> list[list[_Report]]:
    """Reports of one group (same what and who) chained into clusters in date order."""
    reports.sort(key=lambda r: r.order)
    open_clusters: list[list[_Report]] = []
    done: list[list[_Report]] = []
    for report in reports:
        if report.event_date is not None:
            # Too old for this report is too old for every later one: set them aside.
            still_open = []
            for c in open_clusters:
                last = c[-1].event_date
                too_old = last is not None and report.event_date - last > _WIDEST
                (done if too_old else still_open).append(c)
            open_clusters = still_open
        home = next(
            (
                c
                for c in open_clusters
                if _close(c[-1], report) and all(_same_place(r, report) for r in c)
            ),
            None,
        )
        if home is None:
            open_clusters.append([report])
        else:
            home.append(report)
    return done + open_clusters


def cluster_events(event_tables: Iterable[pa.Table]) -> pa.Table:
    """One row per report (event row) with the cluster it belongs to."""
    columns = list(dict.fromkeys(REPORT_COLUMNS + _KEY_COLUMNS))
    tables = [t.select(columns) for t in event_tables]
    reports_table = pa.concat_tables(tables) if tables else EVENTS.empty_table().select(columns)
    # Column lists, not row dicts: a corpus has hundreds of thousands of event rows.
    col = {name: reports_table.column(name).to_pylist() for name in _KEY_COLUMNS}
    groups: dict[tuple, list[_Report]] = defaultdict(list)
    clusters: list[list[_Report]] = []
    for i in range(reports_table.num_rows):
        report = _Report(
            index=i,
            event_id=col["event_id"][i],
            article_id=col["article_id"][i],
            event_date=col["event_date"][i],
            window=WINDOW.get(col["date_precision"][i] or "day", WINDOW["day"]),
            place=(col["location_entity_id"][i], col["location_country"][i]),
        )
        source = col["source_entity_id"][i] or col["source_country"][i]
        target = col["target_entity_id"][i] or col["target_country"][i]
        if source is None and target is None:
            clusters.append([report])  # nothing to match it on with any confidence
        else:
            groups[(col["event_type"][i], bool(col["negated"][i]), source, target)].append(report)
    for reports in groups.values():
        clusters.extend(_chain(reports))
    rows: list[tuple[str, str, int]] = []  # (cluster ID, event ID, report's row)
    facts: dict[str, tuple[int, int, date | None, date | None]] = {}
    for members in clusters:
        first = min(members, key=lambda r: r.order)
        cid = ids.cluster_id(first.event_id)
        dates = [m.event_date for m in members if m.event_date is not None]
        facts[cid] = (
            len(members),
            len({m.article_id for m in members}),
            min(dates) if dates else None,
            max(dates) if dates else None,
        )
        rows.extend((cid, m.event_id, m.index) for m in members)
    rows.sort()
    order = [index for _, _, index in rows]
    cluster_ids = [cid for cid, _, _ in rows]
    per_row = [facts[cid] for cid in cluster_ids]
    cluster_columns = {
        "cluster_id": cluster_ids,
        "report_count": [f[0] for f in per_row],
        "article_count": [f[1] for f in per_row],
        "first_date": [f[2] for f in per_row],
        "last_date": [f[3] for f in per_row],
    }
    reports = reports_table.select(list(REPORT_COLUMNS)).take(pa.array(order, pa.int64()))
    arrays = [
        pa.array(cluster_columns[field.name], field.type)
        if field.name in cluster_columns
        else reports.column(field.name).cast(field.type)
        for field in EVENT_CLUSTERS
    ]
    return pa.Table.from_arrays(arrays, schema=EVENT_CLUSTERS)
