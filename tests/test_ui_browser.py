"""The Dagster UI as a user meets it: `make dev` on loopback, driven in headless Chromium.

The test registers the seeds as a batch (what the input sensor does on its first tick), stops
the two sensors so that only the click starts a run, opens the asset lineage, clicks
"Materialize all…", picks every partition in the dialog and launches. It then waits for the run
through the instance and the run page, and checks what a user would: every table in the data
folder, every asset check passed. Screenshots go to ``build/ui-test/``.

Needs Debian's ``chromium`` (``/usr/bin/chromium``; ``.ci/run`` installs it) and the
``playwright`` package (a dev dependency; its own browser downloads are never used). Without
them the test is skipped, or fails when ``NEWSEXTRACT_REQUIRE_BROWSER=1`` (as in CI).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

import newsextract
from assets.constants import BATCH_PARTITIONS_NAME
from pipelines.batching import scan_inputs
from pipelines.definitions import build_definitions
from pipelines.resources import NewsFolders
from pipelines.sensors import CORPUS_TABLES_SENSOR, INPUT_SENSOR

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
SCREENSHOTS = REPO / "build" / "ui-test"
CHROMIUM = Path(os.environ.get("NEWSEXTRACT_CHROMIUM", "/usr/bin/chromium"))
REQUIRE_ENV = "NEWSEXTRACT_REQUIRE_BROWSER"
# Chromium as root in a container, on a machine with no route out: without the networking
# flags it keeps trying Google's services at every start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
UI_START_TIMEOUT_S = 180
RUN_TIMEOUT_S = 600


def _browser_missing() -> str | None:
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing (Debian: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing (pip install -e '.[dev]')"
    return None


@pytest.fixture(scope="module")
def playwright_browser():
    missing = _browser_missing()
    if missing:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{REQUIRE_ENV}=1 but {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_ui(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + UI_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"make dev exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/server_info", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(1)
    pytest.fail(f"the UI did not answer on {url} in {UI_START_TIMEOUT_S} s")


def _stop(process: subprocess.Popen) -> None:
    """Ctrl-C to the whole group (make, dagster dev, webserver, daemon, code server)."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture(scope="module")
def ui(tmp_path_factory, seeds_dir: Path, playwright_browser) -> Iterator[dict]:
    root = tmp_path_factory.mktemp("ui")
    home, data = root / "dagster_home", root / "data"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "NEWSEXTRACT_INPUT": str(seeds_dir),
        "NEWSEXTRACT_DATA": str(data),
    }
    # The batches the input sensor would register on its first tick.
    with dg.DagsterInstance.from_config(str(home)) as instance:
        work = scan_inputs(NewsFolders(input_dir=str(seeds_dir), data_dir=str(data)), instance)
        instance.add_dynamic_partitions(BATCH_PARTITIONS_NAME, work.to_add)
    # Both sensors are on by default; stopped, they cannot start a run beside the click's.
    dagster = Path(sys.executable).with_name("dagster")
    for sensor in (INPUT_SENSOR, CORPUS_TABLES_SENSOR):
        subprocess.run(
            [str(dagster), "sensor", "stop", "-w", "workspace.yaml", sensor],
            cwd=REPO,
            env=env,
            check=True,
            capture_output=True,
        )
    port = _free_port()
    log = root / "make-dev.log"
    make = shutil.which("make") or "make"
    command = [make, "dev", f"DAGSTER_HOME={home}", f"INPUT={seeds_dir}", f"DATA={data}"]
    command.append(f"PORT={port}")
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_for_ui(url, process, log)
        yield {
            "url": url,
            "home": home,
            "data": data,
            "batches": work.registered,
            "log": log,
        }
    finally:
        _stop(process)


def _wait_for_runs(home: Path, log: Path) -> list[dg.DagsterRun]:
    deadline = time.monotonic() + RUN_TIMEOUT_S
    with dg.DagsterInstance.from_config(str(home)) as instance:
        while time.monotonic() < deadline:
            runs = instance.get_runs()
            if runs and all(r.is_finished for r in runs):
                return runs
            time.sleep(2)
    pytest.fail(f"no finished run in {RUN_TIMEOUT_S} s:\n{log.read_text()[-3000:]}")


def test_materialize_all_in_the_browser(ui: dict, playwright_browser) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = playwright_browser.new_page(viewport={"width": 1400, "height": 900})
    # The community sign-up dialog that Dagster shows once per browser on localhost.
    page.add_init_script("window.localStorage.setItem('communityNux', 'true')")
    page.goto(f"{ui['url']}/asset-groups", wait_until="networkidle")
    page.get_by_role("button", name="Materialize all…").click()
    dialog = page.get_by_role("dialog").filter(has_text="Launch runs to materialize")
    dialog.get_by_role("button", name="All", exact=True).click()
    page.screenshot(path=SCREENSHOTS / "materialize-all-dialog.png")
    dialog.get_by_role("button", name=re.compile(r"^Launch")).click()

    runs = _wait_for_runs(ui["home"], ui["log"])
    assert len(runs) == 1, "only the click starts a run: the sensors are stopped"
    run = runs[0]
    assert run.status == dg.DagsterRunStatus.SUCCESS, ui["log"].read_text()[-3000:]
    assert run.tags.get("dagster/partition") in ui["batches"]

    # What the user sees: the run page says so, and the events asset shows its checks.
    page.goto(f"{ui['url']}/runs/{run.run_id}", wait_until="networkidle")
    page.get_by_text("Success", exact=True).first.wait_for()
    page.screenshot(path=SCREENSHOTS / "run.png")
    page.goto(f"{ui['url']}/assets/events", wait_until="networkidle")
    page.get_by_text("Latest check results").wait_for()
    page.screenshot(path=SCREENSHOTS / "events-asset.png")
    page.close()

    tables = newsextract.load(ui["data"])
    assert len(tables.articles) == 20
    for name in ("entity_mentions", "entities", "quotes", "events", "event_clusters"):
        assert len(getattr(tables, name)) > 0, name

    with dg.DagsterInstance.from_config(str(ui["home"])) as instance:
        records = instance.get_records_for_run(
            run.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION
        ).records
    evaluations = [r.event_log_entry.dagster_event.event_specific_data for r in records]
    check_keys = set(build_definitions().resolve_asset_graph().asset_check_keys)
    assert {e.asset_check_key for e in evaluations} == check_keys
    failed = [e.asset_check_key.to_user_string() for e in evaluations if not e.passed]
    assert not failed
    for shot in SCREENSHOTS.glob("*.png"):
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
