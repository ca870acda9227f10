"""Long work on the company file with a progress dialog: how far, time left, Cancel.

`run_long` runs ``work(progress, cancelled)`` on the window's one operations worker (so
it queues behind, and holds back, every other write of the window) while a window-modal
progress dialog shows how far it is and about how long is left. Cancel asks the work to
stop — it looks at ``cancelled()`` between batches and raises its own "cancelled" error,
having written nothing — and the dialog says "Cancelling…" until it has.

Unlike `Operations.run`, the event loop here takes user input: the dialog is modal, so
the only thing the user can reach is its Cancel button.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from officemgr.ui.operations import Operations, result_of

T = TypeVar("T")
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
LongWork = Callable[[Progress, Cancelled], T]

SHOW_AFTER_MS = 400  # quick work finishes before a dialog would flash


class _Relay(QObject):
    """Carries progress from the worker thread to the dialog (a queued signal)."""

    moved = Signal(int, int)


def time_left(elapsed: float, done: int, total: int) -> str:
    """ "About 2 minutes left" from the pace so far ("" until there is a pace to go by)."""
    if done <= 0 or total <= done or elapsed < 1.0:
        return ""
    seconds = elapsed / done * (total - done)
    if seconds < 60:
        return f"about {max(5, round(seconds / 5) * 5)} seconds left"
    minutes = round(seconds / 60)
    return f"about {minutes} minute{'' if minutes == 1 else 's'} left"


def run_long(
    ops: Operations,
    parent: QWidget,
    work: LongWork[T],
    *,
    title: str,
    label: str,
    initiator: object = None,
    read_only: bool = False,
) -> T:
    """``work(progress, cancelled)`` as one operation, behind a progress dialog; its
    result, or its error (the work's own "cancelled" error after Cancel) raised here.
    ``read_only`` work (an export) runs beside the window's writes, not behind them.
    A busy file asks Retry or Cancel (`BusyCancelled`)."""
    return ops.as_one_operation(
        parent,
        lambda: _once(
            ops,
            parent,
            work,
            title=title,
            label=label,
            initiator=initiator,
            read_only=read_only,
        ),
    )


def _once(
    ops: Operations,
    parent: QWidget,
    work: LongWork[T],
    *,
    title: str,
    label: str,
    initiator: object,
    read_only: bool,
) -> T:
    stop = threading.Event()
    relay = _Relay()
    dialog = _progress_dialog(parent, title, label)
    dialog.canceled.connect(lambda: _cancelling(dialog, stop))
    started = time.monotonic()
    relay.moved.connect(lambda done, total: _show(dialog, label, started, done, total))

    def long_work() -> T:
        return work(relay.moved.emit, stop.is_set)

    task = ops.start(long_work, initiator=initiator, read_only=read_only)

    def wait() -> None:
        # The dialog is modal: the user reaches its Cancel button and nothing else.
        if task.running:
            loop = QEventLoop()
            task.done.connect(loop.quit)
            loop.exec()
        dialog.hide()  # not autoClose: after Cancel it stays up until the work has stopped
        dialog.deleteLater()

    result: T = result_of(task, wait)
    return result


def _progress_dialog(parent: QWidget, title: str, label: str) -> QProgressDialog:
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setObjectName("longOperationProgress")
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    dialog.setValue(0)
    return dialog


def _show(dialog: QProgressDialog, label: str, started: float, done: int, total: int) -> None:
    if dialog.wasCanceled():
        return
    dialog.setMaximum(max(total, 1))
    dialog.setValue(min(done, max(total, 1)))
    left = time_left(time.monotonic() - started, done, total)
    counted = f"{done:,} of {total:,}" if total else ""
    dialog.setLabelText("\n".join(part for part in (label, counted, left) if part))


def _cancelling(dialog: QProgressDialog, stop: threading.Event) -> None:
    stop.set()
    # The dialog stays up until the work has stopped: nothing may happen meanwhile.
    dialog.setLabelText("Cancelling… nothing of this will be kept.")
    dialog.setCancelButton(None)
    dialog.show()
