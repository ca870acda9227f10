"""An export from start to end: the choices checked, the list read and written beside the
target, and the file moved into place only when whole.

`plan` checks everything that can be checked without reading the company (the list, the
format, the target — never company data), so a refusal comes before any work; `export`
then streams the list inside the caller's read transaction. Cancel (``cancelled()``
turning true between two batches), a full disk or any error removes the partial file
and leaves a file already at the target as it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from officemgr.core.exports import lists, vcard_file
from officemgr.core.exports.choices import (
    LIST_NAMES,
    ExportFormat,
    ListName,
    chosen_format,
    chosen_list,
)
from officemgr.core.exports.contact_reader import contacts
from officemgr.core.exports.csv_file import write_csv
from officemgr.core.exports.iif_file import write_iif
from officemgr.core.exports.node_reader import nodes
from officemgr.core.exports.result import ExportResult
from officemgr.core.exports.tracker import Cancelled, Progress, Tracker
from officemgr.core.exports.xlsx_file import write_xlsx
from officemgr.core.outputs import checked_output, written_beside
from officemgr.errors import ValidationError

__all__ = ["ExportPlan", "export", "plan"]


@dataclass(frozen=True)
class ExportPlan:
    """What to write where, checked: see `plan`."""

    target: Path
    what: ListName
    format: ExportFormat


def plan(out: str | os.PathLike[str], *, what: object, format: object = None) -> ExportPlan:
    """The export asked for, or ValidationError (one sentence) for a list or format that
    does not exist or does not go together, or a target that is a folder, is in no
    folder, or is company data (a company file, a backup, SQLite's files beside one)."""
    if isinstance(out, bool) or not isinstance(out, (str, os.PathLike)):
        raise ValidationError("Give the name of the file to export to.", field="out")
    chosen = chosen_list(what)
    target = checked_output(out, what="an export")
    return ExportPlan(target, chosen, chosen_format(target, format, chosen))


def export(
    session: Session,
    planned: ExportPlan,
    *,
    include_inactive: bool = True,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ExportResult:
    """Write ``planned`` from ``session`` (a read transaction), streaming."""
    tracker = Tracker(progress=progress, cancelled=cancelled)
    with written_beside(planned.target, what=LIST_NAMES[planned.what]) as temp:
        _write(session, planned, temp, include_inactive, tracker)
        tracker.check()  # a Cancel after the last batch still leaves no file
    return ExportResult(
        path=planned.target,
        rows=tracker.rows,
        what=planned.what,
        format=planned.format,
        jobs=tracker.jobs,
        warnings=tuple(tracker.warnings),
    )


def _write(
    session: Session, planned: ExportPlan, temp: Path, include_inactive: bool, tracker: Tracker
) -> None:
    if planned.format == "iif":
        write_iif(temp, session, include_inactive=include_inactive, tracker=tracker)
    elif planned.format == "vcf":
        if planned.what == "customers":
            found = nodes(
                session, include_inactive=include_inactive, tracker=tracker, customers_only=True
            )
            cards = map(vcard_file.customer_card, found)
        else:
            people = contacts(session, include_inactive=include_inactive, tracker=tracker)
            cards = map(vcard_file.contact_card, people)
        tracker.rows = vcard_file.write_vcards(temp, cards)
    else:
        table = lists.table_of(
            session, planned.what, include_inactive=include_inactive, tracker=tracker
        )
        if planned.format == "csv":
            write_csv(temp, table.columns, table.rows)
        else:
            title = lists.SHEET_TITLES[planned.what]
            write_xlsx(temp, title, table.columns, table.rows, tracker)
