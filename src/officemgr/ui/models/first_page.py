"""The list's first page while the company file opens: rows read by ``core.first_look``.

It shows those rows exactly as the Customer:Job tree does (the same cells, badges and
expand arrows), reads nothing and fetches nothing; the window replaces it with the tree
model once the file is open (``MainWindow.attach``), a moment after the first paint.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from officemgr.core.records import TreeRow
from officemgr.ui.models.customer_job_tree import (
    COLUMN_COUNT,
    badges_of,
    cell_data,
    describe,
    header_data,
)

AnyIndex = QModelIndex | QPersistentModelIndex

_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class FirstPageModel(QAbstractItemModel):
    """A flat, fixed page of customers shown the way the tree shows them."""

    def __init__(self, rows: Sequence[TreeRow], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = tuple(rows)

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._rows) and 0 <= column < COLUMN_COUNT):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: AnyIndex | None = None) -> Any:
        if index is None:  # QObject.parent()
            return super().parent()
        return QModelIndex()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return COLUMN_COUNT

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        # The arrows the tree will show; their jobs come with the tree.
        if not parent.isValid():
            return bool(self._rows)
        return parent.column() == 0 and self._rows[parent.row()].has_children

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        return cell_data(
            row, index.column(), role, name=row.name, tooltip=describe, badges=badges_of
        )

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        return header_data(section, orientation, role)
