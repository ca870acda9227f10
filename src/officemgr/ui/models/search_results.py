"""The quick filter's results: a flat list of full names with their badges and balance.

It speaks the tree model's columns and roles (``Column``, ``Role``), so the same
``BadgeDelegate`` paints both and the window reads a row the same way from either.
The rows are the ``NodeSummary`` records ``co.customers.search`` returns (at most a few
hundred): a plain list is enough, nothing is fetched lazily.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from officemgr.core.records import NodeSummary
from officemgr.ui.models.customer_job_tree import (
    BADGE_TEXT,
    COLUMN_COUNT,
    Column,
    cell_data,
    header_data,
)

AnyIndex = QModelIndex | QPersistentModelIndex


def summary_badges(row: NodeSummary) -> tuple[str, ...]:
    """The badges a search result shows (the tree's keys, in the tree's order)."""
    flags = (
        ("hold", row.credit_hold),
        ("popup-note", row.has_popup_notes),
        ("prospect", row.is_prospect),
    )
    return tuple(key for key, shown in flags if shown)


def summary_tooltip(row: NodeSummary) -> str:
    lines = [row.full_name, "Customer" if row.kind == "customer" else "Job"]
    lines += [BADGE_TEXT[key] for key in summary_badges(row)]
    if not row.is_active:
        lines.append("Inactive")
    return "\n".join(lines)


class SearchResultsModel(QAbstractTableModel):
    """Search results in the order the search returned them (by full name)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[NodeSummary] = []

    def set_rows(self, rows: Sequence[NodeSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def rows(self) -> list[NodeSummary]:
        return list(self._rows)

    def row_at(self, index: AnyIndex) -> NodeSummary | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def index_for_id(self, node_id: int) -> QModelIndex:
        for number, row in enumerate(self._rows):
            if row.id == node_id:
                return self.index(number, Column.NAME)
        return QModelIndex()

    # -- QAbstractTableModel --------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        return cell_data(
            row,
            index.column(),
            role,
            name=row.full_name,
            tooltip=summary_tooltip,
            badges=summary_badges,
        )

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        return header_data(section, orientation, role)
