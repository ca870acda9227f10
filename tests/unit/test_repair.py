"""Verify Data's repair: derived data recomputed after a backup; anything else refused."""

from __future__ import annotations

import hashlib
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from officemgr import Company
from officemgr.cli import main
from officemgr.core import check, paths
from officemgr.core.check import verify
from officemgr.core.repair import repair
from officemgr.errors import CompanyFileError


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def break_file(path: Path, *statements: str) -> None:
    """What a crash of another tool, or a hand edit, might leave behind."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=OFF")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


@pytest.fixture
def billed(company: Any, company_path: Path) -> dict[str, int]:
    """Acme Heating's Smith with a job, invoiced 120.00 and paid 50.00 against it."""
    smith = company.customers.add(
        name="Smith, John", company_name="Acme Heating LLC", phone="(555) 201-3344"
    )
    job = company.jobs.add(parent=smith.id, name="Furnace Replacement", status="Pending")
    invoice = company.invoices.add(
        node=job.id, lines=[{"description": "Furnace", "rate": "120.00", "is_taxable": False}]
    )
    company.payments.add(customer=smith.id, amount="50.00", applications={invoice.id: "50.00"})
    company.close()
    assert verify(company_path).ok
    return {"customer": smith.id, "job": job.id, "invoice": invoice.id}


def test_a_wrong_balance_is_recomputed_after_a_backup(
    billed: dict[str, int], company_path: Path
) -> None:
    break_file(
        company_path,
        f"UPDATE customer_jobs SET balance_total = 999900 WHERE id = {billed['customer']}",
    )
    report = verify(company_path)
    assert report.kinds == [check.BALANCES] and report.repairable
    result = repair(company_path)
    assert result.report.ok, result.report.problems
    assert "Balances that do not add up" in result.fixed[0]
    assert result.backup.parent == paths.backup_dir() and "before-repair" in result.backup.name
    conn = sqlite3.connect(result.backup)  # the backup is the file as it was
    assert conn.execute(
        f"SELECT balance_total FROM customer_jobs WHERE id = {billed['customer']}"
    ).fetchone() == (999900,)
    conn.close()
    with Company.open(company_path) as co:
        assert co.customers.get(billed["customer"]).balance_total == Decimal("70.00")


def test_a_wrong_paid_amount_and_status_are_recomputed(
    billed: dict[str, int], company_path: Path
) -> None:
    break_file(
        company_path,
        f"UPDATE invoices SET amount_paid = 12000 WHERE id = {billed['invoice']}",
    )
    report = verify(company_path)
    assert set(report.kinds) == {check.INVOICE_PAID, check.INVOICE_STATUS}
    assert report.repairable
    assert repair(company_path).report.ok
    with Company.open(company_path) as co:
        invoice = co.invoices.get(billed["invoice"])
        assert (invoice.amount_paid, invoice.status) == (Decimal("50.00"), "open")


def test_a_stale_search_index_is_rebuilt(billed: dict[str, int], company_path: Path) -> None:
    # The quick filter no longer finds the customer: its index rows were lost.
    break_file(
        company_path,
        f"DELETE FROM search_terms WHERE node_id = {billed['customer']}",
        f"DELETE FROM search_text WHERE rowid = {billed['customer']}",
    )
    with Company.open(company_path) as co:
        assert "Smith, John" not in [r.name for r in co.customers.search("acme")]
    report = verify(company_path)
    assert report.kinds == [check.SEARCH_INDEX]
    assert "quick filter's index" in report.problems[0] and "Smith, John" in report.problems[0]
    assert repair(company_path).report.ok
    with Company.open(company_path) as co:
        assert "Smith, John" in [r.name for r in co.customers.search("acme")]


def test_index_rows_of_a_customer_that_is_gone_are_found(
    billed: dict[str, int], company_path: Path
) -> None:
    break_file(company_path, "INSERT INTO search_text (rowid, body) VALUES (424242, 'ghost')")
    report = verify(company_path)
    assert report.repairable
    assert "no longer exist" in report.problems[0]
    assert repair(company_path).report.ok


def test_a_problem_only_a_person_can_fix_is_refused_and_the_file_left_alone(
    billed: dict[str, int], company_path: Path
) -> None:
    # A wrong full name is the office's own data: no rule says which name is right.
    break_file(
        company_path,
        f"UPDATE customer_jobs SET balance_total = 1 WHERE id = {billed['customer']}",
        f"UPDATE customer_jobs SET full_name = 'Jones:Furnace' WHERE id = {billed['job']}",
    )
    report = verify(company_path)
    assert not report.repairable and len(report.problems) >= 2
    before = digest(company_path)
    with pytest.raises(CompanyFileError, match="cannot safely fix"):
        repair(company_path)
    assert digest(company_path) == before
    assert not paths.backup_dir().exists() or not list(paths.backup_dir().iterdir())


def test_a_sound_file_has_nothing_to_repair(company: Any, company_path: Path) -> None:
    company.close()
    with pytest.raises(CompanyFileError, match="no problems"):
        repair(company_path)


def test_cli_check_repair(
    billed: dict[str, int], company_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    break_file(
        company_path, f"UPDATE customer_jobs SET balance = 5 WHERE id = {billed['customer']}"
    )
    assert main(["check", "--db", str(company_path)]) == 1
    assert "run again with --repair" in capsys.readouterr().out
    assert main(["check", "--db", str(company_path), "--repair"]) == 0
    out = capsys.readouterr().out
    assert "Repaired 1 kind(s) of problem" in out
    assert "No problems found" in out and "kept as" in out
    assert main(["check", "--db", str(company_path)]) == 0


def test_cli_check_repair_refuses_what_is_not_derived(
    billed: dict[str, int], company_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    break_file(company_path, f"UPDATE customer_jobs SET depth = 3 WHERE id = {billed['job']}")
    before = digest(company_path)
    assert main(["check", "--db", str(company_path), "--repair"]) == 1
    out = capsys.readouterr().out
    assert "Not repaired" in out and "wrong level" in out
    assert digest(company_path) == before
