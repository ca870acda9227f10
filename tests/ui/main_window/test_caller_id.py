"""Caller ID handed to the window: from the instance server to the record, its pop-up
notes (the "caller_id" trigger) and a Call In log entry."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from officemgr.files import automatic_backups
from officemgr.ui.customers.caller_chooser import CallerChooser
from officemgr.ui.customers.log_entry_dialog import LogEntryDialog
from officemgr.ui.single_instance import InstanceServer, serve_window, server_name

NUMBER = "(555) 201-3344"


@pytest.fixture
def served(driver: Any, company_path: Path) -> Iterator[Any]:
    """A window listening for other launches, as ``run_gui`` sets it up."""
    d = driver()
    server = InstanceServer(server_name(company_path))
    assert server.listen(), server.server.errorString()
    note = serve_window(server, d.window, company_path)
    d.server = server
    yield d
    server.close()
    note.remove()


class Launch:
    """Another launch's side of the socket, without blocking this process's event loop."""

    def __init__(self, qtbot: Any, name: str) -> None:
        self.qtbot = qtbot
        self.socket = QLocalSocket()
        self.socket.connectToServer(name)
        qtbot.waitUntil(
            lambda: self.socket.state() == QLocalSocket.LocalSocketState.ConnectedState,
            timeout=5000,
        )

    def post(self, line: bytes) -> dict[str, Any]:
        self.socket.write(line)
        self.socket.flush()
        self.qtbot.waitUntil(self.socket.canReadLine, timeout=5000)
        answer: dict[str, Any] = json.loads(bytes(self.socket.readLine().data()))
        return answer

    def send(self, message: dict[str, Any]) -> dict[str, Any]:
        return self.post(json.dumps(message).encode() + b"\n")


@pytest.fixture
def launch(qtbot: Any, company_path: Path) -> Iterator[Any]:
    made: list[Launch] = []

    def make() -> Launch:
        made.append(Launch(qtbot, server_name(company_path)))
        return made[-1]

    yield make
    for each in made:
        each.socket.abort()


def incoming_call(launch: Any, number: str = NUMBER) -> None:
    assert launch().send({"action": "incoming_call", "number": number}) == {"ok": True}


@pytest.fixture
def smith(company: Any) -> int:
    smith = company.customers.add(name="Smith, John", phone=NUMBER).id
    notes = company.popups
    notes.add(owner=smith, text="Gate code 1234")  # on opening only
    notes.add(owner=smith, text="Ask about the warranty", on_open=False, on_caller_id=True)
    notes.add(owner=smith, text="Prefers mornings", on_caller_id=True)  # both: shown once
    notes.add(owner=smith, text="Needs a ladder", on_open=False, on_new_job=True)
    company.customers.add(name="Zed")
    return int(smith)


def shown_notes(qtbot: Any, form: Any) -> list[str]:
    qtbot.waitUntil(lambda: form.popup_dialog is not None and form.popup_dialog.isVisible())
    return [note.text for note in form.popup_dialog.notes]


def test_an_incoming_call_with_one_match_opens_it_with_its_caller_id_notes_once(
    qtbot: Any, smith: int, served: Any, launch: Any
) -> None:
    window = served.window
    incoming_call(launch, "+1 555 201 3344")  # another format of the same number
    qtbot.waitUntil(lambda: window.form.current_node_id == smith)
    assert shown_notes(qtbot, window.form) == [
        "Gate code 1234",
        "Ask about the warranty",
        "Prefers mornings",
    ]
    assert window.current_node().full_name == "Smith, John"  # selected in the list too
    assert "Smith, John" in window.status_line.text()
    assert window.log_call_action.isEnabled() and window.log_call_button.isVisible()


def test_a_call_for_the_record_already_open_shows_only_its_caller_id_notes(
    qtbot: Any, smith: int, served: Any, launch: Any
) -> None:
    window = served.window
    window.open_node(smith)
    assert shown_notes(qtbot, window.form) == ["Gate code 1234", "Prefers mornings"]
    window.form.popup_dialog.close_button.click()
    qtbot.waitUntil(lambda: window.form.popup_dialog is None)

    incoming_call(launch, "5552013344")
    assert shown_notes(qtbot, window.form) == ["Ask about the warranty", "Prefers mornings"]


def test_the_call_is_logged_as_call_in_with_the_number_and_enter_saves(
    qtbot: Any, smith: int, served: Any, launch: Any, company: Any, answer_modal: Any
) -> None:
    window = served.window
    incoming_call(launch)
    qtbot.waitUntil(lambda: window.form.popup_dialog is not None)
    window.form.popup_dialog.close_button.click()
    qtbot.waitUntil(lambda: window.form.popup_dialog is None)
    seen: dict[str, str] = {}

    def save_with_enter(dialog: LogEntryDialog) -> None:
        seen.update(
            kind=dialog.kind_combo.currentText(),
            contact=dialog.contact_combo.currentText(),
            subject=dialog.subject_edit.text(),
        )
        qtbot.waitUntil(dialog.subject_edit.hasFocus)
        qtbot.keyClick(dialog.subject_edit, Qt.Key.Key_Return)

    answer_modal(LogEntryDialog, save_with_enter)
    qtbot.mouseClick(window.log_call_button, Qt.MouseButton.LeftButton)
    assert seen == {"kind": "Call In", "contact": "", "subject": f"Call from {NUMBER}"}
    entries = [e for e in company.contact_log.list_for(smith) if not e.is_system]
    assert [(e.kind, e.subject) for e in entries] == [("Call In", f"Call from {NUMBER}")]
    # Logged once: the offer goes away, and the log tab shows the entry.
    assert not window.log_call_action.isEnabled()
    assert not window.log_call_button.isVisible()
    tab = window.form.contact_log_tab
    window.form.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == len(company.contact_log.list_for(smith)))


def test_several_matches_offer_a_chooser_and_a_contact_is_chosen_in_the_log_entry(
    qtbot: Any, served: Any, launch: Any, company: Any, answer_modal: Any
) -> None:
    baker = company.customers.add(name="Baker, Ann", phone="937-555-0199").id
    acme = company.customers.add(name="Acme Heating", phone="937 555 0222").id
    company.contacts.add(owner=acme, name="Ann Baker", phone="+1 937 555 0199")
    company.popups.add(owner=acme, text="Ask for the PO number", on_open=False, on_caller_id=True)
    window = served.window
    offered: list[str] = []

    def choose_the_contact(dialog: CallerChooser) -> None:
        offered.extend(
            dialog.list.topLevelItem(i).text(0) for i in range(dialog.list.topLevelItemCount())
        )
        qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)

    answer_modal(CallerChooser, choose_the_contact)
    incoming_call(launch, "(937) 555-0199")
    qtbot.waitUntil(lambda: window.form.current_node_id == acme)
    assert len(offered) == 2 and "Baker, Ann" in offered[0] and "Ann Baker" in offered[1]
    assert shown_notes(qtbot, window.form) == ["Ask for the PO number"]
    window.form.popup_dialog.close_button.click()
    qtbot.waitUntil(lambda: window.form.popup_dialog is None)

    chosen: list[str] = []

    def save(dialog: LogEntryDialog) -> None:
        chosen.append(dialog.contact_combo.currentText())
        dialog.subject_edit.setText("Wants a quote for the boiler")
        qtbot.keyClick(dialog.subject_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    answer_modal(LogEntryDialog, save)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(
        window,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert chosen == ["Ann Baker"]
    entries = [e for e in company.contact_log.list_for(acme) if not e.is_system]
    assert [(e.kind, e.subject, e.contact_name) for e in entries] == [
        ("Call In", "Wants a quote for the boiler", "Ann Baker")
    ]
    assert company.contact_log.list_for(baker) == []


def test_an_unknown_number_offers_a_new_customer_with_the_number_filled_in(
    qtbot: Any, smith: int, served: Any, launch: Any, answer_modal: Any, press_button: Any
) -> None:
    window = served.window
    told: list[str] = []

    def new_customer(box: QMessageBox) -> None:
        told.append(box.text())
        press_button(box, "New Customer:Job")

    answer_modal(QMessageBox, new_customer)
    incoming_call(launch, "555-201-9999")
    form = window.form
    qtbot.waitUntil(lambda: form.is_new)
    assert told == ["Nobody has the number 555-201-9999."]
    digits = "".join(ch for ch in form.changes()["phone"] if ch.isdigit())
    assert digits.endswith("5552019999")
    assert not window.log_call_action.isEnabled()  # nobody to log the call on


def test_a_raise_message_brings_a_minimized_window_back(
    qtbot: Any, served: Any, launch: Any
) -> None:
    window = served.window
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    assert launch().send({"action": "raise"}) == {"ok": True}
    qtbot.waitUntil(lambda: not window.isMinimized() and window.isVisible())


def test_a_message_that_is_not_ours_is_refused_and_changes_nothing(
    qtbot: Any, smith: int, served: Any, launch: Any
) -> None:
    window = served.window
    other = launch()
    answer = other.post(b"hello\n")
    assert answer["ok"] is False and "JSON" in answer["error"]
    answer = other.send({"action": "incoming_call", "number": "  "})
    assert answer["ok"] is False
    answer = other.send({"action": "delete_everything"})
    assert answer["ok"] is False
    assert window.form.current_node_id is None
    # The same connection still works for a real message afterwards.
    assert other.send({"action": "incoming_call", "number": NUMBER}) == {"ok": True}
    qtbot.waitUntil(lambda: window.form.current_node_id == smith)


def test_a_call_during_an_open_dialog_waits_for_find_by_phone(
    qtbot: Any, smith: int, served: Any, launch: Any, answer_modal: Any
) -> None:
    window = served.window
    told: list[str] = []

    def call_comes_in(dialog: QInputDialog) -> None:
        incoming_call(launch)
        qtbot.waitUntil(lambda: "Call from" in window.status_line.text())
        told.append(window.status_line.text())
        dialog.reject()

    answer_modal(QInputDialog, call_comes_in)
    window.find_phone_action.trigger()
    assert told == [f"Call from {NUMBER}: finish “Find by Phone”, then use Find by Phone."]
    assert window.form.current_node_id is None  # nothing was opened under the dialog
    assert window.form.popup_dialog is None


@pytest.mark.parametrize(
    ("region", "stored", "calling"),
    [
        ("GB", "020 7946 0018", "+44 20 7946 0018"),  # a London office, the full number
        ("DE", "030 901820", "0049 30 901820"),  # Berlin, with the 00 international prefix
        ("US", "+44 20 7946 0018", "011 44 20 7946 0018"),  # a US office calling abroad
    ],
)
def test_a_call_finds_the_caller_in_the_office_region_whatever_the_format(
    qtbot: Any,
    company: Any,
    driver: Any,
    launch: Any,
    company_path: Path,
    region: str,
    stored: str,
    calling: str,
) -> None:
    company.settings.update(default_phone_region=region)
    caller = company.customers.add(name="Caller, Far", phone=stored).id
    company.customers.add(name="Zed")
    window = driver().window
    server = InstanceServer(server_name(company_path))
    assert server.listen(), server.server.errorString()
    note = serve_window(server, window, company_path)
    try:
        incoming_call(launch, calling)
        qtbot.waitUntil(lambda: window.form.current_node_id == caller)
    finally:
        server.close()
        note.remove()


def test_the_daily_backup_finishing_does_not_cover_the_caller_line(
    qtbot: Any, smith: int, served: Any, launch: Any, company_path: Path
) -> None:
    """A dispatcher reads the caller line while the day's backup ends in the background."""
    window = served.window
    files = window.file_actions
    qtbot.waitUntil(lambda: not files.auto_runner.busy)
    incoming_call(launch)
    qtbot.waitUntil(lambda: "Smith, John" in window.status_line.text())
    caller_line = window.status_line.text()
    for _when, _kind, made in automatic_backups(company_path):
        made.unlink()  # so that the day's backup is made again, now
    with qtbot.waitSignal(files.auto_backup_finished, timeout=10_000) as finished:
        files.start_daily_backup()
    assert finished.args[0] is not None
    assert window.status_line.text() == caller_line
    assert window.status_line.text_of("backup") == "Daily backup written to the Backups folder."


def test_a_number_its_jobs_copied_from_the_customer_opens_the_customer_with_its_jobs(
    qtbot: Any, served: Any, launch: Any, company: Any
) -> None:
    """A new job copies its customer's phone: the next call is still one caller, so the
    customer opens (no chooser), its open jobs listed under it and named in the caller
    line."""
    bell = company.customers.add(name="Bell, Shirley", phone="(555) 849-1119").id
    company.jobs.add(parent=bell, name="Furnace", status="In Progress")
    company.jobs.add(parent=bell, name="Water heater", status="Pending")
    assert len(company.phone_lookup("555-849-1119")) == 3  # the customer and both jobs
    window = served.window
    incoming_call(launch, "555 849 1119")
    qtbot.waitUntil(lambda: window.form.current_node_id == bell)
    assert "Bell, Shirley — 2 open jobs" in window.status_line.text()
    tree = window.pane.tree_view
    index = tree.tree_model().index_for_id(bell)
    assert tree.isExpanded(index)
    assert QApplication.activeModalWidget() is None  # no chooser was needed


def test_the_chooser_lists_customers_with_what_a_dispatcher_must_see_keyboard_first(
    qtbot: Any, served: Any, launch: Any, company: Any, answer_modal: Any
) -> None:
    held = company.customers.add(name="Held, Harry", phone="937-555-0100").id
    company.customers.place_credit_hold(held, reason="Owes 90 days", by="Dana")
    company.popups.add(owner=held, text="Call the office first")
    prospect = company.customers.add(name="Newman, Nora", phone="(937) 555-0100").id
    company.customers.update(prospect, is_prospect=True)
    window = served.window
    seen: dict[str, list[str]] = {}

    def pick_the_second(dialog: CallerChooser) -> None:
        for i in range(dialog.list.topLevelItemCount()):
            item = dialog.list.topLevelItem(i)
            seen[item.text(0)] = [item.text(c) for c in range(1, dialog.list.columnCount())]
        assert dialog.focusWidget() is dialog.list  # no click needed
        qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)

    answer_modal(CallerChooser, pick_the_second)
    incoming_call(launch, "+1 937 555 0100")
    qtbot.waitUntil(lambda: window.form.current_node_id == prospect)
    assert seen["Held, Harry"][-1] == "Credit hold, Pop-up notes"
    assert seen["Newman, Nora"][-1] == "Prospect"
    assert seen["Held, Harry"][2:4] == ["0", "—"]  # open jobs, last contact


def test_a_long_caller_line_is_cut_in_the_middle_and_whole_in_its_tooltip(
    qtbot: Any, served: Any, launch: Any, company: Any
) -> None:
    name = "Bell-Featherstonehaugh, Shirley Anne (Property Manager, Riverside Estates)"
    bell = company.customers.add(name=name, phone="(555) 849-1119").id
    window = served.window
    window.resize(1024, 700)
    incoming_call(launch, "555 849 1119")
    qtbot.waitUntil(lambda: window.form.current_node_id == bell)
    label = window.status_line.label
    qtbot.waitUntil(lambda: label.text() != "")
    whole = window.status_line.text()
    assert name in whole and "logs the call" in whole
    assert label.fontMetrics().horizontalAdvance(whole) > label.contentsRect().width()
    shown = label.text()
    assert "…" in shown and label.toolTip() == whole
    assert shown.startswith("Caller (555) 849-1119: Bell-") and shown.endswith("logs the call.")
    assert label.width() >= 400  # the counts and the file path gave way first
    assert label.geometry().right() <= window.statusBar().width()
