"""Money is read the way the office writes it: "12,50" is refused at its field in en_US
(and nothing typed is lost) and is twelve and a half in de_DE — in the invoice and payment
dialogs, driven with the keyboard."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from officemgr.ui.billing.invoice_dialog import InvoiceDialog
from officemgr.ui.billing.invoice_lines_model import Column
from officemgr.ui.billing.payment_dialog import PaymentDialog
from officemgr.ui.customers.form import CustomerJobForm
from officemgr.ui.formatting import use_numbers

from .conftest import Books, click, type_cell, type_into


@pytest.fixture
def office_locale(company: Any) -> Any:
    """Set the office's locale as Settings › Phones & money would, and use it."""

    def choose(name: str) -> None:
        settings = company.settings.update(number_locale=name)
        use_numbers(settings.numbers)

    return choose


def test_en_us_refuses_a_decimal_comma_in_the_payment_dialog(
    form: CustomerJobForm,
    books: Books,
    company: Any,
    qtbot: Any,
    answer_modal: Any,
    office_locale: Any,
) -> None:
    office_locale("en_US")
    books.invoice(amount="100")
    form.load(books.customer)
    seen: dict[str, Any] = {}

    def pay(dialog: PaymentDialog) -> None:
        type_into(qtbot, dialog.amount_edit, "12,50")
        click(qtbot, dialog.ok_button)
        seen["open"] = dialog.isVisible()
        seen["typed"] = dialog.amount_edit.text()
        seen["message"] = dialog.amount_message.text()
        seen["shown"] = dialog.amount_message.isVisible()
        type_into(qtbot, dialog.amount_edit, "12.50")
        click(qtbot, dialog.ok_button)

    answer_modal(PaymentDialog, pay)
    form.receive_payment()
    assert seen == {
        "open": True,
        "typed": "12,50",
        "message": '<span style="color:#b3261e">The amount must be a number written like '
        "1,234.56 (English (United States)); “12,50” is not.</span>",
        "shown": True,
    }
    (payment,) = company.payments.list_for(books.customer)
    assert payment.amount == Decimal("12.50")


def test_de_de_reads_a_decimal_comma_in_the_payment_dialog(
    form: CustomerJobForm,
    books: Books,
    company: Any,
    qtbot: Any,
    answer_modal: Any,
    office_locale: Any,
) -> None:
    office_locale("de_DE")
    books.invoice(amount="1234.56")
    form.load(books.customer)
    seen: dict[str, Any] = {}

    def pay(dialog: PaymentDialog) -> None:
        type_into(qtbot, dialog.amount_edit, "1.234,56")
        seen["applied"] = dialog.model.apply_text(0)
        seen["left"] = dialog.unapplied_label.text()
        click(qtbot, dialog.ok_button)

    answer_modal(PaymentDialog, pay)
    form.receive_payment()
    assert seen == {"applied": "1.234,56", "left": "0,00"}
    (payment,) = company.payments.list_for(books.customer)
    assert payment.amount == Decimal("1234.56")
    assert form.account_tab.values["balance"].text() == "0,00"


@pytest.mark.parametrize(
    ("locale", "typed", "expected"),
    [("en_US", "12,50", None), ("de_DE", "12,50", Decimal("12.50")), ("de_DE", "19,995", None)],
)
def test_invoice_lines_are_read_in_the_offices_locale(
    form: CustomerJobForm,
    books: Books,
    company: Any,
    qtbot: Any,
    answer_modal: Any,
    office_locale: Any,
    locale: str,
    typed: str,
    expected: Decimal | None,
) -> None:
    office_locale(locale)
    form.load(books.customer)
    seen: dict[str, Any] = {}

    def fill(dialog: InvoiceDialog) -> None:
        type_cell(qtbot, dialog.view, 0, Column.DESCRIPTION, "Service call")
        type_cell(qtbot, dialog.view, 0, Column.RATE, typed)
        seen["kept"] = dialog.model.row(0).rate
        seen["subtotal"] = dialog.subtotal_label.text()
        click(qtbot, dialog.ok_button)
        seen["errors"] = dialog.errors()
        if dialog.isVisible():
            dialog.reject()

    answer_modal(InvoiceDialog, fill)
    form.new_invoice()
    assert seen["kept"] == typed  # what was typed stays in its cell
    invoices = company.invoices.list_for(books.customer)
    if expected is None and typed == "12,50":
        assert seen["errors"] == [
            "Line 1: The rate must be a number written like 1,234.56 "
            "(English (United States)); “12,50” is not."
        ]
        assert invoices == []
    elif expected is None:  # 19,995 is a rate of four decimals in de_DE: it is kept
        (invoice,) = invoices
        (line,) = company.invoices.get(invoice.id).lines
        assert line.rate == Decimal("19.995") and line.amount == Decimal("20.00")
    else:
        (invoice,) = invoices
        assert invoice.subtotal == expected
        assert seen["subtotal"] == "12,50"
