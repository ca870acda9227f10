"""Pop-up notes come back as this desk chose, not on every opening after Acknowledge."""

from __future__ import annotations

from typing import Any

from officemgr.ui.customers.form import CustomerJobForm
from officemgr.ui.preferences import POPUP_REPEAT_KEY, settings_store


def _shown(form: CustomerJobForm, ui: Any) -> list[str]:
    ui.qtbot.waitUntil(lambda: form.popup_dialog is not None and form.popup_dialog.isVisible())
    assert form.popup_dialog is not None
    return [note.text for note in form.popup_dialog.notes]


def test_after_acknowledge_the_customer_and_its_jobs_open_quietly_until_tomorrow(
    form: CustomerJobForm, company: Any, ui: Any
) -> None:
    customer = company.customers.add(name="Smith, John").id
    furnace = company.jobs.add(parent=customer, name="Furnace").id
    roof = company.jobs.add(parent=customer, name="Roof").id
    company.popups.add(owner=customer, text="Dog in the yard")
    form.load(furnace)
    assert _shown(form, ui) == ["Dog in the yard"]
    ui.click(form.popup_dialog.acknowledge_button)
    ui.qtbot.waitUntil(lambda: form.popup_dialog is None)
    ui.qtbot.waitUntil(lambda: bool(company.contact_log.list_for(furnace)))
    for node in (customer, roof, furnace):
        form.load(node)
        ui.qtbot.wait(50)
        assert form.popup_dialog is None, node
    assert "popup-note" in form.header.shown_badges()  # the badge still says there is one


def test_closing_without_acknowledging_or_choosing_every_open_shows_it_again(
    form: CustomerJobForm, company: Any, ui: Any
) -> None:
    customer = company.customers.add(name="Smith, John").id
    company.popups.add(owner=customer, text="Dog in the yard")
    form.load(customer)
    _shown(form, ui)
    ui.click(form.popup_dialog.close_button)  # read, not acknowledged
    ui.qtbot.waitUntil(lambda: form.popup_dialog is None)
    form.clear()
    form.load(customer)
    assert _shown(form, ui) == ["Dog in the yard"]
    ui.click(form.popup_dialog.acknowledge_button)
    ui.qtbot.waitUntil(lambda: form.popup_dialog is None)
    ui.qtbot.waitUntil(lambda: bool(company.contact_log.list_for(customer)))
    settings_store().setValue(POPUP_REPEAT_KEY, "every_open")
    form.clear()
    form.load(customer)
    assert _shown(form, ui) == ["Dog in the yard"]
