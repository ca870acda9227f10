"""Invoices: exact money, tax by code, due dates by terms, numbers, voids, refusals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import insert

from officemgr.core import models as m
from officemgr.errors import ConflictError, NotFoundError, ValidationError

DAY = date(2026, 3, 10)


def tax_code(company: Any, name: str, rate: str, *, taxable: bool = True) -> int:
    return int(
        company.lists.add_item(
            list_kind="tax_code", name=name, rate_percent=rate, is_taxable=taxable
        ).id
    )


def terms_named(company: Any, name: str) -> int:
    return next(t.id for t in company.lists.all().terms if t.name == name)


@pytest.fixture
def acme(company: Any) -> Any:
    return company.customers.add(name="Acme Heating")


def line(description: str, quantity: str, rate: str, taxable: bool = True) -> dict[str, Any]:
    return {"description": description, "quantity": quantity, "rate": rate, "is_taxable": taxable}


def test_amounts_round_half_up_to_the_cent(company: Any, acme: Any) -> None:
    inv = company.invoices.add(
        node=acme.id, lines=[line("Half a cent up", "0.5", "0.05"), line("Plain", "3", "19.99")]
    )
    assert [x.amount for x in inv.lines] == [Decimal("0.03"), Decimal("59.97")]
    assert inv.subtotal == Decimal("60.00") and inv.total == Decimal("60.00")
    assert isinstance(inv.total, Decimal)


def test_tax_applies_to_taxable_lines_only_and_rounds_half_up(company: Any, acme: Any) -> None:
    code = tax_code(company, "Ohio", "7.25")
    company.customers.update(acme.id, tax_code_id=code)
    lines = [line("Furnace", "1", "100.00"), line("Permit", "1", "50.00", taxable=False)]
    inv = company.invoices.add(node=acme.id, lines=lines)
    assert (inv.subtotal, inv.tax, inv.total) == (
        Decimal("150.00"),
        Decimal("7.25"),
        Decimal("157.25"),
    )
    assert inv.tax_code_id == code and inv.tax_rate_percent == Decimal("7.25")
    assert inv.tax_code_name == "Ohio"
    assert company.invoices.tax_for(acme.id, lines=lines) == (inv.subtotal, inv.tax, inv.total)
    # 0.10 at 5% is 0.005 of tax: half-up makes it a cent (banker's rounding would not).
    five = tax_code(company, "Five", "5")
    company.customers.update(acme.id, tax_code_id=five)
    small = company.invoices.add(node=acme.id, lines=[line("Washer", "1", "0.10")])
    assert small.tax == Decimal("0.01") and small.total == Decimal("0.11")


def test_a_non_taxable_code_charges_no_tax(company: Any, acme: Any) -> None:
    non = next(t.id for t in company.lists.all().tax_codes if not t.is_taxable)
    company.customers.update(acme.id, tax_code_id=non)
    inv = company.invoices.add(node=acme.id, lines=[line("Furnace", "1", "100")])
    assert (inv.tax, inv.total, inv.tax_rate_percent) == (Decimal(0), Decimal("100.00"), 0)


def test_due_date_follows_terms(company: Any, acme: Any) -> None:
    net30 = terms_named(company, "Net 30")
    net15 = terms_named(company, "Net 15")
    no_terms = company.invoices.add(node=acme.id, invoice_date=DAY, lines=[line("A", "1", "1")])
    assert no_terms.due_date == DAY and no_terms.terms_id is None
    company.customers.update(acme.id, terms_id=net30)
    job = company.jobs.add(parent=acme.id, name="Roof")  # copies the customer's terms
    by_node = company.invoices.add(
        node=job.id, invoice_date="2026-03-10", lines=[line("B", "1", "1")]
    )
    assert by_node.due_date == date(2026, 4, 9) and by_node.terms_name == "Net 30"
    given = company.invoices.add(
        node=job.id, invoice_date=DAY, terms_id=net15, lines=[line("C", "1", "1")]
    )
    assert given.due_date == date(2026, 3, 25)
    assert company.invoices.due_date_for(job.id, invoice_date=DAY) == date(2026, 4, 9)
    assert company.invoices.due_date_for(job.id, invoice_date=DAY, terms_id=net15) == date(
        2026, 3, 25
    )


def test_numbers_are_sequential_from_1001(company: Any, acme: Any) -> None:
    assert company.invoices.next_number() == 1001
    first = company.invoices.add(node=acme.id, lines=[line("A", "1", "1")])
    second = company.invoices.add(node=acme.id, lines=[line("B", "1", "1")])
    assert (first.number, second.number) == (1001, 1002)
    company.invoices.void(second.id, reason="Typo", by="Dana")
    assert company.invoices.next_number() == 1003


def test_a_new_invoice_moves_job_and_customer_balances(company: Any, acme: Any) -> None:
    job = company.jobs.add(parent=acme.id, name="Roof")
    sub = company.jobs.add(parent=job.id, name="Day 1")
    company.invoices.add(node=sub.id, lines=[line("Labor", "2", "40")])
    company.invoices.add(node=acme.id, lines=[line("Call", "1", "25")])
    assert company.jobs.get(sub.id).balance == Decimal("80.00")
    assert company.jobs.get(job.id).balance == Decimal(0)
    assert company.jobs.get(job.id).balance_total == Decimal("80.00")
    root = company.customers.get(acme.id)
    assert (root.balance, root.balance_total) == (Decimal("25.00"), Decimal("105.00"))


@pytest.mark.parametrize(
    ("lines", "starts"),
    [
        ([], "An invoice needs at least one line."),
        (
            [line("A", "1", "1"), {"description": "B", "quantity": "two", "rate": "1"}],
            "Line 2: the quantity must be a number written like 1234.56",
        ),
        ([line("A", "1", "1"), {"description": " ", "rate": "1"}], "Line 2: give the line"),
        (
            [{"description": "A", "rate": "ten"}],
            "Line 1: the rate must be a number written like 1234.56",
        ),
        ([line("Refund", "1", "-5")], "The invoice total would be -5.00; it cannot be negative."),
    ],
)
def test_bad_lines_are_refused_with_the_line_number(
    company: Any, acme: Any, lines: list[Any], starts: str
) -> None:
    with pytest.raises(ValidationError) as err:
        company.invoices.add(node=acme.id, lines=lines)
    assert err.value.field == "lines"
    assert str(err.value).startswith(starts)
    assert company.invoices.next_number() == 1001


def test_a_discount_line_is_fine_while_the_total_is_not_negative(company: Any, acme: Any) -> None:
    inv = company.invoices.add(
        node=acme.id, lines=[line("Furnace", "1", "100"), line("Discount", "1", "-10")]
    )
    assert inv.total == Decimal("90.00") and inv.status == "open"


def test_other_refusals_name_their_field(company: Any, acme: Any) -> None:
    with pytest.raises(ValidationError) as err:
        company.invoices.add(node=acme.id, terms_id=999, lines=[line("A", "1", "1")])
    assert err.value.field == "terms_id"
    with pytest.raises(ValidationError) as err:
        company.invoices.add(node=acme.id, invoice_date="10/3/2026", lines=[line("A", "1", "1")])
    assert err.value.field == "invoice_date"
    with pytest.raises(NotFoundError):
        company.invoices.add(node=9999, lines=[line("A", "1", "1")])


def test_list_and_open_invoices(company: Any, acme: Any) -> None:
    job = company.jobs.add(parent=acme.id, name="Roof")
    other = company.customers.add(name="Other")
    a = company.invoices.add(node=acme.id, invoice_date="2026-01-05", lines=[line("A", "1", "1")])
    b = company.invoices.add(node=job.id, invoice_date="2026-02-05", lines=[line("B", "1", "2")])
    c = company.invoices.add(node=job.id, invoice_date="2025-12-05", lines=[line("C", "1", "3")])
    company.invoices.add(node=other.id, lines=[line("X", "1", "9")])
    company.invoices.void(a.id, reason="Wrong customer", by="Dana")
    assert [i.number for i in company.invoices.list_for(acme.id)] == [b.number, a.number, c.number]
    assert [i.number for i in company.invoices.list_for(acme.id, include_void=False)] == [
        b.number,
        c.number,
    ]
    assert [i.number for i in company.invoices.list_for(acme.id, include_jobs=False)] == [a.number]
    assert [i.number for i in company.invoices.list_for(job.id)] == [b.number, c.number]
    assert all(i.lines == () for i in company.invoices.list_for(acme.id))
    assert [i.number for i in company.invoices.open_for(job.id)] == [c.number, b.number]
    got = company.invoices.get(b.id)
    assert got.lines[0].description == "B" and got.node_full_name == "Acme Heating:Roof"


def test_void_keeps_the_invoice_and_moves_balances_back(company: Any, acme: Any) -> None:
    job = company.jobs.add(parent=acme.id, name="Roof")
    inv = company.invoices.add(node=job.id, lines=[line("A", "1", "120")])
    with pytest.raises(ValidationError) as err:
        company.invoices.void(inv.id, reason=" ", by="Dana")
    assert err.value.field == "reason"
    with pytest.raises(ConflictError):
        company.invoices.void(inv.id, reason="Duplicate", by="Dana", expected_version=99)
    voided = company.invoices.void(
        inv.id, reason="Duplicate", by="Dana", expected_version=inv.version
    )
    assert (voided.status, voided.void_reason, voided.voided_by) == ("void", "Duplicate", "Dana")
    assert voided.open_amount == 0 and voided.voided_at is not None
    assert company.customers.get(acme.id).balance_total == Decimal(0)
    assert company.jobs.get(job.id).balance == Decimal(0)
    log = company.contact_log.list_for(job.id)
    assert [(e.kind, e.subject) for e in log] == [("System", "Invoice voided")]
    assert "Invoice 1001 for 120.00" in (log[0].details or "")
    with pytest.raises(ValidationError, match="already void"):
        company.invoices.void(inv.id, reason="Again", by="Dana")


def test_an_invoice_with_a_live_payment_cannot_be_voided(company: Any, acme: Any) -> None:
    inv = company.invoices.add(node=acme.id, lines=[line("A", "1", "120")])
    payment = company.payments.add(customer=acme.id, amount="20", received_on=DAY)
    with pytest.raises(ValidationError) as err:
        company.invoices.void(inv.id, reason="Duplicate", by="Dana")
    assert err.value.field == "payments"
    assert "20.00 received 2026-03-10" in str(err.value) and "first" in str(err.value)
    company.payments.void(payment.id, reason="Bounced", by="Dana")
    assert company.invoices.void(inv.id, reason="Duplicate", by="Dana").status == "void"
    assert company.customers.get(acme.id).balance_total == Decimal(0)


def test_suggested_lines_come_from_the_job(company: Any, acme: Any) -> None:
    job = company.jobs.add(parent=acme.id, name="Move")
    with company.write() as session:
        session.execute(
            insert(m.table(m.JobServiceLine)),
            [
                {"job_id": job.id, "position": 1, "service": "Packing", "quantity": 2,
                 "rate": Decimal("45")},
                {"job_id": job.id, "position": 0, "service": "Truck", "quantity": 1,
                 "rate": Decimal("300")},
            ],
        )  # fmt: skip
        session.execute(
            insert(m.table(m.JobFigureLine)),
            [
                {"job_id": job.id, "phase": "estimate", "position": 0, "description": "Est",
                 "quantity": 1, "rate": Decimal("500"), "amount": Decimal("500")},
                {"job_id": job.id, "phase": "final", "position": 0, "description": "Actual",
                 "quantity": Decimal("1.5"), "rate": Decimal("400"), "amount": Decimal("600")},
            ],
        )  # fmt: skip
    services = company.invoices.suggested_lines(job.id, source="services")
    assert [(s["description"], s["quantity"], s["rate"]) for s in services] == [
        ("Truck", Decimal(1), Decimal(300)),
        ("Packing", Decimal(2), Decimal(45)),
    ]
    final = company.invoices.suggested_lines(job.id, source="final")
    assert [s["description"] for s in final] == ["Actual"]
    assert [
        s["description"] for s in company.invoices.suggested_lines(job.id, source="estimate")
    ] == ["Est"]
    inv = company.invoices.add(node=job.id, lines=final)
    assert inv.total == Decimal("600.00")
    with pytest.raises(ValidationError) as err:
        company.invoices.suggested_lines(job.id, source="inventory")
    assert err.value.field == "source"


def test_the_first_invoice_turns_a_prospect_into_a_customer(company: Any) -> None:
    maybe = company.customers.add(name="Maybe Co", is_prospect=True)
    job = company.jobs.add(parent=maybe.id, name="Quote")
    company.invoices.add(node=job.id, lines=[line("Visit", "1", "75")], by="Dana")
    assert not company.customers.get(maybe.id).is_prospect
    log = company.contact_log.list_for(maybe.id)
    assert [(e.kind, e.subject, e.employee_name) for e in log] == [
        ("System", "Prospect became a customer", "Dana")
    ]
    assert "Invoice 1001 for 75.00" in (log[0].details or "")
    company.invoices.add(node=maybe.id, lines=[line("Again", "1", "5")])
    assert len(company.contact_log.list_for(maybe.id)) == 1  # only the first converts
