"""The first run at a desk asks who works there: log entries, acknowledged pop-up notes
and credit holds are signed with that name (until then, with the computer's login name,
which says little: "root", "Office").

Asked once the window is on screen, as a window-modal sheet that does not hold up the
start; *Later* leaves it unset and it is asked at the next start. The name can be
changed any time on the Preferences page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from officemgr.core.choices import NAME_LENGTH
from officemgr.errors import OfficeMgrError
from officemgr.ui.preferences import set_current_employee

__all__ = ["WhoWorksHereDialog", "ask_who_works_here"]


class WhoWorksHereDialog(QDialog):
    """Pick an employee from the office's list, or type a name."""

    def __init__(self, employees: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whoWorksHereDialog")
        self.setWindowTitle("Who Works at This Desk?")
        intro = QLabel(
            "Log entries, acknowledged pop-up notes and credit holds made here are signed "
            "with your name. Pick it from the employees, or type it.",
            self,
        )
        intro.setWordWrap(True)
        self.name_combo = QComboBox(self)
        self.name_combo.setObjectName("deskEmployeeCombo")
        self.name_combo.setEditable(True)
        self.name_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.name_combo.addItems(employees)
        self.name_combo.setEditText("")
        line = self.name_combo.lineEdit()
        if line is not None:
            line.setMaxLength(NAME_LENGTH)
            line.setPlaceholderText("Your name")
            line.returnPressed.connect(self.accept)  # an editable combo keeps Return
        label = QLabel("&Name:", self)
        label.setBuddy(self.name_combo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.later_button = self.buttons.addButton("&Later", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_combo.editTextChanged.connect(self._typed)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.name_combo)
        layout.addWidget(self.buttons)
        self._typed("")
        self.resize(420, self.sizeHint().height())

    def name(self) -> str:
        return " ".join(self.name_combo.currentText().split())

    def _typed(self, _text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(bool(self.name()))

    def accept(self) -> None:
        if self.name():
            set_current_employee(self.name())
            super().accept()


def ask_who_works_here(
    parent: QWidget, employees_of: Callable[[], Iterable[str]]
) -> WhoWorksHereDialog | None:
    """Open the question over ``parent`` (its employees read with ``employees_of()``);
    None when the office's list cannot be read (asked at the next start)."""
    try:
        names = list(employees_of())
    except OfficeMgrError:
        return None
    dialog = WhoWorksHereDialog(names, parent)
    dialog.open()
    return dialog
