"""The options dialog of a report whose choices its catalog entry lists (`OptionSpec`):
one widget per choice, in the entry's order, the same choices the command line offers.

A date left at "Default" is the report's own default (today, last month…); the flags,
choices and customers come back the next time the dialog opens, dates do not.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from officemgr.reports import catalog
from officemgr.ui.reports.option_widgets import check_box, combo, date_edit, flag, form_box
from officemgr.ui.reports.options_dialog import CustomerOptionsDialog

DEFAULT_DAY = QDate(2000, 1, 1)  # a date edit at its minimum shows "Default": None


class CatalogOptionsDialog(CustomerOptionsDialog):
    """Built from ``entry.options``; `for_entry` makes the class of one report."""

    ENTRY: catalog.ReportEntry

    @classmethod
    def for_entry(cls, entry: catalog.ReportEntry) -> type[CatalogOptionsDialog]:
        name = "".join(part.capitalize() for part in entry.key.split("-"))
        attributes = {
            "ENTRY": entry,
            "REPORT_KEY": entry.key,
            "SETTINGS_GROUP": f"reports/{entry.key}",
            "OBJECT_NAME": name[0].lower() + name[1:] + "OptionsDialog",
        }
        return type(f"{name}OptionsDialog", (cls,), attributes)

    def build(self) -> list[QWidget]:
        self.fields: dict[str, QWidget] = {}
        defaults = self.info.options_type()
        groups: list[QWidget] = []
        rows: list[Any] = []
        for spec in self.ENTRY.options:
            if spec.kind == "customers":
                groups.append(self.chosen_customers_box())
                continue
            widget = self._field(spec)
            _show(widget, getattr(defaults, spec.name, None))
            self.fields[spec.name] = widget
            rows.append(widget if spec.kind == "flag" else (spec.label + ":", widget))
        if rows:
            groups.insert(0, form_box("Choices", *rows))
        return groups

    def _field(self, spec: catalog.OptionSpec) -> QWidget:
        object_name = spec.name.replace("_", " ").title().replace(" ", "")
        if spec.kind == "flag":
            return check_box(spec.label, object_name[0].lower() + object_name[1:])
        if spec.kind == "date":
            edit = date_edit(spec.name, DEFAULT_DAY)
            edit.setMinimumDate(DEFAULT_DAY)
            edit.setSpecialValueText("Default")
            return edit
        if spec.kind == "choice":
            return combo(spec.name, [(text, value) for value, text in spec.choices])
        if spec.kind == "choices":
            listed = QListWidget()
            listed.setObjectName(spec.name)
            listed.setMaximumHeight(110)
            for value, text in spec.choices:
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, value)
                item.setCheckState(Qt.CheckState.Checked)
                listed.addItem(item)
            return listed
        if spec.kind == "text":
            line = QLineEdit()
            line.setObjectName(spec.name)
            return line
        spin = QSpinBox()
        spin.setObjectName(spec.name)
        spin.setRange(0, 3650)
        return spin

    def choices(self) -> dict[str, Any]:
        """What the dialog shows, as the fields of the report's options."""
        chosen: dict[str, Any] = {}
        for spec in self.ENTRY.options:
            if spec.kind == "customers":
                chosen[spec.name] = self.chosen_or_all()
                continue
            value = _value(self.fields[spec.name])
            if value is not None:
                chosen[spec.name] = value
        return chosen

    def options(self) -> Any:
        return self.info.options_type(**self.choices())

    def save_choices(self, s: QSettings) -> None:
        for spec in self.ENTRY.options:
            widget = self.fields.get(spec.name)
            if spec.kind == "customers":
                self.save_chosen(s)
            elif isinstance(widget, QCheckBox):
                s.setValue(spec.name, widget.isChecked())
            elif isinstance(widget, QComboBox):
                s.setValue(spec.name, widget.currentData())
            elif isinstance(widget, QSpinBox):
                s.setValue(spec.name, widget.value())
            elif isinstance(widget, QLineEdit):
                s.setValue(spec.name, widget.text())

    def load_choices(self, s: QSettings) -> None:
        for spec in self.ENTRY.options:
            widget = self.fields.get(spec.name)
            if spec.kind == "customers":
                self.load_chosen(s)
            elif not s.contains(spec.name):
                continue  # never chosen here: the report's default stays
            elif isinstance(widget, QCheckBox):
                widget.setChecked(flag(s, spec.name))
            elif isinstance(widget, QComboBox):
                index = widget.findData(s.value(spec.name))
                widget.setCurrentIndex(max(index, 0))
            elif isinstance(widget, QLineEdit):
                widget.setText(str(s.value(spec.name, "")))
            elif isinstance(widget, QSpinBox):
                try:
                    widget.setValue(int(str(s.value(spec.name))))
                except ValueError:
                    continue  # a damaged entry: the default stays


def _show(widget: QWidget, value: Any) -> None:
    """Show the report's default ``value`` (a date left None shows "Default")."""
    if isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(widget.findData(value), 0))
    elif isinstance(widget, QSpinBox) and isinstance(value, int):
        widget.setValue(value)
    elif isinstance(widget, QLineEdit) and isinstance(value, str):
        widget.setText(value)
    elif isinstance(widget, QDateEdit) and isinstance(value, date):
        widget.setDate(QDate(value.year, value.month, value.day))


def _value(widget: QWidget) -> Any:
    """A widget's value as the options take it (None: the report's default)."""
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QDateEdit):
        if widget.date() == DEFAULT_DAY:
            return None
        shown = widget.date()
        return date(shown.year(), shown.month(), shown.day())
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QListWidget):
        items = [widget.item(i) for i in range(widget.count())]
        checked = [
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]
        return () if len(checked) == len(items) else tuple(checked)
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QLineEdit):
        return widget.text().strip() or None
    return None
