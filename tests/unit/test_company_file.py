"""The company file: created, migrated, backed up, and never changed when refused."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import stat
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from officemgr import Company
from officemgr.core import company_file, file_header, migrate, paths, search
from officemgr.core.models import Base
from officemgr.errors import CompanyFileError


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_is_marked_migrated_and_private(tmp_path: Path) -> None:
    path = tmp_path / "New.officemgr"
    with Company.open(path) as co:
        assert co.settings.get().company_name == "My Company"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == file_header.APPLICATION_ID
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
        file_header.SCHEMA_HEAD
    )
    conn.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(tmp_path.glob("*.creating*")), "no half-made file is left behind"


def test_schema_head_constant_is_the_alembic_head() -> None:
    assert migrate.head_revision() == file_header.SCHEMA_HEAD


def test_migrations_and_models_agree(company_path: Path) -> None:
    engine = company_file.create_sqlite_engine(company_path)
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                # FTS5's own tables are made by the migration, not by the models.
                "include_name": lambda name, kind, _parent: (
                    kind != "table" or name not in search.SQLITE_ONLY_TABLES
                ),
            },
        )
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_every_connection_gets_the_pragmas(company) -> None:
    with company.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == company_file.BUSY_TIMEOUT_MS
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_default_company_file_lives_in_the_user_data_folder(isolated_user_folders: Path) -> None:
    assert paths.default_company_file().is_relative_to(isolated_user_folders)
    assert paths.default_company_file().suffix == ".officemgr"


# ---------------------------------------------------------------- refused files


def _zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def _random_bytes(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 40)


def _text_file(path: Path) -> None:
    path.write_text("Name,Phone\nSmith,555-201-3344\n")


def _other_program(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO songs (title) VALUES ('Blue in Green')")
    conn.commit()
    conn.close()


def _newer_schema(path: Path, template: Path) -> None:
    shutil.copyfile(template, path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()


def _truncated(path: Path, template: Path) -> None:
    data = template.read_bytes()
    path.write_bytes(data[: len(data) // 2])


CASES = {
    "zero-byte": (_zero_bytes, "empty"),
    "random bytes": (_random_bytes, "not a SQLite database"),
    "text file": (_text_file, "not a SQLite database"),
    "another program's database": (_other_program, "another program"),
    "newer schema": (_newer_schema, "newer version of OfficeMgr"),
    "truncated": (_truncated, "damaged"),
}


def _make(case: str, path: Path, template: Path) -> None:
    maker = CASES[case][0]
    if maker in (_newer_schema, _truncated):
        maker(path, template)  # type: ignore[call-arg]
    else:
        maker(path)  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES)
def test_unusable_file_is_refused_and_left_unchanged(
    case: str, tmp_path: Path, template_company_file: Path
) -> None:
    path = tmp_path / "Bad.officemgr"
    _make(case, path, template_company_file)
    before = digest(path)
    with pytest.raises(CompanyFileError) as caught:
        Company.open(path)
    assert CASES[case][1] in str(caught.value)
    assert "\n" not in str(caught.value), "one sentence, not a report"
    assert digest(path) == before
    assert not (paths.backup_dir()).exists() or not list(paths.backup_dir().iterdir())


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CompanyFileError, match="does not exist"):
        Company.open(tmp_path / "no such folder" / "x.officemgr")


def test_open_without_create_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CompanyFileError, match="does not exist"):
        Company.open(tmp_path / "x.officemgr", create=False)
    assert not (tmp_path / "x.officemgr").exists()


def test_an_older_file_is_backed_up_then_migrated_with_its_data(old_company_file: Path) -> None:
    path = old_company_file
    with Company.open(path) as co:
        # 0002 built the search index for the customers already there.
        assert [s.name for s in co.customers.search("ANGSTROM")] == ["Ångström Heating"]
    backups = list(paths.backup_dir().glob("*before-upgrade-from-0001_initial*.officemgr"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001_initial"
    assert conn.execute("SELECT name FROM customer_jobs").fetchall() == [("Ångström Heating",)]
    conn.close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
        file_header.SCHEMA_HEAD
    )
    conn.close()


def test_writes_in_one_transaction_roll_back_together(company) -> None:
    from officemgr.core.models import ListItem

    with pytest.raises(RuntimeError), company.write() as session:
        session.add(ListItem(list_name="department", name="Ghost"))
        session.flush()
        raise RuntimeError("the user pressed cancel")
    with company.read() as session:
        names = [i.name for i in session.query(ListItem).filter_by(list_name="department")]
    assert "Ghost" not in names


def test_0003_keeps_rates_dates_opening_balances_and_adds_the_number_locale(
    old_company_file: Path,
) -> None:
    """A file from before rates kept four decimals: 19.99 (stored in cents) stays 19.99,
    an undated opening balance gets the day its customer was made, and the office's
    number locale starts as the computer's."""
    engine = company_file.create_sqlite_engine(old_company_file)
    migrate.upgrade(engine, "0002_search")
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE customer_jobs SET opening_balance = 12345 WHERE id = 1")
        conn.exec_driver_sql(
            "INSERT INTO invoices (id, number, node_id, customer_id, invoice_date, due_date,"
            " tax_rate_percent, subtotal, tax, total, amount_paid, status, version, created_at,"
            " updated_at) VALUES (1, 1001, 1, 1, '2026-01-02', '2026-01-02', 0, 5997, 0, 5997,"
            " 0, 'open', 1, '2026-01-02 00:00:00', '2026-01-02 00:00:00')"
        )
        conn.exec_driver_sql(
            "INSERT INTO invoice_lines (id, invoice_id, position, description, quantity, rate,"
            " amount, is_taxable, version, created_at, updated_at) VALUES (1, 1, 0, 'Filter',"
            " 30000, 1999, 5997, 1, 1, '2026-01-02 00:00:00', '2026-01-02 00:00:00')"
        )
    engine.dispose()
    with Company.open(old_company_file) as co:
        (line,) = co.invoices.get(1).lines
        assert (line.quantity, line.rate, line.amount) == (
            Decimal("3"),
            Decimal("19.99"),
            Decimal("59.97"),
        )
        detail = co.customers.get(1)
        assert detail.opening_balance == Decimal("123.45")
        assert detail.opening_balance_date == date(2026, 1, 1)
        assert co.settings.get().number_locale is None
    assert list(paths.backup_dir().glob("*before-upgrade-from-0002_search*.officemgr"))
