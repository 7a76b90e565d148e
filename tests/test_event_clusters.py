"""Clustering reports of one real-world event across articles (pure function)."""

from __future__ import annotations

import itertools
import random
from datetime import date

import pyarrow as pa
import pytest

from newsextract.events.clusters import _OpenCluster, cluster_events
from newsextract.tables import schemas


def report(event_id: str, article: str, day: date | None, **overrides) -> dict:
    row = {name: None for name in schemas.EVENTS.names}
    row.update(
        event_id=event_id, article_id=article, batch="b", event_type="ASSAULT",
        trigger="attacked", trigger_start=10, trigger_end=18, sentence_start=0,
        sentence_end=60, source_actor="Syrian rebels", source_country="SYR",
        target_actor="government forces", target_country="SYR", location="Homs",
        location_entity_id="ent_homs", location_country="SYR", event_date=day,
        date_precision="day", negated=False, hypothetical=False, future=False,
        confidence=0.8, model="m",
    )  # fmt: skip
    row.update(overrides)
    return row


def clusters(rows: list[dict]) -> dict[str, set[str]]:
    table = cluster_events([pa.Table.from_pylist(rows, schema=schemas.EVENTS)])
    assert table.schema.equals(schemas.EVENT_CLUSTERS)
    out: dict[str, set[str]] = {}
    for cid, eid in zip(
        table.column("cluster_id").to_pylist(), table.column("event_id").to_pylist(), strict=True
    ):
        out.setdefault(cid, set()).add(eid)
    return out  # fmt: skip


def test_two_reports_of_one_event_are_one_cluster_and_both_kept() -> None:
    rows = [report("e1", "a1", date(2024, 12, 8)), report("e2", "a2", date(2024, 12, 9))]
    table = cluster_events([pa.Table.from_pylist(rows, schema=schemas.EVENTS)])
    assert table.num_rows == 2  # every report kept, with its article and offsets
    assert len(set(table.column("cluster_id").to_pylist())) == 1
    assert table.column("article_count").to_pylist() == [2, 2]
    assert set(table.column("article_id").to_pylist()) == {"a1", "a2"}
    assert table.column("first_date").to_pylist()[0] == date(2024, 12, 8)


@pytest.mark.parametrize(
    "other",
    [
        report("e2", "a2", date(2024, 12, 20)),  # too far apart
        report("e2", "a2", date(2024, 12, 9), event_type="COERCE"),
        report("e2", "a2", date(2024, 12, 9), negated=True),
        report("e2", "a2", date(2024, 12, 9), source_country="TUR"),
        report("e2", "a2", date(2024, 12, 9), location_entity_id="ent_aleppo"),
    ],
)
def test_different_events_stay_apart(other: dict) -> None:
    assert len(clusters([report("e1", "a1", date(2024, 12, 8)), other])) == 2


def test_a_coarser_date_widens_the_window() -> None:
    week = report("e2", "a2", date(2024, 12, 2), date_precision="week")
    assert len(clusters([report("e1", "a1", date(2024, 12, 8)), week])) == 1


def test_a_report_without_actors_is_its_own_cluster() -> None:
    bare = dict(source_country=None, target_country=None)
    rows = [
        report("e1", "a1", date(2024, 12, 8), **bare),
        report("e2", "a2", date(2024, 12, 8), **bare),
    ]
    assert len(clusters(rows)) == 2


def test_cluster_ids_do_not_depend_on_processing_order() -> None:
    rows = [report(f"e{i}", f"a{i}", date(2024, 12, 1 + i % 3)) for i in range(8)]
    rows += [report(f"x{i}", f"b{i}", date(2024, 6, 1), event_type="AID") for i in range(3)]
    first = clusters(rows)
    shuffled = rows[:]
    random.Random(7).shuffle(shuffled)
    tables = [
        pa.Table.from_pylist(shuffled[:5], schema=schemas.EVENTS),
        pa.Table.from_pylist(shuffled[5:], schema=schemas.EVENTS),
    ]
    again: dict[str, set[str]] = {}
    table = cluster_events(tables)
    for cid, eid in zip(
        table.column("cluster_id").to_pylist(), table.column("event_id").to_pylist(), strict=True
    ):
        again.setdefault(cid, set()).add(eid)
    assert again == first  # fmt: skip


def test_clusters_left_behind_by_the_dates_are_still_written() -> None:
    # A year-precision report two years before a daily run: its cluster is set aside as the
    # chain moves on, and must still come out with its own report.
    rows = [
        report("e0", "a0", date(2020, 6, 1), date_precision="year"),
        report("e1", "a1", date(2022, 6, 1)),
        report("e2", "a2", date(2022, 6, 2)),
        report("e3", "a3", None),
        report("e4", "a4", None),
    ]
    assert sorted(map(sorted, clusters(rows).values())) == [["e0"], ["e1", "e2"], ["e3", "e4"]]


def test_no_batches_give_an_empty_table_of_the_declared_schema() -> None:
    table = cluster_events([])
    assert table.num_rows == 0 and table.schema.equals(schemas.EVENT_CLUSTERS)


_PLACES = [
    (None, None), ("ent_a", None), ("ent_b", None), (None, "SYR"), (None, "IRQ"),
    ("ent_a", "SYR"), ("ent_b", "IRQ"), ("ent_b", "SYR"), ("", ""),
]  # fmt: skip


def _agree(mine: tuple, theirs: tuple) -> bool:
    """Two reports' places agree: the place entity when both name one, else the country."""
    for a, b in zip(mine, theirs, strict=True):
        if a and b:
            return a == b
    return True


def test_a_clusters_place_summary_agrees_with_every_member() -> None:
    for size in (1, 2, 3):
        for members in itertools.product(_PLACES, repeat=size):
            cluster = _OpenCluster(0, members[0])
            for row, place in enumerate(members[1:], 1):
                cluster.add(row, place)
            for place in _PLACES:
                expected = all(_agree(m, place) for m in members)
                assert cluster.same_place(place) == expected, (members, place)
