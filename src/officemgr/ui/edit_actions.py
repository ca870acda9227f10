"""The Edit menu: Undo, Redo, Cut, Copy, Paste and Select All on the focused text field.

Text fields handle their standard keys themselves (they claim them before a window
shortcut fires); the menu items do the same from the mouse, and are enabled only for what
the focused field can do. In the Customer:Job list, Copy copies the selected full name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

from officemgr.ui.actions import make_action

TextWidget = QLineEdit | QTextEdit | QPlainTextEdit


def text_widget(widget: QWidget | None) -> TextWidget | None:
    """The text field behind ``widget`` (an editable combo's or a spin box's line edit)."""
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        return widget
    if isinstance(widget, QComboBox) and widget.isEditable():
        return widget.lineEdit()
    if isinstance(widget, QAbstractSpinBox):
        return widget.findChild(QLineEdit)
    return None


def _read_only(field: TextWidget) -> bool:
    return field.isReadOnly()


def _has_selection(field: TextWidget) -> bool:
    if isinstance(field, QLineEdit):
        return field.hasSelectedText()
    return field.textCursor().hasSelection()


def _can_undo(field: TextWidget) -> bool:
    if isinstance(field, QLineEdit):
        return field.isUndoAvailable()
    return field.document().isUndoAvailable()


def _can_redo(field: TextWidget) -> bool:
    if isinstance(field, QLineEdit):
        return field.isRedoAvailable()
    return field.document().isRedoAvailable()


class EditActions(QObject):
    """Edit menu actions acting on whatever text field has the focus."""

    def __init__(
        self,
        parent: QObject,
        *,
        copy_from_list: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self._copy_from_list = copy_from_list
        self._target: QWidget | None = None

        def act(
            text: str, slot: Callable[[], Any], key: QKeySequence.StandardKey, tip: str, name: str
        ) -> QAction:
            return make_action(self, text, slot, tip=tip, keys=(key,), name=name)

        keys = QKeySequence.StandardKey
        self.undo_action = act("&Undo", self.undo, keys.Undo, "Undo the last change", "undo")
        self.redo_action = act("&Redo", self.redo, keys.Redo, "Redo what was undone", "redo")
        self.cut_action = act("Cu&t", self.cut, keys.Cut, "Cut the selected text", "cut")
        self.copy_action = act(
            "&Copy", self.copy, keys.Copy, "Copy the selected text (in the list: the name)", "copy"
        )
        self.paste_action = act("&Paste", self.paste, keys.Paste, "Paste text", "paste")
        self.select_all_action = act(
            "Select &All", self.select_all, keys.SelectAll, "Select all the text", "selectAll"
        )
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)  # a slot: disconnected when deleted
        self.update_enabled()

    def actions(self) -> list[QAction]:
        return [
            self.undo_action,
            self.redo_action,
            self.cut_action,
            self.copy_action,
            self.paste_action,
            self.select_all_action,
        ]

    def add_to(self, menu: QMenu) -> None:
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.addSeparator()
        menu.addAction(self.cut_action)
        menu.addAction(self.copy_action)
        menu.addAction(self.paste_action)
        menu.addSeparator()
        menu.addAction(self.select_all_action)
        menu.aboutToShow.connect(self.update_enabled)

    @Slot(QWidget, QWidget)
    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # Opening a menu (Alt, a click on the menu bar) moves the focus to the menu bar;
        # the items still act on the field the user was in.
        if new is not None and not isinstance(new, QMenuBar | QMenu):
            self._target = new
            self.update_enabled()

    def target(self) -> QWidget | None:
        """The widget the items act on: the focused one, or the one before a menu opened."""
        focus = QApplication.focusWidget()
        if focus is not None and not isinstance(focus, QMenuBar | QMenu):
            return focus
        target = self._target
        if target is not None and isValid(target):
            return target
        window = self.parent()  # a window not yet activated still knows its focus widget
        return window.focusWidget() if isinstance(window, QWidget) else None

    def focused(self) -> TextWidget | None:
        return text_widget(self.target())

    def _focus_in_list(self) -> bool:
        return isinstance(self.target(), QAbstractItemView)

    def update_enabled(self) -> None:
        field = self.focused()
        writable = field is not None and not _read_only(field)
        self.undo_action.setEnabled(writable and field is not None and _can_undo(field))
        self.redo_action.setEnabled(writable and field is not None and _can_redo(field))
        selected = field is not None and _has_selection(field)
        self.cut_action.setEnabled(writable and selected)
        self.copy_action.setEnabled(selected or (field is None and self._focus_in_list()))
        clip = QGuiApplication.clipboard()
        self.paste_action.setEnabled(writable and bool(clip and clip.text()))
        self.select_all_action.setEnabled(field is not None)

    def undo(self) -> None:
        if field := self.focused():
            field.undo()

    def redo(self) -> None:
        if field := self.focused():
            field.redo()

    def cut(self) -> None:
        if field := self.focused():
            field.cut()

    def copy(self) -> None:
        field = self.focused()
        if field is not None:
            field.copy()
        elif self._focus_in_list():
            self._copy_from_list()

    def paste(self) -> None:
        if field := self.focused():
            field.paste()

    def select_all(self) -> None:
        if field := self.focused():
            field.selectAll()
