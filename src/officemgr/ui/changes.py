"""Change notifications: the core says what each write changed; every view decides what
to reload.

A view never has to know which other windows show the same data, nor what a service
writes besides its own record (Anki's ``operation_did_execute`` idea): the company reports
the areas every unit of work touched, with the initiator it ran for (``ui.operations``),
and each view ignores the changes it made itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from officemgr.core.changes import Changes

if TYPE_CHECKING:
    from officemgr.company import Company

__all__ = ["ChangeHub", "Changes"]


class ChangeHub(QObject):
    """One per window: ``changed(Changes, initiator)``, for what the window's company file
    reported (`watch`) and for the window's own news (another file was opened)."""

    changed = Signal(object, object)
    # From whichever thread wrote: queued to the hub's (the GUI) thread.
    _reported = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reported.connect(self._received)
        self._watched: Company | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._deliver: Callable[[Callable[[], object]], None] | None = None

    def deliver_through(self, after: Callable[[Callable[[], object]], None]) -> None:
        """Announce the company's reports through ``after`` (the window's
        `Operations.after`): between operations, never inside one that is waiting."""
        self._deliver = after

    def watch(self, company: Company) -> None:
        """Announce what every unit of work on ``company`` changed (the one company this
        hub follows; watching it again changes nothing)."""
        if company is self._watched:
            return
        self.forget()
        self._watched = company
        self._unsubscribe = company.subscribe(self._reported.emit)

    def forget(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
        self._watched = None
        self._unsubscribe = None

    def _received(self, changes: Changes, initiator: object | None) -> None:
        if self._deliver is None:
            self.announce(changes, initiator)
        else:
            self._deliver(lambda: self.announce(changes, initiator))

    def announce(self, changes: Changes, initiator: object | None = None) -> None:
        self.changed.emit(changes, initiator)
