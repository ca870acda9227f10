"""The New Invoice dialog: lines typed or taken from the job, tax and due date live.

The invoice is saved by the dialog itself, so a refusal (a bad line, a credit hold) is
shown in place and nothing typed is lost. A customer on hold or over its limit gets the
credit warning; the reason given goes with the invoice to ``co.invoices.add``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from officemgr.core.records import CreditCheck, InvoiceRecord, NodeDetail, OfficeLists
from officemgr.errors import CreditHoldError, OfficeMgrError, ValidationError
from officemgr.ui.billing.choices import fill_combo
from officemgr.ui.billing.credit_override import ask_override
from officemgr.ui.billing.invoice_lines_model import FIELDS, Column, InvoiceLinesModel, LineError
from officemgr.ui.billing.invoice_lines_view import InvoiceLinesView
from officemgr.ui.billing.money_dialog import DialogNames, MoneyDialog, message_line, pydate
from officemgr.ui.column_widths import keep_column_widths
from officemgr.ui.formatting import format_money
from officemgr.ui.operations import Runner, run_here
from officemgr.ui.preferences import current_employee

if TYPE_CHECKING:
    from officemgr.company import Company

SOURCES = (("services", "&Services"), ("estimate", "&Estimate"), ("final", "&Final"))
SOURCE_NAMES = {"services": "requested services", "estimate": "estimate", "final": "final figures"}


class InvoiceDialog(MoneyDialog[InvoiceRecord]):
    """A new invoice for ``detail`` (a customer or job); ``invoice`` is set once saved."""

    names = DialogNames(
        dialog="invoiceDialog",
        customer="invoiceNodeEdit",
        date="invoiceDateEdit",
        table="invoiceLinesView",
        message="invoiceMessage",
    )
    title = "New Invoice"
    ok_text = "Sa&ve Invoice"
    view_class = InvoiceLinesView

    def __init__(
        self,
        company: Company,
        detail: NodeDetail,
        lists: OfficeLists,
        parent: QWidget | None,
        *,
        credit_override: str | None = None,
        run: Runner[InvoiceRecord] = run_here,
    ) -> None:
        super().__init__(company, detail, parent, customer=detail.full_name, run=run)
        self.credit_override = credit_override
        self.tax_code = next((t for t in lists.tax_codes if t.id == detail.tax_code_id), None)
        taxable = self.tax_code.is_taxable if self.tax_code is not None else True
        self.model = InvoiceLinesModel(self, taxable_default=taxable)
        self.error_line: QPersistentModelIndex | None = None  # the line the message is about
        heading = self._heading(lists)
        self._set_up_lines()
        self.column_widths = keep_column_widths(self.view)
        line_buttons = self._line_buttons()
        self.lines_message = message_line("linesMessage", self)
        totals = self._totals()
        self.memo_edit = QLineEdit(self)
        self.memo_edit.setObjectName("invoiceMemoEdit")
        self.memo_edit.setPlaceholderText("Printed on the invoice")
        memo_form = QFormLayout()
        memo_form.addRow("&Memo:", self.memo_edit)
        order: list[QWidget] = [self.date_edit, self.terms_combo, self.view]
        order += [self.add_line_button, self.remove_line_button, *self.fill_buttons.values()]
        self.assemble(
            heading,
            below_table=[line_buttons, self.lines_message, totals, memo_form],
            tab_order=[*order, self.memo_edit],
        )
        self.model.lines_changed.connect(self.update_totals)
        self.model.lines_changed.connect(self.recheck_line_error)
        self.date_edit.dateChanged.connect(self.update_due_date)
        self.terms_combo.currentIndexChanged.connect(self.update_due_date)
        self.model.add_row()
        self.update_due_date()
        self.resize(720, 520)
        self.view.setFocus()
        self.view.setCurrentIndex(self.model.index(0, Column.DESCRIPTION))

    @property
    def invoice(self) -> InvoiceRecord | None:
        return self.record

    # -- the layout ------------------------------------------------------------------------

    def _heading(self, lists: OfficeLists) -> QHBoxLayout:
        """Who and the invoice number on the left; date, terms and due date on the right."""
        self.number_label = QLabel(str(self.company.invoices.next_number()), self)
        self.number_label.setObjectName("invoiceNumberLabel")
        self.terms_combo = QComboBox(self)
        self.terms_combo.setObjectName("termsCombo")
        fill_combo(self.terms_combo, lists.terms, self.detail.terms_id)
        self.due_label = QLabel(self)
        self.due_label.setObjectName("dueDateLabel")
        left = QFormLayout()
        left.addRow("Customer:&Job:", self.customer_edit)
        left.addRow("Invoice no.:", self.number_label)
        right = QFormLayout()
        right.addRow("&Date:", self.date_edit)
        right.addRow("&Terms:", self.terms_combo)
        right.addRow("Due date:", self.due_label)
        heading = QHBoxLayout()
        heading.addLayout(left, 3)
        heading.addSpacing(16)
        heading.addLayout(right, 2)
        return heading

    def _set_up_lines(self) -> None:
        view = self.view
        view.setModel(self.model)
        view.setTabKeyNavigation(True)  # Tab goes through the lines (InvoiceLinesView)
        # A selected cell is edited by clicking it again, as in a spreadsheet.
        view.setEditTriggers(view.editTriggers() | QAbstractItemView.EditTrigger.SelectedClicked)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for column, width in ((Column.QUANTITY, 70), (Column.RATE, 95), (Column.AMOUNT, 100)):
            view.setColumnWidth(column, width)
        view.setColumnWidth(Column.TAXABLE, 70)

    def _line_buttons(self) -> QHBoxLayout:
        """Add Line, Remove Line, and Fill from: the job's services, estimate or final."""
        self.add_line_button = QPushButton("&Add Line", self)
        self.add_line_button.setObjectName("addLineButton")
        self.add_line_button.clicked.connect(self.add_line)
        self.remove_line_button = QPushButton("&Remove Line", self)
        self.remove_line_button.setObjectName("removeLineButton")
        self.remove_line_button.clicked.connect(self.remove_line)
        row = QHBoxLayout()
        row.addWidget(self.add_line_button)
        row.addWidget(self.remove_line_button)
        row.addStretch(1)
        row.addWidget(QLabel("Fill from:", self))
        self.fill_buttons: dict[str, QPushButton] = {}
        is_job = self.detail.kind == "job"
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
            row.addWidget(button)
            self.fill_buttons[source] = button
        return row

    def _totals(self) -> QGridLayout:
        self.subtotal_label = amount_label("subtotalLabel", self)
        self.tax_label = amount_label("taxLabel", self)
        self.total_label = amount_label("totalLabel", self)
        bold = self.total_label.font()
        bold.setBold(True)
        self.total_label.setFont(bold)
        totals = QGridLayout()
        totals.setColumnStretch(0, 1)
        rows = (
            ("Subtotal:", self.subtotal_label),
            (self._tax_title(), self.tax_label),
            ("Total:", self.total_label),
        )
        for row, (title, label) in enumerate(rows):
            title_label = QLabel(title, self)
            title_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            totals.addWidget(title_label, row, 1)
            totals.addWidget(label, row, 2)
        return totals

    def _tax_title(self) -> str:
        """The title of the tax row, "Tax (OH 7.25%):" (without the name if it is "Tax")."""
        tax_code = self.tax_code
        if tax_code is None:
            return "Tax:"
        rate = f"{tax_code.rate_percent.normalize():f}%"
        named = tax_code.name.casefold() != "tax"
        return f"Tax ({tax_code.name} {rate}):" if named else f"Tax ({rate}):"

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
            self.say(self.lines_message, str(error))
            return
        if not found:
            self.say(self.lines_message, f"This job has no {SOURCE_NAMES[source]} yet.")
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
            for label in (self.subtotal_label, self.tax_label, self.total_label):
                label.setText("—")
            return
        self.subtotal_label.setText(format_money(subtotal))
        self.tax_label.setText(format_money(tax))
        self.total_label.setText(format_money(total))

    # -- saving ---------------------------------------------------------------------------

    def prepare_write(self) -> Callable[[], InvoiceRecord] | None:
        try:
            lines = self.model.lines()
        except LineError as error:
            self._show_line_error(error.row, error.column, error.message)
            return None
        if not lines:
            self.say(self.lines_message, "Add at least one line to invoice.")
            self.view.setFocus()
            return None
        invoices, node = self.company.invoices, self.detail.id
        invoice_date, terms_id = self.invoice_date, self.terms_id
        memo = self.memo_edit.text().strip() or None
        override, by = self.credit_override, current_employee()
        return lambda: invoices.add(
            node=node,
            lines=lines,
            invoice_date=invoice_date,
            terms_id=terms_id,
            memo=memo,
            credit_override=override,
            by=by,
        )

    def override_credit(self, error: CreditHoldError) -> bool:
        if not isinstance(error.check, CreditCheck):
            return super().override_credit(error)
        reason = ask_override(
            self, error.check, action="create this invoice", reason=self.credit_override or ""
        )
        if reason is None:
            return False
        self.credit_override = reason
        return True

    def field_widgets(self) -> dict[str, QWidget]:
        return {
            "invoice_date": self.date_edit,
            "terms_id": self.terms_combo,
            "memo": self.memo_edit,
        }

    def message_lines(self) -> list[QLabel]:
        return [self.lines_message, self.message_label]

    def show_refusal(self, error: ValidationError) -> None:
        """A line's field at fault is shown at its cell; the invoice's at its widget."""
        parts = (error.field or "").split(".")
        if parts[0] != "lines":
            super().show_refusal(error)
            return
        if len(parts) >= 2 and parts[1].isdigit():
            row = self.model.line_row(int(parts[1]))
            column = FIELDS.get(parts[2] if len(parts) > 2 else "", Column.DESCRIPTION)
            if row >= 0:
                self.model.set_error(row, column, error.message)
                self._show_line_error(row, column, error.message)
                return
        self.say(self.lines_message, error.message)
        self.view.setFocus()

    def _show_line_error(self, row: int, column: Column, message: str) -> None:
        self._say_line_error(row, message)
        self.focus_cell(row, column)

    def _say_line_error(self, row: int, message: str) -> None:
        self.say(self.lines_message, f"Line {row + 1}: {message}")
        self.error_line = QPersistentModelIndex(self.model.index(row, Column.DESCRIPTION))

    def say(self, label: QLabel, text: str) -> None:
        if label is self.lines_message:
            self.error_line = None  # until `_say_line_error` says which line it is about
        super().say(label, text)

    def recheck_line_error(self) -> None:
        """A line's message goes once the line is fixed or removed; while it is still wrong,
        the message says what is wrong now, and its number if lines above it went."""
        line = self.error_line
        if line is None or self.lines_message.isHidden():
            self.error_line = None
            return
        problem = self.model.line_problem(line.row()) if line.isValid() else None
        if problem is None:
            self.error_line = None
            self.lines_message.hide()
        else:
            self._say_line_error(line.row(), problem.message)


def amount_label(name: str, parent: QWidget) -> QLabel:
    """A money figure, right-aligned in a column of them."""
    label = QLabel(format_money(Decimal(0)), parent)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    label.setMinimumWidth(110)
    return label
