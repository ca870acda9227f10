"""When a save meets someone else's newer change to the same customer or job.

The save was refused (``ConflictError``), nothing was lost, and this dialog shows, field
by field, what the other window or desk changed (was → theirs now) next to what this one
changed (mine), with the fields both changed marked as conflicts (see `field_compare`).
The table *is* the comparison. The user then chooses:

- **Reload Theirs**: drop my changes and show the record as it is in the file;
- **Keep Mine**: save my changed fields on top of their version (fields only they
  changed stay theirs);
- **Cancel** (also Esc, and Enter: the default): keep editing; nothing is saved.

Editors without a field-by-field view use `officemgr.ui.reload_box`.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from officemgr.ui.customers.field_compare import FieldChange

RELOAD, KEEP_MINE, CANCEL = "reload", "keep_mine", "cancel"
UNCHANGED = "(unchanged)"
EMPTY = "—"
CONFLICT_COLOUR = "#fde2e1"  # a light red: readable on the default (light) table colours


class ConflictDialog(QDialog):
    """The comparison table and the choice (``choice``: RELOAD, KEEP_MINE or CANCEL)."""

    COLUMNS = ("Field", "Was", "Theirs now", "Mine")

    def __init__(
        self,
        record_name: str,
        changes: list[FieldChange],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle("Changed by Someone Else")
        self.choice = CANCEL
        self.changes = changes
        layout = QVBoxLayout(self)
        conflicts = sum(1 for c in changes if c.conflict)
        intro = QLabel(
            f"<b>{escape(record_name)}</b> was changed in another window or at another "
            "desk after you opened it. Nothing was saved yet: your changes are still in "
            "the form.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.summary = QLabel(self._summary(conflicts), self)
        self.summary.setObjectName("conflictSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = self._comparison_table()
        layout.addWidget(self.table, 1)
        layout.addWidget(self._choices())
        self.table.setFocus()
        self.resize(720, self._height())

    def _height(self) -> int:
        """Tall enough for every row when they fit a 700-pixel screen, else scrolling."""
        rows = sum(self.table.rowHeight(row) for row in range(self.table.rowCount()))
        table = rows + self.table.horizontalHeader().sizeHint().height() + 4
        others = self.sizeHint().height() - self.table.sizeHint().height()
        return min(600, others + table)

    def _comparison_table(self) -> QTableWidget:
        table = QTableWidget(len(self.changes), len(self.COLUMNS), self)
        table.setObjectName("conflictTable")
        table.setHorizontalHeaderLabels(self.COLUMNS)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        for row, change in enumerate(self.changes):
            self._fill_row(table, row, change)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, len(self.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        return table

    def _choices(self) -> QDialogButtonBox:
        """Reload Theirs, Keep Mine and Cancel (the default)."""
        buttons = QDialogButtonBox(self)
        self.reload_button = QPushButton("&Reload Theirs", self)
        self.reload_button.setObjectName("reloadTheirsButton")
        self.reload_button.setToolTip("Drop your changes and show the record as saved now")
        self.keep_button = QPushButton("&Keep Mine", self)
        self.keep_button.setObjectName("keepMineButton")
        self.keep_button.setToolTip(
            "Save your changed fields over their version; fields only they changed stay theirs"
        )
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("conflictCancelButton")
        self.cancel_button.setToolTip("Keep editing; nothing is saved")
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.reload_button.clicked.connect(lambda: self._choose(RELOAD))
        self.keep_button.clicked.connect(lambda: self._choose(KEEP_MINE))
        self.cancel_button.clicked.connect(self.reject)
        # Either choice loses someone's typing, so Enter keeps editing (Esc does too).
        for button in (self.reload_button, self.keep_button):
            button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        return buttons

    def _summary(self, conflicts: int) -> str:
        theirs = sum(1 for c in self.changes if c.theirs is not None)
        mine = sum(1 for c in self.changes if c.mine is not None)
        parts = [f"They changed {_count(theirs)}; you changed {_count(mine)}."]
        if conflicts:
            what = "field" if conflicts == 1 else "fields"
            parts.append(
                f"{conflicts} {what} (highlighted) changed on both sides: Keep Mine "
                "replaces their value with yours."
            )
        else:
            parts.append("No field was changed on both sides.")
        if not theirs:
            parts.append("(What they changed is not on this form: a hold, contact or note.)")
        return " ".join(parts)

    def _fill_row(self, table: QTableWidget, row: int, change: FieldChange) -> None:
        texts = (
            change.label,
            change.was or EMPTY,
            UNCHANGED if change.theirs is None else (change.theirs or EMPTY),
            UNCHANGED if change.mine is None else (change.mine or EMPTY),
        )
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            # Top-aligned: a tall row (a long note) still shows its field's name.
            item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            if (column == 2 and change.theirs is None) or (column == 3 and change.mine is None):
                item.setForeground(QBrush(QColor("#6b7178")))
            if change.conflict:
                item.setBackground(QBrush(QColor(CONFLICT_COLOUR)))
                item.setForeground(QBrush(QColor("#000000")))
                if column == 0:
                    item.setText(f"{change.label} — conflict")
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
            table.setItem(row, column, item)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def ask(self) -> str:
        """Show the dialog (modal); RELOAD, KEEP_MINE or CANCEL."""
        self.exec()
        return self.choice

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def rows(self) -> list[tuple[str, ...]]:
        """The table's text, row by row (what the user reads)."""
        return [
            tuple(self._text(r, c) for c in range(self.table.columnCount()))
            for r in range(self.table.rowCount())
        ]


def _count(n: int) -> str:
    return f"{n} field" if n == 1 else f"{n} fields"
