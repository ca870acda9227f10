"""Column types that keep money exact and time in UTC on every database.

SQLite has no exact decimal type (``Numeric`` becomes a float there), so money and
quantities are stored as scaled integers and come back as ``Decimal``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


def key_string(length: int) -> TypeEngine[str]:
    """Text that is a key: compared by range ("starts with" is ``>= w AND < w + U+10FFFF``)
    and ordered as SQLite orders it, by code point. PostgreSQL orders text by the
    server's locale unless told otherwise, so there the column is ``COLLATE "C"``."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


def to_decimal(value: Decimal | int | str | float, places: int = 2) -> Decimal:
    """An exact Decimal rounded half-up to ``places``; floats go through ``str`` first."""
    if isinstance(value, float):
        value = str(value)
    quantum = Decimal(1).scaleb(-places)
    return Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


class ScaledDecimal(TypeDecorator[Decimal]):
    """A Decimal stored as an integer count of 10**-places units (cents for money)."""

    impl = BigInteger
    cache_ok = True

    def __init__(self, places: int = 2) -> None:
        super().__init__()
        self.places = places

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        return int(to_decimal(value, self.places).scaleb(self.places))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(int(value)).scaleb(-self.places)


def Money() -> ScaledDecimal:
    """Money in the office currency, exact to the cent."""
    return ScaledDecimal(2)


def Quantity() -> ScaledDecimal:
    """Quantities, volumes, weights and rates that need more than cents."""
    return ScaledDecimal(4)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, stored as naive UTC, aware UTC out.

    A naive datetime given by a caller is taken as local wall-clock time, which is what a
    user typing "9:30" means.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.astimezone()  # local wall-clock time
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)
