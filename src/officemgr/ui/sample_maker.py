"""The first run's sample company, made behind a progress dialog with Cancel.

Making it takes some seconds (tens on a slow computer); a window that shows nothing
meanwhile looks broken. The work runs on a thread of its own (no window exists yet, so
not the window's operations runner) and is told to stop by Cancel, after which nothing
of it is left on disk.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog

from officemgr import samples
from officemgr.ui.long_operation import time_left

__all__ = ["SampleCancelled", "make_sample_company"]

LABEL = "Making the sample company, with a few thousand customers to try things on…"


class SampleCancelled(Exception):
    """Cancel was pressed: the sample company was not made."""


class _Relay(QObject):
    moved = Signal(int, int)
    ended = Signal()


def make_sample_company() -> Path | None:
    """The sample company file, made first if missing (None: the user cancelled; an
    error of the making is raised here)."""
    path = samples.sample_company_path()
    if path.exists():
        return path
    dialog = QProgressDialog(LABEL, "Cancel", 0, 0)
    dialog.setObjectName("sampleProgressDialog")
    dialog.setWindowTitle("OfficeMgr")
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    stop = threading.Event()
    dialog.canceled.connect(stop.set)
    relay = _Relay()
    started = time.monotonic()

    def moved(done: int, total: int) -> None:
        if dialog.wasCanceled():  # Esc or closing it, as well as the button
            stop.set()
            return
        dialog.setMaximum(total)
        dialog.setValue(done)
        left = time_left(time.monotonic() - started, done, total)
        dialog.setLabelText(f"{LABEL}\n{left}" if left else LABEL)

    relay.moved.connect(moved)
    outcome: list[BaseException | Path] = []

    def progress(done: int, total: int) -> None:
        if stop.is_set():
            raise SampleCancelled
        relay.moved.emit(done, total)

    def work() -> None:
        try:
            outcome.append(samples.ensure_sample_company(progress))
        except BaseException as error:  # handed to the GUI thread below
            outcome.append(error)
        finally:
            relay.ended.emit()

    loop = QEventLoop()
    relay.ended.connect(loop.quit)
    worker = threading.Thread(target=work, name="sample-company", daemon=True)
    dialog.show()
    worker.start()
    loop.exec()
    worker.join()
    dialog.close()
    result = outcome[0]
    if isinstance(result, SampleCancelled):
        return None
    if isinstance(result, BaseException):
        raise result
    return result
