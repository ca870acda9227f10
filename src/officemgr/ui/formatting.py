"""How numbers look on screen (one place, so the tree, the panel and later forms agree)."""

from __future__ import annotations

from decimal import Decimal


def format_money(amount: Decimal | None) -> str:
    """``Decimal("-1234567.5")`` → ``"-1,234,567.50"``: two decimals, thousands separators."""
    return f"{amount if amount is not None else Decimal(0):,.2f}"
