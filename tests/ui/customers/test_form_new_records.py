"""New customers and jobs: blank or copied details, duplicate warnings, keyboard only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from officemgr.ui.customers.duplicate_dialog import DuplicateDialog
from officemgr.ui.customers.form import CustomerJobForm


def test_new_customer_with_a_prefilled_phone(form: CustomerJobForm, company: Any, ui: Any) -> None:
    form.start_new_customer({"phone": "9375550100"})
    tab = form.address_tab
    assert form.is_new and form.current_node_id is None
    assert tab.form.phone_edit.text() == "(937) 555-0100"
    assert not form.is_dirty  # nothing typed yet: leaving it asks nothing
    assert form.changes() == {"phone": "(937) 555-0100"}  # but it is saved with the record
    assert tab.name_edit.hasFocus()
    ui.type(tab.form.first_name_edit, "Fiona")
    ui.type(tab.form.last_name_edit, "Green")
    assert tab.name_edit.text() == "Green, Fiona"  # a new customer's name follows
    assert form.is_dirty
    with ui.qtbot.waitSignal(form.saved) as saved:
        ui.click(form.header.save_button)
    node = saved.args[0]
    assert form.current_node_id == node and not form.is_new
    stored = company.customers.get(node)
    assert stored.name == "Green, Fiona" and stored.phone.e164 == "+19375550100"
    assert form.header.name_label.full_text() == "Green, Fiona"


def test_new_job_starts_with_the_customers_details(
    form: CustomerJobForm, company: Any, ui: Any
) -> None:
    customer = company.customers.add(
        name="Smith, John",
        first_name="John",
        last_name="Smith",
        company_name="Smith Heating",
        phone="(555) 201-3344",
        email="john@example.com",
        bill_to={"line1": "12 Oak St", "city": "Dayton", "region": "OH"},
    ).id
    company.contacts.add(owner=customer, name="Mary Smith", phone="555-201-9000")
    form.start_new_job(customer)
    tab = form.address_tab
    assert form.header.kind_label.text() == "New job"
    assert tab.form.phone_edit.text() == "(555) 201-3344"
    assert tab.form.email_edit.text() == "john@example.com"
    assert tab.form.company_edit.text() == "Smith Heating"
    assert tab.form.bill_to_line1_edit.text() == "12 Oak St"
    assert tab.parent_edit.text() == "Smith, John"
    assert form.contacts_tab.model.rowCount() == 1
    assert form.tabs.isTabVisible(form.tabs.indexOf(form.job_tab))
    assert not form.is_dirty
    ui.type(tab.name_edit, "Furnace Replacement")
    ui.type(tab.form.cell_edit, "555 201 7777")  # the user may change what was copied
    ui.pick(form.job_tab.form.job_status_combo, "Pending")
    with ui.qtbot.waitSignal(form.saved) as saved:
        ui.click(form.header.save_button)
    job = company.customers.get(saved.args[0])
    assert job.full_name == "Smith, John:Furnace Replacement"
    assert job.phone.formatted == "(555) 201-3344" and job.cell.formatted == "(555) 201-7777"
    assert job.bill_to.line1 == "12 Oak St" and job.company_name == "Smith Heating"
    assert job.job_info.status == "Pending"
    assert [c.name for c in job.contacts] == ["Mary Smith"]


def test_a_new_job_needs_a_name(form: CustomerJobForm, company: Any, ui: Any) -> None:
    customer = company.customers.add(name="Smith, John").id
    form.start_new_job(customer)
    assert form.save_action.isEnabled()
    ui.click(form.header.save_button)
    assert form.address_tab.messages["name"].text == "Give the job a name."
    assert form.is_new


def _new_smith(form: CustomerJobForm, ui: Any) -> None:
    form.start_new_customer()
    ui.type(form.address_tab.name_edit, "Smyth, Jon")
    ui.type(form.address_tab.form.phone_edit, "555.201.3344")


def test_duplicate_warning_offers_to_open_the_existing_record(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any
) -> None:
    existing = company.customers.add(name="Smith, John", phone="(555) 201-3344").id
    _new_smith(form, ui)
    listed: list[str] = []

    def open_existing(dialog: DuplicateDialog) -> None:
        listed.extend(dialog.list.item(i).text() for i in range(dialog.list.count()))
        ui.click(dialog.open_button)

    answer_modal(DuplicateDialog, open_existing)
    with ui.qtbot.waitSignal(form.open_requested) as requested:
        assert not form.save()
    assert requested.args == [existing]
    assert listed == ["Smith, John  (Customer)"]
    assert company.customers.search("Smyth", show="all") == []
    assert not form.is_dirty  # the user chose to leave the new record


def test_duplicate_warning_save_anyway_and_cancel(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any
) -> None:
    company.customers.add(name="Smith, John", email="JOHN@example.com")
    form.start_new_customer()
    ui.type(form.address_tab.name_edit, "Smith, J.")
    ui.type(form.address_tab.form.email_edit, "john@example.com")
    answer_modal(DuplicateDialog, lambda d: d.reject())
    assert not form.save()
    assert form.is_new and form.is_dirty
    answer_modal(DuplicateDialog, lambda d: ui.click(d.save_button))
    assert form.save()
    assert company.customers.get(form.current_node_id).name == "Smith, J."


def test_keyboard_only_creation_of_a_customer(
    form: CustomerJobForm, company: Any, qtbot: Any
) -> None:
    """Tab through the fields in order, type, and save with Ctrl+S."""
    company.settings.update(title_case_mode="off")
    form.ctx.reload()
    form.start_new_customer()

    def focused() -> str:
        widget = QApplication.focusWidget()
        return widget.objectName() if widget is not None else ""

    typed = {
        "nameEdit": "Baker, Ann",
        "companyEdit": "Baker Bakes",
        "firstNameEdit": "Ann",
        "lastNameEdit": "Baker",
        "phoneEdit": "937 555 0123",
        "emailEdit": "ann@example.com",
        "billToLine1Edit": "5 Elm St",
        "billToCityEdit": "Dayton",
    }
    order = []
    for _ in range(40):
        name = focused()
        order.append(name)
        if name in typed:
            qtbot.keyClicks(QApplication.focusWidget(), typed[name])
        if name == "billToCityEdit":
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert order[:4] == ["nameEdit", "companyEdit", "salutationCombo", "firstNameEdit"]
    assert order.index("phoneEdit") < order.index("emailEdit") < order.index("billToLine1Edit")
    with qtbot.waitSignal(form.saved) as saved:
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
        )
    stored = company.customers.get(saved.args[0])
    assert (stored.name, stored.company_name) == ("Baker, Ann", "Baker Bakes")
    assert stored.phone.formatted == "(937) 555-0123"
    assert stored.email.address == "ann@example.com"
    assert stored.bill_to.city == "Dayton"
