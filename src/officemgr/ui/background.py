"""Work off the GUI thread: a function runs on a pool thread, its outcome comes back by signal.

    task = runner.start(make_backup, path, to_dir=folder)
    task.finished.connect(on_done)       # the function's return value
    task.failed.connect(on_failure)      # a TaskFailure: the exception and its traceback

Each task ends with exactly one ``finished`` or ``failed``; the worker catches every
exception itself (one escaping a pool thread would be lost). Workers never touch widgets:
the signals are queued to the GUI thread, where the slots run. What a task uses must be
its own (a file path it opens itself, or the Company facade, which opens a session per
call): nothing the GUI holds open is handed to a worker.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TaskFailure:
    """What went wrong in a task: the exception and its formatted traceback."""

    error: BaseException
    details: str

    def __str__(self) -> str:
        return str(self.error)


class Task(QObject):
    """One piece of work on a pool thread. Connect to its signals before it is started."""

    finished = Signal(object)
    failed = Signal(object)
    done = Signal()  # after finished or failed, whichever came
    # From the worker to this object's (the GUI) thread: the public signals are emitted
    # there, so every slot -- lambdas included -- runs on the GUI thread.
    _outcome = Signal(bool, object)

    def __init__(
        self, func: Callable[..., Any], *args: Any, parent: QObject | None = None, **kwargs: Any
    ) -> None:
        super().__init__(parent)
        self.func = func
        self.args = args
        self.kwargs = kwargs
        self.running = False
        self._outcome.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def run(self) -> None:
        """Runs on the worker thread: call the function, report how it went."""
        try:
            result = self.func(*self.args, **self.kwargs)
        except BaseException as error:  # every one: nothing may escape a pool thread
            details = "".join(traceback.format_exception(error))
            self._outcome.emit(False, TaskFailure(error, details))
        else:
            self._outcome.emit(True, result)

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        self.running = False
        try:
            (self.finished if ok else self.failed).emit(value)
        finally:
            self.done.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        self.task.run()


class TaskRunner(QObject):
    """A pool of worker threads for one window; keeps its tasks alive until they end."""

    def __init__(self, *, max_threads: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._tasks: set[Task] = set()

    def start(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
        """Queue ``func(*args, **kwargs)``; returns its Task (signals connected by the caller
        before control returns to the event loop arrive, since they are queued)."""
        task = Task(func, *args, parent=self, **kwargs)
        task.running = True
        self._tasks.add(task)
        task.done.connect(self._forget)
        self.pool.start(_Runnable(task))
        return task

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def wait(self, msecs: int = -1) -> bool:
        """Block until the running tasks are done (their signals are still queued)."""
        return self.pool.waitForDone(msecs)

    @Slot()
    def _forget(self) -> None:
        task = self.sender()
        if isinstance(task, Task):
            self._tasks.discard(task)
            task.deleteLater()
