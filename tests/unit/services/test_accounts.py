"""The customer page: jobs, invoices and payments rolled up, overdue, credit, balances."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event

from officemgr.core import balances as balance_rules

D = Decimal


@pytest.fixture
def account(company: Any) -> dict[str, Any]:
    net30 = next(t.id for t in company.lists.all().terms if t.name == "Net 30")
    acme = company.customers.add(name="Acme", terms_id=net30, credit_limit="1000")
    roof = company.jobs.add(parent=acme.id, name="Roof", status="In Progress")
    day1 = company.jobs.add(parent=roof.id, name="Day 1")
    duct = company.jobs.add(parent=acme.id, name="Duct", status="Closed")

    def invoice(node: int, day: str, amount: str) -> Any:
        return company.invoices.add(
            node=node, invoice_date=day, lines=[{"description": "Work", "rate": amount}]
        )

    return {
        "acme": acme.id,
        "roof": roof.id,
        "day1": day1.id,
        "duct": duct.id,
        # due 2026-02-09, 2026-03-01 and 2026-03-31 (Net 30, copied to the jobs)
        "a": invoice(day1.id, "2026-01-10", "100.00"),
        "b": invoice(duct.id, "2026-01-30", "200.00"),
        "c": invoice(acme.id, "2026-03-01", "50.00"),
    }


def test_summary_of_a_customer(company: Any, account: dict[str, Any]) -> None:
    company.payments.add(
        customer=account["acme"],
        amount="130",
        received_on="2026-02-01",
        applications={account["a"].id: "40", account["b"].id: "20"},
    )
    s = company.accounts.summary(account["acme"], as_of=date(2026, 3, 1))
    assert (s.id, s.name, s.customer_name, s.terms_name) == (
        account["acme"],
        "Acme",
        "Acme",
        "Net 30",
    )
    assert [(j.full_name, j.status) for j in s.jobs] == [
        ("Acme:Duct", "Closed"),
        ("Acme:Roof", "In Progress"),
        ("Acme:Roof:Day 1", "None"),
    ]
    by_name = {j.name: j for j in s.jobs}
    assert by_name["Roof"].balance == 0 and by_name["Roof"].balance_total == D("60.00")
    assert by_name["Duct"].balance == D("180.00")
    assert s.balance == D("220.00")  # 350 invoiced − 130 received
    assert s.unapplied_credit == D("70.00")
    assert s.available_credit == D("780.00")
    # Due 2026-03-01 is not overdue on 2026-03-01; due 2026-02-09 is (60 still open).
    assert s.overdue == D("60.00")
    assert company.accounts.summary(account["acme"], as_of=date(2026, 3, 2)).overdue == D("240.00")
    assert [i.number for i in s.invoices] == [1003, 1002, 1001]
    assert [p.amount for p in s.payments] == [D("130.00")]
    assert s.as_of == date(2026, 3, 1)
    assert company.accounts.balance(account["acme"]) == D("220.00")
    assert company.accounts.balance(account["roof"]) == D("60.00")


def test_summary_of_a_job_is_limited_to_its_sub_jobs(company: Any, account: dict[str, Any]) -> None:
    paid_roof = company.payments.add(
        customer=account["acme"], amount="40", applications={account["a"].id: "40"}
    )
    company.payments.add(customer=account["duct"], amount="25", applications={})
    s = company.accounts.summary(account["roof"])
    assert [j.full_name for j in s.jobs] == ["Acme:Roof:Day 1"]
    assert [i.number for i in s.invoices] == [account["a"].number]
    assert [p.id for p in s.payments] == [paid_roof.id]  # applied to its invoices
    assert (s.balance, s.overdue, s.unapplied_credit) == (D("60.00"), D("60.00"), D(0))
    assert s.customer_id == account["acme"] and s.credit_limit == D("1000.00")
    assert s.available_credit == D("1000.00") - company.accounts.balance(account["acme"])


def test_summary_takes_a_constant_number_of_queries(company: Any, account: dict[str, Any]) -> None:
    def count_queries(extra_jobs: int) -> int:
        for _ in range(extra_jobs):
            name = f"Extra {len(company.accounts.summary(account['acme']).jobs)}"
            job = company.jobs.add(parent=account["acme"], name=name)
            inv = company.invoices.add(node=job.id, lines=[{"description": "X", "rate": "1"}])
            company.payments.add(customer=job.id, amount="1", applications={inv.id: "1"})
        statements: list[str] = []

        def record(*args: Any) -> None:
            statements.append(args[2])

        event.listen(company.engine, "before_cursor_execute", record)
        try:
            company.accounts.summary(account["acme"])
        finally:
            event.remove(company.engine, "before_cursor_execute", record)
        return len(statements)

    assert count_queries(1) == count_queries(5)


def test_stored_balances_match_their_definition(company: Any, account: dict[str, Any]) -> None:
    company.payments.add(
        customer=account["roof"],
        amount="500",
        applications={account["a"].id: "100", account["b"].id: "200"},
    )
    company.invoices.void(account["c"].id, reason="Duplicate", by="Dana")
    with company.read() as session:
        conn = session.connection()
        stored = {
            n: (b, t)
            for n, b, t in conn.exec_driver_sql(
                "SELECT id, balance / 100.0, balance_total / 100.0 FROM customer_jobs"
            )
        }
        expected = balance_rules.expected(conn)
    assert {n: (D(str(b)), D(str(t))) for n, (b, t) in stored.items()} == expected
    # 300 of the 500 pays Day 1 and Duct; 200 stays as credit on Roof, where it came in.
    assert expected[account["roof"]] == (D("-200.00"), D("-200.00"))
    assert expected[account["acme"]] == (D(0), D("-200.00"))


def test_summary_says_how_much_of_the_balance_was_brought_forward(company: Any) -> None:
    customer = company.customers.add(name="Brought Forward", opening_balance="100.00")
    job = company.jobs.add(parent=customer.id, name="Old Work", opening_balance="20.50")
    assert company.accounts.summary(customer.id).opening_balance == Decimal("120.50")
    assert company.accounts.summary(job.id).opening_balance == Decimal("20.50")
    assert company.accounts.summary(customer.id).balance == Decimal("120.50")
