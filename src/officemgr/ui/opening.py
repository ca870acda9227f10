"""Opening a company file from the window, with a progress dialog when it must be upgraded.

An older file is backed up and migrated before it opens; on a big file that takes a
while (building the search index of 100,000 customers takes about a minute), so the
upgrade runs off the GUI thread behind a busy dialog instead of freezing the window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from officemgr.core.location import is_server_url, location_label
from officemgr.files import describe, needs_upgrade
from officemgr.ui.background import TaskRunner

__all__ = ["needs_upgrade", "open_company_file"]


def open_company_file(location: Path | str, parent: QWidget | None, *, create: bool = False) -> Any:
    """``Company.open(location)``; an upgrade, or reaching a server, runs on a worker
    thread behind a busy dialog.

    Raises what Company.open raises (a CompanyFileError for a refused file or server).
    """
    from officemgr import Company

    def opening() -> Any:
        return Company.open(location, create=create, role="window", allow_damaged=True)

    if is_server_url(location):
        return _behind_busy_dialog(
            parent,
            f"Connecting to {location_label(location)}…",
            "Connecting to the Server",
            opening,
        )
    if not needs_upgrade(Path(location)):
        return opening()
    return _behind_busy_dialog(
        parent,
        f"Upgrading {describe(Path(location))} for this version of OfficeMgr…\n"
        "A backup of it was made first.",
        "Upgrading the Company File",
        opening,
    )


def _behind_busy_dialog(
    parent: QWidget | None, text: str, title: str, work: Callable[[], Any]
) -> Any:
    """``work()`` on a worker thread while a busy dialog shows; its result or its error."""
    dialog = QProgressDialog(text, "", 0, 0, parent)  # no known end: a busy indicator
    dialog.setObjectName("upgradeProgressDialog")
    dialog.setWindowTitle(title)
    dialog.setCancelButton(None)  # neither a migration nor a connection is stopped half-way
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.show()
    runner = TaskRunner(max_threads=1)
    outcome: dict[str, Any] = {}
    task = runner.start(work)
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
