"""Settings pages: each fills its widgets in ``load``, refuses bad input in ``check`` and
hands over what changed in ``save`` (Picard's option pages).

A page registers itself with :func:`register_page`; the dialog shows every registered page
in ``order``, so adding a page leaves the dialog unchanged. The dialog checks every page
before it saves any, and saves the office settings of all pages in one service call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QWidget

from officemgr.core.records import OfficeLists, OfficeSettingsRecord
from officemgr.ui.changes import ChangeHub
from officemgr.ui.operations import Operations
from officemgr.ui.settings.page_icons import page_icon

if TYPE_CHECKING:
    from officemgr.company import Company

T = TypeVar("T")


class SettingsCheckError(Exception):
    """What ``check`` found wrong: a title, a sentence for the user, the widget at fault."""

    def __init__(self, title: str, message: str, widget: QWidget | None = None) -> None:
        super().__init__(message)
        self.title = title
        self.message = message
        self.widget = widget


@dataclass
class SettingsContext:
    """What the pages of one Settings dialog share.

    ``office`` is the office settings as read at load (its ``version`` guards the save);
    pages put their changed fields into ``office_changes`` and this desk's QSettings
    values into ``desk_changes`` in ``save``; the dialog writes both after every page
    has saved. List pages write at once through ``list_changed``.
    """

    company: Company
    hub: ChangeHub
    desk: QSettings
    initiator: QWidget
    ops: Operations  # the window's: writes run off the GUI thread, one at a time
    office: OfficeSettingsRecord
    lists: OfficeLists
    office_changes: dict[str, Any] = field(default_factory=dict)
    desk_changes: dict[str, Any] = field(default_factory=dict)
    saved_anything: bool = False
    lists_listeners: list[Callable[[], None]] = field(default_factory=list)

    def reload_lists(self) -> OfficeLists:
        self.lists = self.company.lists.all()
        return self.lists

    def run(self, work: Callable[[], T]) -> T:
        """A write of a settings page, through the window's operations, as the dialog (the
        core tells the window's other views what changed)."""
        return self.ops.run(self.initiator, work, initiator=self.initiator)

    def list_changed(self) -> None:
        """A list page wrote to the company: re-read the lists and tell the pages."""
        self.saved_anything = True
        self.reload_lists()
        for listener in list(self.lists_listeners):
            listener()


class SettingsPage(QWidget):
    """One page of the Settings dialog. Subclasses set the class attributes and override
    ``load``, ``check`` and ``save`` (and ``field_widgets`` when they edit office settings).
    """

    name: ClassVar[str] = ""  # the key open_settings(page=...) takes
    title: ClassVar[str] = ""  # shown in the page list and above the page
    icon_name: ClassVar[str] = ""
    order: ClassVar[int] = 100
    summary: ClassVar[str] = ""  # one line under the title

    @classmethod
    def icon(cls) -> QIcon:
        return page_icon(cls.icon_name)

    def load(self, context: SettingsContext) -> None:
        """Fill the widgets from ``context`` (called when the dialog opens and after Apply)."""

    def finish_editing(self) -> None:
        """Pages that save at once: save what is still typed in a form (OK, Apply), or raise
        SettingsCheckError saying why it cannot be."""

    def check(self) -> None:
        """Raise SettingsCheckError when what is typed cannot be saved."""

    def save(self, context: SettingsContext) -> None:
        """Put what changed into ``context`` (office_changes, desk_changes)."""

    def saved(self, context: SettingsContext) -> None:
        """The dialog saved; ``context.office`` is the new office settings record."""

    def field_widgets(self) -> dict[str, QWidget]:
        """The widget of each office setting this page edits, by service field name."""
        return {}

    def lists_changed(self, context: SettingsContext) -> None:
        """The office lists changed (on another page of this dialog); ``context.lists`` is new."""


P = TypeVar("P", bound=type[SettingsPage])

_REGISTERED: list[type[SettingsPage]] = []


def register_page(page_class: P) -> P:
    """Class decorator: show this page in every Settings dialog opened from now on."""
    if not page_class.name or not page_class.title:
        raise TypeError(f"{page_class.__name__} needs a name and a title")
    if any(p.name == page_class.name for p in _REGISTERED if p is not page_class):
        raise TypeError(f"A settings page called {page_class.name!r} is already registered")
    if page_class not in _REGISTERED:
        _REGISTERED.append(page_class)
    return page_class


def registered_pages() -> list[type[SettingsPage]]:
    """Every registered page class, in the order the dialog lists them."""
    return sorted(_REGISTERED, key=lambda p: p.order)


def reveal(widget: QWidget) -> None:
    """Bring ``widget`` into view inside its page: switch the stacks and tabs it sits in."""
    child: QWidget = widget
    parent = child.parentWidget()
    while parent is not None and not isinstance(parent, SettingsPage):
        if isinstance(parent, QStackedWidget) and parent.indexOf(child) >= 0:
            tabs = parent.parentWidget()
            if isinstance(tabs, QTabWidget):  # its pages sit in a stack of its own
                tabs.setCurrentWidget(child)
            else:
                parent.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()
