"""The window's one queue of work on its company file (Anki's CollectionOp, our way).

Every write — and every read that may take a while — runs through `Operations.run`: on
one worker thread, one at a time, never on the GUI thread. The caller still reads like a
plain call (``saved = ops.run(self, lambda: co.customers.update(...))``): while the work
runs, the window goes on painting and its timers keep time, but what the user clicks or
types waits in the queue (a second save must not start under the first; nothing typed is
lost). After a moment the status
bar says "Waiting for the company file…". When the file stays busy past SQLite's timeout
(another desk holding it), the user chooses Retry or Cancel; what was typed stays.

Writes run as their caller (``acting_for``): the core reports what each unit of work
changed to the window's `ChangeHub`, which tells every view but the one that made it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from officemgr.core.changes import acting_for
from officemgr.errors import CompanyBusyError
from officemgr.ui.background import Task, TaskFailure, TaskRunner
from officemgr.ui.busy import BusyCancelled, ask_retry, waiting

T = TypeVar("T")

# After this long the wait is shown (cursor, status bar): a quick save shows nothing.
SHOW_WAIT_MS = 300


class Operations(QObject):
    """One window's serial runner of operations on its company file.

    ``idle`` is emitted once the last operation under way has returned to its caller
    and control is back in the main event loop: what was put off (`after`) runs then.
    """

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = TaskRunner(max_threads=1, parent=self)
        # Long reads (an export, a report) have a worker of their own: SQLite lets them
        # run beside a write, and a dispatcher's save must not wait behind a long list.
        self.reads = TaskRunner(max_threads=1, parent=self)
        self.depth = 0  # operations under way (an operation may wait inside another)
        self._put_off: list[Callable[[], object]] = []

    @property
    def busy(self) -> bool:
        return self.depth > 0 or self.runner.busy

    def run(self, parent: QWidget, work: Callable[[], T], *, initiator: object = None) -> T:
        """``work()`` on the worker thread, as ``initiator``; its result, or its error
        raised here. A busy file asks Retry or Cancel (`BusyCancelled`)."""
        return self.as_one_operation(parent, lambda: self._once(parent, work, initiator))

    def as_one_operation(self, parent: QWidget, attempt: Callable[[], T]) -> T:
        """``attempt()`` (which starts work and waits for it) as one operation: counted
        in `busy`, tried again while the user chooses Retry on a busy file, and followed
        by what was put off (`after`) once no operation is left."""
        self.depth += 1
        try:
            while True:
                try:
                    return attempt()
                except CompanyBusyError as error:
                    if not ask_retry(parent, error):
                        raise BusyCancelled(f"{error}") from error
        finally:
            self.depth -= 1
            if self.depth == 0:
                self.became_idle_soon()

    def start(
        self, work: Callable[[], T], *, initiator: object = None, read_only: bool = False
    ) -> Task:
        """Queue ``work()`` on the worker (``read_only``: the long reads' worker), as
        ``initiator``; its Task, for callers that wait their own way (`run_long`)."""

        def as_initiator() -> T:
            with acting_for(initiator):
                return work()

        return (self.reads if read_only else self.runner).start(as_initiator)

    def became_idle_soon(self) -> None:
        """The last operation returned: what was put off runs once control is back in
        the main loop (not from here: the caller's own code after run() comes first)."""
        QTimer.singleShot(0, self, self._became_idle)  # dropped if the window has gone

    def after(self, callback: Callable[[], object]) -> None:
        """``callback()`` now, or — while an operation is under way — once none is.

        While an operation waits, timers and queued signals still run (the window keeps
        painting); work that would move what the waiting code relies on — reloading
        the list under a selection being changed — is put off with this.
        """
        if not self.busy:
            callback()
        elif callback not in self._put_off:
            self._put_off.append(callback)

    def _became_idle(self) -> None:
        if self.busy:
            return  # another operation started meanwhile: its end will come here again
        put_off, self._put_off = self._put_off, []
        for callback in put_off:
            callback()
        self.idle.emit()

    def _once(self, parent: QWidget, work: Callable[[], T], initiator: object) -> T:
        task = self.start(work, initiator=initiator)
        result: T = result_of(task, lambda: self._wait(parent, task))
        return result

    def _wait(self, parent: QWidget, task: Task) -> None:
        if not task.running:
            return
        loop = QEventLoop()
        task.done.connect(loop.quit)
        with waiting(parent, after_ms=SHOW_WAIT_MS):
            if task.running:
                # Clicks and keys wait in the queue (none is lost) until the work is done.
                loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)


def result_of(task: Task, wait: Callable[[], None]) -> Any:
    """What ``task`` returned once ``wait()`` (which waits for it its own way) is over;
    its error raised here."""
    outcome: dict[str, object] = {}
    task.finished.connect(lambda value: outcome.setdefault("result", value))
    task.failed.connect(lambda failure: outcome.setdefault("failure", failure))
    wait()
    failure = outcome.get("failure")
    if isinstance(failure, TaskFailure):
        raise failure.error
    return outcome["result"]


Runner = Callable[[Callable[[], T]], T]


def run_here(work: Callable[[], T]) -> T:
    """A `Runner` that just calls ``work`` (a dialog used on its own, in a test)."""
    return work()
