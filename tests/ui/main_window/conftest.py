"""Helpers for the main-window tests: read the lists, click rows, open menus, answer dialogs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget

from officemgr.ui.models.customer_job_tree import Column


class WindowDriver:
    """Does what a user does to the main window, and reads what they would see."""

    def __init__(self, qtbot: Any, window: Any) -> None:
        self.qtbot = qtbot
        self.window = window

    # -- reading --------------------------------------------------------------------

    def listed(self, parent: QModelIndex | None = None) -> list[str]:
        model = self.window.tree_view.model()
        parent = parent or QModelIndex()
        return [model.index(r, Column.NAME, parent).data() for r in range(model.rowCount(parent))]

    def found(self) -> list[str]:
        model = self.window.results_view.model()
        return [model.index(r, Column.NAME).data() for r in range(model.rowCount())]

    def row_of(self, name: str, parent: QModelIndex | None = None) -> QModelIndex:
        model = self.window.tree_view.model()
        parent = parent or QModelIndex()
        return model.index(self.listed(parent).index(name), Column.NAME, parent)

    # -- doing ----------------------------------------------------------------------

    def focus(self, widget: QWidget) -> None:
        """Give ``widget`` the keyboard focus in the active window (shortcuts need both;
        the offscreen platform may leave no window active after a popup menu)."""
        self.window.activateWindow()
        self.qtbot.waitUntil(self.window.isActiveWindow)
        widget.setFocus()
        self.qtbot.waitUntil(widget.hasFocus)

    def click_row(self, name: str) -> None:
        view = self.window.pane.active_view
        if view is self.window.tree_view:
            index = self.row_of(name)
        else:
            index = view.model().index(self.found().index(name), Column.NAME)
        view.scrollTo(index)
        self.qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
        )

    def select(self, node_id: int) -> None:
        """Select a node as a user would end up with it, and wait for the form to load it."""
        assert self.window.pane.select_node(node_id)
        self.qtbot.waitUntil(lambda: self.window.form.current_node_id == node_id)

    def type_filter(self, text: str) -> None:
        """Type into the quick filter and wait for the results."""
        edit = self.window.pane.filter_edit
        edit.setFocus()
        edit.selectAll()
        with self.qtbot.waitSignal(self.window.pane.search_finished, timeout=5000):
            self.qtbot.keyClicks(edit, text)

    def context_menu(self, name: str) -> QMenu:
        """Right-click the row ``name`` in the list on show; the menu that pops up."""
        view = self.window.pane.active_view
        if view is self.window.tree_view:
            index = self.row_of(name)
        else:
            index = view.model().index(self.found().index(name), Column.NAME)
        pos = view.visualRect(index).center()
        event = QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos)
        )
        QApplication.sendEvent(view.viewport(), event)
        menu = view._open_menu
        self.qtbot.waitUntil(menu.isVisible)
        return menu

    def click_menu_item(self, menu: QMenu, action: QAction) -> None:
        assert action in menu.actions(), action.text()
        self.qtbot.mouseClick(
            menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center()
        )

    def click_tool_button(self, action: QAction) -> None:
        button = self.window.tool_bar.widgetForAction(action)
        assert button is not None and button.isVisible(), action.text()
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def menu(self, title: str) -> QMenu:
        for action in self.window.menuBar().actions():
            if action.text().replace("&", "") == title:
                return action.menu()
        raise KeyError(title)


@pytest.fixture
def driver(qtbot: Any, make_window: Any) -> Callable[..., WindowDriver]:
    """``driver()`` builds a window and returns its driver (``.window``)."""

    def make(*args: Any, **kwargs: Any) -> WindowDriver:
        return WindowDriver(qtbot, make_window(*args, **kwargs))

    return make


def press(box: QMessageBox, text: str) -> None:
    """Click the message box button whose label contains ``text`` (mnemonics ignored)."""
    for button in box.buttons():
        if text.lower() in button.text().replace("&", "").lower():
            button.click()
            return
    labels = [b.text() for b in box.buttons()]
    raise AssertionError(f"no button {text!r} in {labels}")


@pytest.fixture
def press_button() -> Callable[[QMessageBox, str], None]:
    return press


def top_level(name: str) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()]


@pytest.fixture
def visible_top_level() -> Callable[[str], list[QWidget]]:
    return top_level
