"""Follow-ups Due: contact-log follow-ups in a period, by employee, late ones counted."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from officemgr.errors import ValidationError
from officemgr.reports import ReportCancelled, catalog
from officemgr.reports.follow_ups import (
    ENTRY,
    INFO,
    FollowUpsOptions,
    days_late,
    render,
    table,
)

TODAY = date(2026, 11, 27)  # a Friday: this week is 11-23 … 11-29
OFFICE_TZ = ZoneInfo("America/New_York")


def lines(path: Path) -> list[str]:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return [line.strip() for line in text.splitlines()]


def report(company: Any, tmp_path: Path, **options: Any) -> tuple[Any, list[str]]:
    out = tmp_path / "follow-ups.pdf"
    options.setdefault("today", TODAY)
    options.setdefault("tz", OFFICE_TZ)
    result = render(company, FollowUpsOptions(**options), out)
    return result, lines(out)


def rows(company: Any, **options: Any) -> list[tuple[Any, ...]]:
    options.setdefault("today", TODAY)
    options.setdefault("tz", OFFICE_TZ)
    with company.read() as session:
        listed = table(session, FollowUpsOptions(**options))
        found = [tuple(row) for row in listed.rows]
    assert listed.total == len(found)
    return found


@pytest.fixture
def follow_ups(company: Any) -> dict[str, int]:
    co = company
    acme = co.customers.add(name="Acme Heating").id
    furnace = co.jobs.add(parent=acme, name="Furnace").id
    bell = co.customers.add(name="Bell Plumbing").id
    co.contacts.add(owner=acme, name="Pat Lee")

    def add(owner: int, subject: str, follow_up: date | None, logged: date, **more: Any) -> None:
        at = datetime.combine(logged, datetime.min.time()).replace(hour=10, tzinfo=OFFICE_TZ)
        more.setdefault("kind", "Call In")
        co.contact_log.add(owner=owner, at=at, subject=subject, follow_up_on=follow_up, **more)

    add(acme, "Send the quote", date(2026, 11, 23), date(2026, 11, 2), employee="Dana",
        contact="Pat Lee")  # fmt: skip
    add(furnace, "Check thermostat", date(2026, 11, 27), date(2026, 11, 20), employee="Dana")
    add(bell, "Call back", date(2026, 11, 29), date(2026, 11, 26), employee="Dana", kind="Email")
    add(bell, "Émile's visit", date(2026, 11, 25), date(2026, 11, 24), employee="Émile")
    add(acme, "Nobody's", date(2026, 11, 24), date(2026, 11, 1))
    add(acme, "Last week", date(2026, 11, 22), date(2026, 11, 1), employee="Dana")
    add(acme, "Next week", date(2026, 11, 30), date(2026, 11, 1), employee="Dana")
    add(acme, "No follow-up", None, date(2026, 11, 25), employee="Dana")
    return {"acme": acme, "bell": bell, "furnace": furnace}


def test_this_week_by_employee_then_date(
    company: Any, follow_ups: dict[str, int], tmp_path: Path
) -> None:
    result, text = report(company, tmp_path)
    assert result.entries == 5 and result.pages == 1
    groups = ["Dana — 3 follow-ups", "Émile — 1 follow-up", "No employee — 1 follow-up"]
    assert [text.index(g) for g in groups] == sorted(text.index(g) for g in groups)
    dana = text.index(groups[0])
    assert text[dana + 1 : dana + 7] == [
        "2026-11-23", "4", "Acme Heating", "Pat Lee", "Send the quote", "Call In",
    ]  # fmt: skip
    assert text[dana + 7] == "2026-11-02"
    # due today or later: not late (no days printed)
    assert text[text.index("Acme Heating:Furnace") - 1] == "2026-11-27"
    assert text[text.index("Call back") - 2 : text.index("Call back")] == [
        "2026-11-29",
        "Bell Plumbing",
    ]
    for absent in ("Last week", "Next week", "No follow-up"):
        assert absent not in text
    assert "Total: 5 follow-ups, 1 follow-up without an employee" in text
    header = " ".join(text[:6])
    assert "2026-11-23 to 2026-11-29 (this week)" in header


def test_table_rows_are_the_pdf_rows(company: Any, follow_ups: dict[str, int]) -> None:
    found = rows(company)
    assert [(r[0], r[1], r[2], r[5]) for r in found] == [
        ("Dana", date(2026, 11, 23), 4, "Send the quote"),
        ("Dana", date(2026, 11, 27), None, "Check thermostat"),
        ("Dana", date(2026, 11, 29), None, "Call back"),
        ("Émile", date(2026, 11, 25), 2, "Émile's visit"),
        (None, date(2026, 11, 24), 3, "Nobody's"),
    ]
    first = found[0]
    assert first[3:5] == ("Acme Heating", "Pat Lee") and first[6] == "Call In"
    assert first[7] == datetime(2026, 11, 2, 10, 0)  # logged, local office time


def test_periods_employee_and_custom_dates(
    company: Any, follow_ups: dict[str, int], tmp_path: Path
) -> None:
    assert [r[5] for r in rows(company, period="last_week")] == ["Last week"]
    assert len(rows(company, period="all")) == 7
    assert [r[5] for r in rows(company, employee="  EMILE ")] == ["Émile's visit"]
    custom = rows(
        company, period="custom", date_from=date(2026, 11, 29), date_to=date(2026, 11, 30)
    )
    assert [r[5] for r in custom] == ["Call back", "Next week"]
    open_ended = rows(company, period="custom", date_from="2026-11-29")
    assert [r[5] for r in open_ended] == ["Call back", "Next week"]
    result, text = report(company, tmp_path, employee="Nobody")
    assert result.entries == 0 and "No follow-ups are due for these choices." in text


def test_days_late() -> None:
    assert days_late(date(2026, 11, 20), TODAY) == 7
    assert days_late(TODAY, TODAY) is None
    assert days_late(date(2026, 12, 1), TODAY) is None


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"period": "fortnight"}, "period"),
        ({"period": None}, "period"),
        ({"date_from": date(2026, 11, 1)}, "period"),  # dates need the custom period
        ({"period": "custom", "date_from": "2026-11-30", "date_to": "2026-11-01"}, "date_from"),
        ({"period": "custom", "date_to": "someday"}, "date_to"),
        ({"employee": 5}, "employee"),
        ({"paper": "legal"}, "paper"),
        ({"today": "yesterday"}, "today"),
        ({"tz": "America/New_York"}, "tz"),
    ],
)
def test_bad_options_name_their_field(
    company: Any, tmp_path: Path, options: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        render(company, FollowUpsOptions(**options), tmp_path / "x.pdf")
    assert error.value.field == field
    assert not (tmp_path / "x.pdf").exists()


def test_entry_defaults_progress_and_cancel(
    company: Any, follow_ups: dict[str, int], tmp_path: Path
) -> None:
    assert ENTRY.key == INFO.key == "follow-ups" and ENTRY.category in catalog.CATEGORIES
    assert INFO.options_type is FollowUpsOptions and INFO.table is table
    assert FollowUpsOptions().period == "this_week"
    seen: list[tuple[int, int]] = []
    options = FollowUpsOptions(today=TODAY, tz=OFFICE_TZ)
    render(company, options, tmp_path / "f.pdf", progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (5, 10) and seen[-1] == (10, 10)
    with pytest.raises(ReportCancelled):
        render(company, options, tmp_path / "no.pdf", cancelled=lambda: True)
    assert not (tmp_path / "no.pdf").exists()


def test_many_follow_ups_stream_across_pages(company: Any, tmp_path: Path) -> None:
    owner = company.customers.add(name="Busy Customer").id
    at = datetime(2026, 11, 1, 9, tzinfo=OFFICE_TZ)
    for i in range(130):
        company.contact_log.add(
            owner=owner, at=at + timedelta(minutes=i), kind="Note", subject=f"Item {i:03d}",
            follow_up_on=date(2026, 11, 23) + timedelta(days=i % 7),
            employee=("Dana", "Sam", None)[i % 3],
        )  # fmt: skip
    result, text = report(company, tmp_path)
    assert result.entries == 130 and result.pages > 2
    assert "Total: 130 follow-ups, 43 follow-ups without an employee" in text
