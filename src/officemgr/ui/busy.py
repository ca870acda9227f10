"""A busy company file, in the window: wait visibly, then Retry or Cancel.

When another window or desk is saving, SQLite waits up to the busy timeout (5 s) before
giving up, and the GUI thread waits with it. So that the wait never looks like a freeze,
`retrying` shows a wait cursor and "Waiting for the company file…" in the window's status
bar while the work runs. If the file is still busy after the timeout, a box says so and
offers Retry (what was typed is still in the form) or Cancel.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from officemgr.errors import CompanyBusyError, CompanyFileError, OfficeMgrError

T = TypeVar("T")
WAITING = "Waiting for the company file…"
BUSY_TEXT = "The company file is busy: another window or desk is saving to it."


class BusyCancelled(OfficeMgrError):
    """The user chose Cancel at the busy box: the work was not done."""


def is_busy(error: BaseException) -> bool:
    """True for the error of a file another window or desk held too long."""
    return isinstance(error, CompanyBusyError)


@contextmanager
def waiting(parent: QWidget) -> Iterator[None]:
    """A wait cursor and the status-bar message while the company file is used."""
    window = parent.window()
    bar = window.statusBar() if isinstance(window, QMainWindow) else None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    if bar is not None:
        bar.showMessage(WAITING)
        bar.repaint()  # the GUI thread is about to wait: paint the message now
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
        if bar is not None and bar.currentMessage() == WAITING:
            bar.clearMessage()


def retrying(parent: QWidget, work: Callable[[], T], *, show_wait: bool = True) -> T:
    """``work()``, waiting visibly; while the file is busy, ask Retry or Cancel.

    ``show_wait=False`` skips the cursor and message: for reads, which a saving desk does
    not hold up (WAL), so that moving through the list does not flicker. Raises
    `BusyCancelled` when the user cancels; other errors pass through."""
    while True:
        try:
            if not show_wait:
                return work()
            with waiting(parent):
                return work()
        except CompanyFileError as error:
            if not is_busy(error):
                raise
            if not ask_retry(parent, error):
                raise BusyCancelled(f"{error}") from error


def ask_retry(parent: QWidget, error: CompanyFileError) -> bool:
    """The busy box: True for Retry, False for Cancel."""
    box = QMessageBox(parent)
    box.setObjectName("companyFileBusyBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Company File Busy")
    box.setText(BUSY_TEXT)
    box.setInformativeText(
        "What you typed is still here. Retry in a moment, or Cancel to leave it unsaved."
    )
    box.setDetailedText(str(error))
    box.setStandardButtons(QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Retry)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Retry
