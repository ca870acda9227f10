"""The duplicate warning offers only what will work: a taken full name cannot be saved."""

from __future__ import annotations

from typing import Any

from officemgr.ui.customers.duplicate_dialog import DuplicateDialog
from officemgr.ui.customers.form import CustomerJobForm


def test_a_taken_name_offers_open_or_change_name_not_save_anyway(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any
) -> None:
    company.customers.add(name="Smith, John", phone="(555) 201-3344")
    form.start_new_customer()
    ui.type(form.address_tab.name_edit, "SMITH, john")  # the same name, as the key sees it
    offered: dict[str, bool] = {}

    def look(dialog: DuplicateDialog) -> None:
        offered.update(
            save=dialog.save_button.isVisible(),
            rename=dialog.rename_button.isVisible(),
            open=dialog.open_button.isVisible(),
        )
        ui.click(dialog.rename_button)

    answer_modal(DuplicateDialog, look)
    assert not form.save()
    assert offered == {"save": False, "rename": True, "open": True}
    name = form.address_tab.name_edit
    assert form.tabs.currentWidget() is form.address_tab
    assert form.focusWidget() is name and name.selectedText() == name.text()
    assert form.is_new and form.is_dirty  # nothing typed is lost


def test_a_shared_phone_only_still_offers_save_anyway(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any
) -> None:
    company.customers.add(name="Smith, John", phone="(555) 201-3344")
    form.start_new_customer()
    ui.type(form.address_tab.name_edit, "Smith, Jane")
    ui.type(form.address_tab.form.phone_edit, "555 201 3344")
    seen: list[bool] = []

    def save_anyway(dialog: DuplicateDialog) -> None:
        seen.append(dialog.rename_button.isVisible())
        ui.click(dialog.save_button)

    answer_modal(DuplicateDialog, save_anyway)
    assert form.save()
    assert seen == [False]
    assert company.customers.get(form.current_node_id).name == "Smith, Jane"


def test_names_are_compared_by_the_services_key_accents_and_case_alike(
    company: Any, qtbot: Any
) -> None:
    zoe = company.customers.add(name="Ødegård, Zoë").id
    matches = company.customers.find_duplicates(name="ØDEGÅRD, ZOË")
    assert [m.id for m in matches] == [zoe]
    dialog = DuplicateDialog("ØDEGÅRD, ZOË", matches)
    qtbot.addWidget(dialog)
    assert dialog.name_taken
    other = DuplicateDialog("Odegard, Zoe", matches)  # another name with that phone, say
    qtbot.addWidget(other)
    assert not other.name_taken


def test_the_record_with_the_very_name_is_listed_first_and_opened(qtbot: Any, company: Any) -> None:
    """Matches by phone may come first from the search: Open Existing must open the record
    whose name is taken, not the first one listed."""
    taken = company.customers.add(name="Bell, Shirley", phone="(555) 849-1119").id
    company.customers.add(name="Bell, Shirley Ann", phone="(555) 849-1119")
    matches = company.customers.find_duplicates(
        name="Bell, Shirley", phone="(555) 849-1119", email=None
    )
    dialog = DuplicateDialog("BELL, shirley", list(reversed(matches)), None)
    qtbot.addWidget(dialog)
    assert dialog.name_taken
    assert dialog.selected_id() == taken
