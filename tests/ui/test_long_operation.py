"""Long work behind a progress dialog: it says how far and how long is left, the window
keeps painting, and Cancel stops the work."""

from __future__ import annotations

import itertools
import time
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from officemgr.ui.long_operation import run_long, time_left
from officemgr.ui.operations import Operations


class Stopped(Exception):
    pass


def test_time_left_reads_like_a_person_would_say_it() -> None:
    assert time_left(0.5, 10, 100) == ""  # too early to tell
    assert time_left(10.0, 50, 100) == "about 10 seconds left"
    assert time_left(60.0, 10, 100) == "about 9 minutes left"
    assert time_left(30.0, 30, 31) == "about 5 seconds left"
    assert time_left(5.0, 100, 100) == ""


def test_cancel_stops_the_work_and_its_error_comes_back(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    ops = Operations(parent)
    ticks: list[float] = []
    timer = QTimer(parent)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(50)
    labels: list[str] = []

    def press_cancel() -> None:
        dialog = parent.findChild(QProgressDialog, "longOperationProgress")
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, press_cancel)
            return
        labels.append(dialog.labelText())
        (cancel,) = dialog.findChildren(QPushButton)
        cancel.click()  # as the user does

    def work(progress: Any, cancelled: Any) -> int:
        for step in range(400):
            if cancelled():
                raise Stopped("stopped at the user's word")
            progress(step, 400)
            time.sleep(0.01)
        return 400

    QTimer.singleShot(100, press_cancel)
    started = time.monotonic()
    with pytest.raises(Stopped):
        run_long(ops, parent, work, title="Import", label="Importing…")
    assert time.monotonic() - started < 3.5  # stopped well before the 4 s of work
    assert labels and labels[0].startswith("Importing…")
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert gaps and max(gaps) < 0.3  # the window kept its timers (and painting) going
    assert ops.depth == 0


def test_the_result_comes_back_when_nobody_cancels(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    ops = Operations(parent)
    assert run_long(ops, parent, lambda _p, _c: 42, title="T", label="L") == 42
    assert ops.depth == 0
