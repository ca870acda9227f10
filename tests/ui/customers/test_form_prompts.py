"""Leaving a changed record asks Save / Discard / Cancel; nothing typed is dropped silently."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox

from officemgr.ui.customers.conflict_dialog import ConflictDialog
from officemgr.ui.customers.form import CustomerJobForm


def answer(button: QMessageBox.StandardButton, seen: list[str]) -> Any:
    def press(box: QMessageBox) -> None:
        seen.append(box.text())
        box.button(button).click()

    return press


def test_unchanged_record_leaves_without_asking(form: CustomerJobForm, company: Any) -> None:
    form.load(company.customers.add(name="Smith, John").id)
    assert not form.is_dirty
    assert form.maybe_save()  # no dialog came up (answer_modal would have been needed)


def test_save_answer_saves(form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any) -> None:
    node = company.customers.add(name="Smith, John").id
    form.load(node)
    with ui.qtbot.waitSignal(form.dirty_changed) as dirty:
        ui.type(form.address_tab.form.company_edit, "Smith Heating")
    assert dirty.args == [True]
    assert form.revert_action.isEnabled()
    seen: list[str] = []
    answer_modal(QMessageBox, answer(QMessageBox.StandardButton.Save, seen))
    assert form.maybe_save()
    assert seen == ["Do you want to save the changes to “Smith, John”?"]
    assert company.customers.get(node).company_name == "Smith Heating"
    assert not form.is_dirty


def test_discard_answer_puts_the_record_back(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any
) -> None:
    node = company.customers.add(name="Smith, John", company_name="Old Co").id
    form.load(node)
    ui.type(form.address_tab.form.company_edit, "New Co")
    answer_modal(QMessageBox, answer(QMessageBox.StandardButton.Discard, []))
    assert form.maybe_save()
    assert form.address_tab.form.company_edit.text() == "Old Co"
    assert company.customers.get(node).company_name == "Old Co"
    assert not form.is_dirty


def test_cancel_answer_stays_with_the_typing(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any
) -> None:
    node = company.customers.add(name="Smith, John").id
    form.load(node)
    ui.type(form.address_tab.form.company_edit, "Typed, not saved")
    answer_modal(QMessageBox, answer(QMessageBox.StandardButton.Cancel, []))
    assert not form.maybe_save()
    assert form.is_dirty
    assert form.address_tab.form.company_edit.text() == "Typed, not saved"
    assert company.customers.get(node).company_name is None


def test_a_failed_save_keeps_the_record_open(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any
) -> None:
    node = company.customers.add(name="Smith, John").id
    form.load(node)
    ui.erase(form.address_tab.name_edit)
    answer_modal(QMessageBox, answer(QMessageBox.StandardButton.Save, []))
    assert not form.maybe_save()  # the empty name blocks the save: the user stays
    assert form.is_dirty
    assert form.address_tab.messages["name"].kind == "error"


def test_revert_action_undoes_typing(form: CustomerJobForm, company: Any, ui: Any) -> None:
    node = company.customers.add(name="Smith, John", phone="555-201-3344").id
    form.load(node)
    ui.type(form.address_tab.form.phone_edit, "937 555 0100")
    assert form.revert_action.isEnabled()
    ui.click(form.header.revert_button)
    assert form.address_tab.form.phone_edit.text() == "(555) 201-3344"
    assert not form.is_dirty and not form.revert_action.isEnabled()


def test_a_save_over_someone_elses_change_is_refused_and_kept(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any
) -> None:
    node = company.customers.add(name="Smith, John").id
    form.load(node)
    ui.type(form.address_tab.form.company_edit, "Mine")
    company.customers.update(node, company_name="Theirs")  # another desk saves first
    seen: list[tuple[str, ...]] = []

    def cancel(dialog: ConflictDialog) -> None:  # the choices: tests/ui/customers/test_conflicts.py
        seen.extend(dialog.rows())
        dialog.reject()

    answer_modal(ConflictDialog, cancel)
    assert not form.save()
    assert seen == [("Company — conflict", "—", "Theirs", "Mine")]
    assert form.address_tab.form.company_edit.text() == "Mine"
    assert form.is_dirty
