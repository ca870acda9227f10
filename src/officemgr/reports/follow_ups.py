"""Follow-ups Due: the contact-log entries whose follow-up date falls in a period.

Grouped by the employee who logged them (entries without one last, under "No employee"),
each group by follow-up date. The period and the employee are chosen as in the Contact
Log report (`contact_log.PERIODS`, `contact_log.period_range`, `contact_log.employee_names`:
the same options, checked by the same code); the follow-up date is a day, so no time zone
enters the choice — only the entry's own date and time are shown in local time. A
follow-up before today is late by the days between. (A log entry has no "done" mark, so
every follow-up in the period is listed.)

Rows are read with one SQLAlchemy Core select, streamed in batches.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Table, TableStyle
from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from officemgr.core import models as m
from officemgr.core.numbers import NumberFormat
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
from officemgr.reports.contact_log import (
    PERIODS,
    ContactLogOptions,
    employee_names,
    period_range,
)
from officemgr.reports.story import TableStory, finish

ENTRY = catalog.FOLLOW_UPS
TITLE = ENTRY.name

BATCH = 1000  # rows fetched at a time
ROWS_PER_TABLE = 30
NO_EMPLOYEE = "No employee"
NONE = columns.BLANK  # an empty cell: drawn as nothing

E = m.table(m.ContactLogEntry)
N = m.table(m.CustomerJob)
JOINED = E.join(N, N.c.id == E.c.node_id)


@dataclass(frozen=True)
class FollowUpsOptions:
    """What the report shows. The defaults: every follow-up due this week, by employee."""

    period: str = "this_week"  # a key of contact_log.PERIODS; "custom": date_from / date_to
    date_from: date | None = None
    date_to: date | None = None
    employee: str | None = None  # as the quick filter matches: case and accents folded
    paper: str | None = None  # "letter" or "a4"; None: the office setting
    tz: tzinfo | None = field(default=None, compare=False)  # None: this computer's time zone
    today: date | None = None  # None: today in ``tz``

    def checked(self) -> FollowUpsOptions:
        """These options with dates as days; ValidationError naming the field of a bad
        choice (the Contact Log's own checks: the same options, the same sentences)."""
        log = ContactLogOptions(
            period=self.period,
            date_from=self.date_from,
            date_to=self.date_to,
            employee=self.employee,
            paper=self.paper,
            tz=self.tz,
            today=self.today,
        ).checked()
        return replace(
            self,
            date_from=log.date_from,
            date_to=log.date_to,
            paper=log.paper,
            today=log.today,
        )

    def today_date(self) -> date:
        return self.today or datetime.now(self.tz).date()

    def dates(self) -> tuple[date | None, date | None]:
        """The first and last follow-up day of the report (None: open-ended)."""
        if self.period == "custom":
            return self.date_from, self.date_to
        return period_range(self.period, self.today_date())


def days_late(follow_up_on: date, today: date) -> int | None:
    """How many days a follow-up is past (None: due today or later)."""
    late = (today - follow_up_on).days
    return late if late > 0 else None


def _conditions(
    dates: tuple[date | None, date | None], employees: list[str] | None
) -> list[ColumnElement[bool]]:
    date_from, date_to = dates
    where: list[ColumnElement[bool]] = [E.c.follow_up_on.is_not(None)]
    if date_from is not None:
        where.append(E.c.follow_up_on >= date_from)
    if date_to is not None:
        where.append(E.c.follow_up_on <= date_to)
    if employees is not None:
        where.append(E.c.employee_name.in_(employees))
    return where


def _counts(session: Session, where: list[ColumnElement[bool]]) -> dict[str | None, int]:
    """How many follow-ups each employee (None: no employee) has in the report."""
    rows = session.execute(
        select(E.c.employee_name, func.count()).where(*where).group_by(E.c.employee_name)
    )
    return {name: n for name, n in rows}


def _query(where: list[ColumnElement[bool]]) -> Select[Any]:
    """The follow-ups in the order they are printed: employee (none last), date, entry."""
    return (
        select(
            E.c.at,
            E.c.kind,
            E.c.contact_name,
            E.c.subject,
            E.c.follow_up_on,
            E.c.employee_name,
            N.c.full_name,
        )
        .select_from(JOINED)
        .where(*where)
        .order_by(
            E.c.employee_name.is_(None),
            E.c.employee_name,
            E.c.follow_up_on,
            E.c.at,
            E.c.id,
        )
        .execution_options(yield_per=BATCH)
    )


def _filters_text(options: FollowUpsOptions, dates: tuple[date | None, date | None]) -> str:
    date_from, date_to = dates
    if date_from is None and date_to is None:
        when = "all dates"
    else:
        when = f"{date_from or 'the first'} to {date_to or 'the last'}"
        if options.period != "custom":
            when += f" ({PERIODS[options.period].lower()})"
    parts = [
        f"Follow-up dates: {when}",
        f"Employee: {options.employee.strip() if options.employee else 'all'}",
        f"Days late as of {options.today_date():%Y-%m-%d}",
    ]
    return " · ".join(parts)


def _to_local(at: datetime, tz: tzinfo | None) -> datetime:
    return at.astimezone(tz) if tz is not None else at.astimezone()


# --------------------------------------------------------------------------- layout

_COLUMNS = (
    ("Follow-up", 0.0),
    ("Days late", 0.0),
    ("Customer:Job", 0.36),
    ("Contact", 0.22),
    ("Subject", 0.42),
    ("Kind", 0.0),
    ("Logged", 0.0),
)
_DAYS = 1


class _Layout:
    def __init__(self, width: float, numbers: NumberFormat) -> None:
        self.numbers = numbers
        day = max(columns.date_width(), columns.text_width("Follow-up"))
        self.widths = columns.widths(
            width,
            _COLUMNS,
            {
                "Follow-up": day,
                "Days late": columns.text_width("Days late"),
                "Kind": max(columns.text_width(kind, bold=False) for kind in m.LOG_KINDS),
                "Logged": max(columns.date_width(), columns.text_width("Logged")),
            },
        )
        self.cell = template.style("cell")
        self.group = template.group_style()
        self.total = template.style("total", size=9, bold=True, spaceBefore=10)
        self.table_style = TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), template.FONT, columns.SIZE),
                ("LEADING", (0, 0), (-1, -1), 9),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (_DAYS, 0), (_DAYS, -1), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), columns.PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), columns.PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
            ]
        )

    def table(self, rows: list[list[Any]]) -> Table:
        return Table(rows, colWidths=self.widths, style=self.table_style, hAlign="LEFT")

    def text(self, text: str | None, column: int) -> Any:
        return columns.text([text], self.widths[column], self.cell)

    def row(self, entry: Any, today: date, tz: tzinfo | None) -> list[Any]:
        late = days_late(entry.follow_up_on, today)
        return [
            f"{entry.follow_up_on:%Y-%m-%d}",
            self.numbers.quantity(Decimal(late)) if late is not None else NONE,
            self.text(entry.full_name, 2),
            self.text(entry.contact_name, 3),
            self.text(entry.subject, 4),
            entry.kind,
            f"{_to_local(entry.at, tz):%Y-%m-%d}",
        ]


def _follow_ups(n: int) -> str:
    return template.plural(n, "follow-up", "follow-ups")


TABLE_COLUMNS = (
    tables.column("employee", meaning="who logged the entry; empty for none"),
    tables.column("follow_up_on", "date"),
    tables.column("days_late", "number", "days since the follow-up date; empty if not past"),
    tables.column("customer_job", meaning="Customer:Job path of the record it was logged on"),
    tables.column("contact"),
    tables.column("subject"),
    tables.column("kind", meaning="Call In, Call Out, Email, Visit, Note, System …"),
    tables.column("logged", "datetime", "when the call, visit or note happened (local time)"),
)


def table(session: Session, options: FollowUpsOptions) -> tables.ReportTable:
    """The report's follow-ups, one row each, in the order the PDF prints them."""
    options = options.checked()
    today = options.today_date()
    where = _conditions(options.dates(), employee_names(session, options.employee))
    total = sum(_counts(session, where).values())

    def rows() -> Iterator[tuple[Any, ...]]:
        for entry in session.execute(_query(where)):
            at = _to_local(entry.at, options.tz).replace(tzinfo=None)
            yield (
                entry.employee_name, entry.follow_up_on, days_late(entry.follow_up_on, today),
                entry.full_name, entry.contact_name, entry.subject, entry.kind, at,
            )  # fmt: skip

    return tables.ReportTable(TABLE_COLUMNS, rows(), total)


def render(
    source: ReadSource,
    options: FollowUpsOptions,
    out_path: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ReportResult:
    """Write Follow-ups Due for ``options`` to the PDF ``out_path``."""
    options = options.checked()
    out = output_path(out_path)
    check_cancel = cancel_checker(cancelled)
    dates = options.dates()
    today = options.today_date()

    with source.read() as session:
        office = template.office(session, options.paper)
        layout = _Layout(office.width, office.numbers)
        where = _conditions(dates, employee_names(session, options.employee))
        counts = _counts(session, where)
        total = sum(counts.values())
        story = TableStory(lambda rows, _firsts: layout.table(rows), ROWS_PER_TABLE)
        done = 0
        group: str | None = None
        started = False
        for batch in session.execute(_query(where)).partitions():
            check_cancel()
            for entry in batch:
                if not started or entry.employee_name != group:
                    started, group = True, entry.employee_name
                    name = group if group is not None else NO_EMPLOYEE
                    after = f" — {_follow_ups(counts[group])}"
                    story.start_group(name, layout.group, after=after)
                story.add_row(layout.row(entry, today, options.tz))
            done += len(batch)
            if progress is not None:
                progress(done, 2 * total)
        story.end_groups()
        filters = _filters_text(options, dates)

    if total == 0:
        story.paragraph("No follow-ups are due for these choices.", layout.total)
    else:
        summary = f"Total: {_follow_ups(total)}"
        if None in counts:
            summary += f", {_follow_ups(counts[None])} without an employee"
        story.paragraph(summary, layout.total)

    return finish(
        out,
        story,
        office,
        title=TITLE,
        filters=filters,
        entries=total,
        columns=template.headings(_COLUMNS, layout.widths),
        right_aligned={"Days late"},
        made=datetime.now(options.tz) if options.tz else datetime.now(),
        progress=progress,
        check_cancel=check_cancel,
    )


INFO = ReportInfo.of(ENTRY, options_type=FollowUpsOptions, render=render, table=table)
