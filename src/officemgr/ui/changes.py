"""Change notifications: whoever writes says what changed; every view decides what to reload.

A view never has to know which other windows show the same data (Anki's
``operation_did_execute`` idea): after a service call, the initiator emits ``changed``
with the areas it touched, and each view ignores changes it made itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class Changes:
    """Which kinds of data a unit of work touched (and, when known, which node)."""

    nodes: bool = False  # customers or jobs: names, tree, flags, details
    contacts: bool = False
    contact_log: bool = False
    popups: bool = False
    job_work: bool = False  # a job's services, stops, inventory, estimate and final lines
    billing: bool = False  # invoices, payments, voids: balances move, prospects convert
    lists: bool = False  # office lists, employees, custom field definitions
    settings: bool = False  # office settings and this desk's preferences
    company: bool = False  # another company file was opened
    node_id: int | None = None


class ChangeHub(QObject):
    """One per window: ``changed(Changes, initiator)``."""

    changed = Signal(object, object)

    def announce(self, changes: Changes, initiator: object | None = None) -> None:
        self.changed.emit(changes, initiator)
