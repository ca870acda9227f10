"""Verify Data offers Repair only when every problem is derived data, and repairs it."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from officemgr.core import paths


def break_file(path: Path, statement: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(statement)
    conn.commit()
    conn.close()


def verify_in_window(qtbot: Any, window: Any) -> Any:
    with qtbot.waitSignal(window.file_actions.verify_finished, timeout=10_000):
        window.verify_action.trigger()
    return window.file_actions.last_dialog


def test_repair_recomputes_a_wrong_balance_after_a_backup(
    qtbot: Any, driver: Any, tree_data: Any, company: Any, company_path: Path
) -> None:
    smith = tree_data.add("Smith, John", balance="10.00")
    break_file(company_path, f"UPDATE customer_jobs SET balance_total = 9900 WHERE id = {smith}")
    d = driver()
    dialog = verify_in_window(qtbot, d.window)
    assert "Repair computes it again" in dialog.summary_label.text()
    assert dialog.repair_button.isVisible()
    files = d.window.file_actions
    with qtbot.waitSignal(files.repair_finished, timeout=10_000) as done:
        qtbot.mouseClick(dialog.repair_button, Qt.MouseButton.LeftButton)
    result = done.args[0]
    assert result.report.ok and result.backup.parent == paths.backup_dir()
    after = files.last_dialog
    assert after is not dialog and after.isVisible()
    assert "Repaired 1 problem" in after.summary_label.text()
    assert "No problems found" in after.summary_label.text()
    assert not after.repair_button.isVisible()
    after.reject()
    assert company.customers.get(smith).balance_total == 10


def test_no_repair_is_offered_for_the_offices_own_data(
    qtbot: Any, driver: Any, tree_data: Any, company_path: Path
) -> None:
    smith = tree_data.add("Smith, John")
    job = tree_data.add("Furnace", parent=smith)
    break_file(company_path, f"UPDATE customer_jobs SET depth = 3 WHERE id = {job}")
    d = driver()
    dialog = verify_in_window(qtbot, d.window)
    assert any("wrong level" in p for p in dialog.problems())
    assert not dialog.repair_button.isVisible()
    assert "pass this list on" in dialog.summary_label.text()
    dialog.reject()
