"""Input converters shared by the services: a form's value checked and made typed.

Each takes what a form (or a caller) gave and returns it as stored, or raises a
ValidationError naming ``field`` and saying, with ``label``, what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from officemgr.core.numbers import MONEY_PLACES, QUANTITY_PLACES, NumberTextError, plain_decimal
from officemgr.core.records import money
from officemgr.core.validation import check_text
from officemgr.errors import ValidationError


def as_text(
    value: Any, *, field: str, label: str, max_length: int, multiline: bool = False
) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValidationError(f"{label} must be text.", field=field)
    return check_text(value, field=field, max_length=max_length, label=label, multiline=multiline)


def required_text(value: Any, *, field: str, label: str, max_length: int, missing: str) -> str:
    text = as_text(value, field=field, label=label, max_length=max_length)
    if text is None:
        raise ValidationError(missing, field=field)
    return text


def as_bool(value: Any, *, field: str, label: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise ValidationError(f"{label} must be yes or no.", field=field)


def as_date(value: Any, *, field: str, label: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    message = f"{label} must be a date, such as 2026-11-02."
    if not isinstance(value, str):
        raise ValidationError(message, field=field)
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(message, field=field) from None


# The largest amount a field or a line may hold: money is kept as 64-bit integer cents,
# and balances and totals must still fit when many of these are added up.
MAX_AMOUNT = Decimal("1e13")


def as_decimal(
    value: Any,
    *,
    field: str,
    label: str,
    places: int = QUANTITY_PLACES,
    allow_negative: bool = True,
) -> Decimal | None:
    """A number in the plain form (Decimal, int, "1234.56") as an exact Decimal with at
    most ``places`` decimals; None and blank text are None.

    Locale forms ("1,234.56", "12,50") are refused: the window reads what people type with
    ``core.numbers.NumberFormat`` and hands over Decimals, so nothing is guessed here.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        amount = plain_decimal(value, places=places, what=label)
    except NumberTextError as error:
        raise ValidationError(str(error), field=field) from None
    if abs(amount) >= MAX_AMOUNT:
        raise ValidationError(f"{label} is too large: at most {MAX_AMOUNT - 1:,.0f}.", field=field)
    if amount < 0 and not allow_negative:
        raise ValidationError(f"{label} cannot be negative.", field=field)
    return amount


def as_money(value: Any, *, field: str, label: str, allow_negative: bool = True) -> Decimal | None:
    """An amount of money in whole cents (see `as_decimal`)."""
    return as_decimal(
        value, field=field, label=label, places=MONEY_PLACES, allow_negative=allow_negative
    )


def line_amount(quantity: Decimal, rate: Decimal, *, field: str, label: str) -> Decimal:
    """``quantity`` × ``rate``, exact, rounded half-up to the cent once; refused when too
    large to store."""
    product = quantity * rate
    if abs(product) >= MAX_AMOUNT:
        raise ValidationError(
            f"{label} (quantity × rate) is too large: at most {MAX_AMOUNT - 1:,.0f}.", field=field
        )
    return money(product)


def as_int(value: Any, *, field: str, label: str, low: int, high: int) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError(f"{label} must be a whole number.", field=field)
    try:
        number = int(str(value).strip()) if isinstance(value, str) else int(value)
    except (ValueError, TypeError):
        raise ValidationError(f"{label} must be a whole number.", field=field) from None
    if isinstance(value, float) and value != number:
        raise ValidationError(f"{label} must be a whole number.", field=field)
    if not low <= number <= high:
        raise ValidationError(f"{label} must be between {low} and {high}.", field=field)
    return number


def as_choice(value: Any, choices: Iterable[str], *, field: str, label: str) -> str:
    options = list(choices)
    if isinstance(value, str):
        wanted = value.strip().casefold()
        for option in options:
            if option.casefold() == wanted:
                return option
    raise ValidationError(f"{label} must be one of: {', '.join(options)}.", field=field)


def as_id(value: Any, *, field: str, label: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"Choose a {label.lower()} from the list.", field=field)
    return value
