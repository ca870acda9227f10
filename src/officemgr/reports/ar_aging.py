"""A/R Aging Summary and A/R Aging Detail: what the customers owe as of a date, aged.

Both read Open Balances by Customer's rows (`open_balances.customer_balances`, over
``core.balances.open_items``: open invoices, opening balances and unapplied credits as of
the end of the day) and age each item with its rule (`open_balances.item_column`: credits
are Current, the rest by days past their due date). So a customer's total on the Summary
is ``co.accounts.balance(customer, as_of=…)``, the Detail's grand total is the Summary's,
and both agree with Open Balances to the cent.

The Summary is one line per customer — its items added up per aging column in one pass
over the open items stream, no query per customer — drawn as `grid.Grid` rows, so a whole
company of customers renders in about a second or two. The Detail lists every open item
under its aging column, with a subtotal per column.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from officemgr.core import balances
from officemgr.core.inputs import as_bool
from officemgr.core.numbers import NumberFormat
from officemgr.reports import catalog, open_balances, tables, template
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
from officemgr.reports.open_balances import BUCKETS, OpenBalancesOptions, item_column
from officemgr.reports.story import TableStory, finish

SUMMARY_ENTRY = catalog.AR_AGING_SUMMARY
DETAIL_ENTRY = catalog.AR_AGING_DETAIL

BATCH = 1000  # customers between cancel checks
ROWS_PER_TABLE = 50
ZERO = Decimal("0.00")
TYPES = {
    balances.INVOICE: "Invoice",
    balances.OPENING: "Opening balance",
    balances.CREDIT: "Payment",
}
GROUP_HEADINGS = (
    "Current",
    "1–30 days past due",
    "31–60 days past due",
    "61–90 days past due",
    "Over 90 days past due",
)


# --------------------------------------------------------------------------- options


def _checked_common(
    as_of: Any, customers: Any, paper: Any, today: Any, include_zero: Any = False
) -> OpenBalancesOptions:
    """The choices the aging reports share with Open Balances, checked as it checks them."""
    zero = as_bool(include_zero, field="include_zero", label="Zero balances")
    return OpenBalancesOptions(
        as_of=as_of, customers=customers, include_zero=zero, paper=paper, today=today
    ).checked()


@dataclass(frozen=True)
class AgingSummaryOptions:
    """What the Summary shows. The defaults: every customer with something open, today."""

    as_of: date | None = None  # None: today
    customers: tuple[int | str, ...] = ()  # ids or full names; a job limits to its subtree
    include_zero: bool = False  # active customers with nothing open too
    paper: str | None = None  # "letter" or "a4"; None: the office setting
    today: date | None = field(default=None, compare=False)  # None: the computer's today

    def checked(self) -> AgingSummaryOptions:
        """These options with dates as days; ValidationError (naming the field) for a bad
        choice."""
        ok = _checked_common(self.as_of, self.customers, self.paper, self.today, self.include_zero)
        return replace(
            self,
            as_of=ok.as_of,
            customers=ok.customers,
            include_zero=ok.include_zero,
            paper=ok.paper,
            today=ok.today,
        )

    def as_of_date(self) -> date:
        return self.as_of or self.today or date.today()

    def open_balances(self) -> OpenBalancesOptions:
        """The same choices as Open Balances by Customer's (whose rows this report adds up)."""
        return OpenBalancesOptions(
            as_of=self.as_of,
            customers=self.customers,
            include_zero=self.include_zero,
            paper=self.paper,
            today=self.today,
        )


@dataclass(frozen=True)
class AgingDetailOptions:
    """What the Detail shows. The defaults: every open item of every customer, today."""

    as_of: date | None = None  # None: today
    customers: tuple[int | str, ...] = ()  # ids or full names; a job limits to its subtree
    paper: str | None = None  # "letter" or "a4"; None: the office setting
    today: date | None = field(default=None, compare=False)  # None: the computer's today

    def checked(self) -> AgingDetailOptions:
        """These options with dates as days; ValidationError (naming the field) for a bad
        choice."""
        ok = _checked_common(self.as_of, self.customers, self.paper, self.today)
        return replace(self, as_of=ok.as_of, customers=ok.customers, paper=ok.paper, today=ok.today)

    def as_of_date(self) -> date:
        return self.as_of or self.today or date.today()

    def open_balances(self) -> OpenBalancesOptions:
        return OpenBalancesOptions(
            as_of=self.as_of, customers=self.customers, paper=self.paper, today=self.today
        )


def _filters_text(
    as_of: date, chosen: Sequence[ChosenNode], include_zero: bool | None = None
) -> str:
    who = chosen_text(chosen) or "all"
    parts = [f"As of {as_of:%Y-%m-%d}", f"Customers: {who}"]
    if include_zero is not None:
        parts.append("Zero balances: " + ("shown" if include_zero else "left out"))
    parts.append("Payments received after that day are not counted")
    return " · ".join(parts)


def _nothing_owed(as_of: date) -> str:
    return f"No customer owes anything as of {as_of:%Y-%m-%d}."


# --------------------------------------------------------------------------- the rows


@dataclass(frozen=True)
class AgingRow:
    """A customer's line of the Summary: what it owes in each aging column."""

    customer_id: int
    customer_name: str
    buckets: tuple[Decimal, ...]  # Current, 1–30, 31–60, 61–90, Over 90

    @property
    def total(self) -> Decimal:
        """What the customer owes as of the date: the sum of its open items."""
        return sum(self.buckets, ZERO)


def _aged(items: Sequence[balances.OpenItem], as_of: date) -> tuple[Decimal, ...]:
    sums = [ZERO] * len(BUCKETS)
    for item in items:
        sums[item_column(item, as_of)] += item.amount
    return tuple(sums)


def summary_rows(session: Session, options: AgingSummaryOptions) -> Iterator[AgingRow]:
    """The Summary's lines, customer by customer in list order: each customer's open items
    (`open_balances.customer_balances`) added up by aging column (`item_column`)."""
    options = options.checked()
    as_of = options.as_of_date()
    for customer in open_balances.customer_balances(session, options.open_balances()):
        yield AgingRow(customer.customer_id, customer.customer_name, _aged(customer.items, as_of))


def detail_groups(session: Session, options: AgingDetailOptions) -> list[list[balances.OpenItem]]:
    """The Detail's items, one list per aging column (Current first), each in customer
    list order and then oldest due first, as Open Balances lists them."""
    options = options.checked()
    as_of = options.as_of_date()
    groups: list[list[balances.OpenItem]] = [[] for _ in BUCKETS]
    for customer in open_balances.customer_balances(session, options.open_balances()):
        for item in customer.items:
            groups[item_column(item, as_of)].append(item)
    return groups


def _number(item: balances.OpenItem) -> str | None:
    return str(item.number) if item.number is not None else item.reference


def _job(item: balances.OpenItem) -> str | None:
    return item.node_full_name[len(item.customer_name) + 1 :] if item.is_job else None


def days_past_due(item: balances.OpenItem, as_of: date) -> int | None:
    """How many days past its due date an item is (0 when not yet due); None for a credit."""
    if item.kind == balances.CREDIT:
        return None
    return max(0, item.days_past_due(as_of))


# --------------------------------------------------------------------------- layout


class _SummaryLayout:
    HEADINGS = ("Customer", *BUCKETS, "Total")

    def __init__(self, width: float, numbers: NumberFormat) -> None:
        amount = money_width(numbers)
        name = width - amount * (len(BUCKETS) + 1)
        self.columns = Columns(
            widths=(name, *(amount,) * (len(BUCKETS) + 1)),
            right=frozenset(range(1, len(BUCKETS) + 2)),
            leading=8.5,  # no rules between the lines: closer, and fewer pages to make
            top=0.75,
            bottom=0.75,
        )
        self.cells = Cells(self.columns, numbers)
        self.total = template.style("total", size=9, bold=True, spaceBefore=10)

    def grid(self, rows: list[list[Any]]) -> Grid:
        return Grid(self.columns, rows, rules=False)

    def row(self, row: AgingRow) -> list[Any]:
        money = self.cells.money
        return [
            self.cells.text(row.customer_name, 0),
            *(money(amount) if amount else None for amount in row.buckets),
            money(row.total),
        ]

    def sum_grid(self, label: str, buckets: Sequence[Decimal]) -> Grid:
        cells = [self.cells.money(amount, bold=True) for amount in (*buckets, sum(buckets, ZERO))]
        row = [self.cells.text(label, 0, bold=True), *cells]
        return Grid(self.columns, [row], bold=True, rules=False, rule_above=True)

    def headings(self) -> list[tuple[str, float]]:
        return list(zip(self.HEADINGS, self.columns.widths, strict=True))


def render_summary(
    source: ReadSource,
    options: AgingSummaryOptions,
    out_path: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ReportResult:
    """Write the A/R Aging Summary for ``options`` to the PDF ``out_path``."""
    options = options.checked()
    out = output_path(out_path)
    as_of = options.as_of_date()
    check_cancel = cancel_checker(cancelled)

    grand = [ZERO] * len(BUCKETS)
    listed = 0
    with source.read() as session:
        office = template.office(session, options.paper)
        layout = _SummaryLayout(office.width, office.numbers)
        chosen = resolve_customers(session, options.customers)
        story = TableStory(lambda rows, _firsts: layout.grid(rows), ROWS_PER_TABLE)
        for row in summary_rows(session, options):
            if listed % BATCH == 0:
                check_cancel()
            listed += 1
            for column, amount in enumerate(row.buckets):
                grand[column] += amount
            story.add_row(layout.row(row))
        filters = _filters_text(as_of, chosen, options.include_zero)

    if listed == 0:
        story.paragraph(template.markup(_nothing_owed(as_of)), layout.total)
    else:
        story.add(layout.sum_grid("Grand total", grand))
        story.paragraph(template.plural(listed, "customer", "customers"), layout.total)

    return finish(
        out,
        story,
        office,
        title=SUMMARY_ENTRY.name,
        filters=filters,
        entries=listed,
        columns=layout.headings(),
        right_aligned=_SummaryLayout.HEADINGS[1:],
        progress=progress,
        check_cancel=check_cancel,
    )


_DETAIL_HEADINGS = ("Customer:Job", "Type", "Num", "Date", "Due", "Past due", "Open amount")
_DETAIL_RIGHT = frozenset({5, 6})


class _DetailLayout:
    def __init__(self, width: float, numbers: NumberFormat) -> None:
        self.numbers = numbers
        amount = money_width(numbers)
        fixed = (70.0, 70.0, 52.0, 52.0, 40.0, amount)
        self.columns = Columns(widths=(width - sum(fixed), *fixed), right=_DETAIL_RIGHT)
        self.cells = Cells(self.columns, numbers)
        self.heading = template.group_style(size=8.5)
        self.total = template.style("total", size=9, bold=True, spaceBefore=10)

    def grid(self, rows: list[list[Any]]) -> Grid:
        return Grid(self.columns, rows)

    def row(self, item: balances.OpenItem, as_of: date) -> list[Any]:
        cells = self.cells
        days = days_past_due(item, as_of)
        return [
            cells.text(item.node_full_name, 0),
            TYPES[item.kind],
            cells.text(_number(item), 2),
            f"{item.day:%Y-%m-%d}" if item.day else None,
            f"{item.due_date:%Y-%m-%d}" if item.due_date else None,
            None if days is None else cells.text(self.numbers.quantity(Decimal(days)), 5),
            cells.money(item.amount),
        ]

    def sum_grid(self, label: str, amount: Decimal) -> Grid:
        row = [self.cells.text(label, 0, bold=True, span=5), None, None, None, None, None]
        return Grid(
            self.columns,
            [[*row, self.cells.money(amount, bold=True)]],
            bold=True,
            rules=False,
            rule_above=True,
            span_first=5,
        )

    def headings(self) -> list[tuple[str, float]]:
        return list(zip(_DETAIL_HEADINGS, self.columns.widths, strict=True))


def render_detail(
    source: ReadSource,
    options: AgingDetailOptions,
    out_path: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ReportResult:
    """Write the A/R Aging Detail for ``options`` to the PDF ``out_path``."""
    options = options.checked()
    out = output_path(out_path)
    as_of = options.as_of_date()
    check_cancel = cancel_checker(cancelled)

    with source.read() as session:
        office = template.office(session, options.paper)
        layout = _DetailLayout(office.width, office.numbers)
        chosen = resolve_customers(session, options.customers)
        check_cancel()
        groups = detail_groups(session, options)
        filters = _filters_text(as_of, chosen)

    story = TableStory(lambda rows, _firsts: layout.grid(rows), ROWS_PER_TABLE)
    grand = ZERO
    entries = 0
    for column, items in enumerate(groups):
        if not items:
            continue
        check_cancel()
        story.start_group(GROUP_HEADINGS[column], layout.heading)
        subtotal = ZERO
        for item in items:
            entries += 1
            subtotal += item.amount
            story.add_row(layout.row(item, as_of))
        story.add(layout.sum_grid(f"Total {BUCKETS[column]}", subtotal))
        grand += subtotal
    story.end_groups()

    if entries == 0:
        story.paragraph(template.markup(_nothing_owed(as_of)), layout.total)
    else:
        story.add(layout.sum_grid("Grand total", grand))
        customers = len({item.customer_id for items in groups for item in items})
        summary = (
            f"{template.plural(entries, 'open item', 'open items')} for "
            f"{template.plural(customers, 'customer', 'customers')}"
        )
        story.paragraph(summary, layout.total)

    return finish(
        out,
        story,
        office,
        title=DETAIL_ENTRY.name,
        filters=filters,
        entries=entries,
        columns=layout.headings(),
        right_aligned=[_DETAIL_HEADINGS[i] for i in _DETAIL_RIGHT],
        progress=progress,
        check_cancel=check_cancel,
    )


# --------------------------------------------------------------------------- tables

SUMMARY_COLUMNS = (
    tables.column("customer"),
    tables.column("current", "money", meaning="not yet due, and unapplied credits"),
    tables.column("days_1_30", "money", meaning="1 to 30 days past due"),
    tables.column("days_31_60", "money", meaning="31 to 60 days past due"),
    tables.column("days_61_90", "money", meaning="61 to 90 days past due"),
    tables.column("over_90", "money", meaning="more than 90 days past due"),
    tables.column("total", "money", meaning="what the customer owes as of the date"),
)

DETAIL_COLUMNS = (
    tables.column("aging", meaning="Current, 1–30, 31–60, 61–90 or Over 90 (days past due)"),
    tables.column("customer"),
    tables.column("job", meaning="the job's name under the customer; empty for the customer's own"),
    tables.column("type", meaning="Invoice, Opening balance or Payment (unapplied credit)"),
    tables.column("number", meaning="the invoice's number, or the payment's reference"),
    tables.column("date", "date"),
    tables.column("due_date", "date"),
    tables.column("days_past_due", "number", meaning="0 when not yet due; empty for a credit"),
    tables.column("open_amount", "money", meaning="what is open of it; a credit is negative"),
)


def summary_table(session: Session, options: AgingSummaryOptions) -> tables.ReportTable:
    """A row per customer (`summary_rows`, as the PDF)."""
    listed = list(summary_rows(session, options))
    rows: Iterator[tuple[Any, ...]] = ((r.customer_name, *r.buckets, r.total) for r in listed)
    return tables.ReportTable(SUMMARY_COLUMNS, rows, len(listed))


def detail_table(session: Session, options: AgingDetailOptions) -> tables.ReportTable:
    """A row per open item, aging column by aging column (`detail_groups`, as the PDF)."""
    as_of = options.checked().as_of_date()
    groups = detail_groups(session, options)

    def rows() -> Iterator[tuple[Any, ...]]:
        for column, items in enumerate(groups):
            for item in items:
                yield (
                    BUCKETS[column], item.customer_name, _job(item), TYPES[item.kind],
                    _number(item), item.day, item.due_date, days_past_due(item, as_of),
                    item.amount,
                )  # fmt: skip

    return tables.ReportTable(DETAIL_COLUMNS, rows(), sum(len(g) for g in groups))


SUMMARY_INFO = ReportInfo.of(
    SUMMARY_ENTRY, options_type=AgingSummaryOptions, render=render_summary, table=summary_table
)
DETAIL_INFO = ReportInfo.of(
    DETAIL_ENTRY, options_type=AgingDetailOptions, render=render_detail, table=detail_table
)
INFOS = {SUMMARY_INFO.key: SUMMARY_INFO, DETAIL_INFO.key: DETAIL_INFO}
"""Both reports of this module by key (the registry's ``INFO`` is one report a module)."""
