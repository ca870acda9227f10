"""A card number typed into a free-text field of the form: a warning at the field, what
was typed kept until Save, and only "card ending NNNN" stored and shown after it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from officemgr.ui.customers.form import CustomerJobForm

NOTICE = "OfficeMgr never stores full card numbers or security codes."


def stored_bytes(company: Any) -> bytes:
    path = company.path
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_a_card_number_in_free_text_warns_at_the_field_and_is_reduced_on_save(
    form: CustomerJobForm, company: Any, ui: Any, qtbot: Any
) -> None:
    customer = company.customers.add(name="Smith, John").id
    form.load(customer)
    address = form.address_tab
    company_edit = address.form.company_edit
    ui.type(company_edit, "Acme 4111 1111 1111 1111")
    message = address.messages["company_name"]
    assert message.kind == "warning"
    assert message.text == (f"A card number was found: only “card ending 1111” is kept — {NOTICE}")
    assert message.label.isVisible() and "card ending 1111" in message.label.text()
    assert company_edit.text() == "Acme 4111 1111 1111 1111"  # kept until Save

    # A phone field says the same, not "kept as typed".
    ui.type(address.form.alt_phone_edit, "5555-5555-5555-4444")
    assert "only “card ending 4444” is kept" in address.messages["alt_phone"].text

    additional = form.additional_tab
    form.tabs.setCurrentWidget(additional)
    notepad = additional.notepad
    ui.type(notepad, "Paid by card 3782 822463 10005 CVV 737", leave=False)
    additional.resale.setFocus()  # leaving the notepad checks it
    qtbot.waitUntil(lambda: additional.messages.get("notepad") is not None)
    note = additional.messages["notepad"]
    assert note.kind == "warning"
    assert "card ending 0005" in note.text and "security code" in note.text
    qtbot.waitUntil(note.label.isVisible)  # right under the notepad
    assert notepad.toPlainText() == "Paid by card 3782 822463 10005 CVV 737"

    # Normal text in a field warns about nothing.
    ui.type(additional.resale, "Resale 45402 (555) 201-3344")
    assert additional.messages.get("resale_number") is None

    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.header.save_button, Qt.MouseButton.LeftButton)
    stored = company.customers.get(customer)
    assert stored.company_name == "Acme card ending 1111"
    assert stored.alt_phone.as_typed == "card ending 4444"
    assert stored.notepad == "Paid by card card ending 0005 CVV removed"
    assert stored.resale_number == "Resale 45402 (555) 201-3344"
    # The form shows what was stored, without the warnings.
    assert company_edit.text() == "Acme card ending 1111"
    assert notepad.toPlainText() == "Paid by card card ending 0005 CVV removed"
    assert message.kind is None and note.kind is None
    data = stored_bytes(company)
    for digits in (b"4111111111111111", b"5555555555554444", b"378282246310005"):
        assert digits not in data
    assert b"4111 1111 1111 1111" not in data and b"3782 822463 10005" not in data


def test_the_warning_goes_when_the_number_is_taken_out(
    form: CustomerJobForm, company: Any, ui: Any
) -> None:
    job = company.jobs.add(parent=company.customers.add(name="Smith, John").id, name="Furnace")
    form.load(job.id)
    tab = form.job_tab
    form.tabs.setCurrentWidget(tab)
    description = tab.form.description_edit
    ui.type(description, "deposit on 6011 1111 1111 1117")
    assert tab.messages["description"].kind == "warning"
    ui.type(description, "deposit on card ending 1117")
    assert tab.messages["description"].kind is None
    assert form.save()
    assert company.jobs.get(job.id).job_info.description == "deposit on card ending 1117"
