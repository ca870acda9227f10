"""Payment Info: account, credit limit, opening balance, preferred payment, card (brand and
last four only) and the credit hold."""

from __future__ import annotations

import re
from decimal import Decimal
from html import escape
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QInputDialog, QLineEdit, QMessageBox, QWidget

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
from officemgr.ui.customers.tab_base import FormContext, FormTab

ADD_NEW = "<Add New>"
ADD_NEW_DATA = -1
MASK = "•••• "
_CARD_DIGITS = re.compile(r"^[0-9][0-9 \-]{10,}[0-9]$")
TEXT_FIELDS = {
    "account_number": ("accountNumberEdit", "accountNumberMessage"),
    "ar_account": ("arAccountEdit", None),
    "card_holder": ("cardHolderEdit", None),
    "billing_postal_code": ("billingZipEdit", None),
}
MONEY_FIELDS = {
    "credit_limit": ("creditLimitEdit", "creditLimitMessage"),
    "opening_balance": ("openingBalanceEdit", "openingBalanceMessage"),
}


def masked(last4: str | None) -> str:
    return f"{MASK}{last4}" if last4 else ""


class PaymentTab(FormTab):
    form_name = "customer_payment_tab"
    title = "Payment Info"
    place_hold_requested = Signal()
    release_hold_requested = Signal()

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        for field, (name, message) in {**TEXT_FIELDS, **MONEY_FIELDS}.items():
            self.field(field, self.w(name), message)
        self.opening_date = DateField(self.w("openingBalanceDateEdit"))
        self.field("opening_balance_date", self.opening_date.edit)
        self.method: QComboBox = self.field("payment_method_id", self.w("paymentMethodCombo"))
        self.method.activated.connect(self._method_chosen)
        self.card: QLineEdit = self.field(
            "card_number", self.w("cardNumberEdit"), "cardNumberMessage"
        )
        self.editors["card_last4"] = self.card
        self.card.editingFinished.connect(self._card_entered)
        self.card.textEdited.connect(lambda _t: self.message("card_number").clear())
        self._pending_card: str | None = None
        self.month = self.field("card_exp_month", self.w("cardExpMonthSpin"), "cardExpiryMessage")
        self.year = self.field("card_exp_year", self.w("cardExpYearSpin"))
        self.messages["card_exp_year"] = self.messages["card_exp_month"]
        self.debit = self.field("is_debit_card", self.w("debitCardCheck"))
        self.editors["credit_hold"] = self.w("placeHoldButton")
        self.w("placeHoldButton").clicked.connect(self.place_hold_requested)
        self.w("releaseHoldButton").clicked.connect(self.release_hold_requested)

    # -- loading ----------------------------------------------------------------------

    def fill(self, detail: NodeDetail) -> None:
        for field, (name, _message) in TEXT_FIELDS.items():
            self.w(name).setText(getattr(detail, field) or "")
        self.w("creditLimitEdit").setText(money_text(detail.credit_limit))
        self.w("openingBalanceEdit").setText(
            money_text(detail.opening_balance) if detail.opening_balance else ""
        )
        self.opening_date.set_value(detail.opening_balance_date)
        self._fill_methods(detail.payment_method_id)
        self._pending_card = None
        self.card.setText(masked(detail.card_last4))
        self.w("cardBrandLabel").setText(detail.card_brand or "")
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
        fill_combo(self.method, entries, selected)
        self.method.addItem(ADD_NEW, ADD_NEW_DATA)

    def show_hold(self, detail: NodeDetail) -> None:
        is_job = detail.kind == "job"
        saved = detail.id != 0 or is_job
        if detail.credit_hold:
            status = '<b style="color:#8e1b1b">On credit hold</b>'
            if is_job:
                status += f" (placed on the customer, {escape(detail.customer_name)})"
        else:
            status = "Not on hold"
        self.w("holdStatusLabel").setText(status)
        self.w("holdReasonLabel").setText(detail.credit_hold_reason or "—")
        when = detail.credit_hold_at.astimezone() if detail.credit_hold_at else None
        self.w("holdAtLabel").setText(f"{when:%Y-%m-%d %H:%M}" if when else "—")
        self.w("holdByLabel").setText(detail.credit_hold_by or "—")
        self.w("placeHoldButton").setEnabled(saved and detail.id != 0 and not detail.credit_hold)
        self.w("releaseHoldButton").setEnabled(detail.id != 0 and detail.credit_hold)
        tip = "A hold is placed on the customer; every job under it shows it." if is_job else ""
        self.w("placeHoldButton").setToolTip(tip)
        self.w("releaseHoldButton").setToolTip(tip)

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
            self.w("cardBrandLabel").setText("(checked when you save)")
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
        for field, (name, _message) in TEXT_FIELDS.items():
            value = text_or_none(self.w(name).text())
            if value != getattr(d, field):
                out[field] = value
        limit = money_value(self.w("creditLimitEdit").text(), what="The credit limit")
        if money_changed(limit, d.credit_limit):
            out["credit_limit"] = limit
        opening = money_value(self.w("openingBalanceEdit").text(), what="The opening balance")
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
