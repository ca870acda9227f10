"""The report preview: the PDF in a QPdfView, with page navigation, zoom, Print and Save.

A long report's preview opens on its first pages while the rest is laid out: the window
shows how far the report has got, with a Cancel, and takes the whole PDF when it is made,
staying on the page the reader was looking at.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QToolBar,
    QWidget,
)

from officemgr.core.outputs import copy_out
from officemgr.errors import OfficeMgrError

MAX_DPI = 300  # pages are rendered for the printer at most this fine
ZOOM_STEP = 1.25


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint every page of ``document`` onto ``printer``, each scaled to fit its page.

    Returns the number of pages printed.
    """
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("The printer could not be started.")
    try:
        count = document.pageCount()
        dpi = min(printer.resolution(), MAX_DPI)
        for page in range(count):
            if page:
                printer.newPage()
            target = painter.viewport()
            points = document.pagePointSize(page)
            pixels = QSize(
                max(1, round(points.width() / 72 * dpi)), max(1, round(points.height() / 72 * dpi))
            )
            image = document.render(page, pixels)
            scaled = pixels.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            rect = QRect(target.topLeft(), scaled)
            rect.moveCenter(target.center())
            painter.drawImage(rect, image)
        return count
    finally:
        painter.end()


def print_pdf_file(path: str, parent: QWidget | None, printer: QPrinter | None = None) -> bool:
    """Print the PDF at ``path``: on ``printer``, or on one the system print dialog gives."""
    document = QPdfDocument()
    try:
        document.load(path)
        if document.status() != QPdfDocument.Status.Ready:
            QMessageBox.warning(parent, "Print", f"The report {path} could not be read.")
            return False
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, parent)
            dialog.setMinMax(1, document.pageCount())
            if dialog.exec() != QPrintDialog.DialogCode.Accepted:
                return False
        print_pdf(document, printer)
        return True
    finally:
        document.close()
        document.deleteLater()


class PdfPreviewWindow(QMainWindow):
    """A rendered report on screen; closing it leaves the file alone.

    With ``complete`` False it shows the first pages of a report still being made: Print
    and Save wait for `finish`, and Cancel (or closing the window) emits
    ``cancel_requested``."""

    cancel_requested = Signal()

    def __init__(
        self,
        path: str | Path,
        *,
        title: str = "Preview",
        parent: QWidget | None = None,
        complete: bool = True,
    ):
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.setObjectName("pdfPreviewWindow")
        self.path = str(path)
        self.title = title
        self.complete = complete
        self.setWindowTitle(f"{title} — Preview")
        self.document = QPdfDocument(self)
        self.document.load(self.path)
        self.view = self._pdf_view()
        self.setCentralWidget(self.view)

        bar = QToolBar("Preview", self)
        bar.setObjectName("previewToolBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        self.print_action = self._action(
            bar, "&Print…", QKeySequence.StandardKey.Print, self._print
        )
        self.save_action = self._action(
            bar, "&Save as PDF…", QKeySequence.StandardKey.Save, self._save
        )
        bar.addSeparator()
        self.previous_action = self._action(
            bar, "◀ Previous", QKeySequence.StandardKey.MoveToPreviousPage, self.previous_page
        )
        self.page_label = QLabel()
        self.page_label.setObjectName("pageLabel")
        self.page_label.setContentsMargins(8, 0, 8, 0)
        bar.addWidget(self.page_label)
        self.next_action = self._action(
            bar, "Next ▶", QKeySequence.StandardKey.MoveToNextPage, self.next_page
        )
        bar.addSeparator()
        self.zoom_out_action = self._action(
            bar, "Zoom &out", QKeySequence.StandardKey.ZoomOut, self.zoom_out
        )
        self.zoom_in_action = self._action(
            bar, "Zoom &in", QKeySequence.StandardKey.ZoomIn, self.zoom_in
        )
        self.fit_width_action = self._action(bar, "Fit &width", None, self.fit_width)
        self._add_making_controls(bar)
        self._show_making(not complete)

        self.view.pageNavigator().currentPageChanged.connect(self._update_page)
        self._update_page()
        self.resize(900, 1000)

    def _pdf_view(self) -> QPdfView:
        view = QPdfView(self)
        view.setObjectName("pdfView")
        view.setDocument(self.document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        return view

    def _add_making_controls(self, bar: QToolBar) -> None:
        """While the report is being made: how far it has got, and a way to stop it."""
        self.making_separator = bar.addSeparator()
        self.making_label = QLabel("Laying out the rest…")
        self.making_label.setContentsMargins(8, 0, 4, 0)
        self.making_label_action = bar.addWidget(self.making_label)
        self.making_bar = QProgressBar()
        self.making_bar.setObjectName("previewProgress")
        self.making_bar.setRange(0, 0)
        self.making_bar.setMaximumWidth(160)
        self.making_bar_action = bar.addWidget(self.making_bar)
        self.cancel_action = self._action(bar, "&Cancel", None, self.cancel_requested.emit)

    def _show_making(self, making: bool) -> None:
        for action in (
            self.making_separator,
            self.making_label_action,
            self.making_bar_action,
            self.cancel_action,
        ):
            action.setVisible(making)
        for action in (self.print_action, self.save_action):
            action.setEnabled(not making)
            action.setToolTip("" if not making else "Once the whole report is made")
        state = "making the rest" if making else ""
        self.setWindowTitle(f"{self.title} — Preview" + (f" ({state}…)" if state else ""))
        self._update_page()

    def show_progress(self, done: int, total: int) -> None:
        """How far the report being made has got (``done`` of ``total`` steps)."""
        if total > 0:
            self.making_bar.setRange(0, total)
            self.making_bar.setValue(min(done, total))

    def finish(self, path: str | Path) -> None:
        """Show the whole report at ``path`` in place of its first pages, on the page the
        reader was looking at."""
        page = self.current_page
        self.path = str(path)
        self.document.load(self.path)
        self.complete = True
        self._show_making(False)
        self.go_to_page(page)

    def _action(self, bar: QToolBar, text: str, keys: object, slot: object) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(keys)  # type: ignore[call-overload]
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        bar.addAction(action)
        return action

    # -- pages ---------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    @property
    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        page = max(0, min(page, self.page_count - 1))
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())
        self._update_page()

    def next_page(self) -> None:
        self.go_to_page(self.current_page + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page - 1)

    def _update_page(self) -> None:
        count = self.page_count
        page = self.current_page
        so_far = "" if self.complete else " so far"
        self.page_label.setText(f"Page {page + 1} of {count}{so_far}" if count else "No pages")
        self.previous_action.setEnabled(page > 0)
        self.next_action.setEnabled(page < count - 1)

    # -- zoom ----------------------------------------------------------------------------

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, min(factor, 8.0)))

    def zoom_in(self) -> None:
        self._set_zoom(self.view.zoomFactor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.view.zoomFactor() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    # -- output --------------------------------------------------------------------------

    def _print(self) -> None:
        self.print_report()

    def _save(self) -> None:
        self.save_pdf()

    def print_report(self, printer: QPrinter | None = None) -> bool:
        """Print every page (on ``printer``; the system print dialog when None)."""
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, self)
            dialog.setMinMax(1, max(1, self.page_count))
            if dialog.exec() != QPrintDialog.DialogCode.Accepted:
                return False
        print_pdf(self.document, printer)
        return True

    def save_pdf(self, path: str | Path | None = None) -> str | None:
        """Copy the PDF to ``path`` (asked with a file dialog when None); the path or None."""
        if path is None:
            start = str(Path.home() / f"{self.title}.pdf")
            chosen, _ = QFileDialog.getSaveFileName(self, "Save as PDF", start, "PDF (*.pdf)")
            if not chosen:
                return None
            path = chosen
        try:
            saved = copy_out(Path(self.path), path, what="the PDF")
        except OfficeMgrError as error:  # company data, a full disk, a read-only place
            QMessageBox.warning(self, "Save as PDF", str(error))
            return None
        return str(saved)

    def closeEvent(self, event: object) -> None:
        if not self.complete:  # closed while the rest was being made: stop making it
            self.complete = True
            self.cancel_requested.emit()
        self.view.setDocument(None)  # type: ignore[arg-type]
        self.document.close()
        super().closeEvent(event)  # type: ignore[arg-type]
