"""Enter in the New Log Entry dialog: it saves from every one-line field (the Follow up on
date too), as in every dialog; in the details it starts a new line."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from officemgr.ui.customers.form import CustomerJobForm
from officemgr.ui.customers.log_entry_dialog import LogEntryDialog

RETURN, ENTER = Qt.Key.Key_Return, Qt.Key.Key_Enter


def test_enter_on_the_follow_up_date_saves_the_entry(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any
) -> None:
    customer = company.customers.add(name="Smith, John").id
    form.load(customer)
    seen: dict[str, Any] = {}

    def follow_up(dialog: LogEntryDialog) -> None:
        ui.qtbot.keyClicks(dialog.subject_edit, "Wants a quote")
        dialog.follow_check.setFocus()
        ui.qtbot.keyClick(dialog.follow_check, Qt.Key.Key_Space)  # on: the date can be set
        ui.qtbot.keyClick(dialog.follow_check, Qt.Key.Key_Tab)
        seen["on the date"] = QApplication.focusWidget() in (
            dialog.follow_edit,
            dialog.follow_edit.focusProxy(),
        )
        ui.qtbot.keyClick(dialog.follow_edit, RETURN)
        seen["closed"] = not dialog.isVisible()

    answer_modal(LogEntryDialog, follow_up)
    form.add_log_entry_action.trigger()
    assert seen == {"on the date": True, "closed": True}
    (entry,) = company.contact_log.list_for(customer)
    assert (entry.subject, entry.follow_up_on) == ("Wants a quote", date.today() + timedelta(1))


@pytest.mark.parametrize(
    ("field", "key"),
    [
        ("when_edit", RETURN),
        ("kind_combo", RETURN),
        ("contact_combo", ENTER),
        ("subject_edit", RETURN),
        ("employee_edit", ENTER),
    ],
)
def test_enter_saves_from_any_one_line_field(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any, field: str, key: Qt.Key
) -> None:
    customer = company.customers.add(name="Smith, John").id
    form.load(customer)
    closed: list[bool] = []

    def save_with_enter(dialog: LogEntryDialog) -> None:
        ui.qtbot.keyClicks(dialog.subject_edit, "Asked for Tuesday")
        widget = getattr(dialog, field)
        widget.setFocus()
        ui.qtbot.waitUntil(widget.hasFocus)
        ui.qtbot.keyClick(widget, key)
        closed.append(not dialog.isVisible())

    answer_modal(LogEntryDialog, save_with_enter)
    form.add_log_entry_action.trigger()
    assert closed == [True]
    assert [e.subject for e in company.contact_log.list_for(customer)] == ["Asked for Tuesday"]


def test_enter_in_the_details_is_a_new_line_and_a_missing_subject_is_said(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any
) -> None:
    customer = company.customers.add(name="Smith, John").id
    form.load(customer)
    seen: dict[str, Any] = {}

    def type_details(dialog: LogEntryDialog) -> None:
        ui.qtbot.keyClicks(dialog.details_edit, "Call back")
        ui.qtbot.keyClick(dialog.details_edit, RETURN)
        ui.qtbot.keyClicks(dialog.details_edit, "after 3")
        seen["open after Enter in the details"] = dialog.isVisible()
        ui.qtbot.keyClick(dialog.employee_edit, RETURN)  # no subject yet: refused, said
        seen["open without a subject"] = dialog.isVisible()
        seen["message"] = dialog.subject_message.text()
        ui.qtbot.keyClicks(dialog.subject_edit, "Wants a quote")
        ui.qtbot.keyClick(dialog.subject_edit, RETURN)

    answer_modal(LogEntryDialog, type_details)
    form.add_log_entry_action.trigger()
    assert seen == {
        "open after Enter in the details": True,
        "open without a subject": True,
        "message": "Give the log entry a subject.",
    }
    (entry,) = company.contact_log.list_for(customer)
    assert (entry.subject, entry.details) == ("Wants a quote", "Call back\nafter 3")
