"""Customer Balance Detail: each customer's transactions in a period, with the running balance.

A customer's balance as of a day is ``core.balances``' figure (`owed_by_node`): its
opening balances, invoices and payments that count as of the end of that day. This report
starts each customer from that figure as of the day before the period (the "Opening"
line) and lists, in date order, every change to it within the period — each one the day a
record starts or stops counting under the same rules (`invoice_counts`, `payment_counts`,
`opening_counts`):

- an opening balance, on its date (one without a date is always in the Opening line);
- an invoice, on its date, and its void, on the office's local day it was voided (an
  invoice voided on or before its own date never counted, and is not listed);
- a payment, on the day received, and its void likewise.

For a whole customer, applying a payment moves money between its own invoices and
credits and does not change what it owes. For a chosen job it may: a payment received
elsewhere and applied to the job's invoice lowers the job's balance, and credit received
on the job and applied to another job's invoice raises it — from the day both the payment
and the invoice count until either is voided; those lines are listed too.

The last running balance is the customer's balance as of the period's last day, and the
customer's total line prints that figure from `owed_by_node` itself: equal to
``co.accounts.balance(customer, as_of=date_to)``, which a property test holds to the cent.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Select, and_, bindparam, or_, select
from sqlalchemy.orm import Session

from officemgr.core import balances
from officemgr.core import models as m
from officemgr.core.inputs import as_bool, as_day, as_paper, check_ids_or_names
from officemgr.core.numbers import NumberFormat
from officemgr.errors import ValidationError
from officemgr.reports import catalog, tables, template
from officemgr.reports.base import (
    Cancelled,
    Progress,
    ReadSource,
    ReportInfo,
    ReportResult,
    cancel_checker,
    output_path,
)
from officemgr.reports.choices import ChosenNode, chosen_text, resolve_customers
from officemgr.reports.grid import Cells, Columns, Grid, money_width
from officemgr.reports.story import TableStory, finish

ENTRY = catalog.CUSTOMER_BALANCE_DETAIL

BATCH = 1000  # rows fetched at a time; customers between cancel checks
ROWS_PER_TABLE = 40
ZERO = Decimal("0.00")
NO_JOB = "—"

OPENING_LINE = "Opening"
OPENING_BALANCE = "Opening balance"
INVOICE = "Invoice"
INVOICE_VOIDED = "Invoice voided"
PAYMENT = "Payment"
PAYMENT_VOIDED = "Payment voided"
APPLIED_HERE = "Payment applied"  # a payment received elsewhere paid the job's invoice
APPLIED_ELSEWHERE = "Credit applied"  # the job's credit paid another job's invoice
APPLICATION_UNDONE = "Application undone"  # the payment or the invoice was voided
_ORDER = {
    OPENING_BALANCE: 0,
    INVOICE: 1,
    APPLIED_HERE: 2,
    PAYMENT: 3,
    APPLIED_ELSEWHERE: 4,
    APPLICATION_UNDONE: 5,
    INVOICE_VOIDED: 6,
    PAYMENT_VOIDED: 7,
}

N = m.table(m.CustomerJob)
INV = m.table(m.Invoice)
PAY = m.table(m.Payment)
APP = m.table(m.PaymentApplication)
CUSTOMER = N.alias("customer")
NODE = N.alias("node")


# --------------------------------------------------------------------------- options


@dataclass(frozen=True)
class BalanceDetailOptions:
    """What the report shows. The defaults: every customer with a balance or activity,
    from its first record to today."""

    date_from: date | None = None  # None: from the first record
    date_to: date | None = None  # None: today
    customers: tuple[int | str, ...] = ()  # ids or full names; a job limits to its subtree
    include_zero: bool = False  # active customers with no balance and no activity too
    paper: str | None = None  # "letter" or "a4"; None: the office setting
    today: date | None = field(default=None, compare=False)  # None: the computer's today

    def checked(self) -> BalanceDetailOptions:
        """These options with dates as days; ValidationError (naming the field) for a bad
        choice."""
        date_from = as_day(self.date_from, field="date_from", label="The first date")
        date_to = as_day(self.date_to, field="date_to", label="The last date")
        today = as_day(self.today, field="today", label="Today")
        checked = replace(
            self,
            include_zero=as_bool(self.include_zero, field="include_zero", label="Zero balances"),
            date_from=date_from,
            date_to=date_to,
            today=today,
            customers=check_ids_or_names(
                self.customers, field="customers", label="customer or job"
            ),
            paper=as_paper(self.paper, field="paper"),
        )
        if date_from is not None and date_from > checked.last_day():
            raise ValidationError(
                "The first date of the report comes after its last date.", field="date_from"
            )
        return checked

    def last_day(self) -> date:
        return self.date_to or self.today or date.today()

    def opening_day(self) -> date:
        """The day whose balance the period starts from: the day before ``date_from``
        (with no ``date_from``, before every dated record)."""
        return self.date_from - timedelta(days=1) if self.date_from else date.min


# --------------------------------------------------------------------------- the rows


@dataclass(frozen=True)
class Line:
    """One change to a customer's balance (or its Opening line: ``amount`` None)."""

    day: date | None
    kind: str
    node_id: int | None
    node_full_name: str | None
    number: str | None  # an invoice's number, a payment's reference
    amount: Decimal | None
    balance: Decimal  # the running balance after it


@dataclass(frozen=True)
class CustomerDetail:
    """One customer of the report: its Opening line, its changes, and its balance at the
    end of the period (``closing``, from `balances.owed_by_node`)."""

    customer_id: int
    customer_name: str
    opening: Decimal
    lines: tuple[Line, ...]  # the Opening line first
    closing: Decimal

    @property
    def change(self) -> Decimal:
        return sum((line.amount for line in self.lines if line.amount is not None), ZERO)

    @property
    def entries(self) -> int:
        """The transactions listed (the Opening line is not one)."""
        return len(self.lines) - 1


@dataclass(frozen=True)
class _Change:
    day: date
    kind: str
    node_id: int
    node_full_name: str
    number: str | None
    amount: Decimal
    seq: int


def _void_day(voided_at: datetime) -> date:
    """The first day as of whose end a record voided at ``voided_at`` no longer counts:
    the office's local day of the void (see `balances.invoice_counts`)."""
    day: date = voided_at.astimezone().date()
    end = balances.day_end(day)
    if end is not None and voided_at >= end:  # a local midnight the clocks skipped
        day += timedelta(days=1)
    return day


def _counted_from_to(
    start: date, is_void: bool, voided_at: datetime | None
) -> tuple[date, date | None] | None:
    """The days a record counts: from ``start`` until (not including) its void day; None
    when it never counts (void before or on the day it starts, or void with no time)."""
    if not is_void:
        return start, None
    if voided_at is None:
        return None
    end = _void_day(voided_at)
    return (start, end) if end > start else None


def _scope(chosen: Sequence[ChosenNode]) -> balances.Scope:
    return balances.Scope(
        customers=tuple(node.id for node in chosen if node.parent_id is None),
        jobs=tuple((node.id, node.full_name_key) for node in chosen if node.parent_id is not None),
    )


def _where(stmt: Select[Any], *conditions: Any) -> Select[Any]:
    for condition in conditions:
        if condition is not None:
            stmt = stmt.where(condition)
    return stmt


def _voided_after(voided_at: Any, day: date) -> Any:
    """A void that happened after the end of ``day``."""
    end = balances.day_end(day)
    return voided_at.is_not(None) if end is None else voided_at >= end


def _in_customer_order(stmt: Select[Any], customer_id: Any, *then: Any) -> Select[Any]:
    """``stmt`` in customer list order (the order of `_Reader.candidates`), then ``then``."""
    stmt = stmt.order_by(CUSTOMER.c.sort_key, customer_id, *then)
    return stmt.execution_options(yield_per=BATCH)


class _Reader:
    """Reads the changes of the period for the customers in scope, a stream per kind of
    record, each in customer list order."""

    def __init__(self, session: Session, options: BalanceDetailOptions) -> None:
        self.session = session
        self.opening_day = options.opening_day()
        self.last = options.last_day()
        self.chosen = resolve_customers(session, options.customers)
        self.scope = _scope(self.chosen)
        self.seq = 0  # the order records were read in: the last key of a day's changes
        self.inside: set[int] = set()  # the nodes of the chosen jobs' subtrees
        self.whole: set[int] = set(self.scope.customers)  # customers chosen whole

    # -- the records -----------------------------------------------------------------

    def _invoices(self) -> Iterator[tuple[int, list[_Change]]]:
        stmt: Select[Any] = select(
            INV.c.customer_id,
            INV.c.node_id,
            NODE.c.full_name.label("node_name"),
            INV.c.number,
            INV.c.invoice_date,
            INV.c.total,
            INV.c.status,
            INV.c.voided_at,
        ).select_from(
            INV.join(NODE, NODE.c.id == INV.c.node_id).join(
                CUSTOMER, CUSTOMER.c.id == INV.c.customer_id
            )
        )
        stmt = _where(
            stmt,
            INV.c.invoice_date <= self.last,
            or_(
                INV.c.invoice_date > self.opening_day,
                and_(INV.c.status == "void", _voided_after(INV.c.voided_at, self.opening_day)),
            ),
            self.scope.rows(INV.c.node_id, INV.c.customer_id),
        )
        rows = self.session.execute(_in_customer_order(stmt, INV.c.customer_id, INV.c.number))
        return self._grouped(rows, self._invoice_changes)

    def _invoice_changes(self, row: Any) -> Iterator[tuple[date, str, int, str, str, Decimal]]:
        counted = _counted_from_to(row.invoice_date, row.status == "void", row.voided_at)
        if counted is None or not row.total:
            return
        start, end = counted
        number = str(row.number)
        yield start, INVOICE, row.node_id, row.node_name, number, row.total
        if end is not None:
            yield end, INVOICE_VOIDED, row.node_id, row.node_name, number, -row.total

    def _payments(self) -> Iterator[tuple[int, list[_Change]]]:
        stmt: Select[Any] = select(
            PAY.c.customer_id,
            PAY.c.node_id,
            NODE.c.full_name.label("node_name"),
            PAY.c.reference,
            PAY.c.received_on,
            PAY.c.amount,
            PAY.c.is_void,
            PAY.c.voided_at,
        ).select_from(
            PAY.join(NODE, NODE.c.id == PAY.c.node_id).join(
                CUSTOMER, CUSTOMER.c.id == PAY.c.customer_id
            )
        )
        stmt = _where(
            stmt,
            PAY.c.received_on <= self.last,
            or_(
                PAY.c.received_on > self.opening_day,
                and_(PAY.c.is_void.is_(True), _voided_after(PAY.c.voided_at, self.opening_day)),
            ),
            self.scope.rows(PAY.c.node_id, PAY.c.customer_id),
        )
        rows = self.session.execute(_in_customer_order(stmt, PAY.c.customer_id, PAY.c.id))
        return self._grouped(rows, self._payment_changes)

    def _payment_changes(self, row: Any) -> Iterator[tuple[date, str, int, str, str, Decimal]]:
        counted = _counted_from_to(row.received_on, bool(row.is_void), row.voided_at)
        if counted is None or not row.amount:
            return
        start, end = counted
        yield start, PAYMENT, row.node_id, row.node_name, row.reference, -row.amount
        if end is not None:
            yield end, PAYMENT_VOIDED, row.node_id, row.node_name, row.reference, row.amount

    def _openings(self) -> Iterator[tuple[int, list[_Change]]]:
        stmt: Select[Any] = select(
            NODE.c.customer_id,
            NODE.c.id.label("node_id"),
            NODE.c.full_name.label("node_name"),
            NODE.c.opening_balance,
            NODE.c.opening_balance_date,
        ).select_from(NODE.join(CUSTOMER, CUSTOMER.c.id == NODE.c.customer_id))
        stmt = _where(
            stmt,
            balances.opening_counts(self.last, NODE),
            NODE.c.opening_balance_date > self.opening_day,
            self.scope.nodes(NODE),
        )
        rows = self.session.execute(
            _in_customer_order(stmt, NODE.c.customer_id, NODE.c.full_name_key)
        )
        return self._grouped(rows, self._opening_changes)

    def _opening_changes(self, row: Any) -> Iterator[tuple[date, str, int, str, None, Decimal]]:
        amount = row.opening_balance
        yield row.opening_balance_date, OPENING_BALANCE, row.node_id, row.node_name, None, amount

    def _applications(self) -> Iterator[tuple[int, list[_Change]]]:
        """For chosen jobs only: applications between a node in scope and one outside it
        (within a whole customer they move nothing)."""
        job_scope = balances.Scope(jobs=self.scope.jobs)
        job_nodes = job_scope.nodes(N)
        if job_nodes is None:
            return iter(())
        self.inside = set(self.session.scalars(select(N.c.id).where(job_nodes)))
        customers = sorted({n.customer_id for n in self.chosen if n.parent_id is not None})
        pay_node = N.alias("pay_node")
        inv_node = N.alias("inv_node")
        stmt = (
            select(
                PAY.c.customer_id,
                APP.c.amount,
                PAY.c.node_id.label("pay_node_id"),
                pay_node.c.full_name.label("pay_node_name"),
                PAY.c.reference,
                PAY.c.received_on,
                PAY.c.is_void,
                PAY.c.voided_at.label("pay_voided_at"),
                INV.c.node_id.label("inv_node_id"),
                inv_node.c.full_name.label("inv_node_name"),
                INV.c.number,
                INV.c.invoice_date,
                INV.c.status,
                INV.c.voided_at.label("inv_voided_at"),
            )
            .select_from(
                APP.join(PAY, PAY.c.id == APP.c.payment_id)
                .join(INV, INV.c.id == APP.c.invoice_id)
                .join(pay_node, pay_node.c.id == PAY.c.node_id)
                .join(inv_node, inv_node.c.id == INV.c.node_id)
                .join(CUSTOMER, CUSTOMER.c.id == PAY.c.customer_id)
            )
            .where(
                PAY.c.customer_id.in_(
                    bindparam("job_customers", customers, expanding=True, literal_execute=True)
                ),
                PAY.c.received_on <= self.last,
                INV.c.invoice_date <= self.last,
            )
        )
        rows = self.session.execute(_in_customer_order(stmt, PAY.c.customer_id, APP.c.id))
        return self._grouped(rows, self._application_changes)

    def _in_scope(self, node_id: int, customer_id: int) -> bool:
        return customer_id in self.whole or node_id in self.inside

    def _application_changes(
        self, row: Any
    ) -> Iterator[tuple[date, str, int, str, str | None, Decimal]]:
        here = self._in_scope(row.inv_node_id, row.customer_id)
        if here == self._in_scope(row.pay_node_id, row.customer_id):
            return
        payment = _counted_from_to(row.received_on, bool(row.is_void), row.pay_voided_at)
        invoice = _counted_from_to(row.invoice_date, row.status == "void", row.inv_voided_at)
        if payment is None or invoice is None or not row.amount:
            return
        start = max(payment[0], invoice[0])
        ends = [end for end in (payment[1], invoice[1]) if end is not None]
        end = min(ends) if ends else None
        if end is not None and end <= start:
            return
        if here:  # the job's invoice was paid from elsewhere: the job owes less
            node, name, kind, amount = row.inv_node_id, row.inv_node_name, APPLIED_HERE, -row.amount
        else:  # the job's credit paid another's invoice: the job keeps less credit
            node, name, kind = row.pay_node_id, row.pay_node_name, APPLIED_ELSEWHERE
            amount = row.amount
        number = str(row.number)
        yield start, kind, node, name, number, amount
        if end is not None:
            yield end, APPLICATION_UNDONE, node, name, number, -amount

    def _grouped(self, rows: Iterable[Any], changes: Any) -> Iterator[tuple[int, list[_Change]]]:
        """(customer id, its changes within the period) for each customer of ``rows`` (in
        customer order); ``changes(row)`` gives a row's changes, in or out of the period."""
        batch: list[_Change] = []
        current: int | None = None
        for row in rows:
            if row.customer_id != current:
                if current is not None:
                    yield current, batch
                batch, current = [], row.customer_id
            for day, kind, node_id, node_name, number, amount in changes(row):
                if self.opening_day < day <= self.last:
                    self.seq += 1
                    batch.append(_Change(day, kind, node_id, node_name, number, amount, self.seq))
        if current is not None:
            yield current, batch

    # -- the balances ------------------------------------------------------------------

    def _by_customer(self, owed: dict[int, int], customer_of: dict[int, int]) -> dict[int, int]:
        totals: dict[int, int] = {}
        for node_id, cents in owed.items():
            customer = customer_of.get(node_id, node_id)
            totals[customer] = totals.get(customer, 0) + cents
        return totals

    def balances(self) -> tuple[dict[int, int], dict[int, int]]:
        """Each customer's balance in cents as of the opening day and as of the last day
        (`balances.owed_by_node`, the definition), its jobs' added in."""
        conn = self.session.connection()
        jobs = select(N.c.id, N.c.customer_id).where(N.c.parent_id.is_not(None))
        jobs = _where(jobs, self.scope.nodes(N))
        customer_of = {row.id: row.customer_id for row in self.session.execute(jobs)}
        opening = self._by_customer(
            balances.owed_by_node(conn, self.opening_day, self.scope), customer_of
        )
        closing = self._by_customer(balances.owed_by_node(conn, self.last, self.scope), customer_of)
        return opening, closing

    def candidates(self) -> Iterator[tuple[int, str, bool]]:
        """(id, full name, active) of every customer in scope, in list order."""
        stmt = select(N.c.id, N.c.full_name, N.c.is_active).where(N.c.parent_id.is_(None))
        if self.chosen:
            ids = sorted({node.customer_id for node in self.chosen})
            stmt = stmt.where(
                N.c.id.in_(bindparam("ids", ids, expanding=True, literal_execute=True))
            )
        stmt = stmt.order_by(N.c.sort_key, N.c.id).execution_options(yield_per=BATCH)
        for row in self.session.execute(stmt):
            yield row.id, row.full_name, bool(row.is_active)

    def streams(self) -> list[Iterator[tuple[int, list[_Change]]]]:
        return [self._openings(), self._invoices(), self._payments(), self._applications()]


class _Pending:
    """A stream of (customer id, changes), read one customer ahead: the streams and the
    customers come in the same order, so each customer takes its changes off the front."""

    def __init__(self, stream: Iterator[tuple[int, list[_Change]]]) -> None:
        self.stream = stream
        self.next: tuple[int, list[_Change]] | None = next(stream, None)

    def take(self, customer_id: int) -> list[_Change]:
        if self.next is None or self.next[0] != customer_id:
            return []
        changes = self.next[1]
        self.next = next(self.stream, None)
        return changes


def customer_details(session: Session, options: BalanceDetailOptions) -> Iterator[CustomerDetail]:
    """The report's customers in list order, each with its Opening line and its changes
    in date order with the running balance: what the PDF prints (and the exports)."""
    options = options.checked()
    reader = _Reader(session, options)
    opening_cents, closing_cents = reader.balances()
    opening_day = None if options.date_from is None else reader.opening_day
    pending = [_Pending(stream) for stream in reader.streams()]
    for customer_id, name, active in reader.candidates():
        changes = [change for p in pending for change in p.take(customer_id)]
        opening = balances.cents(opening_cents.get(customer_id, 0))
        closing = balances.cents(closing_cents.get(customer_id, 0))
        if not changes and not opening and not closing and not (options.include_zero and active):
            continue
        changes.sort(key=lambda c: (c.day, _ORDER[c.kind], c.seq))
        running = opening
        lines = [Line(opening_day, OPENING_LINE, None, None, None, None, opening)]
        for change in changes:
            running += change.amount
            lines.append(
                Line(
                    change.day,
                    change.kind,
                    change.node_id,
                    change.node_full_name,
                    change.number,
                    change.amount,
                    running,
                )
            )
        yield CustomerDetail(customer_id, name, opening, tuple(lines), closing)


def _job(line: Line, customer_name: str) -> str | None:
    if line.node_full_name is None or line.node_id is None:
        return None
    if line.node_full_name == customer_name:
        return None
    return line.node_full_name[len(customer_name) + 1 :]


def _filters_text(options: BalanceDetailOptions, chosen: Sequence[ChosenNode]) -> str:
    who = chosen_text(chosen) or "all"
    start = f"{options.date_from:%Y-%m-%d}" if options.date_from else "the first record"
    parts = [
        f"From {start} to {options.last_day():%Y-%m-%d}",
        f"Customers: {who}",
        "No balance or activity: " + ("shown" if options.include_zero else "left out"),
        "Voids count on the day they were made",
    ]
    return " · ".join(parts)


# --------------------------------------------------------------------------- layout

_HEADINGS = ("Date", "Type", "Num", "Job", "Amount", "Balance")
_RIGHT = frozenset({4, 5})


class _Layout:
    def __init__(self, width: float, numbers: NumberFormat) -> None:
        amount = money_width(numbers)
        widths = (56.0, 92.0, 70.0, width - 56 - 92 - 70 - 2 * amount, amount, amount)
        self.columns = Columns(widths=widths, right=_RIGHT)
        self.cells = Cells(self.columns, numbers)
        self.heading = template.group_style(size=8.5)
        self.total = template.style("total", size=9, bold=True, spaceBefore=10)

    def grid(self, rows: list[list[Any]]) -> Grid:
        return Grid(self.columns, rows)

    def row(self, line: Line, customer_name: str) -> list[Any]:
        cells = self.cells
        if line.kind == OPENING_LINE:
            job: Any = None
        else:
            job = cells.text(_job(line, customer_name), 3) or NO_JOB
        return [
            f"{line.day:%Y-%m-%d}" if line.day else None,
            line.kind,
            cells.text(line.number, 2),
            job,
            None if line.amount is None else cells.money(line.amount),
            cells.money(line.balance),
        ]

    def sum_grid(self, label: str, change: Decimal, balance: Decimal) -> Grid:
        """A total line: its label across the first four columns, then the amounts."""
        cells = self.cells
        label_cell = cells.text(label, 0, bold=True, span=4)
        row = [label_cell, None, None, None, cells.money(change, bold=True)]
        return Grid(
            self.columns,
            [[*row, cells.money(balance, bold=True)]],
            bold=True,
            rules=False,
            rule_above=True,
            span_first=4,
        )

    def headings(self) -> list[tuple[str, float]]:
        return list(zip(_HEADINGS, self.columns.widths, strict=True))


def render(
    source: ReadSource,
    options: BalanceDetailOptions,
    out_path: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ReportResult:
    """Write the Customer Balance Detail for ``options`` to the PDF ``out_path``."""
    options = options.checked()
    out = output_path(out_path)
    check_cancel = cancel_checker(cancelled)

    change_total = closing_total = ZERO
    entries = listed = 0
    with source.read() as session:
        office = template.office(session, options.paper)
        layout = _Layout(office.width, office.numbers)
        chosen = resolve_customers(session, options.customers)
        story = TableStory(lambda rows, _firsts: layout.grid(rows), ROWS_PER_TABLE)
        check_cancel()
        for customer in customer_details(session, options):
            if listed % BATCH == 0:
                check_cancel()
            listed += 1
            entries += customer.entries
            story.start_group(customer.customer_name, layout.heading)
            for line in customer.lines:
                story.add_row(layout.row(line, customer.customer_name))
            label = f"Total {template.clean(customer.customer_name)}"
            story.add(layout.sum_grid(label, customer.change, customer.closing))
            change_total += customer.change
            closing_total += customer.closing
        story.end_groups()
        filters = _filters_text(options, chosen)

    if listed == 0:
        story.paragraph(
            "No customer has a balance or any activity for these choices.", layout.total
        )
    else:
        story.add(layout.sum_grid("Grand total", change_total, closing_total))
        summary = (
            f"{template.plural(entries, 'transaction', 'transactions')} for "
            f"{template.plural(listed, 'customer', 'customers')}"
        )
        story.paragraph(summary, layout.total)

    return finish(
        out,
        story,
        office,
        title=ENTRY.name,
        filters=filters,
        entries=entries,
        columns=layout.headings(),
        right_aligned=[_HEADINGS[i] for i in _RIGHT],
        progress=progress,
        check_cancel=check_cancel,
    )


# --------------------------------------------------------------------------- table

TABLE_COLUMNS = (
    tables.column("customer"),
    tables.column("job", meaning="the job's name under the customer; empty for the customer's own"),
    tables.column("date", "date", meaning="empty on an Opening line of all records"),
    tables.column(
        "type",
        meaning=(
            "Opening (the balance before the period), Opening balance, Invoice, Invoice "
            "voided, Payment, Payment voided; for a chosen job also Payment applied, Credit "
            "applied, Application undone"
        ),
    ),
    tables.column("number", meaning="the invoice's number, or the payment's reference"),
    tables.column("amount", "money", meaning="what it added to the balance; empty on Opening"),
    tables.column("balance", "money", meaning="the running balance after it"),
)


def table(session: Session, options: BalanceDetailOptions) -> tables.ReportTable:
    """A row per line, customer by customer (`customer_details`, as the PDF)."""
    listed = list(customer_details(session, options))

    def rows() -> Iterator[tuple[Any, ...]]:
        for customer in listed:
            name = customer.customer_name
            for line in customer.lines:
                yield (
                    name, _job(line, name), line.day, line.kind, line.number, line.amount,
                    line.balance,
                )  # fmt: skip

    return tables.ReportTable(TABLE_COLUMNS, rows(), sum(len(c.lines) for c in listed))


INFO = ReportInfo.of(ENTRY, options_type=BalanceDetailOptions, render=render, table=table)
