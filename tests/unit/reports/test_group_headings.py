"""Grouped reports: a group carried over to a new page starts it with "NAME (continued)",
and a group that starts a page starts with its own heading, never a bare "(continued)"."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from officemgr.reports.contact_log import ContactLogOptions
from officemgr.reports.follow_ups import FollowUpsOptions
from officemgr.reports.jobs_by_status import JobsByStatusOptions
from officemgr.reports.open_balances import OpenBalancesOptions

from .conftest import OFFICE_TZ, pdf_pages

DAY = date(2026, 11, 2)
LONG_NAME = "Featherstonehaugh, Marjoribanks"  # a group heading wider than a short one


def body_lines(page: str, last_heading: str) -> list[str]:
    """The page's lines under its column headings."""
    return page.split(f"\n{last_heading}\n", 1)[1].strip().splitlines()


def carried_groups(pages: list[str], last_heading: str) -> list[str]:
    """The "(continued)" line each page after the first starts with (or its first line)."""
    return [body_lines(page, last_heading)[0] for page in pages[1:]]


def test_contact_log_by_customer_carries_the_customer(company: Any, tmp_path: Path) -> None:
    co = company
    short = co.customers.add(name="Ames").id
    long = co.customers.add(name=LONG_NAME).id
    start = datetime(2026, 11, 2, 9, tzinfo=OFFICE_TZ)
    for i in range(3):
        co.contact_log.add(owner=short, at=start, kind="Call In", subject=f"Ames call {i}")
    for i in range(140):
        at = start + timedelta(minutes=i)
        co.contact_log.add(owner=long, at=at, kind="Note", subject=f"Visit {i:03d}")
    out = tmp_path / "log.pdf"
    options = ContactLogOptions(group_by_customer=True, tz=OFFICE_TZ)
    result = co.reports.render("contact-log", out, options)
    pages = pdf_pages(out)
    assert result.pages == len(pages) >= 3
    assert body_lines(pages[0], "Follow-up")[0] == "Ames — 3 entries"
    assert f"{LONG_NAME} — 140 entries" in pages[0]
    assert carried_groups(pages, "Follow-up") == [f"{LONG_NAME} (continued)"] * (len(pages) - 1)
    assert "Total: 143 entries for 2 customers" in pages[-1]


def test_open_balances_carries_the_customer_to_its_total(company: Any, tmp_path: Path) -> None:
    co = company
    long = co.customers.add(name=LONG_NAME).id
    line = {"description": "Service call", "rate": "10.00", "is_taxable": False}
    for i in range(95):
        co.invoices.add(node=long, lines=[line], invoice_date=DAY - timedelta(days=i % 40))
    out = tmp_path / "balances.pdf"
    result = co.reports.render("open-balances", out, OpenBalancesOptions(as_of=DAY))
    pages = pdf_pages(out)
    assert result.pages == len(pages) >= 3
    assert body_lines(pages[0], "Total")[0] == LONG_NAME
    assert carried_groups(pages, "Total") == [f"{LONG_NAME} (continued)"] * (len(pages) - 1)
    last = " ".join(pages[-1].split())  # the total line's label may wrap in its column
    assert f"Total {LONG_NAME}" in last and "Grand total" in last


def test_follow_ups_carry_the_employee(company: Any, tmp_path: Path) -> None:
    co = company
    owner = co.customers.add(name="Ames").id
    at = datetime(2026, 11, 2, 9, tzinfo=OFFICE_TZ)
    for i in range(130):
        co.contact_log.add(
            owner=owner, at=at + timedelta(minutes=i), kind="Note", subject=f"Item {i:03d}",
            follow_up_on=DAY + timedelta(days=i % 5), employee="Dana",
        )  # fmt: skip
    out = tmp_path / "follow.pdf"
    options = FollowUpsOptions(period="custom", date_from=DAY, date_to=DAY + timedelta(days=6))
    co.reports.render("follow-ups", out, options)
    pages = pdf_pages(out)
    assert len(pages) >= 3
    assert carried_groups(pages, "Logged") == ["Dana (continued)"] * (len(pages) - 1)


def test_jobs_by_status_carries_the_status_and_totals_it(company: Any, tmp_path: Path) -> None:
    co = company
    owner = co.customers.add(name="Ames").id
    for i in range(110):
        co.jobs.add(parent=owner, name=f"Job {i:03d}", status="Pending")
    out = tmp_path / "jobs.pdf"
    co.reports.render("jobs-by-status", out, JobsByStatusOptions())
    pages = pdf_pages(out)
    assert len(pages) >= 3
    last = body_lines(pages[0], "Variance")
    assert last[0] == "Pending — 110 jobs", last[:2]
    heading = pages[1].split("\n")
    assert carried_groups(pages, "Variance") == ["Pending (continued)"] * (len(pages) - 1), heading
    assert "Total Pending" in pages[-1]
