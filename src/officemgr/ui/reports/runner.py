"""Render a report on a pool thread, from its own Company, with progress and cancel."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from officemgr.reports import ReportCancelled, registry


def render_report(
    company_path: str,
    key: str,
    options: Any,
    out_path: str,
    progress: Any = None,
    cancelled: Any = None,
) -> str:
    """Runs on a worker thread: open the company file, render ``key`` to a temp file next to
    ``out_path``, then move it there unless cancelled. Returns ``out_path``."""
    from officemgr import Company

    out = Path(out_path)
    fd, tmp_name = tempfile.mkstemp(suffix=".pdf.part", dir=str(out.parent))
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with Company.open(company_path, create=False) as co:
            registry.get(key).render(co, options, tmp, progress=progress, cancelled=cancelled)
        if cancelled is not None and cancelled():
            raise ReportCancelled("The report was cancelled.")
        shutil.move(str(tmp), str(out))
    finally:
        tmp.unlink(missing_ok=True)
    return str(out)


class ProgressRelay(QObject):
    """Lives in the GUI thread; ``report`` may be called from the worker (queued signal)."""

    progressed = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stop = threading.Event()

    def report(self, done: int, total: int) -> None:
        self.progressed.emit(int(done), int(total))

    def cancelled(self) -> bool:
        return self.stop.is_set()
