"""The reports whose choices their catalog entry lists: each has its command, its
``co.reports`` call and the choices of its entry, passed through to the report."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from officemgr.cli import main
from officemgr.reports import catalog

CATALOG_KEYS = [key for key, entry in catalog.ENTRIES.items() if entry.options]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def jobs(company: Any) -> dict[str, int]:
    co = company
    smith = co.customers.add(name="Smith, John", phone="(555) 201-3344").id
    furnace = co.jobs.add(parent=smith, name="Furnace", status="Closed").id
    co.jobs.add(parent=smith, name="Ducts", status="Pending")
    line = {"description": "Service call", "rate": "150.00", "is_taxable": False}
    co.invoices.add(node=furnace, lines=[line], invoice_date=date(2026, 9, 1))
    co.contact_log.add(
        owner=smith, kind="Call Out", subject="Asked for payment", employee="Dana",
        follow_up_on=date(2026, 12, 10),
    )  # fmt: skip
    return {"smith": smith, "furnace": furnace}


def test_every_catalog_report_has_a_command_and_an_api_call(
    company: Any, company_path: Path, jobs: dict[str, int], tmp_path: Path
) -> None:
    assert CATALOG_KEYS, "no report describes its choices in the catalog"
    for key in CATALOG_KEYS:
        out = tmp_path / f"{key}.pdf"
        assert main(["report", key, "--db", str(company_path), "--out", str(out)]) == 0
        assert out.read_bytes().startswith(b"%PDF")
        call = getattr(company.reports, key.replace("-", "_"))
        result = call(tmp_path / f"{key}.csv")
        assert result.pages == 0 and len(_rows(result.path)) == result.entries


def test_the_choices_reach_the_report(
    company_path: Path, jobs: dict[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(company_path)]
    out = tmp_path / "closed.csv"
    assert main(["report", "jobs-by-status", *db, "--out", str(out), "--statuses", "Closed"]) == 0
    assert [row["customer_job"] for row in _rows(out)] == ["Smith, John:Furnace"]
    out = tmp_path / "late.csv"
    argv = ["report", "collections", *db, "--out", str(out), "--as-of", "2026-11-30"]
    assert main([*argv, "--min-days", "30"]) == 0
    assert [row["customer"] for row in _rows(out)] == ["Smith, John"]
    assert main([*argv, "--min-days", "91"]) == 0  # due 2026-09-01: 90 days late
    assert _rows(out) == []
    out = tmp_path / "follow.csv"
    argv = ["report", "follow-ups", *db, "--out", str(out), "--period", "custom"]
    assert main([*argv, "--date-from", "2026-12-01", "--date-to", "2026-12-31"]) == 0
    assert [row["subject"] for row in _rows(out)] == ["Asked for payment"]
    capsys.readouterr()


def test_bad_choices_are_one_sentence(
    company_path: Path, jobs: dict[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(company_path), "--out", str(tmp_path / "x.pdf")]
    assert main(["report", "collections", *db, "--as-of", "2026-02-30"]) == 1
    assert "--as-of must be a date like 2026-11-30" in capsys.readouterr().err
    assert main(["report", "collections", *db, "--customer", "Nobody"]) == 1
    assert "Nobody" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["report", "jobs-by-status", *db, "--statuses", "Lost"])
    assert not (tmp_path / "x.pdf").exists()
