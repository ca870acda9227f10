"""A company file the system asks the running window to open (macOS Finder double-click)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from officemgr.ui.file_open import FileOpenRouter


def test_a_file_open_request_opens_that_company_in_the_window(
    qtbot: Any, make_window: Any, company_path: Path, tmp_path: Path
) -> None:
    other = tmp_path / "Other Office.officemgr"
    shutil.copy(company_path, other)
    app = QApplication.instance()
    router = FileOpenRouter(app)
    try:
        window = make_window()
        router.attach(window)
        assert QApplication.sendEvent(app, QFileOpenEvent(str(other)))
        qtbot.waitUntil(lambda: Path(window.company.path) == other)
        assert "Other Office.officemgr" in window.windowTitle()

        # Not a company file: left to the application, nothing opened.
        assert not QApplication.sendEvent(app, QFileOpenEvent(str(tmp_path / "notes.txt")))
        assert Path(window.company.path) == other
    finally:
        app.removeEventFilter(router)


def test_a_request_before_the_window_waits_for_it(
    qtbot: Any, make_window: Any, company_path: Path, tmp_path: Path
) -> None:
    other = tmp_path / "Early.officemgr"
    shutil.copy(company_path, other)
    app = QApplication.instance()
    router = FileOpenRouter(app)
    try:
        QApplication.sendEvent(app, QFileOpenEvent(str(other)))
        qtbot.waitUntil(lambda: router.pending == [other])
        window = make_window()
        router.attach(window)
        qtbot.waitUntil(lambda: Path(window.company.path) == other)
    finally:
        app.removeEventFilter(router)
