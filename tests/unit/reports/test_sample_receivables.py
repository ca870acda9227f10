"""On the sample company, every receivable figure agrees: the Open Balances grand total
(its rows and its PDF) equals the sum of the customers' balances, today and 30 days ago;
each customer's line equals its balance; and new invoices are taxed as the old ones were."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from officemgr import Company
from officemgr.cli import make_demo_company
from officemgr.reports.open_balances import OpenBalancesOptions, customer_balances


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("sample") / "Sample.officemgr"
    make_demo_company(path, customers=300, seed=11)
    with Company.open(path) as co:
        yield co


def customer_ids(co: Any) -> list[int]:
    return [row.id for row in co.tree.children(parent_id=None, show="all", limit=10_000)]


@pytest.mark.parametrize("days_ago", [0, 30])
def test_open_balances_equal_the_customers_balances(
    sample: Any, days_ago: int, tmp_path: Path
) -> None:
    as_of = date.today() - timedelta(days=days_ago)
    owed = {c: sample.accounts.balance(c, as_of=as_of) for c in customer_ids(sample)}
    if days_ago == 0:  # nothing in the sample is dated after today
        assert owed == {c: sample.accounts.balance(c) for c in owed}
    with sample.read() as session:
        rows = list(customer_balances(session, OpenBalancesOptions(as_of=as_of)))
    listed = {r.customer_id: r.total for r in rows}
    assert all(listed[c] == owed[c] for c in listed)  # each line is that customer's balance
    assert all(owed[c] == 0 for c in owed if c not in listed)  # those left out owe nothing
    grand = sum(owed.values(), Decimal(0))
    assert sum((r.total for r in rows), Decimal(0)) == grand
    assert any(item.kind == "opening" for r in rows for item in r.items)

    out = tmp_path / "ob.pdf"
    sample.reports.open_balances(out, as_of=as_of)
    text = [
        line.strip()
        for page in PdfReader(out).pages
        for line in (page.extract_text() or "").splitlines()
    ]
    printed = text[text.index("Grand total") + 6]
    assert printed == sample.settings.get().numbers.money(grand)


def test_a_new_taxable_invoice_is_taxed_as_the_samples_were(sample: Any) -> None:
    taxed = next(
        i
        for c in customer_ids(sample)
        for i in sample.invoices.list_for(c)
        if i.tax_code_name == "Tax" and i.tax > 0
    )
    code = next(t for t in sample.lists.all().tax_codes if t.name == "Tax")
    assert code.rate_percent == taxed.tax_rate_percent == Decimal("7.5")
    _subtotal, tax, _total = sample.invoices.tax_for(
        taxed.customer_id, lines=[{"description": "Filter", "rate": "100.00"}]
    )
    assert tax == Decimal("7.50")
