"""`parse_address`: QuickBooks' five free address lines made into AddressParts.

The cases are address blocks as people type them into QuickBooks (name first, street,
"City, ST 12345", a country last), for the countries OfficeMgr's customers live in
most. The property tests check the promise that matters most for an import: whatever
cannot be placed stays in a street line — no word typed is lost.
"""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from officemgr.core.imports.addresses import COUNTRY_NAMES, parse_address


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            ["18 Birch Hollow Rd", "Stowe, VT 05672"],
            {
                "line1": "18 Birch Hollow Rd",
                "city": "Stowe",
                "region": "VT",
                "postal_code": "05672",
                "country": "US",
            },
            id="us-comma",
        ),
        pytest.param(
            ["4242 Cypress Hill Rd", "East Bayshore CA  94327"],
            {
                "line1": "4242 Cypress Hill Rd",
                "city": "East Bayshore",
                "region": "CA",
                "postal_code": "94327",
                "country": "US",
            },
            id="us-no-comma-two-word-city-double-space",
        ),
        pytest.param(
            ["44 Shore Rd", "Stowe, vt 05672-4410"],
            {
                "line1": "44 Shore Rd",
                "city": "Stowe",
                "region": "VT",
                "postal_code": "05672-4410",
                "country": "US",
            },
            id="us-zip-plus-four-lower-case-state",
        ),
        pytest.param(
            ["1 Lincoln Sq", "Springfield, Illinois 62701"],
            {
                "line1": "1 Lincoln Sq",
                "city": "Springfield",
                "region": "Illinois",
                "postal_code": "62701",
                "country": "US",
            },
            id="us-state-spelt-out",
        ),
        pytest.param(
            ["9 Main St", "Springfield, IL"],
            {"line1": "9 Main St", "city": "Springfield", "region": "IL", "country": "US"},
            id="us-no-zip",
        ),
        pytest.param(
            ["300 Front St W", "Toronto, ON M5V 2T6", "Canada"],
            {
                "line1": "300 Front St W",
                "city": "Toronto",
                "region": "ON",
                "postal_code": "M5V 2T6",
                "country": "CA",
            },
            id="canada-with-country",
        ),
        pytest.param(
            ["24 Sussex Dr", "Ottawa ON k1a0b1"],
            {
                "line1": "24 Sussex Dr",
                "city": "Ottawa",
                "region": "ON",
                "postal_code": "K1A 0B1",
                "country": "CA",
            },
            id="canada-no-comma-postal-without-space",
        ),
        pytest.param(
            ["1 Rue du Fort", "Québec, Quebec G1R 4P5"],
            {
                "line1": "1 Rue du Fort",
                "city": "Québec",
                "region": "Quebec",
                "postal_code": "G1R 4P5",
                "country": "CA",
            },
            id="canada-province-spelt-out",
        ),
        pytest.param(
            ["10 Downing St", "London SW1A 2AA", "United Kingdom"],
            {
                "line1": "10 Downing St",
                "city": "London",
                "postal_code": "SW1A 2AA",
                "country": "GB",
            },
            id="uk-town-and-postcode",
        ),
        pytest.param(
            ["Flat 2", "10 High Street", "Oxford", "ox11aa", "UK"],
            {
                "line1": "Flat 2",
                "line2": "10 High Street",
                "city": "Oxford",
                "postal_code": "OX1 1AA",
                "country": "GB",
            },
            id="uk-postcode-alone-town-above",
        ),
        pytest.param(
            ["12 rue de Rivoli", "75004 Paris", "France"],
            {"line1": "12 rue de Rivoli", "city": "Paris", "postal_code": "75004", "country": "FR"},
            id="france",
        ),
        pytest.param(
            ["Hauptstraße 5", "D-10115 Berlin", "Deutschland"],
            {"line1": "Hauptstraße 5", "city": "Berlin", "postal_code": "D-10115", "country": "DE"},
            id="germany-with-country-prefix",
        ),
        pytest.param(
            ["Damrak 1", "1012 LG Amsterdam", "The Netherlands"],
            {"line1": "Damrak 1", "city": "Amsterdam", "postal_code": "1012 LG", "country": "NL"},
            id="netherlands",
        ),
        pytest.param(
            ["Ringstraße 1", "1010 Wien"],
            {"line1": "Ringstraße 1", "city": "Wien", "postal_code": "1010"},
            id="postcode-first-without-country",
        ),
        pytest.param(
            ["Av. Reforma 222", "06600 Ciudad de México, CDMX", "México"],
            {
                "line1": "Av. Reforma 222",
                "city": "Ciudad de México, CDMX",
                "postal_code": "06600",
                "country": "MX",
            },
            id="mexico",
        ),
        pytest.param(
            ["  ", "18 Birch Hollow Rd", "", "Stowe, VT 05672", "U.S.A."],
            {
                "line1": "18 Birch Hollow Rd",
                "city": "Stowe",
                "region": "VT",
                "postal_code": "05672",
                "country": "US",
            },
            id="empty-lines-dropped-usa-with-dots",
        ),
        pytest.param(
            ["1800 Appleseed Ct"],
            {"line1": "1800 Appleseed Ct"},
            id="a-street-is-not-postcode-and-town",
        ),
        pytest.param(
            ["Mike Balak", "1800 Appleseed Ct"],
            {"line1": "Mike Balak", "line2": "1800 Appleseed Ct"},
            id="a-street-last-without-town-stays-a-street",
        ),
        pytest.param(
            ["Unter den Linden 1", "Berlin, Germany 10117"],
            {"line1": "Unter den Linden 1", "line2": "Berlin, Germany 10117"},
            id="a-country-is-not-a-us-state",
        ),
        pytest.param(
            ["5 Elm St", "Lee, Al"],
            {"line1": "5 Elm St", "line2": "Lee, Al"},
            id="a-name-is-not-a-town-and-state",
        ),
        pytest.param(
            ["George St 1", "Sydney NSW 2000", "Australia"],
            {"line1": "George St 1", "line2": "Sydney NSW 2000", "country": "AU"},
            id="unknown-layout-kept-as-street",
        ),
        pytest.param(["USA"], {"country": "US"}, id="country-alone"),
        pytest.param(["", "  "], {}, id="empty"),
    ],
)
def test_address_lines_become_parts(lines: list[str], expected: dict[str, str]) -> None:
    parts, warnings = parse_address(lines)
    assert parts == expected
    assert warnings == []


@pytest.mark.parametrize(
    ("lines", "name", "expected"),
    [
        pytest.param(
            ["Cristina Andres", "4242 Cypress Hill Rd", "Bayshore CA 94326"],
            "Andres, Cristina",
            {"line1": "4242 Cypress Hill Rd"},
            id="first-last-repeats-last-comma-first",
        ),
        pytest.param(
            ["Mr Steven Lochrie", "1921 Appleseed Lane", "Bayshore CA 94326"],
            "Lochrie, Steven",
            {"line1": "1921 Appleseed Lane"},
            id="title-ignored",
        ),
        pytest.param(
            ["ADAM'S CANDY SHOP", "Adam Bradley", "1528 Kitty Bang St.", "Fudge, CA 94555"],
            ["Adams Candy Shop", "Adam Bradley"],
            {"line1": "1528 Kitty Bang St."},
            id="company-then-contact-both-dropped",
        ),
        pytest.param(
            ["Adam Bradley", "Adam's Candy Shop", "1528 Kitty Bang St."],
            "Adam Bradley",
            {"line1": "Adam's Candy Shop", "line2": "1528 Kitty Bang St."},
            id="only-leading-lines-compared",
        ),
        pytest.param(
            ["12 Oak Lane", "Springfield, IL 62704"],
            "12 Oak Lane",
            {"line1": "12 Oak Lane"},
            id="customer-named-after-its-street-keeps-it",
        ),
        pytest.param(
            ["Old Mill Bakery", "Bristol, VT 05443"],
            "Old Mill Bakery",
            {},
            id="name-and-town-only",
        ),
        pytest.param(
            ["Renée Dupré", "18 Birch Hollow Rd"],
            None,
            {"line1": "Renée Dupré", "line2": "18 Birch Hollow Rd"},
            id="no-name-given",
        ),
    ],
)
def test_first_lines_repeating_the_name_are_dropped(
    lines: list[str], name: str | list[str] | None, expected: dict[str, str]
) -> None:
    parts, _ = parse_address(lines, name=name)
    streets = {key: value for key, value in parts.items() if key in ("line1", "line2")}
    assert streets == expected


def test_more_than_two_street_lines_join_into_line2_with_a_warning() -> None:
    parts, warnings = parse_address(
        ["Granite State", "Attn: Accounts Payable", "200 Elm St", "Suite 4", "Manchester, NH 03101"]
    )
    assert parts["line1"] == "Granite State"
    assert parts["line2"] == "Attn: Accounts Payable, 200 Elm St, Suite 4"
    assert parts["city"] == "Manchester"
    assert len(warnings) == 1
    assert "4 street lines" in warnings[0]
    assert "Attn: Accounts Payable, 200 Elm St, Suite 4" in warnings[0]


def test_the_country_table_maps_to_two_letter_codes() -> None:
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in COUNTRY_NAMES.values())
    for spelling, code in [
        ("United States", "US"),
        ("usa", "US"),
        ("U.K.", "GB"),
        ("Ireland", "IE"),
        ("Mexico", "MX"),
        ("Australia", "AU"),
    ]:
        parts, _ = parse_address(["1 Main St", spelling])
        assert parts.get("country") == code, spelling


def test_a_lone_state_code_is_not_taken_for_a_country() -> None:
    parts, _ = parse_address(["1 Main St", "Fresno", "CA"])
    assert "country" not in parts
    assert parts["line1"] == "1 Main St"


def test_inner_spaces_are_collapsed() -> None:
    parts, _ = parse_address(["  18   Birch  Hollow Rd ", "Stowe,   VT   05672"])
    assert parts["line1"] == "18 Birch Hollow Rd"
    assert parts["city"] == "Stowe"


def test_long_and_hostile_lines_are_read_quickly() -> None:
    hostile = ["a, " * 1333, "x, " + "a " * 2000, "1 " * 2000, ", " * 2000, "A1 " * 1333]
    start = time.perf_counter()
    for line in hostile:
        parse_address(["1 Main St", line, line], name=line)
    assert time.perf_counter() - start < 1.0


_ADDRESS_TEXT = st.text(
    alphabet=st.sampled_from("abcXYZéß0123456789 ,.-'#"), max_size=30
) | st.sampled_from(
    [
        "Stowe, VT 05672",
        "75004 Paris",
        "London SW1A 2AA",
        "OX1 1AA",
        "Toronto ON M5V2T6",
        "USA",
        "Canada",
        "1800 Appleseed Ct",
        "Renée Dupré",
        "Springfield, IL",
    ]
)


def _squeezed_words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(_ADDRESS_TEXT, max_size=6))
def test_no_word_is_ever_lost(lines: list[str]) -> None:
    """Every word of every line is somewhere in the parts (country names aside: they
    become their code). Postcodes may lose or gain a space, hence the squeezing."""
    parts, _ = parse_address(lines)
    found = re.sub(r"\W", "", " ".join(str(value) for value in parts.values()).casefold())
    for line in lines:
        if " ".join(re.sub(r"[.,]", " ", line.casefold()).split()) in COUNTRY_NAMES:
            continue  # a country line becomes its code
        for word in _squeezed_words(line):
            assert word in found, (word, lines, parts)


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(st.text(max_size=40), max_size=7),
    name=st.none() | st.text(max_size=20) | st.lists(st.text(max_size=20), max_size=3),
)
def test_never_raises_and_gives_only_address_keys(
    lines: list[str], name: str | list[str] | None
) -> None:
    parts, warnings = parse_address(lines, name=name)
    assert set(parts) <= {"line1", "line2", "city", "region", "postal_code", "country"}
    assert all(isinstance(value, str) and value for value in parts.values())
    assert all(isinstance(message, str) for message in warnings)
