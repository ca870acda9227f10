"""Fixtures for tests against a real PostgreSQL server (server mode, issue 20).

``pg_cluster`` starts one throwaway server per test run, and only if a test asks for it;
``server_url`` gives each test its own fresh, empty database. Every test using either is
marked ``postgresql``, so ``pytest -m postgresql`` / ``-m "not postgresql"`` pick a backend.

The suites of `BOTH_BACKENDS` run twice: each of their tests that takes ``company`` gets it
once as a company file and once as a company on the server (``backend``), made from a
migrated template database as the file is copied from a template file.
"""

from __future__ import annotations

import os
import signal
import uuid
from collections.abc import Iterator

import pytest

from tests.pg_cluster import PgCluster, find_bindir

SERVER_FIXTURES = frozenset({"pg_cluster", "server_url", "clerk_url"})
# What the core does, on both backends: services, search, reports, exports and imports.
BOTH_BACKENDS = (
    "tests/unit/services/",
    "tests/unit/test_search.py",
    "tests/unit/reports/",
    "tests/unit/exports/",
    "tests/unit/imports/",
)
# A test that also takes the company's file itself is about files: SQLite only.
FILE_FIXTURES = frozenset({"company_path", "other_desk", "template_company_file"})
TEMPLATE = "officemgr_template"
INSTALL_HINT = "install it with `apt-get install postgresql postgresql-contrib`"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    names = set(metafunc.fixturenames)
    where = metafunc.definition.path.as_posix()
    if (
        "company" in names
        and not names & FILE_FIXTURES
        and metafunc.definition.get_closest_marker("sqlite_only") is None
        and any(f"/{suite}" in where or where.endswith(f"/{suite}") for suite in BOTH_BACKENDS)
    ):
        metafunc.parametrize(
            "backend",
            ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)],
            indirect=True,
        )


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """Where ``company`` is: "sqlite" (a company file) unless parametrized."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def server_template(pg_cluster: PgCluster) -> str:
    """A database made a company once (migrated, defaults written), cloned per test."""
    from officemgr import Company

    pg_cluster.create_database(TEMPLATE, icu_locale="en-US")
    Company.open(pg_cluster.url(TEMPLATE)).close()  # closed: a template takes no connections
    return TEMPLATE


@pytest.fixture
def server_company_url(pg_cluster: PgCluster, server_template: str) -> Iterator[str]:
    """A new company on the server, as ``company_path`` is a new company file."""
    name = f"test_{uuid.uuid4().hex[:16]}"
    pg_cluster.create_database(name, template=server_template)
    yield pg_cluster.url(name)
    pg_cluster.drop_database(name)


CLERK, CLERK_PASSWORD = "clerk", "Cl3rk: p@ss/word%"


@pytest.fixture
def clerk_url(pg_cluster: PgCluster, server_url: str) -> str:
    """``server_url`` as a user the server asks a password of (``CLERK_PASSWORD``); the
    address carries none."""
    from psycopg import sql

    exists = pg_cluster.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (CLERK,))
    if not exists:
        pg_cluster.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(CLERK), sql.Literal(CLERK_PASSWORD)
            )
        )
        hba = pg_cluster.datadir / "pg_hba.conf"
        rule = f"host all {CLERK} 127.0.0.1/32 scram-sha-256\n"
        hba.write_text(rule + hba.read_text(encoding="utf-8"), encoding="utf-8")
        pg_cluster.execute("SELECT pg_reload_conf()")
    database = server_url.rsplit("/", 1)[1]
    pg_cluster.execute(
        sql.SQL("ALTER DATABASE {} OWNER TO {}").format(
            sql.Identifier(database), sql.Identifier(CLERK)
        )
    )
    return server_url.replace("officemgr_test@", f"{CLERK}@")


@pytest.hookimpl(tryfirst=True)  # before pytest's own hook deselects by -m
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SERVER_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgresql)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    bindir = find_bindir()
    if bindir is None:
        reason = f"no PostgreSQL server binaries (initdb) found; {INSTALL_HINT}"
        # CI sets this so that a missing server fails the run instead of skipping quietly.
        if os.environ.get("OFFICEMGR_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"OFFICEMGR_REQUIRE_POSTGRES=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    cluster = PgCluster(bindir)
    # A run stopped with SIGTERM (`timeout`, a CI step's time limit) ends as Ctrl-C does,
    # so this teardown stops the server; by default SIGTERM ends the process at once and
    # leaves the server running.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield cluster
    finally:
        signal.signal(signal.SIGTERM, previous)
        cluster.stop()


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt("SIGTERM")


@pytest.fixture
def server_url(pg_cluster: PgCluster) -> Iterator[str]:
    """A SQLAlchemy URL to a new empty database, dropped when the test ends. It sorts
    text as American English does (ICU), as an office's server would, so that a key
    compared by range without ``COLLATE "C"`` shows."""
    name = f"test_{uuid.uuid4().hex[:16]}"
    pg_cluster.create_database(name, icu_locale="en-US")
    yield pg_cluster.url(name)
    pg_cluster.drop_database(name)
