"""A small table model over one customer's or job's contacts (name, role, phones, email,
primary), with a role that hands back the record itself."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from officemgr.core.records import ContactRecord
from officemgr.ui.models.record_table import RecordTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
PHONE_KIND_NAMES = {
    "main": "",
    "mobile": "mobile",
    "cell": "cell",
    "work": "work",
    "home": "home",
    "alt": "alt.",
    "fax": "fax",
    "other": "other",
}


class Column(IntEnum):
    NAME = 0
    ROLE = 1
    PHONES = 2
    EMAIL = 3
    PRIMARY = 4


HEADERS = {
    Column.NAME: "Name",
    Column.ROLE: "Role",
    Column.PHONES: "Phones",
    Column.EMAIL: "Email",
    Column.PRIMARY: "Primary",
}
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1


def phones_text(contact: ContactRecord) -> str:
    parts = []
    for phone in contact.phones:
        kind = PHONE_KIND_NAMES.get(phone.kind, phone.kind)
        parts.append(f"{phone.display} ({kind})" if kind else phone.display)
    return ", ".join(parts)


class ContactsModel(RecordTableModel):
    column_count = len(Column)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        contact = self._rows[index.row()]
        column = Column(index.column())
        if role == RECORD_ROLE:
            return contact
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.NAME:
                return contact.name
            if column == Column.ROLE:
                return contact.role or ""
            if column == Column.PHONES:
                return phones_text(contact)
            if column == Column.EMAIL:
                return contact.email.address if contact.email else ""
            return "✓" if contact.is_primary else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.PRIMARY:
                return "The primary contact" if contact.is_primary else None
            warnings = [p.warning for p in contact.phones if p.warning]
            warnings += [e.warning for e in contact.emails if e.warning]
            lines = [contact.name, *(contact.notes or "").splitlines()[:3], *warnings]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.PRIMARY:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        return None
