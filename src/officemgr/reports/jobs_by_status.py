"""Jobs by Status: every job grouped by its status, with its dates and its figures.

Each job shows its customer and job path, foreman, start, projected end and completion
dates, and its Work Order's estimate and final totals with the variance between them —
each figure as the Work Order defines it (`job_work.figure_total`, `job_work.variance_of`:
a total is its lines' amounts added up; the variance is final − estimate, only for a job
that has both). Statuses come in the order of ``core.choices.JOB_STATUSES``, each with a
subtotal; a grand total ends the report. The variance totals add up the variances there
are (jobs with an estimate and final figures).

Jobs are read with one SQLAlchemy Core select, streamed in batches; the figure lines of
each batch with one more (never a select per job). `job_rows` is shared with the Job
Estimates vs. Actuals report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Paragraph
from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from officemgr.core import models as m
from officemgr.core.choices import JOB_STATUSES
from officemgr.core.inputs import as_bool, as_choice, as_paper, check_ids_or_names
from officemgr.core.numbers import NumberFormat
from officemgr.core.services.job_work import figure_total, variance_of
from officemgr.core.tree_queries import descendants_of
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

ENTRY = catalog.JOBS_BY_STATUS
TITLE = ENTRY.name

BATCH = 1000  # jobs fetched at a time
ROWS_PER_TABLE = 30
NONE = columns.BLANK  # an empty cell: drawn as nothing
NO_STATUS = "None"

N = m.table(m.CustomerJob)
C = N.alias("customer")
J = m.table(m.JobInfo)
EMP = m.table(m.Employee)
F = m.table(m.JobFigureLine)
STATUS = func.coalesce(J.c.status, NO_STATUS)
JOINED = (
    N.join(C, C.c.id == N.c.customer_id)
    .outerjoin(J, J.c.job_id == N.c.id)
    .outerjoin(EMP, EMP.c.id == J.c.foreman_id)
)
# Jobs right under their parent: ":" sorts below every other character.
TREE_ORDER = func.replace(N.c.full_name_key, ":", "\x01")
STATUS_ORDER = case(
    {status: index for index, status in enumerate(JOB_STATUSES)},
    value=STATUS,
    else_=len(JOB_STATUSES),
)


# ------------------------------------------------------------------ which jobs


@dataclass(frozen=True)
class JobChoices:
    """Which jobs a job report lists, checked: statuses ((): all), customers or jobs
    ((): all; a job with its sub-jobs), and whether inactive ones are listed."""

    statuses: tuple[str, ...]
    customers: tuple[int | str, ...]
    include_inactive: bool


def check_job_choices(statuses: Any, customers: Any, include_inactive: Any) -> JobChoices:
    """The job choices of a report's options, checked; ValidationError naming the field."""
    if isinstance(statuses, (str, bytes)) or not isinstance(statuses, (list, tuple)):
        raise ValidationError("Give the job statuses as a list.", field="statuses")
    chosen = {as_choice(s, JOB_STATUSES, field="statuses", label="A job status") for s in statuses}
    return JobChoices(
        statuses=tuple(s for s in JOB_STATUSES if s in chosen),
        customers=check_ids_or_names(customers, field="customers", label="customer or job"),
        include_inactive=as_bool(
            include_inactive, field="include_inactive", label="Include inactive jobs"
        ),
    )


def job_conditions(choices: JobChoices, chosen: Sequence[ChosenNode]) -> list[ColumnElement[bool]]:
    """The jobs of ``choices`` (``chosen``: its customers and jobs, resolved)."""
    where: list[ColumnElement[bool]] = [N.c.parent_id.is_not(None)]
    if choices.statuses:
        where.append(STATUS.in_(choices.statuses))
    if chosen:
        picks: list[ColumnElement[bool]] = []
        customers = [node.id for node in chosen if node.parent_id is None]
        if customers:
            picks.append(N.c.customer_id.in_(customers))
        jobs = [node for node in chosen if node.parent_id is not None]
        if jobs:
            picks.append(N.c.id.in_([node.id for node in jobs]))
            picks.extend(descendants_of(node.full_name_key) for node in jobs)
        where.append(or_(*picks))
    if not choices.include_inactive:
        active = and_(N.c.is_active.is_(True), C.c.is_active.is_(True))
        # A job chosen by name is listed even when it is inactive.
        jobs_chosen = [node.id for node in chosen if node.parent_id is not None]
        where.append(or_(active, N.c.id.in_(jobs_chosen)) if jobs_chosen else active)
    return where


def choices_text(choices: JobChoices, chosen: Sequence[ChosenNode]) -> list[str]:
    """The filter line's words for ``choices``."""
    who = chosen_text(chosen) or "all"
    statuses = ", ".join(choices.statuses) if choices.statuses else "all"
    return [
        f"Statuses: {statuses}",
        f"Customers: {who}",
        "Inactive jobs: " + ("shown" if choices.include_inactive else "left out"),
    ]


# ------------------------------------------------------------------ the rows


@dataclass(frozen=True)
class JobRow:
    """One job with its Work Order's figures, as `job_work.figures` works them out."""

    job_id: int
    full_name: str
    status: str
    foreman: str | None
    start_date: date | None
    projected_end_date: date | None
    completion_date: date | None
    is_active: bool
    estimate_total: Decimal
    final_total: Decimal
    has_estimate: bool  # the estimate has a line
    has_final: bool  # the final figures have a line
    variance: Decimal | None  # final − estimate; None without both
    variance_percent: Decimal | None  # of the estimate; None without a variance or estimate

    @property
    def has_figures(self) -> bool:
        return self.has_estimate or self.has_final


def jobs_query(where: list[ColumnElement[bool]], *order: Any) -> Select[Any]:
    """The jobs of ``where`` in ``order`` (then list order), streamed in batches."""
    return (
        select(
            N.c.id,
            N.c.full_name,
            N.c.is_active,
            STATUS.label("status"),
            EMP.c.name.label("foreman"),
            J.c.start_date,
            J.c.projected_end_date,
            J.c.completion_date,
        )
        .select_from(JOINED)
        .where(*where)
        .order_by(*order, TREE_ORDER, N.c.id)
        .execution_options(yield_per=BATCH)
    )


def count_by_status(session: Session, where: list[ColumnElement[bool]]) -> dict[str, int]:
    rows = session.execute(
        select(STATUS, func.count()).select_from(JOINED).where(*where).group_by(STATUS)
    )
    return {status: n for status, n in rows}


def _figure_amounts(session: Session, job_ids: list[int]) -> dict[tuple[int, str], list[Decimal]]:
    """The amounts of the estimate and final lines of ``job_ids``, by (job, phase)."""
    found: dict[tuple[int, str], list[Decimal]] = defaultdict(list)
    rows = session.execute(select(F.c.job_id, F.c.phase, F.c.amount).where(F.c.job_id.in_(job_ids)))
    for job_id, phase, amount in rows:
        found[(job_id, phase)].append(amount)
    return found


def _rows_of(session: Session, batch: Sequence[Any]) -> list[JobRow]:
    lines = _figure_amounts(session, [job.id for job in batch])
    rows: list[JobRow] = []
    for job in batch:
        estimate = lines.get((job.id, "estimate"), [])
        final = lines.get((job.id, "final"), [])
        estimate_total, final_total = figure_total(estimate), figure_total(final)
        variance, percent = variance_of(
            estimate_total, final_total, has_estimate=bool(estimate), has_final=bool(final)
        )
        rows.append(
            JobRow(
                job_id=job.id,
                full_name=job.full_name,
                status=job.status,
                foreman=job.foreman,
                start_date=job.start_date,
                projected_end_date=job.projected_end_date,
                completion_date=job.completion_date,
                is_active=bool(job.is_active),
                estimate_total=estimate_total,
                final_total=final_total,
                has_estimate=bool(estimate),
                has_final=bool(final),
                variance=variance,
                variance_percent=percent,
            )
        )
    return rows


def job_rows(session: Session, stmt: Select[Any]) -> Iterator[list[JobRow]]:
    """The jobs ``stmt`` (a `jobs_query`) selects, a batch at a time, with their figures."""
    for batch in session.execute(stmt).partitions():
        yield _rows_of(session, batch)


@dataclass
class Sums:
    """Estimate, final and variance totals of some jobs; the variance of those with one."""

    jobs: int = 0
    with_variance: int = 0  # jobs with an estimate and final figures
    estimate: Decimal = Decimal(0)
    final: Decimal = Decimal(0)
    variance: Decimal = Decimal(0)
    estimate_with_variance: Decimal = Decimal(0)
    final_with_variance: Decimal = Decimal(0)

    def add(self, row: JobRow) -> None:
        self.jobs += 1
        self.estimate += row.estimate_total
        self.final += row.final_total
        if row.variance is not None:
            self.with_variance += 1
            self.variance += row.variance
            self.estimate_with_variance += row.estimate_total
            self.final_with_variance += row.final_total

    def merge(self, other: Sums) -> None:
        self.jobs += other.jobs
        self.with_variance += other.with_variance
        self.estimate += other.estimate
        self.final += other.final
        self.variance += other.variance
        self.estimate_with_variance += other.estimate_with_variance
        self.final_with_variance += other.final_with_variance

    @property
    def variance_percent(self) -> Decimal | None:
        """The variance of the jobs with one, as a percent of their estimates."""
        has = self.with_variance > 0
        _, percent = variance_of(
            self.estimate_with_variance, self.final_with_variance, has_estimate=has, has_final=has
        )
        return percent


def percent_text(numbers: NumberFormat, percent: Decimal | None) -> str:
    """``12.5 %`` as the office writes numbers (one decimal); empty for None."""
    if percent is None:
        return ""
    text = numbers.quantity(percent if percent else abs(percent))  # no "-0.0 %"
    if numbers.decimal not in text:
        text += f"{numbers.decimal}0"
    return f"{text} %"


def status_label(status: str) -> str:
    return "None (no status set)" if status == NO_STATUS else status


# --------------------------------------------------------------------------- options


@dataclass(frozen=True)
class JobsByStatusOptions:
    """What the report shows. The defaults: every active job, all statuses."""

    statuses: tuple[str, ...] = ()  # a subset of core.choices.JOB_STATUSES; () all
    customers: tuple[int | str, ...] = ()  # ids or full names; a job with its sub-jobs
    include_inactive: bool = False  # inactive jobs, and jobs of inactive customers, too
    paper: str | None = None  # "letter" or "a4"; None: the office setting

    def checked(self) -> JobsByStatusOptions:
        """These options, statuses spelled as stored; ValidationError naming the field of
        a bad choice."""
        choices = check_job_choices(self.statuses, self.customers, self.include_inactive)
        return replace(
            self,
            statuses=choices.statuses,
            customers=choices.customers,
            include_inactive=choices.include_inactive,
            paper=as_paper(self.paper, field="paper"),
        )

    def choices(self) -> JobChoices:
        return JobChoices(self.statuses, self.customers, self.include_inactive)


# --------------------------------------------------------------------------- layout

_COLUMNS = (
    ("Customer:Job", 0.68),
    ("Foreman", 0.32),
    ("Start", 0.0),
    ("Projected end", 0.0),
    ("Completed", 0.0),
    ("Estimate", 0.0),
    ("Final", 0.0),
    ("Variance", 0.0),
)
_MONEY = ("Estimate", "Final", "Variance")
_FIRST_MONEY = 5


class _Layout(columns.ListLayout):
    def __init__(self, width: float, numbers: NumberFormat) -> None:
        money = columns.money_width(numbers)
        fixed = {name: money for name in _MONEY}
        for name in ("Start", "Projected end", "Completed"):
            fixed[name] = max(columns.date_width(), columns.text_width(name))
        widths = columns.widths(width, _COLUMNS, fixed)
        super().__init__(widths, numbers, _FIRST_MONEY)
        self.group = template.group_style()
        self.note = template.style("note", textColor=colors.dimgrey, spaceBefore=4)

    def row(self, job: JobRow) -> list[Any]:
        name = job.full_name if job.is_active else f"{job.full_name} (inactive)"
        return [
            self.text([name], 0),
            self.text([job.foreman], 1),
            _day(job.start_date),
            _day(job.projected_end_date),
            _day(job.completion_date),
            self.money(job.estimate_total if job.has_estimate else None, 5),
            self.money(job.final_total if job.has_final else None, 6),
            self.money(job.variance, 7),
        ]

    def sum_row(self, label: str, sums: Sums) -> list[Any]:
        return [
            Paragraph(template.markup(label), self.sum_label),
            NONE,
            NONE,
            NONE,
            NONE,
            self.money(sums.estimate, 5, bold=True),
            self.money(sums.final, 6, bold=True),
            self.money(sums.variance, 7, bold=True),
        ]


def _day(day: date | None) -> str | tuple[()]:
    return f"{day:%Y-%m-%d}" if day else NONE


def _jobs(n: int) -> str:
    return template.plural(n, "job", "jobs")


VARIANCE_NOTE = (
    "Variance: the final figures less the estimate, for jobs that have both; a total adds "
    "up those jobs' variances. Estimate and final totals are their Work Order lines added up."
)

TABLE_COLUMNS = (
    tables.column("status", meaning="None, Pending, Awarded, In Progress, Closed or Not Awarded"),
    tables.column("customer_job", meaning="Customer:Job path"),
    tables.column("active", "yes_no"),
    tables.column("foreman"),
    tables.column("start_date", "date"),
    tables.column("projected_end_date", "date"),
    tables.column("completion_date", "date"),
    tables.column("estimate_total", "money", "the estimate's lines added up; empty: no estimate"),
    tables.column("final_total", "money", "the final figures' lines added up; empty: none"),
    tables.column("variance", "money", "final − estimate; empty unless the job has both"),
)


def _stream(session: Session, options: JobsByStatusOptions) -> tuple[dict[str, int], Select[Any]]:
    chosen = resolve_customers(session, options.customers)
    where = job_conditions(options.choices(), chosen)
    return count_by_status(session, where), jobs_query(where, STATUS_ORDER)


def table(session: Session, options: JobsByStatusOptions) -> tables.ReportTable:
    """A row per job, status by status, in the order the PDF prints them."""
    options = options.checked()
    counts, stmt = _stream(session, options)

    def rows() -> Iterator[tuple[Any, ...]]:
        for batch in job_rows(session, stmt):
            for job in batch:
                yield (
                    job.status, job.full_name, job.is_active, job.foreman, job.start_date,
                    job.projected_end_date, job.completion_date,
                    job.estimate_total if job.has_estimate else None,
                    job.final_total if job.has_final else None, job.variance,
                )  # fmt: skip

    return tables.ReportTable(TABLE_COLUMNS, rows(), sum(counts.values()))


def render(
    source: ReadSource,
    options: JobsByStatusOptions,
    out_path: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ReportResult:
    """Write Jobs by Status for ``options`` to the PDF ``out_path``."""
    options = options.checked()
    out = output_path(out_path)
    check_cancel = cancel_checker(cancelled)

    grand = Sums()
    with source.read() as session:
        office = template.office(session, options.paper)
        layout = _Layout(office.width, office.numbers)
        chosen = resolve_customers(session, options.customers)
        counts, stmt = _stream(session, options)
        total = sum(counts.values())
        story = TableStory(lambda rows, _firsts: layout.table(rows), ROWS_PER_TABLE)
        status: str | None = None
        sums = Sums()
        done = 0
        for batch in job_rows(session, stmt):
            check_cancel()
            for job in batch:
                if job.status != status:
                    if status is not None:
                        story.add(
                            layout.table(
                                [layout.sum_row(f"Total {status_label(status)}", sums)], sums=True
                            )
                        )
                        grand.merge(sums)
                    status, sums = job.status, Sums()
                    after = f" — {_jobs(counts[status])}"
                    story.start_group(status_label(status), layout.group, after=after)
                sums.add(job)
                story.add_row(layout.row(job))
            done += len(batch)
            if progress is not None:
                progress(done, 2 * total)
        if status is not None:
            story.add(
                layout.table([layout.sum_row(f"Total {status_label(status)}", sums)], sums=True)
            )
            grand.merge(sums)
        story.end_groups()
        filters = " · ".join(choices_text(options.choices(), chosen))

    if total == 0:
        story.paragraph("No jobs match these choices.", layout.total)
    else:
        story.add(layout.table([layout.sum_row(f"Grand total: {_jobs(total)}", grand)], sums=True))
        story.paragraph(VARIANCE_NOTE, layout.note)

    return finish(
        out,
        story,
        office,
        title=TITLE,
        filters=filters,
        entries=total,
        columns=template.headings(_COLUMNS, layout.widths),
        right_aligned=_MONEY,
        progress=progress,
        check_cancel=check_cancel,
    )


INFO = ReportInfo.of(ENTRY, options_type=JobsByStatusOptions, render=render, table=table)
