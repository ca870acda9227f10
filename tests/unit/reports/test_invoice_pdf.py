"""The invoice PDF: company heading, Bill To, lines, tax, totals, the void mark."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from officemgr.core import models as m
from officemgr.errors import NotFoundError, ValidationError


def pdf_lines(path: Path) -> list[str]:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return [line.strip() for line in text.splitlines()]


# As long as a line's description may be (200 characters): it wraps in its column.
LONG_DESCRIPTION = "Replace the furnace filter and " + "check every duct joint " * 7 + "END"


def make_invoice(company: Any, node: int, *, number: int = 1042, **fields: Any) -> int:
    """Invoice ``number`` on ``node``: two lines, 7.25% tax under code "Ohio", Net 30."""
    with company.write() as session:
        office = session.get(m.OfficeSettings, 1) or m.OfficeSettings(id=1)
        office.company_name = "Acme Heating & Air"
        office.line1 = "500 Main St"
        office.city = "Dayton"
        office.region = "OH"
        office.postal_code = "45402"
        office.phone = "937-555-0100"
        session.add(office)
        terms = session.query(m.Terms).filter_by(name="Net 30").one_or_none()
        if terms is None:
            terms = m.Terms(name="Net 30", net_days=30)
            session.add(terms)
        tax = session.query(m.TaxCode).filter_by(name="Ohio").one_or_none()
        if tax is None:
            tax = m.TaxCode(name="Ohio", rate_percent=Decimal("7.25"))
            session.add(tax)
        session.flush()
        values: dict[str, Any] = {
            "number": number,
            "node_id": node,
            "customer_id": session.get(m.CustomerJob, node).customer_id,
            "invoice_date": date(2026, 11, 2),
            "due_date": date(2026, 12, 2),
            "terms_id": terms.id,
            "tax_code_id": tax.id,
            "tax_rate_percent": Decimal("7.25"),
            "memo": "Thank you <b>for</b> your business & referrals",
            "subtotal": Decimal("1090.00"),
            "tax": Decimal("79.03"),
            "total": Decimal("1169.03"),
            "amount_paid": Decimal("169.03"),
        }
        values.update(fields)
        invoice = m.Invoice(**values)
        invoice.lines = [
            m.InvoiceLine(
                position=0,
                description=LONG_DESCRIPTION,
                quantity=Decimal("2.5"),
                rate=Decimal("36.00"),
                amount=Decimal("90.00"),
            ),
            m.InvoiceLine(
                position=1,
                description="Furnace, 96% AFUE",
                quantity=Decimal("1"),
                rate=Decimal("1000.00"),
                amount=Decimal("1000.00"),
            ),
        ]
        session.add(invoice)
        session.flush()
        if invoice.amount_paid and invoice.status != "void":  # paid by a real payment
            session.add(
                m.Payment(
                    customer_id=invoice.customer_id,
                    node_id=invoice.customer_id,
                    received_on=invoice.invoice_date,
                    amount=invoice.amount_paid,
                    applications=[
                        m.PaymentApplication(invoice_id=invoice.id, amount=invoice.amount_paid)
                    ],
                )
            )
        return int(invoice.id)


@pytest.fixture
def smith_job(company: Any) -> int:
    smith = company.customers.add(
        name="Smith, John",
        bill_to={
            "line1": "12 Oak St",
            "city": "Dayton",
            "region": "OH",
            "postal_code": "45402",
            "country": "US",
        },
    ).id
    return int(company.jobs.add(parent=smith, name="Furnace", status="Pending").id)


def test_invoice_heading_bill_to_lines_and_totals(
    company: Any, smith_job: int, tmp_path: Path
) -> None:
    invoice_id = make_invoice(company, smith_job)
    out = tmp_path / "invoice.pdf"
    result = company.reports.invoice(invoice_id, out)
    assert result.entries == 2 and result.pages == 1
    text = pdf_lines(out)
    joined = " ".join(text)
    assert "Acme Heating & Air" in text
    assert "Invoice 1042" in text
    assert "500 Main St · Dayton, OH 45402 · 937-555-0100" in joined
    bill_to = text.index("Bill To")
    assert text[bill_to + 1 : bill_to + 4] == [
        "Smith, John:Furnace",
        "12 Oak St",
        "Dayton, OH 45402",
    ]
    assert text[text.index("Date") + 1] == "2026-11-02"
    assert text[text.index("Due date") + 1] == "2026-12-02"
    assert text[text.index("Terms") + 1] == "Net 30"
    # The long description wraps onto several lines and is printed whole.
    assert "END" in joined and joined.count("check every duct joint") == 7
    end = next(i for i, line in enumerate(text) if line.endswith("duct joint END"))
    assert end - text.index("Amount") > 2  # several lines
    assert text[end + 1 : end + 5] == ["T", "2.5", "36.00", "90.00"]  # T: taxable
    assert text[text.index("Furnace, 96% AFUE") + 1 : text.index("Furnace, 96% AFUE") + 5] == [
        "T",
        "1",
        "1,000.00",
        "1,000.00",
    ]
    assert text[text.index("Subtotal") + 1] == "1,090.00"
    assert text[text.index("Tax (Ohio, 7.25% of 1,090.00)") + 1] == "79.03"
    assert text[text.index("Total") + 1] == "1,169.03"
    assert text[text.index("Amount paid") + 1] == "169.03"
    assert text[text.index("Balance due") + 1] == "1,000.00"
    assert "Memo: Thank you <b>for</b> your business & referrals" in joined
    assert "VOID" not in joined


def test_void_invoice_is_marked_with_its_reason(
    company: Any, smith_job: int, tmp_path: Path
) -> None:
    make_invoice(company, smith_job, number=7, status="void", void_reason="Entered twice")
    out = tmp_path / "void.pdf"
    company.reports.invoice_by_number(7, out)
    text = pdf_lines(out)
    assert "Invoice 7 — VOID" in text
    assert "VOID: Entered twice" in text
    assert text[text.index("Balance due") + 1] == "0.00"


def test_job_without_its_own_address_is_billed_at_the_customer(
    company: Any, tmp_path: Path
) -> None:
    acme = company.customers.add(
        name="Ελληνική Θέρμανση", bill_to={"line1": "Οδός Αθηνάς 5", "city": "Αθήνα"}
    ).id
    with company.write() as session:
        job = m.CustomerJob(
            parent_id=acme,
            customer_id=acme,
            depth=1,
            name="Λέβητας",
            full_name="Ελληνική Θέρμανση:Λέβητας",
            full_name_key="ελληνική θέρμανση:λέβητας",
            sort_key="λέβητας",
        )
        session.add(job)
        session.flush()
        job_id = job.id
    make_invoice(company, job_id, number=8, tax_code_id=None, tax_rate_percent=Decimal(0))
    out = tmp_path / "greek.pdf"
    company.reports.invoice_by_number(8, out)
    text = pdf_lines(out)
    bill_to = text.index("Bill To")
    assert text[bill_to + 1 : bill_to + 4] == [
        "Ελληνική Θέρμανση:Λέβητας",
        "Οδός Αθηνάς 5",
        "Αθήνα",
    ]
    assert "Tax" in text


def test_unknown_invoice_and_bad_choice(company: Any, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no invoice with number 99"):
        company.reports.invoice_by_number(99, tmp_path / "x.pdf")
    with pytest.raises(NotFoundError, match="no invoice with id 5"):
        company.reports.invoice(5, tmp_path / "x.pdf")
    with pytest.raises(ValidationError, match="whole number"):
        company.reports.invoice_by_number("12", tmp_path / "x.pdf")  # type: ignore[arg-type]
    assert not (tmp_path / "x.pdf").exists()


def _page_lines(path: Path, page: int) -> list[str]:
    import subprocess

    text = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_a_long_invoice_has_its_headings_on_every_page_and_marks_taxable_lines(
    company: Any, tmp_path: Path
) -> None:
    code = company.lists.add_item(list_kind="tax_code", name="NY", rate_percent="8.875")
    customer = company.customers.add(name="Long, Invoice", tax_code_id=code.id).id
    lines = [
        {"description": f"Line {i} service", "rate": "10000000.00" if i == 3 else "12.00",
         "is_taxable": i % 2 == 0}
        for i in range(70)
    ]  # fmt: skip
    invoice = company.invoices.add(node=customer, lines=lines)
    out = tmp_path / "long.pdf"
    result = company.reports.invoice(invoice.id, out)
    assert result.pages >= 2
    for page in range(1, result.pages + 1):
        shown = _page_lines(out, page)
        rows = [i for i, line in enumerate(shown) if line.startswith("Line ")]
        if not rows:
            continue
        heading = [i for i, line in enumerate(shown) if line.startswith("Description")]
        assert heading and heading[0] < rows[0], f"page {page} starts without its headings"
        assert len(heading) == 1, f"page {page} repeats its headings mid-page"
    first = _page_lines(out, 1)
    assert any(line.startswith("Line 0 service") and " T " in line for line in first)
    assert any(line.startswith("Line 1 service") and " T " not in line for line in first)
    base = sum(Decimal("12.00") for i in range(70) if i % 2 == 0)  # line 3 is not taxable
    last = " ".join(_page_lines(out, result.pages))
    assert f"8.875% of {base:,.2f}" in last
    assert "10,000,000.00" in " ".join(first)
