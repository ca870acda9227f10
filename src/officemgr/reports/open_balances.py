"""Open Balances by Customer: every open invoice as of a date, aged into buckets.

One streaming SQLAlchemy Core select walks the customers in ``sort_key`` order with their
open invoices outer-joined (no query per row). Unapplied credits (payments not applied to
invoices) are summed per customer with one grouped select up front; they reduce the
customer's balance and are shown in the Current column so the buckets add up to the total.

Amounts are the invoices' current ``amount_paid`` and the current payment applications:
payments are not back-dated to ``as_of`` ("open amounts as of today's records").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from sqlalchemy import ColumnElement, Integer, and_, func, or_, select
from sqlalchemy.orm import Session

from officemgr.core import models as m
from officemgr.core.services import _nodes as nodes
from officemgr.errors import ValidationError
from officemgr.reports import catalog, template
from officemgr.reports.base import (
    Cancelled,
    Progress,
    ReadSource,
    ReportInfo,
    ReportResult,
    cancel_checker,
    layout_progress,
    output_path,
)
from officemgr.reports.choices import ChosenNode, resolve_customers

TITLE = catalog.OPEN_BALANCES.name

BUCKETS = ("Current", "1–30", "31–60", "61–90", "Over 90")
BATCH = 1000  # rows fetched at a time
ROWS_PER_TABLE = 30
NO_JOB = "—"
CENTS = Decimal("0.01")

I = m.table(m.Invoice)  # noqa: E741 - the invoices table, as in the other reports' aliases
NODES = m.table(m.CustomerJob)  # unaliased: what ``nodes.descendants_of`` compares
C = NODES.alias("customer")
N = NODES.alias("node")
P = m.table(m.Payment)
PA = m.table(m.PaymentApplication)


@dataclass(frozen=True)
class OpenBalancesOptions:
    """What the report shows. The defaults: every customer with something open, today."""

    as_of: date | None = None  # None: today
    customers: tuple[int | str, ...] = ()  # ids or full names; a job limits to its subtree
    include_zero: bool = False  # customers with nothing open too (active ones)
    paper: str | None = None  # "letter" or "a4"; None: the office setting
    today: date | None = field(default=None, compare=False)  # None: the computer's today

    def checked(self) -> OpenBalancesOptions:
        """These options; ValidationError for a bad choice."""
        if self.as_of is not None and not isinstance(self.as_of, date):
            raise ValidationError("The “as of” date must be a date.", field="as_of")
        return self

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


def money_text(value: Decimal) -> str:
    """1234.5 → "1,234.50"; exact, the value being whole cents already."""
    return f"{value.quantize(CENTS):,.2f}"


def _open_conditions(as_of: date, chosen: Sequence[ChosenNode]) -> list[ColumnElement[bool]]:
    """The invoices the report lists: not void, something owed, dated on or before as_of."""
    where: list[ColumnElement[bool]] = [
        I.c.status != "void",
        I.c.total.cast(Integer) > I.c.amount_paid.cast(Integer),
        I.c.invoice_date <= as_of,
    ]
    if chosen:
        whole = [node.id for node in chosen if node.parent_id is None]
        picks: list[ColumnElement[bool]] = [I.c.customer_id.in_(whole)] if whole else []
        jobs = [node for node in chosen if node.parent_id is not None]
        if jobs:
            # A chosen job limits its customer's invoices to the job and its sub-jobs.
            in_jobs = select(NODES.c.id).where(
                or_(*(or_(NODES.c.id == j.id, nodes.descendants_of(j.full_name_key)) for j in jobs))
            )
            picks.append(I.c.node_id.in_(in_jobs))
        where.append(or_(*picks))
    return where


def _chosen_customer_ids(session: Session, chosen: Sequence[ChosenNode]) -> list[int]:
    ids = [node.id for node in chosen]
    rows = session.execute(select(N.c.customer_id).where(N.c.id.in_(ids)))
    return sorted({int(customer_id) for (customer_id,) in rows})


def _unapplied_credits(session: Session, customer_ids: Sequence[int]) -> dict[int, Decimal]:
    """Per customer, the non-void payments' amounts not applied to any invoice."""
    applied = (
        select(PA.c.payment_id, func.sum(PA.c.amount.cast(Integer)).label("cents"))
        .group_by(PA.c.payment_id)
        .subquery()
    )
    unapplied = func.sum(P.c.amount.cast(Integer) - func.coalesce(applied.c.cents, 0))
    stmt = (
        select(P.c.customer_id, unapplied)
        .select_from(P.outerjoin(applied, applied.c.payment_id == P.c.id))
        .where(P.c.is_void.is_(False))
        .group_by(P.c.customer_id)
        .having(unapplied > 0)
    )
    if customer_ids:
        stmt = stmt.where(P.c.customer_id.in_(customer_ids))
    return {int(cid): Decimal(int(cents)) * CENTS for cid, cents in session.execute(stmt)}


def _filters_text(as_of: date, chosen: Sequence[ChosenNode], include_zero: bool) -> str:
    if chosen:
        who = "; ".join(n.full_name for n in chosen[:10])
        if len(chosen) > 10:
            who += f"; and {len(chosen) - 10:,} more"
    else:
        who = "all"
    parts = [
        f"As of {as_of:%Y-%m-%d}",
        f"Customers: {who}",
        "Zero balances: " + ("shown" if include_zero else "left out"),
        "Open amounts as of today's records (payments are not back-dated)",
    ]
    return " · ".join(parts)


# --------------------------------------------------------------------------- layout

_COLUMNS = (
    ("Job", 0.25),
    ("Invoice", 0.07),
    ("Date", 0.08),
    ("Due", 0.08),
    *((name, 0.08) for name in BUCKETS),
    ("Total", 0.12),
)
_FIRST_MONEY = 4
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

    def cells(self) -> list[str]:
        return [money_text(amount) for amount in self.buckets] + [money_text(self.total)]


class _Layout:
    def __init__(self, width: float) -> None:
        self.widths = [width * share for _, share in _COLUMNS]
        self.cell = template.style("cell")
        self.customer = template.style(
            "customer", size=8.5, bold=True, spaceBefore=7, spaceAfter=2, keepWithNext=1
        )
        self.total = template.style("total", size=9, bold=True, spaceBefore=10)
        self.sum_label = template.style("sum", bold=True)
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

    def job_cell(self, row: Any) -> str | Paragraph:
        if row.node_id == row.customer_id or not row.node_full_name:
            return NO_JOB
        job = template.clean(row.node_full_name[len(row.customer_name) + 1 :])
        return Paragraph(template.markup(job), self.cell)

    def invoice_row(self, row: Any, column: int, amount: Decimal) -> list[Any]:
        money: list[Any] = [BLANK] * len(BUCKETS)
        money[column] = money_text(amount)
        return [
            self.job_cell(row),
            str(row.number),
            f"{row.invoice_date:%Y-%m-%d}",
            f"{row.due_date:%Y-%m-%d}",
            *money,
            money_text(amount),
        ]

    def credit_row(self, credit: Decimal) -> list[Any]:
        money: list[Any] = [BLANK] * len(BUCKETS)
        money[0] = money_text(-credit)
        return ["Unapplied credit", BLANK, BLANK, BLANK, *money, money_text(-credit)]

    def sum_row(self, label: str, totals: _Totals) -> list[Any]:
        name = Paragraph(template.markup(label), self.sum_label)
        return [name, BLANK, BLANK, BLANK, *totals.cells()]


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

    story: list[Flowable] = []
    grand = _Totals()
    with source.read() as session:
        company_name, paper = template.office_heading(session, options.paper)
        layout = _Layout(template.frame_width(paper))
        chosen = resolve_customers(session, options.customers)
        customer_ids = _chosen_customer_ids(session, chosen) if chosen else []
        credits = _unapplied_credits(session, customer_ids)
        open_where = _open_conditions(as_of, chosen)
        total = int(
            session.execute(select(func.count()).select_from(I).where(*open_where)).scalar() or 0
        )

        where: list[ColumnElement[bool]] = [C.c.parent_id.is_(None)]
        if customer_ids:
            where.append(C.c.id.in_(customer_ids))
        if options.include_zero:
            # Every active customer; an inactive one only when it owes or is owed.
            where.append(
                or_(C.c.is_active.is_(True), I.c.id.is_not(None), C.c.id.in_(list(credits)))
            )
        else:
            where.append(or_(I.c.id.is_not(None), C.c.id.in_(list(credits))))
        joined = C.outerjoin(I, and_(I.c.customer_id == C.c.id, *open_where)).outerjoin(
            N, N.c.id == I.c.node_id
        )
        stmt = (
            select(
                C.c.id.label("customer_id"),
                C.c.full_name.label("customer_name"),
                I.c.id.label("invoice_id"),
                I.c.number,
                I.c.node_id,
                I.c.invoice_date,
                I.c.due_date,
                I.c.total,
                I.c.amount_paid,
                N.c.full_name.label("node_full_name"),
            )
            .select_from(joined)
            .where(*where)
            .order_by(C.c.sort_key, C.c.id, I.c.due_date, I.c.number)
            .execution_options(yield_per=BATCH)
        )

        rows: list[list[Any]] = []
        customer: Any = None
        sums = _Totals()
        customers_listed = done = 0

        def flush_rows() -> None:
            if rows:
                story.append(layout.table(rows.copy()))
                rows.clear()

        def close_customer() -> None:
            if customer is None:
                return
            credit = credits.get(customer.customer_id)
            if credit:
                rows.append(layout.credit_row(credit))
                sums.add(0, -credit)
            flush_rows()
            label = f"Total {template.clean(customer.customer_name)}"
            story.append(layout.table([layout.sum_row(label, sums)], sums=True))
            grand.merge(sums)

        for batch in session.execute(stmt).partitions():
            check_cancel()
            for row in batch:
                if customer is None or row.customer_id != customer.customer_id:
                    close_customer()
                    customer, sums = row, _Totals()
                    customers_listed += 1
                    story.append(Paragraph(template.markup(row.customer_name), layout.customer))
                if row.invoice_id is None:
                    continue
                amount = row.total - row.amount_paid
                column = bucket((as_of - row.due_date).days)
                sums.add(column, amount)
                rows.append(layout.invoice_row(row, column, amount))
                done += 1
                if len(rows) >= ROWS_PER_TABLE:
                    flush_rows()
            if progress is not None:
                progress(done, 2 * total)
        close_customer()
        filters = _filters_text(as_of, chosen, options.include_zero)

    if customers_listed == 0:
        story.append(Paragraph("No customer has an open balance for these choices.", layout.total))
    else:
        story.append(layout.table([layout.sum_row("Grand total", grand)], sums=True))
        summary = (
            f"{template.plural(total, 'open invoice', 'open invoices')} for "
            f"{template.plural(customers_listed, 'customer', 'customers')}"
        )
        story.append(Paragraph(summary, layout.total))

    after_page = layout_progress(check_cancel, progress, total)

    header = template.PageHeader(
        company_name=company_name,
        title=TITLE,
        filters=filters,
        made=datetime.now(),
        columns=[(name, w) for (name, _), w in zip(_COLUMNS, layout.widths, strict=True)],
        right_aligned=frozenset((*BUCKETS, "Total")),
    )
    pages = template.build(out, story, header=header, paper=paper, after_page=after_page)
    if progress is not None:
        progress(2 * total, 2 * total)
    return ReportResult(path=out, entries=total, pages=pages)


INFO = ReportInfo.of(catalog.OPEN_BALANCES, options_type=OpenBalancesOptions, render=render)
