"""``officemgr export`` as an office runs it: one line saying what was written, and
refusals in one sentence on stderr with exit status 1, the company file untouched."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from officemgr import Company
from officemgr.cli import main


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def office_file(tmp_path: Path) -> Path:
    path = tmp_path / "Office.officemgr"
    with Company.open(path) as co:
        smith = co.customers.add(name="Smith, John", phone="555-201-3344").id
        co.jobs.add(parent=smith, name="Furnace", status="Pending")
        co.customers.add(name="Ødegård Rørlegger AS", company_name="Ødegård Rørlegger AS")
        co.customers.add(name="Old Mill Bakery", is_active=False)
        co.invoices.add(
            node=smith,
            lines=[{"description": "Visit", "rate": "80"}],
            invoice_date=date(2026, 11, 3),
        )
    return path


def test_customers_as_csv(
    office_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "customers.csv"
    assert main(["export", "--db", str(office_file), "--out", str(out)]) == 0
    said = capsys.readouterr()
    assert said.out == f"Wrote {out}: 3 customers and 1 job.\n" and said.err == ""
    assert out.read_bytes().startswith(b"\xef\xbb\xbffull_name,")


@pytest.mark.parametrize(
    ("name", "options", "summary"),
    [
        ("customers.iif", [], "3 customers and 1 job"),
        ("customers.txt", ["--format", "iif"], "3 customers and 1 job"),
        ("active.csv", ["--active-only"], "2 customers and 1 job"),
        ("people.vcf", [], "3 customers"),
        ("invoices.xlsx", ["--what", "invoices"], "1 invoice"),
        ("log.csv", ["--what", "contact-log"], "0 log entries"),
    ],
)
def test_every_format_and_list(
    office_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    options: list[str],
    summary: str,
) -> None:
    out = tmp_path / name
    assert main(["export", "--db", str(office_file), "--out", str(out), *options]) == 0
    assert capsys.readouterr().out == f"Wrote {out}: {summary}.\n"
    assert out.stat().st_size > 0


def test_the_company_file_as_out_is_refused_in_one_sentence(
    office_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(office_file)
    code = main(["export", "--db", str(office_file), "--out", str(office_file), "--format", "csv"])
    assert code == 1
    said = capsys.readouterr()
    assert said.out == ""
    assert said.err.startswith("officemgr: “Office.officemgr” is the name of a company file")
    assert said.err.count("\n") == 1 and "Traceback" not in said.err
    assert digest(office_file) == before


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--out", "x.txt"], "does not say which format to write"),
        (["--out", "log.iif", "--what", "contact-log"], "cannot be written as QuickBooks IIF"),
    ],
)
def test_wrong_choices_are_one_sentence(
    office_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    says: str,
) -> None:
    args = [arg if not arg.endswith((".txt", ".iif")) else str(tmp_path / arg) for arg in args]
    assert main(["export", "--db", str(office_file), *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("officemgr: ") and says in err and err.count("\n") == 1
