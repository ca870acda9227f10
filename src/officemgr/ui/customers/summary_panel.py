"""The right-hand side of the main window: what the selected customer or job is.

A read-only summary (full name, balance, warnings) until the Customer:Job form with its
tabs takes this place; the main window only calls ``show_row``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from officemgr.core.services.tree import TreeRow
from officemgr.ui.formatting import format_money
from officemgr.ui.icons import icon
from officemgr.ui.models.customer_job_tree import BADGE_TEXT, badges_of

# Chip colours per badge: background, text.
BADGE_COLOURS = {
    "hold": ("#fdecea", "#8e1b1b"),
    "popup-note": ("#fff6d5", "#5c4600"),
    "prospect": ("#e3f0fc", "#1f5f9e"),
    "inactive": ("#eceff1", "#4a525b"),
}
EMPTY_TEXT = "Select a customer or job in the list to see it here."


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


class CustomerSummaryPanel(QStackedWidget):
    """Shows the selected node's kind, full name, balance and warnings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerSummaryPanel")
        self._row: TreeRow | None = None

        self.empty_label = QLabel(EMPTY_TEXT, self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.addWidget(self.empty_label)

        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)

        self.kind_label = QLabel(page)
        self.kind_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        kind_font = QFont(self.kind_label.font())
        kind_font.setCapitalization(QFont.Capitalization.AllUppercase)
        kind_font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        self.kind_label.setFont(kind_font)

        self.full_name_label = QLabel(page)
        self.full_name_label.setObjectName("fullName")
        self.full_name_label.setWordWrap(True)
        self.full_name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        name_font = QFont(self.full_name_label.font())
        name_font.setPointSizeF(name_font.pointSizeF() * 1.5)
        name_font.setBold(True)
        self.full_name_label.setFont(name_font)

        self.badge_row = QHBoxLayout()
        self.badge_row.setSpacing(6)
        self.badges: dict[str, BadgeChip] = {}
        for key, text in [*BADGE_TEXT.items(), ("inactive", "Inactive")]:
            chip = BadgeChip(key, text, page)
            self.badges[key] = chip
            self.badge_row.addWidget(chip)
        self.badge_row.addStretch(1)

        details = QFormLayout()
        details.setHorizontalSpacing(16)
        details.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.balance_label = QLabel(page)
        self.balance_label.setObjectName("balance")
        self.balance_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel(page)
        details.addRow("Balance:", self.balance_label)
        details.addRow("Status:", self.status_label)

        layout.addWidget(self.kind_label)
        layout.addWidget(self.full_name_label)
        layout.addLayout(self.badge_row)
        layout.addSpacing(6)
        layout.addLayout(details)
        layout.addStretch(1)
        self.details_page = page
        self.addWidget(page)

    @property
    def row(self) -> TreeRow | None:
        return self._row

    def show_row(self, row: TreeRow | None) -> None:
        self._row = row
        if row is None:
            self.setCurrentWidget(self.empty_label)
            return
        self.kind_label.setText("Customer" if row.is_customer else "Job")
        self.full_name_label.setText(row.full_name)
        self.balance_label.setText(format_money(row.balance_total))
        self.status_label.setText(
            ("Active" if row.is_active else "Inactive") + (" prospect" if row.is_prospect else "")
        )
        shown = set(badges_of(row)) | ({"inactive"} if not row.is_active else set())
        for key, chip in self.badges.items():
            chip.setVisible(key in shown)
        self.setCurrentWidget(self.details_page)

    def shown_badges(self) -> list[str]:
        """The keys of the badges on show, in order (for tests and accessibility)."""
        return [key for key, chip in self.badges.items() if not chip.isHidden()]
