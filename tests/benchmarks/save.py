"""Saving an edited customer: the service's update beside a raw UPDATE and commit."""

from __future__ import annotations

import sqlite3
import statistics
from typing import Any

from .measure import Metric, elapsed_ms

SAVE_MS = 5.0  # issue 19


def pick_customers(conn: sqlite3.Connection, count: int) -> list[int]:
    """``count`` customers spread evenly over the file, and one more to warm up on."""
    ids = [row[0] for row in conn.execute("SELECT id FROM customer_jobs WHERE parent_id IS NULL")]
    step = max(1, len(ids) // (count + 1))
    return ids[::step][: count + 1]


def measure(co: Any, path: str, customers: list[int]) -> Metric:
    """Median save time of a notepad edit (on the working copy, never the cached file)."""
    warm, *customers = customers  # the first save of a session imports and prepares
    co.customers.update(warm, notepad="Benchmark warm-up.")
    app: list[float] = []
    for number, node_id in enumerate(customers):
        version = co.customers.get(node_id).version
        text = f"Benchmark edit {number}: called about the annual service."
        app.append(
            elapsed_ms(
                lambda n=node_id, v=version, t=text: co.customers.update(
                    n, expected_version=v, notepad=t
                )
            )
        )
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA synchronous=NORMAL")  # as the app's connections
    try:

        def update(node_id: int) -> None:
            raw.execute("BEGIN IMMEDIATE")
            raw.execute(
                "UPDATE customer_jobs SET notepad = ?, version = version + 1 WHERE id = ?",
                ("Benchmark floor edit.", node_id),
            )
            raw.execute("COMMIT")

        floor = [elapsed_ms(lambda n=n: update(n)) for n in customers]
    finally:
        raw.close()
    return Metric(
        "save_customer",
        statistics.median(app),
        statistics.median(floor),
        target_of="app",
        limit=SAVE_MS,
        note=f"median of {len(customers)} notepad edits",
    )
