"""Fixtures for the Customer:Job form: a shown form on the test company, and typing helpers."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QWidget

from officemgr.ui.changes import ChangeHub
from officemgr.ui.customers.form import CustomerJobForm
from officemgr.ui.preferences import set_current_employee


@pytest.fixture
def hub() -> ChangeHub:
    return ChangeHub()


@pytest.fixture
def form(qtbot: Any, company: Any, hub: ChangeHub) -> CustomerJobForm:
    """The form, shown and active (so shortcuts and focus work), as Dana's desk."""
    set_current_employee("Dana")
    widget = CustomerJobForm(company, hub)
    qtbot.addWidget(widget)
    widget.resize(1000, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


class Ui:
    """Typing and clicking the way a user does (keyboard and mouse through qtbot)."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot

    def type(self, widget: QWidget, text: str, *, leave: bool = True) -> None:
        """Focus ``widget``, select what it holds, type ``text``; then Tab out of it."""
        widget.setFocus()
        self.qtbot.waitUntil(widget.hasFocus)
        select_all = getattr(widget, "selectAll", None)
        if select_all is not None:
            select_all()
        self.keys(widget, text)
        if leave:
            self.qtbot.keyClick(widget, Qt.Key.Key_Tab)

    def keys(self, widget: QWidget, text: str) -> None:
        """Type ``text`` into ``widget`` key by key, letters such as "ë" and "í" included
        (QTest's keyClicks knows only some letters past ASCII: each other one is sent as
        the key event a keyboard sends for it, its key and its text)."""
        for char in text:
            if char.isascii():
                self.qtbot.keyClicks(widget, char)
                continue
            upper = ord(char.upper()) if len(char.upper()) == 1 else 0
            key = Qt.Key(upper) if 0 < upper <= 0xFF else Qt.Key.Key_unknown
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, widget, key, char, Qt.KeyboardModifier.NoModifier
            )

    def erase(self, widget: QWidget) -> None:
        """Select everything in ``widget`` and delete it with the keyboard."""
        widget.setFocus()
        self.qtbot.waitUntil(widget.hasFocus)
        widget.selectAll()  # type: ignore[attr-defined]
        self.qtbot.keyClick(widget, Qt.Key.Key_Delete)
        self.qtbot.keyClick(widget, Qt.Key.Key_Tab)

    def pick(self, combo: Any, text: str) -> None:
        """Choose a combo box entry with the keyboard: Home, then Down until it shows."""
        combo.setFocus()
        self.qtbot.waitUntil(combo.hasFocus)
        self.qtbot.keyClick(combo, Qt.Key.Key_Home)
        for _ in range(combo.count()):
            if combo.currentText().startswith(text):
                break
            self.qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentText().startswith(text), (combo.currentText(), text)

    def click(self, button: QWidget) -> None:
        if isinstance(button, QCheckBox):  # on the box itself, not the empty end of the row
            where = QPoint(8, button.height() // 2)
            self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=where)
            return
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def modal(self) -> Any:
        return QApplication.activeModalWidget()


@pytest.fixture
def ui(qtbot: Any) -> Ui:
    return Ui(qtbot)
