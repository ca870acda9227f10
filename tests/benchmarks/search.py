"""Quick-filter search: 50 varied queries through the app, beside raw sqlite3 lookups;
long pasted queries; the first search of a fresh process on a file not yet cached."""

from __future__ import annotations

import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from functools import partial
from itertools import zip_longest
from pathlib import Path
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


def timings(
    co: Any, raw: sqlite3.Connection, queries: list[str], repeats: int
) -> tuple[list[float], list[float]]:
    """Each query's time through the app and as its floor (each the median of ``repeats``)."""
    for query in queries[:5]:  # the first query of a session pays for imports and caches
        co.customers.search(query, mode="contains", limit=LIMIT)
    search = co.customers.search
    app = [median_of(partial(search, q, mode="contains", limit=LIMIT), repeats) for q in queries]
    return app, [median_of(floor_lookup(raw, q), repeats) for q in queries]


def measure(co: Any, raw: sqlite3.Connection, queries: list[str], repeats: int) -> list[Metric]:
    """Median and 95th percentile over ``queries`` (each query: the median of ``repeats``)."""
    app, floor = timings(co, raw, queries, repeats)
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


# ---------------------------------------------------------------------- long, pasted


def long_queries(conn: sqlite3.Connection, count: int, seed: int) -> list[str]:
    """``count`` queries pasted whole, taking turns: a full name and its city, an e-mail
    address at a common domain, a company and its street line, a punctuated phone number."""
    rng = random.Random(seed)
    each = -(-count // 4)
    bill_to = "JOIN addresses a ON a.owner_id = c.id AND a.kind = 'bill_to' "
    customers = "WHERE c.parent_id IS NULL AND {} <> '' ORDER BY c.id LIMIT 2000"
    names = _sample(
        conn,
        "SELECT c.first_name || ' ' || c.last_name || ' ' || a.city FROM customer_jobs c "
        + bill_to
        + customers.format("c.first_name || c.last_name"),
        rng,
        each,
    )
    some = [e for (e,) in conn.execute("SELECT address FROM emails ORDER BY id LIMIT 2000") if e]
    common = {d for d, _n in Counter(_domain(e) for e in some).most_common(5)}
    at_common = [e for e in some if _domain(e) in common]
    emails = rng.sample(at_common, min(each, len(at_common)))
    companies = _sample(
        conn,
        "SELECT c.company_name || ' ' || a.line1 FROM customer_jobs c "
        + bill_to
        + customers.format("c.company_name"),
        rng,
        each,
    )
    e164s = _sample(conn, "SELECT e164 FROM phones WHERE e164 LIKE '+1%' LIMIT 2000", rng, each)
    styles = ["({}) {}-{}", "+1 ({}) {}-{}", "{}.{}.{}", "{}-{}-{}"]
    phones = [
        styles[i % len(styles)].format(e[-10:-7], e[-7:-4], e[-4:]) for i, e in enumerate(e164s)
    ]
    return [q for turn in zip_longest(names, emails, companies, phones) for q in turn if q][:count]


def _domain(email: str) -> str:
    return email.rpartition("@")[2].lower()


def measure_long(co: Any, raw: sqlite3.Connection, queries: list[str], repeats: int) -> Metric:
    """95th percentile over long pasted ``queries``, timed as `measure` times its own."""
    app, floor = timings(co, raw, queries, repeats)
    return Metric(
        "search_long_p95",
        percentile(app, 0.95),
        percentile(floor, 0.95),
        note=f"{len(queries)} pasted queries (name and city, e-mail, company and street, "
        f"punctuated phone), contains, limit {LIMIT}; no target",
    )


# ------------------------------------------------------------------------------- cold

DROP_CACHES = Path("/proc/sys/vm/drop_caches")
REPO = Path(__file__).resolve().parents[2]


def cold_child(kind: str, path: str, query: str, limit: str) -> None:
    """In a fresh process: open ``path``, then time one search ("app") or its floor."""
    if kind == "app":
        from officemgr import Company

        co = Company.open(path, create=False)
        work = partial(co.customers.search, query, mode="contains", limit=int(limit))
    else:
        raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        raw.execute("SELECT count(*) FROM sqlite_schema").fetchone()  # reads the schema
        work = floor_lookup(raw, query)
    start = time.perf_counter()
    work()
    print((time.perf_counter() - start) * 1000)


def _cold_ms(kind: str, path: Path, query: str, limit: int) -> float:
    """One fresh child's time; as root, the OS file cache is dropped before it starts."""
    if os.access(DROP_CACHES, os.W_OK):
        os.sync()
        DROP_CACHES.write_text("1\n")
    code = "import sys; from tests.benchmarks.search import cold_child; cold_child(*sys.argv[1:])"
    done = subprocess.run(
        [sys.executable, "-c", code, kind, str(path), query, str(limit)],
        cwd=REPO, capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    return float(done.stdout.split()[-1])


def measure_cold(path: Path, queries: list[str]) -> Metric:
    """The first search of a fresh process that has just opened ``path`` (the median of
    three children, each its own query), beside a fresh raw sqlite3 connection's floor."""
    from officemgr.ui.quick_filter import RESULT_LIMIT

    picked = [queries[i % len(queries)] for i in (2, 5, 8)]  # a last name, company, phone
    app = [_cold_ms("app", path, q, RESULT_LIMIT + 1) for q in picked]
    floor = [_cold_ms("floor", path, q, RESULT_LIMIT + 1) for q in picked]
    cache = "sync and drop_caches" if os.access(DROP_CACHES, os.W_OK) else "OS cache warm"
    return Metric(
        "search_cold_first_ms",
        statistics.median(app),
        statistics.median(floor),
        note=f"median of {len(picked)} fresh processes, each timing its first search (a "
        f"last name, a company, a phone; contains, limit {RESULT_LIMIT + 1} as the quick "
        f"filter) after Company.open; {cache} before each; no target",
    )
