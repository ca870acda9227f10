"""The top of the Customer:Job form: kind, full name, balance, badges, Save and Revert."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from officemgr.core.records import NodeDetail
from officemgr.ui.elided_label import ElidedLabel
from officemgr.ui.formatting import format_money
from officemgr.ui.icons import icon

# Chip colours per badge (the summary panel's style): background, text.
BADGE_COLOURS = {
    "hold": ("#fdecea", "#8e1b1b"),
    "popup-note": ("#fff6d5", "#5c4600"),
    "prospect": ("#e3f0fc", "#1f5f9e"),
    "inactive": ("#eceff1", "#4a525b"),
}
BADGES = {
    "hold": "Credit hold",
    "popup-note": "Pop-up notes",
    "prospect": "Prospect",
    "inactive": "Inactive",
}


class BadgeChip(QFrame):
    """A small rounded label with an icon: "Credit hold", "Pop-up notes", …"""

    def __init__(self, key: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"badge-{key}")
        background, colour = BADGE_COLOURS[key]
        self.setStyleSheet(
            f"#badge-{key} {{ background: {background}; border-radius: 11px; }}"
            f"#badge-{key} QLabel {{ color: {colour}; }}"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 10, 3)
        layout.setSpacing(5)
        picture = QLabel(self)
        picture.setPixmap(icon(key).pixmap(16, 16))
        self.text_label = QLabel(text, self)
        layout.addWidget(picture)
        layout.addWidget(self.text_label)


def badges_of(detail: NodeDetail) -> list[str]:
    """The badges a record shows, most urgent first (a job shows its customer's hold)."""
    shown = []
    if detail.credit_hold:
        shown.append("hold")
    if any(n.is_active for n in detail.popup_notes):
        shown.append("popup-note")
    if detail.is_prospect:
        shown.append("prospect")
    if not detail.is_active:
        shown.append("inactive")
    return shown


class FormHeader(QFrame):
    def __init__(self, save: QAction, revert: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formHeader")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(14, 10, 10, 6)
        outer.setSpacing(12)
        outer.addLayout(self._title_column(), 1)
        outer.addLayout(self._save_column(save, revert))

    def _title_column(self) -> QVBoxLayout:
        """Kind, full name, and a row of balance and badges."""
        self.kind_label = QLabel(self)
        self.kind_label.setObjectName("kindLabel")
        self.kind_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        kind_font = QFont(self.kind_label.font())
        kind_font.setCapitalization(QFont.Capitalization.AllUppercase)
        kind_font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        kind_font.setPointSizeF(kind_font.pointSizeF() * 0.9)
        self.kind_label.setFont(kind_font)

        # A long Customer:Job name is cut in the middle (its customer and job both show).
        self.name_label = ElidedLabel(self)
        self.name_label.setObjectName("fullName")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        name_font = QFont(self.name_label.font())
        name_font.setPointSizeF(name_font.pointSizeF() * 1.5)
        name_font.setBold(True)
        self.name_label.setFont(name_font)

        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(self.kind_label)
        column.addWidget(self.name_label)
        column.addLayout(self._balance_row())
        return column

    def _balance_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        self.balance_label = QLabel(self)
        self.balance_label.setObjectName("balanceLabel")
        self.balance_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.balance_label)
        row.addSpacing(8)
        self.badges: dict[str, BadgeChip] = {}
        for key, label in BADGES.items():
            chip = BadgeChip(key, label, self)
            chip.hide()
            self.badges[key] = chip
            row.addWidget(chip)
        row.addStretch(1)
        # The row is as tall with badges as without: a record with badges after one with
        # none (or back) moves no tab and repaints no field below the header.
        self.balance_label.setMinimumHeight(
            max(chip.sizeHint().height() for chip in self.badges.values())
        )
        return row

    def _save_column(self, save: QAction, revert: QAction) -> QVBoxLayout:
        """Save and Revert, with the status line under them."""
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        self.save_button = QToolButton(self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefaultAction(save)
        self.revert_button = QToolButton(self)
        self.revert_button.setObjectName("revertButton")
        self.revert_button.setDefaultAction(revert)
        for button in (self.save_button, self.revert_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(False)
            buttons.addWidget(button)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("formStatus")
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(6000)
        self._status_timer.timeout.connect(self.status_label.clear)
        column = QVBoxLayout()
        column.setSpacing(4)
        column.addLayout(buttons)
        column.addWidget(self.status_label)
        column.addStretch(1)
        return column

    def show_detail(self, detail: NodeDetail, *, new: bool = False) -> None:
        kind = "Job" if detail.kind == "job" else "Customer"
        if new:
            self.kind_label.setText(f"New {kind.lower()}")
            under = f"{detail.parent_full_name}:" if detail.parent_full_name else ""
            self.name_label.set_full_text(f"{under}{detail.name or f'New {kind.lower()}'}")
            self.balance_label.setText("Not saved yet")
        else:
            self.kind_label.setText(kind)
            self.name_label.set_full_text(detail.full_name)
            total = detail.balance_total
            text = f"Balance: {format_money(total)}"
            if total != detail.balance:
                text += f" (this {kind.lower()} alone: {format_money(detail.balance)})"
            self.balance_label.setText(text)
        shown = badges_of(detail)
        for key, chip in self.badges.items():
            chip.setVisible(key in shown)
        self._keep_name_height()

    def set_name(self, text: str) -> None:
        self.name_label.set_full_text(text)
        self._keep_name_height()

    def _keep_name_height(self) -> None:
        """The name's line keeps the tallest height a name has needed (a name drawn in
        a fallback font is taller): the tabs below stay put from one record to the next."""
        label = self.name_label
        needed = label.sizeHint().height()
        if needed > label.minimumHeight():
            label.setMinimumHeight(needed)

    def show_status(self, text: str) -> None:
        self.status_label.setText(text)
        self._status_timer.start()

    def shown_badges(self) -> list[str]:
        """The keys of the badges on show, in order (for tests and accessibility)."""
        return [key for key, chip in self.badges.items() if not chip.isHidden()]
