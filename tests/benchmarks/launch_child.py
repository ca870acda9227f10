"""Run as a script by `launch`: start a window, print a marker when its list has painted.

    python launch_child.py app FILE    the app as ``officemgr --db FILE`` starts (run_gui)
    python launch_child.py bare        a bare QMainWindow with an empty QTreeView (the floor)
    python launch_child.py calls FILE  the app, kept open to take calls (`handoff`)

The marker line is ``PAINTED <peak RSS in KiB>`` when the list's first page has painted,
then ``READY <peak RSS in KiB>`` once the window has the company file open (the app opens
it right after the first paint; the bare window is ready at once); the process quits
right after it — except with ``calls``, which goes on and prints ``RECORD <id>`` each
time caller ID has opened a record and the window has painted it.
"""

from __future__ import annotations

import logging
import resource
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTreeView

MARKER = "PAINTED"
READY = "READY"
RECORD = "RECORD"


class PaintWatch(QObject):
    """Watches every paint; once the list's viewport paints with rows, reports and quits."""

    def __init__(self, app: QApplication, want_rows: bool, *, stay: bool = False) -> None:
        super().__init__()
        self.app = app
        self.want_rows = want_rows
        self.stay = stay
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint and self._is_list(watched):
            self.done = True
            QTimer.singleShot(0, self._report)  # after this paint has finished
        return False

    def _is_list(self, watched: QObject) -> bool:
        view = watched.parent()
        if not isinstance(view, QTreeView) or watched is not view.viewport():
            return False
        window = view.window()
        if getattr(window, "tree_view", view) is not view:
            return False  # the quick filter's results, not the Customer:Job list
        model = view.model()
        return not self.want_rows or (model is not None and model.rowCount() > 0)

    def _report(self) -> None:
        print(f"{MARKER} {_peak_kib()}", flush=True)
        if not self.stay:
            self._when_ready()

    def _when_ready(self) -> None:
        if not all(getattr(w, "ready", True) for w in self.app.topLevelWidgets()):
            QTimer.singleShot(5, self._when_ready)
            return
        print(f"{READY} {_peak_kib()}", flush=True)
        for window in self.app.topLevelWidgets():
            window.close()
        self.app.quit()


def _peak_kib() -> int:
    """This process's peak memory. VmHWM where there is one: Linux carries ru_maxrss over
    exec, so a child started by a big bench process would count the bench's memory."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # counts this process only


class RecordWatch(logging.Handler):
    """Caller ID logs each record it opens: once the window has painted it, say so."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(logging.INFO)
        self.app = app

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("Caller ID opened record"):
            node_id = record.args[0] if isinstance(record.args, tuple) else "?"
            QTimer.singleShot(0, lambda: self._painted(node_id))

    def _painted(self, node_id: object) -> None:
        for window in self.app.topLevelWidgets():
            if window.isVisible():
                window.repaint()  # at once, not when the event loop gets to it
        print(f"{RECORD} {node_id}", flush=True)


def main(argv: list[str]) -> int:
    app = QApplication(sys.argv[:1])
    watch = PaintWatch(app, want_rows=argv[0] in ("app", "calls"), stay=argv[0] == "calls")
    app.installEventFilter(watch)
    if argv[0] == "calls":
        from officemgr.app import run_gui

        logging.getLogger("officemgr").addHandler(RecordWatch(app))
        return run_gui(db=Path(argv[1]))
    if argv[0] == "app":
        from officemgr.app import run_gui

        return run_gui(db=Path(argv[1]))  # finds this QApplication as its own
    window = QMainWindow()
    window.setCentralWidget(QTreeView(window))
    window.resize(1000, 700)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
