"""The Account tab (the customer page): balances, credit, jobs, invoices and payments.

For a customer it covers every job under it; for a job, that job and its sub-jobs. The
summary is read only while the tab is on show (selecting records in the list costs
nothing more), and again after every invoice, payment or void. New Job and the billing
buttons ask the form (``*_requested``), which fires pop-up notes first; Void and Print
work here.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from officemgr.core.records import (
    AccountSummary,
    InvoiceRecord,
    NodeDetail,
    PaymentRecord,
)
from officemgr.errors import OfficeMgrError
from officemgr.ui.billing.credit_override import ask_override
from officemgr.ui.billing.invoice_dialog import InvoiceDialog
from officemgr.ui.billing.invoice_print import InvoicePrinter
from officemgr.ui.billing.payment_dialog import PaymentDialog
from officemgr.ui.billing.void_dialog import VoidDialog
from officemgr.ui.changes import Changes
from officemgr.ui.column_widths import ContentFit
from officemgr.ui.customers.account_model import (
    AccountInvoicesModel,
    AccountJobsModel,
    AccountPaymentsModel,
    InvoiceColumn,
    JobColumn,
    PaymentColumn,
)
from officemgr.ui.customers.fields import COLOURS
from officemgr.ui.customers.read_on_show import ReadOnShowTab
from officemgr.ui.customers.tab_base import FormContext
from officemgr.ui.formatting import format_money
from officemgr.ui.preferences import current_employee

SUMMARY_FIELDS = (
    ("balance", "Open balance"),
    ("opening", "Opening balance"),  # shown only when there is one
    ("overdue", "Overdue"),
    ("unapplied", "Unapplied credit"),
    ("limit", "Credit limit"),
    ("available", "Available"),
)

T = TypeVar("T")


def _table(name: str, model: QAbstractItemModel, parent: QWidget, *, stretch: int) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    return view


def _titled(title: str, view: QTableView, parent: QWidget) -> QWidget:
    box = QWidget(parent)
    label = QLabel(title, box)
    label.setBuddy(view)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(label)
    layout.addWidget(view, 1)
    return box


class AccountTab(ReadOnShowTab):
    """See the module docstring."""

    title = "Account"
    open_requested = Signal(int)
    new_job_requested = Signal(int)
    new_invoice_requested = Signal()
    payment_requested = Signal()
    status_message = Signal(str)
    refreshed = Signal()

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountTab")
        self.ctx = ctx
        self.detail: NodeDetail | None = None
        self.summary: AccountSummary | None = None
        self.mark_stale()  # nothing read yet
        self.printer = InvoicePrinter(self)
        strip = self._summary_strip()
        buttons = self._command_buttons()
        self.message_label = QLabel(self)
        self.message_label.setObjectName("accountMessage")
        self.message_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.message_label.hide()
        tables = self._tables()
        self._lay_out(strip, buttons, tables)
        ctx.hub.changed.connect(self._hub_changed)
        self._update_buttons()

    def _summary_strip(self) -> QFrame:
        """The figures in a row (caption over value), and the credit hold under them."""
        strip = QFrame(self)
        strip.setObjectName("accountSummary")
        strip.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(strip)
        grid.setHorizontalSpacing(18)
        self.values: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        for column, (key, title) in enumerate(SUMMARY_FIELDS):
            caption = QLabel(title, strip)
            caption.setStyleSheet(f"color: {COLOURS['info']};")
            value = QLabel(strip)
            value.setObjectName(f"{key}Value")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            font = value.font()
            font.setPointSizeF(font.pointSizeF() * 1.15)
            font.setBold(True)
            value.setFont(font)
            grid.addWidget(caption, 0, column)
            grid.addWidget(value, 1, column)
            self.values[key] = value
            self.captions[key] = caption
        grid.setColumnStretch(len(SUMMARY_FIELDS), 1)
        self.hold_label = QLabel(strip)
        self.hold_label.setObjectName("accountHoldLabel")
        # One line, no word wrap: a wrapping label would make the scroll area size the
        # page by its preferred height and push the tables out of sight.
        self.hold_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.hold_label.setStyleSheet(f"color: {COLOURS['error']}; font-weight: bold;")
        grid.addWidget(self.hold_label, 2, 0, 1, len(SUMMARY_FIELDS) + 1)
        self.hold_label.hide()
        return strip

    def _command_buttons(self) -> QHBoxLayout:
        def button(text: str, name: str, tip: str) -> QPushButton:
            made = QPushButton(text, self)
            made.setObjectName(name)
            made.setToolTip(tip)
            return made

        self.new_job_button = button(
            "New &Job…", "accountNewJobButton", "Start a new job here, with these details copied"
        )
        self.new_invoice_button = button(
            "New &Invoice…", "accountNewInvoiceButton", "Invoice this customer or job (Ctrl+I)"
        )
        self.payment_button = button(
            "Receive &Payment…", "accountPaymentButton", "Take a payment from this customer"
        )
        self.void_button = button(
            "V&oid…", "accountVoidButton", "Void the selected invoice or payment (with a reason)"
        )
        self.print_button = button(
            "Prin&t Invoice…", "accountPrintButton", "Preview, print or save the selected invoice"
        )
        self.new_job_button.clicked.connect(self._new_job)
        self.new_invoice_button.clicked.connect(self.new_invoice_requested.emit)
        self.payment_button.clicked.connect(self.payment_requested.emit)
        self.void_button.clicked.connect(self.void_selected)
        self.print_button.clicked.connect(self.print_invoice)
        buttons = QHBoxLayout()
        for made in (self.new_job_button, self.new_invoice_button, self.payment_button):
            buttons.addWidget(made)
        buttons.addStretch(1)
        buttons.addWidget(self.void_button)
        buttons.addWidget(self.print_button)
        return buttons

    def _tables(self) -> QSplitter:
        """Jobs, invoices and payments, one above the other."""
        self.jobs_model = AccountJobsModel(self)
        self.invoices_model = AccountInvoicesModel(self)
        self.payments_model = AccountPaymentsModel(self)
        self.jobs_view = _table("accountJobsView", self.jobs_model, self, stretch=JobColumn.JOB)
        self.invoices_view = _table(
            "accountInvoicesView", self.invoices_model, self, stretch=InvoiceColumn.JOB
        )
        self.payments_view = _table(
            "accountPaymentsView", self.payments_model, self, stretch=PaymentColumn.STATUS
        )
        self._set_column_widths()
        # Dates, amounts and statuses whole; the job's name takes the rest.
        self.column_fits = [
            ContentFit(view) for view in (self.jobs_view, self.invoices_view, self.payments_view)
        ]
        # Enter and double-click (``activated``) open the job in the form.
        self.jobs_view.activated.connect(self._open_job)
        self.invoices_view.activated.connect(lambda _index: self.print_invoice())
        self.invoices_view.selectionModel().selectionChanged.connect(
            lambda *_: self._picked(self.invoices_view)
        )
        self.payments_view.selectionModel().selectionChanged.connect(
            lambda *_: self._picked(self.payments_view)
        )
        self._picked_view: QTableView | None = None
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("accountSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(_titled("Jo&bs (Enter opens the job):", self.jobs_view, self))
        splitter.addWidget(_titled("I&nvoices:", self.invoices_view, self))
        splitter.addWidget(_titled("Pa&yments:", self.payments_view, self))
        for index, stretch in enumerate((2, 3, 2)):
            splitter.setStretchFactor(index, stretch)
        return splitter

    def _set_column_widths(self) -> None:
        # "Overdue 594 days" in full; the job name takes what is left
        status = self.fontMetrics().horizontalAdvance("Overdue 9999 days") + 16
        widths: list[tuple[QTableView, dict[int, int]]] = [
            (self.jobs_view, {JobColumn.JOB: 260, JobColumn.STATUS: 100, JobColumn.CREATED: 95}),
            (
                self.invoices_view,
                {
                    InvoiceColumn.NUMBER: 55,
                    InvoiceColumn.DATE: 85,
                    InvoiceColumn.DUE: 85,
                    InvoiceColumn.TOTAL: 85,
                    InvoiceColumn.PAID: 85,
                    InvoiceColumn.OPEN: 85,
                    InvoiceColumn.STATUS: status,
                },
            ),
            (
                self.payments_view,
                {
                    PaymentColumn.DATE: 90,
                    PaymentColumn.METHOD: 110,
                    PaymentColumn.REFERENCE: 120,
                    PaymentColumn.AMOUNT: 95,
                    PaymentColumn.UNAPPLIED: 95,
                },
            ),
        ]
        for view, columns in widths:
            for column, width in columns.items():
                view.setColumnWidth(column, width)

    def _lay_out(self, strip: QFrame, buttons: QHBoxLayout, tables: QSplitter) -> None:
        # In a scroll area, like the other tabs: a small window still fits the form.
        body = QWidget(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(body)
        layout.addWidget(strip)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)
        layout.addWidget(tables, 1)
        chain: list[QWidget] = [
            self.new_job_button,
            self.new_invoice_button,
            self.payment_button,
            self.void_button,
            self.print_button,
            self.jobs_view,
            self.invoices_view,
            self.payments_view,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- what is shown ------------------------------------------------------------------

    @property
    def saved(self) -> bool:
        return self.detail is not None and bool(self.detail.id)

    def load(self, detail: NodeDetail, *, new: bool = False) -> None:
        """Show ``detail``'s account; read only now if the tab is on show, else when shown."""
        self.detail = None if new else detail
        if not self.read_when_shown():
            self._update_buttons()

    def refresh(self) -> None:
        """Read the summary again (a few Core selects) and show it."""
        self.mark_read()
        self.message_label.hide()
        detail = self.detail
        if detail is None or not detail.id:
            self.summary = None
            for model in (self.jobs_model, self.invoices_model, self.payments_model):
                model.set_records([])
            for value in self.values.values():
                value.setText("")
            self.hold_label.hide()
            self._say("Save the record first; then it can be invoiced and paid.")
            self._update_buttons()
            return
        try:
            summary = self.ctx.company.accounts.summary(detail.id)
        except OfficeMgrError as error:
            self._say(str(error))
            return
        self.summary = summary
        self._show_summary(summary)
        self._update_buttons()
        self.refreshed.emit()

    def _show_summary(self, summary: AccountSummary) -> None:
        name = summary.customer_name
        today = summary.as_of
        self.jobs_model.set_rows(summary.jobs, customer_name=name, today=today)
        self.invoices_model.set_rows(summary.invoices, customer_name=name, today=today)
        self.payments_model.set_rows(summary.payments, customer_name=name, today=today)
        for fit in self.column_fits:
            fit.fit()
        values = self.values
        values["balance"].setText(format_money(summary.balance))
        # Part of the balance that no invoice explains: say where it comes from.
        has_opening = summary.opening_balance != 0
        values["opening"].setText(format_money(summary.opening_balance))
        values["opening"].setVisible(has_opening)
        self.captions["opening"].setVisible(has_opening)
        values["overdue"].setText(format_money(summary.overdue))
        overdue_colour = COLOURS["error"] if summary.overdue > 0 else "palette(text)"
        values["overdue"].setStyleSheet(f"color: {overdue_colour};")
        values["unapplied"].setText(format_money(summary.unapplied_credit))
        values["limit"].setText(
            format_money(summary.credit_limit) if summary.credit_limit is not None else "None"
        )
        available = summary.available_credit
        values["available"].setText("—" if available is None else format_money(available))
        short = available is not None and available < 0
        values["available"].setStyleSheet(
            f"color: {COLOURS['error'] if short else 'palette(text)'};"
        )
        if summary.credit_hold:
            reason = f": {summary.credit_hold_reason}" if summary.credit_hold_reason else ""
            self.hold_label.setText(f"On credit hold{reason}")
            self.hold_label.setToolTip(self.hold_label.text())
            self.hold_label.show()
        else:
            self.hold_label.hide()

    def _say(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setToolTip(text)
        self.message_label.show()

    def _picked(self, view: QTableView) -> None:
        if view.selectionModel().hasSelection():
            self._picked_view = view
            other = self.payments_view if view is self.invoices_view else self.invoices_view
            other.clearSelection()
        self._update_buttons()

    def selected_invoice(self) -> InvoiceRecord | None:
        rows = self.invoices_view.selectionModel().selectedRows()
        return self.invoices_model.record(rows[0].row()) if rows else None

    def selected_payment(self) -> PaymentRecord | None:
        rows = self.payments_view.selectionModel().selectedRows()
        return self.payments_model.record(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        saved = self.saved
        for made in (self.new_job_button, self.new_invoice_button, self.payment_button):
            made.setEnabled(saved)
        invoice, payment = self.selected_invoice(), self.selected_payment()
        live_invoice = invoice is not None and invoice.status != "void"
        live_payment = payment is not None and not payment.is_void
        self.void_button.setEnabled(saved and (live_invoice or live_payment))
        self.print_button.setEnabled(saved and invoice is not None)

    def _hub_changed(self, changes: Changes, initiator: object) -> None:
        # The form reloads this tab when its record changes; billing written elsewhere
        # (another tab, a menu command) is read again here.
        if initiator is self or not changes.billing or self.detail is None:
            return
        related = changes.node_id is None or changes.node_id in (
            self.detail.id,
            self.detail.customer_id,
        )
        if not related:
            return
        self.read_when_shown()

    # -- commands ------------------------------------------------------------------------

    def _new_job(self) -> None:
        if self.detail is not None and self.detail.id:
            self.new_job_requested.emit(self.detail.id)

    def _open_job(self, index: QModelIndex) -> None:
        job = self.jobs_model.record(index.row())
        if job is not None:
            self.open_requested.emit(job.id)

    def new_invoice(self) -> InvoiceRecord | None:
        """The New Invoice dialog (after the credit check); the invoice saved, or None."""
        detail = self.detail
        if detail is None or not detail.id:
            return None
        override = self.credit_override(detail, action="create an invoice")
        if override is None:
            return None
        lists = self.ctx.lists
        assert lists is not None
        dialog = InvoiceDialog(
            self.ctx.company,
            detail,
            lists,
            self.window(),
            credit_override=override or None,
            run=self._run,
        )
        if dialog.exec() != InvoiceDialog.DialogCode.Accepted or dialog.invoice is None:
            return None
        invoice = dialog.invoice
        self._written(f"{invoice.name} for {format_money(invoice.total)} saved.")
        self.select_invoice(invoice.id)
        return invoice

    def credit_override(self, detail: NodeDetail, *, action: str) -> str | None:
        """Before billable work: "" when nothing is in the way, the reason given for an
        override, or None when the user stopped."""
        try:
            check = self.ctx.company.accounts.credit_check(detail.id)
        except OfficeMgrError as error:
            QMessageBox.warning(self, "Credit Check", str(error))
            return None
        if not check.needs_override:
            return ""
        return ask_override(self.window(), check, action=action)

    def receive_payment(self) -> PaymentRecord | None:
        detail = self.detail
        if detail is None or not detail.id:
            return None
        lists = self.ctx.lists
        assert lists is not None
        dialog = PaymentDialog(self.ctx.company, detail, lists, self.window(), run=self._run)
        if dialog.exec() != PaymentDialog.DialogCode.Accepted or dialog.payment is None:
            return None
        payment = dialog.payment
        left = f"; {format_money(payment.unapplied)} kept as credit" if payment.unapplied else ""
        self._written(f"Payment of {format_money(payment.amount)} saved{left}.")
        return payment

    def void_selected(self) -> bool:
        """Void the selected invoice or payment, with a reason; True when voided."""
        payment = self.selected_payment()
        if self._picked_view is self.payments_view and payment is not None:
            return self._void_payment(payment)
        invoice = self.selected_invoice()
        if invoice is not None:
            return self._void_invoice(invoice)
        return self._void_payment(payment) if payment is not None else False

    def _void_invoice(self, invoice: InvoiceRecord) -> bool:
        if invoice.status == "void":
            return False
        what = f"{invoice.name} for {format_money(invoice.total)}"
        reason = VoidDialog(what, self.window()).ask()
        if reason is None:
            return False
        invoices, by = self.ctx.company.invoices, current_employee()
        try:
            self._run(
                lambda: invoices.void(
                    invoice.id, reason=reason, by=by, expected_version=invoice.version
                )
            )
        except OfficeMgrError as error:
            QMessageBox.warning(self, "Void Invoice", str(error))
            return False
        self._written(f"{invoice.name} voided.")
        return True

    def _void_payment(self, payment: PaymentRecord) -> bool:
        if payment.is_void:
            return False
        what = f"the payment of {format_money(payment.amount)} received {payment.received_on}"
        reason = VoidDialog(
            what, self.window(), consequence="The invoices it paid will be owed again."
        ).ask()
        if reason is None:
            return False
        payments, by = self.ctx.company.payments, current_employee()
        try:
            self._run(
                lambda: payments.void(
                    payment.id, reason=reason, by=by, expected_version=payment.version
                )
            )
        except OfficeMgrError as error:
            QMessageBox.warning(self, "Void Payment", str(error))
            return False
        self._written("Payment voided.")
        return True

    def print_invoice(self) -> None:
        """Preview the selected invoice as its PDF (print or save it from the preview)."""
        invoice = self.selected_invoice()
        if invoice is None or self.printer.busy:
            return
        self.printer.show_invoice(str(self.ctx.company.location), invoice.id, invoice.number)
        self.status_message.emit(f"Making {invoice.name}…")

    def select_invoice(self, invoice_id: int) -> None:
        for row, invoice in enumerate(self.invoices_model.records()):
            if invoice.id == invoice_id:
                self.invoices_view.selectRow(row)
                return

    def _run(self, work: Callable[[], T]) -> T:
        """A write of this tab, through the window's operations (the other views hear of
        it; this tab shows it itself)."""
        return self.ctx.run(work, initiator=self)

    def _written(self, text: str) -> None:
        self.refresh()
        self.status_message.emit(text)
