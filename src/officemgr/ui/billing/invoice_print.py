"""Print Invoice…: the invoice PDF (the report template) is made off the GUI thread, from
the worker's own Company, then shown in the report preview window (print, save as PDF)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from officemgr.ui.background import TaskFailure, TaskRunner

if TYPE_CHECKING:
    from officemgr.ui.reports.preview import PdfPreviewWindow


def render_invoice(company_path: str, invoice_id: int, out_path: str) -> str:
    """Runs on a worker thread: write invoice ``invoice_id`` to ``out_path``."""
    from officemgr import Company

    with Company.open(company_path, create=False) as co:
        co.reports.invoice(invoice_id, out_path)
    return out_path


class InvoicePrinter(QObject):
    """Makes invoice PDFs and opens each in a preview window; ``shown`` gives the window."""

    shown = Signal(object)
    failed = Signal(str)

    def __init__(self, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        self.runner = TaskRunner(max_threads=1, parent=self)
        self._folder = tempfile.TemporaryDirectory(prefix="officemgr-invoice-")
        self.previews: list[PdfPreviewWindow] = []

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def show_invoice(self, company_path: str, invoice_id: int, number: int) -> None:
        out = str(Path(self._folder.name) / f"Invoice {number}.pdf")
        task = self.runner.start(render_invoice, company_path, invoice_id, out)
        task.finished.connect(lambda path: self._open(str(path), number))
        task.failed.connect(self._failed)

    def _open(self, path: str, number: int) -> None:
        # Qt's PDF and printing modules load with the first preview, not with the window.
        from officemgr.ui.reports.preview import PdfPreviewWindow

        window = PdfPreviewWindow(path, title=f"Invoice {number}", parent=self.parent_widget)
        self.previews = [w for w in self.previews if w.isVisible()] + [window]
        window.show()
        self.shown.emit(window)

    def _failed(self, failure: TaskFailure) -> None:
        QMessageBox.warning(self.parent_widget, "Print Invoice", str(failure))
        self.failed.emit(str(failure))

    def close(self) -> None:
        """Wait for a PDF in the making and remove the temp folder."""
        self.runner.wait()
        for window in self.previews:
            window.close()
        self._folder.cleanup()
