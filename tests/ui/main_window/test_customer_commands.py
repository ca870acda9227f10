"""The Customers menu, the toolbar and the list's context menu, as a dispatcher uses them."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
)

from officemgr.ui.customers.caller_chooser import CallerChooser
from officemgr.ui.models.customer_job_tree import Role


def open_menu_and_click(qtbot: Any, d: Any, title: str, action: Any) -> None:
    bar = d.window.menuBar()
    menu = d.menu(title)
    qtbot.mouseClick(
        bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(menu.menuAction()).center()
    )
    qtbot.waitUntil(menu.isVisible)
    d.click_menu_item(menu, action)
    qtbot.waitUntil(lambda: not menu.isVisible())


def new_record(form: Any) -> tuple[str, int | None] | None:
    """What the form is starting: ("customer", None) or ("job", parent id); None if not."""
    if not form.is_new:
        return None
    return form.detail.kind, form.detail.parent_id


def test_new_customer_job_from_menu_toolbar_keys_and_context_menu(
    qtbot: Any, driver: Any, tree_data: Any
) -> None:
    smith = tree_data.add("Smith, John")
    d = driver()
    form = d.window.form
    qtbot.waitUntil(lambda: d.listed() == ["Smith, John"])

    open_menu_and_click(qtbot, d, "Customers", d.window.new_customer_action)
    assert new_record(form) == ("customer", None)
    assert form.address_tab.name_edit.hasFocus()  # ready to type the name

    d.select(smith)
    d.click_tool_button(d.window.new_customer_action)
    assert new_record(form) == ("customer", None)

    d.select(smith)
    d.focus(d.window.tree_view)
    qtbot.keyClick(d.window.tree_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert new_record(form) == ("customer", None)

    d.select(smith)
    menu = d.context_menu("Smith, John")
    d.click_menu_item(menu, d.window.new_customer_action)
    qtbot.waitUntil(lambda: new_record(form) == ("customer", None))


def test_new_job_goes_under_the_selected_node(qtbot: Any, driver: Any, tree_data: Any) -> None:
    smith = tree_data.add("Smith, John")
    furnace = tree_data.add("Furnace", smith)
    d = driver()
    form = d.window.form
    qtbot.waitUntil(lambda: d.listed() == ["Smith, John"])
    assert not d.window.new_job_action.isEnabled()  # nothing selected yet

    d.click_row("Smith, John")
    qtbot.waitUntil(lambda: form.current_node_id == smith)
    d.click_tool_button(d.window.new_job_action)
    assert new_record(form) == ("job", smith)

    d.select(furnace)
    menu = d.context_menu("Smith, John")  # right-click selects the row first
    d.click_menu_item(menu, d.window.new_job_action)
    qtbot.waitUntil(lambda: new_record(form) == ("job", smith))

    d.select(furnace)
    d.focus(d.window.tree_view)
    qtbot.keyClick(
        d.window.tree_view,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert new_record(form) == ("job", furnace)
    assert form.detail.parent_full_name == "Smith, John:Furnace"


def test_new_job_waits_while_the_user_keeps_editing(
    qtbot: Any, driver: Any, tree_data: Any, answer_modal: Any
) -> None:
    smith = tree_data.add("Smith, John")
    d = driver()
    form = d.window.form
    d.select(smith)
    form.address_tab.name_edit.setFocus()
    form.address_tab.name_edit.end(False)
    qtbot.keyClicks(form.address_tab.name_edit, " Jr")
    qtbot.waitUntil(lambda: form.is_dirty)
    asked: list[str] = []

    def cancel(box: QMessageBox) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    answer_modal(QMessageBox, cancel)
    d.window.new_job_action.trigger()
    assert "save the changes" in asked[0]
    assert not form.is_new and form.current_node_id == smith
    assert form.address_tab.name_edit.text() == "Smith, John Jr"  # nothing typed is lost


def test_enter_and_f2_move_into_the_form(qtbot: Any, driver: Any, tree_data: Any) -> None:
    smith = tree_data.add("Smith, John")
    d = driver()
    d.select(smith)
    view = d.window.tree_view
    d.focus(view)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: d.window.form.isAncestorOf(QApplication.focusWidget()))
    assert isinstance(QApplication.focusWidget(), QLineEdit)

    d.focus(view)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: d.window.form.isAncestorOf(QApplication.focusWidget()))


def test_make_inactive_asks_about_the_jobs_and_hides_the_rows(
    qtbot: Any, driver: Any, tree_data: Any, company: Any, answer_modal: Any, press_button: Any
) -> None:
    smith = tree_data.add("Smith, John")
    furnace = tree_data.add("Furnace", smith)
    ducts = tree_data.add("Ducts", furnace)
    tree_data.add("Acme")
    d = driver()
    qtbot.waitUntil(lambda: d.listed() == ["Acme", "Smith, John"])
    d.select(smith)
    asked: list[str] = []

    def answer(box: QMessageBox) -> None:
        asked.append(box.text())
        press_button(box, "jobs too")

    answer_modal(QMessageBox, answer)
    menu = d.context_menu("Smith, John")
    d.click_menu_item(menu, d.window.make_inactive_action)
    qtbot.waitUntil(lambda: d.listed() == ["Acme"])
    assert asked[0] == "“Smith, John” has 2 active jobs. Make them inactive too?"
    assert [company.customers.get(n).is_active for n in (smith, furnace, ducts)] == [
        False,
        False,
        False,
    ]
    qtbot.waitUntil(lambda: "2 customers (1 active)" in d.window.counts_label.full_text())

    # Shown again, it can be made active again: the jobs are asked about the same way.
    d.window.show_inactive_action.trigger()
    qtbot.waitUntil(lambda: d.listed() == ["Acme", "Smith, John"])
    d.select(smith)
    assert d.window.make_active_action.isEnabled()
    assert not d.window.make_inactive_action.isEnabled()
    answer_modal(QMessageBox, lambda box: press_button(box, "only"))
    d.window.make_active_action.trigger()
    qtbot.waitUntil(lambda: company.customers.get(smith).is_active)
    assert not company.customers.get(furnace).is_active


def test_cancel_leaves_everything_active(
    qtbot: Any, driver: Any, tree_data: Any, company: Any, answer_modal: Any
) -> None:
    smith = tree_data.add("Smith, John")
    tree_data.add("Furnace", smith)
    d = driver()
    d.select(smith)
    answer_modal(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    d.window.make_inactive_action.trigger()
    assert company.customers.get(smith).is_active
    assert d.listed() == ["Smith, John"]


def test_a_customer_without_jobs_is_made_inactive_without_a_question(
    qtbot: Any, driver: Any, tree_data: Any, company: Any
) -> None:
    acme = tree_data.add("Acme")
    tree_data.add("Baker")
    d = driver()
    d.select(acme)
    d.window.make_inactive_action.trigger()  # no dialog: answer_modal would be needed
    qtbot.waitUntil(lambda: d.listed() == ["Baker"])
    assert not company.customers.get(acme).is_active
    assert "is now inactive" in d.window.status_line.text()


@pytest.fixture
def phone_book(tree_data: Any, company: Any) -> dict[str, int]:
    smith = company.customers.add(name="Smith, John", phone="(937) 555-0101").id
    baker = company.customers.add(name="Baker, Ann", phone="937-555-0199").id
    acme = company.customers.add(name="Acme Heating", phone="937 555 0222").id
    company.contacts.add(owner=acme, name="Ann Baker", phone="+1 937 555 0199")
    tree_data.add("Zed")
    return {"smith": smith, "baker": baker, "acme": acme}


def ask_number(answer_modal: Any, number: str) -> None:
    def type_number(dialog: QInputDialog) -> None:
        dialog.setTextValue(number)
        dialog.accept()

    answer_modal(QInputDialog, type_number)


def test_find_by_phone_with_one_match_opens_it(
    qtbot: Any, driver: Any, phone_book: dict[str, int], answer_modal: Any
) -> None:
    d = driver()
    qtbot.waitUntil(lambda: len(d.listed()) == 4)
    ask_number(answer_modal, "9375550101")
    d.window.tree_view.setFocus()
    qtbot.keyClick(
        d.window.tree_view,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: d.window.form.current_node_id == phone_book["smith"])
    assert d.window.current_node().full_name == "Smith, John"  # selected in the list too


def test_find_by_phone_with_several_matches_offers_a_choice(
    qtbot: Any, driver: Any, phone_book: dict[str, int], answer_modal: Any
) -> None:
    d = driver()
    ask_number(answer_modal, "(937) 555-0199")
    offered: list[str] = []

    def choose(dialog: CallerChooser) -> None:
        offered.extend(
            dialog.list.topLevelItem(i).text(0) for i in range(dialog.list.topLevelItemCount())
        )
        qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)

    answer_modal(CallerChooser, choose)
    d.click_tool_button(d.window.find_phone_action)
    assert len(offered) == 2
    assert offered == ["Baker, Ann", "Acme Heating — contact Ann Baker"]
    qtbot.waitUntil(lambda: d.window.form.current_node_id == phone_book["acme"])
    assert d.window.current_node().full_name == "Acme Heating"


def test_find_by_phone_with_no_match_offers_a_new_customer_with_the_number(
    qtbot: Any, driver: Any, phone_book: dict[str, int], answer_modal: Any, press_button: Any
) -> None:
    d = driver()
    ask_number(answer_modal, "937-555-7777")
    seen: list[str] = []

    def offer(box: QMessageBox) -> None:
        seen.append(box.text())
        press_button(box, "New Customer:Job")

    answer_modal(QMessageBox, offer)
    d.window.find_phone_action.trigger()
    assert seen == ["Nobody has the number 937-555-7777."]
    form = d.window.form
    assert new_record(form) == ("customer", None)
    typed = form.changes()["phone"]
    assert "".join(ch for ch in typed if ch.isdigit()).endswith("9375557777")


def test_credit_hold_is_placed_and_released_through_the_form(
    qtbot: Any, driver: Any, tree_data: Any, company: Any, answer_modal: Any
) -> None:
    acme = tree_data.add("Acme")
    tree_data.add("Baker")
    d = driver()
    d.select(acme)
    assert d.window.place_hold_action.isEnabled()
    assert not d.window.release_hold_action.isEnabled()

    def give_reason(dialog: QDialog) -> None:
        reason = dialog.findChild(QPlainTextEdit, "reasonEdit")
        reason.setPlainText("Two invoices over 60 days")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    answer_modal(QDialog, give_reason)
    menu = d.context_menu("Acme")
    d.click_menu_item(menu, d.window.place_hold_action)
    qtbot.waitUntil(lambda: company.customers.get(acme).credit_hold)
    # The form announced it: the list shows the badge and the menu follows.
    qtbot.waitUntil(lambda: d.window.current_node() is not None)
    qtbot.waitUntil(lambda: d.window.current_node().on_credit_hold)
    assert d.row_of("Acme").data(Role.BADGES) == ("hold",)
    assert d.window.release_hold_action.isEnabled()
    qtbot.waitUntil(lambda: "1 on credit hold" in d.window.counts_label.full_text())

    answer_modal(QDialog, lambda dialog: dialog.findChild(QDialogButtonBox).accepted.emit())
    d.window.release_hold_action.trigger()
    qtbot.waitUntil(lambda: not company.customers.get(acme).credit_hold)
    qtbot.waitUntil(lambda: d.row_of("Acme").data(Role.BADGES) == ())


def test_copy_full_name_with_ctrl_c_in_the_list(qtbot: Any, driver: Any, tree_data: Any) -> None:
    smith = tree_data.add("Smith, John")
    job = tree_data.add("Furnace", smith)
    d = driver()
    d.select(job)
    QGuiApplication.clipboard().clear()
    d.window.tree_view.setFocus()
    qtbot.waitUntil(d.window.tree_view.hasFocus)
    qtbot.keyClick(d.window.tree_view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "Smith, John:Furnace"


def test_print_makes_a_summary_of_the_record(
    qtbot: Any, driver: Any, company: Any, answer_modal: Any
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    smith = company.customers.add(
        name="Smith, John",
        phone="(937) 555-0101",
        email="john@example.com",
        bill_to={"line1": "12 Oak St", "city": "Dayton", "region": "OH"},
    ).id
    d = driver()
    d.select(smith)
    text = d.window.customer_actions.print_document(smith).toPlainText()
    for part in ("Smith, John", "12 Oak St", "Dayton OH", "john@example.com", "555-0101"):
        assert part in text
    answer_modal(QPrintDialog, lambda dialog: dialog.reject())  # the system print dialog
    d.window.print_action.trigger()
    assert QApplication.activeModalWidget() is None


def test_find_by_phone_refuses_text_without_digits_and_keeps_the_dialog_open(
    qtbot: Any, driver: Any, phone_book: dict[str, int], answer_modal: Any
) -> None:
    d = driver()
    said: list[str] = []

    def type_a_word(dialog: QInputDialog) -> None:
        editor = dialog.findChild(QLineEdit)
        qtbot.keyClicks(editor, "hello")

        def then_the_number() -> None:
            said.append(dialog.labelText())
            assert dialog.isVisible() and dialog.textValue() == "hello"  # kept as typed
            editor.selectAll()
            qtbot.keyClicks(editor, "937 555 0101")
            qtbot.keyClick(editor, Qt.Key.Key_Return)

        QTimer.singleShot(100, then_the_number)
        qtbot.keyClick(editor, Qt.Key.Key_Return)

    answer_modal(QInputDialog, type_a_word)
    d.click_tool_button(d.window.find_phone_action)
    qtbot.waitUntil(lambda: d.window.form.current_node_id == phone_book["smith"])
    assert said == ["“hello” has no digits: type the caller's number (any format)."]


def test_a_call_with_no_number_says_so_and_offers_no_new_customer(
    qtbot: Any, driver: Any, phone_book: dict[str, int]
) -> None:
    d = driver()
    d.window.incoming_call("Anonymous")
    assert d.window.status_line.text() == "Call from “Anonymous”: no number to look up."
    assert QApplication.activeModalWidget() is None
