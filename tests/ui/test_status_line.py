"""The status line: messages have owners and priorities; none is lost while current."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QMainWindow

from officemgr.ui.status_line import Priority, StatusLine


@pytest.fixture
def line(qtbot: Any) -> Iterator[StatusLine]:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    yield StatusLine.of(window.statusBar())


def test_one_line_per_bar(line: StatusLine) -> None:
    bar = line.parent()
    assert StatusLine.of(bar) is line  # type: ignore[arg-type]


def test_a_caller_line_is_not_overwritten_by_a_backup_note(line: StatusLine) -> None:
    line.show("caller", "Caller (555) 201-3344: Smith, John.", priority=Priority.CALLER)
    line.show("backup", "Daily backup written.", priority=Priority.NOTE)
    line.show("window", "Copied “Smith, John”")
    assert line.text() == "Caller (555) 201-3344: Smith, John."
    # Outranked, not lost: once the call is logged, the newest of the rest shows.
    line.clear("caller")
    assert line.text() == "Copied “Smith, John”"
    line.clear("window")
    assert line.text() == "Daily backup written."


def test_an_owner_replaces_its_own_message_only(line: StatusLine) -> None:
    line.show("backup", "Backing up…", priority=Priority.NOTE, msecs=0)
    line.show("backup", "Backup written.", priority=Priority.NOTE)
    assert line.text_of("backup") == "Backup written."
    line.clear("backup", "Backing up…")  # not what it says any more: kept
    assert line.text() == "Backup written."


def test_messages_go_when_their_time_is_up(line: StatusLine, qtbot: Any) -> None:
    line.show("caller", "Caller …", priority=Priority.CALLER, msecs=150)
    line.show("window", "Saved.", msecs=0)
    assert line.text() == "Caller …"
    qtbot.waitUntil(lambda: line.text() == "Saved.", timeout=2000)
    assert line.text_of("caller") == ""


def test_the_wait_outranks_a_command_but_not_a_caller(line: StatusLine) -> None:
    line.show("window", "Copied.")
    line.show("company-file", "Waiting for the company file…", priority=Priority.WAITING)
    assert line.text() == "Waiting for the company file…"
    line.show("caller", "Caller …", priority=Priority.CALLER)
    assert line.text() == "Caller …"
