"""A/R Aging Summary and Detail: buckets, totals equal to the accounts' balances, credits,
voids and payments around the "as of" day, choices refused by field, long lists."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from officemgr.core.numbers import number_format
from officemgr.errors import NotFoundError, ValidationError
from officemgr.reports import ReportCancelled, ar_aging, grid, open_balances, tables, template
from officemgr.reports.ar_aging import (
    AgingDetailOptions,
    AgingSummaryOptions,
    render_detail,
    render_summary,
    summary_rows,
)

from .conftest import pdf_pages, pdf_text

AS_OF = date(2026, 11, 30)
money_text = number_format("en_US").money


def lines(path: Path) -> list[str]:
    return [line.strip() for line in pdf_text(path).splitlines()]


def row_of(text: list[str], label: str) -> list[str]:
    """The cells printed on the line that starts with ``label`` (the label left out)."""
    found = [line for line in text if line == label or line.startswith(f"{label} ")]
    assert found, label
    return found[0][len(label) :].split()


def index_of(text: list[str], label: str) -> int:
    """Where the line that starts with ``label`` is."""
    return next(i for i, line in enumerate(text) if line == label or line.startswith(f"{label} "))


def invoice(co: Any, node: int, amount: str, days_past_due: int) -> Any:
    """An invoice due (no terms: on its date) ``days_past_due`` days before AS_OF."""
    line = {"description": "Service call", "rate": amount, "is_taxable": False}
    return co.invoices.add(
        node=node, lines=[line], invoice_date=AS_OF - timedelta(days=days_past_due)
    )


@contextmanager
def voided_on(day: date) -> Iterator[None]:
    """Voids made "now" happen at noon of ``day`` (local time)."""
    when = datetime.combine(day, time(12)).astimezone()
    with (
        mock.patch("officemgr.core.services.invoices.utcnow", return_value=when),
        mock.patch("officemgr.core.services.payments.utcnow", return_value=when),
    ):
        yield


@pytest.fixture
def books(company: Any) -> dict[str, int]:
    """Acme owes in every bucket (one invoice on its job), Bell has only a credit."""
    co = company
    acme = co.customers.add(name="Acme").id
    roof = co.jobs.add(parent=acme, name="Roof").id
    bell = co.customers.add(name="Bell").id
    invoice(co, acme, "10.00", 0)  # Current (due today)
    invoice(co, acme, "20.00", 1)  # 1–30
    invoice(co, roof, "100.00", 30)  # 1–30, on the job
    invoice(co, acme, "30.00", 31)  # 31–60
    invoice(co, acme, "40.00", 61)  # 61–90
    invoice(co, acme, "50.00", 91)  # Over 90, paid down to 25.00 below
    co.payments.add(customer=acme, amount="25.00", received_on=AS_OF - timedelta(days=2))
    co.payments.add(
        customer=bell, amount="15.00", received_on=AS_OF - timedelta(days=3), applications={}
    )
    return {"acme": acme, "roof": roof, "bell": bell}


def test_summary_lines_are_the_customers_balances_by_bucket(
    company: Any, books: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "summary.pdf"
    result = render_summary(company, AgingSummaryOptions(as_of=AS_OF), out)
    assert result.entries == 2 and result.pages == 1
    text = lines(out)
    assert row_of(text, "Acme") == ["10.00", "120.00", "30.00", "40.00", "25.00", "225.00"]
    assert row_of(text, "Bell") == ["-15.00", "-15.00"]  # empty buckets print nothing
    assert row_of(text, "Grand total") == ["-5.00", "120.00", "30.00", "40.00", "25.00", "210.00"]
    assert company.accounts.balance(books["acme"], as_of=AS_OF) == Decimal("225.00")
    assert company.accounts.balance(books["bell"], as_of=AS_OF) == Decimal("-15.00")
    headings = text[text.index("Customer") : text.index("Customer") + 7]
    assert headings == ["Customer", "Current", "1–30", "31–60", "61–90", "Over 90", "Total"]
    assert "As of 2026-11-30" in pdf_text(out) and "Zero balances: left out" in pdf_text(out)

    with company.read() as session:
        rows = list(summary_rows(session, AgingSummaryOptions(as_of=AS_OF)))
        table = ar_aging.summary_table(session, AgingSummaryOptions(as_of=AS_OF))
        table_rows = list(table.rows)
    assert [(r.customer_id, r.total) for r in rows] == [
        (books["acme"], company.accounts.balance(books["acme"], as_of=AS_OF)),
        (books["bell"], company.accounts.balance(books["bell"], as_of=AS_OF)),
    ]
    assert table.total == 2 and [c.key for c in table.columns][-1] == "total"
    assert table_rows[0] == ("Acme", *(Decimal(v) for v in ("10", "120", "30", "40", "25", "225")))
    assert table_rows[1] == ("Bell", Decimal("-15"), *(Decimal(0),) * 4, Decimal("-15"))


def test_the_buckets_are_open_balances_buckets(
    company: Any, books: dict[str, int], tmp_path: Path
) -> None:
    """One rule: the Summary's columns are Open Balances' columns of the same items."""
    with company.read() as session:
        items = open_balances.customer_balances(
            session, open_balances.OpenBalancesOptions(as_of=AS_OF)
        )
        expected = {}
        for customer in items:
            sums = [Decimal(0)] * 5
            for item in customer.items:
                sums[open_balances.item_column(item, AS_OF)] += item.amount
            expected[customer.customer_id] = tuple(sums)
        got = {
            r.customer_id: r.buckets
            for r in summary_rows(session, AgingSummaryOptions(as_of=AS_OF))
        }
    assert got == expected


def test_detail_groups_items_by_bucket_with_subtotals(
    company: Any, books: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "detail.pdf"
    result = render_detail(company, AgingDetailOptions(as_of=AS_OF), out)
    assert result.entries == 7 and result.pages == 1
    text = lines(out)
    groups = [
        "Current",
        "1–30 days past due",
        "31–60 days past due",
        "61–90 days past due",
        "Over 90 days past due",
    ]
    assert [text.index(g) for g in groups] == sorted(text.index(g) for g in groups)
    current = text[text.index("Current") + 1 : index_of(text, "Total Current")]
    assert current == [
        "Acme Invoice 1001 2026-11-30 2026-11-30 0 10.00",
        "Bell Payment 2026-11-27 -15.00",
    ]
    assert "Acme:Roof Invoice 1003 2026-10-31 2026-10-31 30 100.00" in text
    assert "Acme Invoice 1006 2026-08-31 2026-08-31 91 25.00" in text
    assert row_of(text, "Total Current") == ["-5.00"]
    assert row_of(text, "Total 1–30") == ["120.00"]
    assert row_of(text, "Total Over 90") == ["25.00"]
    # The grand total is the Summary's, which is the sum of the balances.
    customers = (books["acme"], books["bell"])
    owed = sum((company.accounts.balance(c, as_of=AS_OF) for c in customers), Decimal(0))
    assert row_of(text, "Grand total") == [money_text(owed)] == ["210.00"]
    assert "7 open items for 2 customers" in text

    with company.read() as session:
        table = ar_aging.detail_table(session, AgingDetailOptions(as_of=AS_OF))
        rows = list(table.rows)
    assert table.total == 7 and len(rows) == 7
    assert rows[2][:3] == ("1–30", "Acme", "Roof")  # oldest due first
    assert rows[3] == (
        "1–30", "Acme", None, "Invoice", "1002", AS_OF - timedelta(days=1),
        AS_OF - timedelta(days=1), 1, Decimal("20.00"),
    )  # fmt: skip
    assert rows[1][-2:] == (None, Decimal("-15.00"))  # a credit is never past due
    assert sum((r[-1] for r in rows), Decimal(0)) == owed


def test_an_invoice_voided_after_the_day_still_counts(company: Any, tmp_path: Path) -> None:
    co = company
    acme = co.customers.add(name="Acme").id
    old = invoice(co, acme, "70.00", 40)
    with voided_on(AS_OF + timedelta(days=1)):
        co.invoices.void(old.id, reason="Billed twice", by="Dana")
    gone = invoice(co, acme, "5.00", 10)
    with voided_on(AS_OF):  # voided on the day itself: no longer owed by its end
        co.invoices.void(gone.id, reason="Mistake", by="Dana")
    out = tmp_path / "summary.pdf"
    render_summary(co, AgingSummaryOptions(as_of=AS_OF), out)
    assert row_of(lines(out), "Acme") == ["70.00", "70.00"]
    assert co.accounts.balance(acme, as_of=AS_OF) == Decimal("70.00")
    render_detail(co, AgingDetailOptions(as_of=AS_OF), out)
    text = lines(out)
    assert any(line.startswith("Acme Invoice 1001 ") for line in text)
    assert not any(" 1002 " in line for line in text)
    # Today it is void: nobody owes anything.
    render_summary(co, AgingSummaryOptions(as_of=AS_OF + timedelta(days=1)), out)
    assert "No customer owes anything as of 2026-12-01." in lines(out)


def test_a_payment_received_after_the_day_does_not_count(company: Any, tmp_path: Path) -> None:
    co = company
    acme = co.customers.add(name="Acme").id
    invoice(co, acme, "80.00", 5)
    co.payments.add(customer=acme, amount="80.00", received_on=AS_OF + timedelta(days=1))
    bell = co.customers.add(name="Bell").id
    co.payments.add(
        customer=bell, amount="9.00", received_on=AS_OF + timedelta(days=1), applications={}
    )
    out = tmp_path / "summary.pdf"
    result = render_summary(co, AgingSummaryOptions(as_of=AS_OF), out)
    assert result.entries == 1
    text = lines(out)
    assert row_of(text, "Acme") == ["80.00", "80.00"]
    assert not any(line.startswith("Bell") for line in text)
    render_summary(co, AgingSummaryOptions(as_of=AS_OF + timedelta(days=1)), out)
    assert row_of(lines(out), "Bell") == ["-9.00", "-9.00"]
    assert not any(line.startswith("Acme") for line in lines(out))


def test_nothing_open(company: Any, tmp_path: Path) -> None:
    company.customers.add(name="Settled")
    out = tmp_path / "summary.pdf"
    result = render_summary(company, AgingSummaryOptions(as_of=AS_OF), out)
    assert result.entries == 0 and result.pages == 1
    assert "No customer owes anything as of 2026-11-30." in lines(out)
    result = render_detail(company, AgingDetailOptions(as_of=AS_OF), out)
    assert result.entries == 0 and result.pages == 1
    assert "No customer owes anything as of 2026-11-30." in lines(out)
    # Asked for, a customer with nothing open has its line of zeros.
    render_summary(company, AgingSummaryOptions(as_of=AS_OF, include_zero=True), out)
    assert row_of(lines(out), "Settled") == ["0.00"]
    assert row_of(lines(out), "Grand total") == ["0.00"] * 6


def test_chosen_customers_and_jobs(company: Any, books: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    render_summary(company, AgingSummaryOptions(as_of=AS_OF, customers=("Acme:Roof",)), out)
    text = lines(out)
    assert row_of(text, "Acme") == ["100.00", "100.00"]  # the job's own invoice only
    assert company.accounts.balance(books["roof"], as_of=AS_OF) == Decimal("100.00")
    assert "Customers: Acme:Roof" in pdf_text(out)
    render_summary(company, AgingSummaryOptions(as_of=AS_OF, customers=(books["bell"],)), out)
    assert not any(line.startswith("Acme") for line in lines(out))
    with pytest.raises(NotFoundError, match="Nobody"):
        render_detail(company, AgingDetailOptions(customers=("Nobody",)), out)


@pytest.mark.parametrize(
    ("options", "field"),
    [
        (AgingSummaryOptions(as_of="2026-13-01"), "as_of"),  # type: ignore[arg-type]
        (AgingSummaryOptions(as_of=date(1, 1, 1)), "as_of"),
        (AgingSummaryOptions(include_zero="yes"), "include_zero"),  # type: ignore[arg-type]
        (AgingSummaryOptions(customers="Acme"), "customers"),  # type: ignore[arg-type]
        (AgingSummaryOptions(customers=(1.5,)), "customers"),  # type: ignore[arg-type]
        (AgingSummaryOptions(paper="legal"), "paper"),
        (AgingDetailOptions(as_of=20261130), "as_of"),  # type: ignore[arg-type]
        (AgingDetailOptions(paper="tabloid"), "paper"),
        (AgingDetailOptions(customers=(True,)), "customers"),  # type: ignore[arg-type]
    ],
)
def test_bad_choices_are_refused_by_field(
    company: Any, options: Any, field: str, tmp_path: Path
) -> None:
    render = render_summary if isinstance(options, AgingSummaryOptions) else render_detail
    with pytest.raises(ValidationError) as refused:
        render(company, options, tmp_path / "x.pdf")
    assert refused.value.field == field
    assert not (tmp_path / "x.pdf").exists()


def test_the_widest_amounts_fit_their_columns(company: Any, tmp_path: Path) -> None:
    """Money columns hold 9,999,999,999,999.99 (negative, bold) in any number format; a
    grand total past it is set smaller, whole."""
    for locale in ("en_US", "de_DE", "fr_FR", "hi_IN"):
        numbers = number_format(locale)
        widest = numbers.money(grid.WIDEST_AMOUNT)
        needed = grid.text_width(widest, template.FONT_BOLD, 7.5) + 4
        assert grid.money_width(numbers) >= needed, locale
    co = company
    for name in ("Big One", "Big Two"):
        node = co.customers.add(name=name).id
        line = {"description": "Plant", "rate": "9999999999999.99", "is_taxable": False}
        co.invoices.add(node=node, lines=[line], invoice_date=AS_OF - timedelta(days=100))
    out = tmp_path / "summary.pdf"
    render_summary(co, AgingSummaryOptions(as_of=AS_OF), out)
    text = lines(out)
    assert row_of(text, "Big One") == ["9,999,999,999,999.99"] * 2
    assert row_of(text, "Grand total")[-1] == "19,999,999,999,999.98"
    render_detail(co, AgingDetailOptions(as_of=AS_OF), out)
    assert row_of(lines(out), "Grand total") == ["19,999,999,999,999.98"]


def test_long_lists_repeat_headings_and_report_progress(company: Any, tmp_path: Path) -> None:
    co = company
    acme = co.customers.add(name="Acme").id
    with co.write() as session:  # 120 invoices at once, as the services would write them
        from officemgr.core import balances
        from officemgr.core import models as m

        for number in range(120):
            session.add(
                m.Invoice(
                    number=5000 + number,
                    node_id=acme,
                    customer_id=acme,
                    invoice_date=AS_OF - timedelta(days=120),
                    due_date=AS_OF - timedelta(days=95),
                    subtotal=Decimal("1.01"),
                    total=Decimal("1.01"),
                )
            )
        session.flush()
        balances.recompute(session.connection())
    seen: list[tuple[int, int]] = []
    out = tmp_path / "detail.pdf"
    result = render_detail(
        co, AgingDetailOptions(as_of=AS_OF), out, progress=lambda d, t: seen.append((d, t))
    )
    assert result.entries == 120 and result.pages >= 3
    assert seen[-1] == (240, 240)
    pages = pdf_pages(out)
    assert "Over 90 days past due (continued)" not in pages[0]
    for page in pages[1:]:  # each later page starts with the group it carries on
        body = page.split("Open amount", 1)[1].strip().splitlines()
        assert body[0] == "Over 90 days past due (continued)", body[:2]
    assert row_of(lines(out), "Grand total") == ["121.20"]
    assert co.accounts.balance(acme, as_of=AS_OF) == Decimal("121.20")

    with pytest.raises(ReportCancelled):
        render_summary(
            co, AgingSummaryOptions(as_of=AS_OF), tmp_path / "c.pdf", cancelled=lambda: True
        )
    assert not (tmp_path / "c.pdf").exists()


def test_exports_list_the_same_figures(company: Any, books: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "summary.csv"
    options = AgingSummaryOptions(as_of=AS_OF)
    result = tables.write_table(
        company, "A/R Aging Summary", ar_aging.summary_table, options, out, "csv"
    )
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert result.entries == 2
    assert {r["customer"]: Decimal(r["total"]) for r in rows} == {
        "Acme": company.accounts.balance(books["acme"], as_of=AS_OF),
        "Bell": company.accounts.balance(books["bell"], as_of=AS_OF),
    }
    out = tmp_path / "detail.xlsx"
    result = tables.write_table(
        company,
        "AR Aging Detail",  # Excel takes no "/" in a sheet's name
        ar_aging.detail_table,
        AgingDetailOptions(as_of=AS_OF),
        out,
        "xlsx",
    )
    assert result.entries == 7 and out.exists()


def test_the_infos() -> None:
    assert ar_aging.SUMMARY_INFO.key == "ar-aging-summary"
    assert ar_aging.DETAIL_INFO.key == "ar-aging-detail"
    for info in ar_aging.INFOS.values():
        assert info.category == "Customers & Receivables"
        assert info.options_type().checked() == info.options_type()
