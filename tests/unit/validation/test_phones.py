"""Phone parsing, formatting and caller-ID keys."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from officemgr.core.validation import (
    CallerIdQuery,
    PhoneNumber,
    caller_id_query,
    format_for_display,
    parse_phone,
)

SAME_NUMBER = [
    "5552013344",
    "(555) 201-3344",
    "+1 555 201 3344",
    "1-555-201-3344",
    "555.201.3344 x12",
]


@pytest.mark.parametrize(
    ("text", "region", "formatted", "e164", "extension"),
    [
        ("(555) 201-3344", "US", "(555) 201-3344", "+15552013344", None),
        ("555.201.3344", "US", "(555) 201-3344", "+15552013344", None),
        ("  +1 555 201 3344  ", "US", "(555) 201-3344", "+15552013344", None),
        ("(212) 555-0123", "US", "(212) 555-0123", "+12125550123", None),
        ("1-800-FLOWERS", "US", "(800) 356-9377", "+18003569377", None),
        ("555.201.3344 x12", "US", "(555) 201-3344", "+15552013344", "12"),
        ("555-201-3344 ext. 12", "US", "(555) 201-3344", "+15552013344", "12"),
        ("(555) 201-3344;ext=7", "US", "(555) 201-3344", "+15552013344", "7"),
        ("020 7946 0018", "GB", "020 7946 0018", "+442079460018", None),
        ("+44 20 7946 0018", "GB", "020 7946 0018", "+442079460018", None),
        ("+44 20 7946 0018", "US", "+44 20 7946 0018", "+442079460018", None),
        ("+49 30 12345678", "US", "+49 30 12345678", "+493012345678", None),
        ("+1 212 555 0123", "GB", "+1 212-555-0123", "+12125550123", None),
        ("(416) 555-0199", "US", "(416) 555-0199", "+14165550199", None),
        ("555 201 3344", "us", "(555) 201-3344", "+15552013344", None),
    ],
)
def test_usable_numbers_are_formatted_and_normalized(
    text: str, region: str, formatted: str, e164: str, extension: str | None
) -> None:
    number = parse_phone(text, region)
    assert number.as_typed == text.strip()
    assert number.formatted == formatted
    assert number.e164 == e164
    assert number.extension == extension
    assert number.is_valid
    assert number.warning is None
    assert number.country_code == phonenumbers.parse(e164).country_code


@pytest.mark.parametrize(
    ("text", "warning_part"),
    [
        ("12ab", "is not a phone number we recognise"),
        ("call me", "is not a phone number we recognise"),
        ("123", "too short"),
        ("x12", "too short"),
        ("12345678901234567890123", "too long"),
        ("+999 123 4567", "country code"),
    ],
)
def test_unusable_numbers_are_kept_as_typed_with_a_warning(text: str, warning_part: str) -> None:
    number = parse_phone(text)
    assert number.as_typed == text
    assert number.formatted == text
    assert number.e164 is None
    assert number.country_code is None
    assert not number.is_valid
    assert number.warning is not None
    assert warning_part in number.warning
    assert number.warning.startswith(f"“{text}”")
    assert number.warning.endswith("it is kept as typed.")


def test_unrecognised_warning_reads_as_a_sentence() -> None:
    assert parse_phone("12ab").warning == (
        "“12ab” is not a phone number we recognise; it is kept as typed."
    )


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty_text_is_no_number_and_no_warning(text: str) -> None:
    assert parse_phone(text) == PhoneNumber(
        as_typed="",
        formatted="",
        e164=None,
        extension=None,
        is_valid=False,
        warning=None,
        digits_key="",
    )


def test_local_only_number_is_usable_without_e164() -> None:
    number = parse_phone("555-3344")
    assert number.is_valid
    assert number.formatted == "555-3344"
    assert number.e164 is None
    assert number.digits_key == "4433555"
    assert number.country_code == 1  # the country is known, the area code is not
    assert number.warning is not None and "area code" in number.warning


def test_unknown_region_still_parses_international_numbers() -> None:
    assert parse_phone("+44 20 7946 0018", "XX").e164 == "+442079460018"
    assert not parse_phone("020 7946 0018", "XX").is_valid


@pytest.mark.parametrize(
    ("text", "region", "key"),
    [
        ("(555) 201-3344", "US", "4433102555"),
        ("555-3344", "US", "4433555"),
        ("+44 20 7946 0018", "US", "8100649702"),
        ("020 7946 0018", "GB", "8100649702"),
        ("+49 30 12345678", "US", "8765432103"),
        ("+49 30 123456", "US", "65432103"),
        # Not parsable: the typed digits, extension left out.
        ("12ab34", "US", "4321"),
        ("tel 555 201 3344 x 99 or so", "US", "4433102555"),
        ("123", "US", ""),
        ("", "US", ""),
    ],
)
def test_digits_key(text: str, region: str, key: str) -> None:
    assert parse_phone(text, region).digits_key == key


@pytest.mark.parametrize("text", SAME_NUMBER)
def test_every_format_of_one_number_gives_one_key(text: str) -> None:
    assert parse_phone(text).digits_key == "4433102555"
    assert caller_id_query(text) == CallerIdQuery(
        exact=("4433102555", "4433102", "44331025", "443310255"),
        prefix=None,
        e164=None,  # 555 is no real area code: matched like a local number, by country
        country="+1",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("555-3344", CallerIdQuery(exact=("4433555",), prefix="4433555", country="+1")),
        (
            "(937) 555-0123",
            CallerIdQuery(
                exact=("3210555739", "3210555", "32105557", "321055573"),
                prefix=None,
                e164="+19375550123",
                country="+1",
            ),
        ),
        (
            "+971 50 123 4567",
            CallerIdQuery(
                exact=("765432105", "7654321", "76543210"),
                prefix="765432105",
                e164="+971501234567",
                country="+971",
                local_numbers=False,
            ),
        ),
        (
            "55 201 3344",
            CallerIdQuery(exact=("443310255", "4433102", "44331025"), prefix="443310255"),
        ),
        ("55512", CallerIdQuery(exact=("21555",), prefix=None)),
        ("12", CallerIdQuery(exact=(), prefix=None)),
        ("", CallerIdQuery(exact=(), prefix=None)),
        ("no digits", CallerIdQuery(exact=(), prefix=None)),
    ],
)
def test_caller_id_query(text: str, expected: CallerIdQuery) -> None:
    assert caller_id_query(text) == expected


def test_caller_id_query_knows_the_office_country() -> None:
    # A local Australian number (no area code) is possible but not valid: no E.164.
    assert caller_id_query("1234 5678", "AU") == CallerIdQuery(
        exact=("87654321", "8765432"), prefix="87654321", country="+61"
    )
    # From Australia, a US number is of another country than the office's.
    query = caller_id_query("+1 937 555 0123", "AU")
    assert (query.e164, query.country, query.local_numbers) == ("+19375550123", "+1", False)
    assert caller_id_query("+1 937 555 0123", "CA").local_numbers  # one calling code


def _lookup(stored: list[str], incoming: str) -> set[str]:
    """A stand-in for the index lookup the repository will do."""
    query = caller_id_query(incoming)
    found = set()
    for text in stored:
        key = parse_phone(text).digits_key
        if key and (key in query.exact or (query.prefix and key.startswith(query.prefix))):
            found.add(text)
    return found


def test_caller_id_finds_numbers_stored_with_more_or_fewer_digits() -> None:
    stored = ["(555) 201-3344", "201-3344", "555-3344", "(555) 999-3344"]
    assert _lookup(stored, "+1 555 201 3344") == {"(555) 201-3344", "201-3344"}
    assert _lookup(stored, "201-3344") == {"(555) 201-3344", "201-3344"}
    assert _lookup(stored, "3344") == set()


def test_format_for_display() -> None:
    assert format_for_display("+15552013344") == "(555) 201-3344"
    assert format_for_display("+15552013344;ext=12") == "(555) 201-3344 ext. 12"
    assert format_for_display("+442079460018") == "+44 20 7946 0018"
    assert format_for_display("not a number") == "not a number"
    assert format_for_display(None) == ""


@settings(max_examples=200, deadline=None)
@given(st.text(), st.sampled_from(["US", "GB", "DE", "XX", ""]))
def test_parse_phone_never_raises_and_keeps_the_text(text: str, region: str) -> None:
    number = parse_phone(text, region)
    assert number.as_typed == text.strip()
    if not number.is_valid:
        assert number.formatted == number.as_typed
        assert number.e164 is None
    key = number.digits_key
    assert key == "" or (4 <= len(key) <= 10 and key.isdigit())


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789 +-().x#;ext=", max_size=30))
def test_phone_like_text_never_raises(text: str) -> None:
    number = parse_phone(text)
    assert number.as_typed == text.strip()
    query = caller_id_query(text)
    assert query.prefix is None or query.prefix in query.exact
