"""Input converters: a form's (or a caller's) value checked and made typed.

Each takes what was given and returns it as stored, or raises a ValidationError naming
``field`` and saying, with ``label``, what is wrong. The services check their arguments
with these, and the reports and the command line check their options with the same ones,
so one mistake gets one sentence everywhere. No SQLAlchemy here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from officemgr.core.choices import SHOWS, Show, as_show
from officemgr.core.numbers import MONEY_PLACES, QUANTITY_PLACES, NumberTextError, plain_decimal
from officemgr.core.records import money
from officemgr.core.validation import check_text, remove_card_data
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


# The days a filter or a report may count from and to: a day either side of them is still
# a date (the day after the last, a local midnight turned into UTC, a period a year back).
FIRST_DAY = date(2, 1, 1)
LAST_DAY = date(9998, 12, 31)


def as_day(value: Any, *, field: str, label: str) -> date | None:
    """A date to filter or report by (see `as_date`), from year 2 to year 9998."""
    day = as_date(value, field=field, label=label)
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(f"{label} is out of range; use a year from 2 to 9998.", field=field)
    return day


# The largest amount a field or a line may hold: money is kept as 64-bit integer cents,
# and balances and totals must still fit when many of these are added up.
MAX_AMOUNT = Decimal("1e13")
MAX_NUMBER_TEXT = 100  # characters: the longest text taken as an amount


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
    if isinstance(value, str) and (len(value) > MAX_NUMBER_TEXT or _unquotable(value.strip())):
        # Refused before it is quoted back in a message: no amount is written this long,
        # and half a character or a line break cannot be shown in one.
        raise ValidationError(f"{label} must be a number, such as 1234.56.", field=field)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= MAX_AMOUNT:
        raise _too_large(label, field)  # before it is quoted: 4,301 digits cannot be
    try:
        amount = plain_decimal(value, places=places, what=label)
    except NumberTextError as error:
        raise ValidationError(str(error), field=field) from None
    if abs(amount) >= MAX_AMOUNT:
        raise _too_large(label, field)
    if amount < 0 and not allow_negative:
        raise ValidationError(f"{label} cannot be negative.", field=field)
    return amount


def _too_large(label: str, field: str) -> ValidationError:
    return ValidationError(f"{label} is too large: at most {MAX_AMOUNT - 1:,.0f}.", field=field)


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
    """A whole number from ``low`` to ``high``: an int, whole-number text, or a float or
    Decimal without a fraction; None and blank text are None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    message = f"{label} must be a whole number."
    if isinstance(value, bool) or not isinstance(value, (int, str, float, Decimal)):
        raise ValidationError(message, field=field)
    try:
        number = int(value.strip()) if isinstance(value, str) else int(value)
    except (ValueError, ArithmeticError):  # "x", "1" * 5000, NaN, infinity, sNaN
        raise ValidationError(message, field=field) from None
    if number != value and not isinstance(value, str):  # 2.5, Decimal("2.5")
        raise ValidationError(message, field=field)
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


# SQLite keeps integers in 64 bits: no record has an id outside this range, and asking
# the database for one fails inside its driver, so every id a caller gives is checked first.
MIN_ID = -(2**63)
MAX_ID = 2**63 - 1


def is_id(value: Any) -> bool:
    """Whether ``value`` could be a record's id: an int (not a bool) SQLite can hold."""
    return isinstance(value, int) and not isinstance(value, bool) and MIN_ID <= value <= MAX_ID


def check_id(value: Any, *, field: str, label: str, message: str | None = None) -> int:
    """A record's id as a caller gave it, or a ValidationError naming ``field``.

    ``label`` names the record ("customer or job"); ``message`` replaces the sentence for
    a value that is not a whole number at all.
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(message or f"Choose a {label} from the list.", field=field)
    if not MIN_ID <= value <= MAX_ID:
        raise ValidationError(
            f"There is no {label} with that id: ids are whole numbers no larger than {MAX_ID:,}.",
            field=field,
        )
    return value


def check_count(value: Any, *, field: str, message: str, low: int = 1) -> int:
    """A limit or offset of a list a caller asked for: a whole number from ``low`` up to
    what SQLite can count; else a ValidationError with ``message``, naming ``field``."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= MAX_ID:
        raise ValidationError(message, field=field)
    return value


def check_version(value: Any) -> int | None:
    """The ``expected_version`` a save was made from: None (do not check) or a whole number
    (compared with the stored one: any other is simply out of date)."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValidationError(
            "The expected version must be the record's version number, as read.",
            field="expected_version",
        )
    return value


def as_id(value: Any, *, field: str, label: str) -> int | None:
    if value is None or value == "":
        return None
    return check_id(value, field=field, label=label.lower())


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate: half of a character, which no keyboard
    types and no file, database or terminal can hold (it cannot be written as UTF-8)."""
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def query_text(value: Any, *, field: str, label: str) -> str:
    """Text to look records up by (a quick-filter search, a name, a phone number); None is
    empty. Not stored, so not bounded — but it must be text, made of whole characters."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"{label} must be text.", field=field)
    if has_surrogates(value):
        raise ValidationError(
            f"{label} contains half of a character (a lone surrogate), which cannot be "
            "looked up; type or paste it again.",
            field=field,
        )
    return value


PAPER_SIZES = ("letter", "a4")


def as_paper(value: Any, *, field: str) -> str | None:
    """A paper size: letter or A4 (any case); None (the office setting) stays None."""
    if value is None:
        return None
    return as_choice(value, PAPER_SIZES, field=field, label="The paper size")


def check_ids_or_names(values: Any, *, field: str, label: str) -> tuple[int | str, ...]:
    """Records chosen by id or by name (a report's customers; ``label`` names one, "customer
    or job"): ids SQLite can hold, and names as they are stored — runs of whitespace (a
    pasted line break) as one space, no other control characters, no half characters."""
    if isinstance(values, (str, bytes)) or not isinstance(values, (list, tuple)):
        raise ValidationError(f"Give a list of ids or names, one for each {label}.", field=field)
    chosen: list[int | str] = []
    for value in values:
        if isinstance(value, str):
            query_text(value, field=field, label=f"The name of a {label}")
            name = " ".join(value.split())
            if _unquotable(name):
                raise ValidationError(
                    f"The name of a {label} cannot hold control characters.", field=field
                )
            chosen.append(name)
        elif isinstance(value, int) and not isinstance(value, bool):
            chosen.append(check_id(value, field=field, label=label))
        else:
            raise ValidationError(f"Choose each {label} by id or by name.", field=field)
    return tuple(chosen)


def check_show(show: Any) -> Show:
    """``show`` (which customers and jobs a list shows) as a `Show`, or ValidationError."""
    known = as_show(show)
    if known is not None:
        return known
    raise ValidationError(
        f"Unknown list filter “{shown(show)}”: use one of {', '.join(SHOWS)}.", field="show"
    )


def shown(value: Any, limit: int = 60) -> str:
    """Text a caller gave, fit to quote in a one-line message: a lone surrogate (half a
    character, which no terminal or window can show) becomes "\ufffd", a control character
    its escape ("\\n"), and long text is cut short."""
    if not isinstance(value, str):
        return f"a {type(value).__name__}"
    # A message may be logged: a card number quoted in it is kept as its last four only.
    value = remove_card_data(value[: limit + 40]).text
    text = "".join(_shown_char(ch) for ch in value[: limit + 1])
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Characters that break a one-line message: controls, line and paragraph separators.
_LINE_BREAKING = ("Cc", "Zl", "Zp")


def _shown_char(ch: str) -> str:
    if "\ud800" <= ch <= "\udfff":
        return "\ufffd"
    if unicodedata.category(ch) in _LINE_BREAKING:
        return ch.encode("unicode_escape").decode("ascii")
    return ch


def _unquotable(text: str) -> bool:
    """Whether ``text`` quoted as it is would break a one-line message or its printing."""
    return has_surrogates(text) or any(unicodedata.category(ch) in _LINE_BREAKING for ch in text)
