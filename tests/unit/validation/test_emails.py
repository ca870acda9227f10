"""Email shape checks: warnings, never exceptions, never lost input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from officemgr.core.validation import EmailAddress, check_email


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("jane@example.com", "jane@example.com"),
        ("  jane@example.com  ", "jane@example.com"),
        ("Jane.Doe@EXAMPLE.COM", "Jane.Doe@example.com"),
        ("office+billing@acme-hvac.co.uk", "office+billing@acme-hvac.co.uk"),
        ("josé@exämple.de", "josé@exämple.de"),
    ],
)
def test_good_addresses(text: str, normalized: str) -> None:
    email = check_email(text)
    assert email == EmailAddress(
        as_typed=text.strip(), normalized=normalized, is_valid=True, warning=None
    )


@pytest.mark.parametrize(
    "text",
    ["bob", "bob@", "@example.com", "a@@example.com", "a b@example.com", "jane@localhost"],
)
def test_bad_addresses_are_kept_with_a_warning(text: str) -> None:
    email = check_email(text)
    assert email.as_typed == text
    assert email.normalized is None
    assert not email.is_valid
    assert email.warning is not None
    assert email.warning.startswith(f"“{text}” does not look like an email address: ")
    assert email.warning.endswith(".")


def test_warning_gives_the_reason() -> None:
    assert check_email("bob").warning == (
        "“bob” does not look like an email address: an email address must have an @-sign."
    )


def test_the_reason_alone_is_there_for_a_message_beside_the_field() -> None:
    email = check_email("zoe@@example")
    assert email.reason == "the part after the @-sign contains invalid characters: '@'."
    assert email.warning == f"“zoe@@example” does not look like an email address: {email.reason}"
    assert check_email("zoe@example.com").reason is None


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_is_no_address_and_no_warning(text: str) -> None:
    assert check_email(text) == EmailAddress(
        as_typed="", normalized=None, is_valid=False, warning=None
    )


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_check_email_never_raises(text: str) -> None:
    email = check_email(text)
    assert email.as_typed == text.strip()
    assert email.is_valid == (email.normalized is not None)
    assert (email.warning is None) == (email.is_valid or not email.as_typed)


@settings(max_examples=200, deadline=None)
@given(st.emails())
def test_generated_addresses_never_raise(text: str) -> None:
    assert check_email(text).as_typed == text.strip()
