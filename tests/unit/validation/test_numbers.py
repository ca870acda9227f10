"""core.numbers: what is shown reads back as itself in every locale, what is typed is read
or refused with a sentence — never guessed, never a traceback."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from officemgr.core.numbers import (
    NumberTextError,
    locale_name,
    number_format,
    plain_decimal,
    set_system_locale,
    system_locale,
)

LOCALES = ["en_US", "de_DE", "fr_FR", "de_CH", "en_IN", "ar_EG", "hi_IN", "pt_BR", "sv_SE"]
money = st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False)
rates = st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(value=money, locale=st.sampled_from(LOCALES))
def test_money_shown_reads_back_exactly(value: Decimal, locale: str) -> None:
    fmt = number_format(locale)
    assert fmt.read(fmt.money(value)) == value
    assert fmt.read(fmt.edit_text(value, places=2)) == value


@settings(max_examples=200, deadline=None)
@given(value=rates, locale=st.sampled_from(LOCALES))
def test_rates_and_quantities_read_back_with_their_four_decimals(
    value: Decimal, locale: str
) -> None:
    fmt = number_format(locale)
    assert fmt.read(fmt.rate(value), places=4) == value
    assert fmt.read(fmt.quantity(value), places=4) == value


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=30), locale=st.sampled_from(LOCALES))
def test_anything_typed_is_read_or_refused_in_a_sentence(text: str, locale: str) -> None:
    fmt = number_format(locale)
    try:
        value = fmt.read(text)
    except NumberTextError as error:
        assert str(error).endswith(".") and "The amount" in str(error)
        return
    assert value is None or (value.is_finite() and value == value.quantize(Decimal("0.01")))


@pytest.mark.parametrize(
    ("locale", "typed", "read"),
    [
        ("en_US", "1,234.56", Decimal("1234.56")),
        ("en_US", "$1,200", Decimal("1200")),
        ("en_US", "-$5.00", Decimal("-5")),
        ("de_DE", "12,50", Decimal("12.50")),
        ("de_DE", "1.234,56", Decimal("1234.56")),
        ("de_DE", "3,50 €", Decimal("3.50")),
        ("fr_FR", "1 234,56", Decimal("1234.56")),  # a plain space where French uses U+202F
        ("de_CH", "1'234.56", Decimal("1234.56")),
    ],
)
def test_the_forms_people_type(locale: str, typed: str, read: Decimal) -> None:
    currency = "EUR" if locale in ("de_DE", "fr_FR") else "USD"
    assert number_format(locale, currency).read(typed) == read


@pytest.mark.parametrize("typed", ["12,50", "10,00", "1.234,56", "1,23", "1 234,56"])
def test_en_us_refuses_other_forms_and_shows_its_own(typed: str) -> None:
    with pytest.raises(NumberTextError) as refused:
        number_format("en_US").read(typed)
    assert str(refused.value) == (
        f"The amount must be a number written like 1,234.56 (English (United States)); "
        f"“{typed}” is not."
    )


def test_decimals_beyond_the_kind_are_refused_not_rounded() -> None:
    fmt = number_format("en_US")
    with pytest.raises(NumberTextError, match="whole cents"):
        fmt.read("0.005")
    assert fmt.read("19.995", places=4) == Decimal("19.995")
    with pytest.raises(NumberTextError, match="at most 4 decimal places"):
        fmt.read("19.99951", places=4)


@pytest.mark.parametrize("value", [1.5, True, None, [1], "1,000", "1e3", "NaN", " "])
def test_the_plain_form_refuses_what_is_not_exact_or_not_plain(value: object) -> None:
    with pytest.raises(NumberTextError, match=r"^The amount must be a number"):
        plain_decimal(value, places=2, what="The amount")


def test_the_computer_s_locale_comes_from_the_window_when_it_knows() -> None:
    try:
        set_system_locale("de-DE")
        assert system_locale() == "de_DE"
        assert number_format(None).money(Decimal("1234.5")) == "1.234,50"
        set_system_locale("C")  # no language set: falls back to the environment
        assert system_locale() == (locale_name(system_locale()) or "en_US")
    finally:
        set_system_locale(None)
    assert locale_name("xx_YY") is None
