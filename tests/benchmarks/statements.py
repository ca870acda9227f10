"""Customer Statements for every customer with a balance, beside a plain reportlab canvas.

The floor is handed the customers the app picks (not timed), reads their names, Bill To
addresses and the period's invoices and payments with sqlite3, and draws the strings a
statement prints — office block, facts, Bill To, headings, the rows with amounts and
running balances, closing row, aging strip, remit-to lines, "Page i of n" — with
``canvas.drawString`` / ``drawRightString``, breaking pages where the app does.

Run alone: ``python -m tests.benchmarks.statements FILE.officemgr [OUT_FOLDER]``.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from .measure import Metric

PDF_RATIO = 2.0
_FONT = "BenchDejaVuSans"
_BOLD = "BenchDejaVuSans-Bold"


def period(today: date) -> tuple[date, date]:
    """The last full month before ``today`` (the report's default)."""
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def app_pdf(co: Any, out: Path) -> tuple[float, int, int]:
    from officemgr.reports import statements

    start = time.perf_counter()
    result = statements.render(co, statements.StatementsOptions(), out)
    return (time.perf_counter() - start) * 1000, result.entries, result.pages


def picked(co: Any) -> list[int]:
    """The customers the app makes statements for (outside the timings)."""
    from officemgr.reports import statements

    with co.read() as session:
        reader = statements._Reader(session, statements.StatementsOptions().checked())
        return reader.ids


def _money(cents: int) -> str:
    return f"{cents / 100:,.2f}"


def floor_pdf(path: Path, customers: list[int], out: Path) -> tuple[float, int, int]:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    folder = resources.files("officemgr.resources") / "fonts"
    for name, file in ((_FONT, "DejaVuSans.ttf"), (_BOLD, "DejaVuSans-Bold.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            with resources.as_file(folder / file) as font_path:
                pdfmetrics.registerFont(TTFont(name, str(font_path)))
    first, last = period(date.today())
    start = time.perf_counter()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    width, height = letter
    margin, size, leading = 36.0, 8.5, 13.0
    right = width - margin
    columns = (margin + 2, margin + 67, margin + 145, margin + 223)
    amount_x, balance_x = margin + 460, right - 2
    canvas = Canvas(str(out), pagesize=letter)
    pages = 0
    office = conn.execute(
        "SELECT company_name, line1, city, region, postal_code, phone, email FROM office_settings"
    ).fetchone() or ("My Company", "", "", "", "", "", "")
    try:
        for at in range(0, len(customers), 900):
            chunk = customers[at : at + 900]
            marks = ",".join("?" * len(chunk))
            names = {
                row[0]: row[1:]
                for row in conn.execute(
                    "SELECT c.id, c.full_name, a.line1, a.line2, a.city, a.region, a.postal_code "
                    "FROM customer_jobs c LEFT JOIN addresses a ON a.owner_id = c.id "
                    f"AND a.kind = 'bill_to' WHERE c.id IN ({marks})",
                    chunk,
                )
            }
            lines: dict[int, list[tuple[Any, ...]]] = {}
            for row in conn.execute(
                "SELECT i.customer_id, i.invoice_date, 'Invoice', i.number, n.full_name, i.total "
                "FROM invoices i JOIN customer_jobs n ON n.id = i.node_id "
                f"WHERE i.customer_id IN ({marks}) AND i.invoice_date BETWEEN ? AND ? "
                "UNION ALL SELECT p.customer_id, p.received_on, 'Payment', p.reference, "
                "n.full_name, -p.amount FROM payments p JOIN customer_jobs n "
                f"ON n.id = p.node_id WHERE p.customer_id IN ({marks}) "
                "AND p.received_on BETWEEN ? AND ? ORDER BY 1, 2",
                [*chunk, first.isoformat(), last.isoformat()] * 2,
            ):
                lines.setdefault(row[0], []).append(row[1:])
            for customer in chunk:
                name, line1, line2, city, region, postal = names[customer]
                rows = lines.get(customer, [])
                count = 1 + max(0, len(rows) + 1 - 40) // 55 + (len(rows) > 40)
                page = 1
                canvas.setFont(_BOLD, 13)
                canvas.drawString(margin, height - 50, office[0] or "")
                canvas.setFont(_FONT, 8.5)
                canvas.drawString(margin, height - 60, office[1] or "")
                canvas.drawString(margin, height - 70, f"{office[2]}, {office[3]} {office[4]}")
                canvas.drawString(margin, height - 80, f"{office[5]} · {office[6]}")
                canvas.setFont(_BOLD, 18)
                canvas.drawRightString(right, height - 52, "Statement")
                canvas.setFont(_FONT, 8.5)
                for number, (label, value) in enumerate(
                    (("Statement date", str(last)), ("Period", f"{first} to {last}"))
                ):
                    canvas.drawString(right - 200, height - 72 - 12 * number, label)
                    canvas.drawRightString(right, height - 72 - 12 * number, value)
                canvas.setFont(_BOLD, 10)
                canvas.drawString(right - 200, height - 99, "Amount due")
                canvas.drawRightString(right, height - 99, _money(len(rows)))
                canvas.setFont(_FONT, 7.5)
                canvas.drawString(margin, height - 136, "Bill To")
                canvas.setFont(_BOLD, 10)
                canvas.drawString(margin, height - 150, name)
                canvas.setFont(_FONT, 9)
                address = [line1, line2, f"{city}, {region} {postal}"]
                for number, text in enumerate(t for t in address if t):
                    canvas.drawString(margin, height - 162 - 11 * number, text)
                canvas.setFont(_BOLD, 8)
                for x, text in zip(columns, ("Date", "Type", "Number", "Job"), strict=True):
                    canvas.drawString(x, height - 225, text)
                canvas.drawRightString(amount_x, height - 225, "Amount")
                canvas.drawRightString(balance_x, height - 225, "Balance")
                canvas.setFont(_FONT, size)
                y = height - 245
                canvas.drawString(columns[0], y, str(first - timedelta(days=1)))
                canvas.drawString(columns[1], y, "Opening balance")
                canvas.drawRightString(balance_x, y, _money(0))
                running = 0
                for day, kind, number_, job, amount in rows:
                    y -= leading
                    if y < margin + 10:
                        canvas.drawCentredString(width / 2, 22, f"Page {page} of {count}")
                        canvas.showPage()
                        pages += 1
                        page += 1
                        canvas.setFont(_FONT, size)
                        y = height - 100
                    running += amount
                    canvas.drawString(columns[0], y, str(day))
                    canvas.drawString(columns[1], y, kind)
                    canvas.drawString(columns[2], y, str(number_ or ""))
                    canvas.drawString(columns[3], y, (job or "")[len(name) + 1 :])
                    canvas.drawRightString(amount_x, y, _money(amount))
                    canvas.drawRightString(balance_x, y, _money(running))
                canvas.setFont(_BOLD, size)
                canvas.drawString(columns[0], y - 14, str(last))
                canvas.drawString(columns[1], y - 14, "Closing balance")
                canvas.drawRightString(balance_x, y - 14, _money(running))
                heads = ("Current", "1–30", "31–60", "61–90", "Over 90", "Amount due")
                for column, head in enumerate(heads):
                    x = margin + 90 * (column + 1)
                    canvas.setFont(_FONT, 7.5)
                    canvas.drawRightString(x, y - 40, head)
                    canvas.setFont(_FONT, 9.5)
                    canvas.drawRightString(x, y - 56, _money(running * column))
                canvas.setFont(_FONT, 8.5)
                canvas.drawString(margin + 8, y - 80, "Remit to")
                canvas.drawString(margin + 8, y - 92, f"Please make checks payable to {office[0]}")
                canvas.drawString(margin + 8, y - 104, "Questions about this statement? Please …")
                canvas.setFont(_FONT, 8)
                canvas.drawCentredString(width / 2, 22, f"Page {page} of {count}")
                canvas.showPage()
                pages += 1
        canvas.save()
    finally:
        conn.close()
    return (time.perf_counter() - start) * 1000, len(customers), pages


def measure(co: Any, path: Path, folder: Path) -> Metric:
    customers = picked(co)
    app_ms, statements, app_pages = app_pdf(co, folder / "statements-app.pdf")
    floor_ms, floor_statements, floor_pages = floor_pdf(
        path, customers, folder / "statements-floor.pdf"
    )
    return Metric(
        "statements_pdf",
        app_ms,
        floor_ms,
        target_of="ratio",
        limit=PDF_RATIO,
        note=(
            f"every customer with a balance: app {statements:,} statements, {app_pages:,} "
            f"pages; floor {floor_statements:,} statements, {floor_pages:,} pages"
        ),
    )


def main() -> None:
    from officemgr import Company

    path = Path(sys.argv[1])
    folder = Path(sys.argv[2]) if len(sys.argv) > 2 else path.parent
    with Company.open(path) as co:
        metric = measure(co, path, folder)
    print(metric.name, metric.as_json())


if __name__ == "__main__":
    main()
