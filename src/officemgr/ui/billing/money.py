"""Reading amounts typed into the billing dialogs (shown with ``ui.formatting.format_money``)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from officemgr.core.records import money

ZERO = Decimal(0)


class AmountError(ValueError):
    """Text that is not an amount; the message says so in words a user reads."""


def parse_decimal(text: str, *, what: str = "amount") -> Decimal | None:
    """``"1,234.5"`` → ``Decimal("1234.5")``; blank → None; anything else: AmountError.

    Thousands separators and a leading currency sign are allowed, as people type them.
    """
    cleaned = text.strip().replace(",", "").replace(" ", "").lstrip("$")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise AmountError(f"The {what} must be a number, like 1,250.00.") from None
    if not value.is_finite():
        raise AmountError(f"The {what} must be a number, like 1,250.00.")
    return value


def parse_money(text: str, *, what: str = "amount") -> Decimal | None:
    """Like `parse_decimal`, rounded to cents (half up, as invoices round)."""
    value = parse_decimal(text, what=what)
    return None if value is None else money(value)


def plain_number(value: Decimal, *, places: int = 0) -> str:
    """A quantity or rate to edit: no thousands separators, no trailing zeros beyond
    ``places`` decimals (``places=2`` for money: ``95`` → ``"95.00"``)."""
    text = f"{value:f}"
    whole, _, decimals = text.partition(".")
    decimals = decimals.rstrip("0")
    if len(decimals) < places:
        decimals = decimals.ljust(places, "0")
    return f"{whole}.{decimals}" if decimals else whole
