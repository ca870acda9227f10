"""``co.reports.render(…, first_pages=…)``: a long report's first pages come first, as a
PDF of their own, and the whole report is exactly what it is without them."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfgen.canvas import Canvas

from officemgr.errors import ValidationError
from officemgr.reports import template
from officemgr.reports.contact_log import ContactLogOptions
from officemgr.reports.statements import StatementsOptions

from .conftest import OFFICE_TZ, pdf_pages

DAY = date(2026, 11, 2)


def without_time_made(pages: list[str]) -> list[str]:
    return [re.sub(r"Made [0-9: -]+", "", page) for page in pages]


@pytest.fixture
def busy(company: Any) -> Any:
    co = company
    start = datetime(2026, 11, 2, 9, tzinfo=OFFICE_TZ)
    line = {"description": "Service call", "rate": "10.00", "is_taxable": False}
    for n in range(12):
        owner = co.customers.add(name=f"Customer {n:02d}").id
        for i in range(15):
            co.contact_log.add(owner=owner, at=start + timedelta(minutes=i), kind="Note",
                               subject=f"Visit {n}.{i}")  # fmt: skip
        co.invoices.add(node=owner, lines=[line], invoice_date=DAY - timedelta(days=40))
    return co


@pytest.mark.parametrize(
    ("key", "options"),
    [
        ("contact-log", ContactLogOptions(group_by_customer=True, tz=OFFICE_TZ)),
        ("contact-log", ContactLogOptions(tz=OFFICE_TZ)),
        ("statements", StatementsOptions(date_from=DAY.replace(day=1), date_to=DAY)),
    ],
)
def test_first_pages_then_the_same_report(
    busy: Any, key: str, options: Any, tmp_path: Path
) -> None:
    plain, shown = tmp_path / "plain.pdf", tmp_path / "shown.pdf"
    busy.reports.render(key, plain, options)
    handed: list[Path] = []
    result = busy.reports.render(key, shown, options, first_pages=handed.append)

    (first,) = handed
    assert first.parent == tmp_path and first.name.startswith("first-pages-")
    whole = pdf_pages(shown)
    assert without_time_made(whole) == without_time_made(pdf_pages(plain))
    assert result.pages == len(whole) > template.FIRST_PAGES
    early = pdf_pages(first)
    assert len(early) == template.FIRST_PAGES
    if key == "statements":  # numbered per customer: those pages are final as they are
        assert early == whole[: template.FIRST_PAGES]
    else:
        for number, (page, final) in enumerate(zip(early, whole, strict=False), 1):
            assert f"Page {number} of …" in page
            shown_page = page.replace("of …", f"of {len(whole)}")
            assert without_time_made([shown_page]) == without_time_made([final])


def test_a_short_report_gives_no_first_pages(busy: Any, tmp_path: Path) -> None:
    handed: list[Path] = []
    options = ContactLogOptions(customers=("Customer 00",), tz=OFFICE_TZ)
    result = busy.reports.render("contact-log", tmp_path / "short.pdf", options,
                                 first_pages=handed.append)  # fmt: skip
    assert result.pages == 1 and handed == []
    assert not list(tmp_path.glob("first-pages-*"))


def test_exports_and_bad_callbacks(busy: Any, tmp_path: Path) -> None:
    handed: list[Path] = []
    busy.reports.render("contact-log", tmp_path / "rows.csv", first_pages=handed.append)
    assert handed == []
    with pytest.raises(ValidationError) as refused:
        busy.reports.render("contact-log", tmp_path / "x.pdf", first_pages="yes")
    assert refused.value.field == "first_pages"


def test_first_pages_that_cannot_be_written_leave_the_report_whole(
    busy: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_save = Canvas.save

    def disk_full(canvas: Canvas) -> None:
        if "first-pages-" in str(canvas._filename):
            raise OSError(28, "No space left on device")
        real_save(canvas)

    monkeypatch.setattr(Canvas, "save", disk_full)
    handed: list[Path] = []
    options = ContactLogOptions(tz=OFFICE_TZ)
    result = busy.reports.render("contact-log", tmp_path / "whole.pdf", options,
                                 first_pages=handed.append)  # fmt: skip
    assert handed == [] and not list(tmp_path.glob("first-pages-*"))
    assert result.pages == len(pdf_pages(tmp_path / "whole.pdf")) > template.FIRST_PAGES
