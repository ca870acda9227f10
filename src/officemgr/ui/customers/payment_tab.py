"""Payment Info: account, credit limit, opening balance, preferred payment, card (brand and
last four only) and the credit hold."""

from __future__ import annotations

import re
from decimal import Decimal
from html import escape
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from officemgr.core.records import NodeDetail
from officemgr.errors import OfficeMgrError
from officemgr.ui.customers.fields import (
    DateField,
    fill_combo,
    money_changed,
    money_text,
    money_value,
    text_or_none,
)
from officemgr.ui.customers.reflow import ColumnReflow
from officemgr.ui.customers.tab_base import FormContext, FormTab
from officemgr.ui.form_loader import DesignerForm

ADD_NEW = "<Add New>"
ADD_NEW_DATA = -1
MASK = "•••• "
_CARD_DIGITS = re.compile(r"^[0-9][0-9 \-]{10,}[0-9]$")
TEXT_FIELDS = ("account_number", "ar_account", "card_holder", "billing_postal_code")


class PaymentForm(DesignerForm):
    """``forms/customer_payment_tab.ui``."""

    ui_file = "customer_payment_tab"
    account_number_edit: QLineEdit
    account_number_message: QLabel
    ar_account_edit: QLineEdit
    credit_limit_edit: QLineEdit
    credit_limit_message: QLabel
    opening_balance_edit: QLineEdit
    opening_balance_date_edit: QDateEdit
    opening_balance_message: QLabel
    payment_method_combo: QComboBox
    card_holder_edit: QLineEdit
    card_number_edit: QLineEdit
    card_brand_label: QLabel
    card_number_message: QLabel
    card_exp_month_spin: QSpinBox
    card_exp_year_spin: QSpinBox
    card_expiry_message: QLabel
    billing_zip_edit: QLineEdit
    debit_card_check: QCheckBox
    hold_status_label: QLabel
    hold_reason_label: QLabel
    hold_at_label: QLabel
    hold_by_label: QLabel
    place_hold_button: QPushButton
    release_hold_button: QPushButton

    def text_fields(self) -> dict[str, tuple[QLineEdit, QLabel | None]]:
        """Each plain text field: its edit and, where the form has one, its message line."""
        return {
            "account_number": (self.account_number_edit, self.account_number_message),
            "ar_account": (self.ar_account_edit, None),
            "card_holder": (self.card_holder_edit, None),
            "billing_postal_code": (self.billing_zip_edit, None),
        }


def masked(last4: str | None) -> str:
    return f"{MASK}{last4}" if last4 else ""


class PaymentTab(FormTab[PaymentForm]):
    title = "Payment Info"
    place_hold_requested = Signal()
    release_hold_requested = Signal()

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, PaymentForm(), parent)
        columns = self.form.root.layout()
        assert isinstance(columns, QBoxLayout)  # two columns, stacked when narrow
        self.columns = ColumnReflow(columns, self.scroll_area.viewport())
        f = self.form
        self.text_edits = {
            field: self.field(field, edit, message)
            for field, (edit, message) in f.text_fields().items()
        }
        self.credit_limit = self.field("credit_limit", f.credit_limit_edit, f.credit_limit_message)
        self.opening_balance = self.field(
            "opening_balance", f.opening_balance_edit, f.opening_balance_message
        )
        self.opening_date = DateField(f.opening_balance_date_edit)
        self.field("opening_balance_date", self.opening_date.edit)
        self.method = self.field("payment_method_id", f.payment_method_combo)
        self.method.activated.connect(self._method_chosen)
        self.card = self.field("card_number", f.card_number_edit, f.card_number_message)
        self.editors["card_last4"] = self.card
        self.card.editingFinished.connect(self._card_entered)
        self.card.textEdited.connect(lambda _t: self.message("card_number").clear())
        self._pending_card: str | None = None
        self.month = self.field("card_exp_month", f.card_exp_month_spin, f.card_expiry_message)
        self.year = self.field("card_exp_year", f.card_exp_year_spin)
        self.messages["card_exp_year"] = self.messages["card_exp_month"]
        self.debit = self.field("is_debit_card", f.debit_card_check)
        self.editors["credit_hold"] = f.place_hold_button
        f.place_hold_button.clicked.connect(self.place_hold_requested)
        f.release_hold_button.clicked.connect(self.release_hold_requested)

    # -- loading ----------------------------------------------------------------------

    def fill(self, detail: NodeDetail) -> None:
        for field, edit in self.text_edits.items():
            edit.setText(getattr(detail, field) or "")
        self.credit_limit.setText(money_text(detail.credit_limit))
        self.opening_balance.setText(
            money_text(detail.opening_balance) if detail.opening_balance else ""
        )
        self.opening_date.set_value(detail.opening_balance_date)
        self._fill_methods(detail.payment_method_id)
        self._pending_card = None
        self.card.setText(masked(detail.card_last4))
        self.form.card_brand_label.setText(detail.card_brand or "")
        self.month.setValue(detail.card_exp_month or 0)
        self.year.setValue(detail.card_exp_year or self.year.minimum())
        self.debit.setChecked(detail.is_debit_card)
        self.show_hold(detail)

    def refill(self) -> None:
        was_loading, self.loading = self.loading, True
        try:
            self._fill_methods(self.method.currentData())
        finally:
            self.loading = was_loading

    def _fill_methods(self, selected: Any) -> None:
        lists = self.ctx.lists
        assert lists is not None
        entries = [(m.name, m.id, m.is_active) for m in lists.payment_methods]
        if selected == ADD_NEW_DATA:
            selected = None  # the blank, as before <Add New> was picked
        fill_combo(self.method, entries, selected, extra=[(ADD_NEW, ADD_NEW_DATA)])

    def show_hold(self, detail: NodeDetail) -> None:
        is_job = detail.kind == "job"
        saved = detail.id != 0 or is_job
        if detail.credit_hold:
            status = '<b style="color:#8e1b1b">On credit hold</b>'
            if is_job:
                status += f" (placed on the customer, {escape(detail.customer_name)})"
        else:
            status = "Not on hold"
        f = self.form
        f.hold_status_label.setText(status)
        f.hold_reason_label.setText(detail.credit_hold_reason or "—")
        when = detail.credit_hold_at.astimezone() if detail.credit_hold_at else None
        f.hold_at_label.setText(f"{when:%Y-%m-%d %H:%M}" if when else "—")
        f.hold_by_label.setText(detail.credit_hold_by or "—")
        f.place_hold_button.setEnabled(saved and detail.id != 0 and not detail.credit_hold)
        f.release_hold_button.setEnabled(detail.id != 0 and detail.credit_hold)
        tip = "A hold is placed on the customer; every job under it shows it." if is_job else ""
        f.place_hold_button.setToolTip(tip)
        f.release_hold_button.setToolTip(tip)

    # -- behaviour --------------------------------------------------------------------

    def _method_chosen(self, _index: int) -> None:
        if self.method.currentData() != ADD_NEW_DATA:
            return
        previous = self.detail.payment_method_id if self.detail else None
        name, ok = QInputDialog.getText(
            self, "New Payment Method", "Name of the payment method:", QLineEdit.EchoMode.Normal
        )
        chosen = previous
        if ok and name.strip():
            lists, method = self.ctx.company.lists, name.strip()
            try:
                record = self.ctx.run(
                    lambda: lists.add_item(list_kind="payment_method", name=method)
                )
            except OfficeMgrError as error:
                QMessageBox.warning(self, "New Payment Method", str(error))
            else:
                chosen = record.id
                self.ctx.lists = lists.all()
        self._fill_methods(chosen)
        self.changed()

    def _card_entered(self) -> None:
        """A full card number is shown masked at once; only brand and last four are kept."""
        text = self.card.text().strip()
        if not text or text.startswith(MASK):
            return
        digits = re.sub(r"[\s-]", "", text)
        if _CARD_DIGITS.match(text) and 12 <= len(digits) <= 19:
            self._pending_card = digits
            self.card.setText(masked(digits[-4:]))
            self.form.card_brand_label.setText("(checked when you save)")
        else:
            self._pending_card = None
            self.message("card_number").warning(
                "A card number has 12 to 19 digits; only its last four are kept."
            )

    # -- saving -----------------------------------------------------------------------

    def changes(self) -> dict[str, Any]:
        d = self.detail
        if d is None:
            return {}
        out: dict[str, Any] = {}
        for field, edit in self.text_edits.items():
            value = text_or_none(edit.text())
            if value != getattr(d, field):
                out[field] = value
        limit = money_value(self.credit_limit.text(), what="The credit limit")
        if money_changed(limit, d.credit_limit):
            out["credit_limit"] = limit
        opening = money_value(self.opening_balance.text(), what="The opening balance")
        if money_changed(opening or Decimal(0), d.opening_balance):
            out["opening_balance"] = opening or Decimal(0)
        if self.opening_date.value() != d.opening_balance_date:
            out["opening_balance_date"] = self.opening_date.value()
        method = self.method.currentData()
        if method != ADD_NEW_DATA and method != d.payment_method_id:
            out["payment_method_id"] = method
        card = self.card.text().strip()
        if self._pending_card is not None and card == masked(self._pending_card[-4:]):
            out["card_number"] = self._pending_card
        elif card != masked(d.card_last4):
            out["card_number"] = card or None
        month = self.month.value() or None
        if month != d.card_exp_month:
            out["card_exp_month"] = month
        year = self.year.value() if self.year.value() != self.year.minimum() else None
        if year != d.card_exp_year:
            out["card_exp_year"] = year
        if self.debit.isChecked() != d.is_debit_card:
            out["is_debit_card"] = self.debit.isChecked()
        return out
