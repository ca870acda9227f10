"""Render a report on a pool thread, from its own Company, with progress and cancel."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, Signal

from officemgr.core.outputs import checked_output, written_beside
from officemgr.reports import ReportCancelled


def render_report(
    company_path: str,
    key: str,
    options: Any,
    out_path: str,
    progress: Any = None,
    cancelled: Any = None,
    fmt: str = "pdf",
    first_pages: Any = None,
) -> str:
    """Runs on a worker thread: open the company file and render ``key`` beside
    ``out_path`` (a PDF, or with ``fmt`` "csv" or "xlsx" its rows), then move it there
    unless cancelled. Returns ``out_path``. A path that is company data (the company file,
    a backup) is refused before anything is written. ``first_pages(path)`` is given a PDF
    of a long report's first pages while the rest is laid out."""
    from officemgr import Company

    out = checked_output(out_path, what="the report")
    with written_beside(out, what="the report") as temp:
        with Company.open(company_path, create=False) as co:
            co.reports.render(
                key,
                temp,
                options,
                format=fmt,
                progress=progress,
                cancelled=cancelled,
                first_pages=first_pages,
            )
        if cancelled is not None and cancelled():
            raise ReportCancelled("The report was cancelled.")
    return str(out)


class ProgressRelay(QObject):
    """Lives in the GUI thread; ``report`` may be called from the worker (queued signal)."""

    progressed = Signal(int, int)
    first_pages_ready = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stop = threading.Event()

    def report(self, done: int, total: int) -> None:
        self.progressed.emit(int(done), int(total))

    def first_pages(self, path: Any) -> None:
        self.first_pages_ready.emit(str(path))

    def cancelled(self) -> bool:
        return self.stop.is_set()
