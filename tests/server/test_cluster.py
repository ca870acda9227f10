"""The throwaway PostgreSQL server the server-mode tests run on (tests/pg_cluster.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from tests.pg_cluster import PgCluster, find_bindir


def connect(server_url: str) -> psycopg.Connection[tuple[object, ...]]:
    url = make_url(server_url)
    return psycopg.connect(
        host=url.host, port=url.port, user=url.username, dbname=url.database, autocommit=True
    )


def test_server_url_accepts_a_connection(server_url: str) -> None:
    assert server_url.startswith("postgresql+psycopg://officemgr_test@127.0.0.1:")
    with connect(server_url) as conn:
        assert conn.execute("SELECT current_database()").fetchone() == (
            make_url(server_url).database,
        )


def test_listens_on_loopback_only(pg_cluster: PgCluster) -> None:
    assert pg_cluster.execute("SHOW listen_addresses") == [("127.0.0.1",)]


# Two tests, one check: whichever runs second must not see the first one's table.
@pytest.mark.parametrize("run", [1, 2])
def test_each_test_gets_its_own_empty_database(
    server_url: str, run: int, seen_databases: set[str]
) -> None:
    database = make_url(server_url).database
    assert database and database not in seen_databases
    seen_databases.add(database)
    with connect(server_url) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM pg_tables"
            " WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        ).fetchone()
        assert tables == (0,)
        conn.execute("CREATE TABLE leftover (id int)")


@pytest.fixture(scope="module")
def seen_databases() -> set[str]:
    return set()


def test_pg_trgm_is_available(server_url: str) -> None:
    # Server-mode search relies on trigram indexes (postgresql-contrib).
    with connect(server_url) as conn:
        conn.execute("CREATE EXTENSION pg_trgm")
        assert conn.execute("SELECT similarity('Smith', 'Smyth') > 0").fetchone() == (True,)


def test_dropped_database_is_gone(pg_cluster: PgCluster) -> None:
    pg_cluster.create_database("drop_me")
    with connect(pg_cluster.url("drop_me")):  # an open connection must not block the drop
        pg_cluster.drop_database("drop_me")
    assert pg_cluster.execute("SELECT 1 FROM pg_database WHERE datname = 'drop_me'") == []


@pytest.mark.skipif(sys.platform != "linux", reason="reads the process table in /proc")
def test_stop_leaves_no_server_and_no_folder(pg_cluster: PgCluster) -> None:
    # A second, separate cluster: stopping the session's one would break the other tests.
    # Only that server's own processes are checked: other servers may run on this machine.
    bindir = find_bindir()
    assert bindir is not None
    cluster = PgCluster(bindir)
    postmaster = int((cluster.datadir / "postmaster.pid").read_text().split()[0])
    server_processes = {postmaster, *_children(postmaster)}
    assert len(server_processes) > 1  # the checkpointer and friends
    cluster.stop()
    assert not [pid for pid in server_processes if _alive(pid)]
    assert not cluster.tempdir.exists()
    cluster.stop()  # a second stop (the atexit hook's) is harmless


def _children(parent: int) -> list[int]:
    return [pid for pid in _pids() if _status(pid).get("PPid") == str(parent)]


def _alive(pid: int) -> bool:
    # A zombie has exited; only its parent (not us) can reap it.
    return _status(pid).get("State", "Z").split()[0] not in ("Z", "X")


def _pids() -> list[int]:
    return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()]


def _status(pid: int) -> dict[str, str]:
    """/proc/PID/status as a dict; empty when the process is gone."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return dict(line.split(":\t", 1) for line in lines if ":\t" in line)
