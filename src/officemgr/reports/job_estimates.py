"""Job Estimates vs. Actuals: each job's estimate beside its final figures.

One row per job with a Work Order estimate or final figures (every job, when asked):
the estimate total, the final total, the variance (final − estimate) and the variance as
a percent of the estimate — each as the Work Order works it out (`job_work.figure_total`,
`job_work.variance_of`, read through `jobs_by_status.job_rows`): no variance without both
an estimate and final figures, no percent without an estimate (or one of zero). Sorted by
variance, largest overrun first and jobs without a variance last, or by name; the totals
add up every listed job's estimate and final, and the variance of those that have one
(its percent is of those jobs' estimates).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Paragraph
from sqlalchemy import select
from sqlalchemy.orm import Session

from officemgr.core.inputs import as_bool, as_paper, shown
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
from officemgr.reports.choices import resolve_customers
from officemgr.reports.jobs_by_status import (
    F,
    JobChoices,
    JobRow,
    N,
    Sums,
    check_job_choices,
    choices_text,
    job_conditions,
    job_rows,
    jobs_query,
    percent_text,
)
from officemgr.reports.story import TableStory, finish

ENTRY = catalog.JOB_ESTIMATES
TITLE = ENTRY.name

SORTS: dict[str, str] = {"variance": "variance, largest overrun first", "name": "name"}
ROWS_PER_TABLE = 30
NONE = columns.BLANK  # an empty cell: drawn as nothing


@dataclass(frozen=True)
class JobEstimatesOptions:
    """What the report shows. The defaults: every active job with figures, by variance."""

    customers: tuple[int | str, ...] = ()  # ids or full names; a job with its sub-jobs
    statuses: tuple[str, ...] = ()  # a subset of core.choices.JOB_STATUSES; () all
    include_inactive: bool = False  # inactive jobs, and jobs of inactive customers, too
    include_without_figures: bool = False  # jobs with neither an estimate nor final figures
    sort: str = "variance"  # "variance" or "name"
    paper: str | None = None  # "letter" or "a4"; None: the office setting

    def checked(self) -> JobEstimatesOptions:
        """These options; ValidationError naming the field of a bad choice."""
        choices = check_job_choices(self.statuses, self.customers, self.include_inactive)
        if not isinstance(self.sort, str) or self.sort.strip().lower() not in SORTS:
            raise ValidationError(
                f"“{shown(self.sort)}” is not a sort order; use variance or name.", field="sort"
            )
        return replace(
            self,
            statuses=choices.statuses,
            customers=choices.customers,
            include_inactive=choices.include_inactive,
            include_without_figures=as_bool(
                self.include_without_figures,
                field="include_without_figures",
                label="Include jobs without figures",
            ),
            sort=self.sort.strip().lower(),
            paper=as_paper(self.paper, field="paper"),
        )

    def choices(self) -> JobChoices:
        return JobChoices(self.statuses, self.customers, self.include_inactive)


def _variance_key(pair: tuple[int, JobRow]) -> tuple[Any, ...]:
    index, job = pair
    if job.variance is None:
        return (1, Decimal(0), index)
    return (0, -job.variance, index)


def estimate_rows(
    session: Session,
    options: JobEstimatesOptions,
    check_cancel: Callable[[], None] | None = None,
) -> list[JobRow]:
    """The report's jobs, in the order it prints them (``check_cancel`` between batches)."""
    options = options.checked()
    chosen = resolve_customers(session, options.customers)
    where = job_conditions(options.choices(), chosen)
    if not options.include_without_figures:
        where.append(N.c.id.in_(select(F.c.job_id)))
    listed: list[JobRow] = []
    for batch in job_rows(session, jobs_query(where)):
        if check_cancel is not None:
            check_cancel()
        listed += batch
    if options.sort == "variance":
        listed = [job for _, job in sorted(enumerate(listed), key=_variance_key)]
    return listed


# --------------------------------------------------------------------------- layout

_COLUMNS = (
    ("Customer:Job", 0.62),
    ("Status", 0.0),
    ("Estimate", 0.0),
    ("Final", 0.0),
    ("Variance", 0.0),
    ("Variance %", 0.0),
)
_RIGHT = ("Estimate", "Final", "Variance", "Variance %")
_FIRST_MONEY = 2
PERCENT_SAMPLE = Decimal("-99999999.9")  # wider percentages wrap in their cell


class _Layout(columns.ListLayout):
    def __init__(self, width: float, numbers: NumberFormat) -> None:
        money = columns.money_width(numbers)
        fixed = {name: money for name in ("Estimate", "Final", "Variance")}
        fixed["Status"] = columns.text_width("Not Awarded", bold=False)
        self.percent_chars = len(percent_text(numbers, PERCENT_SAMPLE))
        fixed["Variance %"] = max(
            columns.text_width(percent_text(numbers, PERCENT_SAMPLE)),
            columns.text_width("Variance %"),
        )
        widths = columns.widths(width, _COLUMNS, fixed)
        super().__init__(widths, numbers, _FIRST_MONEY)

    def percent(self, percent: Decimal | None, *, bold: bool = False) -> Any:
        if percent is None:
            return NONE
        style = self.bold_figure if bold else self.figure
        text = percent_text(self.numbers, percent)
        return columns.figure(text, self.widths[5], style, sized_for=self.percent_chars)

    def row(self, job: JobRow) -> list[Any]:
        name = job.full_name if job.is_active else f"{job.full_name} (inactive)"
        return [
            self.text([name], 0),
            job.status,
            self.money(job.estimate_total if job.has_estimate else None, 2),
            self.money(job.final_total if job.has_final else None, 3),
            self.money(job.variance, 4),
            self.percent(job.variance_percent),
        ]

    def sum_row(self, label: str, sums: Sums) -> list[Any]:
        return [
            Paragraph(template.markup(label), self.sum_label),
            NONE,
            self.money(sums.estimate, 2, bold=True),
            self.money(sums.final, 3, bold=True),
            self.money(sums.variance, 4, bold=True),
            self.percent(sums.variance_percent, bold=True),
        ]


NOTE = (
    "Variance: the final figures less the estimate, for jobs that have both; its percent is "
    "of the estimate. The totals add up every listed job's estimate and final, and the "
    "variances there are; the total percent is of those jobs' estimates."
)

TABLE_COLUMNS = (
    tables.column("customer_job", meaning="Customer:Job path"),
    tables.column("status", meaning="None, Pending, Awarded, In Progress, Closed or Not Awarded"),
    tables.column("active", "yes_no"),
    tables.column("estimate_total", "money", "the estimate's lines added up; empty: no estimate"),
    tables.column("final_total", "money", "the final figures' lines added up; empty: none"),
    tables.column("variance", "money", "final − estimate; empty unless the job has both"),
    tables.column("variance_percent", "number", "of the estimate, one decimal; empty: none"),
)


def table(session: Session, options: JobEstimatesOptions) -> tables.ReportTable:
    """A row per job, in the order the PDF prints them."""
    listed = estimate_rows(session, options)

    def rows() -> Iterator[tuple[Any, ...]]:
        for job in listed:
            yield (
                job.full_name, job.status, job.is_active,
                job.estimate_total if job.has_estimate else None,
                job.final_total if job.has_final else None,
                job.variance, job.variance_percent,
            )  # fmt: skip

    return tables.ReportTable(TABLE_COLUMNS, rows(), len(listed))


def render(
    source: ReadSource,
    options: JobEstimatesOptions,
    out_path: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ReportResult:
    """Write Job Estimates vs. Actuals for ``options`` to the PDF ``out_path``."""
    options = options.checked()
    out = output_path(out_path)
    check_cancel = cancel_checker(cancelled)

    with source.read() as session:
        office = template.office(session, options.paper)
        layout = _Layout(office.width, office.numbers)
        chosen = resolve_customers(session, options.customers)
        listed = estimate_rows(session, options, check_cancel)
        filters = choices_text(options.choices(), chosen)

    entries = len(listed)
    if progress is not None:
        progress(entries, 2 * entries)  # reading done: half the work
    sums = Sums()
    story = TableStory(lambda rows, _firsts: layout.table(rows), ROWS_PER_TABLE)
    for job in listed:
        sums.add(job)
        story.add_row(layout.row(job))
    if entries == 0:
        story.paragraph("No jobs match these choices.", layout.total)
    else:
        label = f"Total: {template.plural(entries, 'job', 'jobs')}"
        story.add(layout.table([layout.sum_row(label, sums)], sums=True))
        story.paragraph(NOTE, template.style("note", textColor=colors.dimgrey, spaceBefore=4))
    without = "listed" if options.include_without_figures else "left out"
    filters += [f"Jobs without figures: {without}", f"Sorted by {SORTS[options.sort]}"]

    return finish(
        out,
        story,
        office,
        title=TITLE,
        filters=" · ".join(filters),
        entries=entries,
        columns=template.headings(_COLUMNS, layout.widths),
        right_aligned=_RIGHT,
        progress=progress,
        check_cancel=check_cancel,
    )


INFO = ReportInfo.of(ENTRY, options_type=JobEstimatesOptions, render=render, table=table)
