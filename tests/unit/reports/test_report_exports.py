"""Every report's rows as CSV and Excel, through the API and the command line: the same
entries as its PDF, amounts that add up to the accounts' balances, real number and date
cells, a frozen header row, and nothing written where a report must not go."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from officemgr.cli import main
from officemgr.errors import ValidationError
from officemgr.reports import ReportCancelled

from .conftest import pdf_text

AS_OF = date(2026, 11, 30)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def books(company: Any) -> dict[str, int]:
    """One customer who owes (also through a job), one owed a credit, a prospect."""
    co = company
    smith = co.customers.add(name="Smith, John", phone="(555) 201-3344").id
    furnace = co.jobs.add(parent=smith, name="Furnace").id
    acme = co.customers.add(name="=SUM(A1,A9) Acme", email="ap@acme.example.com").id
    co.customers.add(name="Zero, Zed", is_prospect=True)
    co.contacts.add(owner=acme, name="Okafor, Ngozi", role="Bookkeeper", phone="555 300 4000")
    line = {"description": "Service call", "rate": "150.00", "is_taxable": False}
    co.invoices.add(node=furnace, lines=[line], invoice_date=date(2026, 9, 1))
    co.invoices.add(node=smith, lines=[{**line, "rate": "89.50"}], invoice_date=date(2026, 11, 20))
    co.invoices.add(node=acme, lines=[{**line, "rate": "1200.00"}], invoice_date=date(2026, 10, 2))
    co.payments.add(customer=acme, amount="1500.00", received_on=date(2026, 10, 20))
    for owner, subject in ((smith, "Asked about the warranty"), (furnace, "Furnace out")):
        co.contact_log.add(owner=owner, kind="Call In", subject=subject, employee="Dana")
    return {"smith": smith, "acme": acme}


def test_open_balances_rows_add_up_to_each_customers_balance(
    company: Any, books: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "balances.csv"
    result = company.reports.open_balances(out, as_of=AS_OF)
    rows = _read_csv(out)
    assert result.entries == len(rows) == 3 and result.pages == 0
    owed: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        owed[row["customer"]] += Decimal(row["open_amount"])
    for name, node in (("Smith, John", books["smith"]), ("=SUM(A1,A9) Acme", books["acme"])):
        assert owed[name] == company.accounts.balance(node, as_of=AS_OF)
    furnace = next(row for row in rows if row["job"] == "Furnace")
    assert furnace["aging"] == "61–90" and furnace["date"] == "2026-09-01"
    # The payment paid Acme's invoice (oldest first); what was left over is a credit.
    (acme,) = [row for row in rows if row["customer"].endswith("Acme")]
    assert acme["type"] == "Payment" and Decimal(acme["open_amount"]) == Decimal("-300.00")


def test_excel_has_real_cells_a_frozen_header_and_formulas_kept_as_text(
    company: Any, books: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "balances.xlsx"
    company.reports.open_balances(out, as_of=AS_OF)
    sheet = openpyxl.load_workbook(out).active
    assert sheet.title == "Open Balances by Customer"
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert header[0] == "customer" and header[-1] == "open_amount"
    amounts = [row[-1] for row in sheet.iter_rows(min_row=2)]
    assert all(isinstance(cell.value, (int, float)) for cell in amounts)
    assert {cell.number_format for cell in amounts} == {"#,##0.00"}
    dates = [row[header.index("date")].value for row in sheet.iter_rows(min_row=2)]
    assert all(isinstance(value, datetime) for value in dates)
    names = {row[0].value for row in sheet.iter_rows(min_row=2)}
    assert "=SUM(A1,A9) Acme" in names  # text, not a formula
    assert all(row[0].data_type == "s" for row in sheet.iter_rows(min_row=2))


def test_the_contact_log_exports_the_entries_its_pdf_prints(
    company: Any, books: dict[str, int], tmp_path: Path
) -> None:
    pdf, table = tmp_path / "log.pdf", tmp_path / "log.xlsx"
    options = {"include_jobs": True, "customers": ["Smith, John"]}
    printed = company.reports.contact_log(pdf, **options)
    exported = company.reports.contact_log(table, **options)
    rows = list(openpyxl.load_workbook(table).active.iter_rows(min_row=2, values_only=True))
    assert exported.entries == printed.entries == len(rows) == 2
    text = pdf_text(pdf)
    header = [c.value for c in openpyxl.load_workbook(table).active[1]]
    subject, owner = header.index("subject"), header.index("customer_job")
    for row in rows:
        assert row[subject] in text
    assert {row[owner] for row in rows} == {"Smith, John", "Smith, John:Furnace"}
    assert all(isinstance(row[0], datetime) for row in rows)


def test_the_contact_list_exports_customers_jobs_and_their_contacts(
    company: Any, books: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "list.csv"
    company.reports.customer_contact_list(out, include_jobs=True)
    rows = _read_csv(out)
    assert [(r["customer_job"], r["kind"]) for r in rows] == [
        ("=SUM(A1,A9) Acme", "Customer"),
        ("=SUM(A1,A9) Acme", "Contact"),
        ("Smith, John", "Customer"),
        ("Smith, John:Furnace", "Job"),
        ("Zero, Zed", "Prospect"),
    ]
    contact = rows[1]
    assert contact["contact"] == "Okafor, Ngozi" and contact["role"] == "Bookkeeper"
    assert contact["phones"] == "Main: (555) 300-4000"
    prospects = company.reports.customer_contact_list(tmp_path / "p.csv", prospects_only=True)
    assert prospects.entries == 1 and _read_csv(tmp_path / "p.csv")[0]["kind"] == "Prospect"


def test_the_format_comes_from_the_argument_or_the_suffix(
    company: Any, books: dict[str, int], tmp_path: Path
) -> None:
    named = company.reports.open_balances(tmp_path / "rows.txt", format="csv", as_of=AS_OF)
    assert _read_csv(named.path)[0]["customer"]
    pdf = company.reports.open_balances(tmp_path / "balances", as_of=AS_OF)
    assert pdf.pages == 1 and pdf.path.read_bytes().startswith(b"%PDF")
    with pytest.raises(ValidationError, match="not a report format"):
        company.reports.open_balances(tmp_path / "x.csv", format="docx")
    with pytest.raises(ValidationError, match="not a report format"):
        company.reports.render("open-balances", tmp_path / "x.csv", format=3)  # type: ignore[arg-type]


def test_an_export_never_overwrites_company_data_and_a_cancelled_one_leaves_nothing(
    company: Any, company_path: Path, books: dict[str, int], tmp_path: Path
) -> None:
    before = company_path.read_bytes()
    with pytest.raises(ValidationError):
        company.reports.open_balances(company_path, format="csv")
    assert company_path.read_bytes() == before
    out = tmp_path / "kept.csv"
    out.write_text("what was there", encoding="utf-8")
    with pytest.raises(ReportCancelled):
        company.reports.contact_log(out, include_jobs=True, cancelled=lambda: True)
    assert out.read_text(encoding="utf-8") == "what was there"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_the_command_line_writes_csv_and_excel(
    company: Any,
    company_path: Path,
    books: dict[str, int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = ["--db", str(company_path)]
    out = tmp_path / "ob.xlsx"
    assert main(["report", "open-balances", *db, "--out", str(out), "--as-of", "2026-11-30"]) == 0
    said = capsys.readouterr().out
    assert "3 open items." in said and "page" not in said
    assert openpyxl.load_workbook(out).active.max_row == 4
    log = tmp_path / "log.data"
    argv = ["report", "contact-log", *db, "--out", str(log), "--format", "csv", "--include-jobs"]
    assert main(argv) == 0
    assert "2 entries." in capsys.readouterr().out
    assert len(_read_csv(log)) == 2
