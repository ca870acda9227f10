"""Contact Log (Customer): the contact log entries of the chosen customers and dates.

Rows are read with one SQLAlchemy Core select, streamed in batches (no ORM object per
row). Date filters are days of the office's local time: ``date_from`` 00:00 up to the end
of ``date_to`` local time, converted to UTC for the query.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, Spacer
from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from officemgr.core import keys
from officemgr.core import models as m
from officemgr.core.inputs import (
    as_day,
    as_paper,
    check_ids_or_names,
    query_text,
    shown,
)
from officemgr.core.numbers import NumberFormat
from officemgr.core.tree_queries import descendants_of
from officemgr.errors import ValidationError
from officemgr.reports import catalog, fonts, tables, template
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
from officemgr.reports.grid import Bold, Cells, Columns, Grid, wrap_words
from officemgr.reports.story import TableStory, finish
from officemgr.reports.textblock import TextBlock

TITLE = catalog.CONTACT_LOG.name

PERIODS = catalog.PERIODS
SORTS: dict[str, str] = {"date": "date", "customer": "customer and job"}

BATCH = 1000  # rows fetched at a time
INLINE_CHARS = 1200  # details up to this long go in the row; longer ones below it
ROWS_PER_TABLE = 20
CELL_SIZE = 7.5  # points, the font size of a row
CELL_LEADING = 9

E = m.table(m.ContactLogEntry)
N = m.table(m.CustomerJob)
C = N.alias("customer")
JOINED = E.join(N, N.c.id == E.c.node_id).join(C, C.c.id == E.c.customer_id)


@dataclass(frozen=True)
class ContactLogOptions:
    """What the report shows. The defaults: every entry of every active customer, by date."""

    period: str = "all"  # a key of PERIODS; "custom" uses date_from / date_to
    date_from: date | None = None
    date_to: date | None = None
    customers: tuple[int | str, ...] = ()  # ids or full names ("Smith, John:Furnace"); () all
    include_jobs: bool = False  # a chosen customer's (or job's) jobs' entries too
    include_inactive: bool = False  # entries of inactive customers and jobs too
    kinds: tuple[str, ...] = ()  # a subset of LOG_KINDS; () all
    employee: str | None = None
    sort: str = "date"  # "date" or "customer"
    group_by_customer: bool = False
    paper: str | None = None  # "letter" or "a4"; None: the office setting
    tz: tzinfo | None = field(default=None, compare=False)  # None: this computer's time zone
    today: date | None = None  # None: today in ``tz``

    def checked(self) -> ContactLogOptions:
        """These options with kinds spelled as stored and dates as days; ValidationError
        for a bad choice."""
        if not isinstance(self.period, str) or self.period not in PERIODS:
            raise ValidationError(
                f"“{shown(self.period)}” is not a date filter; use one of {', '.join(PERIODS)}.",
                field="period",
            )
        if not isinstance(self.sort, str) or self.sort not in SORTS:
            raise ValidationError(
                f"“{shown(self.sort)}” is not a sort order; use date or customer.", field="sort"
            )
        date_from = as_day(self.date_from, field="date_from", label="The first date")
        date_to = as_day(self.date_to, field="date_to", label="The last date")
        today = as_day(self.today, field="today", label="Today")
        if date_from and date_to and date_from > date_to:
            raise ValidationError(
                "The first date of the report comes after its last date.", field="date_from"
            )
        if self.period != "custom" and (date_from or date_to):
            raise ValidationError(
                "Give either a period or dates from and to, not both.", field="period"
            )
        if self.tz is not None and not isinstance(self.tz, tzinfo):
            raise ValidationError("The time zone must be a time zone.", field="tz")
        if self.employee is not None:
            query_text(self.employee, field="employee", label="The employee")
        if isinstance(self.kinds, (str, bytes)) or not isinstance(self.kinds, (list, tuple)):
            raise ValidationError("Give the kinds of entry as a list.", field="kinds")
        return replace(
            self,
            date_from=date_from,
            date_to=date_to,
            today=today,
            customers=check_ids_or_names(
                self.customers, field="customers", label="customer or job"
            ),
            kinds=tuple(normalize_kind(k) for k in self.kinds),
            paper=as_paper(self.paper, field="paper"),
        )


def normalize_kind(value: str) -> str:
    """ "call-in", "CALL IN" → "Call In"; ValidationError for an unknown kind."""
    if isinstance(value, str):
        wanted = " ".join(value.replace("-", " ").replace("_", " ").split()).casefold()
        for kind in m.LOG_KINDS:
            if kind.casefold() == wanted:
                return kind
    raise ValidationError(
        f"“{shown(value)}” is not a kind of log entry; use one of {', '.join(m.LOG_KINDS)}.",
        field="kinds",
    )


def period_range(period: str, today: date) -> tuple[date | None, date | None]:
    """The first and last day (both included) of a named period; weeks start on Monday.

    "all" is (None, None); "custom" has no range of its own (ValueError).
    """
    if period == "all":
        return None, None
    if period == "today":
        return today, today
    if period in ("this_week", "last_week"):
        monday = today - timedelta(days=today.weekday())
        if period == "last_week":
            monday -= timedelta(days=7)
        return monday, monday + timedelta(days=6)
    if period in ("this_month", "last_month"):
        year, month = today.year, today.month
        if period == "last_month":
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if period in ("this_quarter", "last_quarter"):
        year, quarter = today.year, (today.month - 1) // 3
        if period == "last_quarter":
            year, quarter = (year, quarter - 1) if quarter else (year - 1, 3)
        first = date(year, quarter * 3 + 1, 1)
        last_month = quarter * 3 + 3
        return first, date(year, last_month, calendar.monthrange(year, last_month)[1])
    if period == "this_year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if period == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    if period == "last_30_days":
        return today - timedelta(days=29), today
    if period == "last_90_days":
        return today - timedelta(days=89), today
    raise ValueError(f"{period!r} has no range of its own")


def _local_midnight_utc(day: date, tz: tzinfo | None) -> datetime:
    """00:00 of ``day`` in the office's time zone (None: this computer's), as UTC."""
    start = datetime.combine(day, time.min)
    if tz is None:
        return start.astimezone(UTC)  # naive: the computer's local time, DST included
    return start.replace(tzinfo=tz).astimezone(UTC)


def _to_local(at: datetime, tz: tzinfo | None) -> datetime:
    return at.astimezone(tz) if tz is not None else at.astimezone()


def employee_names(session: Session, wanted: str | None) -> list[str] | None:
    """The employee names in the log that ``wanted`` matches, as the quick filter matches:
    case and accents folded ("emile" finds Émile's entries, "ОЛЬГА" Ольга's). None: no
    employee filter."""
    if wanted is None or not wanted.strip():
        return None
    target = keys.fold(" ".join(wanted.split()))
    names = session.execute(
        select(E.c.employee_name).where(E.c.employee_name.is_not(None)).distinct()
    ).scalars()  # from ix_contact_log_employee: one row per name
    return [name for name in names if keys.fold(" ".join(name.split())) == target]


def _conditions(
    options: ContactLogOptions,
    chosen: Sequence[ChosenNode],
    date_from: date | None,
    date_to: date | None,
    employees: list[str] | None,
) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if date_from is not None:
        where.append(E.c.at >= _local_midnight_utc(date_from, options.tz))
    if date_to is not None:
        where.append(E.c.at < _local_midnight_utc(date_to + timedelta(days=1), options.tz))
    if chosen:
        # One IN list per kind of choice: an OR per customer would pass SQLite's limit on
        # expression depth at about a thousand customers.
        picks: list[ColumnElement[bool]] = []
        if not options.include_jobs:
            picks.append(E.c.node_id.in_([node.id for node in chosen]))
        else:
            customers = [node.id for node in chosen if node.parent_id is None]
            if customers:
                picks.append(E.c.customer_id.in_(customers))
            jobs = [node for node in chosen if node.parent_id is not None]
            if jobs:
                subtrees = [descendants_of(node.full_name_key) for node in jobs]
                in_subtree = select(N.c.id).where(
                    or_(N.c.id.in_([node.id for node in jobs]), *subtrees)
                )
                picks.append(E.c.node_id.in_(in_subtree))
        where.append(or_(*picks))
    if not options.include_inactive:
        active = and_(N.c.is_active.is_(True), C.c.is_active.is_(True))
        # A customer or job chosen by name is shown even when it is inactive.
        where.append(or_(active, E.c.node_id.in_([n.id for n in chosen])) if chosen else active)
    if options.kinds:
        where.append(E.c.kind.in_(options.kinds))
    if employees is not None:
        where.append(E.c.employee_name.in_(employees))
    return where


def _filters_text(
    options: ContactLogOptions,
    chosen: Sequence[ChosenNode],
    date_from: date | None,
    date_to: date | None,
) -> str:
    if date_from is None and date_to is None:
        dates = "all dates"
    else:
        dates = f"{date_from or 'the first entry'} to {date_to or 'the last entry'}"
        if options.period != "custom":
            dates += f" ({PERIODS[options.period].lower()})"
    names = chosen_text(chosen)
    with_jobs = " with their jobs" if options.include_jobs else ""
    who = "all" if names is None else names + with_jobs
    parts = [
        f"Dates: {dates}",
        f"Customers: {who}" + ("" if options.include_inactive else " (active only)"),
        "Kinds: " + (", ".join(options.kinds) if options.kinds else "all"),
        f"Employee: {options.employee.strip() if options.employee else 'all'}",
        f"Sorted by {SORTS[options.sort]}"
        + (", grouped by customer" if options.group_by_customer else ""),
    ]
    return " · ".join(parts)


# --------------------------------------------------------------------------- layout

_COLUMNS = (
    ("Date/time", 0.085),
    ("Customer:Job", 0.17),
    ("Kind", 0.065),
    ("Contact", 0.11),
    ("Subject and details", 0.38),
    ("Employee", 0.1),
    ("Follow-up", 0.09),
)


class _Layout:
    """A row per entry, drawn as a `Grid`: plain text is written straight onto the page
    (a reportlab Table per 20 rows cost the report most of its time); text in another
    script, or to shape, is a flowable in its cell."""

    def __init__(self, width: float, tz: tzinfo | None, numbers: NumberFormat) -> None:
        self.widths = [width * share for _, share in _COLUMNS]
        self.columns = Columns(
            widths=tuple(self.widths),
            right=frozenset(),
            size=CELL_SIZE,
            leading=CELL_LEADING,
            top=2.0,
            bottom=3.0,
        )
        self.cells = Cells(self.columns, numbers)
        self.tz = tz
        self.lines_style = template.style("lines", size=CELL_SIZE, leading=CELL_LEADING)
        self.group = template.group_style()
        self.total = template.style("total", size=9, bold=True, spaceBefore=10)
        # Details too long for a row continue below it, across the width after the date.
        self.overflow = template.style("overflow", leftIndent=self.widths[0] + 2)

    def grid(self, rows: list[list[Any]]) -> Grid:
        return Grid(self.columns, rows)

    def _subject_cell(self, subject: str, details: str) -> Any:
        """The subject in bold above the details, wrapped to the column."""
        if not (fonts.is_plain(subject, True) and fonts.is_plain(details)):
            # Another script than DejaVu's: each run in its font, shaped, in bidi order.
            pieces = [(subject, True)]
            if details:
                pieces += [("\n", False), (details, False)]
            return TextBlock(pieces, self.lines_style)
        room = self.widths[4] - 2 * self.columns.pad
        lines: list[str] = [
            Bold(line) for line in wrap_words(subject, template.FONT_BOLD, CELL_SIZE, room)
        ]
        if details:
            lines += wrap_words(details, template.FONT, CELL_SIZE, room)
        return tuple(lines)

    def row(self, entry: Any) -> tuple[list[Any], list[Flowable]]:
        """The grid row of an entry, and the Paragraphs of details too long for a row."""
        local = _to_local(entry.at, self.tz)
        subject = template.clean(entry.subject)
        details = template.clean(entry.details)
        overflow: list[Flowable] = []
        inline = ""
        if details.strip():
            if len(details) <= INLINE_CHARS and details.count("\n") < 40:
                inline = details
            else:  # below the row, across the page, in Paragraphs that split across pages
                overflow = list(template.paragraphs(details, self.overflow))
        cells = self.cells
        return [
            (f"{local:%Y-%m-%d}", f"{local:%H:%M}"),
            cells.text(entry.full_name, 1),
            entry.kind,
            cells.text(entry.contact_name, 3),
            self._subject_cell(subject, inline),
            cells.text(entry.employee_name, 5),
            f"{entry.follow_up_on:%Y-%m-%d}" if entry.follow_up_on else None,
        ], overflow


def _entries(n: int) -> str:
    return template.plural(n, "entry", "entries")


def _counts(session: Session, where: list[ColumnElement[bool]]) -> dict[int, int]:
    """How many entries each customer has in the report."""
    rows = session.execute(
        select(E.c.customer_id, func.count())
        .select_from(JOINED)
        .where(*where)
        .group_by(E.c.customer_id)
    )
    return {customer_id: n for customer_id, n in rows}


def _entries_query(options: ContactLogOptions, where: list[ColumnElement[bool]]) -> Select[Any]:
    """The report's entries in the order they are printed, streamed in batches."""
    order: list[Any] = []
    if options.group_by_customer:
        order += [C.c.full_name_key, E.c.customer_id]
    if options.sort == "customer":
        order += [N.c.full_name_key, E.c.node_id]
    order += [E.c.at, E.c.id]
    return (
        select(
            E.c.at,
            E.c.kind,
            E.c.contact_name,
            E.c.subject,
            E.c.details,
            E.c.follow_up_on,
            E.c.employee_name,
            E.c.customer_id,
            N.c.full_name,
            C.c.full_name.label("customer_name"),
        )
        .select_from(JOINED)
        .where(*where)
        .order_by(*order)
        .execution_options(yield_per=BATCH)
    )


def _dates(options: ContactLogOptions) -> tuple[date | None, date | None]:
    """The first and last day of the report's period (None: open-ended)."""
    if options.period == "custom":
        return options.date_from, options.date_to
    return period_range(options.period, options.today or datetime.now(options.tz).date())


TABLE_COLUMNS = (
    tables.column("date_time", "datetime", "when the call, visit or note happened (local time)"),
    tables.column("kind", meaning="Call In, Call Out, Email, Visit, Note, System …"),
    tables.column("customer", meaning="the customer the entry is under"),
    tables.column("customer_job", meaning="Customer:Job path of the record it was logged on"),
    tables.column("contact"),
    tables.column("subject"),
    tables.column("details"),
    tables.column("follow_up_on", "date"),
    tables.column("employee"),
)


def table(session: Session, options: ContactLogOptions) -> tables.ReportTable:
    """The report's entries, one row each, in the order the PDF prints them."""
    chosen = resolve_customers(session, options.customers)
    date_from, date_to = _dates(options)
    employees = employee_names(session, options.employee)
    where = _conditions(options, chosen, date_from, date_to, employees)
    total = sum(_counts(session, where).values())

    def rows() -> Iterator[tuple[Any, ...]]:
        for entry in session.execute(_entries_query(options, where)):
            at = _to_local(entry.at, options.tz).replace(tzinfo=None)
            yield (
                at, entry.kind, entry.customer_name, entry.full_name, entry.contact_name,
                entry.subject, entry.details, entry.follow_up_on, entry.employee_name,
            )  # fmt: skip

    return tables.ReportTable(TABLE_COLUMNS, rows(), total)


def render(
    source: ReadSource,
    options: ContactLogOptions,
    out_path: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ReportResult:
    """Write the Contact Log (Customer) report for ``options`` to the PDF ``out_path``."""
    options = options.checked()
    out = output_path(out_path)
    date_from, date_to = _dates(options)
    check_cancel = cancel_checker(cancelled)

    with source.read() as session:
        office = template.office(session, options.paper)
        layout = _Layout(office.width, options.tz, office.numbers)
        chosen = resolve_customers(session, options.customers)
        employees = employee_names(session, options.employee)
        where = _conditions(options, chosen, date_from, date_to, employees)
        counts = _counts(session, where)
        total = sum(counts.values())
        story = TableStory(lambda rows, _firsts: layout.grid(rows), ROWS_PER_TABLE)
        done = 0
        group: int | None = None
        for batch in session.execute(_entries_query(options, where)).partitions():
            check_cancel()
            for entry in batch:
                if options.group_by_customer and entry.customer_id != group:
                    group = entry.customer_id
                    after = f" — {_entries(counts[group])}"
                    story.start_group(entry.customer_name, layout.group, after=after)
                cells, overflow = layout.row(entry)
                story.add_row(cells)
                if overflow:
                    story.add(*overflow, Spacer(1, 4))
            done += len(batch)
            if progress is not None:
                progress(done, 2 * total)
        story.end_groups()
        filters = _filters_text(options, chosen, date_from, date_to)

    if total == 0:
        story.paragraph("No contact log entries match these choices.", layout.total)
    else:
        summary = f"Total: {_entries(total)}"
        if options.group_by_customer:
            summary += f" for {len(counts):,} customer{'' if len(counts) == 1 else 's'}"
        story.paragraph(summary, layout.total)

    return finish(
        out,
        story,
        office,
        title=TITLE,
        filters=filters,
        entries=total,
        columns=template.headings(_COLUMNS, layout.widths),
        made=datetime.now(options.tz) if options.tz else datetime.now(),
        progress=progress,
        check_cancel=check_cancel,
    )


INFO = ReportInfo.of(
    catalog.CONTACT_LOG, options_type=ContactLogOptions, render=render, table=table
)
