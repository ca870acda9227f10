"""An older company file is upgraded behind a progress dialog, not a frozen window."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from officemgr.core.file_header import SCHEMA_HEAD, inspect_file
from officemgr.ui.opening import needs_upgrade, open_company_file


def watch_for_progress(seen: list[str]) -> QTimer:
    """Notes the title of any progress dialog shown while the upgrade runs."""
    timer = QTimer()

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible():
                seen.append(widget.windowTitle())

    timer.timeout.connect(look)
    timer.start(5)
    return timer


def test_an_older_file_opens_after_an_upgrade_shown_in_a_dialog(
    qtbot: Any, old_company_file: Path
) -> None:
    assert needs_upgrade(old_company_file)
    seen: list[str] = []
    timer = watch_for_progress(seen)
    company = open_company_file(old_company_file, None)
    timer.stop()
    try:
        assert "Upgrading the Company File" in seen
        assert inspect_file(old_company_file).revision == SCHEMA_HEAD
        assert [s.name for s in company.customers.search("angstrom")] == ["Ångström Heating"]
    finally:
        company.close()


def test_file_open_in_the_window_upgrades_with_the_dialog(
    qtbot: Any, make_window: Any, old_company_file: Path, tmp_path: Path
) -> None:
    window = make_window()
    seen: list[str] = []
    timer = watch_for_progress(seen)
    assert window.open_company(old_company_file)
    timer.stop()
    assert "Upgrading the Company File" in seen
    assert Path(window.company.path) == old_company_file


def test_a_current_file_opens_without_the_dialog(
    qtbot: Any, company_path: Path, tmp_path: Path
) -> None:
    current = tmp_path / "Current.officemgr"
    shutil.copy(company_path, current)
    assert not needs_upgrade(current)
    seen: list[str] = []
    timer = watch_for_progress(seen)
    company = open_company_file(current, None)
    timer.stop()
    company.close()
    assert seen == []
