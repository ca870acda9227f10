"""The Receive Payment dialog: amount, method, reference, and where the money goes.

The open invoices of the customer (all its jobs) are listed oldest due first; typing the
amount spreads it over them, each Apply cell can be changed, and what is left shows as
unapplied credit. The dialog saves through ``co.payments.add`` with the applications
shown, and stays open with everything typed when the payment is refused.
"""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from html import escape
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from officemgr.core.records import NodeDetail, OfficeLists, PaymentRecord
from officemgr.errors import OfficeMgrError, ValidationError
from officemgr.ui.billing.choices import fill_combo
from officemgr.ui.billing.invoice_dialog import pydate, qdate
from officemgr.ui.billing.payment_apply_model import ApplyError, Column, PaymentApplyModel
from officemgr.ui.customers.fields import COLOURS
from officemgr.ui.formatting import NumberTextError, format_money, read_money
from officemgr.ui.operations import Runner, run_here

ZERO = Decimal(0)


class PaymentDialog(QDialog):
    """A payment from ``detail``'s customer (taken on ``detail``); ``payment`` once saved."""

    def __init__(
        self,
        company: Any,
        detail: NodeDetail,
        lists: OfficeLists,
        parent: QWidget | None,
        *,
        run: Runner = run_here,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self.setWindowTitle("Receive Payment")
        self.company = company
        self.run = run  # the window's operations: the save runs off the GUI thread
        self.detail = detail
        self.payment: PaymentRecord | None = None
        self.model = PaymentApplyModel(company.invoices.open_for(detail.customer_id), self)

        self.customer_edit = QLineEdit(detail.customer_name, self)
        self.customer_edit.setObjectName("paymentCustomerEdit")
        self.customer_edit.setReadOnly(True)
        self.customer_edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.date_edit = QDateEdit(qdate(date.today()), self)
        self.date_edit.setObjectName("receivedOnEdit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setObjectName("paymentAmountEdit")
        self.amount_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount_edit.setPlaceholderText("0.00")
        self.amount_edit.setMaximumWidth(160)
        self.method_combo = QComboBox(self)
        self.method_combo.setObjectName("paymentMethodCombo")
        fill_combo(self.method_combo, lists.payment_methods, detail.payment_method_id)
        self.reference_edit = QLineEdit(self)
        self.reference_edit.setObjectName("paymentReferenceEdit")
        self.reference_edit.setPlaceholderText("Check number, card approval, …")
        self.memo_edit = QLineEdit(self)
        self.memo_edit.setObjectName("paymentMemoEdit")
        self.amount_message = QLabel(self)
        self.amount_message.setObjectName("paymentAmountMessage")
        form = QFormLayout()
        self.form = form
        form.addRow("Customer:", self.customer_edit)
        if detail.kind == "job":
            job = QLabel(escape(detail.full_name), self)
            job.setObjectName("paymentJobLabel")
            form.addRow("Taken on:", job)
        form.addRow("&Received on:", self.date_edit)
        form.addRow("&Amount:", self.amount_edit)
        form.addRow("", self.amount_message)
        form.setRowVisible(self.amount_message, False)
        form.addRow("&Method:", self.method_combo)
        form.addRow("Re&ference:", self.reference_edit)
        form.addRow("M&emo:", self.memo_edit)

        self.view = QTableView(self)
        self.view.setObjectName("openInvoicesView")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.JOB, QHeaderView.ResizeMode.Stretch)
        widths = {Column.NUMBER: 60, Column.DATE: 90, Column.DUE: 90}
        widths |= {Column.OPEN: 100, Column.APPLY: 100}
        for column, width in widths.items():
            self.view.setColumnWidth(column, width)
        invoices_label = QLabel(
            "&Open invoices (the amount is applied oldest due first; change any Apply cell):"
            if self.model.rowCount()
            else "No open invoices: the whole payment is kept as credit.",
            self,
        )
        invoices_label.setBuddy(self.view)
        invoices_label.setWordWrap(True)
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
        self.message_label = QLabel(self)
        self.message_label.setObjectName("paymentMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("buttonBox")
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Save Payment")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(invoices_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(sums)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        order: list[QWidget] = [self.date_edit, self.amount_edit, self.method_combo]
        order += [self.reference_edit, self.memo_edit, self.view, self.buttons]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        self.amount_edit.textEdited.connect(self._amount_typed)
        self.model.applied_changed.connect(self.update_sums)
        self.view.setEnabled(self.model.rowCount() > 0)
        self.update_sums()
        self.resize(640, 500)
        self.amount_edit.setFocus()

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
            self._say(self.amount_message, str(error))
            return
        self.form.setRowVisible(self.amount_message, False)
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

    def save(self) -> None:
        self.message_label.hide()
        self.form.setRowVisible(self.amount_message, False)
        try:
            amount = read_money(self.amount_edit.text())
        except NumberTextError as error:
            self._say(self.amount_message, str(error))
            self.amount_edit.setFocus()
            return
        if amount is None or amount <= 0:
            self._say(self.amount_message, "Give the amount received.")
            self.amount_edit.setFocus()
            return
        try:
            applications = self.model.applications()
        except ApplyError as error:
            self._show_apply_error(error.row, error.message)
            return
        applied = sum(applications.values(), ZERO)
        if applied > amount:
            self._say(
                self.message_label,
                f"{format_money(applied)} is applied but only {format_money(amount)} was "
                "received; lower an Apply amount or the payment.",
            )
            self.view.setFocus()
            return
        try:
            payment = dict(
                customer=self.detail.customer_id,
                amount=amount,
                received_on=pydate(self.date_edit.date()),
                payment_method_id=self.method_combo.currentData(),
                reference=self.reference_edit.text().strip() or None,
                memo=self.memo_edit.text().strip() or None,
                applications=applications,
                node=self.detail.id,
            )
            payments = self.company.payments
            self.payment = self.run(lambda: payments.add(**payment))
        except ValidationError as error:
            target = {
                "amount": self.amount_edit,
                "received_on": self.date_edit,
                "payment_method_id": self.method_combo,
                "reference": self.reference_edit,
                "memo": self.memo_edit,
            }.get((error.field or "").split(".")[0])
            label = self.amount_message if target is self.amount_edit else self.message_label
            self._say(label, error.message)
            if target is not None:
                target.setFocus()
            return
        except OfficeMgrError as error:
            self._say(self.message_label, str(error))
            return
        self.accept()

    def _show_apply_error(self, row: int, message: str) -> None:
        self._say(self.message_label, message)
        index = self.model.index(row, Column.APPLY)
        self.view.setFocus()
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def _say(self, label: QLabel, text: str) -> None:
        label.setText(f'<span style="color:{COLOURS["error"]}">{escape(text)}</span>')
        label.setToolTip(text)
        if label is self.amount_message:
            self.form.setRowVisible(label, True)
        label.show()

    def errors(self) -> list[str]:
        return [
            label.toolTip()
            for label in (self.amount_message, self.message_label)
            if not label.isHidden()
        ]
