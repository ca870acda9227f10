"""One reusable editor for an office list: its entries, and a form for the entry chosen.

Every change is written at once through ``co.lists`` (one service call, one transaction)
and announced with ``Changes(lists=True)``: add, change (rename included), make inactive
or active, and move up or down where the list has an order. Entries are never deleted,
since records use them. While the form holds changes that are not saved yet, the list is
locked (Save or Revert first), so nothing typed is dropped by choosing another entry; OK
and Apply save such changes too.

``ListEditor`` shows a flat list in a table; ``JobTypeEditor`` shows the job-type tree.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from officemgr.errors import ConflictError, NotFoundError, OfficeMgrError, ValidationError
from officemgr.ui.editors import watch
from officemgr.ui.formatting import NumberTextError, edit_number, format_quantity, read_number
from officemgr.ui.settings.page import SettingsCheckError, SettingsContext

FieldKind = Literal["text", "int", "decimal", "bool", "choice", "lines"]
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ListField:
    """One field of a list entry: ``key`` is the record attribute and the service argument."""

    key: str
    label: str  # the form label, with its & mnemonic
    kind: FieldKind = "text"
    column: str | None = None  # the table's column header; None: only in the form
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, text shown) for "choice"
    max_length: int = 100
    maximum: int = 365  # for "int"
    default: Any = None  # a new entry's value
    placeholder: str = ""
    suffix: str = ""  # for "int": " days"
    enabled_when: tuple[str, Any] | None = None  # (other field, value) that enables this one


@dataclass(frozen=True)
class ListSpec:
    """What one editor edits: the list kind, where ``co.lists.all()`` keeps it, its fields."""

    list_kind: str
    attr: str  # the OfficeLists attribute
    title: str  # "Customer types"
    noun: str  # "customer type"
    fields: tuple[ListField, ...]
    ordered: bool = False  # the list has a sort order the user sets (Move Up / Down)


NAME = ListField("name", "Na&me:", column="Name")


def format_decimal(value: Any) -> str:
    """``Decimal("2.5000")`` → ``"2.5"`` (``"2,5"`` in de_DE), to edit; ``None`` → ``""``."""
    if value is None:
        return ""
    return edit_number(Decimal(value))


def _normal(field: ListField, value: Any) -> Any:
    """A field's value in one comparable form, from a record or from the form."""
    if field.kind == "text":
        return (value or "").strip()
    if field.kind == "int":
        return int(value or 0)
    if field.kind == "decimal":
        if value is None or isinstance(value, Decimal):
            return value or Decimal(0)
        try:  # typed in the office's way of writing numbers
            return read_number(str(value), what=field.column or field.key) or Decimal(0)
        except NumberTextError:
            return str(value)  # not a number: a change, which saving refuses at the field
    if field.kind == "bool":
        return bool(value)
    if field.kind == "lines":
        lines = value.splitlines() if isinstance(value, str) else list(value or ())
        return tuple(line.strip() for line in lines if line.strip())
    return value


def _is_long_text(field: ListField) -> bool:
    """A text field wide enough to deserve the room left (not initials or codes)."""
    return field.kind == "text" and (field.key == "name" or field.max_length > 20)


def _shown(field: ListField, value: Any) -> str:
    """How a value reads in the table."""
    if field.kind == "bool":
        return "Yes" if value else ""
    if field.kind == "decimal":
        return "" if value is None else format_quantity(Decimal(value))
    if field.kind == "choice":
        return dict(field.choices).get(value, str(value or ""))
    if field.kind == "lines":
        return ", ".join(value or ())
    if field.kind == "int":
        return str(value)
    return str(value or "")


class EntryForm(QObject):
    """The form of one list entry: a widget per field in a QFormLayout."""

    def __init__(
        self,
        fields: Sequence[ListField],
        layout: QFormLayout,
        parent: QWidget,
        on_change: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self.fields = tuple(fields)
        self.widgets: dict[str, QWidget] = {}
        for field in self.fields:
            widget = self._make(field, parent)
            widget.setObjectName(f"field_{field.key}")
            self.widgets[field.key] = widget
            if field.kind == "bool":
                layout.addRow("", widget)
            else:
                label = QLabel(field.label, parent)
                label.setBuddy(widget)
                layout.addRow(label, widget)
        for widget in self.widgets.values():
            watch(widget, on_change)

    def _make(self, field: ListField, parent: QWidget | None) -> QWidget:
        if field.kind == "int":
            spin = QSpinBox(parent)
            spin.setRange(0, field.maximum)
            spin.setSuffix(field.suffix)
            spin.setMaximumWidth(140)
            return spin
        if field.kind == "bool":
            return QCheckBox(field.label.rstrip(":"), parent)
        if field.kind == "choice":
            combo = QComboBox(parent)
            for value, text in field.choices:
                combo.addItem(text, value)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            return combo
        if field.kind == "lines":
            lines = QPlainTextEdit(parent)
            lines.setTabChangesFocus(True)
            lines.setPlaceholderText(field.placeholder)
            four_lines = lines.fontMetrics().lineSpacing() * 4 + 12
            lines.setFixedHeight(max(four_lines, lines.minimumSizeHint().height()))
            return lines
        edit = QLineEdit(parent)
        edit.setMaxLength(field.max_length)
        edit.setPlaceholderText(field.placeholder)
        if field.kind == "decimal" or not _is_long_text(field):
            edit.setMaximumWidth(140)
        return edit

    # -- values ---------------------------------------------------------------------

    def read(self, field: ListField) -> Any:
        widget = self.widgets[field.key]
        if isinstance(widget, QSpinBox):
            return widget.value()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        assert isinstance(widget, QLineEdit)
        return widget.text()

    def write(self, values: Mapping[str, Any]) -> None:
        """Show ``values`` (a record's, or a new entry's defaults) without signalling changes."""
        for field in self.fields:
            widget = self.widgets[field.key]
            value = values.get(field.key)
            widget.blockSignals(True)
            if isinstance(widget, QSpinBox):
                widget.setValue(int(value or 0))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText("\n".join(value or ()))
            elif isinstance(widget, QLineEdit):
                widget.setText(
                    format_decimal(value) if field.kind == "decimal" else str(value or "")
                )
                widget.setCursorPosition(0)
            widget.blockSignals(False)
        self.update_enabled()

    def enabled(self, field: ListField) -> bool:
        if field.enabled_when is None:
            return True
        other, wanted = field.enabled_when
        other_field = next(f for f in self.fields if f.key == other)
        return bool(self.read(other_field) == wanted)

    def update_enabled(self) -> None:
        for field in self.fields:
            self.widgets[field.key].setEnabled(self.enabled(field))

    def changed(self, base: Mapping[str, Any]) -> list[ListField]:
        """The enabled fields whose value differs from ``base``."""
        return [
            field
            for field in self.fields
            if self.enabled(field)
            and _normal(field, self.read(field)) != _normal(field, base.get(field.key))
        ]

    def changes(self, base: Mapping[str, Any]) -> dict[str, Any]:
        """The fields whose value differs from ``base``, as the services take them;
        ValidationError at a number that is not written the office's way."""
        return {
            field.key: self.service_value(field, self.read(field)) for field in self.changed(base)
        }

    def values(self) -> dict[str, Any]:
        """Every enabled field, as the services take them (for adding an entry)."""
        return {
            field.key: self.service_value(field, self.read(field))
            for field in self.fields
            if self.enabled(field)
        }

    @staticmethod
    def service_value(field: ListField, value: Any) -> Any:
        if field.kind == "text":
            return value.strip() if field.key == "name" else (value.strip() or None)
        if field.kind == "decimal":
            try:
                return read_number(value, what=field.column or field.key)
            except NumberTextError as error:
                raise ValidationError(str(error), field=field.key) from None
        if field.kind == "lines":
            return list(_normal(field, value))
        return value


class _EnterKeys(QObject):
    """Enter in a form field saves the entry (instead of pressing the dialog's OK)."""

    def __init__(self, action: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)):
            return False
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or not plain:
            return False
        if isinstance(watched, QComboBox) and watched.view().isVisible():
            return False  # Enter chooses in an open drop-down
        self._action()
        return True
        return False


class EntryEditor(QWidget):
    """What ListEditor and JobTypeEditor share: the form, Save / Revert, errors, the lock."""

    def __init__(self, spec: ListSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(f"editor_{spec.list_kind}")
        self._context: SettingsContext | None = None
        self._shown: Any = None  # the record in the form; None while adding a new entry
        self._guard = False
        self._error_widget: QWidget | None = None

        self.group = QGroupBox(self)
        self.group.setObjectName("entryGroup")
        group_layout = QVBoxLayout(self.group)
        form_layout = QFormLayout()
        form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        group_layout.addLayout(form_layout)
        self.form = EntryForm(spec.fields, form_layout, self.group, self._form_changed)
        self.error = QLabel(self.group)
        self.error.setObjectName("entryError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        group_layout.addWidget(self.error)
        self.revert_button = QPushButton("Re&vert", self.group)
        self.revert_button.setToolTip("Put back what the entry says now")
        self.save_button = QPushButton("&Save", self.group)
        self.save_button.setObjectName("saveEntry")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        group_layout.addLayout(buttons)
        self.revert_button.clicked.connect(self.revert)
        self.save_button.clicked.connect(self.commit)
        enter = _EnterKeys(self._enter, self)
        for widget in self.form.widgets.values():
            if not isinstance(widget, QPlainTextEdit):
                widget.installEventFilter(enter)

    def _chain_tab_order(self, *side: QWidget) -> None:
        """Tab goes through the list and its buttons, then the form, then Revert and Save."""
        chain = [*side, *self.form.widgets.values(), self.revert_button, self.save_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- what subclasses provide ---------------------------------------------------------

    def _records(self) -> Sequence[Any]:
        assert self._context is not None
        return tuple(getattr(self._context.lists, self.spec.attr))

    def _fill_view(self, records: Sequence[Any]) -> None:
        raise NotImplementedError

    def _select_id(self, record_id: int | None) -> None:
        raise NotImplementedError

    def _add(self, values: dict[str, Any]) -> Any:
        context = self._context
        assert context is not None
        name, kind, lists = values.pop("name"), self.spec.list_kind, context.company.lists
        return context.run(lambda: lists.add_item(list_kind=kind, name=name, **values))

    def _new_title(self) -> str:
        return f"New {self.spec.noun}"

    def _view(self) -> QWidget:
        raise NotImplementedError

    def _update_buttons(self, dirty: bool) -> None:
        """Enable the side buttons for the entry shown (none while the form is changed)."""

    # -- loading --------------------------------------------------------------------

    def load(self, context: SettingsContext) -> None:
        """Show the lists of ``context``; the first entry is chosen (or a new one, if none)."""
        self._context = context
        self._shown = None
        records = self._records()
        self._fill(records)
        if records:
            self.show_record(records[0])
        else:
            self.start_new()

    def reload(self) -> None:
        """The lists changed: show them again, keeping the entry chosen and any changes typed."""
        if self._context is None:
            return
        records = self._records()
        if self._shown is not None:
            fresh = next((r for r in records if r.id == self._shown.id), None)
            dirty = self.is_dirty()
            self._shown = fresh
            self._fill(records)
            if fresh is not None and not dirty:
                self.form.write(self._values_of(fresh))
        else:
            self._fill(records)
        self._refresh()

    def _fill(self, records: Sequence[Any]) -> None:
        self._guard = True
        try:
            self._fill_view(records)
            self._select_id(self._shown.id if self._shown is not None else None)
        finally:
            self._guard = False

    def _values_of(self, record: Any) -> dict[str, Any]:
        return {field.key: getattr(record, field.key) for field in self.spec.fields}

    def _defaults(self) -> dict[str, Any]:
        return {field.key: field.default for field in self.spec.fields}

    def _base(self) -> dict[str, Any]:
        return self._values_of(self._shown) if self._shown is not None else self._defaults()

    def show_record(self, record: Any) -> None:
        """Put ``record`` in the form (and choose it in the list)."""
        self._shown = record
        self.form.write(self._values_of(record))
        self._guard = True
        try:
            self._select_id(record.id)
        finally:
            self._guard = False
        self._clear_error()
        self._refresh()

    def start_new(self) -> None:
        """Empty the form for a new entry."""
        self._shown = None
        self.form.write(self._defaults())
        self._guard = True
        try:
            self._select_id(None)
        finally:
            self._guard = False
        self._clear_error()
        self._refresh()

    def _chosen(self, record: Any | None) -> None:
        """The user chose another entry in the list (the list is locked while changed)."""
        if self._guard:
            return
        if record is None:
            self.start_new()
        else:
            self.show_record(record)

    # -- state ----------------------------------------------------------------------

    def is_dirty(self) -> bool:
        return bool(self.form.changed(self._base()))

    def shown_record(self) -> Any:
        return self._shown

    def _form_changed(self) -> None:
        self.form.update_enabled()
        self._refresh()

    def _refresh(self) -> None:
        dirty = self.is_dirty()
        adding = self._shown is None
        if adding:
            title = self._new_title()
        else:
            shown_name = getattr(self._shown, "full_name", None) or self._shown.name
            title = f"{self.spec.noun.capitalize()}: {shown_name}"
        if dirty:
            title += "  (changed; save or revert to choose another)"
        self.group.setTitle(title)
        self.save_button.setText("&Add" if adding else "&Save")
        self.save_button.setToolTip(
            f"Add this {self.spec.noun} to the list" if adding else "Save the changes (Enter)"
        )
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        self._view().setEnabled(not dirty)
        self._update_buttons(dirty)

    def _enter(self) -> None:
        if self.save_button.isEnabled():
            self.commit()

    # -- writing --------------------------------------------------------------------

    def revert(self) -> None:
        if self._shown is None:
            self.start_new()
        else:
            self.show_record(self._shown)

    def commit(self) -> bool:
        """Save the form (add or change); False, with the reason shown, when refused."""
        context = self._context
        if context is None or not self.is_dirty():
            return True
        lists = context.company.lists
        try:
            if self._shown is None:
                record = self._add(self.form.values())
            else:
                changes = self.form.changes(self._values_of(self._shown))
                kind, shown = self.spec.list_kind, self._shown
                record = context.run(
                    lambda: lists.update_item(
                        list_kind=kind,
                        item_id=shown.id,
                        expected_version=shown.version,
                        **changes,
                    )
                )
        except (ConflictError, NotFoundError) as error:
            self._show_error(str(error))
            context.reload_lists()
            self.reload()
            return False
        except ValidationError as error:
            self._show_error(error.message, error.field)
            return False
        except OfficeMgrError as error:
            self._show_error(str(error))
            return False
        self._shown = record
        self.form.write(self._values_of(record))
        self._clear_error()
        context.list_changed()  # reloads every editor, this one included
        self._refresh()
        return True

    def set_active(self, active: bool) -> bool:
        context, record = self._context, self._shown
        if context is None or record is None:
            return False
        lists, kind = context.company.lists, self.spec.list_kind
        try:
            self._shown = context.run(
                lambda: lists.update_item(
                    list_kind=kind,
                    item_id=record.id,
                    expected_version=record.version,
                    is_active=active,
                )
            )
        except OfficeMgrError as error:
            self._show_error(str(error))
            context.reload_lists()
            self.reload()
            return False
        self._clear_error()
        context.list_changed()
        self._refresh()
        return True

    def toggle_active(self) -> None:
        if self._shown is not None:
            self.set_active(not self._shown.is_active)

    def finish_editing(self) -> None:
        """Save changes still in the form (OK / Apply); SettingsCheckError when refused."""
        if self.is_dirty() and not self.commit():
            raise SettingsCheckError(self.spec.title, self.error.text(), self._error_widget)

    # -- errors ---------------------------------------------------------------------

    def _show_error(self, message: str, field: str | None = None) -> None:
        self.error.setText(message)
        self.error.show()
        widget = self.form.widgets.get(field or "") or self.form.widgets["name"]
        self._error_widget = widget
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    def _clear_error(self) -> None:
        self.error.clear()
        self.error.hide()
        self._error_widget = None

    def error_text(self) -> str:
        return self.error.text() if not self.error.isHidden() else ""


class ListTableModel(QAbstractTableModel):
    """The entries of one small office list (tens of rows), one column per shown field."""

    def __init__(self, spec: ListSpec, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = [field for field in spec.fields if field.column]
        self._records: list[Any] = []

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def records(self) -> list[Any]:
        return list(self._records)

    def record(self, row: int) -> Any:
        return self._records[row] if 0 <= row < len(self._records) else None

    def row_of(self, record_id: int) -> int:
        return next((i for i, r in enumerate(self._records) if r.id == record_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._columns[section].column if section < len(self._columns) else "Active"

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.record(index.row())
        if record is None:
            return None
        column = index.column()
        field = self._columns[column] if column < len(self._columns) else None
        if role == Qt.ItemDataRole.DisplayRole:
            if field is None:
                return "Yes" if record.is_active else "No"
            return _shown(field, getattr(record, field.key))
        numeric = field is not None and field.kind in ("int", "decimal")
        if role == Qt.ItemDataRole.TextAlignmentRole and numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and not record.is_active:
            return QPalette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.FontRole and not record.is_active:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and not record.is_active:
            return "Inactive: kept on the records that use it, not offered for new ones"
        return None


class ListEditor(EntryEditor):
    """A flat office list in a table, with New, Make Inactive / Active and Move Up / Down."""

    def __init__(self, spec: ListSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.model = ListTableModel(spec, self)
        self.table = QTableView(self)
        self.table.setObjectName("entries")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        columns = [field for field in spec.fields if field.column]
        for number, field in enumerate(columns):  # names and free text share the room left
            if field.key == "name" or field.kind == "lines" or _is_long_text(field):
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(spec.title)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(
            lambda current, _previous: self._chosen(self.model.record(current.row()))
        )
        self.table.installEventFilter(_EnterKeys(self._focus_form, self))

        self.new_button = QPushButton("&New", self)
        self.new_button.setToolTip(f"Add a new {spec.noun}")
        self.active_button = QPushButton("Make &Inactive", self)
        self.up_button = QPushButton("Move &Up", self)
        self.down_button = QPushButton("Move Do&wn", self)
        self.new_button.clicked.connect(self._new_clicked)
        self.active_button.clicked.connect(self.toggle_active)
        self.up_button.clicked.connect(lambda: self.move_entry(-1))
        self.down_button.clicked.connect(lambda: self.move_entry(1))
        side = QVBoxLayout()
        for button in (self.new_button, self.active_button, self.up_button, self.down_button):
            side.addWidget(button)
        self.up_button.setVisible(spec.ordered)
        self.down_button.setVisible(spec.ordered)
        side.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(self.table, 1)
        top.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top, 1)
        layout.addWidget(self.group)
        self.group.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._chain_tab_order(
            self.table, self.new_button, self.active_button, self.up_button, self.down_button
        )

    def _view(self) -> QWidget:
        return self.table

    def _fill_view(self, records: Sequence[Any]) -> None:
        self.model.set_records(records)

    def _select_id(self, record_id: int | None) -> None:
        row = self.model.row_of(record_id) if record_id is not None else -1
        selection = self.table.selectionModel()
        if row < 0:
            selection.clear()
            return
        index = self.model.index(row, 0)
        selection.setCurrentIndex(
            index,
            selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _new_clicked(self) -> None:
        self.start_new()
        self.form.widgets["name"].setFocus(Qt.FocusReason.OtherFocusReason)

    def _focus_form(self) -> None:
        self.form.widgets["name"].setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_buttons(self, dirty: bool) -> None:
        shown = self._shown
        self.new_button.setEnabled(not dirty)
        self.active_button.setEnabled(shown is not None and not dirty)
        self.active_button.setText(
            "Make Act&ive" if shown is not None and not shown.is_active else "Make &Inactive"
        )
        row = self.model.row_of(shown.id) if shown is not None else -1
        self.up_button.setEnabled(row > 0 and not dirty)
        self.down_button.setEnabled(0 <= row < self.model.rowCount() - 1 and not dirty)

    def move_entry(self, offset: int) -> bool:
        """Move the entry chosen up (-1) or down (+1) the list; saved at once."""
        context, shown = self._context, self._shown
        if context is None or shown is None or not self.spec.ordered:
            return False
        ids = [record.id for record in self.model.records()]
        row = ids.index(shown.id)
        target = row + offset
        if not 0 <= target < len(ids):
            return False
        ids[row], ids[target] = ids[target], ids[row]
        lists, kind = context.company.lists, self.spec.list_kind
        try:
            context.run(lambda: lists.reorder_items(list_kind=kind, item_ids=ids))
        except OfficeMgrError as error:
            self._show_error(str(error))
            context.reload_lists()
            self.reload()
            return False
        context.list_changed()
        return True


JOB_TYPE_SPEC = ListSpec(
    list_kind="job_type",
    attr="job_types",
    title="Job types",
    noun="job type",
    fields=(NAME,),
)


class JobTypeEditor(EntryEditor):
    """The job-type tree: add a type or a sub-type, rename, make inactive or active."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(JOB_TYPE_SPEC, parent)
        self._new_parent: Any = None  # the type a new sub-type goes under
        self._by_id: dict[int, Any] = {}
        self._items: dict[int, QTreeWidgetItem] = {}
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("entries")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Job type", "Active"])
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName("Job types")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(
            lambda current, _previous: self._chosen(self._record_of(current))
        )
        self.tree.installEventFilter(_EnterKeys(self._focus_form, self))

        self.new_button = QPushButton("New &Type", self)
        self.new_button.setToolTip("Add a job type at the top level")
        self.sub_button = QPushButton("New Su&b-type", self)
        self.sub_button.setToolTip("Add a job type under the one chosen")
        self.active_button = QPushButton("Make &Inactive", self)
        self.new_button.clicked.connect(self._new_type)
        self.sub_button.clicked.connect(self._new_sub_type)
        self.active_button.clicked.connect(self.toggle_active)
        side = QVBoxLayout()
        for button in (self.new_button, self.sub_button, self.active_button):
            side.addWidget(button)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.tree, 1)
        top.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top, 1)
        layout.addWidget(self.group)
        self.group.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._chain_tab_order(self.tree, self.new_button, self.sub_button, self.active_button)

    def _view(self) -> QWidget:
        return self.tree

    def _record_of(self, item: QTreeWidgetItem | None) -> Any:
        if item is None:
            return None
        return self._by_id.get(item.data(0, Qt.ItemDataRole.UserRole))

    def _fill_view(self, records: Sequence[Any]) -> None:
        self.tree.clear()
        self._by_id = {record.id: record for record in records}
        items: dict[int, QTreeWidgetItem] = {}
        muted = QPalette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        for record in sorted(records, key=lambda r: (r.full_name.count(":"), r.full_name)):
            parent = items.get(record.parent_id) if record.parent_id is not None else None
            item = QTreeWidgetItem([record.name, "Yes" if record.is_active else "No"])
            item.setData(0, Qt.ItemDataRole.UserRole, record.id)
            item.setToolTip(0, record.full_name)
            if not record.is_active:
                font = item.font(0)
                font.setItalic(True)
                for column in (0, 1):
                    item.setFont(column, font)
                    item.setForeground(column, muted)
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[record.id] = item
        self.tree.sortItems(0, Qt.SortOrder.AscendingOrder)
        self.tree.expandAll()
        self._items = items

    def _select_id(self, record_id: int | None) -> None:
        item = self._items.get(record_id) if record_id is not None else None
        if item is None:
            self.tree.setCurrentIndex(QModelIndex())
            self.tree.clearSelection()
        else:
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)

    def _add(self, values: dict[str, Any]) -> Any:
        context = self._context
        assert context is not None
        parent_id = self._new_parent.id if self._new_parent is not None else None
        name, lists = values["name"], context.company.lists
        record = context.run(lambda: lists.add_job_type(name=name, parent_id=parent_id))
        self._new_parent = None
        return record

    def _new_title(self) -> str:
        if self._new_parent is not None:
            return f"New sub-type of {self._new_parent.full_name}"
        return "New job type (top level)"

    def start_new(self, parent: Any = None) -> None:
        self._new_parent = parent
        super().start_new()

    def show_record(self, record: Any) -> None:
        self._new_parent = None
        super().show_record(record)

    def _new_type(self) -> None:
        self.start_new()
        self._focus_form()

    def _new_sub_type(self) -> None:
        if self._shown is not None:
            self.start_new(self._shown)
            self._focus_form()

    def _focus_form(self) -> None:
        self.form.widgets["name"].setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        if self._new_parent is not None and self._context is not None:
            fresh = {r.id: r for r in self._records()}
            self._new_parent = fresh.get(self._new_parent.id)
        super().reload()

    def _update_buttons(self, dirty: bool) -> None:
        shown = self._shown
        self.new_button.setEnabled(not dirty)
        self.sub_button.setEnabled(shown is not None and not dirty)
        self.active_button.setEnabled(shown is not None and not dirty)
        self.active_button.setText(
            "Make Act&ive" if shown is not None and not shown.is_active else "Make &Inactive"
        )
