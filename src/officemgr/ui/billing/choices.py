"""Filling the office-list combos of the billing dialogs (terms, payment methods)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QComboBox

NONE_TEXT = "(none)"


def fill_combo(combo: QComboBox, items: Sequence[Any], current: int | None) -> None:
    """``(none)`` then the active entries (and ``current`` even if it is inactive now);
    each entry's id is its item data. ``current`` is selected."""
    combo.clear()
    combo.addItem(NONE_TEXT, None)
    for item in items:
        if item.is_active or item.id == current:
            label = item.name if item.is_active else f"{item.name} (inactive)"
            combo.addItem(label, item.id)
    found = combo.findData(current) if current is not None else 0
    combo.setCurrentIndex(max(found, 0))
