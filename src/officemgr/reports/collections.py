"""Collections Report: every customer with something overdue as of a date, whom to call.

The money is Open Balances by Customer's, row for row: each customer's items are
`open_balances.customer_balances` for the same date and choices (``core.balances``'
one definition), so the **overdue** amount is the sum of what Open Balances prints in its
past-due columns (1–30 … Over 90, `open_balances.item_column`) and the **balance** is the
customer's total there, which is ``co.accounts.balance(customer, as_of=…)``. A customer is
listed when its overdue amount is above zero and its oldest overdue item is at least
``min_days`` days past due.

Beside the money: the customer's main phone, its primary contact with the contact's
phone, and its last contact-log entry (on the customer or any of its jobs; system entries
left out) — read for a batch of customers at a time, one select each, never one per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.platypus import Paragraph
from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from officemgr.core import models as m
from officemgr.core.inputs import as_int, shown
from officemgr.core.numbers import NumberFormat
from officemgr.core.tree_queries import office_region
from officemgr.core.validation import format_for_display
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
from officemgr.reports.open_balances import (
    CustomerBalance,
    OpenBalancesOptions,
    customer_balances,
    item_column,
)
from officemgr.reports.story import TableStory, finish

ENTRY = catalog.COLLECTIONS
TITLE = ENTRY.name

SORTS: dict[str, str] = {"days": "most days overdue", "amount": "largest amount overdue"}
MAX_MIN_DAYS = 100_000  # days: more than any invoice of the calendar can be late
BATCH = 1000  # customers whose phones, contacts and last entries are read at a time
ROWS_PER_TABLE = 30
MOST_DAYS = (date.max - date.min).days  # the most days an item can be overdue

N = m.table(m.CustomerJob)
P = m.table(m.Phone)
K = m.table(m.Contact)
E = m.table(m.ContactLogEntry)


@dataclass(frozen=True)
class CollectionsOptions:
    """What the report shows. The defaults: every customer overdue today, most days first."""

    as_of: date | None = None  # None: today
    customers: tuple[int | str, ...] = ()  # ids or full names; a job limits to its subtree
    min_days: int = 1  # the oldest overdue item at least this many days past due
    sort: str = "days"  # "days" (most days overdue first) or "amount" (largest first)
    paper: str | None = None  # "letter" or "a4"; None: the office setting
    today: date | None = field(default=None, compare=False)  # None: the computer's today

    def checked(self) -> CollectionsOptions:
        """These options with dates as days; ValidationError naming the field of a bad
        choice."""
        balance_options = self.balance_options().checked()  # as_of, customers, paper, today
        min_days = as_int(
            self.min_days, field="min_days", label="The days overdue", low=1, high=MAX_MIN_DAYS
        )
        if min_days is None:
            raise ValidationError(
                "Give the fewest days overdue to list, such as 1 or 30.", field="min_days"
            )
        if not isinstance(self.sort, str) or self.sort.strip().lower() not in SORTS:
            raise ValidationError(
                f"“{shown(self.sort)}” is not a sort order; use days or amount.", field="sort"
            )
        return replace(
            self,
            as_of=balance_options.as_of,
            customers=balance_options.customers,
            paper=balance_options.paper,
            today=balance_options.today,
            min_days=min_days,
            sort=self.sort.strip().lower(),
        )

    def balance_options(self) -> OpenBalancesOptions:
        """Open Balances' options for the same date and customers: its rows are ours."""
        return OpenBalancesOptions(
            as_of=self.as_of, customers=self.customers, paper=self.paper, today=self.today
        )

    def as_of_date(self) -> date:
        return self.as_of or self.today or date.today()


@dataclass(frozen=True)
class Overdue:
    """One customer of the report: its money as of the date, and whom to call."""

    customer_id: int
    customer_name: str
    overdue: Decimal  # Open Balances' past-due columns, added up
    balance: Decimal  # Open Balances' total for the customer
    days_overdue: int  # of its oldest overdue item
    oldest_due: date  # that item's due date
    phone: str | None = None  # the main phone (else the first), formatted
    contact_name: str | None = None  # the primary contact
    contact_phone: str | None = None
    last_at: datetime | None = None  # the last contact-log entry (UTC)
    last_kind: str | None = None
    last_subject: str | None = None
    last_employee: str | None = None


def overdue_of(customer: CustomerBalance, as_of: date) -> tuple[Decimal, int, date | None]:
    """What of ``customer`` is past due as of ``as_of`` — the sum of its items in Open
    Balances' past-due columns — and the days late and due date of the oldest of them."""
    past_due = [item for item in customer.items if item_column(item, as_of) > 0]
    amount = sum((item.amount for item in past_due), Decimal(0))
    owing = [item for item in past_due if item.amount > 0 and item.due_date is not None]
    if not owing:
        return amount, 0, None
    oldest = max(owing, key=lambda item: item.days_past_due(as_of))
    return amount, oldest.days_past_due(as_of), oldest.due_date


# ------------------------------------------------------------------ who to call


def _phone_text(row: Any, region: str) -> str:
    """A phone as the Customer Contact List prints it; other than a main one, its kind first."""
    if row.e164:
        text = format_for_display(row.e164, region)
        if row.extension:
            text += f" ext. {row.extension}"
    else:
        text = template.clean(row.as_typed)
        if row.extension and row.extension not in text:
            text += f" ext. {row.extension}"
    return text if row.kind == "main" else f"{str(row.kind).capitalize()}: {text}"


def _phone_order(owner: Any) -> list[Any]:
    return [owner, (P.c.kind != "main"), P.c.position, P.c.id]


def _first_phones(session: Session, owner: Any, ids: Sequence[int], region: str) -> dict[int, str]:
    """The main phone (else the first listed) of each of ``ids``, by ``owner`` column."""
    found: dict[int, str] = {}
    if not ids:
        return found
    rows = session.execute(
        select(owner.label("owner"), P.c.kind, P.c.as_typed, P.c.e164, P.c.extension)
        .where(owner.in_(list(ids)))
        .order_by(*_phone_order(owner))
    )
    for row in rows:
        if row.owner not in found:
            found[row.owner] = _phone_text(row, region)
    return found


def _primary_contacts(session: Session, ids: Sequence[int]) -> dict[int, tuple[int, str]]:
    """The primary contact (id, name) of each customer that has one (the first listed, if
    several are marked)."""
    found: dict[int, tuple[int, str]] = {}
    rows = session.execute(
        select(K.c.id, K.c.owner_id, K.c.name)
        .where(K.c.owner_id.in_(list(ids)), K.c.is_primary.is_(True))
        .order_by(K.c.owner_id, K.c.position, K.c.id)
    )
    for row in rows:
        found.setdefault(row.owner_id, (row.id, row.name))
    return found


def _last_entries_query(ids: Sequence[int]) -> Select[Any]:
    """The last contact-log entry of each customer (its jobs' included), system ones left out."""
    ranked = (
        select(
            E.c.customer_id,
            E.c.at,
            E.c.kind,
            E.c.subject,
            E.c.employee_name,
            func.row_number()
            .over(partition_by=E.c.customer_id, order_by=(E.c.at.desc(), E.c.id.desc()))
            .label("rank"),
        )
        .where(
            E.c.customer_id.in_(list(ids)),
            and_(E.c.is_system.is_(False), E.c.kind != "System"),
        )
        .subquery("ranked")
    )
    return select(ranked).where(ranked.c.rank == 1)


def _with_contacts(session: Session, rows: list[Overdue], region: str) -> list[Overdue]:
    """``rows`` with their phones, primary contacts and last entries: a select each."""
    ids = [row.customer_id for row in rows]
    phones = _first_phones(session, P.c.owner_id, ids, region)
    contacts = _primary_contacts(session, ids)
    contact_phones = _first_phones(
        session, P.c.contact_id, [contact_id for contact_id, _ in contacts.values()], region
    )
    last = {entry.customer_id: entry for entry in session.execute(_last_entries_query(ids))}
    done: list[Overdue] = []
    for row in rows:
        contact = contacts.get(row.customer_id)
        entry = last.get(row.customer_id)
        done.append(
            replace(
                row,
                phone=phones.get(row.customer_id),
                contact_name=contact[1] if contact else None,
                contact_phone=contact_phones.get(contact[0]) if contact else None,
                last_at=entry.at if entry else None,
                last_kind=entry.kind if entry else None,
                last_subject=entry.subject if entry else None,
                last_employee=entry.employee_name if entry else None,
            )
        )
    return done


def _sort_key(sort: str) -> Any:
    if sort == "amount":
        return lambda pair: (-pair[1].overdue, -pair[1].days_overdue, pair[0])
    return lambda pair: (-pair[1].days_overdue, -pair[1].overdue, pair[0])


def overdue_customers(
    session: Session,
    options: CollectionsOptions,
    check_cancel: Callable[[], None] | None = None,
) -> list[Overdue]:
    """The report's rows, in the order it prints them: the customers of Open Balances (for
    the same date and choices) with something overdue, with whom to call."""
    options = options.checked()
    as_of = options.as_of_date()
    region = office_region(session)
    listed: list[Overdue] = []
    pending: list[Overdue] = []
    seen = 0
    for customer in customer_balances(session, options.balance_options()):
        if check_cancel is not None and seen % BATCH == 0:
            check_cancel()
        seen += 1
        amount, days, oldest_due = overdue_of(customer, as_of)
        if amount <= 0 or oldest_due is None or days < options.min_days:
            continue
        pending.append(
            Overdue(
                customer_id=customer.customer_id,
                customer_name=customer.customer_name,
                overdue=amount,
                balance=customer.total,
                days_overdue=days,
                oldest_due=oldest_due,
            )
        )
        if len(pending) >= BATCH:
            listed += _with_contacts(session, pending, region)
            pending = []
    if pending:
        listed += _with_contacts(session, pending, region)
    ranked = sorted(enumerate(listed), key=_sort_key(options.sort))
    return [row for _, row in ranked]


def _filters_text(options: CollectionsOptions, chosen: Sequence[ChosenNode]) -> str:
    who = chosen_text(chosen) or "all"
    parts = [
        f"As of {options.as_of_date():%Y-%m-%d}",
        f"Customers: {who}",
        f"Oldest item at least {template.plural(options.min_days, 'day', 'days')} overdue",
        f"Sorted by {SORTS[options.sort]}",
        "Payments received after that day are not counted",
    ]
    return " · ".join(parts)


# --------------------------------------------------------------------------- layout

_COLUMNS = (
    ("Customer", 0.28),
    ("Main phone", 0.0),
    ("Primary contact", 0.32),
    ("Overdue", 0.0),
    ("Balance", 0.0),
    ("Days", 0.0),
    ("Last contact", 0.0),
    ("Kind", 0.0),
    ("Subject", 0.40),
)
PHONE_SAMPLE = "Mobile: (555) 555-5555"  # a phone of its kind, most fit on one line
_MONEY = ("Overdue", "Balance", "Days")
_FIRST_MONEY = 3
_LAST_MONEY = 5
NONE = columns.BLANK  # an empty cell: drawn as nothing


class _Layout(columns.ListLayout):
    def __init__(self, width: float, numbers: NumberFormat) -> None:
        money = columns.money_width(numbers)
        most = numbers.quantity(Decimal(MOST_DAYS))
        days = max(columns.text_width("Days"), columns.text_width(most))
        widths = columns.widths(
            width,
            _COLUMNS,
            {
                "Overdue": money,
                "Balance": money,
                "Days": days,
                "Main phone": columns.text_width(PHONE_SAMPLE, bold=False),
                "Last contact": max(columns.date_width(), columns.text_width("Last contact")),
                "Kind": max(columns.text_width(kind, bold=False) for kind in m.LOG_KINDS),
            },
        )
        super().__init__(widths, numbers, _FIRST_MONEY, _LAST_MONEY)

    def row(self, row: Overdue) -> list[Any]:
        last_day = f"{row.last_at.astimezone():%Y-%m-%d}" if row.last_at else NONE
        return [
            self.text([row.customer_name], 0),
            self.text([row.phone], 1),
            self.text([row.contact_name, row.contact_phone], 2),
            self.money(row.overdue, 3),
            self.money(row.balance, 4),
            self.numbers.quantity(Decimal(row.days_overdue)),
            last_day,
            row.last_kind or NONE,
            self.text([row.last_subject], 8),
        ]

    def sum_row(self, label: str, overdue: Decimal, balance: Decimal) -> list[Any]:
        name = Paragraph(template.markup(label), self.sum_label)
        return [
            name,
            NONE,
            NONE,
            self.money(overdue, 3, bold=True),
            self.money(balance, 4, bold=True),
            NONE,
            NONE,
            NONE,
            NONE,
        ]


TABLE_COLUMNS = (
    tables.column("customer"),
    tables.column("main_phone", meaning="the customer's main phone (else its first), formatted"),
    tables.column("primary_contact", meaning="the contact marked primary"),
    tables.column("primary_contact_phone", meaning="that contact's main phone (else its first)"),
    tables.column("overdue", "money", "Open Balances' past-due columns (1–30 … Over 90) added up"),
    tables.column("balance", "money", "everything the customer owes as of the date, credits less"),
    tables.column("days_overdue", "number", "days past due of the oldest overdue item"),
    tables.column("oldest_due_date", "date", "the due date of that item"),
    tables.column("last_contact", "datetime", "the last contact-log entry (local time)"),
    tables.column("last_contact_kind", meaning="Call In, Call Out, Email, Visit, Note …"),
    tables.column("last_contact_subject"),
    tables.column("last_contact_employee"),
)


def table(session: Session, options: CollectionsOptions) -> tables.ReportTable:
    """A row per overdue customer, in the order the PDF prints them."""
    listed = overdue_customers(session, options)

    def rows() -> Iterator[tuple[Any, ...]]:
        for row in listed:
            at = row.last_at.astimezone().replace(tzinfo=None) if row.last_at else None
            yield (
                row.customer_name, row.phone, row.contact_name, row.contact_phone,
                row.overdue, row.balance, row.days_overdue, row.oldest_due,
                at, row.last_kind, row.last_subject, row.last_employee,
            )  # fmt: skip

    return tables.ReportTable(TABLE_COLUMNS, rows(), len(listed))


def render(
    source: ReadSource,
    options: CollectionsOptions,
    out_path: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ReportResult:
    """Write the Collections Report for ``options`` to the PDF ``out_path``."""
    options = options.checked()
    out = output_path(out_path)
    check_cancel = cancel_checker(cancelled)

    with source.read() as session:
        office = template.office(session, options.paper)
        layout = _Layout(office.width, office.numbers)
        chosen = resolve_customers(session, options.customers)
        listed = overdue_customers(session, options, check_cancel)
        filters = _filters_text(options, chosen)

    entries = len(listed)
    if progress is not None:
        progress(entries, 2 * entries)  # reading done: half the work
    story = TableStory(lambda rows, _firsts: layout.table(rows), ROWS_PER_TABLE)
    overdue = balance = Decimal(0)
    for row in listed:
        overdue += row.overdue
        balance += row.balance
        story.add_row(layout.row(row))
    if entries == 0:
        story.paragraph("No customer has anything overdue for these choices.", layout.total)
    else:
        label = f"Total: {template.plural(entries, 'customer', 'customers')}"
        story.add(layout.table([layout.sum_row(label, overdue, balance)], sums=True))

    return finish(
        out,
        story,
        office,
        title=TITLE,
        filters=filters,
        entries=entries,
        columns=template.headings(_COLUMNS, layout.widths),
        right_aligned=_MONEY,
        progress=progress,
        check_cancel=check_cancel,
    )


INFO = ReportInfo.of(ENTRY, options_type=CollectionsOptions, render=render, table=table)
