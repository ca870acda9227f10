"""The tables of the import wizard's preview: the problems, and the possible duplicates
with the user's choice for each.

Both are plain table models over the report's tuples (a 100,000-row file's problems are
shown without a widget per row); the duplicates' Choice column is edited in place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from officemgr.core.imports.records import Problem, RowChoice, RowOutcome

__all__ = ["CHOICE_LABELS", "ChoiceDelegate", "DuplicatesModel", "ProblemsModel"]

Index = QModelIndex | QPersistentModelIndex

# What the user may do with a row that may be an existing customer, as the preview says it.
CHOICE_LABELS: Mapping[RowChoice, str] = {
    "skip": "Skip this row",
    "fill": "Fill the existing customer's empty fields",
    "overwrite": "Overwrite the existing customer",
    "create": "Create a new customer anyway",
}


class ProblemsModel(QAbstractTableModel):
    """Line · Kind · Problem · The line as written."""

    HEADERS = ("Line", "Kind", "Problem", "The line as written")

    def __init__(self, problems: Sequence[Problem] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._problems = tuple(problems)

    def set_problems(self, problems: Sequence[Problem]) -> None:
        self.beginResetModel()
        self._problems = tuple(problems)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        problem = self._problems[index.row()]
        values = (
            str(problem.line) if problem.line else "file",
            "Error" if problem.severity == "error" else "Warning",
            problem.message,
            problem.raw,
        )
        return values[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None


class DuplicatesModel(QAbstractTableModel):
    """Line · In the file · May be · Choice (editable): the rows that may already exist."""

    HEADERS = ("Line", "In the file", "May be", "Choice")
    CHOICE = 3

    def __init__(self, default: RowChoice = "skip", parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[RowOutcome, ...] = ()
        self.default: RowChoice = default
        self.choices: dict[int, RowChoice] = {}  # line -> what the user chose

    def set_rows(self, rows: Sequence[RowOutcome]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def choice_at(self, row: int) -> RowChoice:
        return self.choices.get(self._rows[row].line, self.default)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.EditRole and index.column() == self.CHOICE:
            return self.choice_at(index.row())
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        maybe = "; ".join(f"{d.full_name} ({d.reason})" for d in row.duplicates)
        values = (str(row.line), row.full_name, maybe, CHOICE_LABELS[self.choice_at(index.row())])
        return values[index.column()]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != self.CHOICE:
            return False
        if value not in CHOICE_LABELS:
            return False
        self.choices[self._rows[index.row()].line] = value
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == self.CHOICE else base

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of `CHOICE_LABELS` for the Choice column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("duplicateChoiceCombo")
        for choice, label in CHOICE_LABELS.items():
            combo.addItem(label, choice)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
