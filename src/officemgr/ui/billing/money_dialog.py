"""What the New Invoice and Receive Payment dialogs share: the skeleton and the save.

Both show the customer (read only) and a date over a table (invoice lines, or the open
invoices a payment goes to), a message line and OK / Cancel. OK saves through ``run=``
(the window's operations: the write runs off the GUI thread) and a refusal is shown at
the field at fault, with the dialog left open and everything typed kept.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from officemgr.core.records import NodeDetail
from officemgr.errors import CreditHoldError, OfficeMgrError, ValidationError
from officemgr.ui.customers.fields import COLOURS
from officemgr.ui.operations import Runner

if TYPE_CHECKING:
    from officemgr.company import Company

R = TypeVar("R")  # the record a save returns (an invoice, a payment)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


@dataclass(frozen=True)
class DialogNames:
    """The object names of the shared parts (tests and screenshots find them by these)."""

    dialog: str
    customer: str
    date: str
    table: str
    message: str


class MoneyDialog(QDialog, Generic[R]):
    """The shared skeleton; ``record`` is what was saved (None until then).

    A subclass sets ``names``, ``title`` and ``ok_text`` (``view_class`` for a table of its
    own), fills in ``view`` and lays the dialog out with `assemble`. Its `prepare_write`
    checks what is typed and returns the write to run (None: refused, and said where);
    `saved` keeps what the write returned.
    """

    names: ClassVar[DialogNames]
    title: ClassVar[str]
    ok_text: ClassVar[str]
    view_class: ClassVar[type[QTableView]] = QTableView  # the table's class

    def __init__(
        self,
        company: Company,
        detail: NodeDetail,
        parent: QWidget | None,
        *,
        customer: str,
        run: Runner[R],
    ) -> None:
        super().__init__(parent)
        self.setObjectName(self.names.dialog)
        self.setWindowTitle(self.title)
        self.company = company
        self.run = run  # the window's operations: the save runs off the GUI thread
        self.detail = detail
        self.record: R | None = None
        self.customer_edit = QLineEdit(customer, self)
        self.customer_edit.setObjectName(self.names.customer)
        self.customer_edit.setReadOnly(True)
        self.customer_edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.date_edit = QDateEdit(qdate(date.today()), self)
        self.date_edit.setObjectName(self.names.date)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.view = self._table()

    def _table(self) -> QTableView:
        view = self.view_class(self)
        view.setObjectName(self.names.table)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        # Tab leaves the table; arrows move in it (an invoice's lines take Tab: its view_class).
        view.setTabKeyNavigation(False)
        return view

    def assemble(
        self,
        heading: QLayout,
        *,
        above_table: Sequence[QWidget] = (),
        below_table: Sequence[QWidget | QLayout] = (),
        tab_order: Sequence[QWidget],
    ) -> None:
        """Make the message line and OK / Cancel, and lay the dialog out top to bottom;
        Tab goes through ``tab_order``, then the buttons."""
        self.message_label = message_line(self.names.message, self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("buttonBox")
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.ok_text)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        for widget in above_table:
            layout.addWidget(widget)
        layout.addWidget(self.view, 1)
        for part in below_table:
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        for first, second in itertools.pairwise([*tab_order, self.buttons]):
            QWidget.setTabOrder(first, second)

    # -- saving -------------------------------------------------------------------------

    def save(self) -> None:
        """Save; on a refusal show why at its field and stay open with everything typed."""
        self.clear_messages()
        while True:
            write = self.prepare_write()
            if write is None:
                return
            try:
                record = self.run(write)
            except CreditHoldError as error:
                if self.override_credit(error):
                    continue  # again, with the reason for the override
                return
            except ValidationError as error:
                self.show_refusal(error)
                return
            except OfficeMgrError as error:
                self.say(self.message_label, str(error))
                return
            self.record = record
            self.accept()
            return

    def prepare_write(self) -> Callable[[], R] | None:
        """The write of what is typed (read here, on the GUI thread); None when something
        typed is refused before writing (and said at its field)."""
        raise NotImplementedError

    def override_credit(self, error: CreditHoldError) -> bool:
        """The customer is on hold or over its limit: True to save again with an override.
        Unless a dialog asks for one, the refusal is said."""
        self.say(self.message_label, str(error))
        return False

    def field_widgets(self) -> dict[str, QWidget]:
        """The widget of each field the service may refuse, by the service's field name."""
        return {}

    def message_line_for(self, widget: QWidget | None) -> QLabel:
        """Where a refusal of ``widget``'s field is said (the message line unless told)."""
        return self.message_label

    def message_lines(self) -> list[QLabel]:
        """Every line that may show a refusal, top to bottom."""
        return [self.message_label]

    def show_refusal(self, error: ValidationError) -> None:
        """Say what the service refused, and focus its field."""
        target = self.field_widgets().get((error.field or "").split(".")[0])
        self.say(self.message_line_for(target), error.message)
        if target is not None:
            target.setFocus()

    # -- messages -----------------------------------------------------------------------

    def say(self, label: QLabel, text: str) -> None:
        label.setText(f'<span style="color:{COLOURS["error"]}">{escape(text)}</span>')
        label.setToolTip(text)
        label.show()

    def clear_messages(self) -> None:
        for label in self.message_lines():
            label.hide()

    def errors(self) -> list[str]:
        """The messages on show (for tests and the status line)."""
        return [label.toolTip() for label in self.message_lines() if not label.isHidden()]

    def focus_cell(self, row: int, column: int) -> None:
        """Put the cursor on a cell of the table (the one a refusal is about)."""
        index = self.view.model().index(row, column)
        self.view.setFocus()
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(index)


def message_line(name: str, parent: QWidget) -> QLabel:
    """A hidden, wrapping line for what was refused."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.hide()
    return label
