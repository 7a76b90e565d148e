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

from newsextract.tables import ids
from newsextract.tables.schemas import EVENT_CLUSTERS, EVENTS

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
# Columns of event_clusters that are facts of the cluster, not of the report.
_CLUSTER_FACTS = ("cluster_id", "report_count", "article_count", "first_date", "last_date")
# No window is wider: a cluster whose last report is older than this can take no later report.
_WIDEST = max(WINDOW.values())


class _Reports:
    """What clustering reads of every event row, as columns: rows are their indexes."""

    def __init__(self, table: pa.Table) -> None:
        col = {name: table.column(name).to_pylist() for name in _KEY_COLUMNS}
        self.event_id: list[str] = col["event_id"]
        self.article_id: list[str] = col["article_id"]
        self.date: list[date | None] = col["event_date"]
        self.window = [WINDOW.get(p or "day", WINDOW["day"]) for p in col["date_precision"]]
        self.place = list(zip(col["location_entity_id"], col["location_country"], strict=True))
        self.col = col
        # The order reports are chained in: by date (undated last), then event ID.
        self.order = [(d or date.max, e) for d, e in zip(self.date, self.event_id, strict=True)]

    def close(self, a: int, b: int) -> bool:
        da, db = self.date[a], self.date[b]
        if da is None or db is None:
            return da is None and db is None
        return abs(da - db) <= max(self.window[a], self.window[b])


class _OpenCluster:
    """A cluster that can still take reports, with what it says of place: two reports agree on
    place when they name the same place entity, or, where one of them names none, the same
    country, or when one of them does not say where."""

    def __init__(self, row: int, place: tuple[str | None, str | None]) -> None:
        self.rows = [row]
        self.entities: set[str] = set()
        self.countries: set[str] = set()
        self.countries_without_entity: set[str] = set()
        self._note(place)

    def _note(self, place: tuple[str | None, str | None]) -> None:
        entity, country = place
        if entity:
            self.entities.add(entity)
        if country:
            self.countries.add(country)
            if not entity:
                self.countries_without_entity.add(country)

    def add(self, row: int, place: tuple[str | None, str | None]) -> None:
        self.rows.append(row)
        self._note(place)

    def same_place(self, place: tuple[str | None, str | None]) -> bool:
        """Whether the report agrees on place with every report of the cluster."""
        entity, country = place
        if entity:
            # Members with an entity compare entities; the others compare countries.
            if any(e != entity for e in self.entities):
                return False
            others = self.countries_without_entity
        else:
            others = self.countries
        return not country or all(c == country for c in others)


def _groups(reports: _Reports) -> tuple[list[list[int]], list[list[int]]]:
    """(rows that are clusters of their own, groups of rows with the same what and who)."""
    col = reports.col
    alone: list[list[int]] = []
    groups: dict[tuple, list[int]] = defaultdict(list)
    keys = zip(
        col["event_type"], col["negated"], col["source_entity_id"], col["source_country"],
        col["target_entity_id"], col["target_country"], strict=True,
    )  # fmt: skip
    for i, key in enumerate(keys):
        event_type, negated, source_id, source_country, target_id, target_country = key
        source = source_id or source_country
        target = target_id or target_country
        if source is None and target is None:
            alone.append([i])  # nothing to match it on with any confidence
        else:
            groups[(event_type, bool(negated), source, target)].append(i)
    return alone, list(groups.values())


def _chain(reports: _Reports, rows: list[int]) -> list[list[int]]:
    """Rows of one group (same what and who) chained into clusters in date order; each
    cluster's rows are in that order too."""
    if len(rows) == 1:
        return [rows]
    rows.sort(key=reports.order.__getitem__)
    date_of, place_of = reports.date, reports.place
    open_clusters: list[_OpenCluster] = []
    done: list[list[int]] = []
    for row in rows:
        when = date_of[row]
        if when is not None:
            # Too old for this report is too old for every later one: set them aside.
            still_open = []
            for c in open_clusters:
                last = date_of[c.rows[-1]]
                if last is not None and when - last > _WIDEST:
                    done.append(c.rows)
                else:
                    still_open.append(c)
            open_clusters = still_open
        place = place_of[row]
        home = next(
            (c for c in open_clusters if reports.close(c.rows[-1], row) and c.same_place(place)),
            None,
        )
        if home is None:
            open_clusters.append(_OpenCluster(row, place))
        else:
            home.add(row, place)
    return done + [c.rows for c in open_clusters]


def cluster_events(event_tables: Iterable[pa.Table]) -> pa.Table:
    """One row per report (event row) with the cluster it belongs to."""
    columns = list(dict.fromkeys(REPORT_COLUMNS + _KEY_COLUMNS))
    tables = [t.select(columns) for t in event_tables]
    reports_table = pa.concat_tables(tables) if tables else EVENTS.empty_table().select(columns)
    # Columns and row indexes, not an object per row: a corpus has hundreds of thousands.
    reports = _Reports(reports_table)
    clusters, groups = _groups(reports)
    for rows in groups:
        clusters.extend(_chain(reports, rows))
    # One row per cluster, then taken for each of its reports (Arrow does the per-row work).
    event_id, article_id, date_of = reports.event_id, reports.article_id, reports.date
    facts: dict[str, list] = {name: [] for name in _CLUSTER_FACTS}
    cluster_of = [0] * reports_table.num_rows
    for number, members in enumerate(clusters):
        dates = [date_of[m] for m in members if date_of[m] is not None]
        facts["cluster_id"].append(ids.cluster_id(event_id[members[0]]))  # the earliest report
        facts["report_count"].append(len(members))
        facts["article_count"].append(len({article_id[m] for m in members}))
        facts["first_date"].append(min(dates) if dates else None)
        facts["last_date"].append(max(dates) if dates else None)
        for m in members:
            cluster_of[m] = number
    per_cluster = {name: pa.array(values, EVENT_CLUSTERS.field(name).type)
                   for name, values in facts.items()}  # fmt: skip
    taken = pa.array(cluster_of, pa.int64())
    table = pa.Table.from_arrays(
        [
            per_cluster[field.name].take(taken)
            if field.name in per_cluster
            else reports_table.column(field.name).cast(field.type)
            for field in EVENT_CLUSTERS
        ],
        schema=EVENT_CLUSTERS,
    )
    # A stable sort: reports of one cluster by event ID.
    return table.sort_by([("cluster_id", "ascending"), ("event_id", "ascending")])
