"""The Contact Log tab: listing, including jobs, Ctrl+L entry, corrections, system entries."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit

from officemgr.ui.customers.contact_log_model import Column
from officemgr.ui.customers.form import CustomerJobForm
from officemgr.ui.customers.log_entry_dialog import LogEntryDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=UTC)


def subjects(form: CustomerJobForm) -> list[str]:
    model = form.contact_log_tab.model
    return [e.subject for e in model.records()]


def cell(form: CustomerJobForm, row: int, column: Column) -> str:
    model = form.contact_log_tab.model
    return str(model.data(model.index(row, column)))


def test_lists_entries_newest_first_with_details(form: CustomerJobForm, company: Any) -> None:
    customer = company.customers.add(name="Smith, John").id
    log = company.contact_log
    log.add(owner=customer, at=at(2), kind="Call In", subject="Older", employee="Dana")
    log.add(owner=customer, at=at(5), kind="Email", subject="Newest", details="Sent the quote")
    log.add(owner=customer, at=at(3), kind="Call Out", subject="Middle", contact="Mary")
    form.load(customer)
    form.tabs.setCurrentWidget(form.contact_log_tab)
    assert subjects(form) == ["Newest", "Middle", "Older"]
    assert cell(form, 0, Column.KIND) == "Email"
    assert cell(form, 1, Column.CONTACT) == "Mary"
    assert cell(form, 2, Column.EMPLOYEE) == "Dana"
    model = form.contact_log_tab.model
    assert model.data(model.index(0, Column.SUBJECT), Qt.ItemDataRole.ToolTipRole) == (
        "Sent the quote"
    )
    form.contact_log_tab.view.selectRow(0)
    assert "Sent the quote" in form.contact_log_tab.details.toPlainText()


def test_include_jobs_shows_a_jobs_entry_on_its_customer(
    form: CustomerJobForm, company: Any, ui: Any
) -> None:
    customer = company.customers.add(name="Smith, John").id
    job = company.jobs.add(parent=customer, name="Furnace").id
    company.contact_log.add(owner=customer, at=at(2), kind="Note", subject="On the customer")
    company.contact_log.add(owner=job, at=at(4), kind="Call In", subject="On the job")
    form.load(customer)
    tab = form.contact_log_tab
    form.tabs.setCurrentWidget(tab)
    if not tab.include_jobs_check.isChecked():
        ui.click(tab.include_jobs_check)
    assert subjects(form) == ["On the job", "On the customer"]
    assert cell(form, 0, Column.OWNER) == "Smith, John:Furnace"
    assert not tab.view.isColumnHidden(Column.OWNER)
    ui.click(tab.include_jobs_check)
    assert subjects(form) == ["On the customer"]
    assert tab.view.isColumnHidden(Column.OWNER)
    form.load(job)
    assert subjects(form) == ["On the job"]
    assert not tab.include_jobs_check.isVisible()


def test_ctrl_l_opens_the_dialog_and_ctrl_enter_saves(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any
) -> None:
    customer = company.customers.add(name="Smith, John").id
    job = company.jobs.add(parent=customer, name="Furnace").id
    company.contacts.add(owner=job, name="Mary Smith")
    form.load(job)
    seen: dict[str, Any] = {}

    def log_call(dialog: LogEntryDialog) -> None:
        seen["owner"] = dialog.owner_edit.text()
        seen["owner_read_only"] = dialog.owner_edit.isReadOnly()
        seen["focus"] = dialog.focusWidget() is dialog.subject_edit
        seen["kind"] = dialog.kind_combo.currentText()
        seen["employee"] = dialog.employee_edit.text()
        seen["contacts"] = [
            dialog.contact_combo.itemText(i) for i in range(dialog.contact_combo.count())
        ]
        ui.qtbot.keyClicks(dialog.subject_edit, "Wants a quote")
        ui.qtbot.keyClicks(dialog.details_edit, "Call back after 3")
        ui.qtbot.keyClick(dialog.details_edit, Qt.Key.Key_Return)  # a new line, not a save
        seen["open_after_enter"] = dialog.isVisible()
        ui.qtbot.keyClick(dialog.details_edit, Qt.Key.Key_Return, CTRL)

    answer_modal(LogEntryDialog, log_call)
    where = form.address_tab.name_edit
    where.setFocus()
    ui.qtbot.keyClick(where, Qt.Key.Key_L, CTRL)
    assert seen == {
        "owner": "Smith, John:Furnace",
        "owner_read_only": True,
        "focus": True,
        "kind": "Call In",
        "employee": "Dana",
        "contacts": ["", "Mary Smith"],
        "open_after_enter": True,
    }
    entries = company.contact_log.list_for(job)
    assert [(e.subject, e.kind, e.details, e.employee_name) for e in entries] == [
        ("Wants a quote", "Call In", "Call back after 3", "Dana")
    ]
    assert subjects(form) == ["Wants a quote"]
    assert not form.is_dirty


def test_empty_subject_is_refused_at_the_field(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any
) -> None:
    customer = company.customers.add(name="Smith, John").id
    form.load(customer)
    seen: dict[str, Any] = {}

    def try_empty(dialog: LogEntryDialog) -> None:
        ui.qtbot.keyClick(dialog.subject_edit, Qt.Key.Key_Return, CTRL)
        seen["visible"] = dialog.isVisible()
        seen["message"] = dialog.subject_message.text()
        seen["shown"] = dialog.subject_message.isVisible()
        ui.qtbot.keyClick(dialog.subject_edit, Qt.Key.Key_Escape)

    answer_modal(LogEntryDialog, try_empty)
    form.add_log_entry_action.trigger()
    assert seen == {"visible": True, "message": "Give the log entry a subject.", "shown": True}
    assert company.contact_log.list_for(customer) == []


def test_correcting_keeps_a_revision_with_who(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any
) -> None:
    customer = company.customers.add(name="Smith, John").id
    entry = company.contact_log.add(owner=customer, at=at(2), kind="Call In", subject="Qoute")
    form.load(customer)
    tab = form.contact_log_tab
    form.tabs.setCurrentWidget(tab)
    tab.view.selectRow(0)
    assert tab.edit_button.isEnabled()

    def fix(dialog: LogEntryDialog) -> None:
        assert dialog.history_label.isHidden()
        dialog.subject_edit.selectAll()
        ui.qtbot.keyClicks(dialog.subject_edit, "Quote")
        ui.qtbot.keyClick(dialog.subject_edit, Qt.Key.Key_Return, CTRL)

    answer_modal(LogEntryDialog, fix)
    ui.click(tab.edit_button)
    assert company.contact_log.get(entry.id).subject == "Quote"
    revisions = company.contact_log.revisions(entry.id)
    assert [(r.changed_by, r.previous) for r in revisions] == [("Dana", {"subject": "Qoute"})]
    assert subjects(form) == ["Quote"]
    history: list[str] = []

    def look(dialog: LogEntryDialog) -> None:
        history.append(dialog.history_label.text())
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()

    answer_modal(LogEntryDialog, look)
    tab.correct_entry()
    assert history[0].startswith("Corrected by Dana on ")


def test_a_credit_hold_shows_as_system_and_cannot_be_corrected(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any
) -> None:
    customer = company.customers.add(name="Smith, John").id
    form.load(customer)
    tab = form.contact_log_tab
    form.tabs.setCurrentWidget(tab)  # on show, the tab follows what is logged

    def give_reason(dialog: QDialog) -> None:
        ui.qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "reasonEdit"), "Two invoices late")
        dialog.findChild(QDialogButtonBox, "buttonBox").button(
            QDialogButtonBox.StandardButton.Ok
        ).click()

    answer_modal(QDialog, give_reason)
    form.place_credit_hold()
    assert subjects(form) == ["Credit hold placed"]
    assert cell(form, 0, Column.KIND) == "System"
    model = tab.model
    assert model.data(model.index(0, Column.SUBJECT), Qt.ItemDataRole.FontRole).italic()
    tab.view.selectRow(0)
    assert not tab.edit_button.isEnabled()


def test_ctrl_l_in_the_window_list_logs_on_the_selected_record(
    company: Any, make_window: Any, ui: Any, answer_modal: Any
) -> None:
    customer = company.customers.add(name="Acme").id
    window = make_window()
    assert window.open_node(customer)
    actions = window.menuBar().actions()
    menu = next(a.menu() for a in actions if a.text().replace("&", "") == "Customers")
    texts = [a.objectName() for a in menu.actions()]
    assert texts.index("addLogEntryAction") == texts.index(window.edit_action.objectName()) + 1
    seen: list[Any] = []

    def log_call(dialog: LogEntryDialog) -> None:
        seen.append((dialog.owner_edit.text(), dialog.focusWidget() is dialog.subject_edit))
        ui.qtbot.keyClicks(dialog.subject_edit, "Asked for Tuesday")
        ui.qtbot.keyClick(dialog.subject_edit, Qt.Key.Key_Enter, CTRL)

    answer_modal(LogEntryDialog, log_call)
    window.tree_view.setFocus()
    ui.qtbot.waitUntil(window.tree_view.hasFocus)
    ui.qtbot.keyClick(window.tree_view, Qt.Key.Key_L, CTRL)
    assert seen == [("Acme", True)]
    assert [e.subject for e in company.contact_log.list_for(customer)] == ["Asked for Tuesday"]
    assert [e.subject for e in window.form.contact_log_tab.model.records()] == ["Asked for Tuesday"]


def test_entries_are_read_when_the_tab_is_shown(form: CustomerJobForm, company: Any) -> None:
    smith = company.customers.add(name="Smith, John").id
    baker = company.customers.add(name="Baker, Ann").id
    company.contact_log.add(owner=smith, at=at(2), kind="Call In", subject="Smith called")
    company.contact_log.add(owner=baker, at=at(3), kind="Note", subject="Baker note")
    form.tabs.setCurrentWidget(form.address_tab)
    form.load(smith)
    form.load(baker)  # moving through the list: the hidden tab reads nothing yet
    assert subjects(form) == []
    form.tabs.setCurrentWidget(form.contact_log_tab)
    assert subjects(form) == ["Baker note"]
    form.tabs.setCurrentWidget(form.address_tab)
    company.contact_log.add(owner=baker, at=at(4), kind="Note", subject="Logged elsewhere")
    form.load(baker)
    form.tabs.setCurrentWidget(form.contact_log_tab)
    assert subjects(form) == ["Logged elsewhere", "Baker note"]
