"""Credit enforcement in the window: a customer on hold (or any of its jobs) needs an
override with a reason for a new job or an invoice, and the override is logged; passing
the credit limit warns the same way; the first invoice turns a prospect into a customer;
the "new job" and "payment or invoice" pop-up notes fire at those moments."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from officemgr.ui.billing.credit_override import CreditOverrideDialog
from officemgr.ui.billing.invoice_dialog import InvoiceDialog
from officemgr.ui.billing.payment_dialog import PaymentDialog
from officemgr.ui.customers.form import CustomerJobForm

from .conftest import Books, click, type_cell, type_into

HOLD_REASON = "Two invoices over 60 days"


def hold(company: Any, books: Books) -> None:
    company.customers.place_credit_hold(books.customer, reason=HOLD_REASON, by="Dana")


def overrides(company: Any, customer: int) -> list[Any]:
    return [
        e
        for e in company.contact_log.list_for(customer, include_jobs=True)
        if e.subject.endswith("overridden")
    ]


def one_line(qtbot: Any, dialog: InvoiceDialog, rate: str) -> None:
    type_cell(qtbot, dialog.view, 0, 0, "Service call")
    type_cell(qtbot, dialog.view, 0, 2, rate)


def test_hold_stops_a_new_job_until_a_reason_is_given_and_logs_the_override(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    hold(company, books)
    form.load(books.job)  # a job of the customer on hold: its sub-job is stopped too
    seen: dict[str, Any] = {}

    def override(dialog: CreditOverrideDialog) -> None:
        seen["problems"] = dialog.problems_label.text()
        seen["ok_before"] = dialog.ok_button.isEnabled()
        qtbot.keyClicks(dialog.reason_edit, "Owner approved, pays cash on site")
        seen["ok_after"] = dialog.ok_button.isEnabled()
        click(qtbot, dialog.ok_button)

    answer_modal(CreditOverrideDialog, override)
    assert form.start_new_job(books.job) is True
    assert HOLD_REASON in seen["problems"]
    assert (seen["ok_before"], seen["ok_after"]) == (False, True)
    assert form.is_new
    type_into(qtbot, form.address_tab.name_edit, "Ductwork")
    assert form.save()
    (entry,) = overrides(company, books.customer)
    assert entry.subject == "Credit hold overridden"
    assert "Owner approved, pays cash on site" in (entry.details or "")
    assert entry.employee_name == "Dana"
    assert "Ductwork" in (entry.details or "")


def test_cancelling_the_credit_warning_starts_no_job(
    form: CustomerJobForm, books: Books, company: Any, answer_modal: Any
) -> None:
    hold(company, books)
    form.load(books.customer)
    answer_modal(CreditOverrideDialog, lambda dialog: dialog.reject())
    assert form.start_new_job(books.customer) is False
    assert not form.is_new and form.current_node_id == books.customer


def test_the_account_page_new_job_button_goes_through_the_same_check(
    make_window: Any, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    hold(company, books)
    window = make_window()
    assert window.open_node(books.customer)
    tab = window.form.account_tab
    window.form.tabs.setCurrentWidget(tab)
    assert tab.hold_label.isVisible()
    assert tab.hold_label.text() == f"On credit hold: {HOLD_REASON}"
    answer_modal(CreditOverrideDialog, lambda dialog: dialog.reject())
    click(qtbot, tab.new_job_button)
    assert not window.form.is_new

    def override(dialog: CreditOverrideDialog) -> None:
        qtbot.keyClicks(dialog.reason_edit, "Approved")
        click(qtbot, dialog.ok_button)

    answer_modal(CreditOverrideDialog, override)
    click(qtbot, tab.new_job_button)
    form = window.form
    assert form.is_new
    assert form.detail.parent_id == books.customer
    assert form.address_tab.phones["phone"].value()  # the customer's phone, copied in


def test_hold_stops_a_new_invoice_until_a_reason_is_given(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    hold(company, books)
    form.load(books.job)
    answer_modal(CreditOverrideDialog, lambda dialog: dialog.reject())
    form.new_invoice()  # stopped before the invoice dialog
    assert company.invoices.list_for(books.customer) == []

    def override(dialog: CreditOverrideDialog) -> None:
        qtbot.keyClicks(dialog.reason_edit, "Final invoice agreed with the owner")
        click(qtbot, dialog.ok_button)

    def invoice(dialog: InvoiceDialog) -> None:
        one_line(qtbot, dialog, "100")
        click(qtbot, dialog.ok_button)

    answer_modal(CreditOverrideDialog, override)
    answer_modal(InvoiceDialog, invoice)
    form.new_invoice()
    (saved,) = company.invoices.list_for(books.customer)
    assert saved.total == Decimal("107.25")
    (entry,) = overrides(company, books.customer)
    assert entry.subject == "Credit hold overridden"
    assert "Final invoice agreed with the owner" in (entry.details or "")


def test_passing_the_credit_limit_warns_when_the_invoice_is_saved(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    company.customers.update(books.customer, credit_limit=Decimal("500"))
    form.load(books.job)
    seen: dict[str, Any] = {}

    def override(dialog: CreditOverrideDialog) -> None:
        seen["problems"] = dialog.problems_label.text()
        qtbot.keyClicks(dialog.reason_edit, "Deposit received")
        click(qtbot, dialog.ok_button)

    def invoice(dialog: InvoiceDialog) -> None:
        one_line(qtbot, dialog, "800")
        answer_modal(CreditOverrideDialog, override)  # comes up on Save
        click(qtbot, dialog.ok_button)

    answer_modal(InvoiceDialog, invoice)
    form.new_invoice()
    assert "over its credit limit of 500.00" in seen["problems"]
    (saved,) = company.invoices.list_for(books.customer)
    assert saved.total == Decimal("858.00")
    (entry,) = overrides(company, books.customer)
    assert entry.subject == "Credit limit overridden"
    assert "Deposit received" in (entry.details or "")
    tab = form.account_tab
    assert tab.values["limit"].text() == "500.00"
    assert tab.values["available"].text() == "-358.00"


def test_the_first_invoice_turns_a_prospect_into_a_customer(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    prospect = company.customers.add(name="Lee, Ann", is_prospect=True).id
    form.load(prospect)
    assert "prospect" in form.header.shown_badges()

    def invoice(dialog: InvoiceDialog) -> None:
        one_line(qtbot, dialog, "120")
        click(qtbot, dialog.ok_button)

    answer_modal(InvoiceDialog, invoice)
    form.new_invoice()
    assert "prospect" not in form.header.shown_badges()
    assert not company.customers.get(prospect).is_prospect


def popups(company: Any) -> Any:
    return company.popups


def test_billing_notes_pop_up_before_the_invoice_dialog(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    popups(company).add(
        owner=books.customer, text="Always ask for a PO number", on_open=False, on_billing=True
    )
    form.load(books.job, fire_popups=True)
    assert form.popup_dialog is None  # not an "open" note
    opened: list[str] = []
    answer_modal(InvoiceDialog, lambda dialog: (opened.append("invoice"), dialog.reject()))
    form.new_invoice()
    qtbot.waitUntil(lambda: form.popup_dialog is not None and form.popup_dialog.isVisible())
    assert [n.text for n in form.popup_dialog.notes] == ["Always ask for a PO number"]
    assert opened == []  # the note is read first
    click(qtbot, form.popup_dialog.acknowledge_button)
    qtbot.waitUntil(lambda: opened == ["invoice"])


def test_billing_notes_pop_up_before_a_payment_too(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    popups(company).add(owner=books.customer, text="Cards only", on_open=False, on_billing=True)
    form.load(books.customer)
    opened: list[str] = []
    answer_modal(PaymentDialog, lambda dialog: (opened.append("payment"), dialog.reject()))
    form.receive_payment()
    qtbot.waitUntil(lambda: form.popup_dialog is not None and form.popup_dialog.isVisible())
    click(qtbot, form.popup_dialog.close_button)
    qtbot.waitUntil(lambda: opened == ["payment"])


def test_new_job_notes_pop_up_when_a_job_is_started(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any
) -> None:
    popups(company).add(owner=books.customer, text="Needs a permit", on_open=False, on_new_job=True)
    form.load(books.customer)
    assert form.popup_dialog is None
    assert form.start_new_job(books.customer)
    qtbot.waitUntil(lambda: form.popup_dialog is not None and form.popup_dialog.isVisible())
    assert [n.text for n in form.popup_dialog.notes] == ["Needs a permit"]
    click(qtbot, form.popup_dialog.close_button)


def test_an_only_while_overdue_note_fires_only_when_overdue(
    form: CustomerJobForm, books: Books, company: Any, qtbot: Any, answer_modal: Any
) -> None:
    popups(company).add(
        owner=books.customer,
        text="Collect the overdue balance first",
        on_open=False,
        on_billing=True,
        only_when_overdue=True,
    )
    books.invoice(amount="200")  # due in 30 days: not overdue
    form.load(books.customer)
    answer_modal(PaymentDialog, lambda dialog: dialog.reject())
    form.receive_payment()  # no note: the dialog came up at once
    assert form.popup_dialog is None

    books.invoice(amount="300", days_ago=45)  # due 15 days ago
    form.load(books.customer)
    assert form.account_tab.values["overdue"].text() == "300.00"
    answer_modal(PaymentDialog, lambda dialog: dialog.reject())
    form.receive_payment()
    qtbot.waitUntil(lambda: form.popup_dialog is not None and form.popup_dialog.isVisible())
    assert [n.text for n in form.popup_dialog.notes] == ["Collect the overdue balance first"]
    click(qtbot, form.popup_dialog.close_button)
