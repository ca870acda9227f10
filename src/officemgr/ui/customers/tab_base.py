"""What every tab of the Customer:Job form has: its Designer form (``self.form``, a typed
`DesignerForm`), a shared context, ``load(detail)``, ``changes()`` (changed fields only)
and ``show_error(field, message)``.

Every free-text field a tab registers (line edits and text boxes) warns at the field
when it holds a card number or a card security code (`CardDataField`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from officemgr.core.records import NodeDetail, OfficeLists
from officemgr.ui.changes import ChangeHub
from officemgr.ui.customers.fields import CardDataField, FieldMessage, message_for
from officemgr.ui.editors import watch
from officemgr.ui.form_loader import DesignerForm
from officemgr.ui.operations import Operations

if TYPE_CHECKING:
    from officemgr.company import Company
    from officemgr.core.records import OfficeSettingsRecord
    from officemgr.namespaces import Popups

T = TypeVar("T")
F = TypeVar("F", bound=DesignerForm)
W = TypeVar("W", bound=QWidget)


class FormContext:
    """The company, its settings and office lists, the change hub and the window's
    operations, shared by the tabs. Writes go through `run`, as the form."""

    def __init__(
        self,
        company: Company,
        hub: ChangeHub,
        initiator: QWidget,
        ops: Operations | None = None,
    ) -> None:
        self.hub = hub
        self.initiator = initiator
        self.ops = ops if ops is not None else Operations(initiator)
        self._company = company
        hub.watch(company)
        self.settings: OfficeSettingsRecord | None = None
        self.lists: OfficeLists | None = None
        self.reload()

    @property
    def company(self) -> Company:
        return self._company

    @company.setter
    def company(self, company: Company) -> None:
        self._company = company
        self.hub.watch(company)

    def run(self, work: Callable[[], T], *, initiator: object = None) -> T:
        """``work`` (a write, or a long read) through the window's operations, off the GUI
        thread, as ``initiator`` (the form unless told): its changes reach every other view."""
        who = initiator if initiator is not None else self.initiator
        return self.ops.run(self.initiator, work, initiator=who)

    def reload(self) -> None:
        self.settings = self.company.settings.get()
        self.lists = self.company.lists.all()

    @property
    def region(self) -> str:
        return str(self.settings.default_phone_region if self.settings else "US")

    @property
    def title_case_mode(self) -> str:
        return str(self.settings.title_case_mode if self.settings else "off")

    @property
    def popups(self) -> Popups:
        """The pop-up notes service (``co.popups``)."""
        return self.company.popups


class FormTab(QWidget, Generic[F]):
    """One tab: the widgets of its Designer form ``form`` in a scroll area."""

    edited = Signal()
    title = ""
    # Fields that deal with card numbers themselves (Payment Info keeps brand + last four).
    own_card_handling: frozenset[str] = frozenset({"card_number"})
    # Message lines that keep their place, empty or not, so that a message never moves
    # the fields below (see `FieldMessage`); a tab that sets it gives every field a line
    # in its form (fields of one row may share one).
    reserve_message_lines = False

    def __init__(self, ctx: FormContext, form: F, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form = form
        self.setObjectName(form.root.objectName())
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(form.root)
        self.scroll_area = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        for edit in form.root.findChildren(QLineEdit):
            edit.installEventFilter(self)
        self.detail: NodeDetail | None = None
        self.loading = False
        self.messages: dict[str, FieldMessage] = {}
        self.editors: dict[str, QWidget] = {}  # form field -> the widget to focus
        self.card_data: dict[str, CardDataField] = {}  # free-text fields, checked for cards
        self._line_edits: list[QLineEdit] | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Fields show the start of long text when loaded; focus given by the program
        # (Enter or F2 from the list, an error) puts the cursor at the end, to type on.
        if (
            event.type() == QEvent.Type.FocusIn
            and isinstance(watched, QLineEdit)
            and isinstance(event, QFocusEvent)
            and event.reason() == Qt.FocusReason.OtherFocusReason
        ):
            watched.end(False)
        return False

    def field(self, field: str, editor: W, message: QLabel | None = None) -> W:
        """Register ``editor`` as the widget of form ``field`` and watch it for edits;
        ``message``: the form's label for its messages (else one is made on first use;
        fields that share a row may share its label, and so its messages)."""
        self.editors[field] = editor
        if message is not None:
            shared = next((m for m in self.messages.values() if m.label is message), None)
            self.messages[field] = (
                shared
                if shared is not None
                else message_for(editor, message, reserve=self.reserve_message_lines)
            )
        watch(editor, self.changed)
        if isinstance(editor, (QLineEdit, QPlainTextEdit)) and field not in self.own_card_handling:
            self.card_data[field] = CardDataField(editor, lambda: self.message(field))
        return editor

    def message(self, field: str) -> FieldMessage:
        """The message line under ``field`` (made on first use)."""
        found = self.messages.get(field)
        if found is None:
            found = self.messages[field] = message_for(
                self.editors[field], reserve=self.reserve_message_lines
            )
        return found

    def changed(self, *_args: Any) -> None:
        if not self.loading:
            self.edited.emit()

    # -- the interface the form uses ----------------------------------------------

    def load(self, detail: NodeDetail) -> None:
        self.loading = True
        try:
            self.detail = detail
            self.clear_messages()
            self.fill(detail)
            for edit in self.line_edits():
                edit.setCursorPosition(0)  # long text shows its start, not its end
        finally:
            self.loading = False

    def fill(self, detail: NodeDetail) -> None:
        raise NotImplementedError

    def line_edits(self) -> list[QLineEdit]:
        """The tab's line edits (found once; `forget_line_edits` after adding some)."""
        if self._line_edits is None:
            self._line_edits = self.form.root.findChildren(QLineEdit)
        return self._line_edits

    def forget_line_edits(self) -> None:
        """The tab made or removed line edits: find them again when next needed."""
        self._line_edits = None

    def changes(self) -> dict[str, Any]:
        raise NotImplementedError

    def refill(self) -> None:
        """The office lists or settings changed: refill choices, keeping what is chosen."""

    def editor_for(self, field: str) -> QWidget | None:
        if field in self.editors:
            return self.editors[field]
        head = field.split(".", 1)[0]
        return self.editors.get(head)

    def show_error(self, field: str, message: str) -> bool:
        """Show ``message`` under ``field``; False when the field is not on this tab."""
        key = field if field in self.editors else field.split(".", 1)[0]
        if key not in self.editors:
            return False
        self.message(key).error(message)
        return True

    def clear_messages(self, kind: str | None = None) -> None:
        for message in self.messages.values():
            message.clear(kind)

    def errors(self) -> dict[str, str]:
        """The error messages on show, by field (for tests and the status line)."""
        return {f: m.text for f, m in self.messages.items() if m.kind == "error"}
