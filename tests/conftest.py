"""Shared fixtures: a fresh company file per test, copied from one migrated template.

Migrating takes a while; copying a file takes a millisecond (Anki's getEmptyCol idea).
The user's real data folder is never touched: platformdirs is pointed at a temp folder.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select

from officemgr.core import models as m
from tests.keyring_memory import MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# A real PostgreSQL server for server-mode tests, started only when a test asks for it.
pytest_plugins = ["tests.server_fixtures"]


@pytest.fixture(autouse=True)
def isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Backups, logs and default files of every test go to a temp folder."""
    home = tmp_path_factory.mktemp("userdata")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    return home


def _keyring(backend: Any) -> Iterator[Any]:
    import keyring

    before = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(before)


@pytest.fixture(autouse=True)
def store() -> Iterator[MemoryKeyring]:
    """The password store of every test: in memory, never the system's keyring."""
    yield from _keyring(MemoryKeyring())


@pytest.fixture
def no_store() -> Iterator[Any]:
    """A computer with no password store OfficeMgr can use."""
    from keyring.backends import fail

    yield from _keyring(fail.Keyring())


@pytest.fixture(scope="session")
def template_company_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from officemgr import Company

    path = tmp_path_factory.mktemp("template") / "Template.officemgr"
    Company.open(path).close()
    return path


@pytest.fixture
def company_path(template_company_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "Test Company.officemgr"
    shutil.copyfile(template_company_file, path)
    return path


@pytest.fixture
def company(backend: str, request: pytest.FixtureRequest) -> Iterator[object]:
    """A new company: a file, or on the suites that run on both backends also a company
    on a PostgreSQL server (see ``tests/server_fixtures.py``)."""
    from officemgr import Company

    where = "server_company_url" if backend == "postgresql" else "company_path"
    with Company.open(request.getfixturevalue(where)) as co:
        yield co


@pytest.fixture
def other_desk(company_path: Path) -> Iterator[object]:
    """The same company file opened a second time: another desk, whose writes this
    process is not told about."""
    from officemgr import Company

    with Company.open(company_path) as co:
        yield co


NODES = m.table(m.CustomerJob)


class TreeData:
    """Makes Customer:Job rows through the services; many at once with Core inserts."""

    def __init__(self, company: Any) -> None:
        self.company = company

    def add(
        self,
        name: str,
        parent: int | None = None,
        *,
        active: bool = True,
        prospect: bool = False,
        hold: bool = False,
        balance: str = "0",
        note: bool = False,
    ) -> int:
        """A customer (or a job under ``parent``) made through the services."""
        co = self.company
        money = {"opening_balance": Decimal(balance)} if Decimal(balance) else {}
        if parent is None:
            node_id = co.customers.add(name=name, is_prospect=prospect, **money).id
        else:
            # Test data may put jobs under a held customer: say why, as the office must.
            node_id = co.jobs.add(
                parent=parent,
                name=name,
                status="Pending",
                credit_override="Test data",
                by="Tests",
                **money,
            ).id
        if hold:
            co.customers.place_credit_hold(node_id, reason="Unpaid invoices", by="Dana")
        if not active:
            co.customers.set_active(node_id, active=False)
        if note:
            self.note(node_id)
        return int(node_id)

    def note(self, owner: int, *, active: bool = True, until: date | None = None) -> None:
        """A pop-up note shown when the record is opened."""
        self.company.popups.add(
            owner=owner, text="Call the office first", is_active=active, active_until=until
        )

    def add_customers(self, count: int, *, prefix: str = "Customer") -> None:
        """``count`` active customers named ``Customer 00001`` … in one transaction."""
        with self.company.write() as session:
            start = session.execute(select(NODES.c.id).order_by(NODES.c.id.desc())).scalar()
            start = (start or 0) + 1
            rows = []
            for number, node_id in enumerate(range(start, start + count), 1):
                name = f"{prefix} {number:05d}"
                rows.append(
                    {
                        "id": node_id,
                        "parent_id": None,
                        "customer_id": node_id,
                        "depth": 0,
                        "name": name,
                        "full_name": name,
                        "full_name_key": name.casefold(),
                        "sort_key": name.casefold(),
                    }
                )
            session.execute(insert(NODES), rows)


@pytest.fixture
def tree_data(company: Any) -> TreeData:
    return TreeData(company)


@pytest.fixture
def old_company_file(tmp_path: Path) -> Path:
    """A company file as version 0001 made it (before the search index), one customer in it."""
    import sqlite3

    from officemgr.core import company_file, file_header, migrate

    path = tmp_path / "Old.officemgr"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA application_id={file_header.APPLICATION_ID}")
    raw.close()
    engine = company_file.create_sqlite_engine(path)
    migrate.upgrade(engine, "0001_initial")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO customer_jobs (id, parent_id, customer_id, depth, name, full_name,"
            " full_name_key, sort_key, is_active, is_prospect, preferred_contact,"
            " work_same_as_bill_to, opening_balance, is_debit_card, credit_hold, balance,"
            " balance_total, version, created_at, updated_at) VALUES (1, NULL, 1, 0,"
            " 'Ångström Heating', 'Ångström Heating', 'ångström heating', 'angstrom heating',"
            " 1, 0, 'phone', 1, 0, 0, 0, 0, 0, 1, '2026-01-01 00:00:00',"
            " '2026-01-01 00:00:00')"
        )
    engine.dispose()
    return path
