"""Asking for the reason of a credit hold (placing or releasing); who and when are shown."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QWidget

from officemgr.ui.customers.fields import FieldMessage
from officemgr.ui.form_loader import DesignerForm


class CreditHoldForm(DesignerForm):
    """``forms/credit_hold_dialog.ui``."""

    ui_file = "credit_hold_dialog"
    root: QDialog
    hold_intro_label: QLabel
    reason_edit: QPlainTextEdit
    reason_message: QLabel
    by_label: QLabel
    when_label: QLabel
    button_box: QDialogButtonBox


class CreditHoldDialog:
    """``forms/credit_hold_dialog.ui``: the reason (required to place a hold), by, when."""

    def __init__(self, parent: QWidget | None, *, placing: bool, customer: str, by: str) -> None:
        self.placing = placing
        self.form = f = CreditHoldForm(parent)
        self.dialog = f.root
        self.dialog.setWindowTitle("Place on Credit Hold" if placing else "Release Credit Hold")
        name = f"<b>{escape(customer)}</b>"
        f.hold_intro_label.setText(
            f"Put {name} and every job under it on credit hold. New jobs, invoices and other "
            "billable work for it will need an explicit override."
            if placing
            else f"Take {name} and its jobs off credit hold."
        )
        self.reason = f.reason_edit
        self.reason.setPlaceholderText(
            "Why, for example: two invoices over 60 days" if placing else "Optional"
        )
        self.message = FieldMessage(f.reason_message, self.reason)
        f.by_label.setText(by)
        f.when_label.setText(f"{datetime.now():%Y-%m-%d %H:%M} (now)")
        ok = f.button_box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Place on Hold" if placing else "Release Hold")
        f.button_box.accepted.connect(self._accept)
        f.button_box.rejected.connect(self.dialog.reject)
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
