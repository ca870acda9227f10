"""Node names, free-text fields, default customer names and a person's name split."""

from __future__ import annotations

import pytest

from officemgr.core.validation import (
    MAX_NAME_LENGTH,
    PersonName,
    check_node_name,
    check_text,
    default_customer_name,
    split_person_name,
)
from officemgr.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Smith, John", "Smith, John"),
        ("  Smith,   John  ", "Smith, John"),
        ("Furnace\tReplacement", "Furnace Replacement"),
        ("Furnace\nReplacement", "Furnace Replacement"),
        ("Ñúñez\u00a0José", "Ñúñez José"),
        ("東京タワー", "東京タワー"),
        ("x" * MAX_NAME_LENGTH, "x" * MAX_NAME_LENGTH),
    ],
)
def test_good_names_are_trimmed_and_collapsed(text: str, expected: str) -> None:
    assert check_node_name(text) == expected


@pytest.mark.parametrize(
    ("text", "message_part"),
    [
        ("", "A name is required."),
        ("   \t ", "A name is required."),
        ("Smith:Furnace", "separates a customer from its jobs"),
        ("x" * (MAX_NAME_LENGTH + 1), f"at most {MAX_NAME_LENGTH} characters"),
        ("Smith\x00John", "control characters (U+0000)"),
        ("Smith\x1bJohn", "control characters (U+001B)"),
    ],
)
def test_bad_names_raise_with_a_readable_message(text: str, message_part: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_node_name(text, field="job_name")
    assert message_part in str(caught.value)
    assert caught.value.field == "job_name"


def test_default_field_is_name() -> None:
    with pytest.raises(ValidationError) as caught:
        check_node_name("")
    assert caught.value.field == "name"


def test_length_is_measured_after_collapsing() -> None:
    padded = "x" * (MAX_NAME_LENGTH - 1) + "     y"
    with pytest.raises(ValidationError):
        check_node_name(padded)
    assert check_node_name(" " * 20 + "x" * MAX_NAME_LENGTH + " " * 20) == "x" * MAX_NAME_LENGTH


@pytest.mark.parametrize(
    ("value", "multiline", "expected"),
    [
        (None, False, None),
        ("", False, None),
        ("   ", False, None),
        ("  Acme HVAC  ", False, "Acme HVAC"),
        ("a\tb", False, "a\tb"),
        ("line 1\r\nline 2\rline 3", True, "line 1\nline 2\nline 3"),
        ("\n  notes  \n", True, "notes"),
    ],
)
def test_check_text_accepts(value: str | None, multiline: bool, expected: str | None) -> None:
    result = check_text(value, field="notes", max_length=20, label="Notes", multiline=multiline)
    assert result == expected


@pytest.mark.parametrize(
    ("value", "multiline", "message"),
    [
        ("x" * 21, False, "Notes can be at most 20 characters long; this one has 21."),
        ("line 1\nline 2", False, "Notes must be a single line."),
        ("a\x07b", True, "Notes cannot contain control characters (U+0007)."),
        ("a\x00b", False, "Notes cannot contain control characters (U+0000)."),
    ],
)
def test_check_text_rejects(value: str, multiline: bool, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_text(value, field="notes", max_length=20, label="Notes", multiline=multiline)
    assert str(caught.value) == message
    assert caught.value.field == "notes"


@pytest.mark.parametrize(
    ("first", "last", "company", "expected"),
    [
        ("John", "Smith", None, "Smith, John"),
        ("John", "Smith", "Acme HVAC", "Smith, John"),
        (" John ", "  Smith ", "", "Smith, John"),
        (None, "Smith", None, "Smith"),
        ("John", "", None, "John"),
        ("", "", "Acme HVAC", "Acme HVAC"),
        (None, None, "  Acme   HVAC ", "Acme HVAC"),
        (None, None, None, ""),
        ("  ", " ", " ", ""),
    ],
)
def test_default_customer_name(
    first: str | None, last: str | None, company: str | None, expected: str
) -> None:
    assert default_customer_name(first_name=first, last_name=last, company_name=company) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ødegård, Zoë", PersonName(first="Zoë", last="Ødegård")),
        ("Zoë Ødegård", PersonName(first="Zoë", last="Ødegård")),
        ("  Zoë   Ødegård ", PersonName(first="Zoë", last="Ødegård")),
        (
            "Dr. Ana María de la Cruz Jr.",
            PersonName(
                salutation="Dr.", first="Ana", middle_initial="M.", last="de la Cruz", suffix="Jr."
            ),
        ),
        ("de la Cruz, Ana María", PersonName(first="Ana", middle_initial="M.", last="de la Cruz")),
        # Two people who share a last name: one customer, both first names.
        ("Simmons, Heather & Zoë", PersonName(first="Heather & Zoë", last="Simmons")),
        ("Heather and Zoë Simmons", PersonName(first="Heather and Zoë", last="Simmons")),
        ("Smith, John Q.", PersonName(first="John", middle_initial="Q.", last="Smith")),
        ("Jane Q Public", PersonName(first="Jane", middle_initial="Q.", last="Public")),
        ("Mr. and Mrs. Smith", PersonName(salutation="Mr. and Mrs.", last="Smith")),
        ("O'Brien, Mary", PersonName(first="Mary", last="O'Brien")),
        ("mcdonald, fiona", PersonName(first="fiona", last="mcdonald")),  # cased as typed
        ("Mary Smith-Jones PhD", PersonName(first="Mary", last="Smith-Jones", suffix="PhD")),
    ],
)
def test_a_persons_name_is_split_into_its_parts(text: str, expected: PersonName) -> None:
    assert split_person_name(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Acme Heating & Cooling, Inc.",
        "Acme Heating & Cooling",
        "McDonald HVAC LLC",
        "Smith & Sons",
        "John Smith and Sons",
        "Smith & Jones",  # two families (or a firm), not one person
        "Bob's Plumbing",
        "First Baptist Church",
        "Dayton Public Schools",
        "Apartment 12B",
        "Green",  # one word: a first name or a last name?
        "Smith,",
        "",
        "   ",
    ],
)
def test_what_is_not_a_persons_name_is_not_split(text: str) -> None:
    assert split_person_name(text) is None


def test_many_middle_names_keep_to_the_middle_initial_field() -> None:
    parts = split_person_name("Ana María José Luisa Paz García")
    assert parts is not None and len(parts.middle_initial) <= 5
    assert parts.middle_initial == "M."
    assert split_person_name("Ana María José García") == PersonName(
        first="Ana", middle_initial="M.J.", last="García"
    )


def test_a_split_name_makes_the_same_default_name() -> None:
    """The two directions agree: a name split, then made again from its parts."""
    for text in ("Ødegård, Zoë", "Zoë Ødegård", "Simmons, Heather & Zoë"):
        parts = split_person_name(text)
        assert parts is not None
        made = default_customer_name(first_name=parts.first, last_name=parts.last, company_name="")
        assert made in (text, f"{parts.last}, {parts.first}")
        assert split_person_name(made) == parts
