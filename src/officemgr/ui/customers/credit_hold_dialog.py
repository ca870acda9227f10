"""Asking for the reason of a credit hold (placing or releasing); who and when are shown."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from officemgr.ui.customers.fields import FieldMessage
from officemgr.ui.form_loader import load_form


class CreditHoldDialog:
    """``forms/credit_hold_dialog.ui``: the reason (required to place a hold), by, when."""

    def __init__(self, parent: QWidget | None, *, placing: bool, customer: str, by: str) -> None:
        self.placing = placing
        self.dialog: QDialog = load_form("credit_hold_dialog", parent)  # type: ignore[assignment]
        d = self.dialog
        d.setWindowTitle("Place on Credit Hold" if placing else "Release Credit Hold")
        intro = d.findChild(QLabel, "holdIntroLabel")
        name = f"<b>{escape(customer)}</b>"
        intro.setText(
            f"Put {name} and every job under it on credit hold. New jobs, invoices and other "
            "billable work for it will need an explicit override."
            if placing
            else f"Take {name} and its jobs off credit hold."
        )
        self.reason: QPlainTextEdit = d.findChild(QPlainTextEdit, "reasonEdit")
        self.reason.setPlaceholderText(
            "Why, for example: two invoices over 60 days" if placing else "Optional"
        )
        self.message = FieldMessage(d.findChild(QLabel, "reasonMessage"), self.reason)
        d.findChild(QLabel, "byLabel").setText(by)
        d.findChild(QLabel, "whenLabel").setText(f"{datetime.now():%Y-%m-%d %H:%M} (now)")
        buttons: QDialogButtonBox = d.findChild(QDialogButtonBox, "buttonBox")
        ok: QPushButton = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Place on Hold" if placing else "Release Hold")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(d.reject)
        self.reason.setFocus()

    def _accept(self) -> None:
        if self.placing and not self.reason.toPlainText().strip():
            self.message.error("Give a reason for the credit hold.")
            self.reason.setFocus()
            return
        self.dialog.accept()

    def ask(self) -> str | None:
        """The reason typed ("" when none) if confirmed, else None."""
        if self.dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.reason.toPlainText().strip()
