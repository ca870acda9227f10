"""The Receive Payment dialog: amount, method, reference, and where the money goes.

The open invoices of the customer (all its jobs) are listed oldest due first; typing the
amount spreads it over them, each Apply cell can be changed, and what is left shows as
unapplied credit. The dialog saves through ``co.payments.add`` with the applications
shown, and stays open with everything typed when the payment is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QWidget,
)

from officemgr.core.records import NodeDetail, OfficeLists, PaymentRecord
from officemgr.ui.billing.choices import fill_combo
from officemgr.ui.billing.money_dialog import DialogNames, MoneyDialog, pydate
from officemgr.ui.billing.payment_apply_model import ApplyError, Column, PaymentApplyModel
from officemgr.ui.column_widths import keep_column_widths
from officemgr.ui.customers.fields import COLOURS
from officemgr.ui.formatting import NumberTextError, format_money, read_money
from officemgr.ui.operations import Runner, run_here

if TYPE_CHECKING:
    from officemgr.company import Company

ZERO = Decimal(0)


class PaymentDialog(MoneyDialog[PaymentRecord]):
    """A payment from ``detail``'s customer (taken on ``detail``); ``payment`` once saved."""

    names = DialogNames(
        dialog="paymentDialog",
        customer="paymentCustomerEdit",
        date="receivedOnEdit",
        table="openInvoicesView",
        message="paymentMessage",
    )
    title = "Receive Payment"
    ok_text = "&Save Payment"

    def __init__(
        self,
        company: Company,
        detail: NodeDetail,
        lists: OfficeLists,
        parent: QWidget | None,
        *,
        run: Runner[PaymentRecord] = run_here,
    ) -> None:
        super().__init__(company, detail, parent, customer=detail.customer_name, run=run)
        self.model = PaymentApplyModel(company.invoices.open_for(detail.customer_id), self)
        heading = self._heading(lists)
        self._set_up_invoices()
        self.column_widths = keep_column_widths(self.view)
        invoices_label = QLabel(
            "&Open invoices (the amount is applied oldest due first; change any Apply cell):"
            if self.model.rowCount()
            else "No open invoices: the whole payment is kept as credit.",
            self,
        )
        invoices_label.setBuddy(self.view)
        invoices_label.setWordWrap(True)
        sums = self._sums()
        order: list[QWidget] = [self.date_edit, self.amount_edit, self.method_combo]
        order += [self.reference_edit, self.memo_edit, self.view]
        self.assemble(heading, above_table=[invoices_label], below_table=[sums], tab_order=order)
        self.amount_edit.textEdited.connect(self._amount_typed)
        self.model.applied_changed.connect(self.update_sums)
        self.view.setEnabled(self.model.rowCount() > 0)
        self.update_sums()
        self.resize(640, 500)
        self.amount_edit.setFocus()

    @property
    def payment(self) -> PaymentRecord | None:
        return self.record

    # -- the layout ------------------------------------------------------------------------

    def _heading(self, lists: OfficeLists) -> QFormLayout:
        """Who, on which job, when, how much (with its message line), how, and a memo."""
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setObjectName("paymentAmountEdit")
        self.amount_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount_edit.setPlaceholderText("0.00")
        self.amount_edit.setMaximumWidth(160)
        self.method_combo = QComboBox(self)
        self.method_combo.setObjectName("paymentMethodCombo")
        fill_combo(self.method_combo, lists.payment_methods, self.detail.payment_method_id)
        self.reference_edit = QLineEdit(self)
        self.reference_edit.setObjectName("paymentReferenceEdit")
        self.reference_edit.setPlaceholderText("Check number, card approval, …")
        self.memo_edit = QLineEdit(self)
        self.memo_edit.setObjectName("paymentMemoEdit")
        self.amount_message = QLabel(self)
        self.amount_message.setObjectName("paymentAmountMessage")
        form = self.fields_form = QFormLayout()
        form.addRow("Customer:", self.customer_edit)
        if self.detail.kind == "job":
            job = QLabel(escape(self.detail.full_name), self)
            job.setObjectName("paymentJobLabel")
            form.addRow("Taken on:", job)
        form.addRow("&Received on:", self.date_edit)
        form.addRow("&Amount:", self.amount_edit)
        form.addRow("", self.amount_message)
        form.setRowVisible(self.amount_message, False)
        form.addRow("&Method:", self.method_combo)
        form.addRow("Re&ference:", self.reference_edit)
        form.addRow("M&emo:", self.memo_edit)
        return form

    def _set_up_invoices(self) -> None:
        view = self.view
        view.setModel(self.model)
        view.setWordWrap(False)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.JOB, QHeaderView.ResizeMode.Stretch)
        widths = {Column.NUMBER: 60, Column.DATE: 90, Column.DUE: 90}
        widths |= {Column.OPEN: 100, Column.APPLY: 100}
        for column, width in widths.items():
            view.setColumnWidth(column, width)

    def _sums(self) -> QHBoxLayout:
        self.applied_label = QLabel(self)
        self.applied_label.setObjectName("appliedLabel")
        self.unapplied_label = QLabel(self)
        self.unapplied_label.setObjectName("unappliedLabel")
        sums = QHBoxLayout()
        sums.addStretch(1)
        sums.addWidget(QLabel("Applied:", self))
        sums.addWidget(self.applied_label)
        sums.addSpacing(16)
        sums.addWidget(QLabel("Unapplied credit:", self))
        sums.addWidget(self.unapplied_label)
        return sums

    # -- what is typed -----------------------------------------------------------------

    def amount(self) -> Decimal | None:
        """The amount typed; None when blank or not a number."""
        try:
            return read_money(self.amount_edit.text())
        except NumberTextError:
            return None

    def _amount_typed(self, text: str) -> None:
        try:
            value = read_money(text)
        except NumberTextError as error:
            self.say(self.amount_message, str(error))
            return
        self.fields_form.setRowVisible(self.amount_message, False)
        self.model.spread(value or ZERO)

    def update_sums(self) -> None:
        applied = self.model.applied_total()
        amount = self.amount() or ZERO
        if applied is None:
            self.applied_label.setText("—")
            self.unapplied_label.setText("—")
            return
        self.applied_label.setText(format_money(applied))
        left = amount - applied
        shown = format_money(left)
        if left < 0:
            shown = f'<span style="color:{COLOURS["error"]}">{shown}</span>'
        self.unapplied_label.setText(shown)
        self.unapplied_label.setToolTip(
            "More is applied than received." if left < 0 else "Kept as credit for the customer."
        )

    # -- saving -----------------------------------------------------------------------------

    def prepare_write(self) -> Callable[[], PaymentRecord] | None:
        try:
            amount = read_money(self.amount_edit.text())
        except NumberTextError as error:
            self.say(self.amount_message, str(error))
            self.amount_edit.setFocus()
            return None
        if amount is None or amount <= 0:
            self.say(self.amount_message, "Give the amount received.")
            self.amount_edit.setFocus()
            return None
        try:
            applications = self.model.applications()
        except ApplyError as error:
            self.say(self.message_label, error.message)
            self.focus_cell(error.row, Column.APPLY)
            return None
        applied = sum(applications.values(), ZERO)
        if applied > amount:
            self.say(
                self.message_label,
                f"{format_money(applied)} is applied but only {format_money(amount)} was "
                "received; lower an Apply amount or the payment.",
            )
            self.view.setFocus()
            return None
        payments, customer, node = self.company.payments, self.detail.customer_id, self.detail.id
        received_on, method = pydate(self.date_edit.date()), self.method_combo.currentData()
        reference = self.reference_edit.text().strip() or None
        memo = self.memo_edit.text().strip() or None
        return lambda: payments.add(
            customer=customer,
            amount=amount,
            received_on=received_on,
            payment_method_id=method,
            reference=reference,
            memo=memo,
            applications=applications,
            node=node,
        )

    def field_widgets(self) -> dict[str, QWidget]:
        return {
            "amount": self.amount_edit,
            "received_on": self.date_edit,
            "payment_method_id": self.method_combo,
            "reference": self.reference_edit,
            "memo": self.memo_edit,
        }

    def message_line_for(self, widget: QWidget | None) -> QLabel:
        return self.amount_message if widget is self.amount_edit else self.message_label

    def message_lines(self) -> list[QLabel]:
        return [self.amount_message, self.message_label]

    def clear_messages(self) -> None:
        super().clear_messages()
        self.fields_form.setRowVisible(self.amount_message, False)

    def say(self, label: QLabel, text: str) -> None:
        if label is self.amount_message:  # its row is hidden while it says nothing
            self.fields_form.setRowVisible(label, True)
        super().say(label, text)
