"""A busy company file, in the window: wait visibly, then Retry or Cancel.

When another window or desk is saving, SQLite waits up to the busy timeout (5 s) before
giving up, and the GUI thread waits with it. So that the wait never looks like a freeze,
`waiting` shows a wait cursor and "Waiting for the company file…" in the window's status
line while the work runs (`ui.operations` runs writes off the GUI thread; `retrying` is
for the short reads that stay on it). If the file is still busy after the timeout, a box says so and
offers Retry (what was typed is still in the form) or Cancel.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from officemgr.errors import CompanyBusyError, CompanyFileError, OfficeMgrError
from officemgr.ui.status_line import Priority, StatusLine

T = TypeVar("T")
WAITING = "Waiting for the company file…"
OWNER = "company-file"  # the status line's owner of WAITING
BUSY_TEXT = "The company file is busy: another window or desk is saving to it."


class BusyCancelled(OfficeMgrError):
    """The user chose Cancel at the busy box: the work was not done."""


def is_busy(error: BaseException) -> bool:
    """True for the error of a file another window or desk held too long."""
    return isinstance(error, CompanyBusyError)


@contextmanager
def waiting(parent: QWidget, *, after_ms: int = 0) -> Iterator[None]:
    """A wait cursor and "Waiting for the company file…" in the window's status line
    while the company file is used; with ``after_ms``, only once it has taken that long
    (a quick save shows nothing)."""
    window = parent.window()
    line = StatusLine.of(window.statusBar()) if isinstance(window, QMainWindow) else None
    shown = False

    def show() -> None:
        nonlocal shown
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        shown = True
        if line is not None:
            line.show(OWNER, WAITING, priority=Priority.WAITING, msecs=0)
            line.label.repaint()  # the GUI thread may be about to wait: paint it now

    timer = QTimer()
    if after_ms > 0:
        timer.setSingleShot(True)
        timer.timeout.connect(show)
        timer.start(after_ms)
    else:
        show()
    try:
        yield
    finally:
        timer.stop()
        if shown:
            QApplication.restoreOverrideCursor()
            if line is not None:
                line.clear(OWNER, WAITING)


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
