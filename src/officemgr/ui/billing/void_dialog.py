"""Voiding an invoice or a payment: nothing is deleted, a reason is required."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QWidget

from officemgr.ui.billing.reason_dialog import ReasonDialog, wrapped_label


class VoidDialog(ReasonDialog):
    """Asks why ``what`` ("Invoice 1007 for 1,250.00") is voided; *Void* needs a reason."""

    def __init__(self, what: str, parent: QWidget | None, *, consequence: str = "") -> None:
        text = f"Void <b>{escape(what)}</b>? It stays on record, marked void, with your reason."
        if consequence:
            text += f"<br>{escape(consequence)}"
        super().__init__(
            parent,
            prefix="void",
            title="Void",
            explained=[wrapped_label(text, "voidIntroLabel")],
            reason_label="&Reason:",
            placeholder="For example: entered twice, wrong customer",
            ok_text="&Void",
        )
        self.setObjectName("voidDialog")
        self.setMinimumWidth(420)
