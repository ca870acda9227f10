"""What a run of the window leaves in the log: start-up, the company file opened and
closed, its automatic backups, and errors with their tracebacks."""

from __future__ import annotations

import logging
import platform
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QTimer, qVersion
from PySide6.QtWidgets import QApplication

import officemgr
from officemgr.app import LOG_FILE_NAME, run_gui
from officemgr.core import paths
from officemgr.ui.errors import handle_exception


@pytest.fixture(autouse=True)
def restore_process_state(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """run_gui installs an excepthook and a log file; put both back afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    log = logging.getLogger("officemgr")
    handlers, level = list(log.handlers), log.level
    yield
    for handler in log.handlers[:]:
        if handler not in handlers:
            log.removeHandler(handler)
            handler.close()
    log.setLevel(level)


def run_window_once(then: Any) -> QTimer:
    """When the window is up, call ``then(window)`` and close it (keep the timer)."""
    timer = QTimer()
    timer.setInterval(20)

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "mainWindow" and widget.isVisible() and widget.ready:
                timer.stop()
                then(widget)
                widget.close()

    timer.timeout.connect(poll)
    timer.start()
    return timer


def read_log() -> str:
    for handler in logging.getLogger("officemgr").handlers:
        handler.flush()
    return (paths.log_dir() / LOG_FILE_NAME).read_text(encoding="utf-8")


def test_a_run_logs_start_up_the_company_file_and_its_backups(
    qtbot: Any, tree_data: Any, company_path: Path
) -> None:
    tree_data.add("Smith, John")

    def wait_for_the_days_backup(window: Any) -> None:
        qtbot.waitUntil(lambda: not window.file_actions.auto_runner.busy)
        window.company.customers.add(name="Baker, Ann")  # a change, so closing backs up

    closer = run_window_once(wait_for_the_days_backup)
    assert run_gui(db=company_path) == 0
    closer.stop()
    text = read_log()
    assert (
        f"OfficeMgr {officemgr.__version__} starting: Python {platform.python_version()}, "
        f"PySide6 {pyside_version} (Qt {qVersion()}), {platform.platform()}"
    ) in text
    for words in (
        f"Company file: {company_path}",
        f"Opened the company file {company_path}",
        f"Backed up {company_path} to ",
        "auto-daily",
        "auto-close",
        f"Closed the company file {company_path}",
    ):
        assert words in text, words
    order = [text.index(w) for w in ("starting:", "Opened the", "auto-close", "Closed the")]
    assert order == sorted(order)


def test_an_unexpected_error_is_logged_with_its_traceback(
    qtbot: Any, company_path: Path, visible_top_level: Any
) -> None:
    def fail_in_a_slot(window: Any) -> None:
        try:
            raise RuntimeError("the printer driver said no")
        except RuntimeError as error:
            handle_exception(RuntimeError, error, error.__traceback__)
        (box,) = visible_top_level("unexpectedErrorDialog")
        box.accept()

    closer = run_window_once(fail_in_a_slot)
    assert run_gui(db=company_path) == 0
    closer.stop()
    text = read_log()
    assert "ERROR officemgr: Unexpected error: the printer driver said no" in text
    assert "Traceback (most recent call last):" in text
    assert 'raise RuntimeError("the printer driver said no")' in text
