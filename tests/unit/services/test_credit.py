"""Credit hold and credit limit: billable work stops without an override; overrides are logged."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from officemgr.core.records import CreditCheck
from officemgr.errors import CreditHoldError, ValidationError

D = Decimal


def lines(amount: str) -> list[dict[str, Any]]:
    return [{"description": "Service call", "quantity": 1, "rate": amount}]


@pytest.fixture
def held(company: Any) -> Any:
    acme = company.customers.add(name="Acme")
    company.customers.place_credit_hold(acme.id, reason="Two invoices 60 days late", by="Dana")
    return acme


def system_log(company: Any, node: int) -> list[tuple[str, str | None, str | None]]:
    return [
        (e.subject, e.details, e.employee_name)
        for e in company.contact_log.list_for(node)
        if e.subject != "Credit hold placed"
    ]


def test_a_hold_stops_an_invoice_without_an_override(company: Any, held: Any) -> None:
    job = company.jobs.add(parent=held.id, name="Roof", credit_override="Roof leaking", by="Dana")
    with pytest.raises(CreditHoldError) as err:
        company.invoices.add(node=job.id, lines=lines("1234.50"))
    check = err.value.check
    assert isinstance(check, CreditCheck) and check.needs_override
    assert check.customer_id == held.id and check.node_id == job.id
    assert check.problems == ("Acme is on credit hold: Two invoices 60 days late.",)
    assert "Acme is on credit hold: Two invoices 60 days late." in str(err.value)
    assert company.invoices.next_number() == 1001  # nothing written
    assert company.customers.get(held.id).balance_total == 0
    with pytest.raises(CreditHoldError):
        company.invoices.add(node=held.id, lines=lines("5"), credit_override="  ", by="Dana")


def test_an_override_with_a_reason_is_logged_on_the_node(company: Any, held: Any) -> None:
    inv = company.invoices.add(
        node=held.id, lines=lines("1234.50"), credit_override="Owner approved", by="Sam"
    )
    assert inv.total == D("1234.50")
    ((subject, details, employee),) = system_log(company, held.id)
    assert (subject, employee) == ("Credit hold overridden", "Sam")
    assert details is not None
    for part in (
        "Invoice 1001 for 1,234.50",
        "Acme is on credit hold: Two invoices 60 days late.",
        "Owner approved",
        "Sam",
    ):
        assert part in details


def test_an_override_must_say_who(company: Any, held: Any) -> None:
    with pytest.raises(ValidationError) as err:
        company.invoices.add(node=held.id, lines=lines("5"), credit_override="Owner approved")
    assert err.value.field == "by"
    assert company.invoices.next_number() == 1001


def test_the_credit_limit_edge(company: Any) -> None:
    acme = company.customers.add(name="Acme", credit_limit="5000", opening_balance="4000")
    job = company.jobs.add(parent=acme.id, name="Roof")
    # Exactly at the limit is fine.
    assert not company.accounts.credit_check(job.id, amount="1000").needs_override
    company.invoices.add(node=job.id, lines=lines("1000.00"))
    check = company.accounts.credit_check(job.id, amount="300")
    assert check.over_limit and check.new_balance == D("5300.00")
    assert check.problems == (
        "This would bring Acme's balance to 5,300.00, over its credit limit of 5,000.00.",
    )
    with pytest.raises(CreditHoldError, match=r"5,000\.01, over its credit limit of 5,000\.00"):
        company.invoices.add(node=job.id, lines=lines("0.01"))
    company.invoices.add(node=job.id, lines=lines("0.01"), credit_override="Paid cash", by="Dana")
    ((subject, details, _),) = system_log(company, job.id)
    assert subject == "Credit limit overridden" and "Paid cash" in (details or "")
    # A job with no amount cannot pass the limit, even over it already.
    assert company.jobs.add(parent=acme.id, name="Gutter").name == "Gutter"
    limit_only = company.accounts.credit_check(acme.id)
    assert limit_only.over_limit and not limit_only.needs_override


def test_a_new_job_under_a_held_customer_needs_an_override(company: Any, held: Any) -> None:
    roof = company.jobs.add(parent=held.id, name="Roof", credit_override="Emergency", by="Dana")
    with pytest.raises(CreditHoldError) as err:
        company.jobs.add(parent=roof.id, name="Day 2")
    assert err.value.check.customer_id == held.id
    assert [j.name for j in company.accounts.summary(held.id).jobs] == ["Roof"]
    ((subject, details, employee),) = system_log(company, held.id)
    assert (subject, employee) == ("Credit hold overridden", "Dana")
    assert "New job Acme:Roof" in (details or "") and "Emergency" in (details or "")
    with pytest.raises(ValidationError) as missing_by:
        company.jobs.add(parent=held.id, name="Gutter", credit_override="Emergency")
    assert missing_by.value.field == "by"
    company.customers.release_credit_hold(held.id, by="Dana")
    assert company.jobs.add(parent=roof.id, name="Day 2").name == "Day 2"


def test_record_override_logs_what_the_window_collected(company: Any, held: Any) -> None:
    entry = company.accounts.record_override(
        held.id, action="New job Furnace Replacement", reason="Paid by phone", by="Dana"
    )
    assert (entry.kind, entry.subject, entry.is_system) == (
        "System",
        "Credit hold overridden",
        True,
    )
    assert "New job Furnace Replacement" in (entry.details or "")
    with pytest.raises(ValidationError) as err:
        company.accounts.record_override(held.id, action="New job", reason="", by="Dana")
    assert err.value.field == "credit_override"


def test_a_customer_without_problems_needs_no_override(company: Any) -> None:
    acme = company.customers.add(name="Acme")
    check = company.accounts.credit_check(acme.id, amount="99999")
    assert check.problems == () and not check.over_limit and check.credit_limit is None
    inv = company.invoices.add(node=acme.id, lines=lines("99999"), credit_override="ignored")
    assert inv.total == D("99999.00")
    assert company.contact_log.list_for(acme.id) == []
