"""How numbers look and are read on screen, in the office's locale (one place, so the tree,
the panels, the dialogs and the tables agree).

The window calls `use_numbers` with the open company's format (Settings › Phones &
money; without a choice, the computer's locale as Qt sees it). Everything typed is read
with `read_number` into an exact Decimal before a service sees it: the services take the
plain form only.
"""

from __future__ import annotations

from decimal import Decimal

from officemgr.core.numbers import (
    MONEY_PLACES,
    QUANTITY_PLACES,
    NumberFormat,
    NumberTextError,
    number_format,
    set_system_locale,
)

__all__ = [
    "MONEY_PLACES",
    "QUANTITY_PLACES",
    "NumberTextError",
    "edit_number",
    "format_money",
    "format_quantity",
    "format_rate",
    "learn_system_locale",
    "numbers",
    "read_money",
    "read_number",
    "use_numbers",
]

_current: NumberFormat | None = None


def learn_system_locale() -> None:
    """Tell the core what Qt knows of the computer's locale (the Windows and macOS
    settings, which the environment often does not carry)."""
    from PySide6.QtCore import QLocale

    set_system_locale(QLocale.system().name())


def use_numbers(fmt: NumberFormat | None) -> None:
    """Show and read numbers as ``fmt`` does from now on (the company's choice; None: the
    computer's)."""
    global _current
    _current = fmt


def numbers() -> NumberFormat:
    """The format in use: the company's, or the computer's before a company is open."""
    return _current if _current is not None else number_format(None)


def format_money(amount: Decimal | None) -> str:
    """``Decimal("-1234567.5")`` → ``"-1,234,567.50"`` (en_US) or ``"-1.234.567,50"`` (de_DE)."""
    return numbers().money(amount)


def format_rate(value: Decimal | None) -> str:
    """A price per unit: two decimals, up to four when it has them."""
    return numbers().rate(value)


def format_quantity(value: Decimal | None) -> str:
    """A quantity as people write it: ``4.5``, ``1,250``, ``0.125``."""
    return numbers().quantity(value)


def edit_number(value: Decimal | None, *, places: int = 0) -> str:
    """A number to edit: no thousands separators, at least ``places`` decimals."""
    return numbers().edit_text(value, places=places)


def read_number(text: str, *, what: str, places: int = QUANTITY_PLACES) -> Decimal | None:
    """What was typed, as an exact Decimal (None when blank). NumberTextError says, in a
    sentence for the field, what form is expected: "12,50" in en_US is refused, not read
    as 1,250."""
    return numbers().read(text, places=places, what=what)


def read_money(text: str, *, what: str = "The amount") -> Decimal | None:
    """Like `read_number`, in whole cents."""
    return read_number(text, what=what, places=MONEY_PLACES)
