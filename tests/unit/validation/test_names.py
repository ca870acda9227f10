"""Node names, free-text fields and default customer names."""

from __future__ import annotations

import pytest

from officemgr.core.validation import (
    MAX_NAME_LENGTH,
    check_node_name,
    check_text,
    default_customer_name,
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
