"""The card-data guard: full card numbers and security codes never pass into free text.

`remove_card_data` reduces a card number to "card ending NNNN" and removes a labelled
security code; `check_text` and `check_node_name` (every free-text field and every name
the services store) apply it. Normal text — phone numbers, dates, invoice numbers, ZIP
codes, short, long or Luhn-invalid digit runs — must come back exactly as typed.
"""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from officemgr.core.validation import (
    CARD_DATA_NOTICE,
    card_brand,
    check_node_name,
    check_text,
    luhn_ok,
    remove_card_data,
)
from officemgr.errors import ValidationError


def reference_luhn(digits: str) -> bool:
    """The Luhn check as the standard writes it (double every second digit from the right)."""
    total = 0
    for position, ch in enumerate(reversed(digits)):
        value = int(ch) * (2 if position % 2 else 1)
        total += value // 10 + value % 10
    return total % 10 == 0


def with_check_digit(body: str) -> str:
    """``body`` plus the one digit that makes it Luhn-valid."""
    return next(body + d for d in "0123456789" if reference_luhn(body + d))


def digits_of(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


# Published test numbers of each brand, as people write them.
CARDS = [
    ("4111 1111 1111 1111", "Visa", "1111"),
    ("4012-8888-8888-1881", "Visa", "1881"),
    ("4222222222222", "Visa", "2222"),  # 13 digits
    ("5555 5555 5555 4444", "MasterCard", "4444"),
    ("5105105105105100", "MasterCard", "5100"),
    ("2223 0031 2200 3222", "MasterCard", "3222"),  # the 2-series
    ("3782 822463 10005", "American Express", "0005"),  # printed 4-6-5
    ("371449635398431", "American Express", "8431"),
    ("6011 1111 1111 1117", "Discover", "1117"),
    ("6011-0009-9013-9424", "Discover", "9424"),
    ("3056 930902 5904", "Card", "5904"),  # Diners Club, 14 digits 4-6-4
    ("3530 1113 3330 0000", "Card", "0000"),  # JCB
    ("6200 0000 0000 0005", "Card", "0005"),  # UnionPay
    ("6759 6498 2643 8453", "Card", "8453"),  # Maestro
]


def test_the_test_numbers_are_cards() -> None:
    for number, brand, _last4 in CARDS:
        assert reference_luhn(digits_of(number)), number
        assert luhn_ok(digits_of(number)) and card_brand(digits_of(number)) == brand


@pytest.mark.parametrize(("number", "brand", "last4"), CARDS)
def test_each_brand_is_reduced_to_its_last_four(number: str, brand: str, last4: str) -> None:
    for typed in (number, number.replace(" ", "-"), digits_of(number)):
        found = remove_card_data(f"Paid with {typed} on the phone.")
        assert found.text == f"Paid with card ending {last4} on the phone."
        assert found.cards == (last4,) and found.security_codes == 0 and found.found
        assert digits_of(number) not in digits_of(found.text)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Card: 4111 1111 1111 1111 exp 12/28", "Card: card ending 1111 exp 12/28"),
        # The expiry typed after the number in groups of its own stays as it is.
        ("4111 1111 1111 1111 12 28", "card ending 1111 12 28"),
        ("visa 4111-1111-1111-1111-1228", "visa card ending 1111-1228"),
        ("Visa4111111111111111", "Visa card ending 1111"),
        ("(4111111111111111)", "(card ending 1111)"),
        ("Call 555 4111 1111 1111 1111", "Call 555 card ending 1111"),
        ("a 19-digit Maestro 6304 1234 5678 9012 347", "a 19-digit Maestro card ending 2347"),
        ("4111\u00a01111\u00a01111\u00a01111", "card ending 1111"),  # pasted from a web page
        ("4111\u20131111\u20131111\u20131111", "card ending 1111"),  # en dashes
        ("４１１１１１１１１１１１１１１１", "card ending 1111"),  # full-width digits
        ("one 4111111111111111 two 5555555555554444", "one card ending 1111 two card ending 4444"),
        ("line one\n4111 1111 1111 1111\nline three", "line one\ncard ending 1111\nline three"),
    ],
)
def test_card_numbers_in_context(typed: str, kept: str) -> None:
    assert remove_card_data(typed).text == kept


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("CVV 917", "CVV removed"),
        ("CVC: 1234", "CVC removed"),
        ("cvv2=123", "cvv2 removed"),
        ("security code 737", "security code removed"),
        ("CID 4921", "CID removed"),
        ("CVV is 123.", "CVV removed."),
        ("cvc #0917, exp 12/28", "cvc removed, exp 12/28"),
        ("Card security code - 123", "Card security code removed"),
        ("card verification value 4321", "card verification value removed"),
        ("CVV\n917", "CVV removed"),
        ("CVV2/CVC2: 123", "CVV2/CVC2 removed"),
        ("Visa 4111111111111111, cvv 917", "Visa card ending 1111, cvv removed"),
    ],
)
def test_security_codes_are_removed(typed: str, kept: str) -> None:
    found = remove_card_data(typed)
    assert found.text == kept
    assert found.security_codes == 1


# Text that only looks a little like card data: it must come back exactly as typed.
NORMAL_TEXT = [
    "(555) 201-3344",
    "+1 555-201-3344",
    "555.201.3344 x12",
    "1-800-555-0199",
    "5552013344",
    "15552013344",
    "+44 20 7946 0958",
    "+86 138 0013 8000",
    "+4930123456789",
    "0049 30 1234 5678 90",
    "555-201-3344 555-201-9000",  # two phone numbers side by side
    "Call (555) 201-3344 or 555-201-9000.",
    "2026-11-02",
    "11/02/2026",
    "2026-11-02 2026-11-03 2026-11-04 2026-11-05",
    "Visited 2026-11-02 09:30, again 2026-11-09 14:15",
    "INV-10023",
    "Invoice 1042, invoices 1001, 1002, 1003 and 1004",
    "45402",
    "45402-1234",
    "ZIP 45402 45403 45404",
    "4111 1111 1111",  # twelve digits
    "411111111111",
    "4111 1111 1111 1112",  # Luhn-invalid
    "4111111111111112",
    "41111111111111111111",  # a 20-digit run holds a card number but is not one
    "9400 1000 0000 0000 0000 00",  # a USPS tracking number
    "$4,111.11",
    "1234.5678",
    "The CVV is on the back of the card.",
    "CVV 12345",
    "acid 123",
    "gate security code 4921",
    "Alarm security code: 1234",
    "serial 12-3456-7890",
    "card ending 1111",
]


@pytest.mark.parametrize("text", NORMAL_TEXT)
def test_normal_text_is_kept_as_typed(text: str) -> None:
    found = remove_card_data(text)
    assert found.text == text
    assert not found.found and found.message is None


@pytest.mark.parametrize("first", "01789")
def test_numbers_outside_the_card_ranges_are_kept(first: str) -> None:
    """SIM numbers (89…), tracking numbers (9…) and dialling prefixes are not cards."""
    number = with_check_digit(first + "901260123456789")
    assert remove_card_data(f"ref {number}").text == f"ref {number}"


def test_the_message_says_what_was_kept() -> None:
    one = remove_card_data("4111 1111 1111 1111").message
    assert one == (
        "A card number was found: only “card ending 1111” is kept — "
        "OfficeMgr never stores full card numbers or security codes."
    )
    two = remove_card_data("4111111111111111 and 5555555555554444").message
    assert two is not None and two.startswith("Card numbers were found: only “card ending 1111”")
    assert "“card ending 4444” are kept" in two
    both = remove_card_data("4111111111111111 CVV 917").message
    assert both is not None and "a security code were found" in both
    code = remove_card_data("CVV 917").message
    assert code == f"A card security code was found and removed — {CARD_DATA_NOTICE}"


# ---------------------------------------------------------------- properties

BRAND_PREFIXES = ["4", "51", "55", "2221", "2720", "34", "37", "6011", "65", "3528", "36", "62"]


@st.composite
def card_numbers(draw: st.DrawFn) -> str:
    """A Luhn-valid number of 13 to 19 digits with a card brand's prefix."""
    prefix = draw(st.sampled_from(BRAND_PREFIXES))
    size = draw(st.integers(13, 19)) - 1 - len(prefix)
    rest = draw(st.text("0123456789", min_size=size, max_size=size))
    return with_check_digit(prefix + rest)


def grouped(number: str, separator: str) -> str:
    return separator.join(number[i : i + 4] for i in range(0, len(number), 4))


BEFORE = st.sampled_from(["", "Card ", "Visa: ", "paid with ", "(", "notes\n", "x", "#"])
AFTER = st.sampled_from(["", " exp 12/28", ".", ", thanks", ")", "\nnext line", " 12 28", "y"])


@settings(max_examples=300, deadline=None)
@given(card_numbers(), st.sampled_from(["", " ", "-"]), BEFORE, AFTER)
@example("4111111111111111", " ", "Card ", " 12 28")
def test_no_card_number_survives(number: str, separator: str, before: str, after: str) -> None:
    typed = grouped(number, separator) if separator else number
    found = remove_card_data(before + typed + after)
    assert number not in digits_of(found.text)
    assert typed not in found.text
    assert "card ending " in found.text and found.cards
    if not separator or len(number) <= 16:
        # Only a grouped 17-to-19-digit number may read as its first sixteen (when those
        # pass the check too); its full number is gone either way.
        assert found.cards == (number[-4:],)
        assert found.text == f"{before}{' ' if before[-1:].isalnum() else ''}card ending " + (
            f"{number[-4:]}{' ' if after[:1].isalnum() else ''}{after}"
        )


@settings(max_examples=200, deadline=None)
@given(card_numbers(), st.integers(1, 9), st.sampled_from(["", " ", "-"]))
def test_luhn_invalid_numbers_are_kept(number: str, change: int, separator: str) -> None:
    wrong = number[:-1] + str((int(number[-1]) + change) % 10)
    typed = grouped(wrong, separator) if separator else wrong
    # Grouped, a number of 17 or more digits also reads as shorter numbers (its first
    # sixteen, or from its second group on), which may be cards of their own.
    assume(not separator or len(wrong) <= 16)
    assert remove_card_data(f"ref {typed}.").text == f"ref {typed}."


PHONES = st.one_of(
    st.from_regex(r"\A\(\d{3}\) \d{3}-\d{4}\Z"),
    st.from_regex(r"\A\+1 \d{3}-\d{3}-\d{4}\Z"),
    st.from_regex(r"\A1?\d{10}\Z"),
    st.from_regex(r"\A\d{3}[.-]\d{3}[.-]\d{4}\Z"),
)
DATES = st.one_of(st.dates().map(str), st.dates().map(lambda d: f"{d.month}/{d.day}/{d.year}"))
TWELVE = st.from_regex(r"\A\d{4}[ -]?\d{4}[ -]?\d{4}\Z")
ZIPS = st.from_regex(r"\A\d{5}(-\d{4})?\Z")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(PHONES, DATES, TWELVE, ZIPS), min_size=1, max_size=6),
    st.sampled_from([", ", "; ", " or ", "\n", " / "]),
)
def test_phones_dates_zips_and_short_runs_are_kept(pieces: list[str], joint: str) -> None:
    text = joint.join(pieces)
    assert remove_card_data(text).text == text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_reducing_twice_changes_nothing_more(text: str) -> None:
    once = remove_card_data(text)
    again = remove_card_data(once.text)
    assert again.text == once.text and not again.found
    assert once.found == (once.text != text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=("Nd",)), max_size=200))
def test_text_without_digits_is_kept(text: str) -> None:
    assert remove_card_data(text).text == text


@settings(max_examples=200, deadline=None)
@given(st.text("0123456789", min_size=1, max_size=25))
def test_luhn_matches_the_standard(digits: str) -> None:
    assert luhn_ok(digits) == reference_luhn(digits)


# ---------------------------------------------------------------- speed


def best_time(text: str, rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        remove_card_data(text)
        best = min(best, time.perf_counter() - started)
    return best


NOTEPAD_LINE = (
    "2026-11-02 09:30 Dana: called (555) 201-3344 about the furnace, invoice INV-10023, "
    "ZIP 45402; the gate security code is 4921. Tech said the part # 12-3456-7890 is in.\n"
)


def test_a_big_notepad_takes_milliseconds() -> None:
    notepad = (NOTEPAD_LINE * (100_000 // len(NOTEPAD_LINE) + 1))[:100_000]
    with_cards = notepad[:50_000] + " Visa 4111 1111 1111 1111 CVV 917 " + notepad[50_000:]
    assert remove_card_data(notepad).text == notepad
    assert remove_card_data(with_cards).cards == ("1111",)
    # A few milliseconds here; the bound leaves room for a busy test machine.
    assert best_time(notepad) < 0.1
    assert best_time(with_cards) < 0.1


@pytest.mark.parametrize(
    "text",
    [
        "4111 " * 20_000,  # every group could start a card
        "1" * 100_000,
        "1-" * 50_000,
        "cvv" + " " * 100_000,
        ("card security " + " " * 40) * 2_000,
        "CVV 917 " * 12_500,
    ],
    ids=["groups", "one run", "dashes", "spaces", "labels", "codes"],
)
def test_hostile_text_stays_fast(text: str) -> None:
    assert best_time(text, rounds=1) < 0.5


# ----------------------------------------------------- where the services use it


def test_free_text_keeps_card_ending_only() -> None:
    kept = check_text(
        "Paid with 4111 1111 1111 1111, CVV 917", field="memo", max_length=100, label="Memo"
    )
    assert kept == "Paid with card ending 1111, CVV removed"
    notes = check_text(
        "line 1\r\n5555-5555-5555-4444\r\nline 3",
        field="notes",
        max_length=100,
        label="Notes",
        multiline=True,
    )
    assert notes == "line 1\ncard ending 4444\nline 3"
    assert check_text("(555) 201-3344", field="phone", max_length=40, label="Phone") == (
        "(555) 201-3344"
    )


def test_the_length_limit_counts_what_is_kept() -> None:
    # 13 digits become 16 characters: what is stored is what must fit.
    assert check_text("4222222222222", field="f", max_length=16, label="Field") == (
        "card ending 2222"
    )
    with pytest.raises(ValidationError, match="at most 15 characters"):
        check_text("4222222222222", field="f", max_length=15, label="Field")


def test_names_keep_card_ending_only() -> None:
    assert check_node_name("  Visa   4111 1111 1111 1111 ") == "Visa card ending 1111"
    assert check_node_name("Smith, John CVV 917") == "Smith, John CVV removed"
    assert re.fullmatch(r"card ending \d{4}", check_node_name("6011111111111117"))
