"""The first start at a desk asks who works there, and entries are signed with it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from officemgr.app import run_gui
from officemgr.ui.desk_employee import WhoWorksHereDialog
from officemgr.ui.preferences import current_employee, employee_is_set, set_current_employee


def test_a_name_is_picked_by_keyboard_and_signs_what_this_desk_writes(qtbot: Any) -> None:
    dialog = WhoWorksHereDialog(["Dana Whitfield", "Luis Ortega"])
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no name yet
    line = dialog.name_combo.lineEdit()
    qtbot.keyClicks(line, "Luis")
    qtbot.keyClick(dialog.name_combo, Qt.Key.Key_Down)  # or pick from the list
    assert ok.isEnabled()
    dialog.name_combo.setEditText("  Luis   Ortega ")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert dialog.result() == WhoWorksHereDialog.DialogCode.Accepted
    assert employee_is_set() and current_employee() == "Luis Ortega"


def test_later_leaves_it_unset_and_a_blank_name_is_not_taken(qtbot: Any) -> None:
    dialog = WhoWorksHereDialog([])
    qtbot.addWidget(dialog)
    dialog.name_combo.setEditText("   ")
    dialog.accept()
    assert dialog.isVisible() is False and not employee_is_set()
    dialog.later_button.click()
    assert not employee_is_set()


def _run_and_look(qtbot: Any, company_path: Path, answer: str | None) -> list[str]:
    """Start the window as ``officemgr --db`` does; answer the question (None: not asked)."""
    seen: list[str] = []

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "mainWindow" and widget.isVisible() and widget.ready:
                question = widget.findChild(WhoWorksHereDialog)
                if question is not None and question.isVisible():
                    seen.append(question.windowTitle())
                    question.name_combo.setEditText(answer or "")
                    question.accept()
                if question is not None or seen or answer is None:
                    timer.stop()
                    QTimer.singleShot(200, widget.close)

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(50)
    assert run_gui(db=company_path) == 0
    timer.stop()
    return seen


def test_the_first_start_asks_and_the_next_does_not(
    qtbot: Any, company: Any, company_path: Path
) -> None:
    company.lists.add_employee(name="Dana Whitfield")
    assert _run_and_look(qtbot, company_path, "Dana Whitfield") == ["Who Works at This Desk?"]
    assert current_employee() == "Dana Whitfield"
    set_current_employee("Dana Whitfield")
    assert _run_and_look(qtbot, company_path, None) == []


def test_a_call_during_the_question_goes_first(qtbot: Any, make_window: Any, company: Any) -> None:
    """A first start's question never holds up a caller: it goes (to come back at the
    next start) and the caller's record opens."""
    from officemgr.ui.desk_employee import ask_who_works_here

    smith = company.customers.add(name="Smith, John", phone="(555) 201-3344").id
    window = make_window()
    question = ask_who_works_here(window, window.active_employees)
    assert question is not None
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is question)
    window.incoming_call("555 201 3344")
    qtbot.waitUntil(lambda: window.form.current_node_id == smith)
    assert not question.isVisible() and not employee_is_set()
