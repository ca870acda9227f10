"""Pop-up notes on opening (acknowledged and logged), the notes editor, credit hold, contacts."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
)

from officemgr.ui.customers.form import CustomerJobForm


def ok(dialog: QDialog) -> None:
    dialog.findChild(QDialogButtonBox, "buttonBox").button(
        QDialogButtonBox.StandardButton.Ok
    ).click()


def popups(co: Any) -> Any:
    return co.popups


def test_popup_notes_fire_on_open_and_acknowledging_is_logged(
    form: CustomerJobForm, company: Any, ui: Any
) -> None:
    customer = company.customers.add(name="Smith, John").id
    job = company.jobs.add(parent=customer, name="Furnace").id
    popups(company).add(owner=customer, text="Dog in the yard — call before you go")
    popups(company).add(owner=customer, text="Only on caller ID", on_open=False, on_caller_id=True)
    form.load(job)
    ui.qtbot.waitUntil(lambda: form.popup_dialog is not None and form.popup_dialog.isVisible())
    dialog = form.popup_dialog
    assert dialog is not None and ui.modal() is dialog
    assert [n.text for n in dialog.notes] == ["Dog in the yard — call before you go"]
    assert dialog.notes[0].inherited  # the job shows its customer's note
    assert "popup-note" in form.header.shown_badges()
    ui.click(dialog.acknowledge_button)
    ui.qtbot.waitUntil(lambda: form.popup_dialog is None)
    # The acknowledgement is written once the dialog has closed.
    ui.qtbot.waitUntil(lambda: bool(company.contact_log.list_for(job)))
    log = company.contact_log.list_for(job)
    assert [(e.kind, e.subject, e.employee_name) for e in log] == [
        ("System", "Pop-up note acknowledged", "Dana")
    ]
    form.load(job, fire_popups=False)
    assert form.popup_dialog is None


def test_closing_the_popup_logs_nothing(form: CustomerJobForm, company: Any, ui: Any) -> None:
    customer = company.customers.add(name="Smith, John").id
    popups(company).add(owner=customer, text="Gate code 1234")
    form.load(customer)
    ui.qtbot.waitUntil(lambda: form.popup_dialog is not None and form.popup_dialog.isVisible())
    ui.click(form.popup_dialog.close_button)
    ui.qtbot.waitUntil(lambda: form.popup_dialog is None)
    assert company.contact_log.list_for(customer) == []


def test_popup_notes_editor_adds_changes_and_removes(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any
) -> None:
    customer = company.customers.add(name="Smith, John").id
    form.load(customer)
    tab = form.additional_tab

    def fill(dialog: QDialog) -> None:
        text = dialog.findChild(QPlainTextEdit, "noteTextEdit")
        ui.qtbot.keyClicks(text, "Ask for the gate code")
        ui.click(dialog.findChild(QCheckBox, "onCallerIdCheck"))
        ok(dialog)

    answer_modal(QDialog, fill)
    ui.click(tab.form.add_popup_button)
    notes = popups(company).list_for(customer)
    assert [(n.text, n.on_open, n.on_caller_id) for n in notes] == [
        ("Ask for the gate code", True, True)
    ]
    assert tab.popup_list.count() == 1
    assert "popup-note" in form.header.shown_badges()
    assert not form.is_dirty  # saved at once, not part of the form's save

    def uncheck_open(dialog: QDialog) -> None:
        ui.click(dialog.findChild(QCheckBox, "noteActiveCheck"))
        ok(dialog)

    tab.popup_list.setCurrentRow(0)
    answer_modal(QDialog, uncheck_open)
    ui.click(tab.form.edit_popup_button)
    assert not popups(company).list_for(customer)[0].is_active
    assert "popup-note" not in form.header.shown_badges()

    assert tab.current_note() is not None  # the changed note stays selected
    answer_modal(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    ui.click(tab.form.remove_popup_button)
    assert popups(company).list_for(customer) == []
    assert tab.popup_list.count() == 0


def test_credit_hold_place_and_release(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any
) -> None:
    customer = company.customers.add(name="Smith, John").id
    job = company.jobs.add(parent=customer, name="Furnace").id
    form.load(job)  # from a job, the hold goes on its customer
    tab = form.payment_tab
    intro: list[str] = []

    def give_reason(dialog: QDialog) -> None:
        intro.append(dialog.findChild(QLabel, "byLabel").text())
        ok(dialog)  # no reason yet: refused at the field, the dialog stays
        assert dialog.isVisible()
        assert dialog.findChild(QLabel, "reasonMessage").text()
        ui.qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "reasonEdit"), "Two invoices 60 days")
        ok(dialog)

    answer_modal(QDialog, give_reason)
    ui.click(tab.form.place_hold_button)
    assert intro == ["Dana"]
    assert "hold" in form.header.shown_badges()
    assert "On credit hold" in tab.form.hold_status_label.text()
    assert tab.form.hold_reason_label.text() == "Two invoices 60 days"
    assert tab.form.hold_by_label.text() == "Dana"
    stored = company.customers.get(customer)
    assert stored.credit_hold and stored.credit_hold_by == "Dana"
    log = company.contact_log.list_for(customer)
    assert [(e.kind, e.subject) for e in log] == [("System", "Credit hold placed")]
    form.load(customer, fire_popups=False)
    assert "hold" in form.header.shown_badges()

    def release(dialog: QDialog) -> None:
        ui.qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "reasonEdit"), "Paid in full")
        ok(dialog)

    answer_modal(QDialog, release)
    form.release_credit_hold()
    assert "hold" not in form.header.shown_badges()
    assert not company.customers.get(customer).credit_hold
    subjects = [e.subject for e in company.contact_log.list_for(customer)]
    assert "Credit hold released" in subjects
    released = next(e for e in company.contact_log.list_for(customer) if "released" in e.subject)
    assert "Paid in full" in (released.details or "")


def test_placing_a_hold_keeps_unsaved_typing(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any
) -> None:
    customer = company.customers.add(name="Smith, John").id
    form.load(customer)
    ui.type(form.address_tab.form.company_edit, "Typed first")

    def give_reason(dialog: QDialog) -> None:
        ui.qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "reasonEdit"), "Bounced check")
        dialog.accept()

    answer_modal(QDialog, give_reason)
    form.place_credit_hold()
    assert form.is_dirty and form.address_tab.form.company_edit.text() == "Typed first"
    assert form.save()  # no conflict with the hold's own write
    stored = company.customers.get(customer)
    assert stored.company_name == "Typed first" and stored.credit_hold


def test_contacts_add_edit_remove(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any
) -> None:
    customer = company.customers.add(name="Smith, John").id
    form.load(customer)
    form.tabs.setCurrentWidget(form.contacts_tab)
    tab = form.contacts_tab

    def new_contact(dialog: QDialog) -> None:
        ui.type(dialog.findChild(QLineEdit, "contactNameEdit"), "Mary Smith")
        ui.type(dialog.findChild(QLineEdit, "roleEdit"), "Office manager")
        ui.type(dialog.findChild(QLineEdit, "contactPhoneEdit"), "555 201 9000 x7")
        ui.type(dialog.findChild(QLineEdit, "mobileEdit"), "5552019001")
        ui.type(dialog.findChild(QLineEdit, "contactEmailEdit"), "mary@example.com")
        ui.click(dialog.findChild(QCheckBox, "primaryCheck"))
        ok(dialog)

    answer_modal(QDialog, new_contact)
    ui.click(tab.form.add_contact_button)
    contacts = company.contacts.list_for(customer)
    assert [(c.name, c.role, c.is_primary) for c in contacts] == [
        ("Mary Smith", "Office manager", True)
    ]
    assert [(p.kind, p.display) for p in contacts[0].phones] == [
        ("main", "(555) 201-9000 ext. 7"),
        ("mobile", "(555) 201-9001"),
    ]
    assert tab.model.rowCount() == 1
    assert "saved" in tab.status.text()
    assert not form.is_dirty

    tab.view.selectRow(0)

    def rename(dialog: QDialog) -> None:
        ui.type(dialog.findChild(QLineEdit, "contactNameEdit"), "Mary Smith-Jones")
        ok(dialog)

    answer_modal(QDialog, rename)
    ui.click(tab.form.edit_contact_button)
    contacts = company.contacts.list_for(customer)
    assert contacts[0].name == "Mary Smith-Jones"
    assert [p.display for p in contacts[0].phones] == [
        "(555) 201-9000 ext. 7",
        "(555) 201-9001",
    ]
    assert tab.model.data(tab.model.index(0, 0)) == "Mary Smith-Jones"

    tab.view.selectRow(0)
    answer_modal(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    ui.click(tab.form.remove_contact_button)
    assert company.contacts.list_for(customer) == []
    assert tab.model.rowCount() == 0
    assert "removed" in tab.status.text()
