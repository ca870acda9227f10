"""Customer Statements: one statement per customer for a period, all in one PDF.

Each statement has the office's name and address, the customer's Bill To address, the
statement date (the period's last day), the opening balance as of the day before the
period, every invoice, payment, starting balance and void of the period in date order
with its amount and the running balance, the closing balance, an aging strip under it and
where to send the money. Every statement starts on a new page and numbers its own pages
("Page 1 of 2").

Every figure comes from ``core.balances``, the one definition of what a customer owes as
of a day:

- the opening balance is ``owed`` as of the day before ``date_from`` and the closing
  balance ``owed`` as of ``date_to`` (``co.accounts.balance(customer, as_of=…)``), for the
  customer with its jobs;
- the lines are the records whose counting changes inside the period by the same rules
  (`balances.invoice_counts`, `payment_counts`, `opening_counts`): an invoice counts from
  its date until the day it is voided, a payment from the day it is received until the
  day it is voided, a dated opening balance from its date. So an invoice dated in the
  period is a line, and so is the void of an invoice (or payment) voided in the period,
  however old; one voided on the day it is dated never counted and is left out. What a
  payment applies moves money between the customer's own invoices and credit, never the
  customer's balance, so the opening plus the lines is the closing, to the cent;
- the aging strip is ``balances.open_items`` as of ``date_to``, bucketed exactly as Open
  Balances by Customer buckets them (`open_balances.item_column`); its total is the
  closing balance.

The pages are drawn on a reportlab canvas directly (the shared page of `template.build`
numbers the whole file's pages, and platypus would lay out a hundred thousand statements
too slowly), in the bundled fonts and styles of `template`. Text the font cannot show
(another script) is printed as a `template` Paragraph, which knows the fonts for it.
Customers are read in batches, with a few queries per batch.
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    and_,
    bindparam,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session

from officemgr.core import balances
from officemgr.core import models as m
from officemgr.core.inputs import as_bool, as_choice, as_day, as_paper, check_ids_or_names
from officemgr.core.numbers import NumberFormat
from officemgr.core.outputs import written_beside
from officemgr.errors import ValidationError
from officemgr.reports import catalog, fonts, open_balances, tables, template
from officemgr.reports.base import (
    Cancelled,
    Progress,
    ReadSource,
    ReportInfo,
    ReportResult,
    cancel_checker,
    output_path,
)
from officemgr.reports.choices import resolve_customers

ENTRY = catalog.STATEMENTS
TITLE = ENTRY.name

WHICH: dict[str, str] = {
    "balance": "every customer with a balance",
    "overdue": "customers with something past due",
    "chosen": "chosen customers",
}
BATCH = 500  # customers read at a time
WHOLE = 4 * BATCH  # more customers than this: their figures are read all at once

# The types of a statement's rows (the `table` column "type").
OPENING = "Opening balance"
CLOSING = "Closing balance"
INVOICE = "Invoice"
PAYMENT = "Payment"
VOID_INVOICE = "Void invoice"
VOID_PAYMENT = "Void payment"
STARTING = "Starting balance"  # a customer's or job's opening balance dated in the period
STARTING_CREDIT = "Starting credit"  # the same, owed to the customer
_ORDER = {STARTING: 0, STARTING_CREDIT: 0, INVOICE: 1, PAYMENT: 2, VOID_INVOICE: 3, VOID_PAYMENT: 4}

C = m.table(m.CustomerJob).alias("customer")
N = m.table(m.CustomerJob).alias("node")
A = m.table(m.Address)
I = m.table(m.Invoice)  # noqa: E741 - the invoices table
P = m.table(m.Payment)
S = m.table(m.OfficeSettings)

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------- options


def last_full_month(today: date) -> tuple[date, date]:
    """The first and last day of the month before ``today``'s."""
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class StatementsOptions:
    """Whose statements, for which period. The defaults: every customer with a balance at
    the end of the last full month, for that month."""

    date_from: date | None = None  # None: the first day of date_to's month
    date_to: date | None = None  # the statement date; None: the end of the last full month
    which: str = "balance"  # a key of WHICH
    customers: tuple[int | str, ...] = ()  # with which="chosen": customer ids or full names
    include_zero: bool = False  # with which="chosen": a statement with a zero balance too
    paper: str | None = None  # "letter" or "a4"; None: the office setting
    today: date | None = field(default=None, compare=False)  # None: the computer's today

    def checked(self) -> StatementsOptions:
        """These options with the period filled in; ValidationError naming the field for
        a bad choice."""
        date_from = as_day(self.date_from, field="date_from", label="The first date")
        date_to = as_day(self.date_to, field="date_to", label="The statement date")
        today = as_day(self.today, field="today", label="Today")
        if date_to is None:
            date_to = last_full_month(today or date.today())[1]
        if date_from is None:
            date_from = date_to.replace(day=1)
        if date_from > date_to:
            raise ValidationError(
                f"The period starts ({date_from:%Y-%m-%d}) after the statement date "
                f"({date_to:%Y-%m-%d}).",
                field="date_from",
            )
        which = as_choice(self.which, WHICH, field="which", label="Which customers")
        customers = check_ids_or_names(self.customers, field="customers", label="customer")
        include_zero = as_bool(self.include_zero, field="include_zero", label="Zero balances")
        if which == "balance" and customers:
            which = "chosen"  # naming customers chooses them (the default is every balance)
        if which == "chosen" and not customers:
            raise ValidationError("Choose the customers to make statements for.", field="customers")
        if which != "chosen" and customers:
            raise ValidationError(
                "Statements are either for customers with something overdue or for the "
                "customers chosen, not both.",
                field="customers",
            )
        if which != "chosen" and include_zero:
            raise ValidationError(
                "Zero balances can be included only for chosen customers.", field="include_zero"
            )
        return replace(
            self,
            date_from=date_from,
            date_to=date_to,
            which=which,
            customers=customers,
            include_zero=include_zero,
            today=today,
            paper=as_paper(self.paper, field="paper"),
        )

    def period(self) -> tuple[date, date]:
        """The first and last day of the period (of checked options)."""
        assert self.date_from is not None and self.date_to is not None, "checked() first"
        return self.date_from, self.date_to


# --------------------------------------------------------------------------- figures


@dataclass(frozen=True)
class Line:
    """One record of the period on a statement, with the balance after it."""

    day: date
    kind: str  # INVOICE, PAYMENT, VOID_INVOICE, VOID_PAYMENT, STARTING or STARTING_CREDIT
    number: str | None  # the invoice's number, or the payment's reference
    job: str | None  # the job's name under the customer; None for the customer's own
    amount: Decimal  # what it adds to the balance (a payment is negative)
    balance: Decimal


@dataclass(frozen=True)
class Statement:
    """One customer's statement: what the PDF prints and `table` lists."""

    customer_id: int
    customer_name: str
    company_name: str | None
    account_number: str | None
    bill_to: tuple[str, ...]  # address lines
    date_from: date
    date_to: date
    opening: Decimal  # owed as of the day before date_from
    lines: tuple[Line, ...]
    closing: Decimal  # owed as of date_to
    aging: tuple[Decimal, ...]  # open_balances.BUCKETS as of date_to

    @property
    def amount_due(self) -> Decimal:
        return self.closing


def address_lines(row: Any) -> list[str]:
    """An address (line1, line2, city, region, postal_code) as printable lines."""
    place = " ".join(p for p in (row.region, row.postal_code) if p)
    city = ", ".join(p for p in (row.city, place) if p)
    return [template.clean(line) for line in (row.line1, row.line2, city) if line]


def _ids(name: str, ids: Sequence[int]) -> Any:
    # Inlined: a batch of customers must not run out of SQL parameters.
    return bindparam(name, list(ids), expanding=True, literal_execute=True)


def _void_day(voided_at: datetime | None) -> date | None:
    """The day a void takes effect by `balances`' rule: the first day at whose end it is
    void (``voided_at`` before `balances.day_end` of it)."""
    if voided_at is None:
        return None
    day = voided_at.astimezone().date()
    while (end := balances.day_end(day)) is not None and voided_at >= end:
        day += timedelta(days=1)
    while day > date.min and (end := balances.day_end(day - timedelta(days=1))) is not None:
        if voided_at >= end:
            break
        day -= timedelta(days=1)
    return day


def _stops_counting(day: date, live: bool, voided_at: datetime | None) -> date | None:
    """The first day a record dated ``day`` no longer counts on (None: it still counts):
    it counts on the days from ``day`` up to that one (none, when that is not later)."""
    if live:
        return None
    return _void_day(voided_at) or day  # void with no time recorded: it never counted


def _changes(day: date, stops: date | None, first: date, last: date) -> tuple[bool, bool]:
    """Whether a record dated ``day`` that counts until ``stops`` starts counting in the
    period ``first``–``last`` (a line on its date), and whether it stops in it (a void)."""
    if stops is not None and stops <= day:
        return False, False
    return first <= day <= last, stops is not None and first <= stops <= last


class _Reader:
    """The statements of checked options, batch by batch, customers in list order."""

    def __init__(self, session: Session, options: StatementsOptions) -> None:
        self.session = session
        self.conn: Connection = session.connection()
        self.options = options
        self.date_from, self.date_to = options.period()
        self.before = self.date_from - timedelta(days=1)
        self._owners: dict[int, int] | None = None  # node -> customer, the whole company's
        # With many customers their figures are read for the whole company at once (a few
        # aggregate queries and one stream of open items); with few, batch by batch.
        self._opening: dict[int, int] | None = None
        self._closing: dict[int, int] | None = None
        self._aging_of: dict[int, tuple[Decimal, ...]] | None = None
        self.ids = self._selected()
        if len(self.ids) > WHOLE:
            if self._closing is None:
                self._closing = self._owed_by_customer(self.date_to, None)
            self._opening = self._owed_by_customer(self.before, None)
            if self._aging_of is None:
                self._aging_of = self._aging(None, set(self.ids))

    # ---------------------------------------------------------------- who

    def _in_list_order(self, wanted: Callable[[int], bool] | None = None) -> list[int]:
        stmt = (
            select(C.c.id)
            .where(C.c.parent_id.is_(None))
            .order_by(C.c.sort_key, C.c.id)
            .execution_options(yield_per=10 * BATCH)
        )
        ids: list[int] = []
        for partition in self.session.execute(stmt).partitions():
            ids += [row.id for row in partition if wanted is None or wanted(row.id)]
        return ids

    def _selected(self) -> list[int]:
        """The customers to make statements for, in list order."""
        which = self.options.which
        if which == "chosen":
            chosen = resolve_customers(self.session, self.options.customers)
            for node in chosen:
                if node.parent_id is not None:
                    raise ValidationError(
                        f"“{node.full_name}” is a job: statements are for customers (its "
                        "jobs are on its customer's statement).",
                        field="customers",
                    )
            picked = {node.id for node in chosen}
            stmt = (
                select(C.c.id)
                .where(C.c.id.in_(_ids("chosen", sorted(picked))))
                .order_by(C.c.sort_key, C.c.id)
            )
            return list(self.session.execute(stmt).scalars())
        if which == "overdue":
            overdue: list[int] = []
            self._aging_of = {}
            for items in balances.open_items(self.conn, self.date_to):
                if balances.overdue_amount(items, self.date_to) > 0:
                    overdue.append(items[0].customer_id)
                    self._aging_of[items[0].customer_id] = self._buckets(items)
            return overdue
        self._closing = owing = self._owed_by_customer(self.date_to, None)
        return self._in_list_order(lambda customer_id: owing.get(customer_id, 0) != 0)

    def _owed_by_customer(self, day: date, ids: Sequence[int] | None) -> dict[int, int]:
        """Each customer's balance (its jobs included) in cents as of the end of ``day``:
        `balances.owed_by_node` added up by customer."""
        scope = balances.Scope(customers=tuple(ids)) if ids is not None else None
        by_node = balances.owed_by_node(self.conn, day, scope)
        if not by_node:
            return {}
        if ids is not None:
            nodes = select(N.c.id, N.c.customer_id).where(N.c.customer_id.in_(_ids("owners", ids)))
            owner = {node: owner for node, owner in self.session.execute(nodes)}
        else:
            if self._owners is None:
                nodes = select(N.c.id, N.c.customer_id).execution_options(yield_per=10 * BATCH)
                self._owners = {node: owner for node, owner in self.session.execute(nodes)}
            owner = self._owners
        owed: dict[int, int] = {}
        for node_id, amount in by_node.items():
            customer_id = owner[node_id]
            owed[customer_id] = owed.get(customer_id, 0) + amount
        return owed

    # ---------------------------------------------------------------- what

    def batches(self) -> Iterator[list[Statement]]:
        """The statements, a batch of customers at a time (a customer with a zero balance
        left out unless chosen with ``include_zero``)."""
        for start in range(0, len(self.ids), BATCH):
            yield self._batch(self.ids[start : start + BATCH])

    def _batch(self, ids: list[int]) -> list[Statement]:
        opening = self._opening
        if opening is None:
            opening = self._owed_by_customer(self.before, ids)
        closing = self._closing
        if closing is None:
            closing = self._owed_by_customer(self.date_to, ids)
        keep_zero = self.options.which != "balance" and self.options.include_zero
        if self.options.which == "chosen" and not keep_zero:
            ids = [i for i in ids if closing.get(i, 0) != 0]
        if not ids:
            return []
        customers = self._customers(ids)
        lines = self._lines(ids, customers)
        aging = self._aging_of if self._aging_of is not None else self._aging(ids, None)
        statements = []
        for customer_id in ids:
            info = customers[customer_id]
            start = balances.cents(opening.get(customer_id, 0))
            running = start
            dated: list[Line] = []
            for day, kind, number, job, amount, _ in sorted(
                lines.get(customer_id, ()), key=lambda e: (e[0], _ORDER[e[1]], e[5])
            ):
                running += amount
                dated.append(Line(day, kind, number, job, amount, running))
            end = balances.cents(closing.get(customer_id, 0))
            if running != end:  # only when records break the rules the services keep
                log.warning(
                    "Statement of customer %s: the lines add up to %s, its balance is %s.",
                    customer_id,
                    running,
                    end,
                )
            statements.append(
                Statement(
                    customer_id=customer_id,
                    customer_name=info.full_name,
                    company_name=info.company_name,
                    account_number=info.account_number,
                    bill_to=tuple(address_lines(info)),
                    date_from=self.date_from,
                    date_to=self.date_to,
                    opening=start,
                    lines=tuple(dated),
                    closing=end,
                    aging=aging.get(customer_id, _ZERO_AGING),
                )
            )
        return statements

    def _customers(self, ids: list[int]) -> dict[int, Any]:
        """Name, company, account number and Bill To address of each customer."""
        stmt = (
            select(
                C.c.id,
                C.c.full_name,
                C.c.company_name,
                C.c.account_number,
                A.c.line1,
                A.c.line2,
                A.c.city,
                A.c.region,
                A.c.postal_code,
            )
            .select_from(C.outerjoin(A, and_(A.c.owner_id == C.c.id, A.c.kind == "bill_to")))
            .where(C.c.id.in_(_ids("customers", ids)))
        )
        return {row.id: row for row in self.session.execute(stmt)}

    def _lines(
        self, ids: list[int], customers: dict[int, Any]
    ) -> dict[int, list[tuple[date, str, str | None, str | None, Decimal, int]]]:
        """Each customer's records of the period: (day, type, number, job, amount, tie)."""
        first, last = self.date_from, self.date_to
        after = balances.day_end(self.before)
        until = balances.day_end(last)
        found: dict[int, list[tuple[date, str, str | None, str | None, Decimal, int]]] = {}

        def job(customer_id: int, node_id: int, full_name: str) -> str | None:
            if node_id == customer_id:
                return None
            return full_name[len(customers[customer_id].full_name) + 1 :]

        def add(
            customer_id: int,
            day: date,
            kind: str,
            number: str | None,
            job: str | None,
            amount: Decimal,
            tie: int,
        ) -> None:
            found.setdefault(customer_id, []).append((day, kind, number, job, amount, tie))

        def voided_in(table: Any) -> list[ColumnElement[bool]]:
            """Voided in the period (by `balances.day_end`, as balances count voids)."""
            voided: list[ColumnElement[bool]] = [table.c.voided_at.is_not(None)]
            if after is not None:
                voided.append(table.c.voided_at >= after)
            if until is not None:
                voided.append(table.c.voided_at < until)
            return voided

        invoices = (
            select(
                I.c.customer_id,
                I.c.node_id,
                I.c.number,
                I.c.invoice_date,
                I.c.total,
                I.c.status,
                I.c.voided_at,
                N.c.full_name,
            )
            .select_from(I.join(N, N.c.id == I.c.node_id))
            .where(
                I.c.customer_id.in_(_ids("customers", ids)),
                or_(
                    I.c.invoice_date.between(first, last), and_(I.c.status == "void", *voided_in(I))
                ),
            )
        )
        for row in self.session.execute(invoices):
            stops = _stops_counting(row.invoice_date, row.status != "void", row.voided_at)
            made, voided = _changes(row.invoice_date, stops, first, last)
            where = job(row.customer_id, row.node_id, row.full_name)
            number = str(row.number)
            if made:
                add(
                    row.customer_id, row.invoice_date, INVOICE, number, where, row.total, row.number
                )
            if voided and stops is not None:
                add(row.customer_id, stops, VOID_INVOICE, number, where, -row.total, row.number)

        payments = (
            select(
                P.c.id,
                P.c.customer_id,
                P.c.node_id,
                P.c.reference,
                P.c.received_on,
                P.c.amount,
                P.c.is_void,
                P.c.voided_at,
                N.c.full_name,
            )
            .select_from(P.join(N, N.c.id == P.c.node_id))
            .where(
                P.c.customer_id.in_(_ids("customers", ids)),
                or_(
                    P.c.received_on.between(first, last), and_(P.c.is_void.is_(True), *voided_in(P))
                ),
            )
        )
        for pay in self.session.execute(payments):
            stops = _stops_counting(pay.received_on, not pay.is_void, pay.voided_at)
            made, voided = _changes(pay.received_on, stops, first, last)
            where = job(pay.customer_id, pay.node_id, pay.full_name)
            reference = template.clean(pay.reference) or None
            if made:
                add(
                    pay.customer_id, pay.received_on, PAYMENT, reference, where, -pay.amount, pay.id
                )
            if voided and stops is not None:
                add(pay.customer_id, stops, VOID_PAYMENT, reference, where, pay.amount, pay.id)

        # Opening balances dated in the period (`balances.opening_counts`: from their date).
        starting = select(
            N.c.id, N.c.customer_id, N.c.full_name, N.c.opening_balance, N.c.opening_balance_date
        ).where(
            N.c.customer_id.in_(_ids("customers", ids)),
            N.c.opening_balance.cast(BigInteger) != 0,
            N.c.opening_balance_date.between(first, last),
        )
        for node in self.session.execute(starting):
            kind = STARTING if node.opening_balance > 0 else STARTING_CREDIT
            where = job(node.customer_id, node.id, node.full_name)
            add(
                node.customer_id,
                node.opening_balance_date,
                kind,
                None,
                where,
                node.opening_balance,
                0,
            )
        return found

    def _aging(
        self, ids: list[int] | None, wanted: set[int] | None
    ) -> dict[int, tuple[Decimal, ...]]:
        """What each customer of ``ids`` (None: of the whole company, those ``wanted``)
        owes as of the statement date by aging column."""
        aging: dict[int, tuple[Decimal, ...]] = {}
        scope = balances.Scope(customers=tuple(ids)) if ids is not None else None
        for items in balances.open_items(self.conn, self.date_to, scope):
            customer_id = items[0].customer_id
            if wanted is None or customer_id in wanted:
                aging[customer_id] = self._buckets(items)
        return aging

    def _buckets(self, items: Sequence[balances.OpenItem]) -> tuple[Decimal, ...]:
        """Open items added up by aging column, by Open Balances' rule
        (`open_balances.item_column`)."""
        buckets = [Decimal("0.00")] * len(open_balances.BUCKETS)
        for item in items:
            buckets[open_balances.item_column(item, self.date_to)] += item.amount
        return tuple(buckets)


_ZERO_AGING = tuple(Decimal("0.00") for _ in open_balances.BUCKETS)


def statements(session: Session, options: StatementsOptions) -> Iterator[Statement]:
    """The statements of ``options``, customer by customer in list order: what the PDF
    prints and the table lists."""
    reader = _Reader(session, options.checked())
    for batch in reader.batches():
        yield from batch


# ----------------------------------------------------------------------------- table

TABLE_COLUMNS = (
    tables.column("customer"),
    tables.column("date", "date"),
    tables.column(
        "type",
        meaning=(
            "Opening balance (the day before the period), Invoice, Payment, Void invoice, "
            "Void payment, Starting balance or Starting credit (an opening balance dated in "
            "the period), Closing balance (the statement date)"
        ),
    ),
    tables.column("number", meaning="the invoice's number, or the payment's reference"),
    tables.column("job", meaning="the job's name under the customer; empty for the customer's own"),
    tables.column(
        "amount", "money", meaning="what the line adds to the balance; a payment is negative"
    ),
    tables.column("balance", "money", meaning="the customer's balance after the line"),
)


def table(session: Session, options: StatementsOptions) -> tables.ReportTable:
    """A row per statement line, the opening and closing balance rows included: the same
    figures as the PDF."""
    options = options.checked()
    reader = _Reader(session, options)
    first, last = options.period()
    estimate = 2 * len(reader.ids) + _records_in(session, reader.ids, first, last)

    def rows() -> Iterator[tuple[Any, ...]]:
        for batch in reader.batches():
            for st in batch:
                name = st.customer_name
                yield (
                    name,
                    st.date_from - timedelta(days=1),
                    OPENING,
                    None,
                    None,
                    None,
                    st.opening,
                )
                for line in st.lines:
                    yield (
                        name,
                        line.day,
                        line.kind,
                        line.number,
                        line.job,
                        line.amount,
                        line.balance,
                    )
                yield (name, st.date_to, CLOSING, None, None, None, st.closing)

    return tables.ReportTable(TABLE_COLUMNS, rows(), estimate)


def _records_in(session: Session, ids: list[int], first: date, last: date) -> int:
    """About how many lines the period holds (for progress): its invoices and payments."""
    if not ids:
        return 0
    counted = 0
    for table_, day in ((I, I.c.invoice_date), (P, P.c.received_on)):
        stmt = select(func.count()).select_from(table_).where(day.between(first, last))
        if len(ids) <= 10 * BATCH:
            stmt = stmt.where(table_.c.customer_id.in_(_ids("customers", ids)))
        counted += int(session.execute(stmt).scalar_one())
    return counted


# ---------------------------------------------------------------------------- layout

MARGIN = 36.0
SIZE = 8.5  # the lines' font size
LEADING = 11.0
ROW_PAD = 2.0
MAX_CELL_LINES = 3  # a long job name or reference wraps to at most this many lines
BILL_TO_TOP = 104.0  # below the page's top: the Bill To block (a window envelope's place)
FIRST_TOP = 196.0  # the lines of a first page, when the Bill To block is not longer
LATER_TOP = 50.0  # the lines of a later page
HEADINGS_ABOVE = 7.0  # the column headings' baseline above the lines' top
FACTS_TOP = 36.0  # the statement date and period, right
FACTS_WIDTH = 200.0
AMOUNT_DUE_TOP = 63.0
CLOSING_HEIGHT = 16.0
AGING_HEIGHT = 34.0

_COLUMNS = (
    ("Date", 0.12, False),
    ("Type", 0.14, False),
    ("Number", 0.13, False),
    ("Job", 0.33, False),
    ("Amount", 0.14, True),
    ("Balance", 0.14, True),
)


@lru_cache(maxsize=65_536)
def _width(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, size))


def _wrap(text: str, font: str, size: float, width: float, most: int) -> list[str]:
    """Plain text in lines no wider than ``width`` (at most ``most``; the last cut short
    with an ellipsis)."""
    if _width(text, font, size) <= width and "\n" not in text:
        return [text]
    lines: list[str] = []
    for part in text.split("\n"):
        current = ""
        for word in part.split(" "):
            trial = f"{current} {word}" if current else word
            if _width(trial, font, size) <= width:
                current = trial
                continue
            if current:
                lines.append(current)
            while _width(word, font, size) > width and len(word) > 1:
                cut = len(word)
                while cut > 1 and _width(word[:cut], font, size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    if len(lines) > most:
        last = lines[most - 1]
        while last and _width(last + "…", font, size) > width:
            last = last[:-1]
        lines = [*lines[: most - 1], last + "…"]
    return lines


class _Text:
    """Text the report prints: plain lines when the font prints it as it is, else
    `template.text` (each script in its font, shaped, in right-to-left order)."""

    __slots__ = ("font", "height", "leading", "lines", "paragraph", "size")

    def __init__(
        self,
        writer: _Writer,
        text: str,
        width: float,
        *,
        size: float = SIZE,
        leading: float = LEADING,
        bold: bool = False,
        most: int = MAX_CELL_LINES,
    ) -> None:
        self.font = template.FONT_BOLD if bold else template.FONT
        self.size = size
        self.leading = leading
        self.paragraph: Flowable | None = None
        self.lines: list[str] = []
        if fonts.is_plain(text, bold):
            self.lines = _wrap(text, self.font, size, width, most)
            self.height = leading * len(self.lines)
        else:
            self.paragraph = template.text(text, writer.style(size, leading, bold=bold))
            self.height = self.paragraph.wrap(width, 10_000)[1]

    def draw(self, canvas: Canvas, tx: Any, x: float, top: float) -> None:
        """The text with the top of its first line at ``top``: plain lines into the text
        object ``tx``, a Paragraph onto the canvas."""
        if self.paragraph is not None:
            self.paragraph.drawOn(canvas, x, top - self.height)
            return
        tx.setFont(self.font, self.size)
        y = top - self.size
        for line in self.lines:
            tx.setTextOrigin(x, y)
            tx.textOut(line)
            y -= self.leading


class _Writer:
    """The paragraph styles of the report's text, made once each."""

    def __init__(self) -> None:
        template.style("statement")  # registers the fonts
        self._styles: dict[tuple[float, float, bool], Any] = {}

    def style(self, size: float, leading: float, *, bold: bool = False) -> Any:
        key = (size, leading, bold)
        if key not in self._styles:
            made = template.style(f"statement-{size}-{leading}-{bold}", size=size, bold=bold)
            made.leading = leading
            self._styles[key] = made
        return self._styles[key]


@dataclass
class _Row:
    height: float
    cells: list[Any]  # str (drawn as it is) or _Text, one per column
    bold: bool = False


class _Painter:
    """Draws statements on a canvas, each on pages of its own numbered "Page i of n".

    What every statement shows alike (the office block, the headings, the labels, the
    aging strip's box, the remit-to block) is drawn once as a form and placed on each
    page; what differs is written into one text object per page.
    """

    def __init__(
        self,
        path: Path,
        *,
        paper: str,
        numbers: NumberFormat,
        company_name: str,
        office: Any,
        date_from: date,
        date_to: date,
    ) -> None:
        self.writer = _Writer()
        self.money = lru_cache(maxsize=65_536)(numbers.money)
        self.size = template.page_size(paper, portrait=True)
        self.page_width, self.page_height = self.size
        self.width = template.frame_width(paper, portrait=True)
        self.right = MARGIN + self.width
        self.top = self.page_height - MARGIN
        self.bottom = MARGIN + 8  # above the page number
        self.first_top = self.top - FIRST_TOP  # where the lines start, below Bill To
        self.later_top = self.top - LATER_TOP
        self.date_from, self.date_to = date_from, date_to
        self.company_name = template.clean(company_name) or "My Company"
        self.office = office
        self.pages = 0

        x = MARGIN
        self.columns: list[tuple[float, float, bool]] = []  # (left, width, right-aligned)
        for _, share, right in _COLUMNS:
            self.columns.append((x, self.width * share, right))
            x += self.width * share
        self.aging_share = self.width / (len(open_balances.BUCKETS) + 1)
        # The initial font DejaVu, not reportlab's Helvetica (named, never embedded).
        self.canvas = Canvas(str(path), pagesize=self.size, initialFontName=template.FONT)
        self.canvas.setTitle(f"{TITLE} {date_to:%Y-%m-%d}")
        self.canvas.setAuthor(self.company_name)
        self.canvas.setCreator("OfficeMgr")
        self.remit_height = self._forms()
        self.tail_height = CLOSING_HEIGHT + 8 + AGING_HEIGHT + 10 + self.remit_height

    # ------------------------------------------------------------ once per file

    def _para(self, markup: str, size: float, *, bold: bool = False, color: Any = None) -> Any:
        style = template.style("office", size=size, bold=bold)
        if color is not None:
            style.textColor = color
        return Paragraph(markup, style)

    def _forms(self) -> float:
        """Draw the forms; returns the remit-to block's height."""
        canvas, office = self.canvas, self.office
        address = address_lines(office) if office is not None else []
        phone = template.clean(office.phone) if office is not None else ""
        email = template.clean(office.email) if office is not None else ""

        # The column headings, their baseline at 0 (moved into place where drawn).
        canvas.beginForm("columns", 0, -6, self.page_width, 12)
        canvas.setFont(template.FONT_BOLD, 8)
        for (heading, _, _), (left, width, right) in zip(_COLUMNS, self.columns, strict=True):
            if right:
                canvas.drawRightString(left + width - 2, 0, heading)
            else:
                canvas.drawString(left + 2, 0, heading)
        canvas.setStrokeColor(colors.grey)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, -4, self.right, -4)
        canvas.endForm()

        # A first page: the office, the title, the period, the labels.
        canvas.beginForm("first")
        width = self.width * 0.55
        y = self.top
        name = self._para(template.markup(self.company_name), 13, bold=True)
        y -= name.wrap(width, 100)[1]
        name.drawOn(canvas, MARGIN, y)
        details = [d for d in (*address, " · ".join(v for v in (phone, email) if v)) if d]
        if details:
            block = self._para("<br/>".join(template.markup(d) for d in details), 8.5)
            y -= 2 + block.wrap(width, 200)[1]
            block.drawOn(canvas, MARGIN, y)
        canvas.setFont(template.FONT_BOLD, 18)
        canvas.drawRightString(self.right, self.top - 16, "Statement")
        facts = (
            ("Statement date", f"{self.date_to:%Y-%m-%d}"),
            ("Period", f"{self.date_from:%Y-%m-%d} to {self.date_to:%Y-%m-%d}"),
        )
        y = self.top - FACTS_TOP
        for label, value in facts:
            canvas.setFont(template.FONT, 8.5)
            canvas.setFillColor(colors.dimgrey)
            canvas.drawString(self.right - FACTS_WIDTH, y, label)
            canvas.setFillColor(colors.black)
            canvas.drawRightString(self.right, y, value)
            y -= 12
        canvas.setFont(template.FONT_BOLD, 10)
        canvas.drawString(self.right - FACTS_WIDTH, self.top - AMOUNT_DUE_TOP, "Amount due")
        canvas.setFont(template.FONT, 7.5)
        canvas.setFillColor(colors.dimgrey)
        canvas.drawString(MARGIN, self.top - BILL_TO_TOP + 4, "Bill To")
        canvas.endForm()

        # A later page: the office's name and the statement date over the headings.
        canvas.beginForm("later")
        canvas.setFont(template.FONT, 8.5)
        canvas.drawString(MARGIN, self.top - 9, self.company_name[:100])
        canvas.drawRightString(self.right, self.top - 9, f"Statement date {self.date_to:%Y-%m-%d}")
        canvas.endForm()

        # The tail, its top at 0: the closing row's label, the aging strip's box and
        # headings, the remit-to block.
        text = f"Please make checks payable to <b>{template.markup(self.company_name)}</b>"
        if address:
            text += " and send them to " + template.markup(", ".join(address))
        text += "."
        ways = [f"call {template.markup(phone)}" if phone else ""]
        ways.append(f"email {template.markup(email)}" if email else "")
        if phone or email:
            text += f" Questions about this statement? Please {' or '.join(w for w in ways if w)}."
        remit = self._para(text, 8.5)
        label = self._para("Remit to", 7.5, color=colors.dimgrey)
        inner = self.width - 16
        label_height = label.wrap(inner, 100)[1]
        remit_height = remit.wrap(inner, 400)[1]
        box = 6 + label_height + 2 + remit_height + 6
        tail = CLOSING_HEIGHT + 8 + AGING_HEIGHT + 10 + box
        canvas.beginForm("tail", 0, -tail - 2, self.page_width, 2)
        canvas.setStrokeColor(colors.grey)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, -1, self.right, -1)
        canvas.setFont(template.FONT_BOLD, SIZE)
        canvas.drawString(self.columns[0][0] + 2, -12, f"{self.date_to:%Y-%m-%d}")
        canvas.drawString(self.columns[1][0] + 2, -12, CLOSING)
        top = -CLOSING_HEIGHT - 8
        canvas.rect(MARGIN, top - AGING_HEIGHT, self.width, AGING_HEIGHT)
        heads = [*open_balances.BUCKETS, "Amount due"]
        canvas.setFillColor(colors.dimgrey)
        for column, head in enumerate(heads):
            if column:
                x = MARGIN + self.aging_share * column
                canvas.line(x, top, x, top - AGING_HEIGHT)
            last = column == len(heads) - 1
            canvas.setFont(template.FONT_BOLD if last else template.FONT, 7.5)
            canvas.drawRightString(MARGIN + self.aging_share * (column + 1) - 6, top - 11, head)
        bottom = top - AGING_HEIGHT - 10 - box
        canvas.rect(MARGIN, bottom, self.width, box)
        label.drawOn(canvas, MARGIN + 8, bottom + box - 6 - label_height)
        remit.drawOn(canvas, MARGIN + 8, bottom + 6)
        canvas.endForm()
        return box

    def _form_at(self, name: str, y: float) -> None:
        """The form ``name`` drawn with its origin moved up to ``y``."""
        canvas = self.canvas
        canvas.saveState()
        canvas.translate(0, y)
        canvas.doForm(name)
        canvas.restoreState()

    # ------------------------------------------------------------ per statement

    def _text(self, text: str, width: float, **how: Any) -> _Text:
        return _Text(self.writer, text, width, **how)

    def _rows(self, st: Statement) -> list[_Row]:
        """The opening balance row and a row per line, each as high as its cells need."""
        money = self.money
        number_width = self.columns[2][1] - 4
        job_width = self.columns[3][1] - 4
        before = st.date_from - timedelta(days=1)
        opening = [f"{before:%Y-%m-%d}", OPENING, "", "", "", money(st.opening)]
        rows = [_Row(LEADING + ROW_PAD, opening)]
        for line in st.lines:
            number: str | _Text = line.number or ""
            job: str | _Text = ""
            height = LEADING
            if line.number and (
                _width(line.number, template.FONT, SIZE) > number_width
                or not fonts.is_plain(line.number)
            ):
                number = self._text(line.number, number_width)
                height = max(height, number.height)
            if line.job:
                job = self._text(line.job, job_width)
                height = max(height, job.height)
            cells = [
                f"{line.day:%Y-%m-%d}",
                line.kind,
                number,
                job,
                money(line.amount),
                money(line.balance),
            ]
            rows.append(_Row(height + ROW_PAD, cells))
        return rows

    def _bill_to(self, st: Statement) -> tuple[float, list[tuple[_Text, float]]]:
        """A statement's Bill To block (texts with their tops), and where its lines start
        on the first page: below the block."""
        width = self.width * 0.5
        y = self.top - BILL_TO_TOP
        block: list[tuple[_Text, float]] = []
        name = self._text(template.clean(st.customer_name), width, size=10, leading=12.5, bold=True)
        block.append((name, y))
        y -= name.height
        company = st.company_name
        texts = [company] if company and company != st.customer_name else []
        for text in [*texts, *st.bill_to]:
            cell = self._text(template.clean(text), width, size=9, leading=11, most=2)
            block.append((cell, y))
            y -= cell.height
        return min(y - 24, self.first_top), block

    def statement(self, st: Statement) -> None:
        """Draw one statement on pages of its own."""
        rows = self._rows(st)
        first_top, bill_to = self._bill_to(st)

        # Which rows go on which page, and whether the tail needs a page of its own.
        pages: list[list[_Row]] = [[]]
        y = first_top
        for row in rows:
            if y - row.height < self.bottom and pages[-1]:
                pages.append([])
                y = self.later_top
            pages[-1].append(row)
            y -= row.height
        tail_alone = y - self.tail_height < self.bottom
        count = len(pages) + tail_alone

        for number, page_rows in enumerate(pages, 1):
            tx = self.canvas.beginText()
            if number == 1:
                self._first_page(tx, st, bill_to, first_top)
                y = self._draw_rows(tx, page_rows, first_top)
            else:
                self._later_page(tx, st)
                y = self._draw_rows(tx, page_rows, self.later_top)
            if number == len(pages) and not tail_alone:
                self._tail(tx, st, y)
            self._end_page(tx, number, count)
        if tail_alone:
            tx = self.canvas.beginText()
            self._later_page(tx, st)
            self._tail(tx, st, self.later_top)
            self._end_page(tx, count, count)

    def _right(self, tx: Any, x: float, y: float, text: str, font: str, size: float) -> None:
        tx.setTextOrigin(x - _width(text, font, size), y)
        tx.textOut(text)

    def _first_page(
        self, tx: Any, st: Statement, bill_to: list[tuple[_Text, float]], top: float
    ) -> None:
        canvas = self.canvas
        canvas.doForm("first")
        if st.account_number:
            y = self.top - AMOUNT_DUE_TOP - 15
            tx.setFont(template.FONT, 8.5)
            tx.setFillColor(colors.dimgrey)
            tx.setTextOrigin(self.right - FACTS_WIDTH, y)
            tx.textOut("Account")
            tx.setFillColor(colors.black)
            account = self._text(template.clean(st.account_number), 120, size=8.5, most=1)
            if account.paragraph is None and account.lines:
                self._right(tx, self.right, y, account.lines[0], template.FONT, 8.5)
            else:
                account.draw(canvas, tx, self.right - 120, y + 8.5)
        tx.setFont(template.FONT_BOLD, 10)
        due = self.money(st.amount_due)
        self._right(tx, self.right, self.top - AMOUNT_DUE_TOP, due, template.FONT_BOLD, 10)
        for text, text_top in bill_to:
            text.draw(canvas, tx, MARGIN, text_top)
        self._form_at("columns", top + HEADINGS_ABOVE)

    def _later_page(self, tx: Any, st: Statement) -> None:
        """The top of a statement's second and later pages."""
        self.canvas.doForm("later")
        name = template.clean(st.customer_name) + " (continued)"
        heading = self._text(name, self.width, size=11, leading=13, bold=True, most=1)
        heading.draw(self.canvas, tx, MARGIN, self.top - 16)
        self._form_at("columns", self.later_top + HEADINGS_ABOVE)

    def _draw_rows(self, tx: Any, rows: list[_Row], top: float) -> float:
        """The rows from ``top`` down; returns where they end."""
        canvas = self.canvas
        font = template.FONT
        tx.setFont(font, SIZE)
        columns = self.columns
        y = top
        for row in rows:
            baseline = y - SIZE - 1
            for cell, (left, width, right) in zip(row.cells, columns, strict=True):
                if not cell:
                    continue
                if isinstance(cell, str):
                    x = left + width - 2 - _width(cell, font, SIZE) if right else left + 2
                    tx.setTextOrigin(x, baseline)
                    tx.textOut(cell)
                elif cell.paragraph is not None:
                    cell.paragraph.drawOn(canvas, left + 2, y - 1 - cell.height)
                else:
                    line_y = baseline
                    for line in cell.lines:
                        tx.setTextOrigin(left + 2, line_y)
                        tx.textOut(line)
                        line_y -= LEADING
            y -= row.height
        return y

    def _tail(self, tx: Any, st: Statement, y: float) -> None:
        """The closing balance, the aging strip and the remit-to block, from ``y`` down."""
        money = self.money
        self._form_at("tail", y)
        bold = template.FONT_BOLD
        left, width, _ = self.columns[5]
        tx.setFont(bold, SIZE)
        self._right(tx, left + width - 2, y - 12, money(st.closing), bold, SIZE)
        values = [money(v) for v in st.aging] + [money(st.amount_due)]
        baseline = y - CLOSING_HEIGHT - 8 - 27
        tx.setFont(template.FONT, 9.5)
        for column, value in enumerate(values):
            font = bold if column == len(values) - 1 else template.FONT
            if font == bold:
                tx.setFont(bold, 9.5)
            self._right(
                tx, MARGIN + self.aging_share * (column + 1) - 6, baseline, value, font, 9.5
            )

    def _end_page(self, tx: Any, number: int, count: int) -> None:
        canvas = self.canvas
        text = f"Page {number} of {count}"
        tx.setFont(template.FONT, 8)
        tx.setTextOrigin((self.page_width - _width(text, template.FONT, 8)) / 2, MARGIN - 14)
        tx.textOut(text)
        canvas.drawText(tx)
        canvas.showPage()
        self.pages += 1

    def nothing(self, text: str) -> None:
        """A page saying no statement was made."""
        tx = self.canvas.beginText()
        tx.setFont(template.FONT, 10)
        tx.setTextOrigin(MARGIN, self.top - 40)
        tx.textOut(text)
        self._end_page(tx, 1, 1)

    def save(self) -> int:
        self.canvas.save()
        return self.pages


# ---------------------------------------------------------------------------- render


def _show_first_pages(
    page: Callable[[Path], _Painter],
    first: list[Statement],
    total: int,
    ready: template.FirstPages,
    folder: Path,
) -> None:
    """Draw the first statements on a painter of their own until they fill
    `template.FIRST_PAGES` pages, and hand that PDF to ``ready`` (see
    `template.showing_first_pages`); nothing when those statements are all there is."""
    path = template.first_pages_file(folder)
    painter = page(path)
    drawn = 0
    for st in first:
        if painter.pages >= template.FIRST_PAGES:
            break
        painter.statement(st)
        drawn += 1
    painter.save()
    if drawn < total:
        ready(path)
    else:
        path.unlink()


def render(
    source: ReadSource,
    options: StatementsOptions,
    out_path: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ReportResult:
    """Write the statements of ``options`` to the PDF ``out_path``, one after another:
    ``entries`` of the result is the number of statements, ``pages`` the file's pages."""
    options = options.checked()
    out = output_path(out_path)
    check_cancel = cancel_checker(cancelled)
    date_from, date_to = options.period()
    made = 0
    with source.read() as session, written_beside(out, what="the report") as temp:
        company_name, paper = template.office_heading(session, options.paper)
        page = partial(
            _Painter,
            paper=paper,
            numbers=template.office_numbers(session),
            company_name=company_name,
            office=session.execute(select(S)).first(),
            date_from=date_from,
            date_to=date_to,
        )
        painter = page(temp)
        check_cancel()
        reader = _Reader(session, options)
        total = len(reader.ids)
        if progress is not None:
            progress(0, total)
        first_pages = template.first_pages_wanted()
        for batch in reader.batches():
            check_cancel()
            if first_pages is not None and made == 0:
                _show_first_pages(page, batch, total, *first_pages)
            for st in batch:
                painter.statement(st)
            made += len(batch)
            if progress is not None:
                progress(min(made, total), total)
        if made == 0:
            painter.nothing(
                f"No customer has a statement for these choices ({WHICH[options.which]} "
                f"on {date_to:%Y-%m-%d})."
            )
        check_cancel()
        pages = painter.save()
    if progress is not None:
        progress(total, total)
    return ReportResult(path=out, entries=made, pages=pages)


INFO = ReportInfo.of(ENTRY, options_type=StatementsOptions, render=render, table=table)
