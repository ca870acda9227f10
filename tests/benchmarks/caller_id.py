"""Caller ID: 1,000 numbers from the phones table, re-typed in mixed formats."""

from __future__ import annotations

import random
import sqlite3
import statistics
from typing import Any

from .measure import Metric, elapsed_ms

CALLER_ID_MS = 0.3  # issue 19 (was 2)

_STYLES = (
    lambda a, b, c: f"+1 {a} {b} {c}",
    lambda a, b, c: f"({a}) {b}-{c}",
    lambda a, b, c: f"{a}.{b}.{c}",
    lambda a, b, c: f"{b}-{c}",  # the carrier sent no area code
    lambda a, b, c: f"1-{a}-{b}-{c}",
    lambda a, b, c: f"{a}{b}{c}",
    lambda a, b, c: f"+1{a}{b}{c}",
)


def incoming_numbers(conn: sqlite3.Connection, count: int, seed: int) -> list[str]:
    """``count`` numbers: most stored ones in another format than stored, some unknown."""
    rng = random.Random(seed)
    (top,) = conn.execute("SELECT max(id) FROM phones").fetchone()
    wanted = rng.sample(range(1, (top or 0) + 1), min(count, top or 0))
    stored = [
        row[0]
        for row in conn.execute(
            f"SELECT e164 FROM phones WHERE id IN ({','.join('?' * len(wanted))}) "
            "AND e164 LIKE '+1%'",
            wanted,
        )
    ]
    numbers: list[str] = []
    for index in range(count):
        if index % 10 == 9 or not stored:  # one call in ten is from a stranger
            digits = f"555{rng.randrange(0, 10_000_000):07d}"
        else:
            digits = stored[index % len(stored)][-10:]
        style = _STYLES[index % len(_STYLES)]
        numbers.append(style(digits[:3], digits[3:6], digits[6:]))
    return numbers


def floor_key(number: str) -> str:
    """The stored key of a number (last ten digits reversed), as the app keys it."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return digits[-10:][::-1]


def measure(co: Any, raw: sqlite3.Connection, numbers: list[str]) -> Metric:
    """Mean time per lookup over all ``numbers`` (every caller counts, not the median)."""
    for number in numbers[:20]:
        co.phone_lookup(number)
    app = [elapsed_ms(lambda n=n: co.phone_lookup(n)) for n in numbers]
    keys = [floor_key(n) for n in numbers]
    select = "SELECT owner_id, contact_id FROM phones WHERE digits_key = ?"
    floor = [elapsed_ms(lambda k=k: raw.execute(select, (k,)).fetchall()) for k in keys]
    return Metric(
        "caller_id",
        statistics.fmean(app),
        statistics.fmean(floor),
        target_of="app",
        limit=CALLER_ID_MS,
        note=f"mean of {len(numbers)} numbers, mixed formats, 10% unknown",
    )
