"""The warning shown before saving a new record whose name, phone or email is taken."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from officemgr.core.keys import name_key
from officemgr.core.records import NodeSummary
from officemgr.ui.formatting import format_money

OPEN, SAVE, RENAME, CANCEL = "open", "save", "rename", "cancel"


class DuplicateDialog(QDialog):
    """Lists the matches; *Open Existing*, *Save Anyway* or *Cancel* (``choice``).

    Only what will work is offered: a record whose full name is taken cannot be saved
    under it (full names are unique), so then it is *Open Existing* or *Change Name*."""

    def __init__(
        self, new_name: str, matches: Sequence[NodeSummary], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateDialog")
        self.setWindowTitle("Possible Duplicate")
        self.choice = CANCEL
        # The record with this very name first, and selected: Open Existing opens it.
        same_name = name_key(new_name)
        self.matches = sorted(matches, key=lambda m: name_key(m.full_name) != same_name)
        self.name_taken = any(name_key(m.full_name) == same_name for m in self.matches)
        layout = QVBoxLayout(self)
        what = "record has" if len(self.matches) == 1 else "records have"
        shown_name = escape(new_name) or "The new record"
        if self.name_taken:
            text = (
                f"<b>{shown_name}</b> is already in the list. Two records cannot have one "
                "name: open the existing record, or change the name to save a new one."
            )
        else:
            text = (
                f"<b>{shown_name}</b> may already be in the list: the {what} the same "
                "name, phone number or email."
            )
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setObjectName("duplicateList")
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # the whole line in its tooltip
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for match in self.matches:
            extra = [match.kind.capitalize()]
            if not match.is_active:
                extra.append("inactive")
            if match.balance_total:
                extra.append(f"balance {format_money(match.balance_total)}")
            item = QListWidgetItem(f"{match.full_name}  ({', '.join(extra)})")
            item.setToolTip(item.text())
            item.setData(Qt.ItemDataRole.UserRole, match.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self._choose(OPEN))
        layout.addWidget(self.list)
        note = QLabel("Opening the existing record discards what you typed for the new one.")
        note.setWordWrap(True)
        note.setForegroundRole(note.foregroundRole())
        layout.addWidget(note)
        layout.addWidget(self._buttons())
        self.resize(480, self.sizeHint().height())

    def _buttons(self) -> QDialogButtonBox:
        """Open Existing; Save Anyway, or Change Name when the name is taken; Cancel."""
        buttons = QDialogButtonBox(self)
        self.open_button = QPushButton("&Open Existing", self)
        self.open_button.setObjectName("openExistingButton")
        self.open_button.setDefault(True)
        self.save_button = QPushButton("&Save Anyway", self)
        self.save_button.setObjectName("saveAnywayButton")
        self.rename_button = QPushButton("&Change Name", self)
        self.rename_button.setObjectName("changeNameButton")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        if self.name_taken:
            buttons.addButton(self.rename_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.save_button.hide()
        else:
            buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.rename_button.hide()
        self.open_button.clicked.connect(lambda: self._choose(OPEN))
        self.save_button.clicked.connect(lambda: self._choose(SAVE))
        self.rename_button.clicked.connect(lambda: self._choose(RENAME))
        cancel.clicked.connect(self.reject)
        return buttons

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
