"""Contacts, the contact log, invoices and payments as CSV and Excel: one documented
column per fact, money and dates a spreadsheet can add up, void records marked."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from officemgr.core.exports.columns import COLUMNS


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    text = path.read_bytes().decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    return list(reader.fieldnames or ()), rows


def read_xlsx(path: Path) -> tuple[str, list[str], list[dict[str, Any]]]:
    sheet = openpyxl.load_workbook(path).active
    values = list(sheet.iter_rows(values_only=True))
    header = [str(value) for value in values[0]]
    return sheet.title, header, [dict(zip(header, row, strict=True)) for row in values[1:]]


@pytest.mark.parametrize("what", ["contacts", "contact-log", "invoices", "payments"])
def test_each_list_has_its_documented_columns(
    company: Any, office: Any, tmp_path: Path, what: str
) -> None:
    keys = [column.key for column in COLUMNS[what]]  # type: ignore[index]
    header, _ = read_csv(company.exports.write(tmp_path / "list.csv", what=what).path)
    assert header == keys
    _, header, _ = read_xlsx(company.exports.write(tmp_path / "list.xlsx", what=what).path)
    assert header == keys


def test_contacts(company: Any, office: Any, tmp_path: Path) -> None:
    result = company.exports.write(tmp_path / "contacts.csv", what="contacts")
    assert result.summary() == "2 contacts"
    _, (li, zhang) = read_csv(result.path)
    assert (li["owner"], li["name"], li["role"], li["primary"]) == (
        "王小明",
        "Li Na",
        "Assistant",
        "yes",
    )
    assert (li["phone"], li["cell"], li["email"]) == (
        "+86 10 6552 9900",
        "+86 139 1234 5678",
        "li.na@example.cn",
    )
    assert (zhang["primary"], zhang["phone"], zhang["notes"]) == (
        "no",
        "",
        "Speaks English; calls, mornings",
    )


def test_the_contact_log_in_local_time(company: Any, office: Any, tmp_path: Path) -> None:
    result = company.exports.write(tmp_path / "log.csv", what="contact-log")
    _, rows = read_csv(result.path)
    call = next(row for row in rows if row["kind"] == "Call In")
    assert call == {
        "at": "2026-11-02 09:30:00",  # as the office typed it, in local time
        "customer": "Ødegård, Lars:Kitchen Remodel",
        "kind": "Call In",
        "subject": "Asked, for a quote",
        "details": "Wants oak; maybe maple",
        "contact": "",
        "employee": "Dana O'Neil",
        "follow_up_on": "2026-11-09",
        "system": "no",
    }
    times = [row["at"] for row in rows]
    assert times == sorted(times)  # oldest first
    active = company.exports.write(
        tmp_path / "active.csv", what="contact-log", include_inactive=False
    )
    _, kept = read_csv(active.path)
    assert "Old Mill Bakery" not in {row["customer"] for row in kept}
    assert len(kept) < len(rows)

    _, _, book = read_xlsx(company.exports.write(tmp_path / "log.xlsx", what="contact-log").path)
    first = next(row for row in book if row["kind"] == "Call In")
    assert first["at"] == datetime(2026, 11, 2, 9, 30)
    assert first["follow_up_on"] == datetime(2026, 11, 9)  # a date cell


def test_invoices(company: Any, office: Any, tmp_path: Path) -> None:
    result = company.exports.write(tmp_path / "invoices.csv", what="invoices")
    assert result.summary() == "2 invoices"
    _, (deposit, visit) = read_csv(result.path)
    assert deposit["customer"] == "Ødegård, Lars"
    assert deposit["job"] == "Ødegård, Lars:Kitchen Remodel"
    assert (deposit["invoice_date"], deposit["due_date"], deposit["terms"]) == (
        "2026-11-03",
        "2026-12-03",
        "Net 30",
    )
    assert (deposit["subtotal"], deposit["total"], deposit["paid"], deposit["open"]) == (
        "200.00",
        "200.00",
        "150.00",
        "50.00",
    )
    assert (deposit["memo"], deposit["status"]) == ("Deposit", "open")
    assert visit["job"] == ""  # invoiced on the customer itself
    assert (visit["status"], visit["open"], visit["void_reason"]) == (
        "void",
        "0.00",
        "Entered twice",
    )
    assert int(deposit["number"]) < int(visit["number"])

    title, _, book = read_xlsx(
        company.exports.write(tmp_path / "invoices.xlsx", what="invoices").path
    )
    assert title == "Invoices"
    assert book[0]["total"] == 200 and book[0]["invoice_date"] == datetime(2026, 11, 3)
    assert isinstance(book[0]["number"], int)


def test_payments(company: Any, office: Any, tmp_path: Path) -> None:
    company.payments.add(
        customer=office.lars, amount="20", received_on=date(2026, 11, 11), applications={}
    )
    result = company.exports.write(tmp_path / "payments.csv", what="payments")
    assert result.summary() == "2 payments"
    _, (check, credit) = read_csv(result.path)
    number = company.invoices.get(office.invoice).number
    assert check == {
        "received_on": "2026-11-10",
        "customer": "Ødegård, Lars",
        "job": "",
        "amount": "150.00",
        "method": "Check",
        "reference": "1001",
        "memo": "",
        "applied": "150.00",
        "unapplied": "0.00",
        "applied_to": f"{number}: 150.00",
        "void": "no",
        "void_reason": "",
    }
    assert (credit["applied"], credit["unapplied"], credit["applied_to"]) == ("0.00", "20.00", "")

    company.payments.void(office.payment, reason="Bounced", by="Dana")
    _, (voided, _) = read_csv(company.exports.write(tmp_path / "again.csv", what="payments").path)
    assert (voided["void"], voided["void_reason"], voided["unapplied"]) == (
        "yes",
        "Bounced",
        "0.00",
    )

    _, _, book = read_xlsx(company.exports.write(tmp_path / "payments.xlsx", what="payments").path)
    assert book[0]["amount"] == 150 and book[1]["unapplied"] == 20
    assert isinstance(book[0]["amount"], (int, float, Decimal))


def test_the_column_tables_are_complete() -> None:
    """The tables the README quotes: every column named once and explained."""
    for columns in COLUMNS.values():
        keys = [column.key for column in columns]
        assert len(keys) == len(set(keys))
        assert all(column.meaning and column.meaning[0] != " " for column in columns)
