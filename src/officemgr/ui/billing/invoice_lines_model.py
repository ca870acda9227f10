"""The lines of an invoice being written: edited in place, kept exactly as typed.

Quantity and rate stay text until the invoice is saved, so a typo is shown (red, with a
tooltip) and never thrown away; ``lines()`` turns them into the dicts ``co.invoices``
takes, or says which cell is wrong. A rate that reads as a number is shown in the office's
way of writing rates ("89" as "89.00"), and edited as typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from officemgr.core.records import money
from officemgr.ui.customers.fields import COLOURS
from officemgr.ui.formatting import (
    NumberTextError,
    edit_number,
    format_money,
    format_rate,
    read_number,
)

AnyIndex = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class Column(IntEnum):
    DESCRIPTION = 0
    QUANTITY = 1
    RATE = 2
    AMOUNT = 3
    TAXABLE = 4


HEADERS = {
    Column.DESCRIPTION: "Description",
    Column.QUANTITY: "Qty",
    Column.RATE: "Rate",
    Column.AMOUNT: "Amount",
    Column.TAXABLE: "Taxable",
}
# The service's field names of a line, by column (its errors say "lines.2.rate").
FIELDS = {
    "description": Column.DESCRIPTION,
    "quantity": Column.QUANTITY,
    "rate": Column.RATE,
    "amount": Column.AMOUNT,
    "is_taxable": Column.TAXABLE,
}


class LineError(ValueError):
    """Line ``row`` (0-based, as shown) has a bad ``column``."""

    def __init__(self, row: int, column: Column, message: str) -> None:
        super().__init__(message)
        self.row = row
        self.column = column
        self.message = message


@dataclass
class LineRow:
    description: str = ""
    quantity: str = "1"
    rate: str = ""
    is_taxable: bool = True

    @property
    def is_blank(self) -> bool:
        return not self.description.strip() and not self.rate.strip()

    def number(self, column: Column) -> Decimal | None:
        """The quantity or rate (up to four decimals, in the office's way of writing
        numbers); None when blank; NumberTextError when it is not one."""
        if column == Column.QUANTITY:
            return read_number(self.quantity, what="The quantity")
        return read_number(self.rate, what="The rate")

    def problem(self, column: Column) -> str | None:
        try:
            self.number(column)
        except NumberTextError as error:
            return str(error)
        return None

    def shown_rate(self) -> str:
        """The rate as the office writes rates ("89" → "89.00"); as typed when it is not a
        number (it shows red, with why)."""
        try:
            rate = self.number(Column.RATE)
        except NumberTextError:
            return self.rate
        return "" if rate is None else format_rate(rate)

    def amount(self) -> Decimal | None:
        """The exact quantity × rate rounded once to the cent, as the invoice will be."""
        try:
            quantity, rate = self.number(Column.QUANTITY), self.number(Column.RATE)
        except NumberTextError:
            return None
        if quantity is None or rate is None:
            return None
        return money(quantity * rate)


class InvoiceLinesModel(QAbstractTableModel):
    """Editable lines; ``lines_changed`` after every edit (the dialog recomputes totals)."""

    lines_changed = Signal()

    def __init__(self, parent: QObject | None = None, *, taxable_default: bool = True) -> None:
        super().__init__(parent)
        self.taxable_default = taxable_default
        self._rows: list[LineRow] = []
        self._errors: dict[tuple[int, int], str] = {}  # problems the service reported

    # -- contents ----------------------------------------------------------------------

    def set_lines(self, lines: Iterable[Mapping[str, Any]]) -> None:
        """Replace every line (``suggested_lines`` dicts: description, quantity, rate, …)."""
        self._reset([self._line_row(line) for line in lines])

    def append_lines(self, lines: Iterable[Mapping[str, Any]]) -> None:
        """Add lines below the ones typed (blank rows make way; typed text stays as is)."""
        kept = [row for row in self._rows if not row.is_blank]
        self._reset(kept + [self._line_row(line) for line in lines])

    def _line_row(self, line: Mapping[str, Any]) -> LineRow:
        return LineRow(
            description=str(line.get("description") or ""),
            quantity=edit_number(Decimal(line.get("quantity", 1))),
            rate=edit_number(Decimal(line.get("rate", 0)), places=2),
            is_taxable=bool(line.get("is_taxable", self.taxable_default)),
        )

    def _reset(self, rows: list[LineRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._errors.clear()
        self.endResetModel()
        self.lines_changed.emit()

    def add_row(self) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(LineRow(is_taxable=self.taxable_default))
        self.endInsertRows()
        self.lines_changed.emit()
        return row

    def remove_row(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        # The other lines keep what the service said of them, moved up with them.
        self._errors = {
            (r - 1 if r > row else r, c): message
            for (r, c), message in self._errors.items()
            if r != row
        }
        self.endRemoveRows()
        self.lines_changed.emit()

    def row(self, row: int) -> LineRow:
        return self._rows[row]

    def filled_rows(self) -> list[int]:
        return [i for i, row in enumerate(self._rows) if not row.is_blank]

    def lines(self) -> list[dict[str, Any]]:
        """The filled lines as ``co.invoices`` takes them; LineError at the first bad cell."""
        return [self._checked_line(index) for index in self.filled_rows()]

    def _checked_line(self, index: int) -> dict[str, Any]:
        """Line ``index`` as ``co.invoices`` takes it; LineError at its first bad cell."""
        row = self._rows[index]
        if not row.description.strip():
            raise LineError(index, Column.DESCRIPTION, "Describe what this line is for.")
        values: dict[Column, Decimal] = {}
        for column in (Column.QUANTITY, Column.RATE):
            try:
                value = row.number(column)
            except NumberTextError as error:
                raise LineError(index, column, str(error)) from None
            if value is None:
                raise LineError(index, column, f"Give the {HEADERS[column].lower()}.")
            values[column] = value
        return {
            "description": row.description.strip(),
            "quantity": values[Column.QUANTITY],
            "rate": values[Column.RATE],
            "is_taxable": row.is_taxable,
        }

    def line_problem(self, row: int) -> LineError | None:
        """What is still wrong with line ``row``, as typed or as the service said; None
        once nothing is (a blank line is never wrong: it is not sent)."""
        if self._rows[row].is_blank:
            return None
        try:
            self._checked_line(row)
        except LineError as error:
            return error
        said = sorted((c, message) for (r, c), message in self._errors.items() if r == row)
        return LineError(row, Column(said[0][0]), said[0][1]) if said else None

    def line_row(self, line_number: int) -> int:
        """The table row of the ``line_number``-th line sent (blank rows are not sent)."""
        filled = self.filled_rows()
        return filled[line_number] if 0 <= line_number < len(filled) else -1

    def set_error(self, row: int, column: Column, message: str) -> None:
        """Mark a cell the service refused (cleared by the next edit of that line)."""
        self._errors[(row, column)] = message
        index = self.index(row, column)
        self.dataChanged.emit(index, index)

    def error_at(self, row: int, column: Column) -> str | None:
        line = self._rows[row]
        if column in (Column.QUANTITY, Column.RATE):
            problem = line.problem(column)
            if problem:
                return problem
        return self._errors.get((row, column))

    # -- Qt model -----------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return base
        column = Column(index.column())
        if column == Column.AMOUNT:
            return base
        if column == Column.TAXABLE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._rows[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == Column.DESCRIPTION:
                return line.description
            if column == Column.QUANTITY:
                return line.quantity
            if column == Column.RATE:
                return line.rate if role == Qt.ItemDataRole.EditRole else line.shown_rate()
            if column == Column.AMOUNT:
                amount = line.amount()
                return "" if amount is None else format_money(amount)
            return None
        if role == Qt.ItemDataRole.CheckStateRole and column == Column.TAXABLE:
            return Qt.CheckState.Checked if line.is_taxable else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.QUANTITY,
            Column.RATE,
            Column.AMOUNT,
        ):
            return int(RIGHT)
        error = self.error_at(index.row(), column)
        if role == Qt.ItemDataRole.ToolTipRole and error:
            return error
        if role == Qt.ItemDataRole.ForegroundRole and error:
            return QBrush(QColor(COLOURS["error"]))
        if role == Qt.ItemDataRole.BackgroundRole and error:
            return QBrush(QColor("#fbe9e7"))
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        line = self._rows[index.row()]
        column = Column(index.column())
        if column == Column.TAXABLE and role == Qt.ItemDataRole.CheckStateRole:
            line.is_taxable = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole and column == Column.DESCRIPTION:
            line.description = str(value)
        elif role == Qt.ItemDataRole.EditRole and column == Column.QUANTITY:
            line.quantity = str(value).strip()
        elif role == Qt.ItemDataRole.EditRole and column == Column.RATE:
            line.rate = str(value).strip()
        else:
            return False
        for key in [k for k in self._errors if k[0] == index.row()]:
            del self._errors[key]
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(Column) - 1))
        self.lines_changed.emit()
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (
            Column.QUANTITY,
            Column.RATE,
            Column.AMOUNT,
        ):
            return int(RIGHT)
        return None
