"""Run as a script by `launch`: start a window, print a marker when its list has painted.

    python launch_child.py app FILE    the app as ``officemgr --db FILE`` starts (run_gui)
    python launch_child.py bare        a bare QMainWindow with an empty QTreeView (the floor)

The marker line is ``PAINTED <peak RSS in KiB>``; the process quits right after it.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTreeView

MARKER = "PAINTED"


class PaintWatch(QObject):
    """Watches every paint; once the list's viewport paints with rows, reports and quits."""

    def __init__(self, app: QApplication, want_rows: bool) -> None:
        super().__init__()
        self.app = app
        self.want_rows = want_rows
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
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"{MARKER} {peak_kib}", flush=True)
        for window in self.app.topLevelWidgets():
            window.close()
        self.app.quit()


def main(argv: list[str]) -> int:
    app = QApplication(sys.argv[:1])
    watch = PaintWatch(app, want_rows=argv[0] == "app")
    app.installEventFilter(watch)
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
