"""When something goes wrong: a dialog the user can act on, the details in the log file."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox

from officemgr.app import configure_logging
from officemgr.core import paths
from officemgr.errors import ValidationError
from officemgr.ui import errors


@pytest.fixture
def error_handling(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The excepthooks and the rotating log file, as the program sets them up; put back
    afterwards. Yields the log file."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    log = logging.getLogger("officemgr")
    handlers, level = list(log.handlers), log.level
    configure_logging()
    errors.install_excepthook()
    yield paths.log_dir() / "officemgr.log"
    for handler in log.handlers[:]:
        if handler not in handlers:
            log.removeHandler(handler)
            handler.close()
    log.setLevel(level)


def error_boxes() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.objectName() == "unexpectedErrorDialog" and w.isVisible()
    ]


def broken_action(window: Any, error: BaseException) -> QAction:
    action = QAction("Broken", window)

    def boom() -> None:
        raise error

    action.triggered.connect(boom)
    return action


@pytest.mark.qt_no_exception_capture
def test_a_bug_in_a_slot_shows_details_and_is_written_to_the_log_file(
    qtbot: Any, driver: Any, tree_data: Any, error_handling: Path
) -> None:
    d = driver()
    broken_action(d.window, KeyError("customer_type_id")).trigger()
    qtbot.waitUntil(lambda: len(error_boxes()) == 1)
    (box,) = error_boxes()
    assert box.windowTitle() == "Unexpected Error"
    assert box.icon() == QMessageBox.Icon.Critical
    assert box.text() == "Something went wrong: 'customer_type_id'"
    assert str(error_handling) in box.informativeText()  # where the details are
    assert "You can keep working" in box.informativeText()
    assert "Traceback" in box.detailedText() and "KeyError" in box.detailedText()
    box.accept()

    logged = error_handling.read_text(encoding="utf-8")
    assert "Unexpected error: 'customer_type_id'" in logged
    assert "Traceback (most recent call last)" in logged and "in boom" in logged

    tree_data.add("Still Working")  # the window carries on
    d.window.refresh_action.trigger()
    qtbot.waitUntil(lambda: d.listed() == ["Still Working"])


@pytest.mark.qt_no_exception_capture
def test_a_domain_error_shows_just_its_message(
    qtbot: Any, driver: Any, error_handling: Path
) -> None:
    d = driver()
    broken_action(d.window, ValidationError("Give the customer a name.")).trigger()
    qtbot.waitUntil(lambda: len(error_boxes()) == 1)
    (box,) = error_boxes()
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text() == "Give the customer a name."
    assert box.detailedText() == "" and box.informativeText() == ""
    box.accept()


def test_a_failed_backup_is_explained_not_raised(
    qtbot: Any, driver: Any, tmp_path: Path, error_handling: Path
) -> None:
    not_a_folder = tmp_path / "a file"
    not_a_folder.write_text("")
    d = driver()
    with qtbot.waitSignal(d.window.file_actions.task_failed, timeout=10_000) as failed:
        d.window.file_actions.start_backup(not_a_folder)
    assert "Cannot write the backup" in str(failed.args[0])
    qtbot.waitUntil(lambda: len(error_boxes()) == 1)
    (box,) = error_boxes()
    assert box.text().startswith("Cannot write the backup into")
    box.accept()
    assert not any(p.name.endswith(".partial") for p in tmp_path.iterdir())


@pytest.mark.qt_no_exception_capture
def test_an_error_on_another_thread_is_logged_and_shown(
    qtbot: Any, driver: Any, error_handling: Path
) -> None:
    driver()

    def work() -> None:
        raise RuntimeError("the modem hung up")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(error_boxes()) == 1)
    (box,) = error_boxes()
    assert "the modem hung up" in box.text()
    box.accept()
    assert "the modem hung up" in error_handling.read_text(encoding="utf-8")
