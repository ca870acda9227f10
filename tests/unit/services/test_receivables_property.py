"""One truth per figure: whatever the history of invoices, payments, applications, voids and
opening balances, Open Balances by Customer and the account agree to the cent, as of any date.

For random histories (hypothesis) and every "as of" date around them:

- the report's rows, and the totals printed in its PDF, add up to the sum of
  ``co.accounts.balance(customer, as_of=…)`` — for the company, for each customer and for
  one job with its sub-job;
- the stored balances (the tree's column, the Account tab) equal the definition as of now,
  and Verify Data finds nothing wrong.

`make test` runs a bounded number of histories; `make test-slow` a long run.
"""

from __future__ import annotations

import shutil
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from officemgr import Company
from officemgr.core import balances, check
from officemgr.errors import ValidationError
from officemgr.reports.open_balances import OpenBalancesOptions, customer_balances

START = date(2026, 1, 1)
DAYS = 40  # the history spans START .. START + DAYS
AS_OF_DATES = [START - timedelta(days=1), *(START + timedelta(days=d) for d in range(0, 45, 4))]
NODES = ("acme", "acme:roof", "acme:roof:day1", "bell", "bell:duct")
CUSTOMERS = ("acme", "bell")

day = st.integers(min_value=0, max_value=DAYS).map(lambda d: START + timedelta(days=d))
cents = st.integers(min_value=1, max_value=500_00).map(lambda c: Decimal(c) / 100)
node = st.sampled_from(NODES)


@dataclass(frozen=True)
class Invoice:
    node: str
    day: date
    amount: Decimal
    quantity: Decimal


@dataclass(frozen=True)
class Payment:
    customer: str
    received_on: str | None  # one of the customer's jobs it was received on; None: itself
    day: date
    amount: Decimal
    how: str  # "auto" (oldest due first), "credit" (kept unapplied), "one" (to one invoice)
    pick: int


@dataclass(frozen=True)
class ApplyCredit:
    payment: int
    invoice: int


@dataclass(frozen=True)
class VoidInvoice:
    invoice: int
    day: date


@dataclass(frozen=True)
class VoidPayment:
    payment: int
    day: date


@dataclass(frozen=True)
class Opening:
    node: str
    amount: Decimal
    day: date


operations = st.lists(
    st.one_of(
        st.builds(
            Invoice,
            node,
            day,
            cents,
            st.sampled_from([Decimal(1), Decimal("2.5"), Decimal("0.3333")]),
        ),
        st.builds(
            Payment,
            st.sampled_from(CUSTOMERS),
            st.sampled_from([None, "acme:roof", "acme:roof:day1", "bell:duct"]),
            day,
            cents,
            st.sampled_from(["auto", "credit", "one"]),
            st.integers(0, 20),
        ),
        st.builds(ApplyCredit, st.integers(0, 20), st.integers(0, 20)),
        st.builds(VoidInvoice, st.integers(0, 20), day),
        st.builds(VoidPayment, st.integers(0, 20), day),
        st.builds(Opening, node, st.integers(-200_00, 900_00).map(lambda c: Decimal(c) / 100), day),
    ),
    min_size=1,
    max_size=14,
)


class History:
    """Plays operations through the public API on a fresh company file."""

    def __init__(self, co: Any) -> None:
        self.co = co
        net30 = next(t.id for t in co.lists.all().terms if t.name == "Net 30")
        acme = co.customers.add(name="Acme", terms_id=net30)
        roof = co.jobs.add(parent=acme.id, name="Roof")
        day1 = co.jobs.add(parent=roof.id, name="Day 1")
        bell = co.customers.add(name="Bell")
        duct = co.jobs.add(parent=bell.id, name="Duct")
        self.ids = {
            "acme": acme.id,
            "acme:roof": roof.id,
            "acme:roof:day1": day1.id,
            "bell": bell.id,
            "bell:duct": duct.id,
        }
        self.invoices: list[int] = []
        self.payments: list[int] = []

    def _pick(self, ids: list[int], index: int) -> int | None:
        return ids[index % len(ids)] if ids else None

    def play(self, op: Any) -> None:
        co = self.co
        try:
            if isinstance(op, Invoice):
                rate = (op.amount / op.quantity).quantize(Decimal("0.0001"))
                line = {"description": "Work", "quantity": op.quantity, "rate": rate}
                self.invoices.append(
                    co.invoices.add(node=self.ids[op.node], invoice_date=op.day, lines=[line]).id
                )
            elif isinstance(op, Payment):
                customer = self.ids[op.customer]
                on_job = op.received_on and op.received_on.startswith(f"{op.customer}:")
                received = self.ids[op.received_on] if on_job else None
                applications: dict[int, Decimal] | None = None
                if op.how == "credit":
                    applications = {}
                elif op.how == "one":
                    open_ones = co.invoices.open_for(customer)
                    if open_ones:
                        chosen = open_ones[op.pick % len(open_ones)]
                        applications = {chosen.id: min(op.amount, chosen.open_amount)}
                    else:
                        applications = {}
                self.payments.append(
                    co.payments.add(
                        customer=customer,
                        node=received,
                        amount=op.amount,
                        received_on=op.day,
                        applications=applications,
                    ).id
                )
            elif isinstance(op, ApplyCredit):
                payment_id = self._pick(self.payments, op.payment)
                if payment_id is None:
                    return
                payment = co.payments.get(payment_id)
                open_ones = co.invoices.open_for(payment.customer_id)
                if payment.is_void or payment.unapplied <= 0 or not open_ones:
                    return
                chosen = open_ones[op.invoice % len(open_ones)]
                part = min(payment.unapplied, chosen.open_amount)
                co.payments.apply_credit(payment_id, applications={chosen.id: part})
            elif isinstance(op, VoidInvoice):
                invoice_id = self._pick(self.invoices, op.invoice)
                if invoice_id is not None:
                    with voided_on(op.day):
                        co.invoices.void(invoice_id, reason="Test", by="Dana")
            elif isinstance(op, VoidPayment):
                payment_id = self._pick(self.payments, op.payment)
                if payment_id is not None:
                    with voided_on(op.day):
                        co.payments.void(payment_id, reason="Bounced", by="Dana")
            elif isinstance(op, Opening):
                target = self.ids[op.node]
                update = co.customers.update if ":" not in op.node else co.jobs.update
                update(target, opening_balance=op.amount, opening_balance_date=op.day)
        except ValidationError:
            pass  # refused (already void, paid, …): the history goes on without it


def voided_on(day: date) -> ExitStack:
    """Voids made "now" happen at noon of ``day`` (local time)."""
    when = datetime.combine(day, time(12)).astimezone()
    stack = ExitStack()
    for module in ("invoices", "payments"):
        stack.enter_context(
            mock.patch(f"officemgr.core.services.{module}.utcnow", return_value=when)
        )
    return stack


def counts(day: date, voided_at: datetime | None, is_void: bool, as_of: date) -> bool:
    """The definition, written again plainly: dated by the end of ``as_of`` and not void
    by then (a void counts from its local date)."""
    if day > as_of:
        return False
    return not is_void or (voided_at is not None and voided_at.astimezone().date() > as_of)


def ledger_owed(co: Any, nodes: list[int], customer: int, as_of: date) -> Decimal:
    """What ``nodes`` (a customer's, or a job's subtree) owe as of ``as_of``, worked out in
    Python from the records the API returns — independent of ``core.balances``' SQL."""
    invoices = {i.id: i for i in co.invoices.list_for(customer, include_jobs=True)}
    payments = co.payments.list_for(customer, include_jobs=True)
    counted = {
        i.id
        for i in invoices.values()
        if counts(i.invoice_date, i.voided_at, i.status == "void", as_of)
    }
    owed = Decimal(0)
    for node_id in nodes:
        detail = co.customers.get(node_id) if node_id == customer else co.jobs.get(node_id)
        if detail.opening_balance and (
            detail.opening_balance_date is None or detail.opening_balance_date <= as_of
        ):
            owed += detail.opening_balance
    owed += sum((invoices[i].total for i in counted if invoices[i].node_id in nodes), Decimal(0))
    for p in payments:
        if not counts(p.received_on, p.voided_at, p.is_void, as_of):
            continue
        applied = [a for a in p.applications if a.invoice_id in counted]
        owed -= sum((a.amount for a in applied if invoices[a.invoice_id].node_id in nodes), 0)
        if p.node_id in nodes:  # received here: what it did not pay stays here as credit
            owed -= p.amount - sum((a.amount for a in applied), Decimal(0))
    return owed


def report_total(co: Any, as_of: date, customers: tuple[int, ...] = ()) -> tuple[Decimal, dict]:
    with co.read() as session:
        rows = list(
            customer_balances(session, OpenBalancesOptions(as_of=as_of, customers=customers))
        )
    per_customer = {row.customer_id: row.total for row in rows}
    return sum(per_customer.values(), Decimal(0)), per_customer


def printed_grand_total(co: Any, as_of: date, out: Path) -> Decimal | None:
    co.reports.open_balances(out, as_of=as_of)
    text = [
        line.strip()
        for page in PdfReader(out).pages
        for line in (page.extract_text() or "").splitlines()
    ]
    if "Grand total" not in text:
        return None
    total_cell = text[text.index("Grand total") + 6]
    read = co.settings.get().numbers.read(total_cell)
    assert read is not None
    return Decimal(read)


def check_history(template: Path, folder: Path, ops: list[Any], pdf_date: int) -> None:
    path = folder / "History.officemgr"
    shutil.copyfile(template, path)
    with Company.open(path) as co:
        history = History(co)
        for op in ops:
            history.play(op)
        ids = history.ids
        customers = [ids[name] for name in CUSTOMERS]

        # The stored balances are the definition as of now, and Verify Data agrees.
        for node_id in ids.values():
            assert co.accounts.balance(node_id) == co.accounts.balance(
                node_id, as_of=date(2100, 1, 1)
            )
        with co.read() as session:
            assert balances.owed(session.connection()) == sum(
                (co.accounts.balance(c) for c in customers), Decimal(0)
            )
        report = check.verify(path)
        assert report.ok, report.problems

        subtrees = {
            ids["acme"]: [ids[n] for n in NODES if n.startswith("acme")],
            ids["bell"]: [ids[n] for n in NODES if n.startswith("bell")],
        }
        roof = [ids["acme:roof"], ids["acme:roof:day1"]]
        for as_of in AS_OF_DATES:
            owed = {c: co.accounts.balance(c, as_of=as_of) for c in customers}
            for c in customers:  # the definition holds: the ledger worked out by hand agrees
                assert owed[c] == ledger_owed(co, subtrees[c], c, as_of), (as_of, c)
            assert co.accounts.balance(roof[0], as_of=as_of) == ledger_owed(
                co, roof, ids["acme"], as_of
            )
            total, per_customer = report_total(co, as_of)
            assert total == sum(owed.values(), Decimal(0)), as_of
            for c in customers:
                assert per_customer.get(c, Decimal(0)) == owed[c], (as_of, c)
                summary = co.accounts.summary(c, as_of=as_of)
                assert summary.balance == owed[c]
            job = ids["acme:roof"]
            job_total, _ = report_total(co, as_of, customers=(job,))
            assert job_total == co.accounts.balance(job, as_of=as_of), as_of

        as_of = AS_OF_DATES[pdf_date % len(AS_OF_DATES)]
        printed = printed_grand_total(co, as_of, folder / "ob.pdf")
        expected = sum((co.accounts.balance(c, as_of=as_of) for c in customers), Decimal(0))
        if printed is None:  # nothing listed: nobody owes or is owed anything
            assert all(co.accounts.balance(c, as_of=as_of) == 0 for c in customers)
        else:
            assert printed == expected


def _run(template: Path, tmp_path: Path, examples: int) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(ops=operations, pdf_date=st.integers(0, 100))
    def run(ops: list[Any], pdf_date: int) -> None:
        check_history(template, tmp_path, ops, pdf_date)

    run()


def test_open_balances_equal_the_balances_as_of_any_date(
    template_company_file: Path, tmp_path: Path
) -> None:
    _run(template_company_file, tmp_path, examples=20)


@pytest.mark.slow
def test_open_balances_equal_the_balances_as_of_any_date_long_run(
    template_company_file: Path, tmp_path: Path
) -> None:
    _run(template_company_file, tmp_path, examples=600)
