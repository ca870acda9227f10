"""Preferences: the office's Title Case mode and this desk's current employee persist."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from officemgr.core.choices import POPUP_REPEATS
from officemgr.ui.preferences import EMPLOYEE_KEY, current_employee, popup_repeat, settings_store


def test_title_case_mode_and_current_employee_persist(
    company: Any, make_dialog: Any, press: Any, qtbot: Any, hub: Any
) -> None:
    company.lists.add_employee(name="Dana Whitfield")
    company.lists.add_employee(name="Luis Ortega")
    page = make_dialog("preferences").current_page()
    assert page.title_case["suggest"].isChecked()  # a new company's default
    combo = page.employee
    assert [combo.itemText(i) for i in range(combo.count())] == ["Dana Whitfield", "Luis Ortega"]
    assert combo.currentText() == ""  # not set at this desk yet
    page.title_case["automatic"].click()
    combo.setCurrentIndex(1)
    with qtbot.waitSignal(hub.changed) as blocker:
        press(page.window(), "ok")
    assert blocker.args[0].settings
    assert company.settings.get().title_case_mode == "automatic"
    assert current_employee() == "Luis Ortega"

    page = make_dialog("preferences").current_page()
    assert page.title_case["automatic"].isChecked()
    assert page.employee.currentText() == "Luis Ortega"


def test_a_typed_employee_name_is_kept_for_this_desk_only(
    company: Any, make_dialog: Any, press: Any, qtbot: Any
) -> None:
    before = company.settings.get()
    page = make_dialog("preferences").current_page()
    line = page.employee.lineEdit()
    qtbot.keyClicks(line, "  Temp   Helper ")
    press(page.window(), "ok")
    assert settings_store().value(EMPLOYEE_KEY) == "Temp Helper"
    assert current_employee() == "Temp Helper"
    assert company.settings.get() == before  # a desk preference, not an office setting
    assert company.lists.all().employees == ()


def test_each_title_case_mode_has_a_shortcut_and_a_line_of_explanation(
    make_dialog: Any,
) -> None:
    page = make_dialog("preferences").current_page()
    hints = []
    for mode, button in page.title_case.items():
        assert button.text() == f"&{mode.capitalize()}"
        hint = page.title_case_hints[mode]
        assert hint.isVisible() and hint.text()
        hints.append(hint.text())
    assert len(set(hints)) == 3


def test_the_employee_combo_follows_the_employees_list(
    company: Any, make_dialog: Any, qtbot: Any
) -> None:
    dialog = make_dialog("preferences")
    page = dialog.current_page()
    qtbot.keyClicks(page.employee.lineEdit(), "Dana")
    editor = dialog.show_page("lists").show_list("employee")
    qtbot.mouseClick(editor.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.form.widgets["name"], "Dana Whitfield")
    qtbot.keyClick(editor.form.widgets["name"], Qt.Key.Key_Return)
    assert page.employee.findText("Dana Whitfield") == 0
    assert page.employee.currentText() == "Dana"  # what was typed stays


def test_when_acknowledged_pop_up_notes_show_again_is_this_desks_choice(
    company: Any, make_dialog: Any, press: Any, qtbot: Any
) -> None:
    before = company.settings.get()
    page = make_dialog("preferences").current_page()
    combo = page.popup_repeat
    assert combo.currentData() == "daily"  # the default
    assert [combo.itemData(i) for i in range(combo.count())] == list(POPUP_REPEATS)
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # by keyboard, as in any combo box
    assert combo.currentData() == "until_changed"
    press(page.window(), "ok")
    assert popup_repeat() == "until_changed"
    assert company.settings.get() == before  # a desk preference, not an office setting
    assert make_dialog("preferences").current_page().popup_repeat.currentData() == "until_changed"
