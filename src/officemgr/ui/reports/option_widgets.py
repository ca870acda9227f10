"""The small widgets of the reports' options dialogs, made the same way in each."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QWidget,
)


def day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(name: str, day: QDate) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(day)
    return edit


def combo(name: str, items: Iterable[tuple[str, Any]]) -> QComboBox:
    """A combo box of ``(label, data)`` items."""
    combo = QComboBox()
    combo.setObjectName(name)
    for label, data in items:
        combo.addItem(label, data)
    return combo


def check_box(text: str, name: str) -> QCheckBox:
    box = QCheckBox(text)
    box.setObjectName(name)
    return box


def push_button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    """A button among the choices (not a default button: Enter still runs the report)."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAutoDefault(False)
    button.clicked.connect(lambda: slot())
    return button


def row(*widgets: QWidget, stretch: QWidget | None = None) -> QHBoxLayout:
    """``widgets`` side by side; ``stretch`` takes the room left."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget, 1 if widget is stretch else 0)
    return row


FormRow = QWidget | QLayout | tuple[str, QWidget]


def form_box(title: str, *rows: FormRow) -> QGroupBox:
    """A titled group of form rows: a widget, a layout, or a (label, field) pair."""
    form = QFormLayout()
    for row in rows:
        if isinstance(row, tuple):
            form.addRow(*row)
        else:
            form.addRow(row)
    box = QGroupBox(title)
    box.setLayout(form)
    return box


def flag(s: QSettings, key: str) -> bool:
    return str(s.value(key, "false")).lower() == "true"
