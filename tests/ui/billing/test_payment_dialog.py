"""Receive Payment driven like a bookkeeper: the amount spreads over the open invoices
oldest due first, Apply cells can be changed, what is left is credit; a partial payment
leaves the right balance on the customer page, in the header and in the list."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from officemgr.ui.billing.payment_apply_model import Column
from officemgr.ui.billing.payment_dialog import PaymentDialog
from officemgr.ui.billing.void_dialog import VoidDialog
from officemgr.ui.customers.account_model import InvoiceColumn, PaymentColumn
from officemgr.ui.customers.form import CustomerJobForm
from officemgr.ui.models.customer_job_tree import Column as TreeColumn

from .conftest import Books, click, type_cell, type_into


def applied(dialog: PaymentDialog) -> list[str]:
    return [dialog.model.apply_text(r) for r in range(dialog.model.rowCount())]


def test_partial_payment_leaves_the_right_balance_on_the_page_and_in_the_list(
    make_window: Any, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    invoice = books.invoice(amount="1000")
    window = make_window()
    assert window.open_node(books.customer)
    tree = window.tree_model
    balance_cell = tree.index_for_id(books.customer).siblingAtColumn(TreeColumn.BALANCE)
    assert balance_cell.data() == "1,000.00"

    def pay(dialog: PaymentDialog) -> None:
        assert dialog.customer_edit.text() == "Smith, John"
        type_into(qtbot, dialog.amount_edit, "400")
        assert applied(dialog) == ["400.00"]
        assert dialog.unapplied_label.text() == "0.00"
        dialog.method_combo.setCurrentIndex(dialog.method_combo.findText("Check"))
        type_into(qtbot, dialog.reference_edit, "4417")
        click(qtbot, dialog.ok_button)

    answer_modal(PaymentDialog, pay)
    window.receive_payment_action.trigger()

    (payment,) = company.payments.list_for(books.customer)
    assert payment.amount == Decimal("400.00")
    assert payment.payment_method_name == "Check" and payment.reference == "4417"
    assert [(a.invoice_id, a.amount) for a in payment.applications] == [
        (invoice.id, Decimal("400.00"))
    ]
    tab = window.form.account_tab
    assert window.form.tabs.currentWidget() is tab
    assert tab.values["balance"].text() == "600.00"
    assert tab.invoices_model.index(0, InvoiceColumn.PAID).data() == "400.00"
    assert tab.invoices_model.index(0, InvoiceColumn.STATUS).data() == "Partly paid"
    assert tab.payments_model.index(0, PaymentColumn.REFERENCE).data() == "4417"
    # The other views hear of the write once the operation is over (one turn of the loop).
    qtbot.waitUntil(lambda: "Balance: 600.00" in window.form.header.balance_label.text())
    qtbot.waitUntil(
        lambda: (
            tree.index_for_id(books.customer).siblingAtColumn(TreeColumn.BALANCE).data() == "600.00"
        )
    )


def test_the_amount_spreads_oldest_due_first_and_cells_can_be_changed(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    older = books.invoice(amount="300", days_ago=40)  # overdue: due 10 days ago
    newer = books.invoice(amount="500")
    form.load(books.customer)
    seen: dict[str, Any] = {}

    def pay(dialog: PaymentDialog) -> None:
        numbers = [dialog.model.invoice(r).number for r in range(dialog.model.rowCount())]
        seen["order"] = numbers
        type_into(qtbot, dialog.amount_edit, "1,000")
        seen["spread"] = applied(dialog)
        seen["left"] = dialog.unapplied_label.text()
        type_cell(qtbot, dialog.view, 1, Column.APPLY, "250", shown="250.00")
        seen["after_edit"] = (applied(dialog), dialog.unapplied_label.text())
        click(qtbot, dialog.ok_button)

    answer_modal(PaymentDialog, pay)
    form.receive_payment()
    assert seen["order"] == [older.number, newer.number]
    assert seen["spread"] == ["300.00", "500.00"]
    assert seen["left"] == "200.00"
    assert seen["after_edit"] == (["300.00", "250.00"], "450.00")
    (payment,) = company.payments.list_for(books.customer)
    assert payment.unapplied == Decimal("450.00")
    assert company.invoices.get(older.id).status == "paid"
    assert company.invoices.get(newer.id).open_amount == Decimal("250.00")
    tab = form.account_tab
    assert tab.values["unapplied"].text() == "450.00"
    assert tab.values["balance"].text() == "-200.00"  # 250 owed − 450 credit


def test_applying_more_than_received_is_refused_and_kept(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    books.invoice(amount="300")
    form.load(books.customer)
    seen: dict[str, Any] = {}

    def pay(dialog: PaymentDialog) -> None:
        type_into(qtbot, dialog.amount_edit, "100")
        type_cell(qtbot, dialog.view, 0, Column.APPLY, "150", shown="150.00")
        seen["left"] = dialog.unapplied_label.text()
        click(qtbot, dialog.ok_button)
        seen["errors"] = dialog.errors()
        seen["kept"] = (dialog.amount_edit.text(), applied(dialog))
        dialog.reject()

    answer_modal(PaymentDialog, pay)
    form.receive_payment()
    assert "-50.00" in seen["left"]
    assert seen["errors"] == [
        "150.00 is applied but only 100.00 was received; lower an Apply amount or the payment."
    ]
    assert seen["kept"] == ("100", ["150.00"])
    assert company.payments.list_for(books.customer) == []


def test_a_payment_without_open_invoices_is_credit(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    form.load(books.job)

    def pay(dialog: PaymentDialog) -> None:
        assert not dialog.view.isEnabled()
        type_into(qtbot, dialog.amount_edit, "75")
        assert dialog.unapplied_label.text() == "75.00"
        click(qtbot, dialog.ok_button)

    answer_modal(PaymentDialog, pay)
    form.receive_payment()
    (payment,) = company.payments.list_for(books.customer)
    assert payment.node_full_name == "Smith, John:Furnace Replacement"  # taken on the job
    assert payment.unapplied == Decimal("75.00")
    assert form.account_tab.payments_model.index(0, PaymentColumn.STATUS).data() == "Credit"


def test_voiding_a_payment_makes_its_invoice_owed_again(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    invoice = books.invoice(amount="300")
    company.payments.add(customer=books.customer, amount=Decimal("300"))
    form.load(books.customer)
    tab = form.account_tab
    form.tabs.setCurrentWidget(tab)
    assert tab.values["balance"].text() == "0.00"
    tab.payments_view.selectRow(0)

    def give_reason(dialog: VoidDialog) -> None:
        qtbot.keyClicks(dialog.reason_edit, "Check bounced")
        click(qtbot, dialog.ok_button)

    answer_modal(VoidDialog, give_reason)
    click(qtbot, tab.void_button)
    assert company.invoices.get(invoice.id).open_amount == Decimal("300.00")
    assert tab.values["balance"].text() == "300.00"
    assert tab.payments_model.index(0, PaymentColumn.STATUS).data() == "Void"
