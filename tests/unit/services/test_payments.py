"""Payments: partial, automatic and explicit applications across jobs, credit, voids."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from officemgr.core.check import verify
from officemgr.errors import NotFoundError, ValidationError

D = Decimal


@pytest.fixture
def setup(company: Any) -> dict[str, Any]:
    """Acme with two jobs, each invoiced (Roof due first), and its own service call."""
    acme = company.customers.add(name="Acme", terms_id=None)
    roof = company.jobs.add(parent=acme.id, name="Roof")
    duct = company.jobs.add(parent=acme.id, name="Duct")

    def invoice(node: int, day: str, amount: str) -> Any:
        return company.invoices.add(
            node=node, invoice_date=day, lines=[{"description": "Work", "rate": amount}]
        )

    return {
        "acme": acme.id,
        "roof": roof.id,
        "duct": duct.id,
        "roof_inv": invoice(roof.id, "2026-01-10", "100.00"),
        "duct_inv": invoice(duct.id, "2026-02-10", "200.00"),
        "call_inv": invoice(acme.id, "2026-03-10", "50.00"),
    }


def balances(company: Any, s: dict[str, Any]) -> tuple[Decimal, ...]:
    """(Roof, Duct, Acme's own, Acme's total)."""
    acme = company.customers.get(s["acme"])
    return (
        company.jobs.get(s["roof"]).balance,
        company.jobs.get(s["duct"]).balance,
        acme.balance,
        acme.balance_total,
    )


def test_a_partial_payment_leaves_the_invoice_open(company: Any, setup: dict[str, Any]) -> None:
    p = company.payments.add(
        customer=setup["acme"], amount="40", applications={setup["roof_inv"].id: "40"}
    )
    inv = company.invoices.get(setup["roof_inv"].id)
    assert (inv.amount_paid, inv.status, inv.open_amount) == (D("40.00"), "open", D("60.00"))
    assert p.unapplied == 0 and p.node_id == setup["acme"]
    assert balances(company, setup) == (D("60.00"), D("200.00"), D("50.00"), D("310.00"))


def test_automatic_application_pays_the_oldest_due_first(
    company: Any, setup: dict[str, Any]
) -> None:
    p = company.payments.add(customer=setup["acme"], amount="150.00", received_on="2026-03-20")
    assert [(a.invoice_number, a.amount) for a in p.applications] == [
        (setup["roof_inv"].number, D("100.00")),
        (setup["duct_inv"].number, D("50.00")),
    ]
    assert company.invoices.get(setup["roof_inv"].id).status == "paid"
    assert company.invoices.get(setup["duct_inv"].id).amount_paid == D("50.00")
    # Each job drops by what was applied to it, whichever node received the payment.
    assert balances(company, setup) == (D(0), D("150.00"), D("50.00"), D("200.00"))
    assert [i.number for i in company.invoices.open_for(setup["acme"])] == [
        setup["duct_inv"].number,
        setup["call_inv"].number,
    ]


def test_one_payment_over_several_jobs_invoices(company: Any, setup: dict[str, Any]) -> None:
    company.payments.add(
        customer=setup["roof"],  # a job: its customer pays, received on the job
        amount="260",
        applications={setup["duct_inv"].id: "200", setup["call_inv"].id: "50"},
    )
    paid = company.payments.list_for(setup["acme"])[0]
    assert (paid.customer_id, paid.node_id, paid.unapplied) == (
        setup["acme"],
        setup["roof"],
        D("10.00"),
    )
    # Roof: 100 owed, minus the 10 left unapplied on the payment it received.
    assert balances(company, setup) == (D("90.00"), D(0), D(0), D("90.00"))
    assert company.invoices.get(setup["duct_inv"].id).status == "paid"


def test_unapplied_credit_and_applying_it_later(company: Any, setup: dict[str, Any]) -> None:
    p = company.payments.add(customer=setup["acme"], amount="500", applications={})
    assert p.applications == () and p.unapplied == D("500.00")
    assert balances(company, setup) == (D("100.00"), D("200.00"), D("-450.00"), D("-150.00"))
    applied = company.payments.apply_credit(
        p.id, applications={setup["roof_inv"].id: "100", setup["duct_inv"].id: "150"}
    )
    assert applied.unapplied == D("250.00") and applied.version > p.version
    assert balances(company, setup) == (D(0), D("50.00"), D("-200.00"), D("-150.00"))
    again = company.payments.apply_credit(p.id, applications={setup["duct_inv"].id: "50"})
    assert [(a.invoice_number, a.amount) for a in again.applications] == [
        (setup["roof_inv"].number, D("100.00")),
        (setup["duct_inv"].number, D("200.00")),
    ]
    with pytest.raises(ValidationError, match=r"only 200\.00 of the payment is left") as err:
        company.payments.apply_credit(p.id, applications={setup["call_inv"].id: "250"})
    assert err.value.field == "applications"
    last = company.payments.apply_credit(p.id, applications={setup["call_inv"].id: "50"})
    assert last.unapplied == D("150.00")
    assert balances(company, setup) == (D(0), D(0), D("-150.00"), D("-150.00"))


@pytest.mark.parametrize(
    ("amount", "applications", "field", "message"),
    [
        ("0", None, "amount", "A payment must be for more than 0.00."),
        ("-5", None, "amount", "A payment must be for more than 0.00."),
        ("lots", None, "amount", "The amount must be a number written like 1234.56"),
        ("50", {"roof": "60"}, "applications", "60.00 is applied to invoices, but only 50.00"),
        ("500", {"roof": "100.01"}, "applications", "has 100.00 open; 100.01 cannot"),
        ("500", {"roof": "-1"}, "applications", "cannot be negative"),
        ("500", {"foreign": "1"}, "applications", "belongs to another customer"),
        ("500", {12345: "1"}, "applications", "There is no invoice with id 12345."),
    ],
)
def test_refusals(
    company: Any,
    setup: dict[str, Any],
    amount: str,
    applications: dict[Any, str] | None,
    field: str,
    message: str,
) -> None:
    other = company.customers.add(name="Other")
    foreign = company.invoices.add(node=other.id, lines=[{"description": "X", "rate": "9"}])
    ids = {"roof": setup["roof_inv"].id, "foreign": foreign.id}
    given = None if applications is None else {ids.get(k, k): v for k, v in applications.items()}
    with pytest.raises(ValidationError) as err:
        company.payments.add(customer=setup["acme"], amount=amount, applications=given)
    assert err.value.field == field
    assert message in str(err.value)
    assert company.payments.list_for(setup["acme"]) == []


def test_paid_and_void_invoices_take_no_more(company: Any, setup: dict[str, Any]) -> None:
    company.payments.add(
        customer=setup["acme"], amount="100", applications={setup["roof_inv"].id: "100"}
    )
    with pytest.raises(ValidationError, match="already paid"):
        company.payments.add(
            customer=setup["acme"], amount="5", applications={setup["roof_inv"].id: "5"}
        )
    company.invoices.void(setup["call_inv"].id, reason="Duplicate", by="Dana")
    with pytest.raises(ValidationError, match="is void"):
        company.payments.add(
            customer=setup["acme"], amount="5", applications={setup["call_inv"].id: "5"}
        )
    other = company.customers.add(name="Other")
    with pytest.raises(ValidationError) as err:
        company.payments.add(customer=setup["acme"], node=other.id, amount="5")
    assert err.value.field == "node"


def test_voiding_a_payment_reopens_what_it_paid(company: Any, setup: dict[str, Any]) -> None:
    before = balances(company, setup)
    p = company.payments.add(
        customer=setup["acme"],
        amount="180",
        received_on=date(2026, 3, 1),
        applications={setup["roof_inv"].id: "100", setup["duct_inv"].id: "50"},
    )
    voided = company.payments.void(p.id, reason="Check bounced", by="Dana")
    assert voided.is_void and voided.void_reason == "Check bounced" and voided.unapplied == 0
    assert len(voided.applications) == 2  # kept as history
    roof = company.invoices.get(setup["roof_inv"].id)
    assert (roof.status, roof.amount_paid) == ("open", D(0))
    assert company.invoices.get(setup["duct_inv"].id).amount_paid == D(0)
    assert balances(company, setup) == before
    log = company.contact_log.list_for(setup["acme"])
    assert [(e.kind, e.subject) for e in log] == [("System", "Payment voided")]
    assert "180.00" in (log[0].details or "") and "Check bounced" in (log[0].details or "")
    with pytest.raises(ValidationError, match="already void"):
        company.payments.void(p.id, reason="Again", by="Dana")
    with pytest.raises(ValidationError):
        company.payments.apply_credit(p.id, applications={setup["call_inv"].id: "1"})
    assert [x.id for x in company.payments.list_for(setup["acme"], include_void=False)] == []


def test_lists_and_get(company: Any, setup: dict[str, Any]) -> None:
    cash = company.lists.all().payment_methods[0]
    first = company.payments.add(
        customer=setup["acme"], amount="10", received_on="2026-03-01", applications={}
    )
    second = company.payments.add(
        customer=setup["roof"],
        amount="20",
        received_on="2026-03-05",
        payment_method_id=cash.id,
        reference="1234",
        applications={},
    )
    assert [p.id for p in company.payments.list_for(setup["acme"])] == [second.id, first.id]
    assert [p.id for p in company.payments.list_for(setup["acme"], include_jobs=False)] == [
        first.id
    ]
    assert [p.id for p in company.payments.list_for(setup["roof"])] == [second.id]
    got = company.payments.get(second.id)
    assert (got.payment_method_name, got.reference, got.node_full_name) == (
        cash.name,
        "1234",
        "Acme:Roof",
    )
    with pytest.raises(NotFoundError):
        company.payments.get(9999)


def test_verify_data_agrees_after_a_mix_of_operations(
    company: Any, company_path: Any, setup: dict[str, Any]
) -> None:
    sub = company.jobs.add(parent=setup["roof"], name="Day 2")
    sub_inv = company.invoices.add(node=sub.id, lines=[{"description": "Labor", "rate": "80"}])
    p1 = company.payments.add(customer=setup["duct"], amount="120", applications={})
    company.payments.apply_credit(p1.id, applications={sub_inv.id: "80", setup["roof_inv"].id: "5"})
    p2 = company.payments.add(customer=setup["acme"], amount="230")
    company.payments.void(p2.id, reason="Bounced", by="Dana")
    company.payments.add(
        customer=setup["acme"], amount="60", applications={setup["call_inv"].id: "50"}
    )
    company.invoices.void(setup["duct_inv"].id, reason="Never done", by="Dana")
    company.jobs.move(sub.id, new_parent=setup["duct"])
    company.close()
    report = verify(company_path)
    assert report.problems == []
    assert report.counts["invoices"] == 4 and report.counts["payments"] == 3
