"""The credit warning: a customer on hold or over its limit needs an override and a reason.

Starting a job, an invoice or other billable work shows what is wrong (the hold and its
reason, the limit and how far it would be passed); OK stays disabled until a reason is
typed. The caller passes the reason to the service, which writes it to the contact log.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QWidget

from officemgr.core.records import CreditCheck
from officemgr.ui.billing.reason_dialog import ReasonDialog, wrapped_label
from officemgr.ui.customers.fields import COLOURS


class CreditOverrideDialog(ReasonDialog):
    """Problems of ``check`` listed; *Override* needs a reason."""

    def __init__(
        self, check: CreditCheck, *, action: str, parent: QWidget | None, reason: str = ""
    ) -> None:
        title = "on credit hold" if check.credit_hold else "over its credit limit"
        intro = wrapped_label(
            f"<b>{escape(check.customer_name)}</b> is {title}. "
            f"To {escape(action)} anyway, give the reason for the override; "
            "it is written to the contact log.",
            "overrideIntroLabel",
        )
        items = "".join(f"<li>{escape(problem)}</li>" for problem in check.problems)
        problems = wrapped_label(
            f'<ul style="margin-left:-20px; color:{COLOURS["error"]}">{items}</ul>',
            "overrideProblemsLabel",
        )
        super().__init__(
            parent,
            prefix="override",
            title="Credit Warning",
            explained=[intro, problems],
            reason_label="&Reason for the override:",
            placeholder="For example: the owner agreed, paid in cash on site",
            ok_text="&Override",
            reason=reason,
        )
        self.setObjectName("creditOverrideDialog")
        self.setMinimumWidth(460)
        self.check = check
        self.problems_label = problems


def ask_override(
    parent: QWidget | None, check: CreditCheck, *, action: str, reason: str = ""
) -> str | None:
    """The reason for overriding ``check`` (to ``action``, e.g. "start a new job"); None
    when cancelled."""
    dialog = CreditOverrideDialog(check, action=action, parent=parent, reason=reason)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.reason
