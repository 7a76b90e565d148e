"""Dagster instance storage on PostgreSQL: a real server (Debian's postgresql package) started
on loopback, the pipeline run against it with batches in two worker processes."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest

from assets.constants import BATCH_PARTITIONS_NAME
from pipelines.cli import main

pytestmark = pytest.mark.slow

REQUIRE_ENV = "NEWSEXTRACT_REQUIRE_POSTGRES"  # set by .ci/run, which installs the server


def _server_binaries() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def postgres() -> Iterator[dict]:
    binaries = _server_binaries()
    if binaries is None:
        if os.environ.get(REQUIRE_ENV):
            pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) not found")
        pytest.skip("PostgreSQL server not installed (.ci/run installs it)")
    # Not under pytest's temporary folder: that is private to this user, and as root the
    # server runs as another one.
    root = Path(tempfile.mkdtemp(prefix="newsextract-postgres-"))
    cluster, sockets = root / "cluster", root / "sockets"
    sockets.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:
        # The server refuses to run as root: run it as the package's own user.
        user = pwd.getpwnam("postgres")
        os.chown(root, user.pw_uid, user.pw_gid)
        os.chown(sockets, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run(
        [*prefix, str(binaries / "initdb"), "-D", str(cluster), "-U", "dagster", "--auth=trust"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1"
    pg_ctl = [*prefix, str(binaries / "pg_ctl"), "-D", str(cluster)]
    subprocess.run(
        [*pg_ctl, "-o", options, "-l", str(root / "server.log"), "-w", "start"],
        check=True,
        capture_output=True,
    )
    try:
        yield {"host": "127.0.0.1", "port": port, "user": "dagster", "db": "postgres"}
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "-w", "stop"], check=False, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def test_the_pipeline_runs_on_a_postgres_instance(
    postgres: dict, seeds_dir: Path, tmp_path: Path
) -> None:
    home, data = tmp_path / "home", tmp_path / "data"
    home.mkdir()
    (home / "dagster.yaml").write_text(
        "storage:\n"
        "  postgres:\n"
        "    postgres_db:\n"
        f"      username: {postgres['user']}\n"
        '      password: ""\n'
        f"      hostname: {postgres['host']}\n"
        f"      port: {postgres['port']}\n"
        f"      db_name: {postgres['db']}\n"
        # dagster-postgres installs psycopg2; SQLAlchemy 2.1 reads plain postgresql:// as psycopg 3.
        "      scheme: postgresql+psycopg2\n"
        "telemetry:\n"
        "  enabled: false\n",
        encoding="utf-8",
    )
    argv = ["run", "--input", str(seeds_dir), "--data", str(data), "--dagster-home", str(home)]
    assert main([*argv, "--workers", "2", "--batch-max-files", "10"]) == 0
    assert len(pd.read_parquet(data / "articles")) == 20

    os.environ["DAGSTER_HOME"] = str(home)
    with dg.DagsterInstance.get() as instance:
        assert type(instance.run_storage).__name__ == "PostgresRunStorage"
        runs = instance.get_runs()
        assert len(runs) == 3  # two batches side by side, then the corpus tables
        assert all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs)
        partitions = instance.get_dynamic_partitions(BATCH_PARTITIONS_NAME)
        assert len(partitions) == 2
        materialized = instance.get_materialized_partitions(dg.AssetKey("events"))
        assert materialized == set(partitions)
    # Nothing fell back to the local SQLite files.
    assert not list(home.rglob("*.db"))

    import psycopg2

    with (
        psycopg2.connect(
            host=postgres["host"],
            port=postgres["port"],
            user=postgres["user"],
            dbname=postgres["db"],
        ) as conn,
        conn.cursor() as cursor,
    ):
        cursor.execute("select count(*) from runs")
        assert cursor.fetchone()[0] == 3
