"""Additional Info: office lists, user-defined fields, the notepad and pop-up notes."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from officemgr.core.records import CustomFieldRecord, NodeDetail, PopupNoteRecord
from officemgr.errors import ConflictError, OfficeMgrError
from officemgr.ui.customers.fields import DateField, Unreadable, fill_combo, text_or_none
from officemgr.ui.customers.popup_dialog import PopupNoteEditor, describe_triggers
from officemgr.ui.customers.reflow import ColumnReflow
from officemgr.ui.customers.tab_base import FormContext, FormTab
from officemgr.ui.form_loader import DesignerForm
from officemgr.ui.formatting import NumberTextError, edit_number, read_number
from officemgr.ui.preferences import current_employee
from officemgr.ui.reload_box import ask_reload

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

# form field -> which list of ctx.lists fills its combo
LIST_COMBOS = {
    "customer_type_id": "customer_types",
    "terms_id": "terms",
    "sales_rep_id": "sales_reps",
    "inside_rep_id": "employees",
    "department_id": "departments",
    "marketing_source_id": "marketing_sources",
    "tax_code_id": "tax_codes",
    "price_level_id": "price_levels",
}


class AdditionalForm(DesignerForm):
    """``forms/customer_additional_tab.ui``."""

    ui_file = "customer_additional_tab"
    customer_type_combo: QComboBox
    terms_combo: QComboBox
    sales_rep_combo: QComboBox
    inside_rep_combo: QComboBox
    department_combo: QComboBox
    marketing_source_combo: QComboBox
    tax_code_combo: QComboBox
    price_level_combo: QComboBox
    resale_number_edit: QLineEdit
    prospect_check: QCheckBox
    custom_fields_form: QFormLayout
    notepad_edit: QPlainTextEdit
    date_stamp_button: QPushButton
    print_notepad_button: QPushButton
    popup_list: QListWidget
    add_popup_button: QPushButton
    edit_popup_button: QPushButton
    remove_popup_button: QPushButton
    popup_hint: QLabel

    def list_combos(self) -> dict[str, QComboBox]:
        """The combo of each office-list field (in the order of ``LIST_COMBOS``)."""
        return {
            "customer_type_id": self.customer_type_combo,
            "terms_id": self.terms_combo,
            "sales_rep_id": self.sales_rep_combo,
            "inside_rep_id": self.inside_rep_combo,
            "department_id": self.department_combo,
            "marketing_source_id": self.marketing_source_combo,
            "tax_code_id": self.tax_code_combo,
            "price_level_id": self.price_level_combo,
        }


def date_stamp(employee: str, now: datetime | None = None) -> str:
    """What *Date Stamp* inserts: "2026-11-27 14:05 — Dana: " (local time)."""
    moment = now or datetime.now()
    return f"{moment:%Y-%m-%d %H:%M} — {employee}: "


class CustomField:
    """The editor of one user-defined field, by its type."""

    def __init__(self, record: CustomFieldRecord, parent: QWidget) -> None:
        self.record = record
        self.date: DateField | None = None
        kind = record.field_type
        self.widget: QWidget
        if kind == "date":
            edit = QDateEdit(parent)
            edit.setCalendarPopup(True)
            edit.setMaximumWidth(130)
            self.date = DateField(edit)
            self.widget = edit
        elif kind == "yes_no":
            self.widget = QCheckBox("Yes", parent)
        elif kind == "choice":
            combo = QComboBox(parent)
            combo.addItem("", None)
            for choice in record.choices:
                combo.addItem(choice, choice)
            self.widget = combo
        else:
            line = QLineEdit(parent)
            if kind == "number":
                # No validator: what is typed stays, and a save says what form is expected.
                line.setMaximumWidth(160)
                line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.widget = line
        self.widget.setObjectName(f"customField{record.id}")

    def set_value(self, value: Any) -> None:
        w = self.widget
        if self.date is not None:
            self.date.set_value(value)
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QComboBox):
            if value is not None and w.findData(value) < 0:
                w.addItem(f"{value} (no longer a choice)", value)
            index = w.findData(value) if value is not None else 0
            w.setCurrentIndex(max(index, 0))
        elif isinstance(w, QLineEdit):
            if self.record.field_type == "number" and isinstance(value, Decimal):
                w.setText(edit_number(value))
            else:
                w.setText("" if value is None else str(value))

    def value(self) -> Any:
        w = self.widget
        if self.date is not None:
            return self.date.value()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox):
            return w.currentData()
        assert isinstance(w, QLineEdit)
        if self.record.field_type == "number":
            try:
                return read_number(w.text(), what=self.record.name)
            except NumberTextError as error:
                return Unreadable(w.text().strip(), str(error))
        return text_or_none(w.text())

    def differs(self, original: Any) -> bool:
        current = self.value()
        kind = self.record.field_type
        if kind == "yes_no":
            return bool(current) != bool(original)
        if kind == "number":
            return isinstance(current, Unreadable) or current != original
        return bool(current != original)


class AdditionalTab(FormTab[AdditionalForm]):
    title = "Additional Info"
    popups_changed = Signal(object)  # the node's notes, after an add, edit or remove

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, AdditionalForm(), parent)
        columns = self.form.root.layout()
        assert isinstance(columns, QBoxLayout)  # two columns, stacked when narrow
        self.columns = ColumnReflow(columns, self.scroll_area.viewport())
        f = self.form
        self.combos = {field: self.field(field, combo) for field, combo in f.list_combos().items()}
        self.resale = self.field("resale_number", f.resale_number_edit)
        self.prospect = self.field("is_prospect", f.prospect_check)
        self.notepad = self.field("notepad", f.notepad_edit)
        self.custom_form = f.custom_fields_form
        self.custom: dict[int, CustomField] = {}
        self._custom_key: tuple[Any, ...] = ()
        self._custom_made: dict[int, CustomField] = {}  # every editor made, shown or not
        self._custom_empty: QWidget | None = None
        self.popup_list = f.popup_list
        # A note's line wraps in the list: none is cut at the right edge.
        self.popup_list.setWordWrap(True)
        self.popup_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.popup_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notes: tuple[PopupNoteRecord, ...] = ()
        f.date_stamp_button.clicked.connect(self.insert_date_stamp)
        f.print_notepad_button.clicked.connect(lambda: self.print_notepad())
        f.add_popup_button.clicked.connect(self.add_note)
        f.edit_popup_button.clicked.connect(self.edit_note)
        f.remove_popup_button.clicked.connect(self.remove_note)
        self.popup_list.itemDoubleClicked.connect(lambda _item: self.edit_note())
        self.popup_list.currentRowChanged.connect(lambda _row: self._enable_note_buttons())

    # -- loading ----------------------------------------------------------------------

    def fill(self, detail: NodeDetail) -> None:
        self._fill_combos({f: getattr(detail, f) for f in LIST_COMBOS})
        self.resale.setText(detail.resale_number or "")
        self.prospect.setVisible(detail.kind == "customer")
        self.prospect.setChecked(detail.is_prospect)
        self.notepad.setPlainText(detail.notepad or "")
        self._build_custom(detail, dict(detail.custom_fields))
        self.show_notes(detail.popup_notes)

    def refill(self) -> None:
        if self.detail is None:
            return
        was_loading, self.loading = self.loading, True
        try:
            self._fill_combos({f: c.currentData() for f, c in self.combos.items()})
            current = {fid: field.value() for fid, field in self.custom.items()}
            self._custom_key = ()
            self._build_custom(self.detail, current)
        finally:
            self.loading = was_loading

    def _entries(self, list_name: str) -> list[tuple[str, Any, bool]]:
        lists = self.ctx.lists
        assert lists is not None
        return [(r.name, r.id, r.is_active) for r in getattr(lists, list_name)]

    def _fill_combos(self, selected: dict[str, Any]) -> None:
        for field, list_name in LIST_COMBOS.items():
            fill_combo(self.combos[field], self._entries(list_name), selected.get(field))

    def _build_custom(self, detail: NodeDetail, values: dict[int, Any]) -> None:
        """Show the record's user-defined fields. The editors of a customer's and of a
        job's are made together, once: a record of the other kind only shows its rows."""
        lists = self.ctx.lists
        assert lists is not None
        wanted = "job" if detail.kind == "job" else "customer"
        made = [d for d in lists.custom_fields if d.is_active or d.id in values]
        key = tuple(made)
        if key != self._custom_key:
            self._custom_key = key
            self._make_custom(made)
        shown = [
            d for d in made if (d.is_active and d.applies_to in (wanted, "both")) or d.id in values
        ]
        self.custom = {d.id: self._custom_made[d.id] for d in shown}
        # (A row already as wanted is left alone: the layout is not redone.)
        for field in self._custom_made.values():
            self.custom_form.setRowVisible(field.widget, field.record.id in self.custom)
        if self._custom_empty is not None:
            self.custom_form.setRowVisible(self._custom_empty, not shown)
        for stale in [k for k in self.editors if k.startswith("custom_fields.")]:
            self.editors.pop(stale)
        for fid, field in self.custom.items():
            self.editors[f"custom_fields.{fid}"] = field.widget
            field.set_value(values.get(fid))

    def _make_custom(self, defs: list[CustomFieldRecord]) -> None:
        """The rows of ``defs`` (after "none yet", shown when a record has none)."""
        while self.custom_form.rowCount():
            self.custom_form.removeRow(0)
        self.custom = {}
        self._custom_made = {}
        for registry in (self.editors, self.messages):
            for stale in [k for k in registry if k.startswith("custom_fields.")]:
                registry.pop(stale)
        empty = QLabel(
            "No user-defined fields yet. The office adds them in Settings.", self.form.root
        )
        empty.setWordWrap(True)
        self.custom_form.addRow(empty)
        self._custom_empty = empty
        previous: QWidget = self.prospect
        for defn in defs:
            field = CustomField(defn, self.form.root)
            label = QLabel(f"{defn.name}:", self.form.root)
            label.setBuddy(field.widget)
            self.custom_form.addRow(label, field.widget)
            self._custom_made[defn.id] = field
            self.field(f"custom_fields.{defn.id}", field.widget)
            QWidget.setTabOrder(previous, field.widget)
            previous = field.widget
        QWidget.setTabOrder(previous, self.notepad)
        self.forget_line_edits()

    # -- notepad ----------------------------------------------------------------------

    def insert_date_stamp(self) -> None:
        self.notepad.textCursor().insertText(date_stamp(current_employee()))
        self.notepad.setFocus()

    def print_notepad(self, printer: QPrinter | None = None) -> bool:
        """Print the notepad; without ``printer`` the system print dialog asks where."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # loaded when first used

        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, self)
            dialog.setObjectName("notepadPrintDialog")
            dialog.setWindowTitle("Print Notepad")
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        document = self.notepad.document().clone(self)
        title = self.detail.full_name if self.detail else ""
        if title:
            cursor = document.rootFrame().firstCursorPosition()
            cursor.insertText(f"{title} — Notepad\n\n")
        document.print_(printer)
        return True

    # -- pop-up notes -----------------------------------------------------------------

    def show_notes(self, notes: tuple[PopupNoteRecord, ...]) -> None:
        current = self.current_note()
        self.notes = tuple(notes)
        self.popup_list.clear()
        saved = self.detail is not None and self.detail.id != 0
        for note in notes:
            text = note.name
            extras = [describe_triggers(note)]
            if not note.is_active:
                extras.append("inactive")
            if note.inherited:
                extras.append("from the customer" if self.detail else "inherited")
            item = QListWidgetItem(f"{text}  ({'; '.join(extras)})")
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            item.setToolTip(note.text)
            if note.inherited or not note.is_active:
                item.setForeground(QColor("#6b7178"))
            self.popup_list.addItem(item)
            if current is not None and note.id == current.id:
                self.popup_list.setCurrentItem(item)
        self.form.add_popup_button.setEnabled(saved)
        hint = (
            "Pop-up notes are saved as soon as you add, change or remove them. "
            "Notes from the customer are changed on the customer."
            if saved
            else "Save the record first, then add its pop-up notes."
        )
        self.form.popup_hint.setText(hint)
        self._enable_note_buttons()

    def current_note(self) -> PopupNoteRecord | None:
        row = self.popup_list.currentRow()
        return self.notes[row] if 0 <= row < len(self.notes) else None

    def _enable_note_buttons(self) -> None:
        note = self.current_note()
        own = note is not None and not note.inherited
        self.form.edit_popup_button.setEnabled(own)
        self.form.remove_popup_button.setEnabled(own)

    def _after_note_change(self) -> None:
        assert self.detail is not None
        notes = tuple(self.ctx.popups.list_for(self.detail.id))
        self.show_notes(notes)
        self.popups_changed.emit(notes)

    def add_note(self) -> None:
        if self.detail is None or not self.detail.id:
            return
        editor = PopupNoteEditor(self, None)
        values = editor.ask()
        if values is None:
            return
        popups, owner = self.ctx.popups, self.detail.id
        try:
            self.ctx.run(lambda: popups.add(owner=owner, **values))
        except OfficeMgrError as error:
            QMessageBox.warning(self, "Pop-up Note", str(error))
            return
        self._after_note_change()

    def edit_note(self) -> None:
        note = self.current_note()
        if note is None or note.inherited:
            return
        values = PopupNoteEditor(self, note).ask()
        if values is None:
            return
        popups = self.ctx.popups
        try:
            self.ctx.run(lambda: popups.update(note.id, expected_version=note.version, **values))
        except ConflictError as error:
            if ask_reload(self, "Pop-up Note", error):
                self._after_note_change()  # their version on show, to edit again
            return
        except OfficeMgrError as error:
            QMessageBox.warning(self, "Pop-up Note", str(error))
            return
        self._after_note_change()

    def remove_note(self) -> None:
        note = self.current_note()
        if note is None or note.inherited:
            return
        answer = QMessageBox.question(
            self,
            "Remove Pop-up Note",
            f"Remove the pop-up note “{note.name}”?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        popups = self.ctx.popups
        try:
            self.ctx.run(lambda: popups.remove(note.id))
        except OfficeMgrError as error:
            QMessageBox.warning(self, "Pop-up Note", str(error))
            return
        self._after_note_change()

    # -- saving -----------------------------------------------------------------------

    def changes(self) -> dict[str, Any]:
        d = self.detail
        if d is None:
            return {}
        out: dict[str, Any] = {}
        for field, combo in self.combos.items():
            if combo.currentData() != getattr(d, field):
                out[field] = combo.currentData()
        resale = text_or_none(self.resale.text())
        if resale != d.resale_number:
            out["resale_number"] = resale
        if d.kind == "customer" and self.prospect.isChecked() != d.is_prospect:
            out["is_prospect"] = self.prospect.isChecked()
        notepad = self.notepad.toPlainText()
        if notepad.strip() != (d.notepad or "").strip():
            out["notepad"] = notepad if notepad.strip() else None
        custom = {
            fid: field.value()
            for fid, field in self.custom.items()
            if field.differs(d.custom_fields.get(fid))
        }
        if custom:
            out["custom_fields"] = custom
        return out
