"""The window's operations runner: work off the GUI thread, one at a time, and what must
not run inside a waiting operation put off until it is done."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow

from officemgr.core.changes import Changes, current_initiator
from officemgr.errors import ValidationError
from officemgr.ui.changes import ChangeHub
from officemgr.ui.operations import Operations


@pytest.fixture
def window(qtbot: Any) -> Iterator[QMainWindow]:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    yield window


def test_work_runs_off_the_gui_thread_as_its_initiator(window: QMainWindow) -> None:
    ops = Operations(window)
    seen: dict[str, object] = {}

    def work() -> int:
        seen["thread"] = threading.get_ident()
        seen["initiator"] = current_initiator.get()
        return 42

    assert ops.run(window, work, initiator=window) == 42
    assert seen["thread"] != threading.get_ident()
    assert seen["initiator"] is window
    assert not ops.busy


def test_an_error_in_the_work_is_raised_to_the_caller(window: QMainWindow) -> None:
    ops = Operations(window)

    def work() -> None:
        raise ValidationError("Name is required.", field="name")

    with pytest.raises(ValidationError, match="Name is required") as raised:
        ops.run(window, work)
    assert raised.value.field == "name"
    assert not ops.busy


def test_operations_run_one_at_a_time(window: QMainWindow, qtbot: Any) -> None:
    """A second operation started while the first waits (from a timer) runs after it."""
    ops = Operations(window)
    order: list[str] = []

    def slow() -> None:
        order.append("slow starts")
        time.sleep(0.3)
        order.append("slow ends")

    def quick() -> None:
        order.append("quick")

    QTimer.singleShot(50, lambda: ops.run(window, quick))
    ops.run(window, slow)
    qtbot.waitUntil(lambda: "quick" in order)
    assert order == ["slow starts", "slow ends", "quick"]


def test_put_off_work_runs_once_when_no_operation_is_under_way(
    window: QMainWindow, qtbot: Any
) -> None:
    ops = Operations(window)
    calls: list[str] = []

    def refresh() -> None:
        calls.append("refresh" if not ops.busy else "refresh while busy")

    def work() -> None:
        time.sleep(0.2)

    QTimer.singleShot(20, lambda: ops.after(refresh))
    QTimer.singleShot(40, lambda: ops.after(refresh))  # the same again: once is enough
    ops.run(window, work)
    assert calls == []  # not yet: the caller's own code after run() comes first
    with qtbot.waitSignal(ops.idle):
        pass
    assert calls == ["refresh"]
    ops.after(refresh)  # idle: at once
    assert calls == ["refresh", "refresh"]


def test_the_hub_announces_what_a_write_changed_after_the_operation(
    window: QMainWindow, qtbot: Any
) -> None:
    ops = Operations(window)
    hub = ChangeHub(window)
    hub.deliver_through(ops.after)
    heard: list[tuple[Changes, bool]] = []
    hub.changed.connect(lambda changes, _who: heard.append((changes, ops.busy)))

    def write() -> None:
        hub._reported.emit(Changes(nodes=True), window)  # as Company.subscribe reports
        time.sleep(0.1)

    ops.run(window, write, initiator=window)
    qtbot.waitUntil(lambda: bool(heard))
    assert heard == [(Changes(nodes=True), False)]
