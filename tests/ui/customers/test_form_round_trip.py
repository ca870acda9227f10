"""Each tab's round trip: type into the widgets, click Save, read the record again."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter

from officemgr.ui.customers.form import CustomerJobForm


def reopened(form: CustomerJobForm, node_id: int) -> CustomerJobForm:
    form.clear()
    form.load(node_id)
    return form


def test_address_info_round_trip(form: CustomerJobForm, company: Any, ui: Any) -> None:
    company.settings.update(title_case_mode="off")
    form.ctx.reload()
    node = company.customers.add(name="Smith, John").id
    form.load(node)
    tab = form.address_tab
    widgets = tab.form
    ui.type(widgets.company_edit, "Smith Heating LLC")
    ui.type(widgets.salutation_combo.lineEdit(), "Dr.")
    ui.type(widgets.first_name_edit, "John")
    ui.type(widgets.middle_initial_edit, "Q")
    ui.type(widgets.last_name_edit, "Smith")
    ui.type(widgets.pronounced_edit, "SMITH, rhymes with with")
    ui.type(widgets.phone_edit, "937 555 0100")
    assert widgets.phone_edit.text() == "(937) 555-0100"  # formatted on leaving the field
    ui.type(widgets.extension_edit, "12")
    ui.type(widgets.alt_phone_edit, "937-555-0101")
    ui.type(widgets.cell_edit, "9375550102")
    ui.type(widgets.fax_edit, "937.555.0103")
    ui.type(widgets.email_edit, "john@example.com")
    ui.type(widgets.cc_email_edit, "office@example.com")
    ui.type(widgets.website_edit, "smith.example.com")
    ui.type(widgets.alt_contact_edit, "Mary Smith")
    ui.pick(widgets.preferred_contact_combo, "Email")
    ui.type(widgets.bill_to_line1_edit, "12 Oak St")
    ui.type(widgets.bill_to_line2_edit, "Suite 4")
    ui.type(widgets.bill_to_city_edit, "Dayton")
    ui.type(widgets.bill_to_region_edit, "OH")
    ui.type(widgets.bill_to_postal_edit, "45402")
    ui.type(widgets.bill_to_country_edit, "US")
    assert widgets.work_city_edit.text() == "Dayton"  # "same as Bill To" mirrors it
    ui.click(widgets.work_same_as_bill_to)
    ui.type(widgets.work_line1_edit, "400 Main St")
    ui.type(widgets.work_city_edit, "Kettering")
    assert form.is_dirty
    with ui.qtbot.waitSignal(form.saved) as saved:
        ui.click(form.header.save_button)
    assert saved.args == [node]
    assert not form.is_dirty

    reopened(form, node)
    assert widgets.company_edit.text() == "Smith Heating LLC"
    assert widgets.salutation_combo.currentText() == "Dr."
    assert (widgets.first_name_edit.text(), widgets.middle_initial_edit.text()) == ("John", "Q")
    assert widgets.pronounced_edit.text() == "SMITH, rhymes with with"
    assert (widgets.phone_edit.text(), widgets.extension_edit.text()) == ("(937) 555-0100", "12")
    assert widgets.alt_phone_edit.text() == "(937) 555-0101"
    assert widgets.cell_edit.text() == "(937) 555-0102"
    assert widgets.fax_edit.text() == "(937) 555-0103"
    assert (widgets.email_edit.text(), widgets.cc_email_edit.text()) == (
        "john@example.com",
        "office@example.com",
    )
    assert widgets.website_edit.text() == "smith.example.com"
    assert widgets.alt_contact_edit.text() == "Mary Smith"
    assert widgets.preferred_contact_combo.currentData() == "email"
    assert widgets.bill_to_line2_edit.text() == "Suite 4"
    assert widgets.bill_to_postal_edit.text() == "45402"
    assert not widgets.work_same_as_bill_to.isChecked()
    assert (widgets.work_line1_edit.text(), widgets.work_city_edit.text()) == (
        "400 Main St",
        "Kettering",
    )
    stored = company.customers.get(node)
    assert stored.phone.e164 == "+19375550100" and stored.phone.extension == "12"
    assert stored.bill_to.as_dict() == {
        "line1": "12 Oak St",
        "line2": "Suite 4",
        "city": "Dayton",
        "region": "OH",
        "postal_code": "45402",
        "country": "US",
    }
    assert stored.work.line1 == "400 Main St" and not stored.work_same_as_bill_to
    assert not form.is_dirty


def test_additional_info_round_trip(
    form: CustomerJobForm, company: Any, ui: Any, tmp_path: Any
) -> None:
    rep = company.lists.add_employee(name="Tom Becker", is_sales_rep=True)
    company.lists.add_employee(name="Ivy Inside")
    gate = company.lists.add_custom_field(name="Gate code", field_type="text")
    size = company.lists.add_custom_field(name="Filter size", field_type="number")
    visit = company.lists.add_custom_field(name="Last visit", field_type="date")
    pets = company.lists.add_custom_field(name="Pets", field_type="yes_no")
    day = company.lists.add_custom_field(
        name="Preferred day", field_type="choice", choices=["Monday", "Friday"]
    )
    lists = company.lists.all()
    node = company.customers.add(name="Acme Heating").id
    form.ctx.reload()
    form.load(node)
    tab = form.additional_tab
    ui.pick(tab.form.customer_type_combo, lists.customer_types[1].name)
    ui.pick(tab.form.terms_combo, "Net 3")
    ui.pick(tab.form.sales_rep_combo, "Tom")
    ui.pick(tab.form.inside_rep_combo, "Ivy")
    ui.pick(tab.form.department_combo, lists.departments[0].name)
    ui.pick(tab.form.marketing_source_combo, lists.marketing_sources[0].name)
    ui.pick(tab.form.tax_code_combo, "Non")
    ui.pick(tab.form.price_level_combo, lists.price_levels[0].name)
    ui.type(tab.form.resale_number_edit, "R-778")
    ui.click(tab.form.prospect_check)
    custom = tab.custom
    ui.type(custom[gate.id].widget, "#4321")
    ui.type(custom[size.id].widget, "16.5")
    ui.type(custom[visit.id].widget, "2026-03-09")
    ui.click(custom[pets.id].widget)
    ui.pick(custom[day.id].widget, "Fri")
    ui.type(tab.notepad, "Likes morning calls.", leave=False)
    ui.click(tab.form.date_stamp_button)
    ui.qtbot.keyClicks(tab.notepad, "called back")
    with ui.qtbot.waitSignal(form.saved):
        ui.click(form.header.save_button)

    reopened(form, node)
    assert tab.form.terms_combo.currentText() == "Net 30"
    assert tab.form.sales_rep_combo.currentData() == rep.id
    assert tab.form.inside_rep_combo.currentText() == "Ivy Inside"
    assert tab.form.tax_code_combo.currentText() == "Non"
    assert tab.form.resale_number_edit.text() == "R-778"
    assert tab.form.prospect_check.isChecked()
    assert tab.custom[gate.id].value() == "#4321"
    assert tab.custom[size.id].value() == Decimal("16.5")
    assert tab.custom[visit.id].value() == date(2026, 3, 9)
    assert tab.custom[pets.id].value() is True
    assert tab.custom[day.id].value() == "Friday"
    text = tab.notepad.toPlainText()
    assert text.startswith("Likes morning calls.")
    assert " — Dana: called back" in text
    stored = company.customers.get(node)
    assert stored.is_prospect and stored.resale_number == "R-778"
    assert stored.custom_fields[size.id] == Decimal("16.5")
    assert "prospect" in form.header.shown_badges()

    # Print: the notepad's text prints (to a PDF here)
    pdf = tmp_path / "notepad.pdf"
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(pdf))
    assert tab.print_notepad(printer)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_print_opens_the_print_dialog(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any
) -> None:
    form.load(company.customers.add(name="Acme Heating").id)
    seen: list[str] = []

    def cancel(dialog: QPrintDialog) -> None:
        seen.append(dialog.windowTitle())
        dialog.reject()

    answer_modal(QPrintDialog, cancel)
    ui.click(form.additional_tab.form.print_notepad_button)
    assert seen == ["Print Notepad"]


def test_payment_info_round_trip(form: CustomerJobForm, company: Any, ui: Any) -> None:
    node = company.customers.add(name="Acme Heating").id
    form.load(node)
    tab = form.payment_tab
    widgets = tab.form
    ui.type(widgets.account_number_edit, "A-1001")
    ui.type(widgets.ar_account_edit, "1200")
    ui.type(widgets.credit_limit_edit, "5,000")
    ui.type(widgets.opening_balance_edit, "250.75")
    ui.type(widgets.opening_balance_date_edit, "2026-01-31")
    ui.pick(widgets.payment_method_combo, "Visa")
    ui.type(widgets.card_holder_edit, "John Smith")
    ui.type(widgets.card_number_edit, "4111 1111 1111 1111")
    assert widgets.card_number_edit.text() == "•••• 1111"  # never shown in full after typing
    ui.type(widgets.card_exp_month_spin, "7")
    ui.type(widgets.card_exp_year_spin, "2029")
    ui.type(widgets.billing_zip_edit, "45402")
    ui.click(widgets.debit_card_check)
    with ui.qtbot.waitSignal(form.saved):
        ui.click(form.header.save_button)

    reopened(form, node)
    assert widgets.account_number_edit.text() == "A-1001"
    assert widgets.ar_account_edit.text() == "1200"
    assert widgets.credit_limit_edit.text() == "5,000.00"
    assert widgets.opening_balance_edit.text() == "250.75"
    assert tab.opening_date.value() == date(2026, 1, 31)
    assert widgets.payment_method_combo.currentText() == "Visa"
    assert widgets.card_holder_edit.text() == "John Smith"
    assert widgets.card_number_edit.text() == "•••• 1111"
    assert widgets.card_brand_label.text() == "Visa"
    assert (widgets.card_exp_month_spin.value(), widgets.card_exp_year_spin.value()) == (7, 2029)
    assert widgets.billing_zip_edit.text() == "45402"
    assert widgets.debit_card_check.isChecked()
    stored = company.customers.get(node)
    assert stored.card_last4 == "1111" and stored.card_brand == "Visa"
    assert stored.credit_limit == Decimal("5000.00")
    assert form.header.balance_label.text().startswith("Balance: 250.75")
    assert not form.is_dirty


def test_job_info_round_trip(form: CustomerJobForm, company: Any, ui: Any) -> None:
    foreman = company.lists.add_employee(name="Frank Foreman", is_foreman=True)
    install = company.lists.add_job_type(name="Install")
    furnace = company.lists.add_job_type(name="Furnace", parent_id=install.id)
    form.ctx.reload()
    customer = company.customers.add(name="Smith, John").id
    job = company.jobs.add(parent=customer, name="Furnace Replacement").id
    form.load(job)
    tab = form.job_tab
    assert form.tabs.isTabVisible(form.tabs.indexOf(tab))
    widgets = tab.form
    ui.type(widgets.job_title_edit, "New furnace")
    ui.pick(widgets.job_type_combo, "Install:F")
    ui.pick(widgets.job_status_combo, "Awarded")
    ui.pick(widgets.foreman_combo, "Frank")
    ui.type(widgets.start_date_edit, "2026-12-01")
    ui.type(widgets.projected_end_edit, "2026-12-03")
    ui.type(widgets.completion_date_edit, "2026-12-04")
    ui.type(widgets.projected_total_edit, "4,250.00")
    ui.type(widgets.description_edit, "Replace the 1998 furnace")
    ui.type(widgets.job_details_edit, "Bring the long ladder.", leave=False)
    with ui.qtbot.waitSignal(form.saved):
        ui.qtbot.keyClick(
            widgets.job_details_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
        )

    reopened(form, job)
    assert widgets.job_title_edit.text() == "New furnace"
    assert widgets.job_type_combo.currentData() == furnace.id
    assert widgets.job_type_combo.currentText() == "Install:Furnace"
    assert widgets.job_status_combo.currentText() == "Awarded"
    assert widgets.foreman_combo.currentData() == foreman.id
    assert tab.dates["start_date"].value() == date(2026, 12, 1)
    assert tab.dates["projected_end_date"].value() == date(2026, 12, 3)
    assert tab.dates["completion_date"].value() == date(2026, 12, 4)
    assert widgets.projected_total_edit.text() == "4,250.00"
    assert widgets.description_edit.text() == "Replace the 1998 furnace"
    assert widgets.job_details_edit.toPlainText() == "Bring the long ladder."
    assert form.header.kind_label.text() == "Job"
    assert form.header.name_label.full_text() == "Smith, John:Furnace Replacement"


def test_job_info_is_only_shown_for_jobs(form: CustomerJobForm, company: Any) -> None:
    customer = company.customers.add(name="Smith, John").id
    job = company.jobs.add(parent=customer, name="Furnace").id
    index = form.tabs.indexOf(form.job_tab)
    form.load(customer)
    assert not form.tabs.isTabVisible(index)
    assert form.address_tab.parent_edit.isHidden()
    form.load(job)
    assert form.tabs.isTabVisible(index)
    assert form.address_tab.parent_edit.text() == "Smith, John"
    assert form.address_tab.form.name_label.text().replace("&", "") == "Job name:"


def test_changing_the_parent_moves_the_job(form: CustomerJobForm, company: Any, ui: Any) -> None:
    smith = company.customers.add(name="Smith, John").id
    jones = company.customers.add(name="Jones, Ann").id
    job = company.jobs.add(parent=smith, name="Furnace").id
    form.load(job)
    ui.type(form.address_tab.parent_edit, "Jones, Ann")
    with ui.qtbot.waitSignal(form.saved):
        ui.click(form.header.save_button)
    assert company.customers.get(job).parent_id == jones
    assert form.header.name_label.full_text() == "Jones, Ann:Furnace"
    ui.type(form.address_tab.parent_edit, "Nobody Here")
    assert not form.save()
    assert "no customer or job called" in form.address_tab.messages["parent"].text
