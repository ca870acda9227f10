"""A report as a table: the rows its PDF is made of, written as CSV or an Excel workbook.

Each report module has a ``table(session, options)`` that reads its rows with the same
queries its ``render`` uses (so the PDF and the exports list the same entries), one row
per entry with the group it is printed under as a column of its own. The writers are the
exports' own (`core.exports`): UTF-8 CSV with a byte-order mark; .xlsx with amounts and
dates as real cells, number formats and a frozen header row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy.orm import Session

from officemgr.core.exports.columns import Column, Kind
from officemgr.core.exports.tracker import ExportCancelled, Tracker
from officemgr.core.exports.values import Value
from officemgr.core.inputs import shown
from officemgr.core.outputs import written_beside
from officemgr.errors import ValidationError
from officemgr.reports.base import (
    Cancelled,
    Progress,
    ReadSource,
    ReportCancelled,
    ReportResult,
    output_path,
)

TableFormat = Literal["csv", "xlsx"]
FORMATS: tuple[str, ...] = ("pdf", "csv", "xlsx")
XLSX_TITLE_MAX = 31  # characters Excel takes in a worksheet's name
# "A/R Aging" -> "A-R Aging"; the other characters Excel refuses become spaces.
_NOT_IN_A_SHEET_NAME = str.maketrans({"/": "-", **{c: " " for c in "\\?*[]:"}})


def sheet_title(name: str) -> str:
    """``name`` as Excel takes a worksheet's name: none of / \\ ? * [ ] :, 31 characters."""
    return " ".join(name.translate(_NOT_IN_A_SHEET_NAME).split())[:XLSX_TITLE_MAX]


@dataclass(frozen=True)
class ReportTable:
    """The columns and rows of one run of a report; ``total`` rows are coming (progress)."""

    columns: tuple[Column, ...]
    rows: Iterable[Sequence[Value]]
    total: int


TableReader = Callable[[Session, Any], ReportTable]


def column(key: str, kind: Kind = "text", meaning: str = "") -> Column:
    return Column(key=key, kind=kind, meaning=meaning)


def format_of(out: Path, fmt: Any) -> str:
    """``fmt`` ("pdf", "csv" or "xlsx"), or the one ``out``'s suffix names (else "pdf")."""
    if fmt is None:
        suffix = out.suffix.lower().lstrip(".")
        return suffix if suffix in FORMATS else "pdf"
    if not isinstance(fmt, str) or fmt.lower() not in FORMATS:
        raise ValidationError(
            f"“{shown(fmt)}” is not a report format; use {', '.join(FORMATS)}.", field="format"
        )
    return fmt.lower()


def write_table(
    source: ReadSource,
    title: str,
    read_table: TableReader,
    options: Any,
    out_path: str | Path,
    fmt: TableFormat,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ReportResult:
    """Write the rows ``read_table`` gives for ``options`` to ``out_path`` as ``fmt``:
    whole or not at all (a cancelled or failed export leaves a file already there as
    it was). ``entries`` of the result is the number of rows; ``pages`` is 0."""
    from officemgr.core.exports.csv_file import write_csv
    from officemgr.core.exports.xlsx_file import write_xlsx

    options = options.checked()
    out = output_path(out_path)
    tracker = Tracker(progress=progress, cancelled=cancelled)
    try:
        with source.read() as session, written_beside(out, what="the report") as temp:
            table = read_table(session, options)
            tracker.start(table.total)
            rows = _tracked(table.rows, tracker)
            if fmt == "csv":
                write_csv(temp, table.columns, rows)
            else:
                write_xlsx(temp, sheet_title(title), table.columns, rows, tracker)
            tracker.check()
    except ExportCancelled as stopped:
        raise ReportCancelled("The report was cancelled.") from stopped
    if progress is not None:
        progress(tracker.total, tracker.total)
    return ReportResult(path=out, entries=tracker.rows, pages=0)


def _tracked(rows: Iterable[Sequence[Value]], tracker: Tracker) -> Iterator[Sequence[Value]]:
    for count, row in enumerate(rows, start=1):
        tracker.wrote()
        if count % 500 == 0:
            tracker.read(500)
        yield row
    tracker.read(tracker.rows % 500)
