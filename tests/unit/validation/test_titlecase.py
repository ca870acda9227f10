"""Title Case for names and addresses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from officemgr.core.validation import TitleCaseMode, suggest_title_case, title_case


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # all caps and all lower case are converted
        ("JOHN SMITH", "John Smith"),
        ("john smith", "John Smith"),
        ("smith, john", "Smith, John"),
        # acronyms typed in capitals inside mixed text are kept, as are inner capitals
        ("ABC plumbing", "ABC Plumbing"),
        ("DeLuca heating", "DeLuca Heating"),
        ("Dick Van Dyke", "Dick Van Dyke"),
        # Mc and O' names, possessives
        ("mcdonald", "McDonald"),
        ("ronald MCDONALD", "Ronald MCDONALD"),  # capitals in mixed text: an acronym (MCI)
        ("Mcdonald", "McDonald"),
        ("o'brien", "O'Brien"),
        ("O'brien", "O'Brien"),
        ("d'angelo's pizza", "D'Angelo's Pizza"),
        ("joe's pizza", "Joe's Pizza"),
        ("JOE’S PIZZA", "Joe’s Pizza"),
        # particles
        ("ingrid van der berg", "Ingrid van der Berg"),
        ("INGRID VAN DER BERG", "Ingrid van der Berg"),
        ("ludwig von beethoven", "Ludwig von Beethoven"),
        ("leonardo da vinci", "Leonardo da Vinci"),
        ("van morrison", "Van Morrison"),
        ("allied van lines", "Allied Van Lines"),
        ("man with a van", "Man With A Van"),
        # business suffixes and acronyms
        ("acme heating and air llc", "Acme Heating and Air LLC"),
        ("ACME HVAC SERVICES INC.", "Acme HVAC Services Inc."),
        ("smith heating co.", "Smith Heating Co."),
        ("jones & sons ltd.", "Jones & Sons Ltd."),
        ("smith llp", "Smith LLP"),
        ("british widgets plc", "British Widgets PLC"),
        ("bob smith dba bob's hvac", "Bob Smith DBA Bob's HVAC"),
        ("usa movers corp.", "USA Movers Corp."),
        ("bank of the west", "Bank of the West"),
        ("the plumbers", "The Plumbers"),
        # generations
        ("john smith iii", "John Smith III"),
        ("henry ford ii", "Henry Ford II"),
        ("ROBERT JONES JR.", "Robert Jones Jr."),
        ("robert jones sr.", "Robert Jones Sr."),
        ("louis iv", "Louis IV"),
        # hyphens and initials
        ("mary-kate smith-jones", "Mary-Kate Smith-Jones"),
        ("j.r. smith", "J.R. Smith"),
        # state codes only in addresses
        ("dayton oh", "Dayton Oh"),
        # digits
        ("3M COMPANY", "3M Company"),
        ("24hr plumbing", "24hr Plumbing"),
        # whitespace between words is kept, ends are trimmed
        ("  john   smith  ", "John   Smith"),
        ("", ""),
        ("   ", ""),
        # any script
        ("JOSÉ ÑÚÑEZ", "José Ñúñez"),
        ("émile zola", "Émile Zola"),
        ("søren østergaard", "Søren Østergaard"),
        ("иван петров", "Иван Петров"),
        ("ΓΙΏΡΓΟΣ ΠΑΠΑΔΌΠΟΥΛΟΣ", "Γιώργος Παπαδόπουλος"),
        ("東京 タワー", "東京 タワー"),
        ("müller straße", "Müller Straße"),
        ("ßa", "ßa"),
    ],
)
def test_names(text: str, expected: str) -> None:
    assert title_case(text) == expected
    assert title_case(text, kind="name") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("123 main st", "123 Main St"),
        ("123 MAIN ST NE", "123 Main St NE"),
        ("45 n. elm st. sw", "45 N. Elm St. SW"),
        ("ne", "NE"),
        ("1600 pennsylvania ave nw", "1600 Pennsylvania Ave NW"),
        ("dayton oh", "Dayton OH"),
        ("dayton, oh 45402", "Dayton, OH 45402"),
        ("DAYTON, OH, USA", "Dayton, OH, USA"),
        ("toronto on m5v 2t6", "Toronto ON M5V 2T6"),
        ("london sw1a 1aa", "London SW1A 1AA"),
        ("po box 12", "PO Box 12"),
        ("p.o. box 12", "P.O. Box 12"),
        ("1st ave", "1st Ave"),
        ("2ND AVE", "2nd Ave"),
        ("23rd st", "23rd St"),
        ("4TH FLOOR", "4th Floor"),
        ("apt 12b", "Apt 12B"),
        ("101 mcKinley rd", "101 McKinley Rd"),
        ("avenue of the americas", "Avenue of the Americas"),
        # two-letter words that are not in a state position stay words
        ("1 rue de la paix", "1 Rue De La Paix"),
        ("on the green", "On the Green"),
        ("ΟΔΟΣ ΑΘΗΝΩΝ 12", "Οδος Αθηνων 12"),
    ],
)
def test_addresses(text: str, expected: str) -> None:
    assert title_case(text, kind="address") == expected


def test_unknown_kind_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        title_case("john", kind="city")


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("john smith", "name", "John Smith"),
        ("John Smith", "name", None),
        ("  John Smith  ", "name", None),
        ("ABC Plumbing", "name", None),
        ("123 main st ne", "address", "123 Main St NE"),
        ("", "name", None),
    ],
)
def test_suggest_title_case(text: str, kind: str, expected: str | None) -> None:
    assert suggest_title_case(text, kind=kind) == expected


def test_title_case_mode_values() -> None:
    assert [mode.value for mode in TitleCaseMode] == ["off", "suggest", "automatic"]
    assert TitleCaseMode("suggest") is TitleCaseMode.SUGGEST
    assert TitleCaseMode.AUTOMATIC == "automatic"


_WORDS = st.sampled_from(
    [
        "john", "SMITH", "McDonald", "mcdonald", "o'brien", "joe's", "van", "der", "llc",
        "Inc.", "hvac", "iii", "ne", "oh", "po", "box", "1st", "12B", "m5v", "and", "the",
        "smith-jones", "ABC", "x", "A", "ß", "straße", "İSTANBUL", "ΟΔΟΣ", "東京", "3M",
        "de", "la", "lines", "p.o.", "(acme)", "&", "-",
    ]
)  # fmt: skip
_PHRASES = st.lists(_WORDS, min_size=1, max_size=6).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.one_of(_PHRASES, st.text()), st.sampled_from(["name", "address"]))
def test_title_case_is_idempotent(text: str, kind: str) -> None:
    once = title_case(text, kind=kind)
    assert title_case(once, kind=kind) == once
    assert suggest_title_case(once, kind=kind) is None


@settings(max_examples=200, deadline=None)
@given(st.text(), st.sampled_from(["name", "address"]))
def test_title_case_changes_only_letter_case(text: str, kind: str) -> None:
    result = title_case(text, kind=kind)
    assert len(result) == len(text.strip())
    assert result.lower() == text.strip().lower() or result.casefold() == text.strip().casefold()
