"""The New / Correct Log Entry dialog: few keystrokes, subject first.

Enter saves from any one-line field (the dates, the combo boxes, the subject …), as in
every dialog; in the details it starts a new line, and Ctrl+Enter saves from there too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from officemgr.core import choices
from officemgr.core.records import LogEntryRecord, LogRevisionRecord

DEFAULT_KIND = "Call In"
USER_KINDS = tuple(k for k in choices.LOG_KINDS if k != "System")


def _history(revisions: Sequence[LogRevisionRecord]) -> str:
    lines = []
    for rev in revisions:
        when = rev.changed_at.astimezone().strftime("%Y-%m-%d %H:%M")
        lines.append(f"Corrected by {rev.changed_by} on {when}")
    return "\n".join(lines)


class LogEntryDialog(QDialog):
    """One entry of ``owner_name``; ``entry`` given: a correction of it."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        owner_name: str,
        contacts: Sequence[str],
        employee: str,
        entry: LogEntryRecord | None = None,
        revisions: Sequence[LogRevisionRecord] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("logEntryDialog")
        self.setWindowTitle("Correct Log Entry" if entry else "New Log Entry")
        self.setMinimumWidth(480)
        self.entry = entry
        form = self._entry_form(owner_name, contacts, employee)
        self.history_label = QLabel(_history(revisions), self)
        self.history_label.setObjectName("historyLabel")
        self.history_label.setWordWrap(True)
        self.history_label.setVisible(bool(revisions))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.history_label)
        self.buttons = self._save_cancel()
        layout.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.try_accept)
        self.subject_edit.textEdited.connect(lambda _text: self.subject_message.hide())
        if entry is None:
            self.when_edit.setDateTime(QDateTime.currentDateTime())
            self.kind_combo.setCurrentText(DEFAULT_KIND)
        else:
            self._fill(entry)
        self.subject_edit.setFocus()

    def _entry_form(self, owner_name: str, contacts: Sequence[str], employee: str) -> QFormLayout:
        form = QFormLayout()
        self.owner_edit = QLineEdit(owner_name, self)
        self.owner_edit.setObjectName("ownerEdit")
        self.owner_edit.setReadOnly(True)
        self.owner_edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        form.addRow("Customer:&Job:", self.owner_edit)
        self.when_edit = QDateTimeEdit(self)
        self.when_edit.setObjectName("whenEdit")
        self.when_edit.setCalendarPopup(True)
        self.when_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        form.addRow("&Date/time:", self.when_edit)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("kindCombo")
        self.kind_combo.addItems(USER_KINDS)
        form.addRow("&Kind:", self.kind_combo)
        self.contact_combo = QComboBox(self)
        self.contact_combo.setObjectName("contactCombo")
        self.contact_combo.setEditable(True)
        self.contact_combo.addItem("")
        self.contact_combo.addItems(list(contacts))
        form.addRow("C&ontact:", self.contact_combo)
        self._subject_rows(form)
        form.addRow("", self._follow_up_row())
        self.employee_edit = QLineEdit(employee, self)
        self.employee_edit.setObjectName("employeeEdit")
        form.addRow("&Employee:", self.employee_edit)
        return form

    def _subject_rows(self, form: QFormLayout) -> None:
        """Subject, the line that says what is wrong with it, and the details."""
        self.subject_edit = QLineEdit(self)
        self.subject_edit.setObjectName("subjectEdit")
        self.subject_edit.setMaxLength(choices.LONG)
        self.subject_edit.setPlaceholderText("What the call was about")
        form.addRow("&Subject:", self.subject_edit)
        self.subject_message = QLabel(self)
        self.subject_message.setObjectName("subjectMessage")
        self.subject_message.setStyleSheet("color: #b00020;")
        self.subject_message.hide()
        form.addRow("", self.subject_message)
        self.details_edit = QPlainTextEdit(self)
        self.details_edit.setObjectName("detailsEdit")
        self.details_edit.setTabChangesFocus(True)
        self.details_edit.setMinimumHeight(90)
        form.addRow("De&tails:", self.details_edit)

    def _follow_up_row(self) -> QWidget:
        follow = QWidget(self)
        row = QHBoxLayout(follow)
        row.setContentsMargins(0, 0, 0, 0)
        self.follow_check = QCheckBox("&Follow up on", follow)
        self.follow_check.setObjectName("followUpCheck")
        self.follow_edit = QDateEdit(follow)
        self.follow_edit.setObjectName("followUpEdit")
        self.follow_edit.setCalendarPopup(True)
        self.follow_edit.setDisplayFormat("yyyy-MM-dd")
        self.follow_edit.setDate(QDate.currentDate().addDays(1))
        self.follow_edit.setEnabled(False)
        self.follow_check.toggled.connect(self.follow_edit.setEnabled)
        row.addWidget(self.follow_check)
        row.addWidget(self.follow_edit)
        row.addStretch(1)
        return follow

    def _save_cancel(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.setObjectName("buttonBox")
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setToolTip("Save the entry (Enter; Ctrl+Enter in the details)")
        save.setDefault(True)  # Enter in a one-line field presses it, as in any dialog
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        return buttons

    def _fill(self, entry: LogEntryRecord) -> None:
        """Show the entry being corrected."""
        at = entry.at.astimezone()
        self.when_edit.setDateTime(
            QDateTime(QDate(at.year, at.month, at.day), QTime(at.hour, at.minute, at.second))
        )
        if entry.kind in USER_KINDS:
            self.kind_combo.setCurrentText(entry.kind)
        self.contact_combo.setCurrentText(entry.contact_name or "")
        self.subject_edit.setText(entry.subject)
        self.details_edit.setPlainText(entry.details or "")
        if entry.follow_up_on is not None:
            self.follow_check.setChecked(True)
            day = entry.follow_up_on
            self.follow_edit.setDate(QDate(day.year, day.month, day.day))
        self.employee_edit.setText(entry.employee_name or "")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Enter saves (QDialog's default button takes a plain Enter only)."""
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and control:
            self.try_accept()
            return
        super().keyPressEvent(event)

    def show_subject_error(self, text: str) -> None:
        self.subject_message.setText(text)
        self.subject_message.show()
        self.subject_edit.setFocus()

    def try_accept(self) -> None:
        if not self.subject_edit.text().strip():
            self.show_subject_error("Give the log entry a subject.")
            return
        self.accept()

    def values(self) -> dict[str, Any]:
        day, time = self.when_edit.date(), self.when_edit.time()
        follow = self.follow_edit.date()
        return {
            "at": datetime(day.year(), day.month(), day.day(), time.hour(), time.minute()),
            "kind": self.kind_combo.currentText(),
            "contact": self.contact_combo.currentText().strip() or None,
            "subject": self.subject_edit.text().strip(),
            "details": self.details_edit.toPlainText().strip() or None,
            "follow_up_on": (
                date(follow.year(), follow.month(), follow.day())
                if self.follow_check.isChecked()
                else None
            ),
            "employee": self.employee_edit.text().strip() or None,
        }
