"""A column's width, dragged or fitted by its user, is kept at this desk: the next window
(the next run) shows the list with it; columns nobody touched keep their defaults."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QHeaderView, QTableView

from officemgr.ui.column_widths import KEY, fit_within, keep_column_widths
from officemgr.ui.preferences import settings_store


def _drag_edge(header: QHeaderView, section: int, by: int) -> None:
    """Drag the right edge of ``section`` by ``by`` pixels, as a mouse does."""
    edge = header.sectionViewportPosition(section) + header.sectionSize(section) - 1
    y = header.height() // 2
    viewport = header.viewport()
    QTest.mousePress(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(edge, y)
    )
    for step in range(1, 5):
        QTest.mouseMove(viewport, QPoint(edge + by * step // 4, y))
    QTest.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(edge + by, y)
    )


def _log_view(window: Any) -> QTableView:
    view = window.form.findChild(QTableView, "contactLogView")
    assert view is not None
    return view


def _column(view: QTableView, title: str) -> int:
    model = view.model()
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return titles.index(title)


def test_a_dragged_column_width_comes_back_in_the_next_window(
    make_window: Any, company: Any
) -> None:
    customer = company.customers.add(name="Plain, Pat").id
    window = make_window()
    window.resize(1366, 800)
    assert window.open_node(customer)
    window.form.tabs.setCurrentWidget(window.form.contact_log_tab)
    view = _log_view(window)
    subject = _column(view, "Contact")
    untouched = _column(view, "Kind")
    header = view.horizontalHeader()
    before, default_type = header.sectionSize(subject), header.sectionSize(untouched)
    _drag_edge(header, subject, 60)
    assert header.sectionSize(subject) == before + 60
    window.close()

    again = make_window()
    again.resize(1366, 800)
    assert again.open_node(customer)
    again.form.tabs.setCurrentWidget(again.form.contact_log_tab)
    header = _log_view(again).horizontalHeader()
    assert header.sectionSize(subject) == before + 60
    assert header.sectionSize(untouched) == default_type


def test_widths_the_list_sets_itself_are_not_kept(make_window: Any, company: Any) -> None:
    """A stretched column follows the window; a resize by code is the default, not a choice."""
    window = make_window()
    window.resize(1024, 700)
    view = _log_view(window)
    view.setColumnWidth(_column(view, "Kind"), 300)  # by code: not the user's
    window.resize(1366, 800)  # the stretched Subject grows with the window
    window.close()
    assert settings_store().value(KEY.format(name="contactLogView")) is None


def test_a_double_clicked_edge_keeps_the_fitted_width(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    view = _log_view(window)
    header = view.horizontalHeader()
    employee = _column(view, "Employee")
    view.setColumnWidth(employee, 300)
    edge = header.sectionViewportPosition(employee) + header.sectionSize(employee) - 1
    QTest.mouseDClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, 5))
    fitted = header.sectionSize(employee)
    assert fitted < 300
    qtbot.waitUntil(lambda: settings_store().value(KEY.format(name="contactLogView")) is not None)
    again = make_window()
    assert _log_view(again).horizontalHeader().sectionSize(employee) == fitted


def test_a_damaged_entry_gives_the_defaults(make_window: Any) -> None:
    default = _log_view(make_window()).horizontalHeader().sectionSize(0)
    store = settings_store()
    store.setValue(KEY.format(name="contactLogView"), "{not json")
    store.sync()
    assert _log_view(make_window()).horizontalHeader().sectionSize(0) == default
    store.setValue(KEY.format(name="contactLogView"), '{"Date/Time": "wide", "Kind": 3}')
    assert _log_view(make_window()).horizontalHeader().sectionSize(0) == default


def test_a_view_without_a_name_is_refused(qtbot: Any) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    with pytest.raises(ValueError, match="object name"):  # nameless views would share a key
        keep_column_widths(view)


def test_the_invoice_grid_keeps_its_widths(
    make_window: Any, company: Any, open_by_action: Any
) -> None:
    from officemgr.ui.billing.invoice_dialog import InvoiceDialog

    customer = company.customers.add(name="Plain, Pat").id
    window = make_window()
    assert window.open_node(customer)
    widths: list[int] = []

    def widen_rate(dialog: Any) -> None:
        header = dialog.view.horizontalHeader()
        rate = _column(dialog.view, "Rate")
        _drag_edge(header, rate, 40)
        widths.append(header.sectionSize(rate))
        dialog.reject()

    def look(dialog: Any) -> None:
        widths.append(dialog.view.horizontalHeader().sectionSize(_column(dialog.view, "Rate")))
        dialog.reject()

    open_by_action(window.customer_actions.new_invoice_action, InvoiceDialog, widen_rate)
    open_by_action(window.customer_actions.new_invoice_action, InvoiceDialog, look)
    assert widths[0] == widths[1] == 95 + 40


@given(
    wanted=st.dictionaries(st.integers(0, 9), st.integers(20, 600), min_size=1),
    room=st.integers(0, 2000),
)
def test_fitted_widths_share_the_room_the_widest_giving_way(
    wanted: dict[int, int], room: int
) -> None:
    least = 20
    got = fit_within(wanted, room, least)
    assert got.keys() == wanted.keys()
    assert all(least <= got[c] <= wanted[c] for c in wanted)
    if sum(wanted.values()) <= room:
        assert got == wanted
    elif room >= least * len(wanted):
        assert sum(got.values()) <= room
        cut = [c for c in wanted if got[c] < wanted[c]]
        # Only the widest are cut, all to one width, and no kept column is wider than it.
        assert len({got[c] for c in cut}) == 1
        assert all(wanted[c] <= got[cut[0]] for c in wanted if c not in cut)
