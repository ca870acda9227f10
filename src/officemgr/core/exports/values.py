"""How a value is written as text in a CSV file: one spelling per kind, the one the
import reads back (``core.imports.mapping``) and a spreadsheet recognises."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal

from officemgr.core.exports.columns import Kind

__all__ = ["Value", "composed", "local_time", "text_of"]

Value = str | int | Decimal | date | datetime | bool | None
"""A cell as the readers give it: text, a number, an amount, a date, a local time,
yes/no, or nothing."""


def composed(text: str) -> str:
    """``text`` in Unicode's composed form (NFC), as files are exchanged: an accent typed
    on a Mac may be stored as a letter and a combining mark, which Windows-1252 cannot
    hold and a program comparing names takes for another name."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def local_time(moment: datetime) -> datetime:
    """A stored (UTC) moment as the exporting computer's local wall-clock time, without
    a zone: what the office typed, and what a spreadsheet shows."""
    return moment.astimezone().replace(tzinfo=None)


def text_of(value: Value, kind: Kind) -> str:
    """``value`` as CSV text: amounts with two decimals ("2500.00"), other numbers
    plainly ("8.25"), ISO dates ("2026-11-30"), times to the second
    ("2026-11-30 14:05:00"), "yes"/"no", text composed (`composed`); nothing is the
    empty text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}" if kind == "money" else _plain(value)
    return composed(value) if isinstance(value, str) else str(value)


def _plain(number: Decimal) -> str:
    """A number without trailing zeros or an exponent: 8.2500 → "8.25", 10 → "10"."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
