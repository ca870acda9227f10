"""Open Balances by Customer: what each customer owes as of a date, item by item, aged.

The items are ``core.balances.open_items``: open invoices, opening balances and the
unapplied part of payments, each as of the end of the chosen day (a payment received later
does not pay an invoice yet; an invoice voided later was still owed). So each customer's
total is exactly ``co.accounts.balance(customer, as_of=…)``, and the grand total is their
sum. Invoices and opening balances are aged by their due date; credits are Current.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.platypus import Flowable, Table, TableStyle
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from officemgr.core import balances
from officemgr.core import models as m
from officemgr.core.inputs import as_day, as_paper, check_ids_or_names
from officemgr.core.numbers import NumberFormat
from officemgr.errors import ValidationError
from officemgr.reports import catalog, columns, tables, template
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
from officemgr.reports.story import TableStory, finish

TITLE = catalog.OPEN_BALANCES.name

BUCKETS = ("Current", "1–30", "31–60", "61–90", "Over 90")
BATCH = 1000  # rows fetched at a time
ROWS_PER_TABLE = 30
NO_JOB = "—"

C = m.table(m.CustomerJob).alias("customer")


@dataclass(frozen=True)
class OpenBalancesOptions:
    """What the report shows. The defaults: every customer with something open, today."""

    as_of: date | None = None  # None: today
    customers: tuple[int | str, ...] = ()  # ids or full names; a job limits to its subtree
    include_zero: bool = False  # customers with nothing open too (active ones)
    paper: str | None = None  # "letter" or "a4"; None: the office setting
    today: date | None = field(default=None, compare=False)  # None: the computer's today

    def checked(self) -> OpenBalancesOptions:
        """These options with dates as days; ValidationError for a bad choice."""
        if self.as_of is not None and not isinstance(self.as_of, date):
            raise ValidationError("The “as of” date must be a date.", field="as_of")
        return replace(
            self,
            as_of=as_day(self.as_of, field="as_of", label="The “as of” date"),
            today=as_day(self.today, field="today", label="Today"),
            customers=check_ids_or_names(
                self.customers, field="customers", label="customer or job"
            ),
            paper=as_paper(self.paper, field="paper"),
        )

    def as_of_date(self) -> date:
        return self.as_of or self.today or date.today()


def bucket(days_past_due: int) -> int:
    """The column of an amount ``days_past_due`` days past its due date (0: Current)."""
    if days_past_due <= 0:
        return 0
    if days_past_due <= 30:
        return 1
    if days_past_due <= 60:
        return 2
    if days_past_due <= 90:
        return 3
    return 4


def _scope(chosen: Sequence[ChosenNode]) -> balances.Scope:
    """Whole customers, and chosen jobs with their sub-jobs."""
    return balances.Scope(
        customers=tuple(node.id for node in chosen if node.parent_id is None),
        jobs=tuple((node.id, node.full_name_key) for node in chosen if node.parent_id is not None),
    )


def _zero_candidates(
    session: Session, chosen: Sequence[ChosenNode]
) -> Iterator[tuple[int, str, bool]]:
    """(id, full name, active) of every customer in scope, in list order: the customers an
    ``include_zero`` report may show with nothing owed."""
    stmt = select(C.c.id, C.c.full_name, C.c.is_active).where(C.c.parent_id.is_(None))
    if chosen:
        ids = sorted({node.customer_id for node in chosen})
        stmt = stmt.where(C.c.id.in_(bindparam("ids", ids, expanding=True, literal_execute=True)))
    stmt = stmt.order_by(C.c.sort_key, C.c.id).execution_options(yield_per=BATCH)
    for row in session.execute(stmt):
        yield row.id, row.full_name, bool(row.is_active)


def _filters_text(as_of: date, chosen: Sequence[ChosenNode], include_zero: bool) -> str:
    who = chosen_text(chosen) or "all"
    parts = [
        f"As of {as_of:%Y-%m-%d}",
        f"Customers: {who}",
        "Zero balances: " + ("shown" if include_zero else "left out"),
        "Payments received after that day are not counted",
    ]
    return " · ".join(parts)


# --------------------------------------------------------------------------- layout

_COLUMNS = (
    ("Job", 0.19),
    ("Type", 0.10),
    ("Num", 0.06),
    ("Date", 0.075),
    ("Due", 0.075),
    *((name, 0.08) for name in BUCKETS),
    ("Total", 0.10),
)
_FIRST_MONEY = 5
_TYPES = {
    balances.INVOICE: "Invoice",
    balances.OPENING: "Opening balance",
    balances.CREDIT: "Payment",
}
# An empty cell as reportlab's empty flowable list: drawn as nothing, where "" still costs
# a text object per cell (half the cells of an aged row are blank).
BLANK: tuple[()] = ()


class _Totals:
    """Bucket sums and their total."""

    def __init__(self) -> None:
        self.buckets = [Decimal(0)] * len(BUCKETS)

    def add(self, column: int, amount: Decimal) -> None:
        self.buckets[column] += amount

    def merge(self, other: _Totals) -> None:
        for column, amount in enumerate(other.buckets):
            self.buckets[column] += amount

    @property
    def total(self) -> Decimal:
        return sum(self.buckets, Decimal(0))

    def cells(self, numbers: NumberFormat) -> list[str]:
        return [numbers.money(amount) for amount in self.buckets] + [numbers.money(self.total)]


def item_column(item: balances.OpenItem, as_of: date) -> int:
    """The aging column of an item: credits are Current, the rest by their due date."""
    if item.kind == balances.CREDIT:
        return 0
    return bucket(item.days_past_due(as_of))


class _Layout:
    def __init__(self, width: float, numbers: NumberFormat) -> None:
        self.numbers = numbers
        self.widths = [width * share for _, share in _COLUMNS]
        self.cell = template.style("cell")
        self.number = template.style("number", alignment=TA_RIGHT)
        self.number_bold = template.style("number-bold", bold=True, alignment=TA_RIGHT)
        self.customer = template.group_style(size=8.5)
        self.total = template.style("total", size=9, bold=True, spaceBefore=10)
        self.sum_label = template.style("sum", bold=True)
        # Amounts shorter than this many characters fit every money column unmeasured.
        money_column = min(self.widths[_FIRST_MONEY:])
        self._fits_below = next(
            (n for n in range(24, 3, -1) if columns.text_width("-" + "9" * n) <= money_column), 4
        )
        base = [
            ("FONT", (0, 0), (-1, -1), template.FONT, 7.5),
            ("LEADING", (0, 0), (-1, -1), 9),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (_FIRST_MONEY, 0), (-1, -1), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
        ]
        self.rows_style = TableStyle(base)
        self.sum_style = TableStyle(
            [
                *base,
                ("FONT", (0, 0), (-1, -1), template.FONT_BOLD, 7.5),
                ("LINEABOVE", (0, 0), (-1, 0), 0.6, colors.grey),
            ]
        )

    def table(self, rows: list[list[Any]], *, sums: bool = False) -> Table:
        style = self.sum_style if sums else self.rows_style
        return Table(rows, colWidths=self.widths, style=style, hAlign="LEFT")

    def job_cell(self, item: balances.OpenItem) -> str | Flowable:
        if not item.is_job:
            return NO_JOB
        job = template.clean(item.node_full_name[len(item.customer_name) + 1 :])
        return template.text(job, self.cell)

    def item_row(self, item: balances.OpenItem, column: int) -> list[Any]:
        money: list[Any] = [BLANK] * len(BUCKETS)
        amount = self.numbers.money(item.amount)  # a cell each: a flowable is drawn once
        money[column] = self.figure(amount, _FIRST_MONEY + column, self.number)
        number = str(item.number) if item.number is not None else item.reference
        return [
            self.job_cell(item),
            _TYPES[item.kind],
            template.cell(number, self.cell) if number else BLANK,
            f"{item.day:%Y-%m-%d}" if item.day else BLANK,
            f"{item.due_date:%Y-%m-%d}" if item.due_date else BLANK,
            *money,
            self.figure(amount, len(_COLUMNS) - 1, self.number),
        ]

    def sum_row(self, label: str, totals: _Totals) -> list[Any]:
        name = template.text(label, self.sum_label)
        cells = [
            self.figure(cell, _FIRST_MONEY + i, self.number_bold)
            for i, cell in enumerate(totals.cells(self.numbers))
        ]
        return [name, BLANK, BLANK, BLANK, BLANK, *cells]

    def figure(self, text: str, column: int, style: Any) -> Any:
        """An amount in its column: set smaller when it is wider than the column (a sum of
        very large invoices), never into the next one."""
        return columns.figure(text, self.widths[column], style, sized_for=self._fits_below)


@dataclass(frozen=True)
class CustomerBalance:
    """One customer of the report: its items as of the date (none for a zero balance)."""

    customer_id: int
    customer_name: str
    items: tuple[balances.OpenItem, ...]

    @property
    def total(self) -> Decimal:
        return sum((item.amount for item in self.items), Decimal(0))


def customer_balances(session: Session, options: OpenBalancesOptions) -> Iterator[CustomerBalance]:
    """The report's rows, customer by customer in list order: what the PDF prints (and a
    test or an export can add up). Each customer's total is its balance as of the date."""
    options = options.checked()
    chosen = resolve_customers(session, options.customers)
    items = balances.open_items(session.connection(), options.as_of_date(), _scope(chosen))
    if not options.include_zero:
        for batch in items:
            yield CustomerBalance(batch[0].customer_id, batch[0].customer_name, tuple(batch))
        return
    # Every active customer in scope, and an inactive one when it owes or is owed; the
    # items come in the same order as the customers, so the two streams zip together.
    pending = next(items, None)
    for customer_id, name, active in _zero_candidates(session, chosen):
        if pending is not None and pending[0].customer_id == customer_id:
            yield CustomerBalance(customer_id, name, tuple(pending))
            pending = next(items, None)
        elif active:
            yield CustomerBalance(customer_id, name, ())


TABLE_COLUMNS = (
    tables.column("customer"),
    tables.column("job", meaning="the job's name under the customer; empty for the customer's own"),
    tables.column("type", meaning="Invoice, Opening balance or Credit"),
    tables.column("number", meaning="the invoice's number, or the payment's reference"),
    tables.column("date", "date"),
    tables.column("due_date", "date"),
    tables.column("aging", meaning="Current, 1–30, 31–60, 61–90 or Over 90 (days past due)"),
    tables.column("open_amount", "money", meaning="what is open of it; a credit is negative"),
)


def table(session: Session, options: OpenBalancesOptions) -> tables.ReportTable:
    """A row per open item, customer by customer (`customer_balances`, as the PDF)."""
    as_of = options.as_of_date()
    listed = list(customer_balances(session, options))

    def rows() -> Iterator[tuple[Any, ...]]:
        for customer in listed:
            for item in customer.items:
                job = item.node_full_name[len(item.customer_name) + 1 :] if item.is_job else None
                number = str(item.number) if item.number is not None else item.reference
                yield (
                    customer.customer_name, job, _TYPES[item.kind], number, item.day,
                    item.due_date, BUCKETS[item_column(item, as_of)], item.amount,
                )  # fmt: skip

    return tables.ReportTable(TABLE_COLUMNS, rows(), sum(len(c.items) for c in listed))


def _add_customer(
    story: TableStory, layout: _Layout, customer: CustomerBalance, as_of: date
) -> _Totals:
    """A customer's heading, items and total line; returns its bucket sums."""
    story.start_group(customer.customer_name, layout.customer)
    sums = _Totals()
    for item in customer.items:
        column = item_column(item, as_of)
        sums.add(column, item.amount)
        story.add_row(layout.item_row(item, column))
    label = f"Total {template.clean(customer.customer_name)}"
    story.add(layout.table([layout.sum_row(label, sums)], sums=True))
    return sums


def render(
    source: ReadSource,
    options: OpenBalancesOptions,
    out_path: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ReportResult:
    """Write Open Balances by Customer for ``options`` to the PDF ``out_path``."""
    options = options.checked()
    out = output_path(out_path)
    as_of = options.as_of_date()
    check_cancel = cancel_checker(cancelled)

    grand = _Totals()
    entries = customers_listed = 0
    with source.read() as session:
        office = template.office(session, options.paper)
        layout = _Layout(office.width, office.numbers)
        chosen = resolve_customers(session, options.customers)
        story = TableStory(lambda rows, _firsts: layout.table(rows), ROWS_PER_TABLE)
        for customer in customer_balances(session, options):
            if customers_listed % BATCH == 0:
                check_cancel()
            customers_listed += 1
            entries += len(customer.items)
            grand.merge(_add_customer(story, layout, customer, as_of))
        story.end_groups()
        filters = _filters_text(as_of, chosen, options.include_zero)

    if customers_listed == 0:
        story.paragraph("No customer has an open balance for these choices.", layout.total)
    else:
        story.add(layout.table([layout.sum_row("Grand total", grand)], sums=True))
        summary = (
            f"{template.plural(entries, 'open item', 'open items')} for "
            f"{template.plural(customers_listed, 'customer', 'customers')}"
        )
        story.paragraph(summary, layout.total)

    return finish(
        out,
        story,
        office,
        title=TITLE,
        filters=filters,
        entries=entries,
        columns=template.headings(_COLUMNS, layout.widths),
        right_aligned=(*BUCKETS, "Total"),
        progress=progress,
        check_cancel=check_cancel,
    )


INFO = ReportInfo.of(
    catalog.OPEN_BALANCES, options_type=OpenBalancesOptions, render=render, table=table
)
