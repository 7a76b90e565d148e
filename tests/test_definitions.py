"""The Definitions load, with every asset, check, job, schedule and sensor wired."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from assets import constants as c
from pipelines.definitions import build_definitions, defs
from pipelines.jobs import MATERIALIZE_ALL_JOB, UPDATE_CORPUS_TABLES_JOB
from pipelines.schedules import DAILY_SCHEDULE
from pipelines.sensors import CORPUS_TABLES_SENSOR, INPUT_SENSOR
from tests.conftest import REPO

DAGSTER = str(Path(sys.executable).parent / "dagster")


def test_workspace_loads_in_dagster(tmp_path) -> None:
    """What `make dev` loads: workspace.yaml → pipelines.definitions, in a fresh process."""
    result = subprocess.run(
        [DAGSTER, "definitions", "validate", "-w", str(REPO / "workspace.yaml")],
        cwd=REPO,
        env={**os.environ, "DAGSTER_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "All code locations passed validation" in result.stderr + result.stdout


@pytest.fixture
def loaded(dagster_instance) -> dg.Definitions:
    """The module's Definitions, resolved inside an instance context as Dagster itself does."""
    return defs


def test_assets_checks_and_automation_are_wired(loaded: dg.Definitions) -> None:
    graph = loaded.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert keys == {
        c.ARTICLES,
        c.REJECTED_INPUTS,
        c.ARTICLE_PARSES,
        c.ENTITY_MENTIONS,
        c.ARTICLE_ENTITIES,
        c.ENTITIES,
        c.QUOTES,
        c.EVENTS,
        c.EVENT_CLUSTERS,
    }
    checks = {k.name for k in graph.asset_check_keys}
    assert {c.CHECK_UNIQUE_ARTICLE_ID, c.CHECK_INPUTS_ACCOUNTED, c.CHECK_ARTICLES_SCHEMA} <= checks
    assert loaded.resolve_job_def(MATERIALIZE_ALL_JOB).partitions_def is not None
    # The corpus-wide table is not partitioned: its own job, re-run by an automation condition.
    corpus_job = loaded.resolve_job_def(UPDATE_CORPUS_TABLES_JOB)
    assert corpus_job.partitions_def is None
    assert graph.get(dg.AssetKey(c.ENTITIES)).automation_condition is not None
    assert graph.get(dg.AssetKey(c.EVENT_CLUSTERS)).automation_condition is not None
    assert {c.CHECK_MENTION_OFFSETS, c.CHECK_ENTITIES_MENTIONED} <= checks
    assert {c.CHECK_EVENT_CODES, c.CHECK_EVENT_DATES, c.CHECK_EVENT_REFERENCES} <= checks
    assert loaded.resolve_schedule_def(DAILY_SCHEDULE)
    assert loaded.resolve_sensor_def(INPUT_SENSOR)
    automation = loaded.resolve_sensor_def(CORPUS_TABLES_SENSOR)
    assert automation.default_status == dg.DefaultSensorStatus.RUNNING


def test_every_asset_has_description_group_and_owner(loaded: dg.Definitions) -> None:
    graph = loaded.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        assert node.description, key
        assert node.group_name in {
            c.INGESTION_GROUP,
            c.NLP_GROUP,
            c.ENTITIES_GROUP,
            c.QUOTES_GROUP,
            c.EVENTS_GROUP,
        }
        assert node.owners == [c.OWNER]


def test_build_definitions_takes_folders(tmp_path) -> None:
    custom = build_definitions(str(tmp_path / "in"), str(tmp_path / "out"))
    folders = custom.resources["news_folders"]
    assert folders.input_dir == str(tmp_path / "in")
    assert custom.resources["io_manager"].base_path == str(tmp_path / "out")


@pytest.mark.parametrize(
    ("env", "argument", "expected"),
    [
        (None, None, True),
        ("", None, True),
        ("1", None, True),
        ("0", None, False),
        ("off", None, False),
        ("true", False, False),
        ("0", True, True),
    ],
)
def test_reported_speech_is_on_unless_turned_off(monkeypatch, env, argument, expected) -> None:
    if env is None:
        monkeypatch.delenv("NEWSEXTRACT_REPORTED_SPEECH", raising=False)
    else:
        monkeypatch.setenv("NEWSEXTRACT_REPORTED_SPEECH", env)
    built = build_definitions(reported_speech=argument)
    assert built.resources["quote_settings"].reported_speech is expected
