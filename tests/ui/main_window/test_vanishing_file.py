"""The company file vanishes while the window has it open (a USB stick pulled out).

Saving and reading say so in one sentence, the window keeps running, what was typed stays
in the form, and once the file is back the same typing saves.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from officemgr.core.backup import automatic_backups

GONE = "is no longer there"


def move_away(path: Path, folder: Path) -> list[tuple[Path, Path]]:
    """Move the file and its -wal and -shm into ``folder``; (where it went, where it was)."""
    folder.mkdir()
    moved = []
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if file.exists():
            file.rename(folder / file.name)
            moved.append((folder / file.name, file))
    return moved


def put_back(moved: list[tuple[Path, Path]]) -> None:
    for where, original in moved:
        where.rename(original)


def test_save_and_refresh_say_the_file_is_gone_and_the_typing_stays(
    qtbot: Any,
    driver: Any,
    tree_data: Any,
    company: Any,
    company_path: Path,
    tmp_path: Path,
    answer_modal: Any,
    visible_top_level: Any,
) -> None:
    smith = tree_data.add("Smith, John")
    d = driver()
    qtbot.waitUntil(lambda: d.listed() == ["Smith, John"])
    d.select(smith)
    form = d.window.form
    phone = form.findChild(QLineEdit, "phoneEdit")
    phone.setFocus()
    qtbot.waitUntil(phone.hasFocus)
    qtbot.keyClicks(phone, "937-555-0100")
    qtbot.keyClick(phone, Qt.Key.Key_Tab)
    assert form.is_dirty
    moved = move_away(company_path, tmp_path / "stick pulled out")

    shown: list[tuple[str, str]] = []

    def read_and_close(box: QMessageBox) -> None:
        shown.append((box.windowTitle(), box.text()))
        box.accept()

    answer_modal(QMessageBox, read_and_close)
    form.save_action.trigger()
    ((title, text),) = shown
    assert title == "Not Saved"
    assert GONE in text and company_path.name in text and "Nothing was saved" in text
    assert form.is_dirty and "555" in phone.text(), "what was typed stays in the form"
    assert not company_path.exists(), "nothing was written at the old place"

    d.window.refresh_action.trigger()  # the next read: one message says why
    (box,) = visible_top_level("unexpectedErrorDialog")
    assert GONE in box.text() and "It could not be read" in box.text()
    assert box.windowTitle() == "OfficeMgr" and not box.detailedText()
    box.accept()
    assert d.window.isVisible()
    assert form.is_dirty and "555" in phone.text()

    put_back(moved)
    assert form.save()
    assert not form.is_dirty
    assert company.customers.get(smith).phone.e164 == "+19375550100"


def test_closing_on_a_vanished_file_makes_no_backup_and_closes(
    qtbot: Any,
    make_window: Any,
    company_path: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    window = make_window()
    files = window.file_actions
    qtbot.waitUntil(lambda: not files.auto_runner.busy)  # the daily backup of opening
    daily = automatic_backups(company_path)
    assert [kind for _when, kind, _path in daily] == ["daily"]
    move_away(company_path, tmp_path / "gone")
    with caplog.at_level(logging.INFO, logger="officemgr"):
        assert window.close()
    assert not window.isVisible()
    assert automatic_backups(company_path) == daily, "no backup of a file that is not there"
    assert "No backup on closing" in caplog.text
