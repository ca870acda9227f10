"""Nothing cut off on a 1024×700 laptop or at 1366×800: every tab of the form (a customer
and a job), every Settings page, the toolbar.

A widget is *cut* when it is smaller than its minimum size hint, when it lies partly
outside the area that shows it (its tab, or a scroll area's viewport on the right: a
tab may scroll down, never sideways), or when a list's column lies beyond its view.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QToolBar,
    QToolButton,
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


def _settle() -> None:
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


@pytest.fixture
def customer_with_a_job(company: Any) -> tuple[int, int]:
    co = company
    customer = co.customers.add(
        name="Bell-Featherstonehaugh, Shirley",
        phone="(555) 849-1119 x1234",
        email="shirley.featherstonehaugh@riverside-estates.example.com",
        bill_to={"line1": "1234 Riverside Estates Blvd", "city": "Dayton", "region": "OH",
                 "postal_code": "45402-1234"},
    ).id  # fmt: skip
    job = co.jobs.add(parent=customer, name="Furnace replacement").id
    co.invoices.add(
        node=job, lines=[{"description": "Service call", "rate": "150.00", "is_taxable": False}]
    )
    co.contact_log.add(owner=customer, kind="Call In", subject="Asked about the warranty")
    co.popups.add(
        owner=customer, text="Gate code 1234 — dog in the yard", on_open=False, on_billing=True
    )
    co.customers.place_credit_hold(customer, reason="Owes 90 days", by="Dana")
    return customer, job


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_no_tab_of_a_customer_or_a_job_is_cut(
    make_window: Any, customer_with_a_job: tuple[int, int], width: int, height: int
) -> None:
    window = make_window()
    window.resize(width, height)
    found: list[str] = []
    for node in customer_with_a_job:
        assert window.open_node(node)
        tabs = window.form.tabs
        for index in range(tabs.count()):
            if not tabs.isTabVisible(index):
                continue
            tabs.setCurrentIndex(index)
            _settle()
            where = f"{width}×{height} {tabs.tabText(index)}"
            found += cut_widgets(tabs.currentWidget(), where)
    assert found == []


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_toolbar_button_shows_without_the_overflow_menu(
    make_window: Any, width: int, height: int
) -> None:
    window = make_window()
    window.resize(width, height)
    _settle()
    for bar in window.findChildren(QToolBar):
        hidden = [
            button
            for button in bar.findChildren(QToolButton)
            if button.objectName() == "qt_toolbar_ext_button" and button.isVisible()
        ]
        assert hidden == [], f"{bar.objectName()} overflows at {width}×{height}"


def test_no_settings_page_is_cut_at_1024_by_700(make_dialog: Any) -> None:
    dialog = make_dialog()
    window = dialog.window()
    window.resize(min(window.width(), 1000), min(window.height(), 660))
    found: list[str] = []
    for page in dialog.pages:
        dialog.show_page(page.name)
        _settle()
        found += cut_widgets(dialog.stack.currentWidget(), f"Settings › {page.title}")
    assert found == []


def _dialogs(window: Any) -> list[tuple[str, Any, type[QWidget]]]:
    from officemgr.ui.billing.invoice_dialog import InvoiceDialog
    from officemgr.ui.billing.payment_dialog import PaymentDialog
    from officemgr.ui.customers.log_entry_dialog import LogEntryDialog
    from officemgr.ui.export_dialog import ExportDialog

    actions = window.customer_actions
    return [
        ("New Invoice", actions.new_invoice_action, InvoiceDialog),
        ("Receive Payment", actions.receive_payment_action, PaymentDialog),
        ("New Log Entry", window.form.add_log_entry_action, LogEntryDialog),
        ("Place on Credit Hold", actions.place_hold_action, QDialog),  # CreditHoldDialog's
        ("Export", window.file_actions.export_action, ExportDialog),
    ]


def test_no_dialog_is_cut_or_bigger_than_a_1024_by_700_screen(
    make_window: Any, company: Any, open_by_action: Any
) -> None:
    plain = company.customers.add(name="Plain, Pat", phone="(555) 201-3344").id
    window = make_window()
    window.resize(1024, 700)
    assert window.open_node(plain)
    _settle()
    found: list[str] = []
    for title, action, kind in _dialogs(window):

        def look(dialog: Any, title: str = title) -> None:
            _settle()
            if dialog.width() > 1024 or dialog.height() > 700:
                found.append(f"{title} is {dialog.width()}×{dialog.height()}")
            found.extend(cut_widgets(dialog, title))
            dialog.reject()

        open_by_action(action, kind, look)
    assert found == []


def test_report_options_and_find_duplicates_fit_1024_by_700(
    make_window: Any, company: Any, open_by_action: Any
) -> None:
    from officemgr.ui.customers.merge_dialog import FindDuplicatesDialog
    from officemgr.ui.reports.options_dialog import ReportOptionsDialog

    company.customers.add(name="Smith, John", phone="(555) 201-3344")
    company.customers.add(name="Smith, J.", phone="555 201 3344")
    window = make_window()
    window.resize(1024, 700)
    found: list[str] = []
    for key, action in window.report_actions.items():
        action.trigger()
        _settle()
        for dialog in QApplication.topLevelWidgets():
            if isinstance(dialog, ReportOptionsDialog) and dialog.isVisible():
                if dialog.width() > 1024 or dialog.height() > 700:
                    found.append(f"{key} options are {dialog.width()}×{dialog.height()}")
                found.extend(cut_widgets(dialog, f"{key} options"))
                dialog.close()

    def look(dialog: Any) -> None:
        _settle()
        if dialog.width() > 1024 or dialog.height() > 700:
            found.append(f"Find Duplicates is {dialog.width()}×{dialog.height()}")
        found.extend(cut_widgets(dialog, "Find Duplicates"))
        dialog.reject()

    open_by_action(window.merge_actions.find_duplicates_action, FindDuplicatesDialog, look)
    assert found == []
