"""Caller ID: which record a number opens, and the chooser when it belongs to several customers.

A number is often on a customer and on its jobs (a new job copies its customer's phone):
that is one caller, and the customer opens. Only numbers of *different* customers need a
choice, made from the keyboard: the list has the focus on its first row, arrows move,
Enter opens, Esc cancels. Each row shows what a dispatcher must see before picking up
the conversation: balance, overdue, hold, pop-up notes, prospect, open jobs, last contact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from officemgr.core.records import CallerCard, PhoneMatch
from officemgr.ui.formatting import format_money
from officemgr.ui.icons import icon
from officemgr.ui.models.customer_job_tree import BADGE_TEXT

__all__ = ["CallerChooser", "by_customer", "record_to_open"]

COLUMNS = ("Customer", "Balance", "Overdue", "Open jobs", "Last contact", "Warnings")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def by_customer(matches: Sequence[PhoneMatch]) -> dict[int, list[PhoneMatch]]:
    """The matches grouped by their customer, in the order the lookup gave them."""
    groups: dict[int, list[PhoneMatch]] = {}
    for match in matches:
        groups.setdefault(match.customer_id, []).append(match)
    return groups


def record_to_open(group: Sequence[PhoneMatch]) -> PhoneMatch:
    """The record one customer's matches open: the one record when there is one; else
    the customer itself (the number is the customer's, copied to its jobs)."""
    first = group[0]
    if all(match.node_id == first.node_id for match in group):
        return first
    own = next((m for m in group if m.node_id == m.customer_id), None)
    if own is not None:
        return own
    customer_name = first.full_name.split(":")[0]
    return replace(
        first,
        kind="customer",
        id=first.customer_id,
        name=customer_name,
        node_id=first.customer_id,
        full_name=customer_name,
    )


def warnings_of(card: CallerCard) -> list[str]:
    """The chooser's warning badges, most urgent first (the tree's keys)."""
    flags = (
        ("hold", card.credit_hold),
        ("popup-note", card.has_popup_notes),
        ("prospect", card.is_prospect),
    )
    return [key for key, shown in flags if shown]


def _day_text(when: datetime | None) -> str:
    """A moment as its local day, written as every date of the window is (2026-08-31);
    "—" for never."""
    if when is None:
        return "—"
    return when.astimezone().date().isoformat()


def _how_matched(group: Sequence[PhoneMatch]) -> str:
    """Whose number it is, under the customer's name: "Job Furnace", "Contact Ann Baker"."""
    parts = []
    for match in group:
        if match.kind == "contact":
            parts.append(f"contact {match.name}")
        elif match.kind == "job":
            parts.append(f"job {match.full_name.split(':', 1)[1]}")
    return ", ".join(parts)


class CallerChooser(QDialog):
    """The number belongs to several customers: pick one."""

    def __init__(
        self,
        number: str,
        cards: Sequence[CallerCard],
        groups: dict[int, list[PhoneMatch]],
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("callerChooser")
        self.setWindowTitle("Find by Phone")
        label = QLabel(f"{len(cards)} customers have the number {escape(number)}:", self)
        self.list = QTreeWidget(self)
        self.list.setObjectName("callerChoices")
        self.list.setAccessibleName("Customers with this number")
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setHeaderLabels(list(COLUMNS))
        items = [self._item(card, groups.get(card.customer_id, [])) for card in cards]
        self.list.addTopLevelItems(items)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        if items:
            self.list.setCurrentItem(items[0])
        self.list.itemActivated.connect(lambda _item, _column: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(760, 300)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _item(self, card: CallerCard, group: Sequence[PhoneMatch]) -> QTreeWidgetItem:
        how = _how_matched(group)
        name = card.full_name + (f" — {how}" if how else "")
        if not card.is_active:
            name += " · inactive"
        last = _day_text(card.last_contact)
        warnings = warnings_of(card)
        item = QTreeWidgetItem(
            [
                name,
                format_money(card.balance),
                format_money(card.overdue) if card.overdue else "—",
                str(card.open_jobs),
                last,
                ", ".join(BADGE_TEXT[key] for key in warnings),
            ]
        )
        item.setData(0, Qt.ItemDataRole.UserRole, card.customer_id)
        item.setToolTip(0, name)
        for column in (1, 2, 3):
            item.setTextAlignment(column, _RIGHT)
        if warnings:
            item.setIcon(5, icon(warnings[0]))
        return item

    def chosen_customer_id(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(0, Qt.ItemDataRole.UserRole)) if item is not None else None
