"""Open Balances by Customer: aging buckets at their edges, totals, credits, choices."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from officemgr.core import models as m
from officemgr.core.numbers import number_format
from officemgr.errors import NotFoundError
from officemgr.reports import registry
from officemgr.reports.open_balances import BUCKETS, bucket

money_text = number_format("en_US").money

AS_OF = date(2026, 11, 30)


class Billing:
    """Invoices, payments and applications written straight through the ORM, as the
    services would write them (paid amounts are real payments applied to the invoice)."""

    def __init__(self, company: Any) -> None:
        self.company = company
        self.number = 1000

    def invoice(
        self,
        node: int,
        total: str,
        *,
        days_past_due: int = 0,
        paid: str = "0",
        status: str = "open",
        dated: date | None = None,
    ) -> int:
        self.number += 1
        due = AS_OF - timedelta(days=days_past_due)
        day = dated or due - timedelta(days=30)
        with self.company.write() as session:
            customer_id = session.get(m.CustomerJob, node).customer_id
            invoice = m.Invoice(
                number=self.number,
                node_id=node,
                customer_id=customer_id,
                invoice_date=day,
                due_date=due,
                subtotal=Decimal(total),
                total=Decimal(total),
                amount_paid=Decimal(paid),
                status=status,
                voided_at=datetime(2026, 1, 1, tzinfo=UTC) if status == "void" else None,
            )
            session.add(invoice)
            session.flush()
            if Decimal(paid):
                session.add(
                    m.Payment(
                        customer_id=customer_id,
                        node_id=customer_id,
                        received_on=day,
                        amount=Decimal(paid),
                        applications=[
                            m.PaymentApplication(invoice_id=invoice.id, amount=Decimal(paid))
                        ],
                    )
                )
            return int(invoice.id)

    def payment(
        self,
        customer: int,
        amount: str,
        *,
        applied: dict[int, str] | None = None,
        void: bool = False,
    ) -> None:
        with self.company.write() as session:
            payment = m.Payment(
                customer_id=customer,
                node_id=customer,
                received_on=AS_OF,
                amount=Decimal(amount),
                is_void=void,
                voided_at=datetime(2026, 1, 1, tzinfo=UTC) if void else None,
            )
            for invoice_id, part in (applied or {}).items():
                payment.applications.append(
                    m.PaymentApplication(invoice_id=invoice_id, amount=Decimal(part))
                )
                if not void:
                    session.get(m.Invoice, invoice_id).amount_paid += Decimal(part)
            session.add(payment)


@pytest.fixture
def billing(company: Any) -> Billing:
    return Billing(company)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def lines(path: Path) -> list[str]:
    return [line.strip() for line in pdf_text(path).splitlines()]


def row_after(text: list[str], label: str, cells: int = 6) -> list[str]:
    """The ``cells`` lines printed after the line ``label`` (a table row, one cell a line)."""
    at = text.index(label)
    return text[at + 1 : at + 1 + cells]


def sums(*buckets: str) -> list[str]:
    """The money cells of a total row: the five buckets and their total."""
    values = [Decimal(b) for b in buckets]
    return [money_text(v) for v in values] + [money_text(sum(values, Decimal(0)))]


@pytest.mark.parametrize(
    ("days", "column"),
    [(-5, 0), (0, 0), (1, 1), (30, 1), (31, 2), (60, 2), (61, 3), (90, 3), (91, 4), (400, 4)],
)
def test_bucket_edges(days: int, column: int) -> None:
    assert bucket(days) == column


def test_each_edge_lands_in_its_bucket(
    company: Any, tree_data: Any, billing: Billing, tmp_path: Path
) -> None:
    expected = {
        0: sums("10", "0", "0", "0", "0"),
        1: sums("0", "11", "0", "0", "0"),
        30: sums("0", "40", "0", "0", "0"),
        31: sums("0", "0", "41", "0", "0"),
        60: sums("0", "0", "70", "0", "0"),
        61: sums("0", "0", "0", "71", "0"),
        90: sums("0", "0", "0", "100", "0"),
        91: sums("0", "0", "0", "0", "101"),
    }
    for days in expected:
        customer = tree_data.add(f"Late {days:03d}")
        billing.invoice(customer, str(days + 10), days_past_due=days)
    out = tmp_path / "ob.pdf"
    result = company.reports.open_balances(out, as_of=AS_OF)
    assert result.entries == len(expected) and result.pages == 1
    text = lines(out)
    for days, cells in expected.items():
        assert row_after(text, f"Total Late {days:03d}") == cells, days
    assert row_after(text, "Grand total") == sums("10", "51", "111", "171", "101")
    assert text.index("Late 000") < text.index("Late 001") < text.index("Late 091")
    assert "As of 2026-11-30" in pdf_text(out)
    assert "Payments received after that day are not counted" in pdf_text(out)


def test_jobs_partly_paid_void_paid_and_later_invoices(
    company: Any, tree_data: Any, billing: Billing, tmp_path: Path
) -> None:
    smith = tree_data.add("Smith, John")
    furnace = tree_data.add("Furnace", parent=smith)
    duct = tree_data.add("Duct", parent=furnace)
    billing.invoice(smith, "100.00", days_past_due=0)  # 1001 current
    billing.invoice(furnace, "250.00", days_past_due=45, paid="50.25")  # 1002: 199.75 in 31–60
    billing.invoice(duct, "1200.00", days_past_due=100)  # 1003 over 90
    billing.invoice(smith, "80.00", days_past_due=10, status="void")  # 1004 void
    billing.invoice(smith, "90.00", days_past_due=10, paid="90.00", status="paid")  # 1005 paid
    billing.invoice(smith, "70.00", dated=AS_OF + timedelta(days=1))  # 1006 after as_of
    out = tmp_path / "ob.pdf"
    assert company.reports.open_balances(out, as_of=AS_OF).entries == 3
    text = lines(out)
    for number in ("1001", "1002", "1003"):
        assert number in text
    for number in ("1004", "1005", "1006"):
        assert number not in text
    assert row_after(text, "1002", 4) == [
        (AS_OF - timedelta(days=75)).isoformat(),
        (AS_OF - timedelta(days=45)).isoformat(),
        "199.75",
        "199.75",
    ]
    assert text[text.index("1002") - 2 : text.index("1002")] == ["Furnace", "Invoice"]
    assert text[text.index("1003") - 2] == "Furnace:Duct"
    assert text[text.index("1001") - 2] == "—"
    assert row_after(text, "Total Smith, John") == sums("100", "0", "199.75", "0", "1200")
    assert row_after(text, "Grand total") == sums("100", "0", "199.75", "0", "1200")
    assert "1,499.75" in text
    furnace_only = company.reports.open_balances(
        out, as_of=AS_OF, customers=["Smith, John:Furnace"]
    )
    assert furnace_only.entries == 2
    text = lines(out)
    assert "1002" in text and "1003" in text and "1001" not in text
    assert row_after(text, "Grand total") == sums("0", "0", "199.75", "0", "1200")


def test_unapplied_credit_reduces_the_customer_total(
    company: Any, tree_data: Any, billing: Billing, tmp_path: Path
) -> None:
    acme = tree_data.add("Acme")
    first = billing.invoice(acme, "500.00", days_past_due=40)
    billing.payment(acme, "260.00", applied={first: "200.00"})  # 60.00 left unapplied
    billing.payment(acme, "999.00", void=True)  # void: not a credit
    other = tree_data.add("Only Credit")
    billing.payment(other, "15.00")  # a customer with nothing open but a credit
    out = tmp_path / "ob.pdf"
    company.reports.open_balances(out, as_of=AS_OF)
    text = lines(out)
    acme_block = text[text.index("Acme") : text.index("Total Acme")]
    assert acme_block[-5:] == ["—", "Payment", "2026-11-30", "-60.00", "-60.00"]
    assert row_after(text, "Total Acme") == sums("-60", "0", "300", "0", "0")
    assert row_after(text, "Total Only Credit") == sums("-15", "0", "0", "0", "0")
    assert row_after(text, "Grand total") == sums("-75", "0", "300", "0", "0")


def test_zero_balances_only_when_asked(
    company: Any, tree_data: Any, billing: Billing, tmp_path: Path
) -> None:
    owes = tree_data.add("Owes")
    tree_data.add("Settled")
    tree_data.add("Gone", active=False)
    billing.invoice(owes, "20.00")
    out = tmp_path / "ob.pdf"
    company.reports.open_balances(out, as_of=AS_OF)
    assert "Settled" not in lines(out)
    company.reports.open_balances(out, as_of=AS_OF, include_zero=True)
    text = lines(out)
    assert row_after(text, "Total Settled") == sums("0", "0", "0", "0", "0")
    assert "Gone" not in text  # inactive with nothing open stays out
    assert "Zero balances: shown" in pdf_text(out)


def test_chosen_customers_markup_and_scripts_print_literally(
    company: Any, tree_data: Any, billing: Billing, tmp_path: Path
) -> None:
    odd = tree_data.add("<b>Bold</b> & Sons")
    greek = tree_data.add("Παπαδόπουλος, Νίκος")
    billing.invoice(odd, "1234567.89", days_past_due=95)
    billing.invoice(greek, "5.00")
    out = tmp_path / "ob.pdf"
    result = company.reports.open_balances(out, as_of=AS_OF, customers=["Παπαδόπουλος, Νίκος"])
    assert result.entries == 1
    text = lines(out)
    assert "Παπαδόπουλος, Νίκος" in text and "<b>Bold</b> & Sons" not in text
    company.reports.open_balances(out, as_of=AS_OF)
    text = lines(out)
    assert "<b>Bold</b> & Sons" in text
    assert row_after(text, "Total <b>Bold</b> & Sons") == sums("0", "0", "0", "0", "1234567.89")
    assert "1,234,567.89" in text
    with pytest.raises(NotFoundError, match="Nobody"):
        company.reports.open_balances(out, customers=["Nobody"])


def test_nothing_open_and_the_registry(company: Any, tmp_path: Path) -> None:
    out = tmp_path / "ob.pdf"
    result = company.reports.open_balances(out)
    assert result.entries == 0 and result.pages == 1
    assert "No customer has an open balance" in pdf_text(out)
    info = registry.get("open-balances")
    assert info.category == "Customers & Receivables" and info.category in registry.CATEGORIES
    assert [b for b in BUCKETS] == ["Current", "1–30", "31–60", "61–90", "Over 90"]
    listed = [r.key for r in registry.by_category()["Customers & Receivables"]]
    assert "open-balances" in listed


def test_many_invoices_stream_across_pages(
    company: Any, tree_data: Any, billing: Billing, tmp_path: Path
) -> None:
    tree_data.add_customers(40)
    with company.write() as session:
        ids = [c.id for c in session.query(m.CustomerJob).filter(m.CustomerJob.depth == 0)]
        session.add_all(
            m.Invoice(
                number=5000 + i,
                node_id=ids[i % len(ids)],
                customer_id=ids[i % len(ids)],
                invoice_date=AS_OF - timedelta(days=i % 120 + 30),
                due_date=AS_OF - timedelta(days=i % 120),
                subtotal=Decimal("1.01"),
                total=Decimal("1.01"),
            )
            for i in range(1200)
        )
    seen: list[tuple[int, int]] = []
    out = tmp_path / "ob.pdf"
    result = company.reports.open_balances(
        out, as_of=AS_OF, progress=lambda done, total: seen.append((done, total))
    )
    assert result.entries == 1200 and result.pages > 5
    assert seen[-1] == (2400, 2400)
    text = lines(out)
    assert row_after(text, "Grand total")[-1] == "1,212.00"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_largest_amounts_stay_in_their_columns(company: Any, tmp_path: Path) -> None:
    """Two invoices of the largest amount the API takes: their sums set smaller, never
    running into the next column."""
    import subprocess

    big = company.customers.add(name="Big, Spender").id
    line = {"description": "x", "rate": "9999999999.99"}
    company.invoices.add(node=big, invoice_date="2026-10-01", lines=[line, line])
    out = tmp_path / "big.pdf"
    company.reports.open_balances(out, as_of=date(2026, 11, 30))
    words = subprocess.run(
        ["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    boxes = [
        (float(m[1]), float(m[2]), float(m[3]), m[4])
        for m in re.finditer(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', words
        )
    ]
    total = [b for b in boxes if b[3] == "19,999,999,999.98"]
    assert len(total) == 6  # bucket and total: of the item, the customer, the grand total
    for x_min, y, x_max, _ in total:
        same_line = [b for b in boxes if abs(b[1] - y) < 2 and b[3] not in ("",)]
        for other in same_line:
            if other[0] > x_min:  # a word to its right starts after it ends
                assert other[0] >= x_max - 0.5 or other[3] == "19,999,999,999.98"
