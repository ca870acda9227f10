"""Voiding an invoice or a payment: nothing is deleted, a reason is required."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class VoidDialog(QDialog):
    """Asks why ``what`` ("Invoice 1007 for 1,250.00") is voided; *Void* needs a reason."""

    def __init__(self, what: str, parent: QWidget | None, *, consequence: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("voidDialog")
        self.setWindowTitle("Void")
        self.setMinimumWidth(420)
        text = f"Void <b>{escape(what)}</b>? It stays on record, marked void, with your reason."
        if consequence:
            text += f"<br>{escape(consequence)}"
        intro = QLabel(text, self)
        intro.setObjectName("voidIntroLabel")
        intro.setWordWrap(True)
        label = QLabel("&Reason:", self)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setObjectName("voidReasonEdit")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(70)
        self.reason_edit.setPlaceholderText("For example: entered twice, wrong customer")
        label.setBuddy(self.reason_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("buttonBox")
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Void")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(lambda: self.ok_button.setEnabled(bool(self.reason)))
        self.ok_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)
        self.reason_edit.setFocus()

    @property
    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def _accept(self) -> None:
        if self.reason:
            self.accept()

    def ask(self) -> str | None:
        """The reason if confirmed, else None."""
        return self.reason if self.exec() == QDialog.DialogCode.Accepted else None
