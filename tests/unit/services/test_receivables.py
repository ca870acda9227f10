"""Receivables you can trust (issue 13): each case that once disagreed, as a bookkeeper
would check it — through the API, the report's rows and the PDF."""

from __future__ import annotations

import inspect
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from pypdf import PdfReader

from officemgr.errors import ValidationError
from officemgr.reports.open_balances import OpenBalancesOptions, customer_balances

D = Decimal
AS_OF = date(2026, 11, 30)


def pdf_lines(path: Path) -> list[str]:
    return [
        line.strip()
        for page in PdfReader(path).pages
        for line in (page.extract_text() or "").splitlines()
    ]


def report(company: Any, **options: Any) -> dict[str, Any]:
    """The report's rows: {customer name: CustomerBalance}."""
    with company.read() as session:
        rows = customer_balances(session, OpenBalancesOptions(**options))
        return {row.customer_name: row for row in rows}


def net(company: Any, days: int) -> int:
    return next(t.id for t in company.lists.all().terms if t.net_days == days)


def invoice(company: Any, node: int, day: str, amount: str) -> Any:
    return company.invoices.add(
        node=node, invoice_date=day, lines=[{"description": "Work", "rate": amount}]
    )


# ------------------------------------------------------------- 1. opening balances


def test_an_opening_balance_is_a_line_of_its_own_aged_by_the_terms(
    company: Any, tmp_path: Path
) -> None:
    only = company.customers.add(
        name="Only Opening",
        terms_id=net(company, 30),
        opening_balance="2473.92",
        opening_balance_date="2023-12-08",
    )
    both = company.customers.add(
        name="Both", opening_balance="668.17", opening_balance_date="2026-11-01"
    )
    invoice(company, both.id, "2026-11-20", "32960.00")
    rows = report(company, as_of=AS_OF)
    (item,) = rows["Only Opening"].items
    assert (item.kind, item.day, item.due_date, item.amount) == (
        "opening",
        date(2023, 12, 8),
        date(2024, 1, 7),  # Net 30
        D("2473.92"),
    )
    assert rows["Both"].total == D("33628.17") == company.accounts.balance(both.id, as_of=AS_OF)
    assert company.accounts.balance(only.id, as_of=AS_OF) == rows["Only Opening"].total
    # An opening balance past its due date is overdue like an invoice.
    summary = company.accounts.summary(only.id, as_of=AS_OF)
    assert summary.overdue == D("2473.92") and summary.opening_balance == D("2473.92")
    # Before its date it does not count yet.
    assert company.accounts.balance(both.id, as_of=date(2026, 10, 31)) == 0

    out = tmp_path / "ob.pdf"
    company.reports.open_balances(out, as_of=AS_OF, customers=["Only Opening"], include_zero=True)
    text = pdf_lines(out)
    at = text.index("Opening balance")
    assert text[at + 1 : at + 3] == ["2023-12-08", "2024-01-07"]
    assert text[text.index("Total Only Opening") + 6] == "2,473.92"  # the Total column


def test_a_customer_with_invoices_and_an_opening_balance_owes_both(company: Any) -> None:
    owes = company.customers.add(
        name="Owes", opening_balance="1263.28", opening_balance_date="2026-01-05"
    )
    rows = report(company, as_of=AS_OF, customers=("Owes",), include_zero=True)
    assert rows["Owes"].total == D("1263.28") == company.accounts.balance(owes.id)


# ----------------------------------------------------------- 2. later payments


def test_a_payment_received_after_the_date_does_not_pay_yet(company: Any) -> None:
    customer = company.customers.add(name="Late Payer")
    first = invoice(company, customer.id, "2026-10-01", "100.00")
    company.payments.add(customer=customer.id, amount="150.00", received_on="2026-12-05")
    (item,) = report(company, as_of=AS_OF)["Late Payer"].items
    assert (item.kind, item.number, item.amount) == ("invoice", first.number, D("100.00"))
    assert item.days_past_due(AS_OF) == 60  # due on receipt: 31–60
    assert company.accounts.balance(customer.id, as_of=AS_OF) == D("100.00")
    assert company.accounts.summary(customer.id, as_of=AS_OF).unapplied_credit == 0
    # After the payment: paid, and 50.00 of credit.
    (credit,) = report(company, as_of=date(2026, 12, 6))["Late Payer"].items
    assert (credit.kind, credit.amount) == ("credit", D("-50.00"))


def test_voids_count_from_their_own_date(company: Any) -> None:
    customer = company.customers.add(name="Voids")
    bill = invoice(company, customer.id, "2026-11-01", "80.00")
    paid = invoice(company, customer.id, "2026-11-02", "30.00")
    check = company.payments.add(
        customer=customer.id,
        amount="30.00",
        received_on="2026-11-03",
        applications={paid.id: "30.00"},
    )
    noon = datetime.combine(date(2026, 12, 2), time(12)).astimezone()
    with (
        mock.patch("officemgr.core.services.invoices.utcnow", return_value=noon),
        mock.patch("officemgr.core.services.payments.utcnow", return_value=noon),
    ):
        company.invoices.void(bill.id, reason="Duplicate", by="Dana")
        company.payments.void(check.id, reason="Bounced", by="Dana")
    # On 30 Nov both still stood: 80 owed, the 30 invoice paid.
    assert company.accounts.balance(customer.id, as_of=AS_OF) == D("80.00")
    assert [i.number for i in report(company, as_of=AS_OF)["Voids"].items] == [bill.number]
    # Now the invoice is void and the bounced check leaves the 30 owed.
    assert company.accounts.balance(customer.id) == D("30.00")
    assert [i.number for i in report(company, as_of=date(2026, 12, 2))["Voids"].items] == [
        paid.number
    ]


# ------------------------------------------------------------ 3. a job's credit


def test_a_job_report_shows_only_the_credit_received_on_the_job(company: Any) -> None:
    customer = company.customers.add(name="Credit Co")
    job = company.jobs.add(parent=customer.id, name="Roof")
    company.payments.add(customer=customer.id, amount="50.00", received_on="2026-11-01")
    rows = report(company, as_of=AS_OF, customers=("Credit Co:Roof",), include_zero=True)
    assert rows["Credit Co"].items == () and rows["Credit Co"].total == 0
    assert company.accounts.balance(job.id, as_of=AS_OF) == 0
    company.payments.add(
        customer=customer.id, node=job.id, amount="20.00", received_on="2026-11-02"
    )
    rows = report(company, as_of=AS_OF, customers=(job.id,))
    assert rows["Credit Co"].total == D("-20.00") == company.accounts.balance(job.id)


# ------------------------------------------------------- 4. and 5. numbers typed


@pytest.mark.parametrize("typed", ["12,50", "10,00", "1.234,56", "$1,200", "1 234"])
def test_the_api_takes_the_plain_form_only(company: Any, typed: str) -> None:
    customer = company.customers.add(name="Plain")
    with pytest.raises(ValidationError) as refused:
        company.payments.add(customer=customer.id, amount=typed)
    assert refused.value.field == "amount"
    assert "written like 1234.56 (no thousands separators" in str(refused.value)
    with pytest.raises(ValidationError):
        invoice(company, customer.id, "2026-11-02", typed)
    assert company.payments.list_for(customer.id) == []
    assert company.invoices.list_for(customer.id) == []


def test_floats_are_refused_with_the_forms_that_work(company: Any) -> None:
    customer = company.customers.add(name="Floaty")
    with pytest.raises(ValidationError, match=r"a Decimal, an int, or text such as 1234\.56"):
        company.payments.add(customer=customer.id, amount=0.1)


def test_rates_keep_four_decimals_and_amounts_round_once(company: Any) -> None:
    customer = company.customers.add(name="Exact")
    billed = company.invoices.add(
        node=customer.id, lines=[{"description": "Filters", "quantity": "3", "rate": "19.995"}]
    )
    (line,) = company.invoices.get(billed.id).lines
    assert (line.rate, line.amount, billed.total) == (D("19.995"), D("59.99"), D("59.99"))
    with pytest.raises(ValidationError, match="at most 4 decimal places"):
        invoice(company, customer.id, "2026-11-02", "19.99951")


def test_tax_is_rounded_once_from_the_exact_taxable_base(company: Any) -> None:
    code = company.lists.add_item(list_kind="tax_code", name="Half", rate_percent="50")
    customer = company.customers.add(name="Taxed", tax_code_id=code.id)
    # Each line is 0.005 short of a cent: 0.0050 × 1 rounds to 0.01 on its own.
    lines = [{"description": f"Part {n}", "quantity": "1", "rate": "0.005"} for n in range(3)]
    billed = company.invoices.add(node=customer.id, lines=lines)
    assert billed.subtotal == D("0.03")  # three lines of 0.01
    assert billed.tax == D("0.01")  # 50 % of the exact 0.015, not of the rounded 0.03


@pytest.mark.parametrize("amount", ["0.005", "0.001", "12.345"])
def test_money_has_whole_cents(company: Any, amount: str) -> None:
    customer = company.customers.add(name="Cents")
    with pytest.raises(ValidationError, match="whole cents"):
        company.payments.add(customer=customer.id, amount=amount)
    with pytest.raises(ValidationError, match="whole cents"):
        company.customers.update(customer.id, credit_limit=amount)


# ------------------------------------------------------------ 7. employee names


def test_employee_names_fold_case_and_accents(company: Any, tmp_path: Path) -> None:
    company.lists.add_employee(name="Émile Durand")
    customer = company.customers.add(name="Folded")
    logged = company.contact_log.add(
        owner=customer.id, kind="Note", subject="Called", employee="emile durand"
    )
    assert logged.employee_name == "Émile Durand"  # linked to the office's employee
    for name in ("Ольга", "Dana"):
        company.contact_log.add(owner=customer.id, kind="Note", subject="Called", employee=name)
    out = tmp_path / "log.pdf"
    for wanted, who in (("ÉMILE DURAND", "Émile Durand"), ("ОЛЬГА", "Ольга"), ("dana", "Dana")):
        result = company.reports.contact_log(out, employee=wanted)
        assert result.entries == 1, wanted
        (row,) = [line for line in pdf_lines(out) if line.startswith("Folded Note Called")]
        assert row.endswith(who), row  # the entry's row, its employee last


# ----------------------------------------------------------------- 8. overrides


def test_an_override_entry_reads_as_sentences(company: Any) -> None:
    customer = company.customers.add(name="On Hold")
    company.customers.place_credit_hold(customer.id, reason="Check bounced", by="Bea")
    company.jobs.add(
        parent=customer.id, name="Urgent", credit_override="Paid cash up front", by="Bea"
    )
    (entry,) = [
        e
        for e in company.contact_log.list_for(customer.id, include_jobs=True)
        if e.subject == "Credit hold overridden"
    ]
    assert entry.details.endswith("Reason: Paid cash up front. Overridden by Bea.")


# ---------------------------------------------------------------- 9. the API


def test_namespaces_list_only_what_works_and_show_real_signatures(company: Any) -> None:
    for name in ("customers", "jobs", "invoices", "payments", "accounts", "lists", "tree"):
        namespace = getattr(company, name)
        listed = dir(namespace)
        assert listed and "SEARCH_MODES" not in listed and "SHOW_FILTERS" not in listed
        for service in listed:
            bound = getattr(namespace, service)
            assert callable(bound)
            assert "session" not in inspect.signature(bound).parameters, (name, service)
    signature = inspect.signature(company.accounts.balance)
    assert list(signature.parameters) == ["node", "as_of"]
    assert "as_of" in str(signature)
