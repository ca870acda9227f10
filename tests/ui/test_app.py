"""``run_gui``: which company file it opens, and what the user sees when it cannot."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from officemgr import samples
from officemgr.app import run_gui
from officemgr.core import paths
from officemgr.ui.focus_ring import hide_focus_rings


@pytest.fixture(autouse=True)
def restore_process_state(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """run_gui installs an excepthook, a log file and the focus rings; put them back
    afterwards (the app is shared with the tests that follow)."""
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
    hide_focus_rings()


@pytest.fixture
def close_main_window() -> Iterator[Callable[[], dict[str, Any]]]:
    """Close the window run_gui shows once it is up; report what it showed."""
    timers: list[QTimer] = []

    def arm() -> dict[str, Any]:
        seen: dict[str, Any] = {}
        timer = QTimer()
        timer.setInterval(20)

        def poll() -> None:
            for widget in QApplication.topLevelWidgets():
                if widget.objectName() == "mainWindow" and widget.isVisible() and widget.ready:
                    timer.stop()
                    seen["title"] = widget.windowTitle()
                    seen["path"] = Path(widget.company.path)
                    seen["customers"] = widget.tree_model.rowCount()
                    widget.close()

        timer.timeout.connect(poll)
        timer.start()
        timers.append(timer)
        return seen

    yield arm
    for timer in timers:
        timer.stop()


def test_run_gui_opens_the_file_and_returns_0_when_closed(
    company_path: Path, close_main_window: Any
) -> None:
    seen = close_main_window()
    assert run_gui(db=company_path) == 0
    assert seen["path"] == company_path
    assert seen["title"] == f"My Company — {company_path.name} — OfficeMgr"
    assert QApplication.applicationName() == "OfficeMgr"


def test_without_a_file_the_default_company_is_made(close_main_window: Any) -> None:
    default = paths.default_company_file()
    assert not default.exists()  # the data folder is a temp folder in tests
    seen = close_main_window()
    assert run_gui(db=None) == 0
    assert seen["path"] == default
    assert default.exists()


def test_sample_opens_the_sample_company(
    company_path: Path, close_main_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[bool] = []

    def sample_company_path() -> Path:
        asked.append(True)
        return company_path  # already made: opened at once

    monkeypatch.setattr(samples, "sample_company_path", sample_company_path)
    seen = close_main_window()
    assert run_gui(db=None, sample=True) == 0
    assert asked == [True]
    assert seen["path"] == company_path


def test_the_first_sample_company_is_made_behind_a_progress_dialog(
    close_main_window: Any, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    monkeypatch.setattr(samples, "SAMPLE_CUSTOMERS", 60)
    shown: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QProgressDialog) and not shown:
            shown.append(dialog.labelText())

    watch = QTimer()
    watch.timeout.connect(look)
    watch.start(5)
    seen = close_main_window()
    try:
        assert run_gui(db=None, sample=True) == 0
    finally:
        watch.stop()
    assert seen["path"] == paths.sample_company_file() and paths.sample_company_file().exists()
    assert shown and shown[0].startswith("Making the sample company")


def test_cancelling_the_sample_company_leaves_nothing_and_opens_no_window(
    monkeypatch: pytest.MonkeyPatch, answer_modal: Any, qtbot: Any
) -> None:
    monkeypatch.setattr(samples, "SAMPLE_CUSTOMERS", 20_000)  # long enough to cancel
    answer_modal(QProgressDialog, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    assert run_gui(db=None, sample=True) == 0
    folder = paths.sample_company_file().parent
    assert not paths.sample_company_file().exists()
    assert not [p for p in folder.glob("*") if "being made" in p.name]
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]


@pytest.mark.parametrize("problem", ["not a company file", "missing folder"])
def test_a_file_that_cannot_be_opened_is_explained_and_exits_1(
    tmp_path: Path, answer_modal: Any, problem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if problem == "not a company file":
        path = tmp_path / "letter.officemgr"
        path.write_text("Dear customer, …")
        expected = "not an OfficeMgr company file"
    else:
        path = tmp_path / "no such folder" / "Acme.officemgr"
        expected = "does not exist"
    seen: list[tuple[QMessageBox.Icon, str]] = []

    def read(box: QMessageBox) -> None:
        seen.append((box.icon(), box.text()))
        box.accept()

    answer_modal(QMessageBox, read)
    assert run_gui(db=path) == 1
    assert seen and seen[0][0] == QMessageBox.Icon.Critical
    assert expected in seen[0][1]
    assert "Traceback" not in capsys.readouterr().err
