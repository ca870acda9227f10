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
    w = tab.w
    ui.type(w("companyEdit"), "Smith Heating LLC")
    ui.type(w("salutationCombo").lineEdit(), "Dr.")
    ui.type(w("firstNameEdit"), "John")
    ui.type(w("middleInitialEdit"), "Q")
    ui.type(w("lastNameEdit"), "Smith")
    ui.type(w("pronouncedEdit"), "SMITH, rhymes with with")
    ui.type(w("phoneEdit"), "937 555 0100")
    assert w("phoneEdit").text() == "(937) 555-0100"  # formatted on leaving the field
    ui.type(w("extensionEdit"), "12")
    ui.type(w("altPhoneEdit"), "937-555-0101")
    ui.type(w("cellEdit"), "9375550102")
    ui.type(w("faxEdit"), "937.555.0103")
    ui.type(w("emailEdit"), "john@example.com")
    ui.type(w("ccEmailEdit"), "office@example.com")
    ui.type(w("websiteEdit"), "smith.example.com")
    ui.type(w("altContactEdit"), "Mary Smith")
    ui.pick(w("preferredContactCombo"), "Email")
    ui.type(w("billToLine1Edit"), "12 Oak St")
    ui.type(w("billToLine2Edit"), "Suite 4")
    ui.type(w("billToCityEdit"), "Dayton")
    ui.type(w("billToRegionEdit"), "OH")
    ui.type(w("billToPostalEdit"), "45402")
    ui.type(w("billToCountryEdit"), "US")
    assert w("workCityEdit").text() == "Dayton"  # "same as Bill To" mirrors it
    ui.click(w("workSameAsBillTo"))
    ui.type(w("workLine1Edit"), "400 Main St")
    ui.type(w("workCityEdit"), "Kettering")
    assert form.is_dirty
    with ui.qtbot.waitSignal(form.saved) as saved:
        ui.click(form.header.save_button)
    assert saved.args == [node]
    assert not form.is_dirty

    reopened(form, node)
    assert w("companyEdit").text() == "Smith Heating LLC"
    assert w("salutationCombo").currentText() == "Dr."
    assert (w("firstNameEdit").text(), w("middleInitialEdit").text()) == ("John", "Q")
    assert w("pronouncedEdit").text() == "SMITH, rhymes with with"
    assert (w("phoneEdit").text(), w("extensionEdit").text()) == ("(937) 555-0100", "12")
    assert w("altPhoneEdit").text() == "(937) 555-0101"
    assert w("cellEdit").text() == "(937) 555-0102"
    assert w("faxEdit").text() == "(937) 555-0103"
    assert (w("emailEdit").text(), w("ccEmailEdit").text()) == (
        "john@example.com",
        "office@example.com",
    )
    assert w("websiteEdit").text() == "smith.example.com"
    assert w("altContactEdit").text() == "Mary Smith"
    assert w("preferredContactCombo").currentData() == "email"
    assert w("billToLine2Edit").text() == "Suite 4"
    assert w("billToPostalEdit").text() == "45402"
    assert not w("workSameAsBillTo").isChecked()
    assert (w("workLine1Edit").text(), w("workCityEdit").text()) == ("400 Main St", "Kettering")
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
    ui.pick(tab.w("customerTypeCombo"), lists.customer_types[1].name)
    ui.pick(tab.w("termsCombo"), "Net 3")
    ui.pick(tab.w("salesRepCombo"), "Tom")
    ui.pick(tab.w("insideRepCombo"), "Ivy")
    ui.pick(tab.w("departmentCombo"), lists.departments[0].name)
    ui.pick(tab.w("marketingSourceCombo"), lists.marketing_sources[0].name)
    ui.pick(tab.w("taxCodeCombo"), "Non")
    ui.pick(tab.w("priceLevelCombo"), lists.price_levels[0].name)
    ui.type(tab.w("resaleNumberEdit"), "R-778")
    ui.click(tab.w("prospectCheck"))
    custom = tab.custom
    ui.type(custom[gate.id].widget, "#4321")
    ui.type(custom[size.id].widget, "16.5")
    ui.type(custom[visit.id].widget, "2026-03-09")
    ui.click(custom[pets.id].widget)
    ui.pick(custom[day.id].widget, "Fri")
    ui.type(tab.notepad, "Likes morning calls.", leave=False)
    ui.click(tab.w("dateStampButton"))
    ui.qtbot.keyClicks(tab.notepad, "called back")
    with ui.qtbot.waitSignal(form.saved):
        ui.click(form.header.save_button)

    reopened(form, node)
    assert tab.w("termsCombo").currentText() == "Net 30"
    assert tab.w("salesRepCombo").currentData() == rep.id
    assert tab.w("insideRepCombo").currentText() == "Ivy Inside"
    assert tab.w("taxCodeCombo").currentText() == "Non"
    assert tab.w("resaleNumberEdit").text() == "R-778"
    assert tab.w("prospectCheck").isChecked()
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
    ui.click(form.additional_tab.w("printNotepadButton"))
    assert seen == ["Print Notepad"]


def test_payment_info_round_trip(form: CustomerJobForm, company: Any, ui: Any) -> None:
    node = company.customers.add(name="Acme Heating").id
    form.load(node)
    tab = form.payment_tab
    w = tab.w
    ui.type(w("accountNumberEdit"), "A-1001")
    ui.type(w("arAccountEdit"), "1200")
    ui.type(w("creditLimitEdit"), "5,000")
    ui.type(w("openingBalanceEdit"), "250.75")
    ui.type(w("openingBalanceDateEdit"), "2026-01-31")
    ui.pick(w("paymentMethodCombo"), "Visa")
    ui.type(w("cardHolderEdit"), "John Smith")
    ui.type(w("cardNumberEdit"), "4111 1111 1111 1111")
    assert w("cardNumberEdit").text() == "•••• 1111"  # never shown in full after typing
    ui.type(w("cardExpMonthSpin"), "7")
    ui.type(w("cardExpYearSpin"), "2029")
    ui.type(w("billingZipEdit"), "45402")
    ui.click(w("debitCardCheck"))
    with ui.qtbot.waitSignal(form.saved):
        ui.click(form.header.save_button)

    reopened(form, node)
    assert w("accountNumberEdit").text() == "A-1001"
    assert w("arAccountEdit").text() == "1200"
    assert w("creditLimitEdit").text() == "5,000.00"
    assert w("openingBalanceEdit").text() == "250.75"
    assert tab.opening_date.value() == date(2026, 1, 31)
    assert w("paymentMethodCombo").currentText() == "Visa"
    assert w("cardHolderEdit").text() == "John Smith"
    assert w("cardNumberEdit").text() == "•••• 1111"
    assert w("cardBrandLabel").text() == "Visa"
    assert (w("cardExpMonthSpin").value(), w("cardExpYearSpin").value()) == (7, 2029)
    assert w("billingZipEdit").text() == "45402"
    assert w("debitCardCheck").isChecked()
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
    w = tab.w
    ui.type(w("jobTitleEdit"), "New furnace")
    ui.pick(w("jobTypeCombo"), "Install:F")
    ui.pick(w("jobStatusCombo"), "Awarded")
    ui.pick(w("foremanCombo"), "Frank")
    ui.type(w("startDateEdit"), "2026-12-01")
    ui.type(w("projectedEndEdit"), "2026-12-03")
    ui.type(w("completionDateEdit"), "2026-12-04")
    ui.type(w("projectedTotalEdit"), "4,250.00")
    ui.type(w("descriptionEdit"), "Replace the 1998 furnace")
    ui.type(w("jobDetailsEdit"), "Bring the long ladder.", leave=False)
    with ui.qtbot.waitSignal(form.saved):
        ui.qtbot.keyClick(w("jobDetailsEdit"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    reopened(form, job)
    assert w("jobTitleEdit").text() == "New furnace"
    assert w("jobTypeCombo").currentData() == furnace.id
    assert w("jobTypeCombo").currentText() == "Install:Furnace"
    assert w("jobStatusCombo").currentText() == "Awarded"
    assert w("foremanCombo").currentData() == foreman.id
    assert tab.dates["start_date"].value() == date(2026, 12, 1)
    assert tab.dates["projected_end_date"].value() == date(2026, 12, 3)
    assert tab.dates["completion_date"].value() == date(2026, 12, 4)
    assert w("projectedTotalEdit").text() == "4,250.00"
    assert w("descriptionEdit").text() == "Replace the 1998 furnace"
    assert w("jobDetailsEdit").toPlainText() == "Bring the long ladder."
    assert form.header.kind_label.text() == "Job"
    assert form.header.name_label.text() == "Smith, John:Furnace Replacement"


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
    assert form.address_tab.w("nameLabel").text().replace("&", "") == "Job name:"


def test_changing_the_parent_moves_the_job(form: CustomerJobForm, company: Any, ui: Any) -> None:
    smith = company.customers.add(name="Smith, John").id
    jones = company.customers.add(name="Jones, Ann").id
    job = company.jobs.add(parent=smith, name="Furnace").id
    form.load(job)
    ui.type(form.address_tab.parent_edit, "Jones, Ann")
    with ui.qtbot.waitSignal(form.saved):
        ui.click(form.header.save_button)
    assert company.customers.get(job).parent_id == jones
    assert form.header.name_label.text() == "Jones, Ann:Furnace"
    ui.type(form.address_tab.parent_edit, "Nobody Here")
    assert not form.save()
    assert "no customer or job called" in form.address_tab.messages["parent"].text
