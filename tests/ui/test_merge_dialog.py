"""Customers › Find Duplicates… and Merge Into Selected…, driven as an office cleaning up
its list: the pair is found, the fields are chosen side by side, the other customer's
jobs and history move over and it is gone."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from officemgr.errors import NotFoundError
from officemgr.ui.customers.merge_dialog import (
    ChooseCustomerDialog,
    FindDuplicatesDialog,
    MergeDialog,
)


def two_smiths(company: Any) -> tuple[int, int]:
    kept = company.customers.add(name="Smith, John", phone="(555) 201-3344", notepad="Gate 12")
    other = company.customers.add(
        name="Smith, J.", phone="555-201-3344", notepad="Dog in yard", email="js@example.com"
    )
    company.jobs.add(parent=other.id, name="Furnace")
    return kept.id, other.id


def test_find_duplicates_then_merge_with_a_field_taken_from_the_other(
    qtbot: Any, make_window: Any, company: Any, answer_modal: Any
) -> None:
    kept, other = two_smiths(company)
    window = make_window()
    seen: list[FindDuplicatesDialog] = []

    def merge(dialog: MergeDialog) -> None:
        assert set(dialog.choices) == {"name", "notepad"}  # where the two differ
        assert dialog.by_edit.text()  # this desk's employee (or the computer's user)
        take_theirs = dialog.choices["notepad"].button(2)
        assert take_theirs.text() == "Dog in yard"
        take_theirs.click()
        assert dialog.taken() == ["notepad"]
        dialog.ok_button.click()

    def duplicates(dialog: FindDuplicatesDialog) -> None:
        seen.append(dialog)
        assert dialog.table.rowCount() == 1
        assert dialog.table.item(0, 2).text() == "same phone"
        answer_modal(MergeDialog, merge)
        dialog.merge_button.click()
        assert dialog.table.rowCount() == 0  # the pair is gone once merged
        dialog.reject()

    answer_modal(FindDuplicatesDialog, duplicates)
    window.merge_actions.find_duplicates_action.trigger()
    assert seen
    with pytest.raises(NotFoundError):
        company.customers.get(other)  # merged in, then deleted
    detail = company.customers.get(kept)
    assert detail.notepad == "Dog in yard"  # taken, as chosen
    assert detail.email_of("main").address == "js@example.com"  # filled in
    assert [r.full_name for r in company.customers.search("furnace", show="all")] == [
        "Smith, John:Furnace"
    ]
    assert [
        r.full_name for r in company.customers.search("smith", show="all") if r.parent_id is None
    ] == ["Smith, John"]
    qtbot.waitUntil(lambda: window.form.current_node_id == kept)


def test_merge_into_the_selected_customer_by_name(
    qtbot: Any, make_window: Any, company: Any, answer_modal: Any
) -> None:
    kept, other = two_smiths(company)
    window = make_window()
    assert window.open_node(kept)

    def choose(dialog: ChooseCustomerDialog) -> None:
        qtbot.keyClicks(dialog.search_edit, "smith, j.")
        assert dialog.results.rowCount() == 1
        answer_modal(MergeDialog, lambda merge: merge.ok_button.click())
        dialog.accept()

    answer_modal(ChooseCustomerDialog, choose)
    window.merge_actions.merge_action.trigger()
    assert isinstance(window.merge_actions.last_dialog, MergeDialog)
    assert window.merge_actions.last_dialog.result() == QDialog.DialogCode.Accepted
    names = {r.full_name for r in company.customers.search("", show="all")}
    assert names == {"Smith, John", "Smith, John:Furnace"}
    with pytest.raises(NotFoundError):
        company.customers.get(other)
