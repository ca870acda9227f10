"""Pop-up notes: the editor of one note, and the dialog that shows the notes due."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from officemgr.core.records import PopupNoteRecord
from officemgr.ui.customers.fields import DateField, FieldMessage
from officemgr.ui.form_loader import DesignerForm
from officemgr.ui.icons import icon

_TRIGGER_WORDS = {
    "on_open": "on open",
    "on_caller_id": "caller ID",
    "on_new_job": "new job",
    "on_billing": "payment/invoice",
}


def describe_triggers(note: PopupNoteRecord) -> str:
    words = [text for key, text in _TRIGGER_WORDS.items() if getattr(note, key)]
    text = ", ".join(words) or "never"
    if note.only_when_overdue:
        text += ", only while overdue"
    if note.active_from or note.active_until:
        start = note.active_from.isoformat() if note.active_from else "…"
        end = note.active_until.isoformat() if note.active_until else "…"
        text += f", {start} to {end}"
    return text


class PopupNoteForm(DesignerForm):
    """``forms/popup_note_dialog.ui``."""

    ui_file = "popup_note_dialog"
    root: QDialog
    note_text_edit: QPlainTextEdit
    note_text_message: QLabel
    on_open_check: QCheckBox
    on_caller_id_check: QCheckBox
    on_new_job_check: QCheckBox
    on_billing_check: QCheckBox
    overdue_check: QCheckBox
    triggers_message: QLabel
    active_from_edit: QDateEdit
    active_until_edit: QDateEdit
    active_until_message: QLabel
    note_active_check: QCheckBox
    button_box: QDialogButtonBox

    def boxes(self) -> dict[str, QCheckBox]:
        """The note's yes/no fields, each with its check box."""
        return {
            "on_open": self.on_open_check,
            "on_caller_id": self.on_caller_id_check,
            "on_new_job": self.on_new_job_check,
            "on_billing": self.on_billing_check,
            "only_when_overdue": self.overdue_check,
            "is_active": self.note_active_check,
        }


class PopupNoteEditor:
    """The dialog (``forms/popup_note_dialog.ui``) to add or change one pop-up note."""

    def __init__(self, parent: QWidget | None, note: PopupNoteRecord | None) -> None:
        self.form = f = PopupNoteForm(parent)
        self.dialog = f.root
        self.dialog.setWindowTitle("Change Pop-up Note" if note else "New Pop-up Note")
        self.text = f.note_text_edit
        self.text.setTabChangesFocus(True)
        self.boxes = f.boxes()
        self.active_from = DateField(f.active_from_edit)
        self.active_until = DateField(f.active_until_edit)
        self.text_message = FieldMessage(f.note_text_message, self.text)
        self.triggers_message = FieldMessage(f.triggers_message)
        self.until_message = FieldMessage(f.active_until_message)
        f.button_box.accepted.connect(self._accept)
        f.button_box.rejected.connect(self.dialog.reject)
        if note is None:
            for key, box in self.boxes.items():
                box.setChecked(key in ("on_open", "is_active"))
        else:
            self.text.setPlainText(note.text)
            for key, box in self.boxes.items():
                box.setChecked(bool(getattr(note, key)))
            self.active_from.set_value(note.active_from)
            self.active_until.set_value(note.active_until)
        self.text.setFocus()

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {"text": self.text.toPlainText().strip()}
        values.update({key: box.isChecked() for key, box in self.boxes.items()})
        values["active_from"] = self.active_from.value()
        values["active_until"] = self.active_until.value()
        return values

    def _accept(self) -> None:
        values = self.values()
        ok = True
        for message in (self.text_message, self.triggers_message, self.until_message):
            message.clear()
        if not values["text"]:
            self.text_message.error("Write the text of the pop-up note.")
            ok = False
        if not any(values[k] for k in ("on_open", "on_caller_id", "on_new_job", "on_billing")):
            self.triggers_message.error("Choose at least one moment for the note to pop up.")
            ok = False
        start, end = values["active_from"], values["active_until"]
        if start and end and end < start:
            self.until_message.error("“Active until” is before “active from”.")
            ok = False
        if ok:
            self.dialog.accept()

    def ask(self) -> dict[str, Any] | None:
        """Show the dialog; the note's fields when OK was pressed, else None."""
        if self.dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.values()


class PopupNotesDialog(QDialog):
    """The notes that pop up for a record, with *Acknowledge* (logged) and *Close*."""

    def __init__(
        self, full_name: str, notes: list[PopupNoteRecord], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("popupNotesDialog")
        self.setWindowTitle(f"Pop-up Notes — {full_name}")
        self.notes = notes
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        picture = QLabel(self)
        picture.setPixmap(icon("popup-note").pixmap(32, 32))
        title = QLabel(f"<b>{escape(full_name)}</b><br>Please read before you go on:", self)
        head.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(title, 1)
        layout.addLayout(head)
        layout.addWidget(self._notes_body(notes), 1)

        buttons = QDialogButtonBox(self)
        self.acknowledge_button = QPushButton("&Acknowledge", self)
        self.acknowledge_button.setObjectName("acknowledgeButton")
        self.acknowledge_button.setToolTip("Record that you have read these notes")
        self.acknowledge_button.setDefault(True)
        buttons.addButton(self.acknowledge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(max(460, self.sizeHint().width()), self.sizeHint().height())

    def _notes_body(self, notes: list[PopupNoteRecord]) -> QScrollArea:
        """Each note on a yellow card, the cards scrolling when there are many."""
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(4, 4, 4, 4)
        for note in notes:
            frame = QFrame(body)
            frame.setObjectName("popupNoteFrame")
            frame.setStyleSheet(
                "#popupNoteFrame { background: #fff6d5; border: 1px solid #e6cf7a; "
                "border-radius: 6px; } #popupNoteFrame QLabel { color: #3d2f00; }"
            )
            inner = QVBoxLayout(frame)
            text = QLabel(note.text, frame)
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            inner.addWidget(text)
            if note.inherited:
                origin = QLabel("From the customer", frame)
                origin.setStyleSheet("color: #6b5a1a; font-style: italic;")
                inner.addWidget(origin)
            body_layout.addWidget(frame)
        body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        body.setMinimumWidth(400)
        scroll.setMinimumHeight(min(body.sizeHint().height() + 4, 360))
        return scroll
