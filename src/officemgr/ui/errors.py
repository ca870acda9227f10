"""Errors nobody caught: log them, tell the user in a dialog, and keep the window working.

PySide6 hands an exception raised in a slot to ``sys.excepthook`` and carries on, so the
hook is the one place that sees them all. Domain errors (``OfficeMgrError``) are sentences
for the user; anything else is a bug, shown with its details and written to the log.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from shiboken6 import isValid

from officemgr.errors import OfficeMgrError

log = logging.getLogger("officemgr")

UNEXPECTED_TITLE = "Unexpected Error"

_open_dialog: QMessageBox | None = None


def install_excepthook() -> None:
    """Route uncaught exceptions to :func:`handle_exception`."""
    sys.excepthook = handle_exception


def handle_exception(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.error("Unexpected error: %s", exc, exc_info=(exc_type, exc, tb))
    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return  # no window to talk to from here; the log has it
    show_error(exc, details="".join(traceback.format_exception(exc_type, exc, tb)))


def log_file() -> str | None:
    """The file the ``officemgr`` log is written to, if it goes to one."""
    for handler in log.handlers:
        if isinstance(handler, logging.FileHandler):
            return handler.baseFilename
    return None


def show_error(exc: BaseException, *, details: str | None = None) -> QMessageBox | None:
    """Show ``exc`` in a window-modal dialog that does not block the caller.

    At most one such dialog is open at a time: a fault that repeats (in a paint, a timer)
    is logged every time but asked about once.
    """
    global _open_dialog
    if _open_dialog is not None and isValid(_open_dialog) and _open_dialog.isVisible():
        return None
    parent: QWidget | None = QApplication.activeWindow()
    box = QMessageBox(parent)
    box.setObjectName("unexpectedErrorDialog")
    if isinstance(exc, OfficeMgrError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("OfficeMgr")
        box.setText(str(exc))
    else:
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(UNEXPECTED_TITLE)
        box.setText(f"Something went wrong: {exc}")
        where = log_file()
        box.setInformativeText(
            "You can keep working. The details were written to the log"
            + (f" ({where})" if where else "")
            + "; please pass them on to whoever supports OfficeMgr for you."
        )
        if details:
            box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.finished.connect(_forget_dialog)
    _open_dialog = box
    box.open()
    return box


def _forget_dialog() -> None:
    global _open_dialog
    _open_dialog = None
