"""The A/R Aging Summary of every customer who owes, beside a plain reportlab canvas.

The floor reads each open invoice's customer, due date and open amount (total less what
live payments applied) with sqlite3, adds them into the five buckets per customer, and
draws a line per customer — name, five buckets, total — 50 lines a page with the column
headings, and a totals line. Target: the app's report in at most 2 s at 100,000
customers (issue 18).
"""

from __future__ import annotations

import sqlite3
import time
from datetime import date
from pathlib import Path
from typing import Any

from .measure import Metric

AGING_MS = 2000.0
_BUCKETS = ("Current", "1–30", "31–60", "61–90", "Over 90")
_OPEN_INVOICES = """
SELECT c.full_name, i.due_date, i.total - coalesce(
    (SELECT sum(a.amount) FROM payment_applications a JOIN payments p ON p.id = a.payment_id
     WHERE a.invoice_id = i.id AND p.is_void = 0), 0)
FROM invoices i JOIN customer_jobs c ON c.id = i.customer_id
WHERE i.status = 'open'
ORDER BY c.full_name_key
"""


def app_pdf(co: Any, out: Path) -> tuple[float, int, int]:
    start = time.perf_counter()
    result = co.reports.ar_aging_summary(out)
    return (time.perf_counter() - start) * 1000, result.entries, result.pages


def _bucket(due: str | None, today: date) -> int:
    days = (today - date.fromisoformat(due)).days if due else 0
    return 0 if days <= 0 else min(4, (days - 1) // 30 + 1)


def floor_pdf(path: Path, out: Path) -> tuple[float, int, int]:
    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.pdfgen.canvas import Canvas

    start = time.perf_counter()
    today = date.today()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    owed: dict[str, list[int]] = {}
    for name, due, cents in conn.execute(_OPEN_INVOICES):
        buckets = owed.setdefault(name, [0] * 5)
        buckets[_bucket(due, today)] += cents
    conn.close()
    width, height = landscape(letter)
    canvas = Canvas(str(out), pagesize=(width, height))
    columns = [36 + 250 + 85 * i for i in range(6)]
    pages = 0

    def headings() -> None:
        canvas.setFont("Helvetica-Bold", 8)
        canvas.drawString(36, height - 60, "Customer")
        for x, label in zip(columns, (*_BUCKETS, "Total"), strict=True):
            canvas.drawRightString(x + 80, height - 60, label)
        canvas.setFont("Helvetica", 7.5)

    headings()
    y = height - 75
    for count, (name, buckets) in enumerate(owed.items()):
        if count and count % 50 == 0:
            canvas.showPage()
            pages += 1
            headings()
            y = height - 75
        canvas.drawString(36, y, name)
        for x, cents in zip(columns, (*buckets, sum(buckets)), strict=True):
            canvas.drawRightString(x + 80, y, f"{cents / 100:,.2f}")
        y -= 10
    canvas.showPage()
    canvas.save()
    return (time.perf_counter() - start) * 1000, len(owed), pages + 1


def measure(co: Any, path: Path, folder: Path) -> Metric:
    app_ms, customers, app_pages = app_pdf(co, folder / "aging-app.pdf")
    floor_ms, floor_customers, floor_pages = floor_pdf(path, folder / "aging-floor.pdf")
    return Metric(
        "ar_aging_summary",
        app_ms,
        floor_ms,
        target_of="app",
        limit=AGING_MS,
        note=(
            f"every customer who owes: app {customers:,} lines on {app_pages:,} pages; "
            f"floor {floor_customers:,} customers on {floor_pages:,} pages"
        ),
    )
