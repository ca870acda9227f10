"""The button, check box or tool button with the keyboard focus is ringed clearly along its
edge, in the highlight colour, as the window shows it (``run_gui`` turns the rings on);
unfocused, it looks as before."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from officemgr.ui.customers.form import CustomerJobForm
from officemgr.ui.customers.log_entry_dialog import LogEntryDialog
from officemgr.ui.focus_ring import hide_focus_rings, show_focus_rings

TAB = Qt.Key.Key_Tab


@pytest.fixture
def rings(qapp: QApplication) -> Iterator[None]:
    """The rings on, as ``run_gui`` turns them on; off again after the test."""
    show_focus_rings(qapp)
    yield
    hide_focus_rings()


def edge(widget: QWidget) -> tuple[QImage, list[QPoint]]:
    """The window as shown, and the points of the 2-pixel band along ``widget``'s edge."""
    window = widget.window()
    QApplication.processEvents()
    image = window.grab().toImage()
    outer = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    inner = outer.adjusted(2, 2, -2, -2)
    points = [
        QPoint(x, y)
        for x in range(outer.left(), outer.right() + 1)
        for y in range(outer.top(), outer.bottom() + 1)
        if not inner.contains(x, y)
    ]
    return image, points


def ringed(widget: QWidget) -> float:
    """How much of the band along ``widget``'s edge is in the highlight colour (0 to 1)."""
    image, points = edge(widget)
    highlight = widget.palette().color(QPalette.ColorRole.Highlight)

    def near(colour: QColor) -> bool:
        return all(
            abs(a - b) <= 20
            for a, b in zip(colour.getRgb()[:3], highlight.getRgb()[:3], strict=True)
        )

    return sum(near(image.pixelColor(point)) for point in points) / len(points)


def test_tab_to_a_check_box_and_a_button_rings_each_in_turn(
    form: CustomerJobForm, company: Any, ui: Any, answer_modal: Any, rings: None
) -> None:
    customer = company.customers.add(name="Smith, John").id
    form.load(customer)
    seen: dict[str, float] = {}

    def tab_through(dialog: LogEntryDialog) -> None:
        check = dialog.follow_check
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        seen["check before"] = ringed(check)
        seen["save before"] = ringed(save)
        dialog.details_edit.setFocus()
        ui.qtbot.waitUntil(dialog.details_edit.hasFocus)
        ui.qtbot.keyClick(dialog.details_edit, TAB)  # the details pass Tab on
        ui.qtbot.waitUntil(check.hasFocus)
        seen["check focused"] = ringed(check)
        ui.qtbot.keyClick(check, TAB)  # past the date (off until checked) to Employee
        ui.qtbot.keyClick(dialog.employee_edit, TAB)
        ui.qtbot.waitUntil(save.hasFocus)
        seen["check after"] = ringed(check)
        seen["save focused"] = ringed(save)
        ui.qtbot.keyClick(save, TAB)
        ui.qtbot.waitUntil(cancel.hasFocus)
        seen["save after"] = ringed(save)
        seen["cancel focused"] = ringed(cancel)
        ui.qtbot.keyClick(cancel, Qt.Key.Key_Escape)

    answer_modal(LogEntryDialog, tab_through)
    form.add_log_entry_action.trigger()
    assert {name: share >= 0.8 for name, share in seen.items()} == {
        "check before": False,
        "save before": False,
        "check focused": True,
        "check after": False,
        "save focused": True,
        "save after": False,
        "cancel focused": True,
    }, seen


def test_the_forms_save_tool_button_is_ringed_while_it_has_the_focus(
    form: CustomerJobForm, company: Any, ui: Any, rings: None
) -> None:
    customer = company.customers.add(name="Smith, John").id
    form.load(customer)
    ui.type(form.address_tab.name_edit, "Smith, Jon", leave=False)  # changed: Save is on
    save = form.header.save_button
    assert save.isEnabled()
    before = ringed(save)
    save.setFocus()
    ui.qtbot.waitUntil(save.hasFocus)
    focused = ringed(save)
    ui.qtbot.keyClick(save, Qt.Key.Key_Backtab)
    ui.qtbot.waitUntil(lambda: not save.hasFocus())
    assert (before < 0.2, focused >= 0.8, ringed(save) < 0.2) == (True, True, True), (
        before,
        focused,
    )


def test_the_rings_are_turned_on_once(qapp: QApplication, rings: None) -> None:
    assert show_focus_rings(qapp) is show_focus_rings(qapp)
