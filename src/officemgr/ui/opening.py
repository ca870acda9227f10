"""Opening a company file from the window, with a progress dialog when it must be upgraded.

An older file is backed up and migrated before it opens; on a big file that takes a
while (building the search index of 100,000 customers takes about a minute), so the
upgrade runs off the GUI thread behind a busy dialog instead of freezing the window.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from officemgr.files import describe, needs_upgrade
from officemgr.ui.background import TaskRunner

__all__ = ["needs_upgrade", "open_company_file"]


def open_company_file(path: Path, parent: QWidget | None, *, create: bool = False) -> Any:
    """``Company.open(path)``; an upgrade runs on a worker thread behind a busy dialog.

    Raises what Company.open raises (a CompanyFileError for a refused file).
    """
    from officemgr import Company

    if not needs_upgrade(path):
        return Company.open(path, create=create, role="window", allow_damaged=True)
    dialog = QProgressDialog(
        f"Upgrading {describe(Path(path))} for this version of OfficeMgr…\n"
        "A backup of it was made first.",
        "",
        0,
        0,  # no known end: a busy indicator
        parent,
    )
    dialog.setObjectName("upgradeProgressDialog")
    dialog.setWindowTitle("Upgrading the Company File")
    dialog.setCancelButton(None)  # a migration is not stopped half-way
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.show()
    runner = TaskRunner(max_threads=1)
    outcome: dict[str, Any] = {}
    task = runner.start(Company.open, path, create=create, role="window", allow_damaged=True)
    task.finished.connect(lambda company: outcome.update(company=company))
    task.failed.connect(lambda failure: outcome.update(error=failure.error))
    loop = QEventLoop()
    task.done.connect(loop.quit)
    loop.exec()
    dialog.close()
    dialog.deleteLater()
    runner.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["company"]
