"""Importing a customer list: CSV in through ``co.imports`` beside raw inserts of as many rows.

The file is made here (``customers`` customers, each with two jobs, with a phone, an
email and an address), so the figure does not depend on an exporter; the import goes
into an empty company file, as an office moving in does. The floor is the same number
of rows written with sqlite3's executemany in one transaction: what the disk and SQLite
cost with no checks, no search index and no ORM.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import time
from pathlib import Path

from .measure import Metric

JOBS_EACH = 2
TARGET_100K_S = 60.0  # the target for 100,000 customers with their jobs


def write_list(path: Path, customers: int) -> int:
    """The CSV file to import; returns its number of rows (customers and jobs)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Customer:Job", "Phone", "E-mail", "Street", "City", "State", "Zip"])
    for n in range(customers):
        name = f"Customer {n:06d}, Pat"
        phone = f"555-{n // 10_000 % 1000:03d}-{n % 10_000:04d}"
        writer.writerow([name, phone, f"c{n}@example.com", f"{n} Oak St", "Dayton", "OH", "45402"])
        for job in range(JOBS_EACH):
            writer.writerow([f"{name}:Job {job}", "", "", "", "", "", ""])
    path.write_text(out.getvalue(), encoding="utf-8")
    return customers * (1 + JOBS_EACH)


def measure(work: Path, customers: int) -> list[Metric]:
    """The import into an empty company, and the preview of importing the same file
    again (every row found unchanged)."""
    from officemgr import Company

    folder = work / "import"
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "customers.csv"
    rows = write_list(source, customers)
    with Company.open(folder / "Moving In.officemgr") as co:
        parsed = co.imports.read(source)
        started = time.perf_counter()
        report = co.imports.commit(parsed, backup_dir=folder / "backups").report
        app = time.perf_counter() - started
        assert report.count("create") == rows, report.summary()
        started = time.perf_counter()
        again = co.imports.preview(parsed)
        second = time.perf_counter() - started
        assert again.count("unchanged") == rows, again.summary()
    floor = _raw_inserts(folder / "floor.sqlite", rows)
    limit = TARGET_100K_S * 1000 * customers / 100_000
    what = f"{customers:,} customers + {customers * JOBS_EACH:,} jobs from CSV"
    return [
        Metric(
            "import_100k",
            app * 1000,
            floor * 1000,
            target_of="app",
            limit=limit,
            note=f"{what}, backup included ({app / rows * 1000:.2f} ms a row)",
        ),
        Metric(
            "import_100k_again",
            second * 1000,
            floor * 1000,
            target_of="app",
            limit=limit,
            note=f"{what} again: all unchanged ({second / rows * 1000:.2f} ms a row)",
        ),
    ]


def _raw_inserts(path: Path, rows: int) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("CREATE TABLE nodes (id INTEGER PRIMARY KEY, name TEXT, key TEXT UNIQUE)")
        started = time.perf_counter()
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO nodes (name, key) VALUES (?, ?)",
            ((f"Customer {n}", f"customer {n}") for n in range(rows)),
        )
        conn.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        conn.close()
