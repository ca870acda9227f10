"""A table model over a customer's or job's contact-log entries, newest first."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from officemgr.core.records import LogEntryRecord
from officemgr.ui.models.record_table import RecordTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    WHEN = 0
    KIND = 1
    OWNER = 2
    CONTACT = 3
    SUBJECT = 4
    EMPLOYEE = 5
    FOLLOW_UP = 6


HEADERS = {
    Column.WHEN: "Date/Time",
    Column.KIND: "Kind",
    Column.OWNER: "Customer:Job",
    Column.CONTACT: "Contact",
    Column.SUBJECT: "Subject",
    Column.EMPLOYEE: "Employee",
    Column.FOLLOW_UP: "Follow-up",
}

# Columns of names (of the record, the contact, the employee), each its own tooltip.
NAMED_COLUMNS = (Column.OWNER, Column.CONTACT, Column.EMPLOYEE)


def when_text(entry: LogEntryRecord) -> str:
    return entry.at.astimezone().strftime("%Y-%m-%d %H:%M")


class ContactLogModel(RecordTableModel):
    column_count = len(Column)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._italic = QFont()
        self._italic.setItalic(True)

    def text(self, entry: LogEntryRecord, column: Column) -> str:
        if column == Column.WHEN:
            return when_text(entry)
        if column == Column.KIND:
            return "System" if entry.is_system else entry.kind
        if column == Column.OWNER:
            return entry.node_full_name
        if column == Column.CONTACT:
            return entry.contact_name or ""
        if column == Column.SUBJECT:
            corrected = " (corrected)" if entry.revision_count else ""
            return f"{entry.subject}{corrected}"
        if column == Column.EMPLOYEE:
            return entry.employee_name or ""
        return entry.follow_up_on.isoformat() if entry.follow_up_on else ""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        column = Column(index.column())
        if role == RECORD_ROLE:
            return entry
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            # A name may be elided in its column: the tooltip has it whole.
            if column in NAMED_COLUMNS and self.text(entry, column):
                return self.text(entry, column)
            return entry.details or entry.subject
        if role == Qt.ItemDataRole.FontRole and entry.is_system:
            return self._italic
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        return None
