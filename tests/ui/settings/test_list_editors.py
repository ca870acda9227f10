"""The list pages: entries added, changed, retired and moved with the widgets reach
``co.lists.all()`` at once and are announced; refusals show at the field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

LEFT = Qt.MouseButton.LeftButton


def _editor(dialog: Any, list_kind: str) -> Any:
    return dialog.show_page("lists").show_list(list_kind)


def _new(qtbot: Any, editor: Any, name: str) -> None:
    qtbot.mouseClick(editor.new_button, LEFT)
    assert editor.shown_record() is None and editor.save_button.text() == "&Add"
    qtbot.keyClicks(editor.form.widgets["name"], name)


def _choose(editor: Any, name: str) -> None:
    row = next(r for r in range(editor.model.rowCount()) if editor.model.record(r).name == name)
    editor.table.setCurrentIndex(editor.model.index(row, 0))
    assert editor.shown_record().name == name


def test_a_customer_type_added_with_enter_is_saved_announced_and_the_dialog_stays(
    company: Any, make_dialog: Any, qtbot: Any, hub: Any
) -> None:
    dialog = make_dialog()
    editor = _editor(dialog, "customer_type")
    _new(qtbot, editor, "Landlord")
    with qtbot.waitSignal(hub.changed) as blocker:
        qtbot.keyClick(editor.form.widgets["name"], Qt.Key.Key_Return)
    assert blocker.args[0].lists and not blocker.args[0].settings
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "Landlord" in [t.name for t in company.lists.all().customer_types]
    assert editor.shown_record().name == "Landlord"
    assert editor.model.record(editor.model.rowCount() - 1).name == "Landlord"
    assert dialog.saved


def test_terms_with_their_figures(company: Any, make_dialog: Any, qtbot: Any) -> None:
    editor = _editor(make_dialog(), "terms")
    _new(qtbot, editor, "1% 10 Net 45")
    widgets = editor.form.widgets
    widgets["net_days"].setValue(45)
    qtbot.keyClicks(widgets["discount_percent"], "1.5")
    widgets["discount_days"].setValue(10)
    qtbot.mouseClick(editor.save_button, LEFT)
    terms = {t.name: t for t in company.lists.all().terms}["1% 10 Net 45"]
    assert (terms.net_days, terms.discount_percent, terms.discount_days) == (
        45,
        Decimal("1.5"),
        10,
    )


def test_a_tax_code_with_description_rate_and_taxable(
    company: Any, make_dialog: Any, qtbot: Any
) -> None:
    editor = _editor(make_dialog(), "tax_code")
    _new(qtbot, editor, "County")
    widgets = editor.form.widgets
    assert widgets["is_taxable"].isChecked()  # a new tax code is taxable
    qtbot.keyClicks(widgets["description"], "County sales tax")
    qtbot.keyClicks(widgets["rate_percent"], "7.25")
    qtbot.mouseClick(editor.save_button, LEFT)
    code = {t.name: t for t in company.lists.all().tax_codes}["County"]
    assert (code.description, code.rate_percent, code.is_taxable) == (
        "County sales tax",
        Decimal("7.25"),
        True,
    )


def test_an_employee_is_added_and_offered_as_this_desks_employee(
    company: Any, make_dialog: Any, qtbot: Any
) -> None:
    dialog = make_dialog()
    editor = _editor(dialog, "employee")
    _new(qtbot, editor, "Dana Whitfield")
    qtbot.keyClicks(editor.form.widgets["initials"], "DW")
    editor.form.widgets["is_sales_rep"].click()
    qtbot.mouseClick(editor.save_button, LEFT)
    (dana,) = company.lists.all().employees
    assert (dana.name, dana.initials, dana.is_sales_rep, dana.is_foreman) == (
        "Dana Whitfield",
        "DW",
        True,
        False,
    )
    assert company.lists.all().sales_reps == (dana,)
    combo = dialog.page("preferences").employee
    assert [combo.itemText(i) for i in range(combo.count())] == ["Dana Whitfield"]


def test_a_payment_method_with_its_kind(company: Any, make_dialog: Any, qtbot: Any) -> None:
    editor = _editor(make_dialog(), "payment_method")
    _new(qtbot, editor, "Zelle")
    kind = editor.form.widgets["kind"]
    kind.setCurrentIndex(kind.findData("ach"))
    qtbot.mouseClick(editor.save_button, LEFT)
    method = {p.name: p for p in company.lists.all().payment_methods}["Zelle"]
    assert method.kind == "ach"


def test_a_duplicate_is_refused_at_the_name_and_nothing_is_added(
    company: Any, make_dialog: Any, qtbot: Any, hub: Any
) -> None:
    dialog = make_dialog()
    editor = _editor(dialog, "customer_type")
    before = company.lists.all().customer_types
    _new(qtbot, editor, "residential")
    qtbot.mouseClick(editor.save_button, LEFT)
    assert "already a customer type called" in editor.error_text()
    assert dialog.focusWidget() is editor.form.widgets["name"]
    assert company.lists.all().customer_types == before
    assert hub.seen == []


def test_renaming_locks_the_list_until_saved_or_reverted(
    company: Any, make_dialog: Any, qtbot: Any
) -> None:
    editor = _editor(make_dialog(), "department")
    _choose(editor, "Service")
    name = editor.form.widgets["name"]
    qtbot.keyClick(name, Qt.Key.Key_End)
    qtbot.keyClicks(name, " Calls")
    assert not editor.table.isEnabled() and not editor.new_button.isEnabled()
    assert "changed" in editor.group.title()
    qtbot.mouseClick(editor.revert_button, LEFT)
    assert name.text() == "Service" and editor.table.isEnabled()

    qtbot.keyClick(name, Qt.Key.Key_End)
    qtbot.keyClicks(name, " Calls")
    qtbot.mouseClick(editor.save_button, LEFT)
    assert "Service Calls" in [d.name for d in company.lists.all().departments]
    assert editor.table.isEnabled() and editor.shown_record().name == "Service Calls"


def test_make_inactive_and_active_again(company: Any, make_dialog: Any, qtbot: Any) -> None:
    editor = _editor(make_dialog(), "customer_type")
    _choose(editor, "Government")
    qtbot.mouseClick(editor.active_button, LEFT)
    government = {t.name: t for t in company.lists.all().customer_types}["Government"]
    assert not government.is_active
    assert editor.active_button.text() == "Make Act&ive"
    qtbot.mouseClick(editor.active_button, LEFT)
    assert {t.name: t for t in company.lists.all().customer_types}["Government"].is_active


def test_moving_an_entry_changes_the_order_the_forms_offer(
    company: Any, make_dialog: Any, qtbot: Any
) -> None:
    editor = _editor(make_dialog(), "terms")
    _choose(editor, "Net 30")
    qtbot.mouseClick(editor.up_button, LEFT)
    assert [t.name for t in company.lists.all().terms] == [
        "Due on receipt",
        "Net 30",
        "Net 15",
        "2% 10 Net 30",
    ]
    assert editor.shown_record().name == "Net 30"
    qtbot.mouseClick(editor.down_button, LEFT)
    qtbot.mouseClick(editor.down_button, LEFT)
    assert [t.name for t in company.lists.all().terms][-1] == "Net 30"
    assert not editor.down_button.isEnabled()
    tax = _editor(editor.window(), "tax_code")
    assert tax.up_button.isHidden()  # tax codes are kept in name order


def test_an_entry_left_invalid_opens_its_list_when_ok_is_pressed(
    company: Any, make_dialog: Any, qtbot: Any, press: Any
) -> None:
    dialog = make_dialog()
    editor = _editor(dialog, "terms")
    _new(qtbot, editor, "Odd")
    editor.form.widgets["net_days"].setValue(10)
    editor.form.widgets["discount_days"].setValue(15)
    dialog.show_page("lists").show_list("customer_type")
    dialog.show_page("office")

    press(dialog, "ok")

    assert dialog.isVisible()
    assert dialog.current_page().name == "lists"
    assert dialog.current_page().stack.currentWidget() is editor
    assert dialog.current_page().chooser.currentData() == "terms"
    assert "discount period" in dialog.message.text()
    assert dialog.focusWidget() is editor.form.widgets["discount_days"]
    assert "Odd" not in [t.name for t in company.lists.all().terms]


def test_job_types_and_sub_types(company: Any, make_dialog: Any, qtbot: Any, hub: Any) -> None:
    editor = make_dialog("job_types").current_page().editor
    qtbot.mouseClick(editor.new_button, LEFT)
    qtbot.keyClicks(editor.form.widgets["name"], "Install")
    with qtbot.waitSignal(hub.changed):
        qtbot.mouseClick(editor.save_button, LEFT)
    assert editor.shown_record().full_name == "Install"
    qtbot.mouseClick(editor.sub_button, LEFT)
    assert editor.group.title() == "New sub-type of Install"
    qtbot.keyClicks(editor.form.widgets["name"], "Furnace")
    qtbot.keyClick(editor.form.widgets["name"], Qt.Key.Key_Return)
    types = {t.full_name: t for t in company.lists.all().job_types}
    assert set(types) == {"Install", "Install:Furnace"}
    assert types["Install:Furnace"].parent_id == types["Install"].id
    install = editor.tree.topLevelItem(0)
    assert (install.text(0), install.child(0).text(0)) == ("Install", "Furnace")

    editor.tree.setCurrentItem(install)
    name = editor.form.widgets["name"]
    name.selectAll()
    qtbot.keyClicks(name, "Installation")
    qtbot.mouseClick(editor.save_button, LEFT)
    assert {t.full_name for t in company.lists.all().job_types} == {
        "Installation",
        "Installation:Furnace",
    }
    qtbot.mouseClick(editor.active_button, LEFT)
    assert not {t.name: t for t in company.lists.all().job_types}["Installation"].is_active


def test_a_job_type_name_with_a_colon_is_refused(
    company: Any, make_dialog: Any, qtbot: Any
) -> None:
    editor = make_dialog("job_types").current_page().editor
    qtbot.keyClicks(editor.form.widgets["name"], "Install:Furnace")
    qtbot.mouseClick(editor.save_button, LEFT)
    assert "cannot contain" in editor.error_text()
    assert company.lists.all().job_types == ()


def test_a_custom_choice_field(company: Any, make_dialog: Any, qtbot: Any) -> None:
    editor = make_dialog("custom_fields").current_page().editor
    widgets = editor.form.widgets
    qtbot.keyClicks(widgets["name"], "Filter size")
    assert not widgets["choices"].isEnabled()  # only a choice list has choices
    widgets["field_type"].setCurrentIndex(widgets["field_type"].findData("choice"))
    assert widgets["choices"].isEnabled()
    widgets["applies_to"].setCurrentIndex(widgets["applies_to"].findData("customer"))
    qtbot.mouseClick(editor.save_button, LEFT)
    assert "needs at least one choice" in editor.error_text()
    widgets["choices"].setPlainText("16x25x1\n20x25x1\n")
    qtbot.mouseClick(editor.save_button, LEFT)
    (field,) = company.lists.all().custom_fields
    assert (field.name, field.field_type, field.choices, field.applies_to) == (
        "Filter size",
        "choice",
        ("16x25x1", "20x25x1"),
        "customer",
    )
    assert editor.model.data(editor.model.index(0, 3)) == "16x25x1, 20x25x1"
