"""Errors nobody caught: log them, tell the user in a dialog, and keep the window working.

PySide6 hands an exception raised in a slot to ``sys.excepthook`` and carries on, so the
hook is the one place that sees them all. Domain errors (``OfficeMgrError``) are sentences
for the user: a warning box with just the message. Anything else is a bug: a dialog with a
short message, the traceback under *Show Details…*, and where the log file is; the
traceback is written to the rotating log in the user's log folder (see ``logs.py``).

Exceptions on other threads (``threading.excepthook``) are logged and then shown on the
GUI thread. Work run through ``ui/background.py`` reports its failures by signal;
:func:`report_failure` shows those the same way.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from shiboken6 import isValid

from officemgr import logs
from officemgr.errors import CompanyDamagedError, OfficeMgrError

log = logging.getLogger("officemgr")
UNEXPECTED_TITLE = "Unexpected Error"

_open_dialog: QMessageBox | None = None
# Windows that offer Verify Data and a backup for a damaged company file: each returns True
# when the error is about its own file and it told the user.
damage_handlers: list[Callable[[CompanyDamagedError], bool]] = []


class _GuiThreadRelay(QObject):
    """Carries an exception from another thread to the GUI thread (a queued signal)."""

    raised = Signal(object, str)

    def __init__(self) -> None:
        super().__init__()
        self.raised.connect(self.show, Qt.ConnectionType.QueuedConnection)

    @Slot(object, str)
    def show(self, exc: BaseException, details: str) -> None:
        show_error(exc, details=details)


_relay: _GuiThreadRelay | None = None


def install_excepthook() -> None:
    """Route uncaught exceptions (GUI thread and other threads) to :func:`handle_exception`."""
    global _relay
    sys.excepthook = handle_exception
    threading.excepthook = _thread_excepthook
    app = QApplication.instance()
    if _relay is None and app is not None:
        _relay = _GuiThreadRelay()
        _relay.moveToThread(app.thread())


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None:
        return
    handle_exception(args.exc_type, args.exc_value, args.exc_traceback)


def handle_exception(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    _log(exc, tb)
    app = QApplication.instance()
    if app is None:
        return
    if QThread.currentThread() is not app.thread():
        if _relay is not None:
            _relay.raised.emit(exc, details)  # shown on the GUI thread
        return
    show_error(exc, details=details)


def _log(exc: BaseException, tb: TracebackType | None) -> None:
    if isinstance(exc, OfficeMgrError):
        log.warning("%s: %s", type(exc).__name__, exc)
    else:
        log.error("Unexpected error: %s", exc, exc_info=(type(exc), exc, tb))


def report_failure(error: BaseException, details: str | None = None) -> QMessageBox | None:
    """Log and show an error caught by the program (e.g. one a worker reported)."""
    if details is None:
        details = "".join(traceback.format_exception(error))
    _log(error, error.__traceback__)
    return show_error(error, details=details)


def log_file() -> Path:
    """The file the ``officemgr`` log is written to (the default place if not set up)."""
    return logs.log_file()


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    *,
    informative: str | None = None,
    name: str | None = None,
) -> QMessageBox:
    """Show a window-modal message that does not block the caller (deleted when closed)."""
    box = QMessageBox(parent)
    if name:
        box.setObjectName(name)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()
    return box


def show_error(exc: BaseException, *, details: str | None = None) -> QMessageBox | None:
    """Show ``exc`` in a window-modal dialog that does not block the caller.

    At most one such dialog is open at a time: a fault that repeats (in a paint, a timer)
    is logged every time but asked about once.
    """
    global _open_dialog
    if isinstance(exc, CompanyDamagedError) and any(handle(exc) for handle in damage_handlers):
        return None
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
        box.setText(f"Something went wrong: {_short(exc)}")
        box.setInformativeText(
            "You can keep working. The details were written to the log file "
            f"{log_file()}; please pass it on to whoever supports OfficeMgr for you."
        )
        if details:
            box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.finished.connect(_forget_dialog)
    _open_dialog = box
    box.open()
    return box


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    first = text.splitlines()[0]
    return first if len(first) <= 200 else first[:199] + "…"


def _forget_dialog(*_args: Any) -> None:
    global _open_dialog
    _open_dialog = None
