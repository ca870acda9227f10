"""Contact Log (Customer): what the PDF says, checked through its extracted text."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlalchemy import insert

from officemgr.core import models as m
from officemgr.errors import NotFoundError, ValidationError
from officemgr.reports import ReportCancelled, registry
from officemgr.reports.contact_log import ContactLogOptions, period_range

TODAY = date(2026, 11, 27)  # a Friday
OFFICE_TZ = ZoneInfo("America/New_York")


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def pdf_text(path: Path) -> str:
    return "\n".join(pdf_pages(path))


def report(company: Any, tmp_path: Path, **options: Any) -> tuple[Any, str]:
    out = tmp_path / "log.pdf"
    options.setdefault("tz", OFFICE_TZ)
    options.setdefault("today", TODAY)
    result = company.reports.contact_log(out, **options)
    return result, pdf_text(out)


@pytest.mark.parametrize(
    ("period", "first", "last"),
    [
        ("all", None, None),
        ("today", date(2026, 11, 27), date(2026, 11, 27)),
        ("this_week", date(2026, 11, 23), date(2026, 11, 29)),
        ("last_week", date(2026, 11, 16), date(2026, 11, 22)),
        ("this_month", date(2026, 11, 1), date(2026, 11, 30)),
        ("last_month", date(2026, 10, 1), date(2026, 10, 31)),
        ("this_quarter", date(2026, 10, 1), date(2026, 12, 31)),
        ("last_quarter", date(2026, 7, 1), date(2026, 9, 30)),
        ("this_year", date(2026, 1, 1), date(2026, 12, 31)),
        ("last_year", date(2025, 1, 1), date(2025, 12, 31)),
        ("last_30_days", date(2026, 10, 29), date(2026, 11, 27)),
        ("last_90_days", date(2026, 8, 30), date(2026, 11, 27)),
    ],
)
def test_period_range(period: str, first: date | None, last: date | None) -> None:
    assert period_range(period, TODAY) == (first, last)


@pytest.mark.parametrize(
    ("period", "today", "expected"),
    [
        ("last_month", date(2026, 1, 10), (date(2025, 12, 1), date(2025, 12, 31))),
        ("last_quarter", date(2026, 2, 1), (date(2025, 10, 1), date(2025, 12, 31))),
        ("this_month", date(2028, 2, 3), (date(2028, 2, 1), date(2028, 2, 29))),
        ("this_week", date(2026, 11, 23), (date(2026, 11, 23), date(2026, 11, 29))),
        ("last_week", date(2026, 11, 29), (date(2026, 11, 16), date(2026, 11, 22))),
    ],
)
def test_period_range_edges(period: str, today: date, expected: tuple[date, date]) -> None:
    assert period_range(period, today) == expected


def test_last_month_takes_exactly_its_first_and_last_minute(
    company: Any, log: Any, tmp_path: Path
) -> None:
    c = company.customers.add(name="Edge Cases Inc").id
    log.add(c, "before-first", at="2026-09-30 23:59")
    log.add(c, "first-minute", at="2026-10-01 00:00")
    log.add(c, "late-evening", at="2026-10-31 23:30")
    log.add(c, "last-minute", at="2026-10-31 23:59")
    log.add(c, "after-last", at="2026-11-01 00:00")
    result, text = report(company, tmp_path, period="last_month")
    assert result.entries == 3
    for inside in ("first-minute", "late-evening", "last-minute"):
        assert inside in text
    assert "before-first" not in text and "after-last" not in text
    assert "2026-10-01 to 2026-10-31 (last month)" in text
    # The same days as custom dates, and the times printed in office time.
    result, text = report(
        company, tmp_path, date_from=date(2026, 10, 1), date_to=date(2026, 10, 31)
    )
    assert result.entries == 3
    assert "23:59" in text and "00:00" in text


def test_customer_jobs_kind_employee_and_inactive_filters(
    company: Any, log: Any, tmp_path: Path
) -> None:
    acme = company.customers.add(name="Acme").id
    job = company.jobs.add(parent=acme, name="Roof", status="Pending").id
    other = company.customers.add(name="Other Co").id
    gone = company.customers.add(name="Gone Ltd").id
    log.add(acme, "acme-call", kind="Call In", employee="Dana")
    log.add(job, "roof-email", kind="Email", employee="Sam")
    log.add(other, "other-visit", kind="Visit", employee="Dana")
    log.add(gone, "gone-note", kind="Note")
    company.customers.set_active(gone, active=False)

    _, text = report(company, tmp_path, customer="Acme")
    assert "acme-call" in text and "roof-email" not in text and "other-visit" not in text
    _, text = report(company, tmp_path, customer="acme", include_jobs=True)
    assert "acme-call" in text and "roof-email" in text and "other-visit" not in text
    _, text = report(company, tmp_path, customer="Acme:Roof")
    assert "roof-email" in text and "acme-call" not in text
    _, text = report(company, tmp_path, customers=[acme, other])
    assert "acme-call" in text and "other-visit" in text and "roof-email" not in text
    result, text = report(company, tmp_path, kinds=["email", "Visit"])
    assert result.entries == 2 and "roof-email" in text and "other-visit" in text
    result, text = report(company, tmp_path, employee="dana")
    assert result.entries == 2 and "acme-call" in text and "other-visit" in text
    result, text = report(company, tmp_path)
    assert result.entries == 3 and "gone-note" not in text
    result, text = report(company, tmp_path, include_inactive=True)
    assert result.entries == 4 and "gone-note" in text
    _, text = report(company, tmp_path, customer="Gone Ltd")  # chosen by name: shown
    assert "gone-note" in text

    with pytest.raises(NotFoundError, match="Nobody Here"):
        report(company, tmp_path, customer="Nobody Here")
    with pytest.raises(ValidationError, match="not a kind"):
        report(company, tmp_path, kinds=["Fax"])
    with pytest.raises(ValidationError, match="after its last date"):
        report(company, tmp_path, date_from=date(2026, 2, 1), date_to=date(2026, 1, 1))


def test_sort_and_grouping_with_counts(company: Any, log: Any, tmp_path: Path) -> None:
    bravo = company.customers.add(name="Bravo").id
    alpha = company.customers.add(name="Alpha").id
    alpha_job = company.jobs.add(parent=alpha, name="Job", status="Pending").id
    log.add(bravo, "entry-b1", at="2026-10-01 09:00")
    log.add(alpha, "entry-a2", at="2026-10-03 09:00")
    log.add(alpha_job, "entry-a1", at="2026-10-02 09:00")

    def order(text: str) -> list[str]:
        return re.findall(r"entry-\w\d", text)

    _, text = report(company, tmp_path)
    assert order(text) == ["entry-b1", "entry-a1", "entry-a2"]
    assert "Total: 3 entries" in text
    _, text = report(company, tmp_path, sort="customer")
    assert order(text) == ["entry-a2", "entry-a1", "entry-b1"]
    _, text = report(company, tmp_path, group_by_customer=True)
    assert order(text) == ["entry-a1", "entry-a2", "entry-b1"]
    assert "Alpha — 2 entries" in text and "Bravo — 1 entry" in text
    assert "Total: 3 entries for 2 customers" in text
    assert text.index("Alpha — 2 entries") < text.index("entry-a1")
    assert text.index("Bravo — 1 entry") < text.index("entry-b1")


def test_every_page_has_the_header_and_page_x_of_y(company: Any, tmp_path: Path) -> None:
    company.settings.update(company_name="Cedar Valley Electric & Air")
    c = company.customers.add(name="Busy Customer").id
    rows = [
        {
            "node_id": c,
            "customer_id": c,
            "at": datetime(2026, 10, 1, 12, tzinfo=UTC),
            "kind": "Note",
            "subject": f"busy {i}",
            "details": "Line one\nLine two",
        }
        for i in range(150)
    ]
    with company.write() as session:
        session.execute(insert(m.table(m.ContactLogEntry)), rows)
    out = tmp_path / "busy.pdf"
    result = company.reports.contact_log(out, paper="a4")
    pages = pdf_pages(out)
    assert result.pages == len(pages) > 2 and result.entries == 150
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Contact Log (Customer)" in page and "Cedar Valley Electric & Air" in page
        assert re.search(r"Made \d{4}-\d\d-\d\d \d\d:\d\d", page)
        assert "Dates: all dates" in page


def test_non_ascii_names_print(company: Any, log: Any, tmp_path: Path) -> None:
    c = company.customers.add(name="Ångström Måleri AB").id
    company.contacts.add(owner=c, name="Иван Петров")
    log.add(c, "Σοφία called", contact="Иван Петров", employee="Σοφία Π.")
    _, text = report(company, tmp_path)
    for name in ("Ångström Måleri AB", "Иван Петров", "Σοφία called", "Σοφία Π."):
        assert name in text


def test_markup_prints_literally(company: Any, log: Any, tmp_path: Path) -> None:
    c = company.customers.add(name="Smith & <Sons>").id
    log.add(c, "<b>&amp;</b> not bold", details="a & b <br/> c\nsecond <i>line</i>")
    result, text = report(company, tmp_path)
    assert result.entries == 1
    assert "<b>&amp;</b> not bold" in text
    assert "a & b <br/> c" in text and "second <i>line</i>" in text
    assert "Smith & <Sons>" in text


def test_a_two_megabyte_entry_splits_across_pages(company: Any, tmp_path: Path) -> None:
    c = company.customers.add(name="Verbose").id
    words = "lorem ipsum dolor sit amet " * 40 + "\n"
    details = "START " + words * (2_000_000 // len(words)) + "x" * 5000 + " FINISH"
    assert len(details) > 2_000_000
    with company.write() as session:
        session.execute(
            insert(m.table(m.ContactLogEntry)),
            [
                {
                    "node_id": c,
                    "customer_id": c,
                    "at": datetime(2026, 10, 1, 12, tzinfo=UTC),
                    "kind": "Note",
                    "subject": "The long one",
                    "details": details,
                }
            ],
        )
    out = tmp_path / "long.pdf"
    result = company.reports.contact_log(out)
    pages = pdf_pages(out)
    assert result.entries == 1 and result.pages == len(pages) > 20
    assert "START" in pages[0] and "FINISH" in pages[-2] + pages[-1]
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_progress_cancel_and_no_partial_file(company: Any, log: Any, tmp_path: Path) -> None:
    c = company.customers.add(name="Acme").id
    log.add(c, "one")
    seen: list[tuple[int, int]] = []
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "p.pdf"
    company.reports.contact_log(out, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (2, 2)
    out.unlink()
    with pytest.raises(ReportCancelled):
        company.reports.contact_log(out, cancelled=lambda: True)
    assert list(folder.iterdir()) == []


def test_registry_lists_the_report() -> None:
    info = registry.get("contact-log")
    assert info.name == "Contact Log (Customer)" and info.category == "Contacts & Jobs"
    assert info.options_type is ContactLogOptions and info.description
    assert registry.by_category()["Contacts & Jobs"][0] is info


def test_thousands_of_chosen_customers_do_not_overflow_the_query(
    company: Any, tree_data: Any, tmp_path: Path
) -> None:
    tree_data.add_customers(1_500)
    chosen = [summary.id for summary in company.customers.search("", limit=1_500)]
    company.contact_log.add(owner=chosen[-1], kind="Note", subject="Last one")
    result = company.reports.contact_log(tmp_path / "many.pdf", customers=chosen)
    assert result.entries == 1
    result = company.reports.contact_log(
        tmp_path / "many-jobs.pdf", customers=chosen, include_jobs=True
    )
    assert result.entries == 1
