"""Quick-filter search: 50 varied queries through the app, beside raw sqlite3 lookups."""

from __future__ import annotations

import random
import re
import sqlite3
import unicodedata
from itertools import zip_longest
from typing import Any

from officemgr.core.keys import fold

from .measure import Metric, median_of, percentile

LIMIT = 50
SEARCH_P95_MS = 8.0  # issue 19 (was 30), and within SEARCH_P95_RATIO x floor
SEARCH_P95_RATIO = 3.0
_PHONE = re.compile(r"[\d\s().+\-/]+")
_WORD = re.compile(r"\w+")


# Letters NFKD leaves alone, typed on a US keyboard as their plain look-alikes.
_PLAIN_LETTERS = str.maketrans({"Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "Ł": "L", "ł": "l"})


def strip_accents(text: str) -> str:
    """As a user types an accented name on a US keyboard: González -> Gonzalez."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_PLAIN_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _sample(conn: sqlite3.Connection, sql: str, rng: random.Random, count: int) -> list[str]:
    values = [row[0] for row in conn.execute(sql) if row[0]]
    return rng.sample(values, min(count, len(values)))


def varied_queries(conn: sqlite3.Connection, count: int, seed: int) -> list[str]:
    """``count`` queries a receptionist types, taking turns between kinds, from the data."""
    rng = random.Random(seed)
    # A bounded sample of rows keeps this quick at any scale (rowid ranges, not ORDER BY).
    some = "ORDER BY id LIMIT 2000 OFFSET {}"
    people = _sample(
        conn,
        "SELECT last_name FROM customer_jobs WHERE last_name IS NOT NULL "
        + some.format(rng.randrange(0, 50)),
        rng,
        8,
    )
    accented = _sample(
        conn,
        "SELECT name FROM customer_jobs WHERE parent_id IS NULL AND is_active = 1 "
        "AND name GLOB '*[^ -~]*' LIMIT 500",
        rng,
        6,
    )
    companies = _sample(
        conn,
        "SELECT company_name FROM customer_jobs WHERE company_name LIKE '% %' LIMIT 2000",
        rng,
        5,
    )
    cities = _sample(conn, "SELECT city FROM addresses " + some.format(0), rng, 6)
    emails = _sample(conn, "SELECT address FROM emails " + some.format(0), rng, 6)
    phones = _sample(conn, "SELECT e164 FROM phones WHERE e164 LIKE '+1%' LIMIT 2000", rng, 8)
    kinds: list[list[str]] = [
        ["a", "m", "z", "s", "h", "o"],  # the first letter typed
        ["mc", "sa", "jo", "br", "xq", "li"],
        people,
        [p[:4] for p in people],  # a name half typed
        [strip_accents(a) for a in accented],  # "Gonzalez" for González
        [" ".join(c.split()[:2]) for c in companies],
        cities,
        emails[:3] + [e.split("@")[0][:5] for e in emails[3:]],
        _phone_queries(phones),
        ["zzqxv", "qwxj 123", "xyzzy plugh", "@@@", "9999999", "no such customer"],
    ]
    queries = [q for turn in zip_longest(*kinds) for q in turn if q]
    return queries[:count]


def _phone_queries(e164s: list[str]) -> list[str]:
    """Phone numbers typed the ways people type them: part of one, all of one, any style."""
    styles = [
        lambda a, b, c: f"({a}) {b}-{c}",
        lambda a, b, c: f"{b}-{c}",  # no area code
        lambda a, b, c: f"{a}.{b}.{c}",
        lambda a, b, c: f"+1 {a} {b} {c}",
        lambda a, b, c: f"{a}{b}",  # the first digits
        lambda a, b, c: f"{a}-{b}",
        lambda a, b, c: f"1{a}{b}{c}",
        lambda a, b, c: f"{c}",  # the last four
    ]
    found: list[str] = []
    for number, style in zip(e164s, styles, strict=False):
        digits = number[-10:]
        found.append(style(digits[:3], digits[3:6], digits[6:]))
    return found


# ------------------------------------------------------------------------------ floor


def floor_lookup(conn: sqlite3.Connection, query: str) -> Any:
    """The plainest indexed lookup of the same kind: digits, contains (FTS5) or a prefix."""
    folded = " ".join(fold(query).split())
    digits = "".join(ch for ch in folded if ch.isdigit())
    if len(digits) >= 3 and _PHONE.fullmatch(folded):
        key = digits[-10:][::-1]
        return lambda: conn.execute(
            "SELECT owner_id, contact_id FROM phones WHERE digits_key >= ? AND digits_key < ? "
            "LIMIT 50",
            (key, key + "\U0010ffff"),
        ).fetchall()
    words = [w for w in _WORD.findall(folded) if len(w) >= 3]
    if words:
        phrase = " AND ".join('"' + w.replace('"', '""') + '"' for w in words)
        return lambda: conn.execute(
            "SELECT rowid FROM search_text WHERE search_text MATCH ? LIMIT 50", (phrase,)
        ).fetchall()
    return lambda: conn.execute(
        "SELECT id FROM customer_jobs WHERE sort_key >= ? AND sort_key < ? LIMIT 50",
        (folded, folded + "\U0010ffff"),
    ).fetchall()


def measure(co: Any, raw: sqlite3.Connection, queries: list[str], repeats: int) -> list[Metric]:
    """Median and 95th percentile over ``queries`` (each query: the median of ``repeats``)."""
    for query in queries[:5]:  # the first query of a session pays for imports and caches
        co.customers.search(query, mode="contains", limit=LIMIT)
    app = [
        median_of(lambda q=q: co.customers.search(q, mode="contains", limit=LIMIT), repeats)
        for q in queries
    ]
    floor = [median_of(floor_lookup(raw, q), repeats) for q in queries]
    note = f"{len(queries)} queries, contains, limit {LIMIT}"
    return [
        Metric("search_median", percentile(app, 0.5), percentile(floor, 0.5), note=note),
        Metric(
            "search_p95",
            percentile(app, 0.95),
            percentile(floor, 0.95),
            target_of="app",
            limit=SEARCH_P95_MS,
            ratio_limit=SEARCH_P95_RATIO,
            note=note,
        ),
    ]
