"""A damaged page is found early and said in one sentence: opening a small file checks it,
the first read or write that meets the damage of a big one stops all writing, and the
daily backup's check of its copy finds it too — never a raw SQLAlchemy error."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from officemgr import Company
from officemgr.cli import main as cli_main
from officemgr.core import company_file, paths
from officemgr.core.backup import make_backup
from officemgr.errors import CompanyDamagedError

PAGE = 4096


def _company_with_payments(path: Path) -> int:
    with Company.open(path) as co:
        customer = co.customers.add(name="Damaged Payments")
        for n in range(40):
            bill = co.invoices.add(
                node=customer.id, lines=[{"description": f"Visit {n}", "rate": "100"}]
            )
            co.payments.add(customer=customer.id, amount="100", applications={bill.id: "100"})
        return int(customer.id)


def _garbage_in(path: Path, table: str) -> None:
    """4 KB of garbage over the first page of ``table`` (as a failing disk leaves it)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    conn.close()
    with path.open("r+b") as f:
        f.seek((root - 1) * PAGE)
        f.write(os.urandom(PAGE))


@pytest.fixture
def damaged(company_path: Path) -> tuple[Path, int]:
    customer = _company_with_payments(company_path)
    _garbage_in(company_path, "payment_applications")
    return company_path, customer


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_a_small_damaged_file_is_refused_as_it_opens(damaged: tuple[Path, int]) -> None:
    path, _customer = damaged
    before = _bytes(path)
    with pytest.raises(CompanyDamagedError) as refused:
        Company.open(path)
    message = str(refused.value)
    assert message.startswith("“Test Company.officemgr” is damaged (")
    assert "Nothing more is written to it. Check it with File › Verify Data" in message
    assert _bytes(path) == before


def test_in_a_big_file_the_first_error_stops_all_writing(
    damaged: tuple[Path, int], monkeypatch: Any
) -> None:
    path, customer = damaged
    monkeypatch.setattr(company_file, "QUICK_CHECK_BYTES", 0)  # as if too big to check
    with Company.open(path) as co:
        co.customers.add(name="Still fine")  # the damage is elsewhere: work goes on
        with pytest.raises(CompanyDamagedError):
            co.payments.list_for(customer)
        assert co.damaged is not None
        with pytest.raises(CompanyDamagedError):
            co.customers.add(name="Not written")
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    names = {name for (name,) in conn.execute("SELECT name FROM customer_jobs")}
    conn.close()
    assert "Still fine" in names and "Not written" not in names


def test_the_backup_finds_the_damage_and_leaves_nothing(
    damaged: tuple[Path, int], tmp_path: Path
) -> None:
    path, _customer = damaged
    folder = tmp_path / "backups"
    with pytest.raises(CompanyDamagedError, match="is damaged"):
        make_backup(path, to_dir=folder)
    assert not folder.exists() or list(folder.iterdir()) == []


def test_the_sentence_names_the_newest_backup(company_path: Path) -> None:
    _company_with_payments(company_path)
    kept = make_backup(company_path)
    assert kept.parent == paths.backup_dir()
    _garbage_in(company_path, "payment_applications")
    with pytest.raises(CompanyDamagedError) as refused:
        Company.open(company_path)
    assert f"or restore its newest backup, “{kept.name}”, with File › Restore." in str(
        refused.value
    )


def test_the_command_line_says_it_in_one_line(
    damaged: tuple[Path, int], tmp_path: Path, capsys: Any
) -> None:
    path, _customer = damaged
    code = cli_main(["report", "contact-log", "--db", str(path), "--out", str(tmp_path / "x.pdf")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("officemgr: “Test Company.officemgr” is damaged (")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
