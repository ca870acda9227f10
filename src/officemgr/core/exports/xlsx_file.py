"""A table written as an Excel workbook (.xlsx) with openpyxl's write-only mode, which
streams rows to disk: amounts, numbers and dates as real cells of their kind, all text
as text (a value starting with "=" is never a formula)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from officemgr.core.exports.columns import Column, Kind
from officemgr.core.exports.tracker import Tracker
from officemgr.core.exports.values import Value, text_of

__all__ = ["MAX_CELL", "write_xlsx"]

MAX_CELL = 32_767  # characters Excel shows in a cell; a longer text is cut to this
_FORMATS: dict[Kind, str] = {
    "money": "#,##0.00",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm:ss",
}
_WIDTHS: dict[Kind, float] = {"money": 12, "number": 10, "date": 11, "datetime": 19, "yes_no": 8}


def write_xlsx(
    path: Path,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Value]],
    tracker: Tracker,
) -> None:
    """Write one worksheet called ``title``: the header (frozen) and ``rows``."""
    import openpyxl  # loaded only when a workbook is written
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(title)
    for number, column in enumerate(columns, start=1):
        width = _WIDTHS.get(column.kind, 24)
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    kinds = [column.kind for column in columns]
    try:
        sheet.append([_cell(sheet, column.key, "text", tracker) for column in columns])
        for row in rows:
            sheet.append(
                [_cell(sheet, value, kind, tracker) for value, kind in zip(row, kinds, strict=True)]
            )
    except BaseException:
        _abandon(sheet)
        raise
    book.save(path)


def _abandon(sheet: Any) -> None:
    """Close a sheet whose export stopped midway and remove the temporary file openpyxl
    streams it into, which only a save (or the program's end) would otherwise remove:
    a cancelled export must leave nothing behind, in the temp folder either."""
    sheet.close()
    writer = getattr(sheet, "_writer", None)  # openpyxl's own; absent: nothing to remove
    if writer is not None and hasattr(writer, "cleanup"):
        writer.cleanup()


def _cell(sheet: Any, value: Value, kind: Kind, tracker: Tracker) -> Any:
    """A write-only cell holding ``value`` as the column's ``kind`` says."""
    from openpyxl.cell import WriteOnlyCell

    if value is None:
        return None
    if isinstance(value, (Decimal, int, date)) and not isinstance(value, bool):
        cell = WriteOnlyCell(sheet, value=value)
        if kind in _FORMATS and isinstance(value, (Decimal, date, datetime)):
            cell.number_format = _FORMATS[kind]
        return cell
    cell = WriteOnlyCell(sheet, value=_text(text_of(value, kind), tracker))
    cell.data_type = "s"  # text as text: openpyxl would take "=…" for a formula
    return cell


def _text(text: str, tracker: Tracker) -> str:
    """``text`` as a cell can hold it: without the control characters XML cannot carry,
    and cut to `MAX_CELL` characters (with a warning)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", text)  # already composed by `text_of`
    if len(text) > MAX_CELL:
        tracker.warn(
            f"Some texts were longer than the {MAX_CELL:,} characters an Excel cell shows "
            "and were cut to that length; a CSV file keeps them whole."
        )
        text = text[:MAX_CELL]
    return text
