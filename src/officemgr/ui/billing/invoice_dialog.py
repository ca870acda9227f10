"""The New Invoice dialog: lines typed or taken from the job, tax and due date live.

The invoice is saved by the dialog itself, so a refusal (a bad line, a credit hold) is
shown in place and nothing typed is lost. A customer on hold or over its limit gets the
credit warning; the reason given goes with the invoice to ``co.invoices.add``.
"""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from html import escape
from typing import Any

from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from officemgr.core.records import CreditCheck, InvoiceRecord, NodeDetail, OfficeLists
from officemgr.errors import CreditHoldError, OfficeMgrError, ValidationError
from officemgr.ui.billing.choices import fill_combo
from officemgr.ui.billing.credit_override import ask_override
from officemgr.ui.billing.invoice_lines_model import FIELDS, Column, InvoiceLinesModel, LineError
from officemgr.ui.customers.fields import COLOURS
from officemgr.ui.formatting import format_money
from officemgr.ui.operations import Runner, run_here
from officemgr.ui.preferences import current_employee

SOURCES = (("services", "&Services"), ("estimate", "&Estimate"), ("final", "&Final"))
SOURCE_NAMES = {"services": "requested services", "estimate": "estimate", "final": "final figures"}


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class InvoiceDialog(QDialog):
    """A new invoice for ``detail`` (a customer or job); ``invoice`` is set once saved."""

    def __init__(
        self,
        company: Any,
        detail: NodeDetail,
        lists: OfficeLists,
        parent: QWidget | None,
        *,
        credit_override: str | None = None,
        run: Runner = run_here,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("invoiceDialog")
        self.setWindowTitle("New Invoice")
        self.company = company
        self.run = run  # the window's operations: the save runs off the GUI thread
        self.detail = detail
        self.credit_override = credit_override
        self.invoice: InvoiceRecord | None = None
        tax_code = next((t for t in lists.tax_codes if t.id == detail.tax_code_id), None)
        self.tax_code = tax_code
        taxable = tax_code.is_taxable if tax_code is not None else True
        self.model = InvoiceLinesModel(self, taxable_default=taxable)

        # -- heading: who, number, date, terms, due ------------------------------------
        self.node_edit = QLineEdit(detail.full_name, self)
        self.node_edit.setObjectName("invoiceNodeEdit")
        self.node_edit.setReadOnly(True)
        self.node_edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.number_label = QLabel(str(company.invoices.next_number()), self)
        self.number_label.setObjectName("invoiceNumberLabel")
        self.date_edit = QDateEdit(qdate(date.today()), self)
        self.date_edit.setObjectName("invoiceDateEdit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.terms_combo = QComboBox(self)
        self.terms_combo.setObjectName("termsCombo")
        fill_combo(self.terms_combo, lists.terms, detail.terms_id)
        self.due_label = QLabel(self)
        self.due_label.setObjectName("dueDateLabel")
        left = QFormLayout()
        left.addRow("Customer:&Job:", self.node_edit)
        left.addRow("Invoice no.:", self.number_label)
        right = QFormLayout()
        right.addRow("&Date:", self.date_edit)
        right.addRow("&Terms:", self.terms_combo)
        right.addRow("Due date:", self.due_label)
        heading = QHBoxLayout()
        heading.addLayout(left, 3)
        heading.addSpacing(16)
        heading.addLayout(right, 2)

        # -- lines -----------------------------------------------------------------------
        self.view = QTableView(self)
        self.view.setObjectName("invoiceLinesView")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for column, width in ((Column.QUANTITY, 70), (Column.RATE, 95), (Column.AMOUNT, 100)):
            self.view.setColumnWidth(column, width)
        self.view.setColumnWidth(Column.TAXABLE, 70)
        self.add_line_button = QPushButton("&Add Line", self)
        self.add_line_button.setObjectName("addLineButton")
        self.add_line_button.clicked.connect(self.add_line)
        self.remove_line_button = QPushButton("&Remove Line", self)
        self.remove_line_button.setObjectName("removeLineButton")
        self.remove_line_button.clicked.connect(self.remove_line)
        line_buttons = QHBoxLayout()
        line_buttons.addWidget(self.add_line_button)
        line_buttons.addWidget(self.remove_line_button)
        line_buttons.addStretch(1)
        line_buttons.addWidget(QLabel("Fill from:", self))
        self.fill_buttons: dict[str, QPushButton] = {}
        is_job = detail.kind == "job"
        for source, text in SOURCES:
            button = QPushButton(text, self)
            button.setObjectName(f"fill{source.title()}Button")
            button.setToolTip(
                f"Add the job's {SOURCE_NAMES[source]} as lines"
                if is_job
                else "Lines come from a job: open the job to invoice its work"
            )
            button.setEnabled(is_job)
            button.clicked.connect(lambda _checked=False, s=source: self.fill_from(s))
            line_buttons.addWidget(button)
            self.fill_buttons[source] = button
        self.lines_message = QLabel(self)
        self.lines_message.setObjectName("linesMessage")
        self.lines_message.setWordWrap(True)
        self.lines_message.hide()

        # -- totals and memo -----------------------------------------------------------
        self.subtotal_label = self._amount_label("subtotalLabel")
        self.tax_label = self._amount_label("taxLabel")
        self.total_label = self._amount_label("totalLabel")
        bold = self.total_label.font()
        bold.setBold(True)
        self.total_label.setFont(bold)
        tax_title = "Tax:"
        if tax_code is not None:
            rate = f"{tax_code.rate_percent.normalize():f}%"
            named = tax_code.name.casefold() != "tax"
            tax_title = f"Tax ({tax_code.name} {rate}):" if named else f"Tax ({rate}):"
        totals = QGridLayout()
        totals.setColumnStretch(0, 1)
        for row, (title, label) in enumerate(
            (
                ("Subtotal:", self.subtotal_label),
                (tax_title, self.tax_label),
                ("Total:", self.total_label),
            )
        ):
            title_label = QLabel(title, self)
            title_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            totals.addWidget(title_label, row, 1)
            totals.addWidget(label, row, 2)
        self.memo_edit = QLineEdit(self)
        self.memo_edit.setObjectName("invoiceMemoEdit")
        self.memo_edit.setPlaceholderText("Printed on the invoice")
        memo_form = QFormLayout()
        memo_form.addRow("&Memo:", self.memo_edit)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("invoiceMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("buttonBox")
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Sa&ve Invoice")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.view, 1)
        layout.addLayout(line_buttons)
        layout.addWidget(self.lines_message)
        layout.addLayout(totals)
        layout.addLayout(memo_form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)

        order: list[QWidget] = [self.date_edit, self.terms_combo, self.view]
        order += [self.add_line_button, self.remove_line_button, *self.fill_buttons.values()]
        order += [self.memo_edit, self.buttons]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        self.model.lines_changed.connect(self.update_totals)
        self.date_edit.dateChanged.connect(self.update_due_date)
        self.terms_combo.currentIndexChanged.connect(self.update_due_date)
        self.model.add_row()
        self.update_due_date()
        self.resize(720, 520)
        self.view.setFocus()
        self.view.setCurrentIndex(self.model.index(0, Column.DESCRIPTION))

    def _amount_label(self, name: str) -> QLabel:
        label = QLabel(format_money(Decimal(0)), self)
        label.setObjectName(name)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        label.setMinimumWidth(110)
        return label

    # -- what is typed -------------------------------------------------------------------

    @property
    def invoice_date(self) -> date:
        return pydate(self.date_edit.date())

    @property
    def terms_id(self) -> int | None:
        data = self.terms_combo.currentData()
        return int(data) if data is not None else None

    def add_line(self) -> None:
        row = self.model.add_row()
        index = self.model.index(row, Column.DESCRIPTION)
        self.view.setCurrentIndex(index)
        self.view.setFocus()
        self.view.edit(index)

    def remove_line(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.remove_row(index.row())

    def fill_from(self, source: str) -> None:
        """Add the job's services, estimate or final figures below the lines typed."""
        try:
            found = self.company.invoices.suggested_lines(self.detail.id, source=source)
        except OfficeMgrError as error:
            self._say(self.lines_message, str(error))
            return
        if not found:
            self._say(self.lines_message, f"This job has no {SOURCE_NAMES[source]} yet.")
            return
        self.model.append_lines(found)
        self.lines_message.hide()

    def update_due_date(self) -> None:
        try:
            due = self.company.invoices.due_date_for(
                self.detail.id, invoice_date=self.invoice_date, terms_id=self.terms_id
            )
        except OfficeMgrError as error:
            self.due_label.setText(str(error))
            return
        self.due_label.setText(due.isoformat())

    def update_totals(self) -> None:
        try:
            lines = self.model.lines()
            zero = Decimal(0)
            subtotal, tax, total = (
                self.company.invoices.tax_for(self.detail.id, lines=lines)
                if lines
                else (zero, zero, zero)
            )
        except (LineError, OfficeMgrError):
            for label in (self.tax_label, self.total_label):
                label.setText("—")
            self.subtotal_label.setText("—")
            return
        self.subtotal_label.setText(format_money(subtotal))
        self.tax_label.setText(format_money(tax))
        self.total_label.setText(format_money(total))

    # -- saving ---------------------------------------------------------------------------

    def save(self) -> None:
        """Save the invoice; on a refusal show why and stay open with everything typed."""
        self.message_label.hide()
        self.lines_message.hide()
        try:
            lines = self.model.lines()
        except LineError as error:
            self._show_line_error(error.row, error.column, error.message)
            return
        if not lines:
            self._say(self.lines_message, "Add at least one line to invoice.")
            self.view.setFocus()
            return
        while True:
            try:
                invoice = dict(
                    node=self.detail.id,
                    lines=lines,
                    invoice_date=self.invoice_date,
                    terms_id=self.terms_id,
                    memo=self.memo_edit.text().strip() or None,
                    credit_override=self.credit_override,
                    by=current_employee(),
                )
                invoices = self.company.invoices
                self.invoice = self.run(lambda: invoices.add(**invoice))  # noqa: B023
            except CreditHoldError as error:
                if not isinstance(error.check, CreditCheck):
                    self._say(self.message_label, str(error))
                    return
                reason = ask_override(
                    self,
                    error.check,
                    action="create this invoice",
                    reason=self.credit_override or "",
                )
                if reason is None:
                    return
                self.credit_override = reason
                continue
            except ValidationError as error:
                self._show_validation(error)
                return
            except OfficeMgrError as error:
                self._say(self.message_label, str(error))
                return
            break
        self.accept()

    def _show_validation(self, error: ValidationError) -> None:
        field = error.field or ""
        parts = field.split(".")
        if parts[0] == "lines" and len(parts) >= 2 and parts[1].isdigit():
            row = self.model.line_row(int(parts[1]))
            column = FIELDS.get(parts[2] if len(parts) > 2 else "", Column.DESCRIPTION)
            if row >= 0:
                self.model.set_error(row, column, error.message)
                self._show_line_error(row, column, error.message)
                return
        if parts[0] == "lines":
            self._say(self.lines_message, error.message)
            self.view.setFocus()
            return
        target = {
            "invoice_date": self.date_edit,
            "terms_id": self.terms_combo,
            "memo": self.memo_edit,
        }.get(parts[0])
        self._say(self.message_label, error.message)
        if target is not None:
            target.setFocus()

    def _show_line_error(self, row: int, column: Column, message: str) -> None:
        self._say(self.lines_message, f"Line {row + 1}: {message}")
        index = self.model.index(row, column)
        self.view.setFocus()
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(index)

    def _say(self, label: QLabel, text: str) -> None:
        label.setText(f'<span style="color:{COLOURS["error"]}">{escape(text)}</span>')
        label.setToolTip(text)
        label.show()

    def errors(self) -> list[str]:
        """The messages on show (for tests and the status line)."""
        return [
            label.toolTip()
            for label in (self.lines_message, self.message_label)
            if not label.isHidden()
        ]
