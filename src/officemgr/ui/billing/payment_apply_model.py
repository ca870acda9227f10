"""The open invoices a payment can pay, with the amount applied to each (editable).

Typing the payment's amount spreads it over the invoices oldest due first; any Apply cell
can then be changed by hand. Applied amounts stay text until saved, like invoice lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
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

from officemgr.core.records import InvoiceRecord
from officemgr.ui.customers.account_model import below
from officemgr.ui.customers.fields import COLOURS
from officemgr.ui.formatting import NumberTextError, format_money, read_money

AnyIndex = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

ZERO = Decimal(0)


class Column(IntEnum):
    NUMBER = 0
    DATE = 1
    JOB = 2
    DUE = 3
    OPEN = 4
    APPLY = 5


HEADERS = {
    Column.NUMBER: "No.",
    Column.DATE: "Date",
    Column.JOB: "Job",
    Column.DUE: "Due",
    Column.OPEN: "Open",
    Column.APPLY: "Apply",
}
MONEY_COLUMNS = (Column.OPEN, Column.APPLY)


class ApplyError(ValueError):
    def __init__(self, row: int, message: str) -> None:
        super().__init__(message)
        self.row = row
        self.message = message


class PaymentApplyModel(QAbstractTableModel):
    """Rows are open invoices (oldest due first); ``applied_changed`` after each change."""

    applied_changed = Signal()

    def __init__(self, invoices: Sequence[InvoiceRecord], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._invoices = list(invoices)
        self._apply = [""] * len(self._invoices)
        self.today = date.today()

    def invoice(self, row: int) -> InvoiceRecord:
        return self._invoices[row]

    def apply_text(self, row: int) -> str:
        return self._apply[row]

    def spread(self, amount: Decimal) -> None:
        """Apply ``amount`` to the invoices oldest due first (what is left stays unapplied)."""
        left = max(amount, ZERO)
        for row, invoice in enumerate(self._invoices):
            part = min(left, invoice.open_amount)
            self._apply[row] = format_money(part) if part > 0 else ""
            left -= part
        if self._invoices:
            self.dataChanged.emit(
                self.index(0, Column.APPLY), self.index(len(self._invoices) - 1, Column.APPLY)
            )
        self.applied_changed.emit()

    def problem(self, row: int) -> str | None:
        try:
            value = read_money(self._apply[row], what="The amount to apply")
        except NumberTextError as error:
            return str(error)
        if value is not None and value < 0:
            return "The amount to apply cannot be negative."
        if value is not None and value > self._invoices[row].open_amount:
            invoice = self._invoices[row]
            return f"Invoice {invoice.number} is open for {format_money(invoice.open_amount)} only."
        return None

    def applications(self) -> dict[int, Decimal]:
        """{invoice id: amount} for every invoice something is applied to; ApplyError at the
        first cell that is wrong."""
        out: dict[int, Decimal] = {}
        for row, invoice in enumerate(self._invoices):
            problem = self.problem(row)
            if problem:
                raise ApplyError(row, problem)
            value = read_money(self._apply[row])
            if value:
                out[invoice.id] = value
        return out

    def applied_total(self) -> Decimal | None:
        """The sum applied; None while a cell is wrong."""
        try:
            return sum(self.applications().values(), ZERO)
        except ApplyError:
            return None

    # -- Qt model -----------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._invoices)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and index.column() == Column.APPLY:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        invoice = self._invoices[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return {
                Column.NUMBER: str(invoice.number),
                Column.DATE: invoice.invoice_date.isoformat(),
                Column.JOB: below(invoice.node_full_name, invoice.customer_name),
                Column.DUE: invoice.due_date.isoformat(),
                Column.OPEN: format_money(invoice.open_amount),
                Column.APPLY: self._apply[index.row()],
            }[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in MONEY_COLUMNS:
            return int(RIGHT)
        if column == Column.APPLY:
            problem = self.problem(index.row())
            if role == Qt.ItemDataRole.ToolTipRole and problem:
                return problem
            if role == Qt.ItemDataRole.ForegroundRole and problem:
                return QBrush(QColor(COLOURS["error"]))
        if (
            column == Column.DUE
            and role == Qt.ItemDataRole.ForegroundRole
            and invoice.days_overdue(self.today)
        ):
            return QBrush(QColor(COLOURS["error"]))
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != Column.APPLY:
            return False
        if role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value).strip()
        try:
            parsed = read_money(text)
        except NumberTextError:
            parsed = None
        self._apply[index.row()] = format_money(parsed) if parsed is not None else text
        self.dataChanged.emit(index, index)
        self.applied_changed.emit()
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in MONEY_COLUMNS:
            return int(RIGHT)
        return None
