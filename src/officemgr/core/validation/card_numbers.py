"""Card numbers and card security codes in free text: found and reduced before storing.

OfficeMgr never stores a full card number or a card security code (CVV). Whatever is
typed into a free-text field goes through `remove_card_data` on its way into the
company file:

- **A card number** becomes "card ending NNNN" (its last four). A card number is 13 to
  19 digits, Luhn-valid, starting with 2–6 (the first digit of every payment card
  brand: Mir and MasterCard 2, American Express, Diners and JCB 3, Visa 4, MasterCard
  and Maestro 5, Discover, UnionPay and RuPay 6), written either as one unbroken run of
  digits or in groups joined by single spaces or dashes the way cards are printed and
  read out: a first group of four, middle groups of four to six, a last group of one to
  six ("4111 1111 1111 1111", "3782-822463-10005", "4111 1111 1111 1111 111"). A
  group is never split, so digits that are part of a longer run are never a card.
  Groups that follow a card ("4111 1111 1111 1111 12 28") are left as they are.
- **A security code** is a card-security label — CVV, CVV2, CVC, CVC2, CVN, CID, CSC,
  CVD, CAV2, "security code", "card code", "card verification code/value/number" —
  followed by 3 or 4 digits ("CVV 917", "CVC: 1234", "cvv2=123", "CID 4921"); the
  label and digits become "CVV removed" (the label as typed). A gate, door or alarm
  "security code" is left alone.

Normal text stays as it is: phone numbers (ten or eleven digits, groups of two or
three, or digits right after a "+"), dates, invoice numbers, ZIP codes, digit runs
shorter than 13 or longer than 19 digits, and Luhn-invalid numbers. Like any Luhn-based
check it cannot tell a card from another 13-to-19-digit number that happens to pass the
check and start with 2–6 (one such number in ten does); those are reduced too.

The check is a few regular-expression scans over the text; only runs of 13 or more
digits are looked at closely, so a 100,000-character notepad takes milliseconds.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "CARD_DATA_NOTICE",
    "CardDataRemoved",
    "card_brand",
    "luhn_ok",
    "remove_card_data",
]

CARD_DATA_NOTICE = "OfficeMgr never stores full card numbers or security codes."

MIN_CARD_DIGITS = 13
MAX_CARD_DIGITS = 19
# The major industry identifier of every payment card brand (ISO/IEC 7812): leaving out
# 0, 1, 7, 8 and 9 keeps SIM numbers (89…), tracking numbers (9…) and "00" or "1"
# dialling prefixes from being read as cards.
_CARD_FIRST_DIGITS = frozenset("23456")

_CARD_BRANDS = (
    (re.compile(r"^4"), "Visa"),
    (re.compile(r"^(5[1-5]|2(2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))"), "MasterCard"),
    (re.compile(r"^3[47]"), "American Express"),
    (re.compile(r"^(6011|65|64[4-9])"), "Discover"),
)

_DOUBLED = bytes.maketrans(b"0123456789", b"0246813579")  # the digit sum of 2 × d


def _ascii_digits(digits: str) -> str:
    if digits.isascii():
        return digits
    return "".join(str(unicodedata.decimal(ch)) for ch in digits)


def card_brand(digits: str) -> str:
    """The brand of a card number given as its digits ("Card" when not one we know)."""
    return next((brand for pattern, brand in _CARD_BRANDS if pattern.match(digits)), "Card")


def luhn_ok(digits: str) -> bool:
    """Whether ``digits`` (ASCII or any decimal digits) pass the Luhn check of card numbers."""
    # As bytes, the digit codes sum in C: every second digit from the right is doubled
    # (as the digit sum of its double), and 48 ("0") per digit is taken off.
    reverse = _ascii_digits(digits).encode("ascii")[::-1]
    doubled = reverse[1::2].translate(_DOUBLED)
    return (sum(reverse[0::2]) + sum(doubled) - 48 * len(reverse)) % 10 == 0


# What may join the groups of a card number: a space or a dash, including the no-break
# and thin spaces and the Unicode dashes that text pasted from a web page carries.
_SEPARATORS = " \u00a0\u2007\u2009\u202f\\-\u2010\u2011\u2012\u2013"
# Where a card number may start: four digits not preceded by a digit, followed either by
# a separator and a second group of four to six digits, or by 9 to 15 more digits (an
# unbroken run of 13 to 19). Starting with \d lets the engine skip to the digits fast.
_CARD_START = re.compile(rf"\d(?<!\d\d)\d{{3}}(?=[{_SEPARATORS}]\d{{4,6}}(?!\d)|\d{{9,15}}(?!\d))")
# The run at a start and the groups after it: a card has at most five groups (4-4-4-4-3).
_MAX_GROUPS = 5
_GROUPS = re.compile(r"(\d+)" + rf"(?:[{_SEPARATORS}](\d+))?" * (_MAX_GROUPS - 1))

# Whitespace inside and after a label is bounded, so no text makes the scan slow.
_CVV_LABEL = (
    r"cvv2|cvv|cvc2|cvc|cvn2|cvn|cav2|cid|csc|cvd"
    r"|card\s{1,3}(?:security|verification|validation)\s{1,3}(?:code|value|number)"
    r"|card\s{1,3}code|security\s{1,3}code|sec\.?\s{1,3}code"
)
_CVV = re.compile(
    rf"(?=[cs])(?<![^\W\d_])(?P<label>{_CVV_LABEL})"
    r"\s{0,3}(?:(?:[:=#(\-\u2013\u2014]|is|no\.?|number|code|value)\s{0,3})?"
    r"(?P<digits>\d{3,4})(?!\d)",
    re.IGNORECASE,
)
# A "security code" of these is an access code for the premises, not a card's.
_PREMISES_REACH = 20
_PREMISES = re.compile(
    r"\b(?:gate|door|alarm|building|lock|lockbox|garage|entry|keypad|access|house|home|"
    r"panel|office|site|front|back|side)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CardDataRemoved:
    """What `remove_card_data` made of a text: ``text`` as it may be stored, the last
    four of each card number found (``cards``), and how many security codes went."""

    text: str
    cards: tuple[str, ...] = ()
    security_codes: int = 0

    @property
    def found(self) -> bool:
        """Whether anything was reduced (``text`` differs from what was given)."""
        return bool(self.cards or self.security_codes)

    @property
    def message(self) -> str | None:
        """A sentence for the user about what was reduced; None when nothing was."""
        if not self.found:
            return None
        kept = " and ".join(f"“card ending {last4}”" for last4 in dict.fromkeys(self.cards))
        verb = "is" if len(set(self.cards)) == 1 else "are"
        one_code = self.security_codes == 1
        if self.cards and self.security_codes:
            numbers = "A card number" if len(self.cards) == 1 else "Card numbers"
            codes = "a security code" if one_code else "security codes"
            what = f"{numbers} and {codes} were found: only {kept} {verb} kept"
        elif self.cards:
            found = "A card number was found" if len(self.cards) == 1 else "Card numbers were found"
            what = f"{found}: only {kept} {verb} kept"
        else:
            what = (
                "A card security code was found and removed"
                if one_code
                else "Card security codes were found and removed"
            )
        return f"{what} — {CARD_DATA_NOTICE}"


def _is_card(digits: str) -> bool:
    return digits[0] in _CARD_FIRST_DIGITS and luhn_ok(digits)


def _card_at(text: str, start: int) -> tuple[int, str] | None:
    """(end, digits) of the card number that starts at ``start`` (a `_CARD_START`)."""
    groups = _GROUPS.match(text, start)
    assert groups is not None
    first = _ascii_digits(groups.group(1))
    if len(first) > 4:
        # An unbroken run (13 to 19 digits, or the start would not have matched).
        return (groups.end(1), first) if _is_card(first) else None
    if first[0] not in _CARD_FIRST_DIGITS:
        return None
    found: list[tuple[int, str]] = []
    digits = first
    for index in range(2, _MAX_GROUPS + 1):
        more = groups.group(index)
        if more is None or len(more) > 6 or len(digits) + len(more) > MAX_CARD_DIGITS:
            break
        digits += _ascii_digits(more)
        if len(digits) >= MIN_CARD_DIGITS and luhn_ok(digits):
            found.append((groups.end(index), digits))
        if len(more) < 4:  # a short group can only end a card number
            break
    if not found:
        return None
    # Sixteen digits is what most cards have; otherwise the longest reading.
    return next((f for f in found if len(f[1]) == 16), found[-1])


def _cards_in(text: str) -> tuple[list[tuple[int, int, str]], list[str]]:
    """(start, end, replacement) of each card number in ``text``, and their last fours."""
    spans: list[tuple[int, int, str]] = []
    endings: list[str] = []
    at = 0
    while (match := _CARD_START.search(text, at)) is not None:
        start = match.start()
        at = match.end()
        # "+4930123456789" is a phone number written the international way.
        card = None if start > 0 and text[start - 1] == "+" else _card_at(text, start)
        if card is None:
            continue
        end, digits = card
        # "Visa4111…" reads "Visa card ending 1111", not "Visacard ending 1111".
        before = " " if start > 0 and text[start - 1].isalnum() else ""
        after = " " if end < len(text) and text[end].isalnum() else ""
        spans.append((start, end, f"{before}card ending {digits[-4:]}{after}"))
        endings.append(digits[-4:])
        at = end
    return spans, endings


def _splice(text: str, spans: list[tuple[int, int, str]]) -> str:
    out: list[str] = []
    at = 0
    for start, end, replacement in spans:
        out.append(text[at:start])
        out.append(replacement)
        at = end
    out.append(text[at:])
    return "".join(out)


def _remove_codes(text: str) -> tuple[str, int]:
    removed = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal removed
        label = match.group("label")
        start = match.start()
        if label[0] in "sS" and _PREMISES.search(text, max(0, start - _PREMISES_REACH), start):
            return match.group()
        removed += 1
        return f"{' '.join(label.split())} removed"

    return _CVV.sub(replace, text), removed


def remove_card_data(text: str) -> CardDataRemoved:
    """``text`` with every card number reduced to "card ending NNNN" and every card
    security code removed (see the module's description of what counts as either)."""
    spans, endings = _cards_in(text)
    cleaned = _splice(text, spans) if spans else text
    cleaned, codes = _remove_codes(cleaned)
    return CardDataRemoved(text=cleaned, cards=tuple(endings), security_codes=codes)
