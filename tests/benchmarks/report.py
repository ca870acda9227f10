"""The Contact Log (Customer) PDF of ~10,000 entries beside a plain reportlab canvas."""

from __future__ import annotations

import sqlite3
import time
from importlib import resources
from pathlib import Path
from typing import Any

from .measure import Metric

PDF_RATIO = 1.5  # issue 19 (was 2)
_FONT = "BenchDejaVuSans"  # the app's bundled font, registered by plain reportlab


def pick_customers(conn: sqlite3.Connection, entries: int) -> tuple[list[int], int]:
    """The busiest active customers whose entries (theirs and their jobs') add up to
    ``entries`` or just over; and that total.

    Busiest first keeps the list of customers short, as an office picking a few big
    accounts would.
    """
    rows = conn.execute(
        "SELECT e.customer_id, count(*) AS n FROM contact_log_entries e "
        "JOIN customer_jobs c ON c.id = e.customer_id JOIN customer_jobs j ON j.id = e.node_id "
        "WHERE c.is_active = 1 AND j.is_active = 1 "
        "GROUP BY e.customer_id ORDER BY n DESC, e.customer_id"
    )
    chosen: list[int] = []
    total = 0
    for customer_id, count in rows:
        if total >= entries:
            break
        chosen.append(customer_id)
        total += count
    return chosen, total


def app_pdf(co: Any, customers: list[int], out: Path) -> tuple[float, int]:
    start = time.perf_counter()
    result = co.reports.contact_log(out, customers=customers, include_jobs=True)
    return (time.perf_counter() - start) * 1000, result.entries


def floor_pdf(path: Path, customers: list[int], out: Path) -> tuple[float, int]:
    """Read the same rows with sqlite3 and draw them as wrapped text lines on pages."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    if _FONT not in pdfmetrics.getRegisteredFontNames():
        font_file = resources.files("officemgr.resources") / "fonts" / "DejaVuSans.ttf"
        with resources.as_file(font_file) as font_path:
            pdfmetrics.registerFont(TTFont(_FONT, str(font_path)))
    start = time.perf_counter()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        marks = ",".join("?" * len(customers))
        rows = conn.execute(
            "SELECT e.at, n.full_name, e.kind, e.contact_name, e.subject, e.details, "
            "e.employee_name FROM contact_log_entries e JOIN customer_jobs n ON n.id = e.node_id "
            f"WHERE e.customer_id IN ({marks}) AND n.is_active = 1 ORDER BY e.at, e.id",
            customers,
        ).fetchall()
    finally:
        conn.close()
    size, leading, margin = 7.5, 9.0, 36.0
    width, height = letter
    columns = (margin, margin + 60, margin + 170, margin + 225, margin + 290, width - margin - 60)
    subject_width = columns[5] - columns[4] - 4
    canvas = Canvas(str(out), pagesize=letter)
    canvas.setFont(_FONT, size)
    y = height - margin
    for at, name, kind, contact, subject, details, employee in rows:
        text = f"{subject} — {details}" if details else subject or ""
        lines = simpleSplit(text, _FONT, size, subject_width)
        names = simpleSplit(name or "", _FONT, size, columns[2] - columns[1] - 4)
        need = leading * max(len(lines), len(names), 1) + 3
        if y - need < margin:
            canvas.showPage()
            canvas.setFont(_FONT, size)
            y = height - margin
        canvas.drawString(columns[0], y, str(at)[:16])
        canvas.drawString(columns[2], y, kind or "")
        canvas.drawString(columns[3], y, (contact or "")[:14])
        canvas.drawString(columns[5], y, (employee or "")[:14])
        for number, line in enumerate(names):
            canvas.drawString(columns[1], y - number * leading, line)
        for number, line in enumerate(lines):
            canvas.drawString(columns[4], y - number * leading, line)
        y -= need
    canvas.save()
    return (time.perf_counter() - start) * 1000, len(rows)


def measure(co: Any, raw: sqlite3.Connection, path: Path, folder: Path, entries: int) -> Metric:
    customers, expected = pick_customers(raw, entries)
    app_ms, app_entries = app_pdf(co, customers, folder / "contact-log-app.pdf")
    floor_ms, floor_entries = floor_pdf(path, customers, folder / "contact-log-floor.pdf")
    return Metric(
        "contact_log_pdf",
        app_ms,
        floor_ms,
        target_of="ratio",
        limit=PDF_RATIO,
        note=(
            f"{len(customers)} customers with jobs; app {app_entries:,} entries, "
            f"floor {floor_entries:,} rows (picked: {expected:,})"
        ),
    )
