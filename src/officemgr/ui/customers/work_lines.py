"""One editable table of job lines with its buttons: Add, Remove, Move Up, Move Down.

The same section serves requested services, inventory, estimate and final lines; what
differs is handed in as `LineOps` (the service calls bound to the job shown). Insert,
Delete and Ctrl+Up/Down do what the buttons do while the table has the focus.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
)

from officemgr.errors import OfficeMgrError
from officemgr.ui.customers.work_models import LineColumn, LinesModel

ERROR_STYLE = "color: #b00020;"


@dataclass(frozen=True)
class LineOps:
    """The service calls of one kind of line, for the job shown."""

    fetch: Callable[[], Sequence[Any]]
    add: Callable[[], Any]
    update: Callable[[Any, str, str], Any]  # (record, field, text) -> saved record
    remove: Callable[[Any], None]
    reorder: Callable[[list[int]], None]
    noun: str  # "service", in "Remove the service “Packing”?"
    # How a write runs: the window's operations (off the GUI thread); plainly by default.
    run: Callable[[Callable[[], Any]], Any] = lambda work: work()


class LinesSection(QObject):
    """A table of lines and its buttons; `changed` after every saved change."""

    changed = Signal()

    def __init__(
        self,
        view: QTableView,
        message: QLabel,
        buttons: dict[str, QPushButton],
        columns: Sequence[LineColumn],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.message = message
        self.buttons = buttons
        self.ops: LineOps | None = None
        self.model = LinesModel(columns, self)
        self.model.saver = self._save
        self.model.failed.connect(self._failed)
        self.model.saved.connect(lambda _record: self._saved())
        self.model.stale.connect(self._stale)
        view.setModel(self.model)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
        view.setWordWrap(False)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(not any(column.stretch for column in columns))
        for index, column in enumerate(columns):
            view.setColumnWidth(index, column.width)
            if column.stretch:
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Stretch)
        message.setStyleSheet(ERROR_STYLE)
        message.hide()
        buttons["add"].clicked.connect(self.add)
        buttons["remove"].clicked.connect(self.remove)
        buttons["up"].clicked.connect(lambda: self.move(-1))
        buttons["down"].clicked.connect(lambda: self.move(1))
        for key, slot in (
            (QKeySequence(Qt.Key.Key_Insert), self.add),
            (QKeySequence(QKeySequence.StandardKey.Delete), self.remove),
            (QKeySequence("Ctrl+Up"), lambda: self.move(-1)),
            (QKeySequence("Ctrl+Down"), lambda: self.move(1)),
        ):
            action = QAction(view)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            view.addAction(action)
        view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self._enable()

    # -- showing -------------------------------------------------------------------------

    def set_ops(self, ops: LineOps | None) -> None:
        """Bind to a job's lines (None: no job, nothing to edit)."""
        self.ops = ops
        self.clear_message()
        self.reload()

    def reload(self, *, select_id: int | None = None) -> None:
        records = list(self.ops.fetch()) if self.ops is not None else []
        self.model.set_records(records)
        row = next((i for i, r in enumerate(records) if r.id == select_id), -1)
        if row >= 0:
            column = self.view.currentIndex().column()
            self.view.setCurrentIndex(self.model.index(row, max(column, 0)))
        self._enable()

    def records(self) -> list[Any]:
        return self.model.records()

    def current(self) -> Any | None:
        return self.model.record(self.view.currentIndex().row())

    def _enable(self) -> None:
        bound = self.ops is not None
        row = self.view.currentIndex().row() if self.current() is not None else -1
        self.buttons["add"].setEnabled(bound)
        self.buttons["remove"].setEnabled(bound and row >= 0)
        self.buttons["up"].setEnabled(bound and row > 0)
        self.buttons["down"].setEnabled(bound and 0 <= row < self.model.rowCount() - 1)

    # -- messages ------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def clear_message(self) -> None:
        self.message.clear()
        self.message.hide()

    def _failed(self, text: str) -> None:
        self.show_message(f"Not saved: {text}")

    def _stale(self, text: str) -> None:
        self.show_message(text)
        # Not inside the model's setData (the view is still closing its editor).
        QTimer.singleShot(0, self._reload_kept)

    def _reload_kept(self) -> None:
        current = self.current()
        self.reload(select_id=current.id if current is not None else None)

    def _saved(self) -> None:
        if not self.model.refused():
            self.clear_message()
        self.changed.emit()

    # -- writing -------------------------------------------------------------------------

    def _save(self, record: Any, field: str, value: Any) -> Any:
        ops = self.ops
        assert ops is not None
        return ops.run(lambda: ops.update(record, field, value))

    def _try(self, action: Callable[[], Any]) -> Any:
        """Run a write; a refusal or a conflict is told under the table."""
        assert self.ops is not None
        try:
            return self.ops.run(action)
        except OfficeMgrError as error:
            self.show_message(str(error))
            self.reload()
            return None

    def add(self) -> None:
        """Add a line at the end and start typing its first column."""
        ops = self.ops
        if ops is None:
            return
        record = self._try(ops.add)
        if record is None:
            return
        self.clear_message()
        self.reload(select_id=record.id)
        index = self.model.index(self.model.rowCount() - 1, 0)
        self.view.setCurrentIndex(index)
        self.view.setFocus()
        self.view.edit(index)
        self.changed.emit()

    def remove(self) -> None:
        ops, record = self.ops, self.current()
        if ops is None or record is None:
            return
        answer = QMessageBox.question(
            self.view,
            f"Remove {ops.noun.capitalize()}",
            f"Remove the {ops.noun} “{record.name}”?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        row = self.view.currentIndex().row()

        def remove() -> bool:
            ops.remove(record)
            return True

        if self._try(remove) is None:
            return
        self.clear_message()
        self.reload()
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))
        self.changed.emit()

    def move(self, step: int) -> None:
        ops, record = self.ops, self.current()
        if ops is None or record is None:
            return
        ids = [r.id for r in self.model.records()]
        row = ids.index(record.id)
        target = row + step
        if not 0 <= target < len(ids):
            return
        ids[row], ids[target] = ids[target], ids[row]

        def reorder() -> bool:
            ops.reorder(ids)
            return True

        if self._try(reorder) is None:
            return
        self.reload(select_id=record.id)
        self.changed.emit()
