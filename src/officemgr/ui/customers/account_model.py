"""Table models of the customer page (Account tab): its jobs, invoices and payments.

Rows are the plain records of ``co.accounts.summary``; money is right-aligned with
thousands separators, overdue invoices are red and void ones grey.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from officemgr.core.records import AccountJobRow, InvoiceRecord, PaymentRecord
from officemgr.ui.customers.fields import COLOURS
from officemgr.ui.formatting import format_money
from officemgr.ui.models.record_table import RecordTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
GREY = "#8a8f96"


def below(full_name: str, customer_name: str) -> str:
    """``"Smith, John:Furnace:Ducts"`` under ``"Smith, John"`` → ``"Furnace:Ducts"``."""
    prefix = f"{customer_name}:"
    return full_name[len(prefix) :] if full_name.startswith(prefix) else full_name


class _MoneyTable(RecordTableModel):
    """Headers, alignment and the record role shared by the three tables."""

    headers: tuple[str, ...] = ()
    money_columns: tuple[int, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.customer_name = ""
        self.today = date.today()
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_rows(self, records: Any, *, customer_name: str, today: date) -> None:
        self.customer_name = customer_name
        self.today = today
        self.set_records(records)

    def text(self, record: Any, column: int) -> str:
        raise NotImplementedError

    def style(self, record: Any, role: int) -> Any:
        """Foreground or font of a whole row (None: the view's default)."""
        return None

    def tooltip(self, record: Any) -> str | None:
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(record, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.money_columns:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(record)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            return self.style(record, role)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self.money_columns:
            return RIGHT
        return None


class JobColumn(IntEnum):
    JOB = 0
    STATUS = 1
    CREATED = 2
    BALANCE = 3


class AccountJobsModel(_MoneyTable):
    """Every job under the customer (tree order), with its own open balance."""

    column_count = len(JobColumn)
    headers = ("Job", "Status", "Created", "Balance")
    money_columns = (JobColumn.BALANCE,)

    def text(self, record: AccountJobRow, column: int) -> str:
        if column == JobColumn.JOB:
            return below(record.full_name, self.customer_name)
        if column == JobColumn.STATUS:
            return record.status or ""
        if column == JobColumn.CREATED:
            return record.created_at.astimezone().date().isoformat()
        return format_money(record.balance)

    def tooltip(self, record: AccountJobRow) -> str | None:
        text = record.full_name
        if record.balance_total != record.balance:
            text += f"\nWith its sub-jobs: {format_money(record.balance_total)}"
        if not record.is_active:
            text += "\nInactive"
        return text

    def style(self, record: AccountJobRow, role: int) -> Any:
        if record.is_active:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(GREY))
        return self._italic


class InvoiceColumn(IntEnum):
    NUMBER = 0
    DATE = 1
    JOB = 2
    DUE = 3
    TOTAL = 4
    PAID = 5
    OPEN = 6
    STATUS = 7


def invoice_status(invoice: InvoiceRecord, today: date) -> str:
    if invoice.status == "void":
        return "Void"
    days = invoice.days_overdue(today)
    if days:
        return f"Overdue {days} day{'s' if days != 1 else ''}"
    if invoice.status == "paid" or invoice.open_amount <= 0:
        return "Paid"
    if invoice.amount_paid > 0:
        return "Partly paid"
    return "Open"


class AccountInvoicesModel(_MoneyTable):
    """The invoices across the customer's jobs, newest first."""

    column_count = len(InvoiceColumn)
    headers = ("No.", "Date", "Job", "Due", "Total", "Paid", "Open", "Status")
    money_columns = (InvoiceColumn.TOTAL, InvoiceColumn.PAID, InvoiceColumn.OPEN)

    def text(self, record: InvoiceRecord, column: int) -> str:
        if column == InvoiceColumn.NUMBER:
            return str(record.number)
        if column == InvoiceColumn.DATE:
            return record.invoice_date.isoformat()
        if column == InvoiceColumn.JOB:
            return below(record.node_full_name, self.customer_name)
        if column == InvoiceColumn.DUE:
            return record.due_date.isoformat()
        if column == InvoiceColumn.TOTAL:
            return format_money(record.total)
        if column == InvoiceColumn.PAID:
            return format_money(record.amount_paid)
        if column == InvoiceColumn.OPEN:
            return format_money(record.open_amount)
        return invoice_status(record, self.today)

    def tooltip(self, record: InvoiceRecord) -> str | None:
        if record.status == "void":
            return f"Voided by {record.voided_by or '?'}: {record.void_reason or ''}"
        return f"{record.name} · {record.node_full_name}" + (
            f"\n{record.memo}" if record.memo else ""
        )

    def style(self, record: InvoiceRecord, role: int) -> Any:
        if record.status == "void":
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(GREY))
            return self._italic
        if record.days_overdue(self.today) and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(COLOURS["error"]))
        return None


class PaymentColumn(IntEnum):
    DATE = 0
    METHOD = 1
    REFERENCE = 2
    AMOUNT = 3
    UNAPPLIED = 4
    STATUS = 5


def payment_status(payment: PaymentRecord) -> str:
    if payment.is_void:
        return "Void"
    if not payment.applications:
        return "Credit"
    numbers = ", ".join(str(a.invoice_number) for a in payment.applications)
    return f"Applied to {numbers}"


class AccountPaymentsModel(_MoneyTable):
    """The payments received from the customer, newest first."""

    column_count = len(PaymentColumn)
    headers = ("Date", "Method", "Reference", "Amount", "Unapplied", "Status")
    money_columns = (PaymentColumn.AMOUNT, PaymentColumn.UNAPPLIED)

    def text(self, record: PaymentRecord, column: int) -> str:
        if column == PaymentColumn.DATE:
            return record.received_on.isoformat()
        if column == PaymentColumn.METHOD:
            return record.payment_method_name or ""
        if column == PaymentColumn.REFERENCE:
            return record.reference or ""
        if column == PaymentColumn.AMOUNT:
            return format_money(record.amount)
        if column == PaymentColumn.UNAPPLIED:
            return format_money(Decimal(0) if record.is_void else record.unapplied)
        return payment_status(record)

    def tooltip(self, record: PaymentRecord) -> str | None:
        if record.is_void:
            return f"Voided by {record.voided_by or '?'}: {record.void_reason or ''}"
        lines = [f"Received on {record.node_full_name}"]
        lines += [
            f"Invoice {a.invoice_number}: {format_money(a.amount)}" for a in record.applications
        ]
        if record.memo:
            lines.append(record.memo)
        return "\n".join(lines)

    def style(self, record: PaymentRecord, role: int) -> Any:
        if not record.is_void:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(GREY))
        return self._italic
