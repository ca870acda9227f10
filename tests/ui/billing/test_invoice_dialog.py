"""The New Invoice dialog driven like a bookkeeper: fill from the final figures, tax by the
customer's tax code, due date by the terms; bad lines shown and kept; void; print."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from officemgr.ui.billing.invoice_dialog import InvoiceDialog
from officemgr.ui.billing.invoice_lines_model import Column
from officemgr.ui.billing.void_dialog import VoidDialog
from officemgr.ui.customers.account_model import GREY, InvoiceColumn
from officemgr.ui.customers.form import CustomerJobForm

from .conftest import Books, click, type_cell, type_into


def descriptions(dialog: InvoiceDialog) -> list[str]:
    return [dialog.model.row(r).description for r in range(dialog.model.rowCount())]


def test_bookkeeper_invoices_the_final_figures_with_tax_and_due_date(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    form.load(books.job)
    seen: dict[str, str] = {}

    def fill(dialog: InvoiceDialog) -> None:
        assert dialog.customer_edit.text() == "Smith, John:Furnace Replacement"
        assert dialog.number_label.text() == "1001"
        assert dialog.terms_combo.currentText() == "Net 30"
        assert dialog.due_label.text() == (date.today() + timedelta(days=30)).isoformat()
        click(qtbot, dialog.fill_buttons["final"])
        assert descriptions(dialog) == ["Furnace, 80,000 BTU", "Labor hours"]
        assert dialog.model.index(1, Column.AMOUNT).data() == "617.50"
        seen.update(
            subtotal=dialog.subtotal_label.text(),
            tax=dialog.tax_label.text(),
            total=dialog.total_label.text(),
        )
        # Other terms move the due date at once.
        dialog.terms_combo.setCurrentIndex(dialog.terms_combo.findText("Net 15"))
        assert dialog.due_label.text() == (date.today() + timedelta(days=15)).isoformat()
        type_into(qtbot, dialog.memo_edit, "Thank you")
        click(qtbot, dialog.ok_button)

    answer_modal(InvoiceDialog, fill)
    form.new_invoice()

    # 2,150.00 + 6.5 × 95.00 = 2,767.50; tax 7.25 % of it = 200.64 (half up); total 2,968.14
    assert seen == {"subtotal": "2,767.50", "tax": "200.64", "total": "2,968.14"}
    (invoice,) = company.invoices.list_for(books.customer)
    assert (invoice.number, invoice.total, invoice.tax) == (
        1001,
        Decimal("2968.14"),
        Decimal("200.64"),
    )
    assert invoice.due_date == date.today() + timedelta(days=15)
    assert invoice.memo == "Thank you"
    tab = form.account_tab
    assert form.tabs.currentWidget() is tab
    assert tab.values["balance"].text() == "2,968.14"
    assert tab.invoices_model.index(0, InvoiceColumn.OPEN).data() == "2,968.14"
    assert "Balance: 2,968.14" in form.header.balance_label.text()
    assert tab.selected_invoice() is not None  # the new invoice is selected, ready to print


def test_a_bad_line_is_shown_in_place_and_nothing_typed_is_lost(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    form.load(books.customer)
    shown: dict[str, Any] = {}

    def fill(dialog: InvoiceDialog) -> None:
        assert not dialog.fill_buttons["final"].isEnabled()  # figures belong to jobs
        type_cell(qtbot, dialog.view, 0, Column.DESCRIPTION, "Service call")
        type_cell(qtbot, dialog.view, 0, Column.RATE, "89.5o")
        assert dialog.total_label.text() == "—"
        click(qtbot, dialog.ok_button)
        assert dialog.isVisible()  # refused: still open
        shown["errors"] = dialog.errors()
        shown["cell"] = dialog.view.currentIndex().column()
        shown["colour"] = dialog.model.index(0, Column.RATE).data(Qt.ItemDataRole.ForegroundRole)
        assert dialog.model.row(0).rate == "89.5o"  # kept as typed
        type_cell(qtbot, dialog.view, 0, Column.RATE, "89.50")
        assert dialog.subtotal_label.text() == "89.50"
        assert dialog.tax_label.text() == "6.49"  # 7.25 % of 89.50 = 6.48875
        click(qtbot, dialog.ok_button)

    answer_modal(InvoiceDialog, fill)
    form.new_invoice()
    assert shown["errors"] == [
        "Line 1: The rate must be a number written like 1,234.56 (English (United States)); "
        "“89.5o” is not."
    ]
    assert shown["cell"] == Column.RATE
    assert shown["colour"].color() == QColor("#b3261e")
    (invoice,) = company.invoices.list_for(books.customer)
    assert invoice.total == Decimal("95.99")


def test_an_empty_invoice_is_refused(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    form.load(books.job)
    errors: list[str] = []

    def press_save(dialog: InvoiceDialog) -> None:
        click(qtbot, dialog.ok_button)
        errors.extend(dialog.errors())
        dialog.reject()

    answer_modal(InvoiceDialog, press_save)
    form.new_invoice()
    assert errors == ["Add at least one line to invoice."]
    assert company.invoices.list_for(books.customer) == []


def test_void_needs_a_reason_and_keeps_the_invoice_greyed(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    invoice = books.invoice(amount="400")
    form.load(books.customer)
    tab = form.account_tab
    form.tabs.setCurrentWidget(tab)
    assert tab.values["balance"].text() == "400.00"
    assert not tab.void_button.isEnabled()
    tab.invoices_view.selectRow(0)
    states: list[bool] = []

    def give_reason(dialog: VoidDialog) -> None:
        states.append(dialog.ok_button.isEnabled())
        qtbot.keyClicks(dialog.reason_edit, "Entered twice")
        states.append(dialog.ok_button.isEnabled())
        click(qtbot, dialog.ok_button)

    answer_modal(VoidDialog, give_reason)
    click(qtbot, tab.void_button)
    assert states == [False, True]
    voided = company.invoices.get(invoice.id)
    assert (voided.status, voided.void_reason, voided.voided_by) == (
        "void",
        "Entered twice",
        "Dana",
    )
    assert tab.values["balance"].text() == "0.00"
    status = tab.invoices_model.index(0, InvoiceColumn.STATUS)
    assert status.data() == "Void"
    assert status.data(Qt.ItemDataRole.ForegroundRole).color() == QColor(GREY)
    log = company.contact_log.list_for(books.job)
    assert log[0].subject == "Invoice voided"


def test_cancelling_the_void_changes_nothing(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    invoice = books.invoice(amount="400")
    form.load(books.customer)
    tab = form.account_tab
    form.tabs.setCurrentWidget(tab)
    tab.invoices_view.selectRow(0)
    answer_modal(VoidDialog, lambda dialog: dialog.reject())
    click(qtbot, tab.void_button)
    assert company.invoices.get(invoice.id).status == "open"


def test_print_invoice_shows_its_pdf(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any
) -> None:
    books.invoice(amount="400")
    form.load(books.customer)
    tab = form.account_tab
    form.tabs.setCurrentWidget(tab)
    tab.invoices_view.selectRow(0)
    with qtbot.waitSignal(tab.printer.shown, timeout=20_000) as blocker:
        click(qtbot, tab.print_button)
    window = blocker.args[0]
    qtbot.addWidget(window)
    assert window.windowTitle() == "Invoice 1001 — Preview"
    assert window.page_count >= 1
    assert Path(window.path).read_bytes().startswith(b"%PDF-")
    window.close()
