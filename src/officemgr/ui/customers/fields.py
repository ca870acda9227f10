"""Helpers the Customer:Job form's tabs share: messages at a field, phones, emails,
Title Case, card data in free text, dates with an empty state, money and combo boxes.

Nothing typed is ever thrown away here: a phone that does not parse and an odd email
stay as typed, with a warning under the field (an email field may instead refuse what is
not an address, until the user keeps it as typed: see `EmailField`). A card number or
security code typed into a free-text field stays in the field too, with a warning that
saving keeps only "card ending NNNN" (the services reduce it; the form then shows what
was stored).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QStyle,
    QWidget,
)

from officemgr.core.records import EmailRecord, PhoneRecord
from officemgr.core.validation import (
    check_email,
    parse_phone,
    remove_card_data,
    suggest_title_case,
    title_case,
)
from officemgr.errors import ValidationError
from officemgr.ui.formatting import NumberTextError, format_money, read_money

COLOURS = {"error": "#b3261e", "warning": "#9a5800", "suggestion": "#1f5f9e", "info": "#4a525b"}
# A message line with a link takes keyboard focus: a frame shows where it is (always
# there, transparent, so that focus does not move the text).
MESSAGE_STYLE = (
    "QLabel { border: 1px solid transparent; border-radius: 2px; }"
    " QLabel:focus { border-color: palette(highlight); }"
)
EMPTY_DATE = QDate(1900, 1, 1)  # a QDateEdit showing this date shows as empty


# ------------------------------------------------------------------------ layouts


def layouts_around(widget: QWidget) -> Iterator[QLayout]:
    """The layout of ``widget``'s parent and every layout nested in it."""
    parent = widget.parentWidget()
    top = parent.layout() if parent is not None else None
    pending: list[QLayout] = [top] if top is not None else []
    while pending:
        layout = pending.pop()
        yield layout
        for i in range(layout.count()):
            item = layout.itemAt(i)
            child = item.layout() if item is not None else None
            if child is not None:
                pending.append(child)


def form_layout_of(widget: QWidget) -> QFormLayout | None:
    """The QFormLayout that holds ``widget`` directly (searching nested layouts)."""
    return next(
        (
            layout
            for layout in layouts_around(widget)
            if isinstance(layout, QFormLayout) and layout.indexOf(widget) >= 0
        ),
        None,
    )


def row_of(layout: QFormLayout, widget: QWidget) -> int:
    """The form row of ``widget``, or of the row layout it sits in."""
    position = layout.getWidgetPosition(widget)  # (row, role); typed only as object
    row = position[0] if isinstance(position, tuple) else -1
    if row >= 0:
        return int(row)
    for r in range(layout.rowCount()):
        for role in (QFormLayout.ItemRole.FieldRole, QFormLayout.ItemRole.SpanningRole):
            item = layout.itemAt(r, role)
            nested = item.layout() if item is not None else None
            if nested is not None and nested.indexOf(widget) >= 0:
                return r
    return -1


# ----------------------------------------------------------------------- messages


class FieldMessage(QObject):
    """One line of text under a field: an error, a warning or a clickable suggestion.

    The label sits in its own row of a QFormLayout. By default that row is hidden while
    there is nothing to say; with ``reserve`` the line always keeps its place, one text
    line high, so a message coming or going never moves the fields below it (text too
    long for the line is cut short with "…"; the whole of it is the line's tooltip, the
    field's icon's tooltip and the field's accessible description).

    A message may carry a link (a suggestion, or an action such as "Keep as typed"):
    then the line takes keyboard focus, right after its field in the Tab order, and
    Enter or Space follows the link as a click does. A line edit also shows a warning
    icon with the text as tooltip.
    """

    def __init__(self, label: QLabel, editor: QWidget | None = None, *, reserve: bool = False):
        super().__init__(label)
        self.label = label
        self.editor = editor
        self.reserve = reserve
        self.kind: str | None = None
        self.text = ""
        self._plain = ""  # the message before its link
        self._link = ""  # the link's text ("" for none)
        self._on_link: Callable[[], None] | None = None
        self._icon_action: QAction | None = None
        label.setTextFormat(Qt.TextFormat.RichText)
        # The keyboard is handled here (`eventFilter`): Qt's own keyboard links would make
        # the line swallow a Tab or Shift+Tab to move between its links.
        label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        label.linkActivated.connect(self._link_activated)
        label.installEventFilter(self)  # keys, and a new width to cut the line to
        label.setStyleSheet(MESSAGE_STYLE)
        if reserve:
            label.setWordWrap(False)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            label.setFixedHeight(label.fontMetrics().height() + 2)
        else:
            label.setWordWrap(True)
        if editor is not None:
            label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # setTabOrder skips NoFocus
            QWidget.setTabOrder(editor, label)  # Tab from the field reaches its link
        label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._set_visible(False)

    def _set_visible(self, visible: bool) -> None:
        if self.reserve:
            return  # the line keeps its place, empty or not
        layout = form_layout_of(self.label)
        if layout is not None:
            layout.setRowVisible(self.label, visible)
        else:
            self.label.setVisible(visible)

    def _show(self, kind: str, plain: str, link: str = "") -> None:
        self.kind = kind
        self.text = plain or link
        self._plain, self._link = plain, link
        self.label.setToolTip(self.text)
        if self.editor is not None:
            self.editor.setAccessibleDescription(self.text)
        self.label.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus if self._on_link is not None else Qt.FocusPolicy.NoFocus
        )
        self._render()
        self._set_visible(True)
        self._set_icon(kind if kind in ("error", "warning") else None)

    def _render(self) -> None:
        """The label's rich text: the message (cut to the line when reserved), the link."""
        if self.kind is None:
            self.label.clear()
            return
        plain, link = self._plain, self._link
        if self.reserve:
            metrics = self.label.fontMetrics()
            room = self.label.contentsRect().width()
            if link:
                link = metrics.elidedText(link, Qt.TextElideMode.ElideRight, room)
                room -= metrics.horizontalAdvance(f"{link}  ")
            plain = metrics.elidedText(plain, Qt.TextElideMode.ElideRight, max(room, 0))
        parts = []
        if plain:
            parts.append(f'<span style="color:{COLOURS[self.kind]}">{escape(plain)}</span>')
        if link:
            colour = COLOURS["suggestion"]
            parts.append(f'<a href="apply" style="color:{colour}">{escape(link)}</a>')
        self.label.setText("&nbsp;".join(parts))

    def error(self, text: str, action: tuple[str, Callable[[], None]] | None = None) -> None:
        """An error; ``action`` ("Keep as typed", what it does) adds a link after it."""
        self._on_link = action[1] if action is not None else None
        self._show("error", text, action[0] if action is not None else "")

    def warning(self, text: str) -> None:
        self._on_link = None
        self._show("warning", text)

    def suggest(self, text: str, on_apply: Callable[[], None]) -> None:
        """A link such as "Use “McDonald, Fiona”?"; clicking it calls ``on_apply``."""
        self._on_link = on_apply
        self._show("suggestion", "", f"Use “{text}”?")

    def clear(self, kind: str | None = None) -> None:
        """Hide the message (only if it is of ``kind``, when given)."""
        if self.kind is None or (kind is not None and self.kind != kind):
            return
        self.kind = None
        self.text = self._plain = self._link = ""
        self._on_link = None
        had_focus = self.label.hasFocus()
        self.label.clear()
        self.label.setToolTip("")
        self.label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._set_visible(False)
        self._set_icon(None)
        if self.editor is not None:
            self.editor.setAccessibleDescription("")
        if had_focus and self.editor is not None:
            self.editor.setFocus(Qt.FocusReason.OtherFocusReason)  # back to the field

    def apply_suggestion(self) -> None:
        """What clicking the suggestion does (also for keyboard users and tests)."""
        self._link_activated("apply")

    def _link_activated(self, _link: str) -> None:
        action = self._on_link
        self.clear()
        if action is not None:
            action()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Not focus events: one comes while a focused label is being destroyed, when it
        # is a QLabel no more.
        kind = event.type()
        if kind == QEvent.Type.Resize:
            self._render()
        elif (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
            and self._on_link is not None
        ):
            self._link_activated("apply")
            return True
        return False

    def _set_icon(self, kind: str | None) -> None:
        if not isinstance(self.editor, QLineEdit):
            return
        if kind is None:
            if self._icon_action is not None:
                self._icon_action.setVisible(False)
            return
        pixmap = (
            QStyle.StandardPixmap.SP_MessageBoxCritical
            if kind == "error"
            else QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        icon = self.editor.style().standardIcon(pixmap)
        if self._icon_action is None:
            self._icon_action = self.editor.addAction(
                icon, QLineEdit.ActionPosition.TrailingPosition
            )
        self._icon_action.setIcon(icon)
        self._icon_action.setToolTip(self.text)
        self._icon_action.setVisible(True)


def message_for(
    editor: QWidget, label: QLabel | None = None, *, reserve: bool = False
) -> FieldMessage:
    """A FieldMessage for ``editor``: in ``label``, or in a new row made under its row
    (``reserve``: a line that keeps its place, see `FieldMessage`)."""
    if label is None:
        label = QLabel(editor.parentWidget())
        label.setObjectName(f"{editor.objectName()}Message")
        # The form that holds it, directly or in a row layout of its own.
        layout = form_layout_of(editor) or next(
            (
                form
                for form in layouts_around(editor)
                if isinstance(form, QFormLayout) and row_of(form, editor) >= 0
            ),
            None,
        )
        if layout is not None:
            row = row_of(layout, editor)
            layout.insertRow(row + 1, "", label)
            layout.setRowVisible(row + 1, reserve)
        else:
            # Not in a form (a notepad in a column): the line goes right under it.
            label.setVisible(reserve)
            box = next(
                (
                    column
                    for column in layouts_around(editor)
                    if isinstance(column, QBoxLayout) and column.indexOf(editor) >= 0
                ),
                None,
            )
            if box is not None:
                box.insertWidget(box.indexOf(editor) + 1, label)
    return FieldMessage(label, editor, reserve=reserve)


# -------------------------------------------------------------------- phones, email


def compose_phone(number: str, extension: str) -> str:
    number, extension = number.strip(), extension.strip()
    return f"{number} x{extension}" if number and extension else number


class PhoneField(QObject):
    """A phone line edit (and optional extension): formatted on leaving the field with
    the office region; a number that does not parse is kept as typed, with a warning."""

    def __init__(
        self,
        edit: QLineEdit,
        message: FieldMessage,
        region: Callable[[], str],
        extension: QLineEdit | None = None,
    ) -> None:
        super().__init__(edit)
        self.edit = edit
        self.extension = extension
        self.message = message
        self._region = region
        edit.editingFinished.connect(self.tidy)
        edit.textEdited.connect(lambda _text: self.message.clear())

    def tidy(self) -> None:
        text = self.edit.text().strip()
        if not text:
            self.message.clear()
            return
        card_data = remove_card_data(text).message
        if card_data:  # not a phone number at all; saving keeps only the last four
            self.message.warning(card_data)
            return
        parsed = parse_phone(text, self._region())
        if parsed.is_valid:
            shown = parsed.formatted
            if parsed.extension and self.extension is not None:
                self.extension.setText(parsed.extension)
            elif parsed.extension:
                shown = compose_phone(shown, parsed.extension)
            if shown != self.edit.text():
                self.edit.setText(shown)
        if parsed.warning:
            self.message.warning(parsed.warning)
        else:
            self.message.clear()

    def set_record(self, record: PhoneRecord | None) -> None:
        self.message.clear()
        if record is None:
            self.edit.clear()
            if self.extension is not None:
                self.extension.clear()
            return
        if record.is_valid and self.extension is not None:
            self.edit.setText(record.formatted)
            self.extension.setText(record.extension or "")
        else:
            self.edit.setText(shown_phone(record))
            if self.extension is not None:
                self.extension.clear()
        if record.warning:
            self.message.warning(record.warning)

    def value(self) -> str:
        return compose_phone(
            self.edit.text(), self.extension.text() if self.extension is not None else ""
        )


def shown_phone(record: PhoneRecord | None) -> str:
    """What a PhoneField gives back (`value`) for a stored phone it was loaded with."""
    if record is None:
        return ""
    if record.is_valid:
        return compose_phone(record.formatted, record.extension or "")
    return record.as_typed


KEEP_AS_TYPED = "Keep as typed"


class EmailField(QObject):
    """An email line edit, checked for shape on leaving it.

    By default an odd address warns and is kept. With ``refuse`` (the Customer:Job
    form) text that is not an address is refused at the field: a red line says why,
    and saving stops there, until it is fixed or the user follows the line's "Keep as
    typed" link (a real oddity kept knowingly: it then only warns). An address the
    record already holds counts as kept. The services keep any address, with its
    warning: refusing is the form's rule, for people typing, not for imports or the API.
    """

    def __init__(self, edit: QLineEdit, message: FieldMessage, *, refuse: bool = False) -> None:
        super().__init__(edit)
        self.edit = edit
        self.message = message
        self.refuse = refuse
        self.kept: str | None = None  # the text the user chose to keep as typed
        edit.editingFinished.connect(self.check)
        edit.textEdited.connect(lambda _text: self.message.clear())

    def check(self) -> None:
        text = self.edit.text().strip()
        card_data = remove_card_data(text).message
        if card_data:
            self.message.warning(card_data)
            return
        checked = check_email(text) if text else None
        if checked is None or checked.is_valid:
            self.message.clear()
        elif not self.show_refusal():
            self.message.warning(checked.warning or "")

    def problem(self) -> str | None:
        """Why the form must not save the address (only with ``refuse``); else None."""
        text = self.edit.text().strip()
        if not self.refuse or not text or text == self.kept:
            return None
        checked = check_email(text)
        if checked.is_valid:
            return None
        return (
            f"Not an email address: {checked.reason}"
            if checked.reason
            else ("Not an email address.")
        )

    def show_refusal(self) -> bool:
        """Show the refusal at the field, with its Keep as typed link (False: none)."""
        problem = self.problem()
        if problem is None:
            return False
        self.message.error(problem, (KEEP_AS_TYPED, self.keep))
        return True

    def keep(self) -> None:
        """Keep the address as typed: saving takes it, the field only warns."""
        self.kept = self.edit.text().strip()
        self.check()

    def set_record(self, record: EmailRecord | None) -> None:
        self.message.clear()
        self.kept = record.address if record is not None else None
        self.edit.setText(record.address if record is not None else "")
        if record is not None and record.warning:
            self.message.warning(record.warning)


class CardDataField(QObject):
    """Warns under a free-text field holding a card number or a card security code.

    Checked on leaving the field (a line edit's editingFinished, a text box losing
    focus). What was typed stays in the field: saving keeps only "card ending NNNN" and
    drops the code (the services do that for every text field), and the form then
    shows what was stored. ``message`` gives the field's message line, made when first
    needed.
    """

    def __init__(self, edit: QLineEdit | QPlainTextEdit, message: Callable[[], FieldMessage]):
        super().__init__(edit)
        self.edit = edit
        self._message = message
        self._warning: str | None = None  # the warning this field put up, while shown
        if isinstance(edit, QLineEdit):
            edit.editingFinished.connect(self.check)
        else:
            edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.check()
        return False

    def text(self) -> str:
        edit = self.edit
        return edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()

    def check(self) -> str | None:
        """Show (or take down) the warning; returns it."""
        warning = remove_card_data(self.text()).message
        if warning is not None:
            self._message().warning(warning)
        elif self._warning is not None:
            message = self._message()
            if message.kind == "warning" and message.text == self._warning:
                message.clear()
        self._warning = warning
        return warning


class TitleCaseField(QObject):
    """Title Case for a name or address field, per the office setting
    (off / suggest: a suggestion under the field, a link reached by mouse or by Tab /
    automatic: on leaving it). ``applied`` is emitted when a suggestion is taken."""

    applied = Signal()

    def __init__(
        self, edit: QLineEdit, message: FieldMessage, kind: str, mode: Callable[[], str]
    ) -> None:
        super().__init__(edit)
        self.edit = edit
        self.message = message
        self.kind = kind
        self._mode = mode
        edit.editingFinished.connect(self.check)
        edit.textEdited.connect(lambda _text: self.message.clear("suggestion"))

    def check(self) -> None:
        mode = self._mode()
        text = self.edit.text()
        if mode == "off" or not text.strip():
            self.message.clear("suggestion")
            return
        if mode == "automatic":
            converted = title_case(text, kind=self.kind)
            if converted != text.strip():
                self.edit.setText(converted)
            return
        suggestion = suggest_title_case(text, kind=self.kind)
        if suggestion is None:
            self.message.clear("suggestion")
        elif self.message.kind in (None, "suggestion"):
            self.message.suggest(suggestion, lambda: self._apply(suggestion))

    def _apply(self, suggestion: str) -> None:
        self.edit.setText(suggestion)
        self.applied.emit()


# ------------------------------------------------------------------------- dates


class DateField(QObject):
    """A QDateEdit with an empty state (shown as "—").

    Entering an empty field offers today, selected, ready to type over; leaving it
    untouched makes it empty again. Delete or Backspace with everything selected
    empties it.
    """

    changed = Signal()

    def __init__(self, edit: QDateEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        self._provisional = False
        self._setting = False
        edit.setMinimumDate(EMPTY_DATE)
        edit.setSpecialValueText("—")
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        edit.setDate(EMPTY_DATE)
        edit.installEventFilter(self)
        edit.dateChanged.connect(self._date_changed)

    def value(self) -> date | None:
        current = self.edit.date()
        if current == EMPTY_DATE or not current.isValid():
            return None
        return date(current.year(), current.month(), current.day())

    def set_value(self, value: date | None) -> None:
        self._setting = True
        try:
            self._provisional = False
            self.edit.setDate(QDate(value.year, value.month, value.day) if value else EMPTY_DATE)
        finally:
            self._setting = False

    def _date_changed(self, _date: QDate) -> None:
        if not self._setting:
            self._provisional = False
            self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn and self.value() is None:
            self.set_value(date.today())
            self._provisional = True
            self.edit.selectAll()
        elif kind == QEvent.Type.FocusOut and self._provisional:
            self.set_value(None)
        elif (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        ):
            line = self.edit.findChild(QLineEdit)
            if line is not None and line.selectedText() == line.text():
                self.edit.setDate(EMPTY_DATE)
                return True
        return False


# ------------------------------------------------------------------ money, combos


def money_text(amount: Decimal | None) -> str:
    """An amount in a field, as the office writes it ("1,234.50"); "" for none."""
    return "" if amount is None else format_money(amount)


@dataclass(frozen=True)
class Unreadable:
    """Text typed into a number field that is not a number in the office's form. It stays
    in the field as typed; saving refuses it at the field with ``message``."""

    text: str
    message: str

    def __str__(self) -> str:
        return self.text


def money_value(text: str, *, what: str) -> Decimal | Unreadable | None:
    """The amount typed (None when blank), or what is wrong with it."""
    try:
        return read_money(text, what=what)
    except NumberTextError as error:
        return Unreadable(text.strip(), str(error))


def money_changed(value: Decimal | Unreadable | None, original: Decimal | None) -> bool:
    return isinstance(value, Unreadable) or value != original


def refuse_unreadable(changes: dict[str, Any]) -> None:
    """ValidationError at the first field whose typed number could not be read (custom
    fields included, named ``custom_fields.<id>`` as their messages are)."""
    for field, value in changes.items():
        if isinstance(value, Unreadable):
            raise ValidationError(value.message, field=field)
        if field == "custom_fields" and isinstance(value, dict):
            for field_id, custom in value.items():
                if isinstance(custom, Unreadable):
                    raise ValidationError(custom.message, field=f"custom_fields.{field_id}")


def fill_combo(
    combo: QComboBox,
    entries: Iterable[tuple[str, Any, bool]],
    selected: Any,
    *,
    blank: str | None = "",
    extra: Iterable[tuple[str, Any]] = (),
) -> None:
    """Fill ``combo`` with (text, data, active) entries: inactive ones only when selected;
    then the (text, data) items of ``extra``. Items already as wanted are kept (a record
    loaded after another is only selected: no model reset, no new size hint)."""
    wanted: list[tuple[str, Any]] = [(blank, None)] if blank is not None else []
    wanted += [
        (text if active else f"{text} (inactive)", data)
        for text, data, active in entries
        if active or data == selected
    ]
    wanted += extra
    combo.blockSignals(True)
    try:
        if not _holds(combo, wanted):
            combo.clear()
            for text, data in wanted:
                combo.addItem(text, data)
        index = (
            combo.findData(selected) if selected is not None else (0 if blank is not None else -1)
        )
        combo.setCurrentIndex(max(index, 0))
    finally:
        combo.blockSignals(False)


def _holds(combo: QComboBox, items: list[tuple[str, Any]]) -> bool:
    """Whether ``combo`` holds exactly ``items`` (text and data), in order."""
    if combo.count() != len(items):
        return False
    return all(
        combo.itemText(i) == text and combo.itemData(i) == data
        for i, (text, data) in enumerate(items)
    )


def select_data(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    combo.setCurrentIndex(index if index >= 0 else 0)


def text_or_none(text: str) -> str | None:
    stripped = text.strip()
    return stripped or None
