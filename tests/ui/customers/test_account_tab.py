"""The Account tab (customer page): jobs with status, creation date and balance; every
invoice and payment across the jobs; open balance, overdue, credit; read only while on
show; a job opens from it with a double-click or Enter."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from officemgr.ui.customers.account_model import (
    GREY,
    InvoiceColumn,
    JobColumn,
    PaymentColumn,
)
from officemgr.ui.customers.fields import COLOURS
from officemgr.ui.customers.form import CustomerJobForm

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def invoice(company: Any, node: int, amount: str, *, days_ago: int = 0) -> Any:
    """Due on the invoice date (no terms), so ``days_ago`` > 0 is overdue."""
    return company.invoices.add(
        node=node,
        lines=[{"description": "Work", "rate": Decimal(amount), "is_taxable": False}],
        invoice_date=date.today() - timedelta(days=days_ago),
        by="Dana",
    )


def rows(model: Any, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def smiths(company: Any) -> dict[str, int]:
    customer = company.customers.add(name="Smith, John", credit_limit=Decimal("5000")).id
    furnace = company.jobs.add(parent=customer, name="Furnace", status="Closed").id
    ducts = company.jobs.add(parent=furnace, name="Ducts", status="In Progress").id
    attic = company.jobs.add(parent=customer, name="Attic Fan", status="Pending").id
    return {"customer": customer, "furnace": furnace, "ducts": ducts, "attic": attic}


def test_account_page_lists_jobs_invoices_payments_and_totals(
    form: CustomerJobForm, company: Any
) -> None:
    ids = smiths(company)
    overdue = invoice(company, ids["furnace"], "1200", days_ago=20)
    invoice(company, ids["ducts"], "300")
    voided = invoice(company, ids["attic"], "99")
    company.invoices.void(voided.id, reason="Wrong job", by="Dana")
    company.payments.add(
        customer=ids["customer"], amount=Decimal("500"), applications={overdue.id: Decimal("200")}
    )
    form.load(ids["customer"])
    tab = form.account_tab
    form.tabs.setCurrentWidget(tab)

    today = date.today().isoformat()
    assert rows(tab.jobs_model, JobColumn.JOB) == ["Attic Fan", "Furnace", "Furnace:Ducts"]
    assert rows(tab.jobs_model, JobColumn.STATUS) == ["Pending", "Closed", "In Progress"]
    assert rows(tab.jobs_model, JobColumn.CREATED) == [today] * 3
    assert rows(tab.jobs_model, JobColumn.BALANCE) == ["0.00", "1,000.00", "300.00"]

    assert rows(tab.invoices_model, InvoiceColumn.NUMBER) == ["1003", "1002", "1001"]
    assert rows(tab.invoices_model, InvoiceColumn.JOB) == ["Attic Fan", "Furnace:Ducts", "Furnace"]
    assert rows(tab.invoices_model, InvoiceColumn.OPEN) == ["0.00", "300.00", "1,000.00"]
    assert rows(tab.invoices_model, InvoiceColumn.STATUS) == ["Void", "Open", "Overdue 20 days"]
    foreground = Qt.ItemDataRole.ForegroundRole
    assert tab.invoices_model.index(0, 0).data(foreground).color() == QColor(GREY)
    assert tab.invoices_model.index(1, 0).data(foreground) is None
    assert tab.invoices_model.index(2, 0).data(foreground).color() == QColor(COLOURS["error"])
    open_cell = tab.invoices_model.index(2, InvoiceColumn.OPEN)
    assert open_cell.data(Qt.ItemDataRole.TextAlignmentRole) == RIGHT

    assert rows(tab.payments_model, PaymentColumn.AMOUNT) == ["500.00"]
    assert rows(tab.payments_model, PaymentColumn.UNAPPLIED) == ["300.00"]
    assert rows(tab.payments_model, PaymentColumn.STATUS) == ["Applied to 1001"]

    values = {key: label.text() for key, label in tab.values.items() if label.isVisible()}
    # owed 1,000 + 300, less 300 of unapplied credit; no opening balance, so not shown
    assert values == {
        "balance": "1,000.00",
        "overdue": "1,000.00",
        "unapplied": "300.00",
        "limit": "5,000.00",
        "available": "4,000.00",
    }
    assert COLOURS["error"] in tab.values["overdue"].styleSheet()
    assert not tab.hold_label.isVisible()


def test_a_job_shows_the_account_of_that_job_and_its_sub_jobs(
    form: CustomerJobForm, company: Any
) -> None:
    ids = smiths(company)
    invoice(company, ids["furnace"], "1200")
    invoice(company, ids["ducts"], "300")
    invoice(company, ids["attic"], "50")
    form.load(ids["furnace"])
    tab = form.account_tab
    form.tabs.setCurrentWidget(tab)
    assert rows(tab.jobs_model, JobColumn.JOB) == ["Furnace:Ducts"]
    assert rows(tab.invoices_model, InvoiceColumn.JOB) == ["Furnace:Ducts", "Furnace"]
    assert tab.values["balance"].text() == "1,500.00"


def test_the_summary_is_read_only_while_the_tab_is_on_show(
    form: CustomerJobForm, company: Any, qtbot: Any
) -> None:
    ids = smiths(company)
    tab = form.account_tab
    form.load(ids["customer"])
    assert form.tabs.currentWidget() is not tab
    assert tab.summary is None  # not read for a plain selection
    with qtbot.waitSignal(tab.refreshed):
        form.tabs.setCurrentWidget(tab)
    assert tab.summary is not None and tab.summary.id == ids["customer"]
    form.tabs.setCurrentWidget(form.address_tab)
    form.load(ids["attic"])
    assert tab.summary.id == ids["customer"]  # still the old one: hidden, so not read
    with qtbot.waitSignal(tab.refreshed):
        form.tabs.setCurrentWidget(tab)
    assert tab.summary.id == ids["attic"]


def test_a_new_record_has_no_account_yet(form: CustomerJobForm, company: Any) -> None:
    form.start_new_customer()
    tab = form.account_tab
    form.tabs.setCurrentWidget(tab)
    assert tab.message_label.text() == "Save the record first; then it can be invoiced and paid."
    assert not tab.new_invoice_button.isEnabled()
    assert not tab.payment_button.isEnabled()


def test_double_click_or_enter_on_a_job_opens_it(
    make_window: Any, company: Any, qtbot: Any
) -> None:
    ids = smiths(company)
    window = make_window()
    assert window.open_node(ids["customer"])
    form = window.form
    tab = form.account_tab
    form.tabs.setCurrentWidget(tab)
    view = tab.jobs_view
    where = view.visualRect(tab.jobs_model.index(1, JobColumn.JOB)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: form.current_node_id == ids["furnace"])
    assert window.current_node().id == ids["furnace"]  # selected in the list too
    assert form.tabs.currentWidget() is tab  # still on the account, now the job's

    view = tab.jobs_view
    view.setFocus()
    view.setCurrentIndex(tab.jobs_model.index(0, JobColumn.JOB))  # Furnace:Ducts
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.current_node_id == ids["ducts"])


def test_new_invoice_and_payment_are_in_the_customers_menu(make_window: Any, company: Any) -> None:
    window = make_window()
    assert not window.new_invoice_action.isEnabled()  # nothing selected
    ids = smiths(company)
    window.refresh()
    assert window.open_node(ids["customer"])
    assert window.new_invoice_action.isEnabled()
    assert window.receive_payment_action.isEnabled()
    assert window.new_invoice_action.shortcut().toString() == "Ctrl+I"
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Customers")
    assert window.new_invoice_action in menu.actions()
    assert window.receive_payment_action in menu.actions()
    assert window.new_invoice_action in window.tool_bar.actions()
