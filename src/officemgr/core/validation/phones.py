"""Phone numbers: parse for display and storage, never lose what the user typed.

Numbers are parsed with ``phonenumbers`` against the office's default region. Demo and
test data use the fictional 555 numbers, which ``phonenumbers`` calls possible but not
valid; those are treated as usable so they are formatted and stored like real numbers.
Only numbers that cannot be parsed, or that are impossible (too short, too long), are
kept as typed with a warning.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, ValidationResult

__all__ = [
    "CALLER_ID_KEY_DIGITS",
    "CALLER_ID_MIN_MATCH_DIGITS",
    "CallerIdQuery",
    "PhoneNumber",
    "caller_id_query",
    "format_for_display",
    "parse_phone",
]

# Ten digits covers a full North American number and the tail of most others; the
# country code is left out so "+1 555…" and "555…" share a key.
CALLER_ID_KEY_DIGITS = 10
# Fewer than seven matching digits would match too many unrelated numbers.
CALLER_ID_MIN_MATCH_DIGITS = 7
_MIN_KEY_DIGITS = 4

# Only used for text phonenumbers could not parse: a trailing "x12", "ext. 12",
# ";ext=12" or "#12" is an extension, not part of the number.
_EXTENSION_TAIL = re.compile(
    r"(?:;\s*ext\s*=|\bext(?:ension)?\.?|(?<![^\W\d_])x\.?|#)\s*\d+\D*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PhoneNumber:
    """A phone number as typed, plus what could be made of it.

    ``is_valid`` means "usable for storage and caller ID": possible-but-unassigned
    numbers (the 555 demo numbers) count as valid.
    """

    as_typed: str
    formatted: str
    e164: str | None
    extension: str | None
    is_valid: bool
    warning: str | None
    digits_key: str
    # The country calling code (1 for the US) when the number parsed, even without its
    # area code; ``None`` when it is kept as typed.
    country_code: int | None = None


@dataclass(frozen=True)
class CallerIdQuery:
    """What a caller-ID lookup must search and which countries it may offer; see
    `caller_id_query`."""

    exact: tuple[str, ...]
    prefix: str | None
    e164: str | None = None
    country: str | None = None
    local_numbers: bool = True


def _empty() -> PhoneNumber:
    return PhoneNumber(
        as_typed="",
        formatted="",
        e164=None,
        extension=None,
        is_valid=False,
        warning=None,
        digits_key="",
    )


def _key_from_digits(digits: str) -> str:
    if len(digits) < _MIN_KEY_DIGITS:
        return ""
    return digits[-CALLER_ID_KEY_DIGITS:][::-1]


def _typed_digits(text: str) -> str:
    """All decimal digits in ``text`` (any script) as ASCII, extension left out."""
    number_part = _EXTENSION_TAIL.sub("", text)
    return "".join(str(unicodedata.decimal(ch)) for ch in number_part if ch.isdecimal())


def _kept_as_typed(as_typed: str, reason: str, *, extension: str | None = None) -> PhoneNumber:
    return PhoneNumber(
        as_typed=as_typed,
        formatted=as_typed,
        e164=None,
        extension=extension,
        is_valid=False,
        warning=f"“{as_typed}” {reason}; it is kept as typed.",
        digits_key=_key_from_digits(_typed_digits(as_typed)),
    )


_PARSE_REASONS = {
    NumberParseException.INVALID_COUNTRY_CODE: "has a country code we do not recognise",
    NumberParseException.TOO_SHORT_NSN: "is too short to be a phone number",
    NumberParseException.TOO_SHORT_AFTER_IDD: "is too short to be a phone number",
    NumberParseException.TOO_LONG: "is too long to be a phone number",
}
_IMPOSSIBLE_REASONS = {
    ValidationResult.INVALID_COUNTRY_CODE: "has a country code we do not recognise",
    ValidationResult.TOO_SHORT: "is too short to be a phone number",
    ValidationResult.TOO_LONG: "is too long to be a phone number",
}
_NOT_RECOGNISED = "is not a phone number we recognise"


def _normal_region(region: str) -> str:
    region = region.strip().upper()
    # "ZZ" is phonenumbers' "unknown region": only numbers typed with "+" parse then.
    return region if region in phonenumbers.SUPPORTED_REGIONS else "ZZ"


@functools.lru_cache(maxsize=4096)
def parse_phone(text: str, region: str = "US") -> PhoneNumber:
    """Parse ``text`` as a phone number dialled from ``region`` (ISO 3166 code).

    Remembered for the last few thousand numbers: a form, a list and an import parse
    the same number several times (the result is immutable).

    Never raises. ``formatted`` is the national format for numbers in the office's
    country and the international format otherwise, without the extension (that is in
    ``extension``). A number with a local-only length (a 7-digit US number) is usable
    but has no E.164 form, since its area code is unknown.
    """
    as_typed = text.strip()
    if not as_typed:
        return _empty()
    region = _normal_region(region)
    try:
        number = phonenumbers.parse(as_typed, region)
    except NumberParseException as exc:
        return _kept_as_typed(as_typed, _PARSE_REASONS.get(exc.error_type, _NOT_RECOGNISED))

    extension = number.extension or None
    possibility = phonenumbers.is_possible_number_with_reason(number)
    if possibility not in (ValidationResult.IS_POSSIBLE, ValidationResult.IS_POSSIBLE_LOCAL_ONLY):
        # The key comes from the typed digits: phonenumbers reads letters as a vanity
        # number, so "555 201 3344 or so" would otherwise end in "6776".
        reason = _IMPOSSIBLE_REASONS.get(possibility, _NOT_RECOGNISED)
        return _kept_as_typed(as_typed, reason, extension=extension)

    bare = phonenumbers.PhoneNumber(
        country_code=number.country_code,
        national_number=number.national_number,
        italian_leading_zero=number.italian_leading_zero,
        number_of_leading_zeros=number.number_of_leading_zeros,
    )
    home = number.country_code == phonenumbers.country_code_for_region(region)
    style = PhoneNumberFormat.NATIONAL if home else PhoneNumberFormat.INTERNATIONAL
    local_only = possibility == ValidationResult.IS_POSSIBLE_LOCAL_ONLY
    # A 7-digit US number still works for caller ID, so it is usable; the hint is mild.
    hint = f"“{as_typed}” has no area code; it is kept as a local number." if local_only else None
    return PhoneNumber(
        as_typed=as_typed,
        formatted=phonenumbers.format_number(bare, style),
        e164=None if local_only else phonenumbers.format_number(bare, PhoneNumberFormat.E164),
        extension=extension,
        is_valid=True,
        warning=hint,
        digits_key=_key_from_digits(phonenumbers.national_significant_number(number)),
        country_code=number.country_code,
    )


def format_for_display(value: str | None, region: str = "US") -> str:
    """A stored number (E.164 or as typed) formatted for a list or report, extension included."""
    if value is None:
        return ""
    number = parse_phone(value, region)
    if number.extension and number.is_valid:
        return f"{number.formatted} ext. {number.extension}"
    return number.formatted


@functools.lru_cache(maxsize=1024)
def _in_numbering_plan(e164: str) -> bool:
    """Whether ``e164`` is a number its country assigns, not just one of a possible length."""
    return phonenumbers.is_valid_number(phonenumbers.parse(e164))


def caller_id_query(text: str, region: str = "US") -> CallerIdQuery:
    """What a caller-ID lookup must search to find ``text`` however it was stored.

    Every stored number has a ``digits_key``: its last 10 digits (national number, no
    country code, no extension) reversed, so "ends with these digits" becomes a prefix
    search an index can answer. For the incoming key ``k``:

    - ``exact`` holds ``k`` itself plus, when ``k`` has more than 7 digits, its
      shorter heads ``k[:7]`` … ``k[:-1]``: stored numbers typed with fewer digits (no
      area code) whose digits are the tail of the incoming number. Matches shorter
      than 7 digits are never offered.
    - ``prefix`` is ``k`` when it has 7 to 9 digits: stored longer numbers ending in
      the incoming digits (the caller's area code was not sent). Otherwise ``None``.

    With 4 to 6 digits only an exact match is searched; with fewer, nothing is
    (``exact == ()``). "5552013344", "(555) 201-3344", "+1 555 201 3344",
    "1-555-201-3344" and "555.201.3344 x12" all give the key "4433102555".

    The digits alone would mix countries up ("+971 50 123 4567" and "+380 50 123 4567"
    share their key), so the keys only find the candidates and the country decides:

    - ``e164``: the incoming number is complete and in its country's numbering plan
      (``phonenumbers`` calls it valid). A stored number that has an E.164 form then
      matches only when it is this very number: in a country whose numbers differ in
      length, "+243 12 34567" is not "+243 991 234 567". ``None`` for a number that is
      only possible: it may be a local number typed without its area code ("1234 5678"
      in Australia), so it is matched like one, by ``country`` and digits.
    - ``country``: the incoming number's calling code ("+1") when it parsed, complete
      or not. Without ``e164``, a stored number with an E.164 form matches on its
      digits only when it is of this country. ``None``: the incoming number did not
      parse, so the digits alone decide, as for stored numbers kept as typed.
    - ``local_numbers``: whether stored local numbers (usable but without an E.164
      form: numbers of the office's country typed without their area code) may match;
      not when the incoming number is of another country than the office's ``region``.
    """
    number = parse_phone(text, region)
    key = number.digits_key
    if not key:
        return CallerIdQuery(exact=(), prefix=None)
    if number.country_code is None:
        country, local_numbers = None, True
    else:
        country = f"+{number.country_code}"
        office = phonenumbers.country_code_for_region(_normal_region(region))
        local_numbers = number.country_code == office
    if len(key) < CALLER_ID_MIN_MATCH_DIGITS:
        shorter: tuple[str, ...] = ()
        prefix = None
    else:
        shorter = tuple(key[:n] for n in range(CALLER_ID_MIN_MATCH_DIGITS, len(key)))
        prefix = key if len(key) < CALLER_ID_KEY_DIGITS else None
    return CallerIdQuery(
        exact=(key, *shorter),
        prefix=prefix,
        e164=number.e164 if number.e164 and _in_numbering_plan(number.e164) else None,
        country=country,
        local_numbers=local_numbers,
    )
