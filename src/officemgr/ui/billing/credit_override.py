"""The credit warning: a customer on hold or over its limit needs an override and a reason.

Starting a job, an invoice or other billable work shows what is wrong (the hold and its
reason, the limit and how far it would be passed); OK stays disabled until a reason is
typed. The caller passes the reason to the service, which writes it to the contact log.
"""

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

from officemgr.core.records import CreditCheck
from officemgr.ui.customers.fields import COLOURS


class CreditOverrideDialog(QDialog):
    """Problems of ``check`` listed; *Override* needs a reason."""

    def __init__(
        self, check: CreditCheck, *, action: str, parent: QWidget | None, reason: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("creditOverrideDialog")
        self.setWindowTitle("Credit Warning")
        self.setMinimumWidth(460)
        self.check = check
        title = "on credit hold" if check.credit_hold else "over its credit limit"
        intro = QLabel(
            f"<b>{escape(check.customer_name)}</b> is {title}. "
            f"To {escape(action)} anyway, give the reason for the override; "
            "it is written to the contact log.",
            self,
        )
        intro.setObjectName("overrideIntroLabel")
        intro.setWordWrap(True)
        items = "".join(f"<li>{escape(problem)}</li>" for problem in check.problems)
        self.problems_label = QLabel(
            f'<ul style="margin-left:-20px; color:{COLOURS["error"]}">{items}</ul>', self
        )
        self.problems_label.setObjectName("overrideProblemsLabel")
        self.problems_label.setWordWrap(True)
        reason_label = QLabel("&Reason for the override:", self)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setObjectName("overrideReasonEdit")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText("For example: the owner agreed, paid in cash on site")
        self.reason_edit.setFixedHeight(70)
        self.reason_edit.setPlainText(reason)
        reason_label.setBuddy(self.reason_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("buttonBox")
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Override")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.problems_label)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)
        self._update_ok()
        self.reason_edit.setFocus()

    @property
    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.reason))

    def _accept(self) -> None:
        if self.reason:
            self.accept()


def ask_override(
    parent: QWidget | None, check: CreditCheck, *, action: str, reason: str = ""
) -> str | None:
    """The reason for overriding ``check`` (to ``action``, e.g. "start a new job"); None
    when cancelled."""
    dialog = CreditOverrideDialog(check, action=action, parent=parent, reason=reason)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.reason
