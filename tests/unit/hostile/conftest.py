"""Hostile and odd input: the strategies, and the check every call must pass.

Each service call given odd input either stores it (and reads it back exactly as the
documented normalisation says: trimmed, newlines as "\\n", names with inner whitespace
collapsed and in NFC) or refuses it with a `ValidationError` that names a field and says
why — and then nothing of that call is in the file. Anything else (another exception, a
half-written record) fails the test.

The strategies are handed to the tests as the `odd` fixture (a module of this folder
cannot be imported by the tests under ``--import-mode=importlib``), and the tests build
their ``@given`` functions inside the test body, so one company serves every example.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import UTC, timedelta, timezone
from decimal import Decimal, localcontext
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import strategies as st
from sqlalchemy import text

from officemgr.errors import DuplicateError, ValidationError

# ------------------------------------------------------------------------- texts

RTL = ["שלום עולם", "مرحبا بالعالم", "\u202eevil.exe\u202c", "\u200fRTL mark", "ܫܠܡܐ"]
COMBINING = ["e\u0301", "Z\u0364\u0351\u0313\u0324\u0354", "\u0301lead", "n\u0303o\u0308", "ǰ"]
EMOJI = ["👩\u200d👩\u200d👧\u200d👦", "🏳️\u200d🌈", "👍🏽", "🇺🇸", "😀" * 3, "\U0010fffd"]
CONTROL = ["\x00", "a\x00b", "\x07bell", "\x1b[31mred\x1b[0m", "\x7f", "\x85", "\x0b\x0c", "\x1c"]
WHITESPACE = ["", " ", "   ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u2028", " \t \n "]
SQL = [
    "'; DROP TABLE customer_jobs; --",
    "Robert'); DROP TABLE contacts;--",
    "1 OR 1=1",
    '" OR ""="',
    "%_%",
    "\\",
    "NEAR(a b)",
    '"quoted" AND *',
]
MARKUP = [
    "<b>x</b> & y",
    "<script>alert(1)</script>",
    "&amp; &lt; &#65;",
    "<br/><para>",
    "<font color=red>red</font>",
    "]]><!--",
    "{{7*7}} ${x} %s %(x)s",
]
NAMES = [":", "a:b", "Smith, John", "O'Brien", "x" * 100, "x" * 101]
ODD_TEXTS = RTL + COMBINING + EMOJI + CONTROL + WHITESPACE + SQL + MARKUP + NAMES

# Every code point but lone surrogates (which no keyboard or clipboard produces).
_ANY_CHAR = st.characters(exclude_categories=("Cs",))


_TYPEABLE_CHAR = st.characters(exclude_categories=("Cs", "Cc"))
_TYPEABLE_TEXTS = [t for t in ODD_TEXTS if t not in CONTROL and "\n" not in t]


def any_text(max_size: int = 60) -> st.SearchStrategy[str]:
    """Any Unicode text, often built from the odd pieces above.

    Half of it has no control characters and no line breaks, so that examples with
    several fields still reach the "stored" outcome often.
    """
    pieces = st.one_of(st.sampled_from(ODD_TEXTS), st.text(_ANY_CHAR, max_size=6))
    typeable = st.one_of(st.sampled_from(_TYPEABLE_TEXTS), st.text(_TYPEABLE_CHAR, max_size=6))
    return st.one_of(
        st.lists(typeable, max_size=4).map("".join),
        st.text(_TYPEABLE_CHAR, max_size=max_size),
        st.sampled_from(ODD_TEXTS),
        st.text(_ANY_CHAR, max_size=max_size),
        st.lists(pieces, max_size=6).map("".join),
    )


def mostly(usual: st.SearchStrategy[Any], odd: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``usual`` seven times in ten, else ``odd`` (``st.one_of`` weighs every branch of
    nested strategies alike, so the odd ones would crowd out the usual)."""
    return st.integers(0, 9).flatmap(lambda n: usual if n < 7 else odd)


def some_text(max_size: int = 40) -> st.SearchStrategy[str]:
    """Like `any_text`, but mostly a non-empty, typeable value (names, subjects)."""
    typeable = st.text(_TYPEABLE_CHAR, min_size=1, max_size=max_size).filter(str.strip)
    return mostly(typeable, any_text(max_size))


def long_text(size: int) -> st.SearchStrategy[str]:
    """Text of about ``size`` characters: one odd piece repeated, around the limit."""
    return st.builds(
        lambda piece, extra: (piece * (size // max(len(piece), 1) + 1))[: size + extra],
        st.sampled_from([p for p in ODD_TEXTS if p] + ["x", "é", "👍"]),
        st.integers(-3, 3),
    )


# ----------------------------------------------------------------------- numbers

NUMBER_TEXTS = [
    "1e309",
    "-1e309",
    "NaN",
    "-NaN",
    "sNaN",
    "Infinity",
    "-inf",
    "-0",
    "0",
    "99999999999999999999.999",
    "9999999999999.99",
    "-9999999999999.99",
    "9999999999999.995",
    "1e-30",
    "0.005",
    "-0.005",
    "1,000.50",
    "$12.50",
    "1_000",
    "0x10",
    "١٢",
    "",
    " ",
    "abc",
    "1e27",
    "+3",
]
_PLAIN_NUMBER = st.one_of(
    st.decimals(min_value=0, max_value=10**6, places=2),
    st.decimals(min_value=0, max_value=10**6, places=4),
    st.integers(min_value=0, max_value=10**9).map(str),
)
_ODD_NUMBER = st.one_of(
    st.sampled_from(NUMBER_TEXTS),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.integers(),
    st.floats(),
    st.text(_ANY_CHAR, max_size=8),
    st.none(),
    st.booleans(),
)
any_number = mostly(_PLAIN_NUMBER, _ODD_NUMBER)

# ------------------------------------------------------------------------- dates

DATE_TEXTS = ["0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "", " 2026-11-02 ", "x"]
any_date = st.one_of(st.dates(), st.sampled_from(DATE_TEXTS), st.none())
_OFFSETS = st.timedeltas(min_value=-timedelta(hours=23, minutes=59), max_value=timedelta(hours=23))
any_datetime = st.one_of(
    st.datetimes(timezones=st.one_of(st.none(), st.just(UTC), _OFFSETS.map(timezone))),
    st.sampled_from(["0001-01-01T00:00:00", "9999-12-31T23:59:59", "2026-11-02 09:30", "soon"]),
)

# --------------------------------------------------------- what the services keep


def bad_chars(value: str, allowed: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in allowed for ch in value)


def stored_text(value: str | None, *, max_length: int, multiline: bool = False) -> str | None:
    """What a free-text field keeps of ``value``; raises ValueError when it must refuse."""
    if value is None or not value.strip():
        return None
    kept = value.strip()
    if multiline:
        kept = kept.replace("\r\n", "\n").replace("\r", "\n")
    elif "\n" in kept or "\r" in kept:
        raise ValueError("single line")
    if bad_chars(kept, "\t\n") or len(kept) > max_length:
        raise ValueError("refused")
    return kept


def stored_name(value: str) -> str:
    """What a customer or job name keeps; raises ValueError when it must refuse."""
    if bad_chars(value, "\t\n\r"):
        raise ValueError("control")
    name = " ".join(value.split())
    if not name or ":" in name or len(name) > 100:
        raise ValueError("refused")
    return unicodedata.normalize("NFC", name)


def stored_decimal(value: Any, places: int, *, allow_negative: bool = True) -> Decimal | None:
    """What an amount or quantity field keeps; raises ValueError when it must refuse.

    The API takes the plain form only (a Decimal, an int, or text such as "1234.56") and
    never rounds: more decimals than the field keeps is a refusal, as is a float.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, str)):
        raise ValueError("not a Decimal, int or text")
    if isinstance(value, str):
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", value.strip()):
            raise ValueError("not the plain form")
        value = value.strip()
    with localcontext() as context:
        context.prec = 60
        number = Decimal(value)
        if not number.is_finite():
            raise ValueError("not finite")
        kept = number.quantize(Decimal(1).scaleb(-places))
        if kept != number:
            raise ValueError("more decimals than kept")
    if abs(kept) >= Decimal("1e13") or (kept < 0 and not allow_negative):
        raise ValueError("out of range")
    return kept


# ------------------------------------------------------------------ the check


class Probe:
    """Runs a service call and checks it stored everything or nothing, cleanly."""

    def __init__(self, company: Any) -> None:
        self.company = company
        self.tally: Counter[str] = Counter()
        with company.engine.connect() as conn:
            self.tables = [
                name
                for (name,) in conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]

    def rows(self) -> dict[str, int]:
        """Rows of every table (the search index's included)."""
        with self.company.engine.connect() as conn:
            return {
                name: conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()
                for name in self.tables
            }

    def attempt(
        self, call: Callable[[], Any], *, fields: set[str] | None = None
    ) -> Any | ValidationError:
        """The call's result, or the ValidationError it raised (``fields``: the allowed ones).

        Any other exception propagates and fails the example.
        """
        before = self.rows()
        try:
            result = call()
        except ValidationError as error:
            assert error.field, f"no field on {error!r}"
            assert str(error).strip() and error.message.strip()
            if fields is not None:
                assert error.field in fields, (error.field, str(error), fields)
            assert self.rows() == before, f"a refused call left rows behind: {error}"
            self.tally["refused"] += 1
            taken = " (taken)" if isinstance(error, DuplicateError) else ""
            self.tally[f"refused:{error.field}{taken}"] += 1
            return error
        self.tally["stored"] += 1
        return result


@pytest.fixture
def probe(company: Any) -> Probe:
    return Probe(company)


@pytest.fixture
def odd() -> SimpleNamespace:
    """The strategies and the expected-value helpers, for tests to build ``@given`` with."""
    return SimpleNamespace(
        any_text=any_text,
        some_text=some_text,
        mostly=mostly,
        long_text=long_text,
        any_number=any_number,
        any_date=any_date,
        any_datetime=any_datetime,
        ODD_TEXTS=ODD_TEXTS,
        MARKUP=MARKUP,
        CONTROL=CONTROL,
        stored_text=stored_text,
        stored_name=stored_name,
        stored_decimal=stored_decimal,
    )
