"""What "cut off" means, checked on a 1024×700 laptop and at 1366×800.

A widget is *cut* when it is smaller than its minimum size hint, when it lies partly
outside the area that shows it (its tab or dialog, or a scroll area's viewport on the
right: a page may scroll down, never sideways), or when a list's column lies beyond its
view. A dialog also must not be bigger than the small screen.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTabBar,
    QTableView,
    QTextEdit,
    QTreeView,
    QWidget,
)

SIZES = [(1024, 700), (1366, 800)]
CHECKED = (QLabel, QLineEdit, QComboBox, QAbstractButton, QPlainTextEdit, QTextEdit)


def _scroll_area_of(widget: QWidget, top: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _is_part_of_another(widget: QWidget) -> bool:
    """A combo box's or spin box's own line edit, a header: checked as their whole."""
    parent = widget.parentWidget()
    return isinstance(parent, (QComboBox, QAbstractSpinBox)) or widget.objectName().startswith(
        "qt_"
    )


def cut_widgets(top: QWidget, where: str) -> list[str]:
    found = []
    for area in top.findChildren(QScrollArea):
        if area.isVisible() and area.horizontalScrollBar().isVisible():
            found.append(f"{where}: scrolls sideways")
    for widget in top.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, CHECKED):
            continue
        if _is_part_of_another(widget):
            continue
        hint = widget.minimumSizeHint()
        if isinstance(widget, QLabel) and widget.wordWrap():
            hint.setWidth(0)
        name = f"{type(widget).__name__} {widget.objectName() or widget.__class__.__name__}"
        if widget.width() + 1 < hint.width() or widget.height() + 1 < hint.height():
            found.append(f"{where}: {name} is {widget.width()}×{widget.height()}, needs {hint}")
        if isinstance(widget, QLineEdit) and widget.text() and not widget.isReadOnly():
            # A field shows at least the first 24 characters of what it holds (a phone
            # number whole, most names, the start of an email), not a few of them.
            start = widget.fontMetrics().horizontalAdvance(widget.text()[:24])
            if widget.width() - 10 < start:
                found.append(f"{where}: {name} shows too little of {widget.text()!r}")
        area = _scroll_area_of(widget, top)
        clip = area.viewport() if area is not None else top
        rect = QRect(widget.mapTo(clip, QPoint(0, 0)), widget.size())
        if rect.right() > clip.width() + 1 or (area is None and not clip.rect().contains(rect)):
            found.append(f"{where}: {name} is cut at {rect} by {clip.rect()}")
    for bar in top.findChildren(QTabBar):
        if bar.isVisible() and bar.sizeHint().width() > bar.width() + 1:
            found.append(f"{where}: the tabs of {bar.parentWidget().objectName()} scroll")
    for view in top.findChildren(QTreeView):
        header: QHeaderView = view.header()
        if not view.isVisible() or not header.isVisible():
            continue
        for section in range(header.count()):
            end = header.sectionViewportPosition(section) + header.sectionSize(section)
            if not header.isSectionHidden(section) and end > header.viewport().width() + 1:
                title = header.model().headerData(section, header.orientation())
                found.append(f"{where}: column {title!r} of {view.objectName()} is cut")
    return found


def settle() -> None:
    for _ in range(5):  # layouts that follow a resize do so on the next turn
        QApplication.processEvents()


@pytest.fixture(autouse=True)
def desktop_font(qapp: QApplication) -> Iterator[None]:
    """The font of a desktop (DejaVu Sans 10 pt, as under X11): the offscreen platform's
    own is narrower, and a field cut on a real screen would pass here."""
    before = QApplication.font()
    QApplication.setFont(QFont("DejaVu Sans", 10))
    yield
    QApplication.setFont(before)


def dialog_problems(dialog: QWidget, title: str) -> list[str]:
    """``dialog`` shown: what is cut in it, and whether it is bigger than 1024×700."""
    settle()
    found = cut_widgets(dialog, title)
    if dialog.width() > 1024 or dialog.height() > 700:
        found.append(f"{title} is {dialog.width()}×{dialog.height()}")
    return found


def cut_cells(view: QTableView, where: str, *, short: int = 24) -> list[str]:
    """Cells whose text does not fit its column, outside the column that stretches (the
    one that takes what room is left, and may elide a long subject). A value longer than
    ``short`` characters may be elided if its tooltip has it whole."""
    header = view.horizontalHeader()
    model = view.model()
    metrics = view.fontMetrics()
    # What an item view leaves each side of a cell's text (QCommonStyle: the frame margin + 1).
    padding = 2 * (view.style().pixelMetric(view.style().PixelMetric.PM_FocusFrameHMargin) + 1)
    found = []
    for column in range(model.columnCount()):
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
            continue
        if header.isSectionHidden(column):
            continue
        title = model.headerData(column, Qt.Orientation.Horizontal)
        for row in range(model.rowCount()):
            text = model.index(row, column).data()
            if not isinstance(text, str) or not text:
                continue
            if metrics.horizontalAdvance(text) + padding <= header.sectionSize(column):
                continue
            tip = model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
            if len(text) > short and isinstance(tip, str) and text in tip:
                continue
            found.append(f"{where}: {title!r} cuts {text!r}")
    return found
