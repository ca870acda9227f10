"""Numbers as the office writes them: read and shown in its locale, with babel.

There are two forms of a number:

- the **plain** form of the API, the command line and files: a ``Decimal``, an ``int`` or
  text such as ``"1234.56"`` (no thousands separators, a full stop before the decimals);
- the **local** form people type and read: ``1,234.56`` in en_US, ``1.234,56`` in de_DE,
  ``1 234,56`` in fr_FR. `NumberFormat` reads and writes it for one locale.

Money has whole cents (`MONEY_PLACES`); quantities, rates and percentages keep up to
`QUANTITY_PLACES` decimals. A number with more decimals than its kind allows is refused,
never rounded behind the typist's back.

The office chooses its locale in Settings › Phones & money; without a choice it is the
computer's (`system_locale`). The window tells this module what Qt found for the computer
(`set_system_locale`), which knows macOS and Windows better than the environment does.
"""

from __future__ import annotations

import copy
import locale as stdlib_locale
import re
import warnings
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.numbers import (
    NumberFormatError,
    NumberPattern,
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
    get_minus_sign_symbol,
    parse_decimal,
)

__all__ = [
    "DEFAULT_LOCALE",
    "MONEY_PLACES",
    "QUANTITY_PLACES",
    "NumberFormat",
    "NumberTextError",
    "locale_choices",
    "locale_name",
    "number_format",
    "plain_decimal",
    "set_system_locale",
    "system_locale",
]

MONEY_PLACES = 2
QUANTITY_PLACES = 4
DEFAULT_LOCALE = "en_US"
# Locales babel reports for a computer with no language set ("C", "POSIX").
_NO_LANGUAGE = frozenset({"C", "POSIX", "en_US_POSIX", ""})
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")

_system_locale: str | None = None


class NumberTextError(ValueError):
    """Text that is not a number of the expected kind; the message says so to a user."""


# ----------------------------------------------------------------------- locales


def locale_name(name: str | None) -> str | None:
    """``name`` ("de-DE", "de_DE", "de") as babel's canonical name; None when babel does
    not know it."""
    if not name or name.split(".")[0] in _NO_LANGUAGE:
        return None
    try:
        return str(Locale.parse(name.split(".")[0].replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def set_system_locale(name: str | None) -> None:
    """What the computer's locale is (the window passes Qt's ``QLocale.system().name()``)."""
    global _system_locale
    _system_locale = locale_name(name)


def system_locale() -> str:
    """The computer's locale: as the window was told, else the environment, else en_US."""
    if _system_locale is not None:
        return _system_locale
    from babel import default_locale

    found = locale_name(default_locale("LC_NUMERIC") or "")
    if found is None:
        with warnings.catch_warnings():  # getdefaultlocale is deprecated, and the only way
            warnings.simplefilter("ignore", DeprecationWarning)  # to ask Windows
            found = locale_name(stdlib_locale.getdefaultlocale()[0] or "")
    return found or DEFAULT_LOCALE


def locale_choices() -> list[tuple[str, str]]:
    """(name, "English (United States) — 1,234.56") for every locale with a territory,
    sorted by what it is called."""
    from babel.localedata import locale_identifiers

    choices = []
    for ident in locale_identifiers():
        parts = ident.split("_")
        if len(parts) < 2 or not parts[-1].isupper() or len(parts[-1]) != 2:
            continue
        fmt = number_format(ident)
        choices.append((ident, f"{fmt.display_name} — {fmt.money(Decimal('1234.56'))}"))
    return sorted(choices, key=lambda choice: choice[1].casefold())


# ------------------------------------------------------------------- plain form


def plain_decimal(value: Any, *, places: int, what: str) -> Decimal:
    """``value`` in the plain form (Decimal, int, "1234.56") as an exact Decimal.

    Raises NumberTextError for anything else — floats (which are not exact), text with
    thousands separators or a decimal comma — and for more than ``places`` decimals.
    ``what`` names the value in the message ("The amount").
    """
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, str)):
        raise NumberTextError(
            f"{what} must be a number: a Decimal, an int, or text such as 1234.56 "
            f"(a {type(value).__name__} is not exact)."
        )
    written = (
        f"{what} must be a number written like 1234.56 (no thousands separators, a full "
        f"stop before the decimals); “{value}” is not."
    )
    if isinstance(value, str):
        text = value.strip()
        if not _PLAIN.fullmatch(text):
            raise NumberTextError(written)
        value = Decimal(text)
    number = Decimal(value)
    if not number.is_finite():
        raise NumberTextError(written)
    return _checked_places(number, places, what)


def _checked_places(number: Decimal, places: int, what: str) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    try:
        exact = number.quantize(quantum)
    except InvalidOperation:  # more digits than the context holds: far too large anyway
        raise NumberTextError(f"{what} is too large.") from None
    if exact != number:
        kind = "whole cents" if places == MONEY_PLACES else f"at most {places} decimal places"
        raise NumberTextError(f"{what} must be in {kind}; {number:f} is not.")
    return exact


# ------------------------------------------------------------------- local form


@dataclass(frozen=True)
class _Patterns:
    money: NumberPattern
    rate: NumberPattern
    quantity: NumberPattern
    edit: NumberPattern


class NumberFormat:
    """Numbers read and shown the way one locale writes them; ``currency`` ("USD") is the
    office's, whose sign may be typed before or after an amount."""

    def __init__(self, name: str, currency: str | None = None) -> None:
        self.locale = Locale.parse(name)
        self.name = str(self.locale)
        self.currency = currency
        self.decimal = get_decimal_symbol(self.locale)
        self.group = get_group_symbol(self.locale)
        self.minus = get_minus_sign_symbol(self.locale)
        base = self.locale.decimal_formats[None]
        self._patterns = _Patterns(
            money=_with_places(base, 2, 2),
            rate=_with_places(base, 2, QUANTITY_PLACES),
            quantity=_with_places(base, 0, QUANTITY_PLACES),
            edit=_with_places(base, 0, QUANTITY_PLACES),
        )

    @property
    def display_name(self) -> str:
        return self.locale.get_display_name(DEFAULT_LOCALE) or self.name

    @property
    def example(self) -> str:
        """How this locale writes 1234.56: the form messages show."""
        return self.money(Decimal("1234.56"))

    # -- showing ------------------------------------------------------------------

    def money(self, value: Decimal | None) -> str:
        """Two decimals with thousands separators: ``1,234.50`` / ``1.234,50``."""
        return self._patterns.money.apply(value if value is not None else Decimal(0), self.locale)

    def rate(self, value: Decimal | None) -> str:
        """A price per unit: two decimals, more when it has them (``19.995``)."""
        return self._patterns.rate.apply(value if value is not None else Decimal(0), self.locale)

    def quantity(self, value: Decimal | None) -> str:
        """As many decimals as it has (up to four), grouped: ``1,250``, ``2.5``, ``0.125``."""
        if value is None:
            return ""
        return self._patterns.quantity.apply(value, self.locale)

    def edit_text(self, value: Decimal | None, *, places: int = 0) -> str:
        """A number to edit: no thousands separators, at least ``places`` decimals."""
        if value is None:
            return ""
        text = self._patterns.edit.apply(value, self.locale, group_separator=False)
        whole, _, decimals = text.partition(self.decimal)
        if len(decimals) < places:
            decimals = decimals.ljust(places, "0")
        return f"{whole}{self.decimal}{decimals}" if decimals else whole

    # -- reading ------------------------------------------------------------------

    def read(
        self,
        text: str,
        *,
        places: int = MONEY_PLACES,
        what: str = "The amount",
        currency: str | None = None,
    ) -> Decimal | None:
        """What a person typed, as an exact Decimal; None when blank.

        Thousands separators, the currency's sign (``currency``: "USD"; by default the
        office's) and spaces are allowed. NumberTextError says what form is expected:
        ``"12,50"`` in en_US is refused rather than read as 1,250.
        """
        cleaned = self._without_decoration(text, currency or self.currency)
        if not cleaned:
            return None
        try:
            number = parse_decimal(cleaned, locale=self.locale, strict=True)
        except NumberFormatError:
            raise NumberTextError(self._expected(text, what)) from None
        if not number.is_finite():
            raise NumberTextError(self._expected(text, what))
        return _checked_places(number, places, what)

    def _without_decoration(self, text: str, currency: str | None) -> str:
        cleaned = text.strip()
        for sign in _currency_signs(self.name, currency):
            if cleaned.startswith(sign):
                cleaned = cleaned[len(sign) :].strip()
            elif cleaned.endswith(sign):
                cleaned = cleaned[: -len(sign)].strip()
            # "-$12.50": the sign of the number before the currency's
            elif cleaned[:1] in "-\u2212" and cleaned[1:].lstrip().startswith(sign):
                cleaned = "-" + cleaned[1:].lstrip()[len(sign) :].strip()
        if _SPACES.fullmatch(self.group):
            # People type a plain space where the locale groups with a narrow one.
            cleaned = _SPACES.sub(self.group, cleaned)
        else:
            cleaned = _SPACES.sub("", cleaned)
        return cleaned

    def _expected(self, text: str, what: str) -> str:
        return (
            f"{what} must be a number written like {self.example} "
            f"({self.display_name}); “{text.strip()}” is not."
        )


def _with_places(base: NumberPattern, least: int, most: int) -> NumberPattern:
    pattern = copy.copy(base)
    pattern.frac_prec = (least, most)
    return pattern


@cache
def _currency_signs(name: str, currency: str | None) -> tuple[str, ...]:
    signs = ["$"]
    if currency:
        signs = [get_currency_symbol(currency, locale=name), currency, *signs]
    return tuple(dict.fromkeys(s for s in signs if s))


def number_format(name: str | None = None, currency: str | None = None) -> NumberFormat:
    """The format of locale ``name`` (None or unknown: the computer's) for ``currency``."""
    return _format_of(locale_name(name) or system_locale(), currency)


@cache
def _format_of(name: str, currency: str | None) -> NumberFormat:
    return NumberFormat(name, currency)
