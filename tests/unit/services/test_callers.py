"""The caller-ID chooser's cards: the Account tab's figures, the warnings, open jobs and
the last contact, for several customers at once (``co.customers.caller_cards``)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from officemgr.errors import ValidationError


def test_a_card_has_the_account_tabs_balance_and_overdue_and_the_warnings(company: Any) -> None:
    smith = company.customers.add(name="Smith, John", phone="555-201-3344").id
    furnace = company.jobs.add(parent=smith, name="Furnace", status="In Progress").id
    company.jobs.add(parent=smith, name="Old roof", status="Closed")
    company.invoices.add(
        node=furnace,
        lines=[{"description": "Service call", "rate": "150.00", "is_taxable": False}],
        invoice_date=date.today() - timedelta(days=90),
    )
    company.invoices.add(
        node=smith, lines=[{"description": "Filter", "rate": "20.00", "is_taxable": False}]
    )
    company.popups.add(owner=smith, text="Gate code 1234")
    company.customers.place_credit_hold(smith, reason="Owes 90 days", by="Dana")
    when = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)
    company.contact_log.add(owner=furnace, at=when, kind="Call In", subject="Noise")
    baker = company.customers.add(name="Baker, Ann", is_prospect=True).id

    smith_card, baker_card = company.customers.caller_cards([smith, baker])
    account = company.accounts.summary(smith)
    assert (smith_card.balance, smith_card.overdue) == (account.balance, account.overdue)
    assert smith_card.overdue == Decimal("150.00") < smith_card.balance
    assert smith_card.credit_hold and smith_card.has_popup_notes and not smith_card.is_prospect
    assert smith_card.open_jobs == 1  # the closed one is not open
    assert smith_card.last_contact == when
    assert baker_card.is_prospect and baker_card.last_contact is None
    assert (baker_card.balance, baker_card.overdue, baker_card.open_jobs) == (0, 0, 0)


def test_cards_come_in_the_order_asked_and_refuse_jobs_and_wrong_kinds(company: Any) -> None:
    a = company.customers.add(name="A").id
    b = company.customers.add(name="B").id
    job = company.jobs.add(parent=a, name="Job").id
    assert [c.full_name for c in company.customers.caller_cards([b, a, b])] == ["B", "A"]
    assert company.customers.caller_cards([]) == []
    assert company.customers.caller_cards([999_999]) == []  # gone since: left out
    for wrong in ([job], "1,2", [True], None, list(range(1, 500))):
        with pytest.raises(ValidationError):
            company.customers.caller_cards(wrong)
