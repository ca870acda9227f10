"""Table models of the Work Order tab: editable job lines, and the list of stops.

`LinesModel` edits in place: a committed cell is handed to a ``save(record, field, text)``
callable (the service call) at once. A value the service refuses stays in its cell as
typed, marked, and `failed` says why, so nothing typed disappears.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from officemgr.core.records import StopRecord
from officemgr.errors import OfficeMgrError, ValidationError
from officemgr.ui.formatting import (
    MONEY_PLACES,
    QUANTITY_PLACES,
    NumberTextError,
    edit_number,
    format_money,
    format_quantity,
    format_rate,
    read_number,
)
from officemgr.ui.models.record_table import RecordTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
REFUSED_BACKGROUND = QColor(255, 224, 224)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

Saver = Callable[[Any, str, Any], Any]  # (record, field, value) -> the saved record

# How each kind of column is read from what is typed: (decimal places kept, money?)
_NUMBER_KINDS = {"number": QUANTITY_PLACES, "rate": QUANTITY_PLACES, "money": MONEY_PLACES}


@dataclass(frozen=True)
class LineColumn:
    """A column of a lines table: the record field, its header, how it shows, its width."""

    field: str
    header: str
    kind: str = "text"  # text | number | rate (money to four decimals) | money
    width: int = 100
    editable: bool = True
    stretch: bool = False  # takes the room left (the last column does when none does)


class LinesModel(RecordTableModel):
    """Rows of job lines (services, inventory, figure lines), edited cell by cell."""

    failed = Signal(str)  # the service's message about a refused value
    saved = Signal(object)  # the record as saved
    stale = Signal(str)  # a save refused because the line changed elsewhere (why)

    def __init__(self, columns: Sequence[LineColumn], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.column_count = len(self.columns)
        self.saver: Saver | None = None
        self._refused: dict[tuple[int, str], tuple[str, str]] = {}  # (id, field) -> text, why

    def set_records(self, records: Sequence[Any]) -> None:
        self._refused.clear()
        super().set_records(records)

    def column_of(self, field: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.field == field)

    def refused(self) -> dict[tuple[int, str], str]:
        """Cells holding typed text the service refused: (line id, field) -> the text."""
        return {key: text for key, (text, _why) in self._refused.items()}

    def _shown(self, record: Any, column: LineColumn) -> str:
        value = getattr(record, column.field)
        if column.kind == "money":
            return format_money(value)
        if column.kind == "rate":
            return format_rate(value)
        if column.kind == "number":
            return format_quantity(value)
        return "" if value is None else str(value)

    def _edited(self, record: Any, column: LineColumn) -> str:
        value = getattr(record, column.field)
        if column.kind in ("money", "rate"):
            return edit_number(value if value is not None else Decimal(0), places=2)
        if column.kind == "number":
            return edit_number(value)
        return self._shown(record, column)

    def _value(self, column: LineColumn, text: str) -> Any:
        """What the service gets for ``text``: a Decimal read in the office's way of
        writing numbers (None when blank) for number columns, the text for the others."""
        places = _NUMBER_KINDS.get(column.kind)
        if places is None:
            return text
        return read_number(text, what=column.header, places=places)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = self.columns[index.column()]
        refused = self._refused.get((record.id, column.field))
        if role == RECORD_ROLE:
            return record
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if refused is not None:
                return refused[0]
            if role == Qt.ItemDataRole.EditRole:
                return self._edited(record, column)
            return self._shown(record, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind != "text":
            return RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and refused is not None:
            return QBrush(REFUSED_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            if refused is not None:
                return f"Not saved: {refused[1]}"
            return None if column.editable else "Worked out from quantity × rate"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.columns[index.column()].editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind != "text":
            return RIGHT
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.saver is None:
            return False
        record = self._rows[index.row()]
        column = self.columns[index.column()]
        text = "" if value is None else str(value)
        key = (record.id, column.field)
        if key not in self._refused and text == self._edited(record, column):
            return False  # committed unchanged: nothing to save
        try:
            fresh = self.saver(record, column.field, self._value(column, text))
        except (ValidationError, NumberTextError) as error:
            message = error.message if isinstance(error, ValidationError) else str(error)
            self._refused[key] = (text, message)
            self._row_changed(index.row())
            self.failed.emit(message)
            return False
        except OfficeMgrError as error:  # changed or removed elsewhere: read it again
            self.stale.emit(str(error))
            return False
        self._refused.pop(key, None)
        self._rows[index.row()] = fresh
        self._row_changed(index.row())
        self.saved.emit(fresh)
        return True

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.column_count - 1))


# ------------------------------------------------------------------------------ stops

STOP_KIND_NAMES = {"pickup": "Pickup", "delivery": "Delivery", "extra": "Extra stop"}


class StopColumn(IntEnum):
    NUMBER = 0
    KIND = 1
    ADDRESS = 2
    ACCESS = 3
    NOTES = 4


STOP_HEADERS = {
    StopColumn.NUMBER: "#",
    StopColumn.KIND: "Kind",
    StopColumn.ADDRESS: "Address",
    StopColumn.ACCESS: "Access",
    StopColumn.NOTES: "Notes",
}


def access_text(stop: StopRecord) -> str:
    """What the crew must know, like "Floor 3 · 2 flights · elevator · parking 40 ft"."""
    parts = []
    if stop.floor:
        parts.append(f"Floor {stop.floor}")
    if stop.stairs:
        parts.append("1 flight" if stop.stairs == 1 else f"{stop.stairs} flights")
    if stop.has_elevator:
        parts.append("elevator")
    if stop.parking_distance:
        parts.append(f"parking {stop.parking_distance}")
    return " · ".join(parts)


class StopsModel(RecordTableModel):
    """The stops of a job in route order (read-only; the stop dialog edits one)."""

    column_count = len(StopColumn)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        stop: StopRecord = self._rows[index.row()]
        column = StopColumn(index.column())
        if role == RECORD_ROLE:
            return stop
        if role == Qt.ItemDataRole.DisplayRole:
            if column == StopColumn.NUMBER:
                return str(index.row() + 1)
            if column == StopColumn.KIND:
                return STOP_KIND_NAMES.get(stop.kind, stop.kind)
            if column == StopColumn.ADDRESS:
                return stop.name
            if column == StopColumn.ACCESS:
                return access_text(stop)
            return (stop.notes or "").split("\n", 1)[0]
        if role == Qt.ItemDataRole.ToolTipRole and column == StopColumn.NOTES:
            return stop.notes or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == StopColumn.NUMBER:
            return RIGHT
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return STOP_HEADERS[StopColumn(section)]
        return None
