"""Customer Balance Detail: the Opening line, every change in date order with the running
balance, voids on their day, chosen jobs, choices refused by field — and, for random
histories, every running balance, the Summary's totals and the Detail's grand total
equal to ``co.accounts.balance(…, as_of=…)``."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from officemgr import Company
from officemgr.errors import ValidationError
from officemgr.reports import ar_aging, tables
from officemgr.reports import customer_balance_detail as cbd
from officemgr.reports.customer_balance_detail import (
    BalanceDetailOptions,
    CustomerDetail,
    customer_details,
    render,
)

from .conftest import pdf_pages, pdf_text

FROM = date(2026, 11, 1)
TO = date(2026, 11, 30)


def lines(path: Path) -> list[str]:
    return [line.strip() for line in pdf_text(path).splitlines()]


def block(text: list[str], customer: str) -> list[str]:
    """The lines printed under ``customer``'s heading, to its total line."""
    start = text.index(customer) + 1
    end = next(i for i in range(start, len(text)) if text[i].startswith(f"Total {customer}"))
    return text[start : end + 1]


@contextmanager
def voided_on(day: date) -> Iterator[None]:
    """Voids made "now" happen at noon of ``day`` (local time)."""
    when = datetime.combine(day, time(12)).astimezone()
    with (
        mock.patch("officemgr.core.services.invoices.utcnow", return_value=when),
        mock.patch("officemgr.core.services.payments.utcnow", return_value=when),
    ):
        yield


def invoice(co: Any, node: int, amount: str, day: date) -> Any:
    line = {"description": "Service call", "rate": amount, "is_taxable": False}
    return co.invoices.add(node=node, lines=[line], invoice_date=day)


def details(co: Any, **options: Any) -> list[CustomerDetail]:
    with co.read() as session:
        return list(customer_details(session, BalanceDetailOptions(**options)))


@pytest.fixture
def books(company: Any) -> dict[str, int]:
    co = company
    acme = co.customers.add(name="Acme").id
    co.customers.update(
        acme, opening_balance=Decimal("50.00"), opening_balance_date=date(2026, 1, 1)
    )
    roof = co.jobs.add(parent=acme, name="Roof").id
    invoice(co, acme, "100.00", date(2026, 10, 15))  # 1001: before the period
    roofing = invoice(co, roof, "200.00", date(2026, 11, 5))  # 1002
    paid = co.payments.add(
        customer=acme,
        amount="120.00",
        received_on=date(2026, 11, 10),
        reference="CHK 77",
        applications={roofing.id: "120.00"},
    )
    gone = invoice(co, acme, "30.00", date(2026, 10, 20))  # 1003: voided in the period
    with voided_on(date(2026, 11, 12)):
        co.invoices.void(gone.id, reason="Billed twice", by="Dana")
    with voided_on(date(2026, 11, 20)):
        co.payments.void(paid.id, reason="Bounced", by="Dana")
    late = invoice(co, acme, "40.00", date(2026, 11, 25))  # 1004: voided after the period
    with voided_on(date(2026, 12, 2)):
        co.invoices.void(late.id, reason="Mistake", by="Dana")
    invoice(co, acme, "999.00", date(2026, 12, 1))  # 1005: after the period
    co.payments.add(customer=acme, amount="5.00", received_on=date(2026, 12, 1))
    bell = co.customers.add(name="Bell").id
    co.payments.add(customer=bell, amount="15.00", received_on=date(2026, 11, 3), applications={})
    co.customers.add(name="Quiet")
    return {"acme": acme, "roof": roof, "bell": bell}


def test_each_change_in_date_order_with_the_running_balance(
    company: Any, books: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "detail.pdf"
    result = render(company, BalanceDetailOptions(date_from=FROM, date_to=TO), out)
    assert result.entries == 6 and result.pages == 1
    text = lines(out)
    assert block(text, "Acme") == [
        "2026-10-31 Opening 180.00",  # 50 opening + 100 + 30 (voided only later)
        "2026-11-05 Invoice 1002 Roof 200.00 380.00",
        "2026-11-10 Payment CHK 77 — -120.00 260.00",
        "2026-11-12 Invoice voided 1003 — -30.00 230.00",
        "2026-11-20 Payment voided CHK 77 — 120.00 350.00",
        "2026-11-25 Invoice 1004 — 40.00 390.00",  # its void (December) is after the period
        "Total Acme 210.00 390.00",
    ]
    assert block(text, "Bell") == [
        "2026-10-31 Opening 0.00",
        "2026-11-03 Payment — -15.00 -15.00",
        "Total Bell -15.00 -15.00",
    ]
    assert "Quiet" not in text  # no balance and no activity
    assert "Grand total 195.00 375.00" in text
    assert "6 transactions for 2 customers" in text
    assert "From 2026-11-01 to 2026-11-30" in pdf_text(out)
    acme = books["acme"]
    assert company.accounts.balance(acme, as_of=FROM - timedelta(days=1)) == Decimal("180.00")
    assert company.accounts.balance(acme, as_of=TO) == Decimal("390.00")
    assert company.accounts.balance(books["bell"], as_of=TO) == Decimal("-15.00")

    with company.read() as session:
        options = BalanceDetailOptions(date_from=FROM, date_to=TO)
        table = cbd.table(session, options)
        rows = list(table.rows)
    assert table.total == len(rows) == 8
    assert rows[0] == (
        "Acme",
        None,
        FROM - timedelta(days=1),
        "Opening",
        None,
        None,
        Decimal("180"),
    )
    assert rows[1] == (
        "Acme", "Roof", date(2026, 11, 5), "Invoice", "1002", Decimal("200"), Decimal("380"),
    )  # fmt: skip
    assert rows[5][-1] == Decimal("390.00") and rows[-1][-1] == Decimal("-15.00")


def test_from_the_first_record_and_a_later_end(company: Any, books: dict[str, int]) -> None:
    acme = books["acme"]
    shown = details(company, date_to=date(2026, 12, 31))
    first = shown[0]
    assert first.customer_id == acme and first.lines[0].day is None
    assert first.opening == 0  # its opening balance is dated: a line of its own
    assert [line.kind for line in first.lines] == [
        "Opening",
        "Opening balance",
        "Invoice",
        "Invoice",  # 1003, dated 2026-10-20
        "Invoice",
        "Payment",
        "Invoice voided",
        "Payment voided",
        "Invoice",
        "Invoice",
        "Payment",
        "Invoice voided",
    ]
    assert first.lines[-1].balance == first.closing
    assert first.closing == company.accounts.balance(acme, as_of=date(2026, 12, 31))
    assert first.closing == company.accounts.balance(acme)  # nothing later


def test_a_chosen_job_and_payments_applied_to_it(company: Any, tmp_path: Path) -> None:
    co = company
    acme = co.customers.add(name="Acme").id
    roof = co.jobs.add(parent=acme, name="Roof").id
    own = invoice(co, roof, "200.00", date(2026, 10, 5))
    other = invoice(co, acme, "60.00", date(2026, 10, 6))
    # Received on the customer, applied to the job's invoice: the job owes less.
    paid = co.payments.add(
        customer=acme, amount="80.00", received_on=date(2026, 11, 8), applications={own.id: "80"}
    )
    # Received on the job, 50 applied to the customer's invoice: the job keeps less credit.
    co.payments.add(
        customer=acme,
        node=roof,
        amount="70.00",
        received_on=date(2026, 11, 9),
        applications={other.id: "50"},
    )
    with voided_on(date(2026, 11, 15)):
        co.payments.void(paid.id, reason="Bounced", by="Dana")
    shown = details(co, date_from=FROM, date_to=TO, customers=("Acme:Roof",))
    assert len(shown) == 1
    lines_ = [(line.kind, line.amount, line.balance) for line in shown[0].lines]
    assert lines_ == [
        ("Opening", None, Decimal("200.00")),
        ("Payment applied", Decimal("-80.00"), Decimal("120.00")),
        ("Payment", Decimal("-70.00"), Decimal("50.00")),
        ("Credit applied", Decimal("50.00"), Decimal("100.00")),
        ("Application undone", Decimal("80.00"), Decimal("180.00")),
    ]
    at_day_end = {line.day: line.balance for line in shown[0].lines[1:]}
    for when, balance in at_day_end.items():
        assert balance == co.accounts.balance(roof, as_of=when), when
    assert shown[0].closing == co.accounts.balance(roof, as_of=TO) == Decimal("180.00")
    whole = details(co, date_from=FROM, date_to=TO, customers=(acme,))[0]
    assert [line.kind for line in whole.lines] == [
        "Opening",
        "Payment",
        "Payment",
        "Payment voided",
    ]  # within the whole customer, applying moves nothing
    assert whole.closing == co.accounts.balance(acme, as_of=TO) == Decimal("190.00")
    out = tmp_path / "job.pdf"
    render(co, BalanceDetailOptions(date_from=FROM, date_to=TO, customers=("Acme:Roof",)), out)
    assert "2026-11-08 Payment applied 1001 Roof -80.00 120.00" in lines(out)


def test_zero_balances_and_nothing_to_show(company: Any, tmp_path: Path) -> None:
    out = tmp_path / "detail.pdf"
    result = render(company, BalanceDetailOptions(date_from=FROM, date_to=TO), out)
    assert result.entries == 0 and result.pages == 1
    assert "No customer has a balance or any activity for these choices." in lines(out)
    company.customers.add(name="Quiet")
    company.customers.set_active(company.customers.add(name="Gone").id, active=False)
    render(company, BalanceDetailOptions(date_from=FROM, date_to=TO, include_zero=True), out)
    text = lines(out)
    assert block(text, "Quiet") == ["2026-10-31 Opening 0.00", "Total Quiet 0.00 0.00"]
    assert "Gone" not in text


@pytest.mark.parametrize(
    ("options", "field"),
    [
        (BalanceDetailOptions(date_from=TO, date_to=FROM), "date_from"),
        (BalanceDetailOptions(date_from=date(2026, 12, 2), today=date(2026, 12, 1)), "date_from"),
        (BalanceDetailOptions(date_to="30/11/2026"), "date_to"),  # type: ignore[arg-type]
        (BalanceDetailOptions(date_from=date(9999, 12, 31)), "date_from"),
        (BalanceDetailOptions(include_zero=2), "include_zero"),  # type: ignore[arg-type]
        (BalanceDetailOptions(customers="Acme"), "customers"),  # type: ignore[arg-type]
        (BalanceDetailOptions(paper="legal"), "paper"),
    ],
)
def test_bad_choices_are_refused_by_field(
    company: Any, options: BalanceDetailOptions, field: str, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError) as refused:
        render(company, options, tmp_path / "x.pdf")
    assert refused.value.field == field
    assert not (tmp_path / "x.pdf").exists()


def test_a_long_customer_carries_on_with_its_name_and_the_export(
    company: Any, tmp_path: Path
) -> None:
    co = company
    acme = co.customers.add(name="Acme").id
    for day in range(1, 31):
        for _ in range(3):
            invoice(co, acme, "1.01", date(2026, 11, day))
    seen: list[tuple[int, int]] = []
    out = tmp_path / "detail.pdf"
    result = render(
        co,
        BalanceDetailOptions(date_from=FROM, date_to=TO),
        out,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert result.entries == 90 and result.pages >= 3 and seen[-1] == (180, 180)
    pages = pdf_pages(out)
    for page in pages[1:]:
        body = page.split("\nBalance\n", 1)[1].strip().splitlines()
        assert body[0] == "Acme (continued)", body[:2]
    assert "Total Acme 90.90 90.90" in lines(out)

    csv_out = tmp_path / "detail.csv"
    options = BalanceDetailOptions(date_from=FROM, date_to=TO)
    written = tables.write_table(co, cbd.ENTRY.name, cbd.table, options, csv_out, "csv")
    with csv_out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert written.entries == len(rows) == 91
    assert Decimal(rows[-1]["balance"]) == co.accounts.balance(acme, as_of=TO)


# --------------------------------------------------------------------------- property

START = date(2026, 1, 1)
DAYS = 40
NODES = ("acme", "acme:roof", "bell")
CUSTOMERS = ("acme", "bell")

day = st.integers(min_value=0, max_value=DAYS).map(lambda d: START + timedelta(days=d))
cents = st.integers(min_value=1, max_value=500_00).map(lambda c: Decimal(c) / 100)


@dataclass(frozen=True)
class Invoice:
    node: str
    day: date
    amount: Decimal


@dataclass(frozen=True)
class Payment:
    customer: str
    on_job: bool  # received on Acme's job rather than on Acme
    day: date
    amount: Decimal
    how: str  # "auto" (oldest due first), "credit" (kept unapplied), "one" (to one invoice)
    pick: int


@dataclass(frozen=True)
class ApplyCredit:
    payment: int
    invoice: int


@dataclass(frozen=True)
class Void:
    what: str  # "invoice" or "payment"
    pick: int
    day: date


@dataclass(frozen=True)
class Opening:
    node: str
    amount: Decimal
    day: date | None


operations = st.lists(
    st.one_of(
        st.builds(Invoice, st.sampled_from(NODES), day, cents),
        st.builds(
            Payment,
            st.sampled_from(CUSTOMERS),
            st.booleans(),
            day,
            cents,
            st.sampled_from(["auto", "credit", "one"]),
            st.integers(0, 20),
        ),
        st.builds(ApplyCredit, st.integers(0, 20), st.integers(0, 20)),
        st.builds(Void, st.sampled_from(["invoice", "payment"]), st.integers(0, 20), day),
        st.builds(
            Opening,
            st.sampled_from(NODES),
            st.integers(-200_00, 900_00).map(lambda c: Decimal(c) / 100),
            st.none() | day,
        ),
    ),
    min_size=1,
    max_size=12,
)


class History:
    """Plays operations through the public API on a fresh company file.

    A payment is dated no earlier than the last payment void, and credit is applied only
    from such a payment: a payment dated before an earlier-made void that pays the same
    invoice again over-applies it as of the days between, where ``core.balances``'
    open items and its ``owed`` disagree (see
    `test_an_invoice_paid_twice_as_of_a_past_day_is_a_credit`).
    """

    def __init__(self, co: Any) -> None:
        self.co = co
        acme = co.customers.add(name="Acme").id
        bell = co.customers.add(name="Bell").id
        self.ids = {
            "acme": acme,
            "acme:roof": co.jobs.add(parent=acme, name="Roof").id,
            "bell": bell,
        }
        self.invoices: list[int] = []
        self.payments: list[int] = []
        self.payments_void_until = START  # the last day a payment was voided on

    def play(self, op: Any) -> None:
        co = self.co
        try:
            if isinstance(op, Invoice):
                line = {"description": "Work", "rate": op.amount, "is_taxable": False}
                invoice = co.invoices.add(node=self.ids[op.node], invoice_date=op.day, lines=[line])
                self.invoices.append(invoice.id)
            elif isinstance(op, Payment):
                customer = self.ids[op.customer]
                job = self.ids["acme:roof"] if op.on_job and op.customer == "acme" else None
                applications: dict[int, Decimal] | None = None
                if op.how == "credit":
                    applications = {}
                elif op.how == "one":
                    open_ones = co.invoices.open_for(customer)
                    applications = {}
                    if open_ones:
                        chosen = open_ones[op.pick % len(open_ones)]
                        applications = {chosen.id: min(op.amount, chosen.open_amount)}
                payment = co.payments.add(
                    customer=customer,
                    node=job,
                    amount=op.amount,
                    received_on=max(op.day, self.payments_void_until),
                    applications=applications,
                )
                self.payments.append(payment.id)
            elif isinstance(op, ApplyCredit):
                if not self.payments:
                    return
                payment = co.payments.get(self.payments[op.payment % len(self.payments)])
                open_ones = co.invoices.open_for(payment.customer_id)
                if payment.is_void or payment.unapplied <= 0 or not open_ones:
                    return
                if payment.received_on < self.payments_void_until:
                    return
                chosen = open_ones[op.invoice % len(open_ones)]
                part = min(payment.unapplied, chosen.open_amount)
                co.payments.apply_credit(payment.id, applications={chosen.id: part})
            elif isinstance(op, Void):
                ids = self.invoices if op.what == "invoice" else self.payments
                if ids:
                    with voided_on(op.day):
                        service = co.invoices if op.what == "invoice" else co.payments
                        service.void(ids[op.pick % len(ids)], reason="Test", by="Dana")
                    if op.what == "payment":
                        self.payments_void_until = max(self.payments_void_until, op.day)
            elif isinstance(op, Opening):
                update = co.customers.update if ":" not in op.node else co.jobs.update
                update(self.ids[op.node], opening_balance=op.amount, opening_balance_date=op.day)
        except ValidationError:
            pass  # refused (already void, paid, …): the history goes on without it


def check_history(
    template: Path, folder: Path, ops: list[Any], period: tuple[int, int], as_of: int
) -> None:
    path = folder / "History.officemgr"
    shutil.copyfile(template, path)
    with Company.open(path) as co:
        history = History(co)
        for op in ops:
            history.play(op)
        ids = history.ids
        first = START + timedelta(days=min(period))
        last = START + timedelta(days=max(period))
        day_before = first - timedelta(days=1)
        for chosen in ((), (ids["acme:roof"],)):
            shown = {
                d.customer_id: d
                for d in details(co, date_from=first, date_to=last, customers=chosen)
            }
            targets = [ids["acme:roof"]] if chosen else [ids[c] for c in CUSTOMERS]
            for target in targets:
                customer = ids["acme"] if chosen else target
                closing = co.accounts.balance(target, as_of=last)
                detail = shown.get(customer)
                if detail is None:  # left out: no balance and no activity
                    assert closing == 0
                    assert co.accounts.balance(target, as_of=day_before) == 0
                    continue
                assert detail.opening == co.accounts.balance(target, as_of=day_before)
                assert detail.lines[-1].balance == detail.closing == closing
                by_day = {line.day: line.balance for line in detail.lines[1:]}
                for when, balance in by_day.items():  # the running balance at each day's end
                    assert balance == co.accounts.balance(target, as_of=when), (target, when)

        when = START + timedelta(days=as_of)
        owed = {c: co.accounts.balance(ids[c], as_of=when) for c in CUSTOMERS}
        with co.read() as session:
            summary = {
                r.customer_id: r.total
                for r in ar_aging.summary_rows(session, ar_aging.AgingSummaryOptions(as_of=when))
            }
            groups = ar_aging.detail_groups(session, ar_aging.AgingDetailOptions(as_of=when))
        for c in CUSTOMERS:
            assert summary.get(ids[c], Decimal(0)) == owed[c], (c, when)
        grand = sum((item.amount for items in groups for item in items), Decimal(0))
        assert grand == sum(owed.values(), Decimal(0))


def test_every_figure_equals_the_balance_as_of_its_day(
    template_company_file: Path, tmp_path: Path
) -> None:
    @settings(
        max_examples=20,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        ops=operations,
        period=st.tuples(st.integers(0, DAYS + 2), st.integers(0, DAYS + 2)),
        as_of=st.integers(-1, DAYS + 2),
    )
    def run(ops: list[Any], period: tuple[int, int], as_of: int) -> None:
        check_history(template_company_file, tmp_path, ops, period, as_of)

    run()


def test_an_invoice_paid_twice_as_of_a_past_day_is_a_credit(company: Any) -> None:
    """A check that bounces later, and a new payment dated back before the bounce: on the
    days between, both payments count and the invoice is paid twice."""
    co = company
    bell = co.customers.add(name="Bell").id
    invoice(co, bell, "100.00", date(2026, 1, 1))
    bounced = co.payments.add(customer=bell, amount="100.00", received_on=date(2026, 1, 1))
    with voided_on(date(2026, 2, 9)):
        co.payments.void(bounced.id, reason="Bounced", by="Dana")
    co.payments.add(customer=bell, amount="100.00", received_on=date(2026, 1, 2))
    when = date(2026, 1, 15)
    assert co.accounts.balance(bell, as_of=when) == Decimal("-100.00")  # paid 200 for 100
    closing = details(co, date_to=when)[0].closing
    assert closing == Decimal("-100.00")  # Customer Balance Detail agrees (owed_by_node)
    with co.read() as session:
        summary = list(ar_aging.summary_rows(session, ar_aging.AgingSummaryOptions(as_of=when)))
    assert [row.total for row in summary] == [Decimal("-100.00")]
