"""Two desks on one company file, in the window: a save over someone else's newer change
asks Reload Theirs / Keep Mine / Cancel with a field-by-field comparison, and a busy
file asks Retry / Cancel instead of freezing.

Each test opens the same temporary company file twice (two `Company.open` objects, as two
desks would) and drives a real form on each.
"""

from __future__ import annotations

import itertools
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
)

from officemgr import Company
from officemgr.core import company_file
from officemgr.ui.busy import WAITING, retrying
from officemgr.ui.changes import ChangeHub
from officemgr.ui.customers.conflict_dialog import ConflictDialog
from officemgr.ui.customers.field_compare import compare
from officemgr.ui.customers.form import CustomerJobForm
from officemgr.ui.customers.log_entry_dialog import LogEntryDialog
from officemgr.ui.settings import SettingsDialog
from officemgr.ui.status_line import StatusLine

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def desk_b(company_path: Path) -> Iterator[Any]:
    """The same company file, opened a second time (another desk)."""
    with Company.open(company_path) as co:
        yield co


def make_form(qtbot: Any, co: Any) -> CustomerJobForm:
    form = CustomerJobForm(co, ChangeHub())
    qtbot.addWidget(form, before_close_func=lambda f: f.clear())
    form.resize(1000, 760)
    form.show()
    qtbot.waitExposed(form)
    return form


@pytest.fixture
def form_b(qtbot: Any, desk_b: Any) -> CustomerJobForm:
    return make_form(qtbot, desk_b)


@pytest.fixture
def smith(company: Any) -> int:
    return int(
        company.customers.add(name="Smith, John", phone="(937) 555-0100", notepad="Old note").id
    )


def activate(ui: Any, form: CustomerJobForm) -> None:
    """Bring ``form``'s window to the front (the other desk's may be the active one)."""
    form.activateWindow()
    ui.qtbot.waitUntil(form.isActiveWindow)


def type_note(ui: Any, form: CustomerJobForm, text: str) -> None:
    activate(ui, form)
    form.tabs.setCurrentWidget(form.additional_tab)
    notepad = form.additional_tab.notepad
    notepad.setFocus()
    ui.qtbot.waitUntil(notepad.hasFocus)
    notepad.selectAll()
    ui.qtbot.keyClicks(notepad, text)


def type_phone(ui: Any, form: CustomerJobForm, text: str) -> None:
    activate(ui, form)
    form.tabs.setCurrentWidget(form.address_tab)
    ui.type(form.address_tab.form.phone_edit, text)


def b_saves_phone(ui: Any, form_b: CustomerJobForm, node: int, phone: str) -> None:
    form_b.load(node)
    type_phone(ui, form_b, phone)
    with ui.qtbot.waitSignal(form_b.saved):
        ui.click(form_b.header.save_button)


def rows_by_field(dialog: ConflictDialog) -> dict[str, tuple[str, ...]]:
    return {row[0]: row[1:] for row in dialog.rows()}


def test_keep_mine_saves_my_field_and_keeps_theirs(
    form: CustomerJobForm,
    form_b: CustomerJobForm,
    company: Any,
    smith: int,
    ui: Any,
    answer_modal: Any,
) -> None:
    form.load(smith)
    b_saves_phone(ui, form_b, smith, "937 555 0199")
    type_note(ui, form, "Call after 5")
    seen: dict[str, Any] = {}

    def keep_mine(dialog: ConflictDialog) -> None:
        seen["rows"] = rows_by_field(dialog)
        seen["conflicts"] = [c.field for c in dialog.changes if c.conflict]
        seen["default"] = dialog.cancel_button.isDefault()
        ui.click(dialog.keep_button)

    answer_modal(ConflictDialog, keep_mine)
    with ui.qtbot.waitSignal(form.saved):
        ui.click(form.header.save_button)

    assert seen["rows"] == {
        "Phone": ("(937) 555-0100", "(937) 555-0199", "(unchanged)"),
        "Notepad": ("Old note", "(unchanged)", "Call after 5"),
    }
    assert seen["conflicts"] == []
    assert seen["default"]  # Enter does not throw anyone's typing away
    stored = company.customers.get(smith)
    assert stored.phone.formatted == "(937) 555-0199"  # theirs, kept
    assert stored.notepad == "Call after 5"  # mine, saved
    assert not form.is_dirty
    assert form.address_tab.form.phone_edit.text() == "(937) 555-0199"


def test_reload_theirs_drops_my_typing_only_when_chosen(
    form: CustomerJobForm,
    form_b: CustomerJobForm,
    company: Any,
    smith: int,
    ui: Any,
    answer_modal: Any,
) -> None:
    form.load(smith)
    b_saves_phone(ui, form_b, smith, "937 555 0199")
    type_note(ui, form, "Call after 5")
    seen: dict[str, Any] = {}

    def reload(dialog: ConflictDialog) -> None:
        # Still in the form while the user decides.
        seen["typed"] = form.additional_tab.notepad.toPlainText()
        ui.click(dialog.reload_button)

    answer_modal(ConflictDialog, reload)
    ui.click(form.header.save_button)
    ui.qtbot.waitUntil(lambda: not form.is_dirty)

    assert seen["typed"] == "Call after 5"
    assert form.additional_tab.notepad.toPlainText() == "Old note"
    assert form.address_tab.form.phone_edit.text() == "(937) 555-0199"
    assert form.detail is not None
    assert form.detail.version == company.customers.get(smith).version
    assert company.customers.get(smith).notepad == "Old note"  # nothing of mine saved


def test_both_changed_the_phone_is_a_marked_conflict(
    form: CustomerJobForm,
    form_b: CustomerJobForm,
    company: Any,
    smith: int,
    ui: Any,
    answer_modal: Any,
) -> None:
    form.load(smith)
    b_saves_phone(ui, form_b, smith, "937 555 0199")
    type_phone(ui, form, "937 555 0142")
    seen: dict[str, Any] = {}

    def look_then_keep(dialog: ConflictDialog) -> None:
        seen["rows"] = dialog.rows()
        seen["summary"] = dialog.summary.text()
        seen["background"] = dialog.table.item(0, 3).background().color().name()
        ui.click(dialog.keep_button)

    answer_modal(ConflictDialog, look_then_keep)
    with ui.qtbot.waitSignal(form.saved):
        ui.click(form.header.save_button)

    assert seen["rows"] == [
        ("Phone — conflict", "(937) 555-0100", "(937) 555-0199", "(937) 555-0142")
    ]
    assert "1 field (highlighted) changed on both sides" in seen["summary"]
    assert seen["background"] != "#000000"
    assert company.customers.get(smith).phone.formatted == "(937) 555-0142"


def test_escape_cancels_and_keeps_editing(
    form: CustomerJobForm,
    form_b: CustomerJobForm,
    company: Any,
    smith: int,
    ui: Any,
    answer_modal: Any,
) -> None:
    form.load(smith)
    b_saves_phone(ui, form_b, smith, "937 555 0199")
    type_note(ui, form, "Call after 5")

    answer_modal(ConflictDialog, lambda d: ui.qtbot.keyClick(d, Qt.Key.Key_Escape))
    assert form.save() is False

    assert form.is_dirty
    assert form.additional_tab.notepad.toPlainText() == "Call after 5"
    assert form.address_tab.form.phone_edit.text() == "(937) 555-0100"  # not reloaded
    assert company.customers.get(smith).notepad == "Old note"
    assert "Not saved" in form.header.status_label.text()


def test_a_job_conflict_compares_job_info(
    form: CustomerJobForm,
    form_b: CustomerJobForm,
    company: Any,
    desk_b: Any,
    smith: int,
    ui: Any,
    answer_modal: Any,
) -> None:
    job = company.jobs.add(parent=smith, name="Furnace", status="Pending").id
    form.load(job)
    detail = desk_b.customers.get(job)
    desk_b.customers.update(job, expected_version=detail.version, status="In Progress")
    activate(ui, form)
    form.tabs.setCurrentWidget(form.job_tab)
    ui.type(form.job_tab.form.job_title_edit, "New furnace, basement")
    seen: dict[str, Any] = {}

    def keep_mine(dialog: ConflictDialog) -> None:
        seen["rows"] = rows_by_field(dialog)
        ui.click(dialog.keep_button)

    answer_modal(ConflictDialog, keep_mine)
    with ui.qtbot.waitSignal(form.saved):
        ui.click(form.header.save_button)

    assert seen["rows"] == {
        "Job title": ("—", "(unchanged)", "New furnace, basement"),
        "Status": ("Pending", "In Progress", "(unchanged)"),
    }
    info = company.customers.get(job).job_info
    assert (info.title, info.status) == ("New furnace, basement", "In Progress")


# ---------------------------------------------------------------------- a busy file


@pytest.fixture
def quick_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Connections opened from now on give up after 0.2 s instead of 5 s."""
    monkeypatch.setattr(company_file, "BUSY_TIMEOUT_MS", 200)


@pytest.fixture
def held(company_path: Path) -> Iterator[sqlite3.Connection]:
    """Another desk in the middle of a long save: the write lock taken and not let go."""
    conn = sqlite3.connect(company_path, isolation_level=None)
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def hold_write_lock(conn: sqlite3.Connection, node: int) -> None:
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE customer_jobs SET notepad = 'theirs, not committed' WHERE id = ?", (node,))


# Another desk: a process of its own that takes the write lock, says so, holds it for
# 3 s and commits.
HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
conn.close()
"""


def test_a_save_waits_for_another_desks_lock_without_freezing_the_window(
    qtbot: Any, company_path: Path, company: Any, smith: int, ui: Any
) -> None:
    form = make_form(qtbot, company)
    form.load(smith)
    type_note(ui, form, "Call after 5")
    other_desk = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(company_path), "3"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other_desk.stdout is not None and other_desk.stdout.readline() == "locked\n"
        ticks: list[float] = []
        clock = QTimer()
        clock.timeout.connect(lambda: ticks.append(time.monotonic()))
        clock.start(50)
        started = time.monotonic()
        saved = form.save()  # the window's own call: it returns once the save is done
        took = time.monotonic() - started
        clock.stop()
        assert other_desk.wait(10) == 0
    finally:
        other_desk.kill()
    assert saved, "the save landed once the other desk let go"
    assert took >= 2.5, "it did wait for the lock"
    worst = max((b - a for a, b in itertools.pairwise([started, *ticks])), default=took)
    assert worst < 0.2, f"the window kept time (its 50 ms timer waited {worst:.3f} s)"
    assert form.additional_tab.notepad.toPlainText() == "Call after 5"
    assert not form.is_dirty
    assert company.customers.get(smith).notepad == "Call after 5"


def test_busy_file_asks_retry_and_retry_saves(
    qtbot: Any,
    quick_busy: None,
    company_path: Path,
    company: Any,
    smith: int,
    held: sqlite3.Connection,
    ui: Any,
    answer_modal: Any,
) -> None:
    with Company.open(company_path) as co:  # connects with the short busy timeout
        form = make_form(qtbot, co)
        form.load(smith)
        type_note(ui, form, "Call after 5")
        hold_write_lock(held, smith)
        seen: dict[str, Any] = {}

        def release_then_retry(box: QMessageBox) -> None:
            seen["text"] = box.text()
            seen["typed"] = form.additional_tab.notepad.toPlainText()
            seen["cursor"] = QApplication.overrideCursor()  # none while the user reads
            held.execute("ROLLBACK")
            ui.click(box.button(QMessageBox.StandardButton.Retry))

        answer_modal(QMessageBox, release_then_retry)
        with qtbot.waitSignal(form.saved):
            ui.click(form.header.save_button)
        form.clear()

    assert seen["text"].startswith("The company file is busy")
    assert seen["typed"] == "Call after 5"
    assert seen["cursor"] is None
    assert company.customers.get(smith).notepad == "Call after 5"


def test_busy_file_cancel_keeps_what_was_typed(
    qtbot: Any,
    quick_busy: None,
    company_path: Path,
    company: Any,
    smith: int,
    held: sqlite3.Connection,
    ui: Any,
    answer_modal: Any,
) -> None:
    with Company.open(company_path) as co:
        form = make_form(qtbot, co)
        form.load(smith)
        type_note(ui, form, "Call after 5")
        hold_write_lock(held, smith)
        answer_modal(QMessageBox, lambda box: ui.qtbot.keyClick(box, Qt.Key.Key_Escape))
        assert form.save() is False
        assert form.is_dirty
        assert form.additional_tab.notepad.toPlainText() == "Call after 5"
        assert form.header.status_label.text() == "Not saved: the company file is busy."
        form.clear()
    held.execute("ROLLBACK")
    assert company.customers.get(smith).notepad == "Old note"


def test_the_wait_shows_a_wait_cursor_and_a_status_message(qtbot: Any) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    seen: list[tuple[Any, str]] = []

    def work() -> int:
        cursor = QApplication.overrideCursor()
        seen.append((cursor.shape() if cursor else None, StatusLine.of(window.statusBar()).text()))
        return 7

    assert retrying(window, work) == 7
    assert seen == [(Qt.CursorShape.WaitCursor, WAITING)]
    assert QApplication.overrideCursor() is None
    assert StatusLine.of(window.statusBar()).text() == ""


# ------------------------------------------- editors without a field-by-field view


def test_a_contact_changed_elsewhere_offers_reload(
    form: CustomerJobForm, desk_b: Any, company: Any, smith: int, ui: Any, answer_modal: Any
) -> None:
    mary = company.contacts.add(owner=smith, name="Mary Smith")
    form.load(smith)
    desk_b.contacts.update(mary.id, expected_version=mary.version, name="Mary Brown")
    tab = form.contacts_tab
    form.tabs.setCurrentWidget(tab)
    tab.view.selectRow(0)
    seen: dict[str, str] = {}

    def rename(dialog: QDialog) -> None:
        ui.type(dialog.findChild(QLineEdit, "contactNameEdit"), "Mary Jones")
        ui.click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))

    def reload(box: QMessageBox) -> None:
        seen["text"] = box.text()
        ui.click(box.findChild(QPushButton, "reloadButton"))

    answer_modal(QDialog, rename)
    answer_modal(QMessageBox, reload)
    ui.click(tab.form.edit_contact_button)

    assert "changed" in seen["text"]
    assert tab.model.record(0).name == "Mary Brown"  # theirs on show, to edit again
    assert [c.name for c in company.contacts.list_for(smith)] == ["Mary Brown"]


def test_settings_changed_elsewhere_offer_reload(
    qtbot: Any, company: Any, desk_b: Any, ui: Any
) -> None:
    dialog = SettingsDialog(company, ChangeHub())
    qtbot.addWidget(dialog)
    dialog.show_page("office")
    dialog.show()
    qtbot.waitExposed(dialog)
    city = dialog.page("office").edits["city"]
    desk_b.settings.update(city="Dayton")  # another desk, after the dialog read them
    city.setText("Springfield")
    apply = dialog.buttons.button(QDialogButtonBox.StandardButton.Apply)
    ui.click(apply)
    assert "Nothing was saved" in dialog.message.text()
    assert dialog.message.action_button.isVisible()

    ui.click(dialog.message.action_button)
    assert city.text() == "Dayton"
    assert dialog.message.text() == ""
    city.setText("Springfield")
    ui.click(apply)  # now on top of their version
    assert dialog.message.text() == ""
    assert company.settings.get().city == "Springfield"


def test_the_comparison_reads_as_the_form_shows_it(company: Any, desk_b: Any) -> None:
    gate = company.lists.add_custom_field(name="Gate code", field_type="text")
    node = company.customers.add(
        name="Acme Heating",
        bill_to={"line1": "12 Oak St", "city": "Dayton", "region": "OH", "postal_code": "45402"},
    ).id
    was = company.customers.get(node)
    desk_b.customers.update(
        node,
        expected_version=was.version,
        bill_to={"line1": "12 Oak St", "city": "Kettering", "region": "OH"},
        custom_fields={gate.id: "4411"},
        credit_limit="2500",
    )
    now = company.customers.get(node)
    lists = company.lists.all()
    terms = lists.terms[1]
    mine = {
        "terms_id": terms.id,
        "custom_fields": {gate.id: "9000"},
        "credit_limit": Decimal("2500.00"),
    }

    rows = {r.label: r for r in compare(was, now, mine, lists)}

    assert set(rows) == {"Bill To", "Terms", "Gate code", "Credit limit"}
    assert (rows["Bill To"].was, rows["Bill To"].theirs, rows["Bill To"].mine) == (
        "12 Oak St, Dayton, OH 45402",
        "12 Oak St, Kettering, OH 45402",
        None,
    )
    assert (rows["Terms"].was, rows["Terms"].theirs, rows["Terms"].mine) == ("", None, terms.name)
    assert rows["Gate code"].conflict  # both typed a code, different ones
    assert rows["Credit limit"].both and not rows["Credit limit"].conflict  # the same amount
    assert [r.label for r in compare(was, now, mine, lists) if r.conflict] == ["Gate code"]


def test_a_log_correction_made_elsewhere_offers_reload(
    form: CustomerJobForm, desk_b: Any, company: Any, smith: int, ui: Any, answer_modal: Any
) -> None:
    entry = company.contact_log.add(
        owner=smith, at=datetime(2026, 11, 2, 9, 30), kind="Call In", subject="Qoute"
    )
    tab = form.contact_log_tab
    form.tabs.setCurrentWidget(tab)
    form.load(smith)  # the entry as read when the tab showed it
    assert [e.subject for e in tab.model.records()] == ["Qoute"]
    desk_b.contact_log.correct(entry.id, by="Lee", expected_version=entry.version, subject="Quot")
    tab.view.selectRow(0)
    steps: list[str] = []

    def correct(dialog: LogEntryDialog) -> None:
        if not steps:  # first time: type a correction and save it
            dialog.subject_edit.selectAll()
            ui.qtbot.keyClicks(dialog.subject_edit, "Quote")
        steps.append(f"dialog: {dialog.subject_edit.text()}")
        ui.qtbot.keyClick(dialog.subject_edit, Qt.Key.Key_Return, CTRL)

    def answer(box: QMessageBox) -> None:
        reload = len([s for s in steps if s.startswith("box")]) == 1  # Cancel, then Reload
        steps.append("box: reload" if reload else "box: cancel")
        if reload:
            ui.click(box.findChild(QPushButton, "reloadButton"))
        else:
            ui.qtbot.keyClick(box, Qt.Key.Key_Escape)

    for _ in range(2):
        answer_modal(LogEntryDialog, correct)
        answer_modal(QMessageBox, answer)
    ui.click(tab.edit_button)

    # Cancel went back to the dialog with the correction still typed; Reload showed theirs.
    assert steps == ["dialog: Quote", "box: cancel", "dialog: Quote", "box: reload"]
    assert [e.subject for e in tab.model.records()] == ["Quot"]
    assert company.contact_log.get(entry.id).subject == "Quot"
