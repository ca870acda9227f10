"""Jobs by Status and Job Estimates vs. Actuals: the Work Order's figures, grouped and compared."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from officemgr.errors import NotFoundError, ValidationError
from officemgr.reports import ReportCancelled, catalog, job_estimates, jobs_by_status
from officemgr.reports.job_estimates import JobEstimatesOptions
from officemgr.reports.jobs_by_status import JobsByStatusOptions


def lines(path: Path) -> list[str]:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return [line.strip() for line in text.splitlines()]


def figure(co: Any, job: int, phase: str, quantity: str, rate: str) -> None:
    co.jobs.add_figure_line(job, phase=phase, description=f"{phase} line", quantity=quantity,
                            rate=rate)  # fmt: skip


@pytest.fixture
def jobs(company: Any) -> dict[str, int]:
    """Jobs in every status a job report must tell apart, with and without figures."""
    co = company
    sam = co.lists.add_employee(name="Sam Foreman", is_foreman=True).id
    acme = co.customers.add(name="Acme Heating").id
    furnace = co.jobs.add(
        parent=acme, name="Furnace", status="In Progress", foreman_id=sam,
        start_date="2026-11-02", projected_end_date="2026-11-20",
    ).id  # fmt: skip
    figure(co, furnace, "estimate", "2", "100")
    figure(co, furnace, "estimate", "1", "50.25")  # estimate 250.25
    figure(co, furnace, "final", "1", "300.10")  # final 300.10: +49.85, 19.9 %
    duct = co.jobs.add(parent=furnace, name="Duct", status="Pending").id
    figure(co, duct, "estimate", "1", "100")  # an estimate only: no variance
    roof = co.jobs.add(parent=acme, name="Roof", status="Closed", completion_date="2026-10-30").id
    figure(co, roof, "final", "3", "20")  # final only: 60.00, no variance
    bell = co.customers.add(name="Bell Plumbing").id
    under = co.jobs.add(parent=bell, name="Under", status="Closed").id
    figure(co, under, "estimate", "1", "500")
    figure(co, under, "final", "1", "400")  # -100.00, -20.0 %
    free = co.jobs.add(parent=bell, name="Free Estimate", status="Awarded").id
    figure(co, free, "estimate", "1", "0")
    figure(co, free, "final", "1", "10")  # a zero estimate: +10.00, no percent
    empty = co.jobs.add(parent=bell, name="Empty").id  # status None, no figures
    old = co.jobs.add(parent=bell, name="Old", status="Closed").id
    figure(co, old, "estimate", "1", "7")
    co.customers.set_active(old, active=False)
    return {
        "furnace": furnace, "duct": duct, "roof": roof, "under": under, "free": free,
        "empty": empty, "old": old, "acme": acme, "bell": bell,
    }  # fmt: skip


def status_rows(company: Any, **options: Any) -> list[tuple[Any, ...]]:
    with company.read() as session:
        listed = jobs_by_status.table(session, JobsByStatusOptions(**options))
        found = [tuple(row) for row in listed.rows]
    assert listed.total == len(found)
    return found


def estimate_rows(company: Any, **options: Any) -> list[tuple[Any, ...]]:
    with company.read() as session:
        listed = job_estimates.table(session, JobEstimatesOptions(**options))
        found = [tuple(row) for row in listed.rows]
    assert listed.total == len(found)
    return found


# -------------------------------------------------------------------- Jobs by Status


def test_jobs_grouped_by_status_with_subtotals(
    company: Any, jobs: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "jobs.pdf"
    result = jobs_by_status.render(company, JobsByStatusOptions(), out)
    assert result.entries == 6 and result.pages == 1
    text = lines(out)
    headings = [
        "None (no status set) — 1 job", "Pending — 1 job", "Awarded — 1 job",
        "In Progress — 1 job", "Closed — 2 jobs",
    ]  # fmt: skip
    assert [text.index(h) for h in headings] == sorted(text.index(h) for h in headings)
    furnace = text.index("Acme Heating:Furnace")
    assert text[furnace : furnace + 7] == [
        "Acme Heating:Furnace", "Sam Foreman", "2026-11-02", "2026-11-20",
        "250.25", "300.10", "49.85",
    ]  # fmt: skip
    assert text[furnace + 7 : furnace + 11] == ["Total In Progress", "250.25", "300.10", "49.85"]
    duct = text.index("Acme Heating:Furnace:Duct")
    assert text[duct + 1 : duct + 5] == ["100.00", "Total Pending", "100.00", "0.00"]
    closed = text.index("Total Closed")
    assert text[closed + 1 : closed + 4] == ["500.00", "460.00", "-100.00"]
    grand = text.index("Grand total: 6 jobs")
    assert text[grand + 1 : grand + 4] == ["850.25", "770.10", "-40.15"]
    assert "Acme Heating:Roof" in text and "2026-10-30" in text
    assert "Bell Plumbing:Old" not in " ".join(text)  # inactive: left out


def test_figures_are_the_work_orders(company: Any, jobs: dict[str, int]) -> None:
    found = {row[1]: row for row in status_rows(company, include_inactive=True)}
    assert len(found) == 7
    for name, job in (
        ("Acme Heating:Furnace", "furnace"), ("Acme Heating:Furnace:Duct", "duct"),
        ("Acme Heating:Roof", "roof"), ("Bell Plumbing:Under", "under"),
        ("Bell Plumbing:Free Estimate", "free"), ("Bell Plumbing:Empty", "empty"),
        ("Bell Plumbing:Old", "old"),
    ):  # fmt: skip
        figures = company.jobs.figures(jobs[job])
        row = found[name]
        assert row[7] == (figures.estimate_total if figures.estimate else None), name
        assert row[8] == (figures.final_total if figures.final else None), name
        assert row[9] == figures.variance, name
    furnace = found["Acme Heating:Furnace"]
    assert furnace[:7] == (
        "In Progress", "Acme Heating:Furnace", True, "Sam Foreman",
        date(2026, 11, 2), date(2026, 11, 20), None,
    )  # fmt: skip
    assert found["Bell Plumbing:Old"][2] is False


def test_status_and_customer_choices(company: Any, jobs: dict[str, int], tmp_path: Path) -> None:
    picked = status_rows(company, statuses=("closed", " in progress"))
    assert [r[1] for r in picked] == [
        "Acme Heating:Furnace", "Acme Heating:Roof", "Bell Plumbing:Under",
    ]  # fmt: skip
    # a job with its sub-jobs, Pending before In Progress
    assert [r[1] for r in status_rows(company, customers=["acme heating:furnace"])] == [
        "Acme Heating:Furnace:Duct", "Acme Heating:Furnace",
    ]  # fmt: skip
    assert len(status_rows(company, customers=[jobs["bell"]])) == 3
    chosen_old = status_rows(company, customers=["Bell Plumbing:Old"])
    assert [r[1] for r in chosen_old] == ["Bell Plumbing:Old"]  # chosen: shown though inactive
    out = tmp_path / "none.pdf"
    result = jobs_by_status.render(company, JobsByStatusOptions(statuses=("Not Awarded",)), out)
    assert result.entries == 0 and "No jobs match these choices." in lines(out)
    with pytest.raises(NotFoundError):
        status_rows(company, customers=["Nobody"])


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"statuses": ("Done",)}, "statuses"),
        ({"statuses": "Closed"}, "statuses"),
        ({"statuses": (None,)}, "statuses"),
        ({"customers": "Acme"}, "customers"),
        ({"include_inactive": "yes"}, "include_inactive"),
        ({"paper": "legal"}, "paper"),
    ],
)
def test_jobs_by_status_bad_options(
    company: Any, tmp_path: Path, options: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        jobs_by_status.render(company, JobsByStatusOptions(**options), tmp_path / "x.pdf")
    assert error.value.field == field
    assert not (tmp_path / "x.pdf").exists()


def test_jobs_by_status_entry_progress_and_cancel(
    company: Any, jobs: dict[str, int], tmp_path: Path
) -> None:
    info = jobs_by_status.INFO
    assert info.key == jobs_by_status.ENTRY.key == "jobs-by-status"
    assert info.category in catalog.CATEGORIES and info.table is jobs_by_status.table
    seen: list[tuple[int, int]] = []
    jobs_by_status.render(
        company,
        JobsByStatusOptions(),
        tmp_path / "j.pdf",
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen[0] == (6, 12) and seen[-1] == (12, 12)
    with pytest.raises(ReportCancelled):
        jobs_by_status.render(
            company, JobsByStatusOptions(), tmp_path / "no.pdf", cancelled=lambda: True
        )
    assert not (tmp_path / "no.pdf").exists()


# ------------------------------------------------------------ Estimates vs. Actuals


def test_estimates_vs_actuals_by_variance(
    company: Any, jobs: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "est.pdf"
    result = job_estimates.render(company, JobEstimatesOptions(), out)
    assert result.entries == 5 and result.pages == 1
    text = lines(out)
    # largest overrun first; no variance last, in list order
    order = [
        "Acme Heating:Furnace", "Bell Plumbing:Free Estimate", "Bell Plumbing:Under",
        "Acme Heating:Furnace:Duct", "Acme Heating:Roof",
    ]  # fmt: skip
    assert [text.index(n) for n in order] == sorted(text.index(n) for n in order)
    furnace = text.index("Acme Heating:Furnace")
    assert text[furnace + 1 : furnace + 6] == ["In Progress", "250.25", "300.10", "49.85", "19.9 %"]
    free = text.index("Bell Plumbing:Free Estimate")
    assert text[free + 1 : free + 5] == ["Awarded", "0.00", "10.00", "10.00"]  # no percent
    under = text.index("Bell Plumbing:Under")
    assert text[under + 1 : under + 6] == ["Closed", "500.00", "400.00", "-100.00", "-20.0 %"]
    duct = text.index("Acme Heating:Furnace:Duct")
    assert text[duct + 1 : duct + 4] == ["Pending", "100.00", "Acme Heating:Roof"]
    total = text.index("Total: 5 jobs")
    # variance of the jobs with one: -40.15 of their estimates 750.25
    assert text[total + 1 : total + 5] == ["850.25", "770.10", "-40.15", "-5.4 %"]
    assert "Bell Plumbing:Empty" not in text


def test_estimates_rows_equal_the_work_orders(company: Any, jobs: dict[str, int]) -> None:
    found = estimate_rows(company, include_without_figures=True, include_inactive=True, sort="name")
    assert [r[0] for r in found] == [
        "Acme Heating:Furnace", "Acme Heating:Furnace:Duct", "Acme Heating:Roof",
        "Bell Plumbing:Empty", "Bell Plumbing:Free Estimate", "Bell Plumbing:Old",
        "Bell Plumbing:Under",
    ]  # fmt: skip
    ids = {
        "Acme Heating:Furnace": "furnace", "Acme Heating:Furnace:Duct": "duct",
        "Acme Heating:Roof": "roof", "Bell Plumbing:Empty": "empty",
        "Bell Plumbing:Free Estimate": "free", "Bell Plumbing:Old": "old",
        "Bell Plumbing:Under": "under",
    }  # fmt: skip
    for row in found:
        figures = company.jobs.figures(jobs[ids[row[0]]])
        assert row[3] == (figures.estimate_total if figures.estimate else None)
        assert row[4] == (figures.final_total if figures.final else None)
        assert row[5] == figures.variance
        assert row[6] == figures.variance_percent
    assert found[0][5:] == (Decimal("49.85"), Decimal("19.9"))
    assert found[3][3:] == (None, None, None, None)  # a job without an estimate: blank


def test_the_largest_amounts_print_whole(company: Any, tmp_path: Path) -> None:
    owner = company.customers.add(name="Huge").id
    job = company.jobs.add(parent=owner, name="Tower", status="Awarded").id
    figure(company, job, "estimate", "1", "9999999999999.99")
    figure(company, job, "final", "1", "0")
    tiny = company.jobs.add(parent=owner, name="Tiny", status="Awarded").id
    figure(company, tiny, "estimate", "1", "0.01")
    figure(company, tiny, "final", "1", "9999999999999.99")
    out = tmp_path / "big.pdf"
    job_estimates.render(company, JobEstimatesOptions(sort="name"), out)
    text = lines(out)
    tiny_at = text.index("Huge:Tiny")
    assert text[tiny_at + 2 : tiny_at + 6] == [
        "0.01", "9,999,999,999,999.99", "9,999,999,999,999.98", "99,999,999,999,999,800.0 %",
    ]  # fmt: skip
    tower = text.index("Huge:Tower")
    assert text[tower + 2 : tower + 5] == ["9,999,999,999,999.99", "0.00", "-9,999,999,999,999.99"]
    jobs_by_status.render(company, JobsByStatusOptions(), out)
    assert "-9,999,999,999,999.99" in lines(out)


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"sort": "amount"}, "sort"),
        ({"sort": None}, "sort"),
        ({"include_without_figures": "no"}, "include_without_figures"),
        ({"statuses": ("Open",)}, "statuses"),
        ({"customers": [1.5]}, "customers"),
        ({"paper": "A3"}, "paper"),
    ],
)
def test_estimates_bad_options(
    company: Any, tmp_path: Path, options: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        job_estimates.render(company, JobEstimatesOptions(**options), tmp_path / "x.pdf")
    assert error.value.field == field
    assert not (tmp_path / "x.pdf").exists()


def test_estimates_entry_empty_progress_and_cancel(
    company: Any, jobs: dict[str, int], tmp_path: Path
) -> None:
    info = job_estimates.INFO
    assert info.key == job_estimates.ENTRY.key == "job-estimates-vs-actuals"
    assert info.category in catalog.CATEGORIES and info.table is job_estimates.table
    seen: list[tuple[int, int]] = []
    job_estimates.render(
        company,
        JobEstimatesOptions(),
        tmp_path / "e.pdf",
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen[0] == (5, 10) and seen[-1] == (10, 10)
    with pytest.raises(ReportCancelled):
        job_estimates.render(
            company, JobEstimatesOptions(), tmp_path / "no.pdf", cancelled=lambda: True
        )
    assert not (tmp_path / "no.pdf").exists()
    out = tmp_path / "none.pdf"
    result = job_estimates.render(company, JobEstimatesOptions(statuses=("Not Awarded",)), out)
    assert result.entries == 0 and "No jobs match these choices." in lines(out)


def test_figures_in_the_office_number_format(
    company: Any, jobs: dict[str, int], tmp_path: Path
) -> None:
    company.settings.update(number_locale="de_DE")
    out = tmp_path / "de.pdf"
    job_estimates.render(company, JobEstimatesOptions(), out)
    text = lines(out)
    furnace = text.index("Acme Heating:Furnace")
    assert text[furnace + 2 : furnace + 6] == ["250,25", "300,10", "49,85", "19,9 %"]
    under = text.index("Bell Plumbing:Under")
    assert text[under + 5] == "-20,0 %"
    jobs_by_status.render(company, JobsByStatusOptions(), out)
    grand = lines(out).index("Grand total: 6 jobs")
    assert lines(out)[grand + 1 : grand + 4] == ["850,25", "770,10", "-40,15"]
